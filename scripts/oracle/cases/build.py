#!/usr/bin/python3
"""Build the oracle tables under internal/match/versions/testdata/oracle/.

For each ecosystem: collect cases from the ecosystem's own test suites (read straight out
of the fetched upstream git snapshots, see README), the PEP 440 text, and sbomx's own
placeholder / cross-ecosystem cases; run them through scripts/oracle/run.sh so that the
decision column is the real tool's answer; compare with what the upstream test claims;
write the tables with a provenance header.

Usage: python3 scripts/oracle/cases/build.py [ECO ...]
Env:   ORACLE_MIRROR  directory holding the snapshots as OWNER+NAME/repo (default /work/.mirror)
       ORACLE_OUT     output directory (default internal/match/versions/testdata/oracle beside this script)
       ORACLE_DISAGREE  where to write the list of disagreements (default /tmp/oracle-disagreements.tsv)
Dev tool only; never run in CI. Needs the tools of scripts/oracle/README.md.
"""
import ast
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import types

HERE = os.path.dirname(os.path.abspath(__file__))
ORACLE = os.path.dirname(HERE)
ROOT = os.path.dirname(os.path.dirname(ORACLE))
MIRROR = os.environ.get("ORACLE_MIRROR", "/work/.mirror")
OUT = os.environ.get("ORACLE_OUT", os.path.join(ROOT, "pkg", "versions", "testdata", "oracle"))
DISAGREE = os.environ.get("ORACLE_DISAGREE", "/tmp/oracle-disagreements.tsv")
MAX_ROWS = 2000
TODAY = datetime.date.today().isoformat()


# --------------------------------------------------------------------------- sources

class Src:
    """One upstream file at one commit of a fetched snapshot."""

    def __init__(self, label, repo, ref, path, licence):
        self.label, self.repo, self.ref, self.path, self.licence = label, repo, ref, path, licence
        self.commit = git(repo, "rev-parse", ref + "^{commit}").strip() if repo else ""

    def text(self):
        return git(self.repo, "show", f"{self.commit}:{self.path}")

    def header(self):
        if not self.repo:
            return f"{self.label} = {self.licence}"
        return (f"{self.label} = github.com/{self.repo.replace('+', '/')} {self.path} @ {self.commit}"
                f" ({self.ref}), licence {self.licence}")


def git(repo, *args):
    return subprocess.run(["git", "--git-dir", os.path.join(MIRROR, repo, "repo"), *args],
                          check=True, capture_output=True, text=True).stdout


SBOMX_PLACEHOLDER = Src("sbomx placeholder", None, None, None,
                        "placeholder versions real SBOM generators write; chosen by sbomx, not upstream")
SBOMX_CROSS = Src("sbomx cross-ecosystem", None, None, None,
                  "range spellings sbomx users type in any ecosystem; chosen by sbomx, not upstream")

PLACEHOLDERS = ["NOASSERTION", "UNKNOWN", "unknown", "(devel)", "${log4j.version}", "${project.version}",
                "*", "2.x", "latest", "", "0", "v", "1.0.0-SNAPSHOT", "dev-master", "master", "HEAD", "1.2.3 "]
CROSS_RANGES = ["<2.17.0", ">=1.0,<2.0", ">=1.0 <2.0", "<1.0 || >=2.0,<2.5", "!=1.0", "==1.0", "=1.0"]
CROSS_VERSIONS = ["0.9.0", "1.0", "1.0.0", "1.5.0", "2.0.0", "2.1.0", "2.5.0", "2.16.1", "2.17.0", "1.0.0-rc.1"]


# --------------------------------------------------------------------------- cases

class Case:
    __slots__ = ("inputs", "expect", "col", "src", "note", "keep")

    def __init__(self, inputs, expect, src, col=None, note="", keep=False):
        self.keep = keep              # keep even if the same inputs already appear (a case group meant to be complete)
        self.inputs = tuple(inputs)   # (range, version) | (a, b) | (v,)
        self.expect = expect          # None | 'match' | 'nomatch' | 'bad-range' | '!bad-range' | 'valid' | '-1|0' | '!0' ...
        self.col = col                # output column the expectation is about (None = decision)
        self.src = src
        self.note = note              # e.g. 'loose' -> expectation not checkable with our call


def upstream_text(c):
    if c.expect is None:
        return "-"
    t = c.expect
    if c.col:
        t += "@" + c.col
    if c.note:
        t += " (" + c.note + ")"
    return t


def clean(s):
    return all(ord(ch) >= 0x20 and ch != "\x7f" for ch in s)


# --------------------------------------------------------------------------- running

def run(eco, mode, inputs):
    data = "".join("\t".join(i) + "\n" for i in inputs)
    p = subprocess.run([os.path.join(ORACLE, "run.sh"), eco, mode], input=data.encode(), capture_output=True)
    if p.returncode != 0:
        raise SystemExit(f"{eco} {mode}: runner failed:\n{p.stderr.decode()[-3000:]}")
    out = p.stdout.decode().split("\n")
    if out and out[-1] == "":
        out.pop()
    if len(out) != len(inputs):
        raise SystemExit(f"{eco} {mode}: {len(inputs)} lines in, {len(out)} out")
    rows = [l.split("\t") for l in out]
    for i, r in zip(inputs, rows):
        if tuple(r[:len(i)]) != tuple(i):
            raise SystemExit(f"{eco} {mode}: echo mismatch {i!r} vs {r!r}")
    return rows


def tool_version(eco):
    return subprocess.run([os.path.join(ORACLE, "run.sh"), eco, "version"], capture_output=True,
                          text=True, check=True).stdout.strip()


def check(expect, d):
    if expect is None:
        return "-"
    if expect.startswith("!"):
        bad = set(expect[1:].split("|"))
        if bad <= {"0", "-1", "1"}:
            bad.add("bad-version")
        return "yes" if d not in bad else "no"
    if expect == "nomatch" and d in ("bad-version", "bad-range"):
        return "rejected"  # upstream says "does not match"; the tool refuses the input outright
    return "yes" if d in expect.split("|") else "no"


DISAGREEMENTS = []
ECOS = {}


def write_table(eco, mode, cases, cols, extra_cols, call, tool, notes=()):
    """cols: names of the input columns; extra_cols: names of the runner's columns after decision."""
    seen, uniq = set(), []
    for c in cases:
        if not all(clean(x) for x in c.inputs):
            continue
        k = (c.inputs, c.expect, c.col, c.note, c.src.label if c.keep else None)
        if k in seen:
            continue
        seen.add(k)
        uniq.append(c)
    # a case with no expectation is dropped if the same inputs already carry one
    with_exp = {c.inputs for c in uniq if c.expect is not None}
    uniq = [c for c in uniq if c.expect is not None or c.keep or c.inputs not in with_exp]
    seen2, final = set(), []
    for c in uniq:
        if c.expect is None and not c.keep:
            if c.inputs in seen2:
                continue
            seen2.add(c.inputs)
        final.append(c)
    if len(final) > MAX_ROWS:
        print(f"warning: {eco}-{mode}: {len(final)} rows, over {MAX_ROWS}", file=sys.stderr)
    results = run(eco, mode, [c.inputs for c in final])
    srcs = []
    for c in final:
        if c.src not in srcs:
            srcs.append(c.src)
    n_in = len(cols)
    names = cols + ["decision"] + extra_cols
    path = os.path.join(OUT, f"{eco}-{mode}.tsv")
    nagree = ndis = 0
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"# sbomx version oracle: {eco} {mode} mode. Generated by scripts/oracle/cases/build.py on {TODAY};"
                f" do not edit by hand.\n")
        f.write(f"# tool: {tool}\n")
        for l in call:
            f.write(f"# call: {l}\n")
        for l in notes:
            f.write(f"# note: {l}\n")
        f.write("# columns: " + ", ".join(names) + ", upstream (what the upstream test/spec asserts;"
                " '@col' = asserted about that column, '!x' = anything but x, 'a|b' = either; '-' = no claim),"
                " agrees (tool answer vs upstream: yes / no / rejected = upstream says nomatch, the tool rejects the input /"
                " n-a = upstream used an option our call does not / - = no claim), source (case group, listed below)\n")
        f.write("# sources (case group = where it came from):\n")
        for s in srcs:
            f.write(f"#   {s.header()}\n")
        f.write("\t".join(names + ["upstream", "agrees", "source"]) + "\n")
        for c, r in zip(final, results):
            r = r + ["-"] * (len(names) - len(r))
            if c.expect is None:
                ag = "-"
            elif c.note:
                ag = "n-a"
            else:
                idx = names.index(c.col) if c.col else n_in
                ag = check(c.expect, r[idx])
            if ag == "yes":
                nagree += 1
            if ag == "no":
                ndis += 1
                DISAGREEMENTS.append([eco, mode] + list(c.inputs) + [upstream_text(c), "|".join(r[n_in:]), c.src.label])
            f.write("\t".join(r[:len(names)] + [upstream_text(c), ag, c.src.label]) + "\n")
    print(f"{path}: {len(final)} rows, {nagree} agree, {ndis} disagree", file=sys.stderr)
    return len(final)


# --------------------------------------------------------------------------- helpers for placeholders

def placeholder_ranges(eco, lo, hi, both):
    cs = []
    for r in (lo, hi, both):
        for v in PLACEHOLDERS:
            cs.append(Case((r, v), None, SBOMX_PLACEHOLDER, keep=True))
    return cs


def placeholder_valid():
    return [Case((v,), None, SBOMX_PLACEHOLDER, keep=True) for v in PLACEHOLDERS]


def placeholder_compare(ref="1.0.0"):
    return [Case((v, ref), None, SBOMX_PLACEHOLDER, keep=True) for v in PLACEHOLDERS]


def cross_ranges():
    return [Case((r, v), None, SBOMX_CROSS) for r in CROSS_RANGES for v in CROSS_VERSIONS]


