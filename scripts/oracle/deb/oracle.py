#!/usr/bin/python3
"""deb oracle: dpkg's own version parser and ordering, via `dpkg --compare-versions`.

compare mode: "a\tb" -> "a\tb\t-1|0|1|bad-version\tnote"
    runs `dpkg --compare-versions a lt b` and `... a eq b`; exit 0 = true, 1 = false,
    2 (dpkg: error: version ... has bad syntax) -> bad-version.
valid mode:   "v" -> "v\tvalid|warn-bad-syntax|bad-version\tnote"
    runs `dpkg --compare-versions v eq v`:
      exit 0, nothing on stderr                        -> valid
      exit 0, "dpkg: warning: version ... has bad syntax" -> warn-bad-syntax (dpkg still compares it)
      exit 2, "dpkg: error: version ... has bad syntax"   -> bad-version
    note = dpkg's first stderr line with the "dpkg: " prefix removed ("-" when silent).
    dpkg --compare-versions treats the empty string as "no version" (see dpkg(1)), so "" is valid here.
"""
import subprocess
import sys


def dpkg(a, op, b):
    p = subprocess.run(["dpkg", "--compare-versions", a, op, b], capture_output=True, text=True)
    err = p.stderr.strip().splitlines()
    return p.returncode, (err[0].removeprefix("dpkg: ") if err else "-")


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "compare"
    if mode == "version":
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "dpkg"], capture_output=True, text=True).stdout
        print("dpkg " + out.strip())
        return
    lines = sys.stdin.buffer.read().decode("utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    w = sys.stdout.write
    for raw in lines:
        line = raw[:-1] if raw.endswith("\r") else raw
        f = line.split("\t")
        a = f[0]
        b = f[1] if len(f) > 1 else ""
        if mode == "valid":
            rc, note = dpkg(a, "eq", a)
            if rc == 0:
                d = "valid" if note == "-" else "warn-bad-syntax"
            elif rc == 2:
                d = "bad-version"
            else:
                d = f"error-rc{rc}"
            w(f"{a}\t{d}\t{note}\n")
        elif mode == "compare":
            rc_lt, n1 = dpkg(a, "lt", b)
            if rc_lt == 2:
                w(f"{a}\t{b}\tbad-version\t{n1}\n")
                continue
            rc_eq, n2 = dpkg(a, "eq", b)
            d = "-1" if rc_lt == 0 else ("0" if rc_eq == 0 else "1")
            note = n1 if n1 != "-" else n2
            w(f"{a}\t{b}\t{d}\t{note}\n")
        else:
            sys.exit("unknown mode " + mode)


if __name__ == "__main__":
    main()
