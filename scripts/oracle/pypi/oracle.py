#!/usr/bin/python3
"""pypi oracle: pypa/packaging (Debian's python3-packaging on /usr/bin/python3).

range   mode: "range\tversion" -> "range\tversion\tdecision\tdefault"
    decision = SpecifierSet(r).contains(Version(v), prereleases=True)
    default  = SpecifierSet(r).contains(Version(v), prereleases=None)
    A range containing "||" (sbomx extension, not PEP 440) is split on "||", each part
    evaluated as above, and the results OR-ed; any part rejected -> bad-range.
    bad-range on InvalidSpecifier (checked first), else bad-version on InvalidVersion.
    If contains() itself raises, that column says error:<ExceptionName>.
compare mode: "a\tb" -> "a\tb\t-1|0|1|bad-version"  (Version ordering)
valid   mode: "v"    -> "v\tvalid|bad-version"      (Version(v) parses)
"""
import sys

import packaging
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version


def parse_range(r):
    return [SpecifierSet(p) for p in r.split("||")]


def contains(sets, v, prereleases):
    """match / nomatch, or error:<Exception> when contains() itself raises (e.g. packaging 23.0 raises
    InvalidVersion from SpecifierSet('===foobar').contains(..., prereleases=None): the specifier's
    own version is not PEP 440)."""
    try:
        return "match" if any(s.contains(v, prereleases=prereleases) for s in sets) else "nomatch"
    except Exception as e:  # noqa: BLE001 - the tool's own failure is the answer
        return "error:" + type(e).__name__


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "range"
    if mode == "version":
        print(packaging.__version__)
        return
    out = sys.stdout
    lines = sys.stdin.buffer.read().decode("utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for raw in lines:
        line = raw[:-1] if raw.endswith("\r") else raw
        f = line.split("\t")
        a = f[0]
        b = f[1] if len(f) > 1 else ""
        if mode == "range":
            try:
                sets = parse_range(a)
            except InvalidSpecifier:
                out.write(f"{a}\t{b}\tbad-range\tbad-range\n")
                continue
            try:
                v = Version(b)
            except InvalidVersion:
                out.write(f"{a}\t{b}\tbad-version\tbad-version\n")
                continue
            d = contains(sets, v, True)
            d0 = contains(sets, v, None)
            out.write(f"{a}\t{b}\t{d}\t{d0}\n")
        elif mode == "compare":
            try:
                va, vb = Version(a), Version(b)
            except InvalidVersion:
                out.write(f"{a}\t{b}\tbad-version\n")
                continue
            out.write(f"{a}\t{b}\t{(va > vb) - (va < vb)}\n")
        elif mode == "valid":
            try:
                Version(a)
                out.write(f"{a}\tvalid\n")
            except InvalidVersion:
                out.write(f"{a}\tbad-version\n")
        else:
            sys.exit("unknown mode " + mode)


if __name__ == "__main__":
    main()