def ordered_pairs(versions, src, allpairs=True):
    cs = []
    n = len(versions)
    for i in range(n):
        for j in range(i + 1, n):
            if not allpairs and j != i + 1:
                continue
            cs.append(Case((versions[i], versions[j]), "-1", src))
    return cs


def unescape_c(s):
    """Unescape a C-like / Rust / Go / JS double-quoted literal body."""
    out, i = [], 0
    while i < len(s):
        ch = s[i]
        if ch == "\\" and i + 1 < len(s):
            n = s[i + 1]
            m = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\", '"': '"', "'": "'"}
            if n in m:
                out.append(m[n])
                i += 2
                continue
            if n == "u" and s[i + 2:i + 3] == "{":
                j = s.index("}", i)
                out.append(chr(int(s[i + 3:j], 16)))
                i = j + 1
                continue
            out.append(n)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


STR = r'"((?:[^"\\]|\\.)*)"'


def strs(text):
    return [unescape_c(m) for m in re.findall(STR, text)]


# =========================================================================== npm

def npm():
    ref = "HEAD"
    S = lambda p: Src(f"node-semver {p}", "npm+node-semver", ref, p, "ISC")
    srcs = {n: S(f"test/fixtures/{n}.js") for n in
            ["range-include", "range-exclude", "comparisons", "equality", "invalid-versions", "valid-versions"]}
    with tempfile.TemporaryDirectory() as top:
        td = os.path.join(top, "test", "fixtures")
        os.makedirs(td)
        os.makedirs(os.path.join(top, "internal"))
        # the fixtures require ../../internal/constants
        open(os.path.join(top, "internal", "constants.js"), "w").write(
            git("npm+node-semver", "show", f"{ref}:internal/constants.js"))
        for n, s in srcs.items():
            open(os.path.join(td, n + ".js"), "w").write(s.text())
        js = ("const d=process.argv[1];const o={};for(const n of ['range-include','range-exclude','comparisons',"
              "'equality','invalid-versions','valid-versions'])o[n]=require(d+'/'+n+'.js');"
              "console.log(JSON.stringify(o,(k,v)=>v instanceof RegExp?String(v):(typeof v==='bigint'?String(v):v)))")
        fx = json.loads(subprocess.run(["node", "-e", js, td], capture_output=True, text=True, check=True).stdout)

    def opt_note(o):
        if isinstance(o, dict):
            ks = [k for k, v in o.items() if v]
            if "loose" in ks:
                return "loose", None
            if "includePrerelease" in ks:
                return "", None  # decision column is includePrerelease:true
            return "", "default"
        if o is True:  # legacy boolean 'loose'
            return "loose", None
        return "", "default"

    rng, cmp_, val = [], [], []
    for name, exp in (("range-include", "match"), ("range-exclude", "nomatch")):
        for item in fx[name]:
            r, v = item[0], item[1]
            o = item[2] if len(item) > 2 else None
            if not isinstance(r, str) or not isinstance(v, str):
                continue
            note, col = opt_note(o)
            if note:
                rng.append(Case((r, v), exp, srcs[name], note="with {loose:true}"))
            else:
                rng.append(Case((r, v), exp, srcs[name], col=col))
    for item in fx["comparisons"]:
        a, b = item[0], item[1]
        loose = len(item) > 2 and item[2]
        cmp_.append(Case((a, b), "1", srcs["comparisons"], note="with loose" if loose else ""))
    for item in fx["equality"]:
        a, b = item[0], item[1]
        loose = len(item) > 2 and item[2]
        cmp_.append(Case((a, b), "0", srcs["equality"], note="with loose" if loose else ""))
    for item in fx["invalid-versions"]:
        v = item[0]
        if isinstance(v, str):
            o = item[2] if len(item) > 2 else None
            note = "with loose" if (o is True or (isinstance(o, dict) and o.get("loose"))) else ""
            val.append(Case((v,), "bad-version", srcs["invalid-versions"], note=note))
    for item in fx["valid-versions"]:
        if isinstance(item[0], str):
            val.append(Case((item[0],), "valid", srcs["valid-versions"]))
    rng += placeholder_ranges("npm", ">=1.0.0", "<2.0.0", ">=1.0.0 <2.0.0") + cross_ranges()
    val += placeholder_valid()
    cmp_ += placeholder_compare()
    tool = f"node-semver {tool_version('npm')} (npm install semver@7), node {subprocess.run(['node', '--version'], capture_output=True, text=True).stdout.strip()}"
    notes = ["bad-range is checked before bad-version; both use the non-loose parsers",
             "cases from fixtures that pass {loose:true} are kept with upstream '... (with {loose:true})' and agrees n-a:"
             " our call is non-loose",
             "fixtures without options are asserted about the default column (includePrerelease:false);"
             " fixtures with {includePrerelease:true} about decision",
             f"test fixtures are from the {ref} snapshot of npm/node-semver (package.json there: 7.8.5; the tool is 7.8.6:"
             " no v7.8.6 tag in the snapshot)"]
    write_table("npm", "range", rng, ["range", "version"], ["default"],
                ["decision = semver.satisfies(v, r, {includePrerelease: true}); default = semver.satisfies(v, r) (includePrerelease: false)",
                 "bad-range when semver.validRange(r) === null; bad-version when semver.valid(v) === null"], tool, notes)
    write_table("npm", "compare", cmp_, ["a", "b"], [],
                ["decision = semver.compare(a, b); bad-version when semver.valid(a or b) === null"], tool,
                ["comparisons.js rows are [greater, smaller]: upstream 1; equality.js: upstream 0",
                 "rows whose fixture passes loose are kept with agrees n-a"])
    write_table("npm", "valid", val, ["version"], [],
                ["decision = semver.valid(v) !== null ? valid : bad-version (non-loose)"], tool,
                ["semver.valid trims surrounding whitespace before parsing"])


# =========================================================================== pypi

def _soft_imports(src):
    """Newer upstream tests import private names the installed packaging lacks: bind those to None."""
    def repl(m):
        mod, names = m.group(1), m.group(2)
        names = [n.strip() for n in names.replace("(", "").replace(")", "").replace("\n", " ").split(",") if n.strip()]
        out = [f"import {mod} as _soft_mod"]
        for n in names:
            a, _, b = n.partition(" as ")
            out.append(f"{(b or a).strip()} = getattr(_soft_mod, {a.strip()!r}, None)")
        return "\n".join(out) + "\n"
    return re.sub(r'^from (packaging[\w.]*) import (\([^)]*\)|[^\n]*)\n', repl, src, flags=re.M)


def _load_packaging_tests(ver_src, spec_src):
    """Import the upstream test modules with a stub pytest that records parametrize calls."""
    recs = []

    class Mark:
        def parametrize(self, names, values, **kw):
            def deco(fn):
                nm = [n.strip() for n in names.split(",")] if isinstance(names, str) else list(names)
                recs.append((fn.__qualname__, nm, list(values)))
                return fn
            return deco

        def __getattr__(self, name):
            def deco(*a, **k):
                if a and callable(a[0]) and len(a) == 1 and not k:
                    return a[0]
                return lambda fn: fn
            return deco

    stub = types.ModuleType("pytest")
    stub.mark = Mark()
    stub.raises = lambda *a, **k: None
    stub.warns = lambda *a, **k: None
    stub.fixture = lambda *a, **k: (a[0] if a and callable(a[0]) else (lambda f: f))
    stub.param = lambda *a, **k: a
    stub.skip = lambda *a, **k: None
    saved = sys.modules.get("pytest")
    sys.modules["pytest"] = stub
    sys.modules.setdefault("pretend", types.ModuleType("pretend"))
    try:
        with tempfile.TemporaryDirectory() as td:
            pkg = os.path.join(td, "upstream_tests")
            os.mkdir(pkg)
            open(os.path.join(pkg, "__init__.py"), "w").close()
            open(os.path.join(pkg, "test_version.py"), "w").write(_soft_imports(ver_src.text()))
            open(os.path.join(pkg, "test_specifiers.py"), "w").write(_soft_imports(spec_src.text()))
            sys.path.insert(0, td)
            import importlib
            tv = importlib.import_module("upstream_tests.test_version")
            ts = importlib.import_module("upstream_tests.test_specifiers")
            sys.path.pop(0)
            for k in [k for k in sys.modules if k == "upstream_tests" or k.startswith("upstream_tests.")]:
                del sys.modules[k]  # a later call loads another commit's files
    finally:
        if saved is not None:
            sys.modules["pytest"] = saved
        else:
            del sys.modules["pytest"]
    return tv, ts, recs


def _is_pep440(v):
    from packaging.version import InvalidVersion, Version
    try:
        Version(v)
        return True
    except InvalidVersion:
        return False


