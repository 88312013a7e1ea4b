#!/usr/bin/python3
"""rpm oracle: python3-rpm (librpm's own EVR parser and rpmvercmp).

compare mode: "a\tb" -> "a\tb\t-1|0|1\tevr-a\tevr-b"
    Each side is split into (epoch, version, release) by rpm's own parser, rpm.ver(s)
    ([epoch:]version[-release], release after the last '-'), then
    rpm.labelCompare((e, v, r), (e, v, r)) gives the order.
    The 4th/5th columns show the split as e:v-r ("" epoch/release shown as empty).
rpm.labelCompare / rpmvercmp has no notion of an invalid version: any two strings are
compared (non-alphanumeric characters are separators). Only the EVR split (rpm.ver, librpm's
rpmverParse) or labelCompare itself rejects a few strings (e.g. "" and "1:"); such a side gives bad-version, with the
binding's message in the 4th column.
valid mode: "v" -> "v\tvalid|bad-version" (rpm.ver(v) parses it and labelCompare accepts the result: the only rejections rpm has).
"""
import sys

import rpm


def evr(s):
    v = rpm.ver(s)
    t = (v.e, v.v, v.r)
    rpm.labelCompare(t, t)  # raises ValueError for an EVR it cannot compare (e.g. "1:")
    return t


def fmt(t):
    e, v, r = t
    return f"{e or ''}:{v or ''}-{r or ''}"


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "compare"
    if mode == "version":
        print("rpm (python3-rpm) " + rpm.__version__)
        return
    if mode not in ("compare", "valid"):
        sys.exit("rpm has only compare and valid modes")
    lines = sys.stdin.buffer.read().decode("utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for raw in lines:
        line = raw[:-1] if raw.endswith("\r") else raw
        f = line.split("\t")
        a = f[0]
        b = f[1] if len(f) > 1 else ""
        if mode == "valid":
            try:
                evr(a)
                sys.stdout.write(f"{a}\tvalid\n")
            except ValueError:
                sys.stdout.write(f"{a}\tbad-version\n")
            continue
        try:
            ta, tb = evr(a), evr(b)
        except ValueError as e:
            msg = str(e).replace("\t", " ").replace("\n", " ")
            sys.stdout.write(f"{a}\t{b}\tbad-version\trpm.ver: {msg}\t-\n")
            continue
        d = str(rpm.labelCompare(ta, tb))
        sys.stdout.write(f"{a}\t{b}\t{d}\t{fmt(ta)}\t{fmt(tb)}\n")


if __name__ == "__main__":
    main()