def pypi_cases(tag, label_suffix=""):
    VS = Src(f"packaging{label_suffix} tests/test_version.py", "pypa+packaging", tag, "tests/test_version.py",
             "Apache-2.0 OR BSD-2-Clause")
    SS = Src(f"packaging{label_suffix} tests/test_specifiers.py", "pypa+packaging", tag, "tests/test_specifiers.py",
             "Apache-2.0 OR BSD-2-Clause")
    tv, ts, recs = _load_packaging_tests(VS, SS)
    rng, cmp_, val = [], [], []
    versions = list(getattr(tv, "VERSIONS", []))
    for v in versions:
        val.append(Case((v,), "valid", VS))
    cmp_ += ordered_pairs(versions, VS, allpairs=False)
    for qual, names, values in recs:
        fn = qual.split(".")[-1]
        key = tuple(names)
        if key == ("version",) and fn == "test_invalid_versions":
            for v in values:
                if isinstance(v, str):
                    val.append(Case((v,), "bad-version", VS))
        elif key == ("version",) and fn in ("test_valid_versions",):
            for v in values:
                if isinstance(v, str):
                    val.append(Case((v,), "valid", VS))
        elif key == ("version", "normalized") and fn == "test_normalized_versions":
            for v, n in values:
                cmp_.append(Case((v, n), "0", VS))
        elif key == ("specifier",) and fn == "test_specifiers_invalid":
            for s in values:
                if isinstance(s, str):
                    rng.append(Case((s, "1.0"), "bad-range", SS))
        elif key == ("specifier",) and fn == "test_specifiers_valid":
            for s in values:
                if isinstance(s, str):
                    rng.append(Case((s, "1.0"), "!bad-range", SS))
        elif fn in ("test_specifiers", "test_invalid_version", "test_contains_post_release_boundary_intersection") \
                and len(key) == 3 and key[2] == "expected" and ("TestSpecifier." in qual or fn != "test_specifiers"):
            # Specifier(spec, prereleases=True) / ss.contains(v, prereleases=True) -> our decision column
            for t in values:
                a, b, e = t
                v, sp = (a, b) if key[0] == "version" else (b, a)
                rng.append(Case((sp, v), "match" if e else "nomatch", SS,
                                note="" if _is_pep440(v) else "upstream passes the raw string; the runner needs Version(v)"))
        elif fn in ("test_arbitrary_equality", "test_contains_arbitrary_equality_contains") and len(key) == 3:
            for t in values:
                a, b, e = t
                v, sp = (a, b) if key[0] == "version" else (b, a)
                rng.append(Case((sp, v), "match" if e else "nomatch", SS, col="default",
                                note="" if _is_pep440(v) else "upstream passes the raw string; the runner needs Version(v)"))
        elif fn == "test_contains_exclusionary_bridges":
            for sp, pre, v, e in values:
                if pre is None:
                    rng.append(Case((sp, v), "match" if e else "nomatch", SS, col="default"))
                elif pre is True:
                    rng.append(Case((sp, v), "match" if e else "nomatch", SS))
                else:
                    rng.append(Case((sp, v), "match" if e else "nomatch", SS, note="prereleases=False"))
        elif False:
            # Specifier(spec, prereleases=True)  -> our decision column
            for v, s, e in values:
                rng.append(Case((s, v), "match" if e else "nomatch", SS))
        elif fn in ("test_specifiers_identity", "test_comparison_ignores_local") or \
                (fn == "test_specifiers" and "SpecifierSet" in qual):
            for t in values:
                if len(t) != 3:
                    continue
                a, b, e = t
                v, s = (a, b) if key[0] == "version" else (b, a)
                if not isinstance(e, bool) or not isinstance(s, str) or not isinstance(v, str):
                    continue
                rng.append(Case((s, v), "match" if e else "nomatch", SS, col="default"))
        elif fn == "test_specifiers_prereleases" and key == ("specifier", "version", "expected"):
            for s, v, e in values:
                rng.append(Case((s, v), "match" if e else "nomatch", SS, col="default"))
                # the test then flips prereleases and asserts the opposite-mode answer
                if not e:
                    rng.append(Case((s, v), "match", SS))
    return rng, cmp_, val, VS, SS


PEP = None


def pep440_cases():
    global PEP
    PEP = {sec: Src(f"PEP 440 §{sec}", "python+peps", "HEAD", "peps/pep-0440.rst",
                    "public domain (the PEP says: placed in the public domain)")
           for sec in ["Version matching", "Version exclusion", "Exclusive ordered comparison",
                       "Arbitrary equality", "Compatible release", "Summary of permitted suffixes and relative ordering",
                       "Local version identifiers"]}
    P = PEP
    m, n = "match", "nomatch"
    rng = []
    vm = P["Version matching"]
    for s, e in [("==1.1", n), ("==1.1.post1", m), ("==1.1.*", m)]:
        rng.append(Case((s, "1.1.post1"), e, vm))
    for s, e in [("==1.1", n), ("==1.1a1", m)]:
        rng.append(Case((s, "1.1a1"), e, vm))
    rng.append(Case(("==1.1.*", "1.1a1"), m, vm, note="if pre-releases are requested"))
    rng.append(Case(("==1.1.*", "1.1a1"), m, vm))  # prereleases=True column
    for s, e in [("==1.1", m), ("==1.1.0", m), ("==1.1.dev1", n), ("==1.1a1", n), ("==1.1.post1", n), ("==1.1.*", m)]:
        rng.append(Case((s, "1.1"), e, vm))
    for s in ["==1.0.dev1.*", "==1.0+foo1.*"]:
        rng.append(Case((s, "1.0"), "bad-range", vm))
    rng.append(Case(("==1.0", "1.0+downstream1"), m, vm))
    rng.append(Case(("==1.0+downstream1", "1.0+downstream1"), m, vm))
    rng.append(Case(("==1.0+downstream1", "1.0+downstream2"), n, vm))
    rng.append(Case(("==1.0+downstream1", "1.0"), n, vm))
    ve = P["Version exclusion"]
    for s, e in [("!=1.1", m), ("!=1.1.post1", n), ("!=1.1.*", n)]:
        rng.append(Case((s, "1.1.post1"), e, ve))
    eo = P["Exclusive ordered comparison"]
    for s, v, e in [(">1.7", "1.7.1", m), (">1.7", "1.7.0.post1", n), (">1.7.post2", "1.7.1", m),
                    (">1.7.post2", "1.7.0.post3", m), (">1.7.post2", "1.7.0", n), (">1.7", "1.7+local", n),
                    ("<1.7", "1.7rc1", n), ("<1.7rc1", "1.7b1", m), ("<1.7", "1.6", m)]:
        rng.append(Case((s, v), e, eo))
    for s in [">1.7+local", "<1.7+local", ">=1.7+local", "<=1.7+local"]:
        rng.append(Case((s, "1.7"), "bad-range", eo))
    ae = P["Arbitrary equality"]
    rng.append(Case(("===foobar", "foobar"), m, ae,
                    note="PEP says ===foobar matches the string foobar; our call parses Version(v) first"))
    rng.append(Case(("===1.0", "1.0+downstream1"), n, ae))
    rng.append(Case(("===1.0", "1.0"), m, ae))
    cr = P["Compatible release"]
    for spec, exp, vs in [
        ("~=2.2", ">=2.2,==2.*", [("2.2", m), ("2.3", m), ("2.9.1", m), ("3.0", n), ("2.1", n)]),
        ("~=1.4.5", ">=1.4.5,==1.4.*", [("1.4.5", m), ("1.4.9", m), ("1.5.0", n), ("1.4.4", n)]),
        ("~=2.2.post3", ">=2.2.post3,==2.*", [("2.2.post3", m), ("2.2", n), ("2.9", m), ("3.0", n)]),
        ("~=1.4.5a4", ">=1.4.5a4,==1.4.*", [("1.4.5a4", m), ("1.4.5", m), ("1.4.9", m), ("1.5", n)]),
        ("~=2.2.0", ">=2.2.0,==2.2.*", [("2.2.0", m), ("2.2.9", m), ("2.3", n)]),
        ("~=1.4.5.0", ">=1.4.5.0,==1.4.5.*", [("1.4.5.0", m), ("1.4.5.9", m), ("1.4.6", n)]),
    ]:
        for v, e in vs:
            rng.append(Case((spec, v), e, cr))
            rng.append(Case((exp, v), e, cr))
    rng.append(Case(("~=1", "1.0"), "bad-range", cr))
    order = ["1.dev0", "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2",
             "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5", "1.0+abc.7",
             "1.0+5", "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1"]
    cmp_ = ordered_pairs(order, P["Summary of permitted suffixes and relative ordering"], allpairs=False)
    cmp_.append(Case(("1.0c1", "1.0rc1"), "0", P["Summary of permitted suffixes and relative ordering"]))
    return rng, cmp_


def pypi():
    rng, cmp_, val, VS, SS = pypi_cases("23.0", " 23.0")
    # the newest packaging's own tests, to show where today's pip (newer packaging) and 23.0 differ
    hr, hc, hv, _, _ = pypi_cases("HEAD", " HEAD")
    rng += hr
    val += [c for c in hv if c.expect == "bad-version"]
    prng, pcmp = pep440_cases()
    rng += prng
    cmp_ += pcmp
    tt = Src("sbomx torchtriton case", None, None, None,
             "the torchtriton incident (Dec 2022): malicious 2.0.0 on PyPI vs PyTorch nightly's 2.0.0+0d7e753227")
    for r in ["==2.0.0", "2.0.0", "<=2.0.0", ">=2.0.0", ">2.0.0", "<2.0.0", "!=2.0.0", "==2.0.0+0d7e753227",
              "===2.0.0+0d7e753227", "==2.0.*", "!=2.0.*", "~=2.0", "~=2.0.0"]:
        for v in ["2.0.0+0d7e753227", "2.0.0", "2.0.0.dev20221230", "2.0.1"]:
            rng.append(Case((r, v), None, tt, keep=True))
    rng += placeholder_ranges("pypi", ">=1.0", "<2.0", ">=1.0,<2.0") + cross_ranges()
    val += placeholder_valid()
    cmp_ += placeholder_compare()
    py = subprocess.run(["/usr/bin/python3", "--version"], capture_output=True, text=True).stdout.strip()
    tool = f"packaging {tool_version('pypi')} (Debian python3-packaging), {py} at /usr/bin/python3"
    notes = ["bad-range is checked before bad-version",
             "'||' is not PEP 440: sbomx's extension; the runner splits on '||' and ORs the parts",
             "a bare version ('2.0.0') is not a PEP 440 specifier: the tool rejects it (bad-range); sbomx reads it as ==",
             "upstream test_specifiers builds Specifier(spec, prereleases=True) in test_specifiers: checked against"
             " decision; identity/prerelease/local tests use the default: checked against default",
             "upstream cases are from the packaging 23.0 tag (the installed version) and from pypa/packaging HEAD"
             " (newer than the tool: a disagreement there is a behaviour change after 23.0, not a runner bug)"]
    write_table("pypi", "range", rng, ["range", "version"], ["default"],
                ["decision = SpecifierSet(r).contains(Version(v), prereleases=True)",
                 "default = SpecifierSet(r).contains(Version(v), prereleases=None)",
                 "bad-range on InvalidSpecifier; bad-version on InvalidVersion"], tool, notes)
    write_table("pypi", "compare", cmp_, ["a", "b"], [],
                ["decision = sign of Version(a) vs Version(b); bad-version on InvalidVersion"], tool,
                ["test_version VERSIONS is in ascending order: adjacent pairs only (upstream -1)"])
    write_table("pypi", "valid", val, ["version"], [],
                ["decision = Version(v) parses ? valid : bad-version (InvalidVersion)"], tool,
                ["packaging 23.0 still has LegacyVersion for parse(), but Version() is strict PEP 440"])


# =========================================================================== maven

def maven_compare_cases(src):
    t = src.text()
    cs = []
    arrays = {}
    for m in re.finditer(r'String\[\]\s+(\w+)\s*=\s*(?:new String\[\]\s*)?\{(.*?)\};', t, re.S):
        arrays[m.group(1)] = strs(m.group(2))
    # local String variables: String a = "...";
    for meth in re.finditer(r'(?:public|private)?\s*void\s+(test\w+)\s*\([^)]*\)[^{]*\{(.*?)\n    \}', t, re.S):
        body = meth.group(2)
        vars_ = {m.group(1): unescape_c(m.group(2)) for m in re.finditer(r'String\s+(\w+)\s*=\s*' + STR + r'\s*;', body)}
        local_arrays = {m.group(1): strs(m.group(2)) for m in
                        re.finditer(r'String\[\]\s+(\w+)\s*=\s*(?:new String\[\]\s*)?\{(.*?)\};', body, re.S)}
        # ComparableVersion x = new ComparableVersion("..."); assertTrue(x.compareTo(y) > 0 ...)
        cvs = {m.group(1): unescape_c(m.group(2)) for m in
               re.finditer(r'ComparableVersion\s+(\w+)\s*=\s*new ComparableVersion\(\s*' + STR + r'\s*\)', body)}
        for m in re.finditer(r'assertTrue\(\s*(\w+)\.compareTo\(\s*(\w+)\s*\)\s*(>|<|==)\s*0', body):
            x, y, op = m.groups()
            if x in cvs and y in cvs:
                cs.append(Case((cvs[x], cvs[y]), {">": "1", "<": "-1", "==": "0"}[op], src))
        # for (String x : new String[] {...}) { checkVersions...("..." + x + "...", ...) }  (expanded)
        for lm in re.finditer(r'for\s*\(\s*String\s+(\w+)\s*:\s*new String\[\]\s*\{(.*?)\}\s*\)\s*\{(.*?)\n\s*\}', body, re.S):
            var, items, loop = lm.group(1), strs(lm.group(2)), lm.group(3)
            for it in items:
                for m in re.finditer(r'checkVersions(Order|Equal)\s*\(([^;]*?)\)\s*;', loop):
                    args = re.split(r',(?=(?:[^"]*"[^"]*")*[^"]*$)', m.group(2))
                    if len(args) != 2:
                        continue
                    vals = []
                    for a in args:
                        pieces = [p.strip() for p in a.split("+")]
                        vals.append("".join(unescape_c(p[1:-1]) if p.startswith('"') else (it if p == var else "\0")
                                            for p in pieces))
                    if any("\0" in v for v in vals):
                        continue
                    cs.append(Case(tuple(vals), "-1" if m.group(1) == "Order" else "0", src))
        for m in re.finditer(r'checkVersions(Order|Equal|ArrayEqual)\s*\(\s*([^;]*?)\)\s*;', body):
            kind, args = m.group(1), m.group(2)
            parts = [a.strip() for a in re.split(r',(?=(?:[^"]*"[^"]*")*[^"]*$)', args)]
            vals = []
            for a in parts:
                if a.startswith('"'):
                    vals.append(unescape_c(a[1:-1]))
                elif a in vars_:
                    vals.append(vars_[a])
                elif a in local_arrays:
                    vals.append(local_arrays[a])
                elif a in arrays:
                    vals.append(arrays[a])
                else:
                    vals.append(None)
            if None in vals:
                continue
            if kind == "Order" and len(vals) == 1 and isinstance(vals[0], list):
                cs += ordered_pairs(vals[0], src, allpairs=len(vals[0]) <= 25)
            elif kind == "Order" and len(vals) == 2:
                cs.append(Case((vals[0], vals[1]), "-1", src))
            elif kind == "Equal" and len(vals) == 2:
                cs.append(Case((vals[0], vals[1]), "0", src))
            elif kind == "ArrayEqual" and len(vals) == 1:
                arr = vals[0]
                for i in range(len(arr) - 1):
                    cs.append(Case((arr[i], arr[i + 1]), "0", src))
    return cs


def maven_range_cases(src):
    t = src.text()
    cs = []
    cur = None
    for line in t.split("\n"):
        m = re.search(r'createFromVersionSpec\(\s*' + STR + r'\s*\)', line)
        if m:
            cur = unescape_c(m.group(1))
            cs.append(Case((cur, "1.0"), "!bad-range", src))
        m = re.search(r'assert(True|False)\(\s*\w+\.containsVersion\(\s*new DefaultArtifactVersion\(\s*' + STR, line)
        if m and cur is not None:
            cs.append(Case((cur, unescape_c(m.group(2))), "match" if m.group(1) == "True" else "nomatch", src))
        m = re.search(r'checkInvalidRange\(\s*' + STR + r'\s*\)', line)
        if m:
            cs.append(Case((unescape_c(m.group(1)), "1.0"), "bad-range", src))
        m = re.search(r'assert(True|False)\(\s*enforceVersion\(\s*' + STR + r'\s*,\s*actualVersion', line)
        if m:
            cs.append(Case((unescape_c(m.group(2)), "2.0.5"), "match" if m.group(1) == "True" else "nomatch", src))
    return cs


def maven():
    base = "maven-artifact/src/test/java/org/apache/maven/artifact/versioning/"
    VR = Src("maven-3.8.7 VersionRangeTest.java", "apache+maven", "maven-3.8.7", base + "VersionRangeTest.java", "Apache-2.0")
    CV = Src("maven-3.8.7 ComparableVersionTest.java", "apache+maven", "maven-3.8.7", base + "ComparableVersionTest.java",
             "Apache-2.0")
    hb = "compat/" + base
    CV4 = Src("maven HEAD (Maven 4) ComparableVersionTest.java", "apache+maven", "HEAD", hb + "ComparableVersionTest.java",
              "Apache-2.0")
    VR4 = Src("maven HEAD (Maven 4) VersionRangeTest.java", "apache+maven", "HEAD", hb + "VersionRangeTest.java",
              "Apache-2.0")
    rng = maven_range_cases(VR) + maven_range_cases(VR4)
    rng += placeholder_ranges("maven", "[1.0,)", "(,2.0)", "[1.0,2.0)") + cross_ranges()
    # sbomx cases: the Log4Shell range and soft requirements
    l4j = Src("sbomx log4j case", None, None, None, "Log4Shell advisory range; chosen by sbomx")
    for r in ["[2.0-beta9,2.17.0)", "[2.0-beta9,2.15.0)", "(,2.17.0)", "2.17.0", "[2.17.0]"]:
        for v in ["2.0-beta9", "2.0-beta8", "2.0", "2.0-rc1", "2.14.1", "2.15.0", "2.16.0", "2.17.0", "2.17.0-SNAPSHOT",
                  "2.17.1", "1.2.17", "3.0.0"]:
            rng.append(Case((r, v), None, l4j, keep=True))
    cmp_ = maven_compare_cases(CV) + maven_compare_cases(CV4) + placeholder_compare()
    val = placeholder_valid()
    jv = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.split("\n")[0]
    tool = f"maven-artifact {tool_version('maven')} (Debian maven 3.8.7, /usr/share/maven/lib/maven-artifact-3.x.jar), {jv}"
    write_table("maven", "range", rng, ["range", "version"], ["spec"],
                ["decision = VersionRange.createFromVersionSpec(r).containsVersion(new DefaultArtifactVersion(v))",
                 "bad-range on InvalidVersionSpecificationException; spec = soft when the spec is a bare version"
                 " (getRecommendedVersion() != null: a soft requirement, containsVersion is true for every version),"
                 " hard for a bracketed range"], tool,
                ["Maven never rejects a version string: DefaultArtifactVersion parses anything (bad-version cannot occur)",
                 "'!bad-range' rows are ranges the upstream test constructs (probe version 1.0)",
                 "upstream cases are from the maven-3.8.7 tag (the installed version) and from HEAD (Maven 4, newer)"])
    write_table("maven", "compare", cmp_, ["a", "b"], [],
                ["decision = Integer.signum(new ComparableVersion(a).compareTo(new ComparableVersion(b)))"], tool,
                ["ordered arrays: every pair i<j (upstream -1); equal arrays: adjacent pairs (upstream 0)",
                 "cases from apache/maven HEAD (Maven 4's compat/maven-artifact) show where newer Maven differs"
                 " from the installed 3.8.7 (maven-3.9.x tags carry the same ComparableVersionTest cases as 3.8.7)"])
    write_table("maven", "valid", val, ["version"], [],
                ["decision = new ComparableVersion(v) and new DefaultArtifactVersion(v) do not throw"], tool,
                ["every string is a Maven version; this table only records that for the placeholders"])


ECOS.update(maven=maven)

# =========================================================================== gem

RSTR = r'''(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')'''


def rb_str(m, i):
    """Value of the RSTR match whose groups start at i."""
    if m.group(i) is not None:
        return unescape_c(m.group(i))
    return m.group(i + 1).replace("\\'", "'").replace("\\\\", "\\")


def rb_strs(text):
    return [rb_str(m, 1) for m in re.finditer(RSTR, text)]


def gem_req_cases(src):
    t = src.text()
    cs = []
    for meth in re.finditer(r'\n  def (test_\w+)\n(.*?)\n  end\n', t, re.S):
        body = meth.group(2)
        vars_ = {}
        for line in body.split("\n"):
            m = re.match(r'\s*(\w+)\s*=\s*(?:req|Gem::Requirement\.new)\b\s*\(?\s*(.*?)\)?\s*$', line)
            if m and "satisfied_by" not in line:
                vars_[m.group(1)] = ", ".join(rb_strs(m.group(2)))
                continue
            m = re.match(r'\s*(\w+)\s*=\s*\[(.*)\]\s*$', line)
            if m:
                vars_[m.group(1)] = ", ".join(rb_strs(m.group(2)))
                continue
            m = re.match(r'\s*(assert|refute)_satisfied_by\s+(.*)$', line)
            if m:
                vm = re.match(r'\s*' + RSTR + r'\s*,\s*(.*)$', m.group(2))
                if not vm:
                    continue
                v = rb_str(vm, 1)
                rest = vm.group(3).strip()
                if rest in vars_:
                    r = vars_[rest]
                else:
                    rs = rb_strs(rest)
                    if not rs:
                        continue
                    r = ", ".join(rs)
                cs.append(Case((r, v), "match" if m.group(1) == "assert" else "nomatch", src))
    # Gem::Requirement.parse / .new of these must raise BadRequirementError
    for m in re.finditer(r'def test_parse_bad\n(.*?)\.each do', t, re.S):
        for r in rb_strs(m.group(1)):
            cs.append(Case((r, "1"), "bad-range", src,
                           note="upstream calls Gem::Requirement.parse(''); the runner's split gives no argument" if r == "" else ""))
    for m in re.finditer(r'def test_illformed_requirements\n\s*\[(.*?)\]\.each', t, re.S):
        for r in rb_strs(m.group(1)):
            cs.append(Case((r, "1"), "bad-range", src))
    return cs


def gem_ver_cases(src):
    t = src.text()
    cmp_, val = [], []
    for m in re.finditer(r'(assert|refute)_version_equal\s+' + RSTR + r'\s*,\s*' + RSTR, t):
        cmp_.append(Case((rb_str(m, 2), rb_str(m, 4)), "0" if m.group(1) == "assert" else "!0", src))
    for m in re.finditer(r'assert_less_than\s+' + RSTR + r'\s*,\s*' + RSTR, t):
        cmp_.append(Case((rb_str(m, 1), rb_str(m, 3)), "-1", src))
    for m in re.finditer(r'assert_equal\s*\(\s*(-?\d+)\s*,\s*v\(\s*' + RSTR + r'\s*\)\s*<=>\s*v\(\s*' + RSTR, t):
        cmp_.append(Case((rb_str(m, 2), rb_str(m, 4)), m.group(1), src))
    for m in re.finditer(r'assert_equal\s+(true|false),\s*Gem::Version\.correct\?\(\s*' + RSTR, t):
        val.append(Case((rb_str(m, 2),), "valid" if m.group(1) == "true" else "bad-version", src))
    m = re.search(r'def test_initialize\n\s*\[(.*?)\]\.each do \|good\|', t, re.S)
    if m:
        for v in rb_strs(m.group(1)):
            val.append(Case((v,), "valid", src))
    m = re.search(r'invalid_versions = %W\[(.*?)\]', t, re.S)
    if m:
        for it in re.split(r'(?<!\\)\s+', m.group(1).strip()):
            if "\\n" in it:
                continue  # contains a newline once %W is interpolated: not representable in TSV
            val.append(Case((it.replace("\\ ", " "),), "bad-version", src))
    for m in re.finditer(r'invalid_versions << ' + RSTR, t):
        val.append(Case((rb_str(m, 1),), "bad-version", src))
    return cmp_, val


def gem():
    R = Src("rubygems v3.3.15 test/rubygems/test_gem_requirement.rb", "rubygems+rubygems", "v3.3.15",
            "test/rubygems/test_gem_requirement.rb", "Ruby OR MIT")
    V = Src("rubygems v3.3.15 test/rubygems/test_gem_version.rb", "rubygems+rubygems", "v3.3.15",
            "test/rubygems/test_gem_version.rb", "Ruby OR MIT")
    rng = gem_req_cases(R)
    cmp_, val = gem_ver_cases(V)
    rails = Src("sbomx rails case", None, None, None, "pessimistic-operator cases; chosen by sbomx")
    for r in ["~> 7.0", "~> 7.0.0", "~> 7", ">= 7.0, < 7.1", "~> 7.0.4"]:
        for v in ["6.1.7", "7.0.0", "7.0.4", "7.0.8.1", "7.1.0", "7.1.0.rc1", "7.0.0.rc1", "8.0.0"]:
            rng.append(Case((r, v), None, rails, keep=True))
    rng += placeholder_ranges("gem", ">= 1.0", "< 2.0", ">= 1.0, < 2.0") + cross_ranges()
    val += placeholder_valid()
    cmp_ += placeholder_compare()
    rv = subprocess.run(["/usr/bin/ruby", "-v"], capture_output=True, text=True).stdout.strip()
    tool = f"RubyGems {tool_version('gem')} ({rv}, Debian ruby)"
    write_table("gem", "range", rng, ["range", "version"], [],
                ["decision = Gem::Requirement.new(*r.split(',').map(&:strip)).satisfied_by?(Gem::Version.new(v))",
                 "bad-range on Gem::Requirement::BadRequirementError; bad-version when !Gem::Version.correct?(v)"], tool,
                ["an empty range splits to no arguments: Gem::Requirement.new() is '>= 0'",
                 "upstream multi-argument requirements (req '> 1.1', '< 1.3' or arrays) are written joined with ', '",
                 "upstream cases are from the v3.3.15 tag (the installed RubyGems)"])
    write_table("gem", "compare", cmp_, ["a", "b"], [],
                ["decision = Gem::Version.new(a) <=> Gem::Version.new(b); bad-version when !Gem::Version.correct?"], tool)
    write_table("gem", "valid", val, ["version"], [],
                ["decision = Gem::Version.correct?(v) ? valid : bad-version"], tool,
                ["the upstream invalid version '1.0\\n2.0' (contains a newline) is dropped"])


ECOS.update(gem=gem)

# =========================================================================== composer

PHP_HARNESS = r'''<?php
namespace PHPUnit\Framework { class TestCase { public function __construct() {} } }
namespace {
require getenv('ORACLE_COMPOSER_AUTOLOAD') ?: '/usr/share/php/Composer/Semver/autoload.php';
$dir = $argv[1];
$out = array();
foreach (array('SemverTest', 'VersionParserTest', 'ComparatorTest') as $cls) {
    require $dir . '/' . $cls . '.php';
    $fq = '\\Composer\\Semver\\' . $cls;
    $o = new $fq();
    foreach (get_class_methods($o) as $m) {
        if (!preg_match('/(Provider|Versions|Constraints|Branches|Aliases?|Aliasee)$/', $m) && strpos($m, 'Provider') === false) continue;
        try { $r = $o->$m(); } catch (\Throwable $e) { continue; }
        $rows = array();
        foreach ($r as $row) {
            $rows[] = array_map(function ($x) { return is_object($x) ? null : $x; }, array_values($row));
        }
        $out[$cls . '::' . $m] = $rows;
    }
}
echo json_encode($out);
}
'''


def composer():
    S = {n: Src(f"composer/semver 3.3.2 tests/{n}.php", "composer+semver", "3.3.2", f"tests/{n}.php", "MIT")
         for n in ("SemverTest", "VersionParserTest", "ComparatorTest")}
    with tempfile.TemporaryDirectory() as td:
        for n, s in S.items():
            open(os.path.join(td, n + ".php"), "w").write(s.text())
        h = os.path.join(td, "harness.php")
        open(h, "w").write(PHP_HARNESS)
        data = json.loads(subprocess.run(["php", h, td], capture_output=True, text=True, check=True).stdout)
    rng, cmp_, val = [], [], []
    P = lambda k: data.get(k, [])
    for row in P("SemverTest::satisfiesProvider"):
        e, v, r = row[:3]
        rng.append(Case((r, v), "match" if e else "nomatch", S["SemverTest"]))
    for row in P("SemverTest::satisfiedByProvider"):
        r, vs, ok = row[:3]
        for v in vs:
            rng.append(Case((r, v), "match" if v in ok else "nomatch", S["SemverTest"]))
    for row in P("VersionParserTest::failingConstraints"):
        rng.append(Case((row[0], "1.0.0"), "bad-range", S["VersionParserTest"]))
    for k in ("simpleConstraints", "wildcardConstraints", "tildeConstraints", "caretConstraints", "hyphenConstraints",
              "constraintProvider", "multiConstraintProvider", "multiConstraintProvider2"):
        for row in P("VersionParserTest::" + k):
            if isinstance(row[0], str):
                rng.append(Case((row[0], "1.0.0"), "!bad-range", S["VersionParserTest"]))
    for row in P("VersionParserTest::successfulNormalizedVersions"):
        val.append(Case((row[0],), "valid", S["VersionParserTest"]))
    for row in P("VersionParserTest::failingNormalizedVersions"):
        val.append(Case((row[0],), "bad-version", S["VersionParserTest"]))
    note = "upstream compares the raw strings; the runner normalizes first"
    # a false assertion only says "not that": dev-* branches compare with nothing, so no total order is assumed
    m = {"greaterThan": ("1", "!1"), "greaterThanOrEqualTo": ("0|1", "!0|1"), "lessThan": ("-1", "!-1"),
         "lessThanOrEqualTo": ("-1|0", "!-1|0"), "equalTo": ("0", "!0"), "notEqualTo": ("!0", "0")}
    ops = {">": "greaterThan", ">=": "greaterThanOrEqualTo", "<": "lessThan", "<=": "lessThanOrEqualTo",
           "==": "equalTo", "=": "equalTo", "!=": "notEqualTo", "<>": "notEqualTo"}
    for k, (t, f) in m.items():
        for row in P(f"ComparatorTest::{k}Provider"):
            a, b, e = row[:3]
            cmp_.append(Case((a, b), t if e else f, S["ComparatorTest"]))
    for row in P("ComparatorTest::compareProvider"):
        a, op, b, e = row[:4]
        if op in ops:
            t, f = m[ops[op]]
            cmp_.append(Case((a, b), t if e else f, S["ComparatorTest"]))
    rng += placeholder_ranges("composer", ">=1.0", "<2.0", ">=1.0 <2.0") + cross_ranges()
    val += placeholder_valid()
    cmp_ += placeholder_compare()
    pv = subprocess.run(["php", "-r", "echo PHP_VERSION;"], capture_output=True, text=True).stdout.strip()
    tool = f"composer/semver 3.3.2 ({tool_version('composer')}), PHP {pv}"
    write_table("composer", "range", rng, ["range", "version"], [],
                ["decision = Composer\\Semver\\Semver::satisfies($v, $r)",
                 "bad-range when (new VersionParser)->parseConstraints($r) throws;"
                 " bad-version when (new VersionParser)->normalize($v) throws"], tool,
                ["'!bad-range' rows are constraints the upstream parser tests accept (probe version 1.0.0)",
                 "upstream cases are from the 3.3.2 tag (the installed version)"])
    write_table("composer", "compare", cmp_, ["a", "b"], [],
                ["decision: normalize both with VersionParser::normalize (bad-version if it throws), then"
                 " Comparator::lessThan / equalTo / greaterThan on the normalized strings;"
                 " 'incomparable' when none holds (dev-* branches)"], tool,
                ["ComparatorTest calls Comparator on the raw strings; the runner normalizes first (as Semver::satisfies does)"])
    write_table("composer", "valid", val, ["version"], [],
                ["decision = (new VersionParser)->normalize($v) does not throw"], tool)


ECOS.update(composer=composer)

# =========================================================================== cargo

def rs_cases(req_src, ver_src):
    t = req_src.text()
    rng, cmp_, val = [], [], []
    cur = None
    # statements end with ';' (assert_match_* may span lines)
    for stmt in re.split(r';\s*\n', t):
        m = re.search(r'let ref r = req\(\s*' + STR + r'\s*\)', stmt)
        if m:
            cur = unescape_c(m.group(1))
            rng.append(Case((cur, "1.0.0"), "!bad-range", req_src))
            continue
        if re.search(r'let ref r = ', stmt):
            cur = None
            continue
        m = re.search(r'assert_match_(all|none)\(\s*r\s*,\s*&\[(.*?)\]\s*,?\s*\)', stmt, re.S)
        if m and cur is not None:
            for v in strs(m.group(2)):
                rng.append(Case((cur, v), "match" if m.group(1) == "all" else "nomatch", req_src))
            continue
        m = re.search(r'for s in &\[(.*?)\]\s*\{\s*assert_eq!\(\*r, req\(s\)\)', stmt, re.S)
        if m and cur is not None:
            pass  # equivalence of spellings: covered by the '!bad-range' probes below
        for mm in re.finditer(r'req_err\(\s*' + STR + r'\s*\)', stmt):
            rng.append(Case((unescape_c(mm.group(1)), "1.0.0"), "bad-range", req_src))
    for m in re.finditer(r'for s in &\[(.*?)\]\s*\{\s*assert_eq!\(\*r, req\(s\)\)', t, re.S):
        for s in strs(m.group(1)):
            rng.append(Case((s, "1.0.0"), "!bad-range", req_src))
    v = ver_src.text()
    for m in re.finditer(r'version_err\(\s*' + STR + r'\s*\)', v):
        val.append(Case((unescape_c(m.group(1)),), "bad-version", ver_src))
    for m in re.finditer(r'\bversion\(\s*' + STR + r'\s*\)', v):
        val.append(Case((unescape_c(m.group(1)),), "valid", ver_src))
    ops = {"<": "-1", "<=": "-1|0", ">": "1", ">=": "0|1", "==": "0", "!=": "!0"}
    nops = {"<": "0|1", "<=": "1", ">": "-1|0", ">=": "-1", "==": "!0", "!=": "0"}
    for m in re.finditer(r'assert!\(\s*(!\()?version\(\s*' + STR + r'\s*\)\s*(<=|>=|<|>|==|!=)\s*version\(\s*' + STR, v):
        neg, a, op, b = m.group(1), unescape_c(m.group(2)), m.group(3), unescape_c(m.group(4))
        cmp_.append(Case((a, b), (nops if neg else ops)[op], ver_src))
    for m in re.finditer(r'assert_(eq|ne)!\(\s*version\(\s*' + STR + r'\s*\)\s*,\s*version\(\s*' + STR, v):
        cmp_.append(Case((unescape_c(m.group(2)), unescape_c(m.group(3))), "0" if m.group(1) == "eq" else "!0", ver_src))
    return rng, cmp_, val


def cargo():
    R = Src("semver 1.0.14 tests/test_version_req.rs", "dtolnay+semver", "1.0.14", "tests/test_version_req.rs",
            "MIT OR Apache-2.0")
    V = Src("semver 1.0.14 tests/test_version.rs", "dtolnay+semver", "1.0.14", "tests/test_version.rs",
            "MIT OR Apache-2.0")
    rng, cmp_, val = rs_cases(R, V)
    pre = Src("sbomx cargo prerelease case", None, None, None,
              "Cargo's prerelease rule (a prerelease matches only a comparator with the same major.minor.patch"
              " that has a prerelease); chosen by sbomx")
    for r in [">=1.2.3-alpha", "^1.2.3-alpha", "~1.2.3-alpha", ">=1.2.3", "*", "^1", ">=1.0.0, <2.0.0",
              ">=1.0.0-0, <2.0.0", "=1.2.3-alpha.1", "<1.2.4"]:
        for v in ["1.2.3-alpha", "1.2.3-beta", "1.2.3", "1.2.4-alpha", "1.3.0-rc.1", "2.0.0-rc.1", "1.2.3+build.5"]:
            rng.append(Case((r, v), None, pre, keep=True))
    rng += placeholder_ranges("cargo", ">=1.0.0", "<2.0.0", ">=1.0.0, <2.0.0") + cross_ranges()
    val += placeholder_valid()
    cmp_ += placeholder_compare()
    rc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    tool = f"{tool_version('cargo')} (Debian librust-semver-dev 1.0.14, built offline with {rc})"
    write_table("cargo", "range", rng, ["range", "version"], [],
                ["decision = VersionReq::parse(r)?.matches(&Version::parse(v)?)",
                 "bad-range when VersionReq::parse errs; bad-version when Version::parse errs"], tool,
                ["prerelease rule: a prerelease version matches only if some comparator has the same"
                 " major.minor.patch and a prerelease itself (and the whole requirement holds)",
                 "'!bad-range' rows are requirements the upstream tests construct (probe version 1.0.0)",
                 "upstream cases are from the 1.0.14 tag (identical to the tests shipped in Debian's source package)"])
    write_table("cargo", "compare", cmp_, ["a", "b"], [],
                ["decision = Version::parse(a).cmp(&Version::parse(b)) (Ord); bad-version when either fails to parse"], tool,
                ["semver 1.x's Ord also orders build metadata (1.2.3+23 < 1.2.3+42); VersionReq ignores it"])
    write_table("cargo", "valid", val, ["version"], [],
                ["decision = Version::parse(v).is_ok()"], tool)


ECOS.update(cargo=cargo)

# =========================================================================== golang

def golang():
    T = Src("golang.org/x/mod semver/semver_test.go", "golang+mod", "HEAD", "semver/semver_test.go", "BSD-3-Clause")
    t = T.text()
    m = re.search(r'var tests = \[\]struct \{.*?\}\{(.*?)\n\}', t, re.S)
    pairs = re.findall(r'\{\s*' + STR + r'\s*,\s*' + STR + r'\s*\}', m.group(1))
    tests = [(unescape_c(a), unescape_c(b)) for a, b in pairs]
    val, cmp_ = [], []
    for a, out in tests:
        val.append(Case((a,), "valid" if out else "bad-version", T))
    good = [(i, a, out) for i, (a, out) in enumerate(tests) if out]
    for x in range(len(good)):
        for y in range(x + 1, len(good)):
            i, a, oa = good[x]
            j, b, ob = good[y]
            if oa == ob or y == x + 1:
                cmp_.append(Case((a, b), "0" if oa == ob else "-1", T))
    go = Src("sbomx go case", None, None, None, "Go module versions seen in SBOMs (unprefixed, pseudo, +incompatible); chosen by sbomx")
    extra = ["1.2.3", "v1.2.3", "v0.0.0-20191109021931-daa7c04131f5", "v2.0.0+incompatible", "v1.2.4-0.20191109021931-daa7c04131f5",
             "go1.21.0", "1.21", "v1.21", "devel", "v1.2.3-rc.1", "1.2.3-rc.1"]
    for v in extra:
        val.append(Case((v,), None, go))
    for a, b in [("1.2.3", "v1.2.3"), ("v0.0.0-20191109021931-daa7c04131f5", "v0.0.1"), ("v2.0.0+incompatible", "v2.0.0"),
                 ("v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.3"), ("v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.4"),
                 ("1.21", "1.21.0"), ("v1.2.3-rc.1", "1.2.3")]:
        cmp_.append(Case((a, b), None, go))
    val += placeholder_valid()
    cmp_ += placeholder_compare()
    gv = subprocess.run(["go", "version"], capture_output=True, text=True).stdout.strip()
    tool = f"{tool_version('golang')} (Go module proxy), built with {gv}"
    notes = ["x/mod/semver requires the leading 'v'; a version without it is retried with 'v' prepended and the"
             " note column says v-prefixed (the answer is then about 'v'+input)",
             "Go has no range syntax: no range table",
             "upstream cases from the golang/mod HEAD snapshot; the tool module is x/mod v0.43.0 from the proxy"]
    write_table("golang", "valid", val, ["version"], ["note"],
                ["decision = semver.IsValid(v) (or semver.IsValid(\"v\"+v), see note)"], tool, notes)
    write_table("golang", "compare", cmp_, ["a", "b"], ["note"],
                ["decision = semver.Compare(a, b) when both are valid (after the v-prefix retry), else bad-version"], tool,
                notes + ["upstream TestCompare orders the valid entries of the tests table by position; pairs with an"
                         " equal canonical form compare 0; invalid entries are left out (x/mod ranks them below every"
                         " valid version and equal to each other, the runner reports bad-version)",
                         "only adjacent pairs and equal-canonical pairs are kept"])


ECOS.update(golang=golang)

# =========================================================================== deb

def deb():
    D = Src("dpkg scripts/t/Dpkg_Version.t", "guillemj+dpkg", "HEAD", "scripts/t/Dpkg_Version.t", "GPL-2.0-or-later")
    C = Src("dpkg lib/dpkg/t/t-version.c", "guillemj+dpkg", "HEAD", "lib/dpkg/t/t-version.c", "GPL-2.0-or-later")
    t = D.text()
    cmp_, val = [], []
    data = t.split("__DATA__", 1)[1]
    for line in data.split("\n"):
        p = line.split()
        if len(p) == 3 and re.fullmatch(r"-?\d", p[2]):
            cmp_.append(Case((p[0], p[1]), p[2], D))
    # Dpkg::Version->new('X') ... ok(! $v->is_valid() ...)  (perl module; see note)
    cur = None
    for line in t.split("\n"):
        m = re.search(r"Dpkg::Version->new\('([^']*)'\)", line)
        if m and "=" in line.split("Dpkg::Version")[0]:
            cur = m.group(1)
        m = re.search(r"ok\((!?)\s*\$\w+->is_valid\(\)", line)
        if m and cur is not None:
            val.append(Case((cur,), "bad-version|warn-bad-syntax" if m.group(1) else "valid", D,
                            note=""))
            cur = None
    c = C.text()
    lines = c.split("\n")
    for i, line in enumerate(lines):
        m = re.search(r'test_(pass|fail)\(parseversion\(&a, ' + STR + r', [^)]*\)\s*(==|!=)\s*0\)', line)
        if not m:
            continue
        ok = (m.group(1) == "pass") == (m.group(3) == "==")
        v = unescape_c(m.group(2))
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if ok:
            e = "valid"
        elif "test_error" in nxt:
            e = "bad-version"
        elif "test_warn" in nxt:
            e = "warn-bad-syntax"
        else:
            e = "bad-version|warn-bad-syntax"
        val.append(Case((v,), e, C))
    deb_src = Src("sbomx deb case", None, None, None, "Debian versions seen in SBOMs; chosen by sbomx")
    for a, b in [("2.17.0-1", "2.17.0"), ("1:2.17.0-1", "2.17.0-1"), ("2.17.0~rc1-1", "2.17.0-1"),
                 ("2.17.0+dfsg-1", "2.17.0-1"), ("2.17.0-1+deb12u1", "2.17.0-1"), ("2.17.0-1ubuntu1", "2.17.0-1")]:
        cmp_.append(Case((a, b), None, deb_src))
    val += placeholder_valid()
    cmp_ += placeholder_compare()
    tool = tool_version("deb") + " (Debian 12), via dpkg --compare-versions"
    notes = ["dpkg has no range syntax of its own in this tool (relations are lt/le/eq/ge/gt between two versions): no range table",
             "upstream Dpkg_Version.t tests the perl module Dpkg::Version (libdpkg-perl), which declares invalid"
             " what dpkg's C parser only warns about: expected 'bad-version|warn-bad-syntax'",
             "upstream t-version.c tests dpkg's C parseversion(): test_error = bad-version, test_warn = warn-bad-syntax;"
             " rows containing tabs (leading/trailing whitespace tests) are dropped",
             "dpkg --compare-versions treats an empty version as 'no version' (it sorts before any version), so ''"
             " is valid here although parseversion() rejects it"]
    write_table("deb", "compare", cmp_, ["a", "b"], ["note"],
                ["decision: dpkg --compare-versions a lt b (exit 0 -> -1), else a eq b (exit 0 -> 0), else 1;"
                 " exit 2 (dpkg: error: ... bad syntax) -> bad-version; note = dpkg's stderr line"], tool, notes)
    write_table("deb", "valid", val, ["version"], ["note"],
                ["decision: dpkg --compare-versions v eq v: exit 0 and silent -> valid; exit 0 with"
                 " 'warning: version ... has bad syntax' -> warn-bad-syntax; exit 2 -> bad-version"], tool, notes)


# =========================================================================== rpm

def rpm_():
    R = Src("rpm tests/rpmvercmp.at", "rpm-software-management+rpm", "HEAD", "tests/rpmvercmp.at",
            "GPL-2.0-or-later (rpm's tests; see COPYING)")
    t = R.text()
    cmp_ = []
    for m in re.finditer(r'^RPMVERCMP\(\[?([^,\]]*)\]?,\s*\[?([^,\]]*)\]?,\s*(-?\d)\)', t, re.M):
        cmp_.append(Case((m.group(1), m.group(2)), m.group(3), R))
    rs = Src("sbomx rpm case", None, None, None, "RPM EVRs seen in SBOMs; chosen by sbomx")
    for a, b in [("2.17.0-1.el9", "2.17.0-1.el8"), ("1:2.17.0-1", "2.17.0-1"), ("2.17.0~rc1-1", "2.17.0-1"),
                 ("2.17.0^git1-1", "2.17.0-1"), ("2.17.0-1", "2.17.0"), ("0:2.17.0-1", "2.17.0-1")]:
        cmp_.append(Case((a, b), None, rs))
    cmp_ += placeholder_compare()
    val = placeholder_valid()
    tool = tool_version("rpm") + " (Debian python3-rpm), /usr/bin/python3"
    notes = ["rpm has no range syntax in this tool and no validity rule in rpmvercmp: any two strings compare;"
             " only the EVR split (rpm.ver) / labelCompare reject a few strings (e.g. '' and '1:') -> bad-version",
             "rpmvercmp.at runs rpm.vercmp on bare version strings; the runner splits [epoch:]version[-release]"
             " first (rpm.ver) and calls labelCompare: identical for inputs without ':' or '-'"]
    write_table("rpm", "compare", cmp_, ["a", "b"], ["evr_a", "evr_b"],
                ["decision = rpm.labelCompare((e,v,r) of rpm.ver(a), (e,v,r) of rpm.ver(b)); evr_* show the split as e:v-r"],
                tool, notes)
    write_table("rpm", "valid", val, ["version"], [],
                ["decision = rpm.ver(v) parses and rpm.labelCompare accepts its EVR"], tool, notes)


ECOS.update(deb=deb, rpm=rpm_)

# =========================================================================== nuget, pub: no tool here

def write_not_run(eco, mode, rows, cols, srcs, what, notes=()):
    """rows: (inputs..., expected, call, test, source_label). Written as-is: nothing was run."""
    seen, out = set(), []
    for r in rows:
        if not all(clean(x) for x in r[:len(cols)]):
            continue
        k = tuple(r[:len(cols) + 1])
        if k in seen:
            continue
        seen.add(k)
        out.append(r)
    path = os.path.join(OUT, f"{eco}-{mode}.tsv")
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"# sbomx version oracle: {eco} {mode} mode. Generated by scripts/oracle/cases/build.py on {TODAY};"
                f" do not edit by hand.\n")
        f.write(f"# NOT RUN: no {what} tool can run on this machine. Every row is an expectation literally written in the"
                f" upstream test suite, NOT a tool answer.\n")
        for l in notes:
            f.write(f"# note: {l}\n")
        f.write("# columns: " + ", ".join(cols) + ", expected (what the upstream test asserts: match / nomatch / bad-range /"
                " !bad-range = parses / valid / bad-version / -1 / 0 / !0), call (the API the test exercises), test"
                " (test method or group), source\n")
        f.write("# sources:\n")
        for s in srcs:
            f.write(f"#   {s.header()}\n")
        f.write("\t".join(cols + ["expected", "call", "test", "source"]) + "\n")
        for r in out:
            f.write("\t".join(r) + "\n")
    print(f"{path}: {len(out)} rows (not run)", file=sys.stderr)


def cs_inline_data(text):
    """[(method_name, [args...]), ...] for every [InlineData(...)] attribute, args as python values."""
    res, pending = [], []
    tok = re.compile(r'\s*(?:@"((?:[^"]|"")*)"|"((?:[^"\\]|\\.)*)"|(true|false|null)|(-?\d+(?:\.\d+)?)|(\w[\w.]*))\s*(,|$)')
    for line in text.split("\n"):
        m = re.match(r'\s*\[InlineData\((.*)\)\]\s*$', line)
        if m:
            args, s = [], m.group(1)
            pos, okp = 0, True
            while pos < len(s):
                t = tok.match(s, pos)
                if not t:
                    okp = False
                    break
                if t.group(1) is not None:
                    args.append(t.group(1).replace('""', '"'))
                elif t.group(2) is not None:
                    args.append(unescape_c(t.group(2)))
                elif t.group(3):
                    args.append({"true": True, "false": False, "null": None}[t.group(3)])
                elif t.group(4):
                    args.append(t.group(4))
                else:
                    args.append(("ident", t.group(5)))
                pos = t.end()
            if okp:
                pending.append(args)
            continue
        m = re.search(r'public (?:async \w+|void) (\w+)\(', line)
        if m:
            for a in pending:
                res.append((m.group(1), a))
            pending = []
    return res


def nuget():
    base = "test/NuGet.Core.Tests/NuGet.Versioning.Test/"
    S = {n: Src(f"NuGet.Client {n}.cs", "NuGet+NuGet.Client", "HEAD", base + n + ".cs", "Apache-2.0")
         for n in ("VersionRangeTests", "VersionRangeFloatParsingTests", "NuGetVersionTest", "SemanticVersionTests",
                   "VersionComparerTests")}
    rng_map = {
        "ParseVersionRangeSatisfies": ("match", "VersionRange.Parse(r).Satisfies(NuGetVersion.Parse(v))"),
        "ParseVersionRangeDoesNotSatisfy": ("nomatch", "VersionRange.Parse(r).Satisfies(NuGetVersion.Parse(v))"),
        "VersionRangeFloatParsing_VerifySatisfiesForFloatingRange": ("match", "VersionRange.Parse(r).Satisfies(NuGetVersion.Parse(v))"),
        "ParseVersionRangeWithBadVersionThrows": ("bad-range", "VersionRange.Parse(r) throws ArgumentException"),
        "Parse_Illogical_VersionRange_Throws": ("bad-range", "VersionRange.Parse(r) throws ArgumentException"),
        "VersionRangeFloatParsing_Invalid": ("bad-range", "VersionRange.TryParse(r) is false"),
        "VersionRangeFloatParsing_Valid": ("!bad-range", "VersionRange.TryParse(r) is true"),
        "ParseVersionRangeToStringShortHand": ("!bad-range", "VersionRange.Parse(r)"),
    }
    val_map = {
        "NuGetVersionParseStrict": ("valid", "NuGetVersion.TryParseStrict(v) is true"),
        "ParseThrowsIfStringIsNotAValidSemVer": ("bad-version", "NuGetVersion.Parse(v) throws ArgumentException"),
        "TryParseReturnsFalseWhenUnableToParseString": ("bad-version", "NuGetVersion.TryParseStrict(v) is false"),
        "TryParseHandlesValidVersionPatterns": ("valid", "NuGetVersion.TryParse(v) is true"),
        "ParseReadsLegacyStyleVersionNumbers": ("valid", "NuGetVersion.Parse(v)"),
        "ParseIgnoresLeadingAndTrailingWhitespace": ("valid", "NuGetVersion.Parse(v)"),
        "ParseReadsSemverAndHybridSemverVersionNumbers": ("valid", "NuGetVersion.Parse(v)"),
        "ParseSemanticVersionStrict": ("valid", "SemanticVersion.TryParse(v) is true"),
        "TryParseStrictReturnsFalseIfVersionIsNotStrictSemVer": ("bad-version", "SemanticVersion.TryParse(v) is false"),
    }
    cmp_map = {
        "VersionComparisonDefaultEqual": ("0", "VersionComparer.Default equality of NuGetVersion.Parse(a), (b)"),
        "VersionComparisonDefaultNotEqual": ("!0", "!Equals(a, b) (VersionComparer.Default)"),
        "VersionComparisonDefaultLess": ("-1", "VersionComparer.Default.Compare(a, b) < 0"),
        "SemVerLessThanAndGreaterThanOperatorsWorks": ("-1", "NuGetVersion.Parse(a) < NuGetVersion.Parse(b)"),
        "SemVerEqualsOperatorWorks": ("0", "NuGetVersion.Parse(a) == NuGetVersion.Parse(b)"),
    }
    rng, val, cmp_ = [], [], []
    used = {"range": [], "valid": [], "compare": []}
    for n, src in S.items():
        for meth, args in cs_inline_data(src.text()):
            if meth in rng_map:
                e, call = rng_map[meth]
                if not args or not isinstance(args[0], str):
                    continue
                v = args[1] if e in ("match", "nomatch") and len(args) > 1 and isinstance(args[1], str) else "-"
                rng.append([args[0], v, e, call, meth, src.label])
                used["range"].append(src) if src not in used["range"] else None
            elif meth in val_map:
                e, call = val_map[meth]
                if args and isinstance(args[0], str):
                    val.append([args[0], e, call, meth, src.label])
                    used["valid"].append(src) if src not in used["valid"] else None
            elif meth in cmp_map:
                e, call = cmp_map[meth]
                if len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
                    cmp_.append([args[0], args[1], e, call, meth, src.label])
                    used["compare"].append(src) if src not in used["compare"] else None
    notes = ["NuGet.Client HEAD snapshot (NuGet.Versioning); '-' as version = the test only parses the range",
             "floating ranges ('1.*', '1.0.0-*') are NuGet's own; a bare version is a minimum in NuGet"
             " (VersionRange_PrettyPrintTests: '1.0.0' prints '(>= 1.0.0)'), not Maven's soft requirement"]
    write_not_run("nuget", "range", rng, ["range", "version"], used["range"], ".NET (NuGet.Versioning)", notes)
    write_not_run("nuget", "valid", val, ["version"], used["valid"], ".NET (NuGet.Versioning)", notes[:1])
    write_not_run("nuget", "compare", cmp_, ["a", "b"], used["compare"], ".NET (NuGet.Versioning)", notes[:1])


def pub():
    C = Src("pub_semver test/version_constraint_test.dart", "dart-lang+pub_semver", "HEAD",
            "test/version_constraint_test.dart", "BSD-3-Clause")
    V = Src("pub_semver test/version_test.dart", "dart-lang+pub_semver", "HEAD", "test/version_test.dart", "BSD-3-Clause")
    U = Src("pub_semver test/utils.dart", "dart-lang+pub_semver", "HEAD", "test/utils.dart", "BSD-3-Clause")
    consts = {m.group(1): m.group(2) for m in
              re.finditer(r"final (v\d+) = Version\.parse\('([^']*)'\);", U.text())}
    DSTR = r"'((?:[^'\\]|\\.)*)'"
    rng, val, cmp_ = [], [], []
    t = C.text()
    for tm in re.finditer(r"\n    test\('([^']*)', \(\) \{(.*?)\n    \}\);", t, re.S):
        name, body = tm.group(1), tm.group(2)
        cm = re.search(r"var constraint = VersionConstraint\.parse\(" + DSTR + r"\)", body)
        if cm:
            r = unescape_c(cm.group(1))
            for am in re.finditer(r"(allows|doesNotAllow)\((.*?)\)\);", body, re.S):
                e = "match" if am.group(1) == "allows" else "nomatch"
                args = am.group(2)
                vs = [unescape_c(x) for x in re.findall(r"Version\.parse\(" + DSTR + r"\)", args)]
                vs += [consts[x] for x in re.findall(r"\b(v\d{3})\b", args) if x in consts]
                for v in vs:
                    rng.append([r, v, e, "VersionConstraint.parse(r).allows(Version.parse(v))", name, C.label])
        for bm in re.finditer(r"expect\(\(\) => VersionConstraint\.parse\(" + DSTR + r"\),\s*throwsFormatException", body):
            rng.append([unescape_c(bm.group(1)), "-", "bad-range", "VersionConstraint.parse(r) throws FormatException",
                        name, C.label])
        lm = re.search(r"var bad = \[(.*?)\];\s*for \(var text in bad\)", body, re.S)
        if lm:
            for b in re.findall(DSTR, lm.group(1)):
                rng.append([unescape_c(b), "-", "bad-range", "VersionConstraint.parse(r) throws FormatException", name,
                            C.label])
        for em in re.finditer(r"expect\(VersionConstraint\.parse\(" + DSTR + r"\)", body):
            rng.append([unescape_c(em.group(1)), "-", "!bad-range", "VersionConstraint.parse(r)", name, C.label])
    v = V.text()
    for m in re.finditer(r"expect\(\(\) => Version\.parse\(" + DSTR + r"\), throwsFormatException\)", v):
        val.append([unescape_c(m.group(1)), "bad-version", "Version.parse(v) throws FormatException", "parse()", V.label])
    for m in re.finditer(r"expect\(Version\.parse\(" + DSTR + r"\),", v):
        val.append([unescape_c(m.group(1)), "valid", "Version.parse(v)", "parse()", V.label])
    for m in re.finditer(r"expect\(Version\.parse\(" + DSTR + r"\), equals\(Version\.parse\(" + DSTR + r"\)\)\)", v):
        cmp_.append([unescape_c(m.group(1)), unescape_c(m.group(2)), "0", "Version.parse(a) == Version.parse(b)",
                     "equality", V.label])
    om = re.search(r"group\('comparison'.*?var versions = \[(.*?)\];", v, re.S)
    if om:
        order = re.findall(DSTR, om.group(1))
        for i in range(len(order)):
            for j in range(i + 1, len(order)):
                cmp_.append([order[i], order[j], "-1", "Version.parse(a).compareTo(Version.parse(b))",
                             "comparison: compareTo() over the sorted list", V.label])
    notes = ["dart-lang/pub_semver HEAD snapshot; '-' as version = the test only parses the constraint",
             "only string constraints are extracted (VersionConstraint.parse); version_range_test.dart builds"
             " VersionRange objects in code and is not represented"]
    write_not_run("pub", "range", rng, ["range", "version"], [C, U], "Dart (pub_semver)", notes)
    write_not_run("pub", "valid", val, ["version"], [V], "Dart (pub_semver)", notes[:1])
    write_not_run("pub", "compare", cmp_, ["a", "b"], [V], "Dart (pub_semver)", notes[:1])


ECOS.update(nuget=nuget, pub=pub)

# =========================================================================== main


def main():
    os.makedirs(OUT, exist_ok=True)
    want = sys.argv[1:] or list(ECOS)
    for e in want:
        ECOS[e]()
    with open(DISAGREE, "w") as f:
        for d in DISAGREEMENTS:
            f.write("\t".join(d) + "\n")
    print(f"{len(DISAGREEMENTS)} disagreements -> {DISAGREE}", file=sys.stderr)


ECOS.update(npm=npm, pypi=pypi)

if __name__ == "__main__":
    main()
