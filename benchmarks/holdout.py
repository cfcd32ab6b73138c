"""Score the plugin on the stand-in hold-outs: recall and precision per code.

usage: python benchmarks/holdout.py [--family pydantic|security|app] [-v]
                                    [--python PYTHON] [--jobs N]

Three families of cases live under `benchmarks/.holdout/`: real-service
spellings and near misses per rule code, each line that must be reported
marked in the snippet itself.  The folder is a dot-folder on purpose: the
plugin's project search skips those, so the snippets' text is not seen as
modules of this repository (`testdata/`'s loose modules belong to the
repository's project, and the FP601 fix, for one, will not inline a handler
whose name another module mentions).

- `pydantic/` (FP3xx): `cases_*.py`, each `C = {code: {case: source}}` (a
  source is one snippet or a `{relpath: text}` project).  Markers:
  `# expect: FPa,FPb` (must be reported on that line), `# expect-one: FPa`
  (per file: at least one of the marked lines), `# maybe: FPa` (either way).
- `security/` (FP4xx, FP507, FP508): `gen*.py`, each `C = {case: {relpath:
  text, "args": "extra flake8 flags"}}`; every case is a project with its
  own `pyproject.toml`.  A finding of the expected code on another line of
  the same case counts as found ("moved", listed with -v).
- `app/` (FP6xx, FP7xx): `cases*.py`, each `CASES = {"FPxxx/case": (files,
  flags)}`; `flags` replaces the default `--select FP6,FP7` when it has its
  own `--select`.

The cases are written to `.cache/holdout/<family>/` and checked with
`PYTHON -m flake8 --isolated` (PYTHON: this interpreter, or --python for a
baseline).  The environment, PYTHONPATH included, is passed through, so
`PYTHONPATH=/other/tree/src python benchmarks/holdout.py` scores another
source tree with this environment's flake8.  Anything reported on an
unmarked line is a false alarm.  Standard library only; always exits 0
unless flake8 itself cannot run.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
CASE_DIR = HERE / ".holdout"
OUT_DIR = HERE.parent / ".cache" / "holdout"
FINDING = re.compile(r"(.+?):(\d+):\d+: (FP\d+) ")

Key = tuple[str, int, str]  # (path relative to the family's root, line, code)


class Score:
    """Expected and reported findings of one family, and how they matched."""

    def __init__(self) -> None:
        self.stats: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
        self.misses: list[Key] = []
        self.alarms: list[Key] = []
        self.moved: list[tuple[Key, Key]] = []
        self.cases = 0

    def add(self, code: str, tp: int = 0, fn: int = 0, fp: int = 0) -> None:
        s = self.stats[code]
        s["tp"] += tp
        s["fn"] += fn
        s["fp"] += fp


def load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"holdout_{path.parent.name}_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text).lstrip("\n"))


def flake8(python: str, args: list[str], cwd: Path) -> list[tuple[str, int, str]]:
    """Run flake8 and return (absolute path, line, code) of each FP finding."""
    cmd = [python, "-m", "flake8", "--isolated", *args]
    out = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=os.environ.copy())
    if out.returncode not in (0, 1):
        sys.exit(f"flake8 failed ({out.returncode}): {' '.join(cmd)}\n{out.stderr[-2000:]}")
    if out.stderr.strip():
        print(out.stderr[-2000:], file=sys.stderr)
    found = []
    for line in out.stdout.splitlines():
        m = FINDING.match(line)
        if m:
            found.append((str((cwd / m[1]).resolve()), int(m[2]), m[3]))
    return found


def marks(root: Path, pattern: re.Pattern[str]) -> Iterable[tuple[str, int, str, str]]:
    """(relative path, line, kind, code) of every marker under root."""
    for p in sorted(root.rglob("*.py")):
        rel = str(p.relative_to(root))
        for i, line in enumerate(p.read_text().splitlines(), 1):
            for m in pattern.finditer(line):
                kind = m.group("kind") if "kind" in pattern.groupindex else "expect"
                for code in re.split(r"[,\s]+", m.group("codes")):
                    if code:
                        yield rel, i, kind, code


def rel_to(root: Path, found: list[tuple[str, int, str]]) -> set[Key]:
    return {(os.path.relpath(p, root), i, c) for p, i, c in found}


# ---------------------------------------------------------------- pydantic

PYD_MARK = re.compile(r"#\s*(?P<kind>expect|expect-one|maybe):\s*(?P<codes>[A-Z0-9, ]+)")
PYD_EXTRA = {"FP307": ["--extend-select", "FP307"]}
PYD_PREFIX = {"cases_c": "c_", "cases_d": "d_", "cases_e": "e_"}


def run_pydantic(python: str, root: Path, jobs: str) -> Score:
    allcases: dict[str, dict[str, object]] = {}
    for path in sorted((CASE_DIR / "pydantic").glob("cases_*.py")):
        prefix = PYD_PREFIX.get(path.stem, "")
        for code, cases in load(path).C.items():
            allcases.setdefault(code, {}).update({prefix + n: s for n, s in cases.items()})
    score = Score()
    for code, cases in allcases.items():
        for name, src in cases.items():
            write(root / code / name, src if isinstance(src, dict) else {"snippet.py": src})
            score.cases += 1
    expect, maybe, groups = set(), set(), collections.defaultdict(set)
    for rel, i, kind, code in marks(root, PYD_MARK):
        if kind == "expect":
            expect.add((rel, i, code))
        elif kind == "maybe":
            maybe.add((rel, i, code))
        else:
            groups[(rel, code)].add(i)
    got: set[Key] = set()
    for code in sorted(allcases):
        args = ["-j", jobs, "--select", "FP3", *PYD_EXTRA.get(code, []), code]
        got |= rel_to(root, flake8(python, args, root))
    for key in expect:
        if key in got:
            score.add(key[2], tp=1)
        else:
            score.add(key[2], fn=1)
            score.misses.append(key)
    for (rel, code), lines in groups.items():
        if any((rel, i, code) in got for i in lines):
            score.add(code, tp=1)
        else:
            score.add(code, fn=1)
            score.misses.append((rel, min(lines), code))
    for key in got:
        rel, i, code = key
        if key in expect or key in maybe or i in groups.get((rel, code), ()):
            continue
        score.add(code, fp=1)
        score.alarms.append(key)
    return score


# ---------------------------------------------------------------- security

SEC_SELECT = "FP4,FP507,FP508,FP407"
SEC_CODES = [f"FP4{n:02d}" for n in range(1, 12)] + ["FP507", "FP508"]
SEC_MARK = re.compile(r"# expect: (?P<codes>[\w,]+)")
SEC_PYPROJECT = '[project]\nname = "case"\nversion = "0"\n'


def run_security(python: str, root: Path, jobs: str) -> Score:
    cases: dict[str, dict[str, str]] = {}
    for path in sorted((CASE_DIR / "security").glob("gen*.py")):
        for name, files in load(path).C.items():
            assert name not in cases, name
            cases[name] = files
    by_args: dict[str, list[str]] = collections.defaultdict(list)
    for name, files in cases.items():
        write(root / name, {k: v for k, v in files.items() if k != "args"})
        if "pyproject.toml" not in files:
            (root / name / "pyproject.toml").write_text(SEC_PYPROJECT)
        by_args[files.get("args", "")].append(name)
    found: dict[str, set[Key]] = collections.defaultdict(set)  # case -> {(rel in case, line, code)}
    for args, names in by_args.items():
        extra, select = args.split(), SEC_SELECT
        if "--select" in extra:
            i = extra.index("--select")
            select += "," + extra[i + 1]
            del extra[i : i + 2]
        for rel, i, code in rel_to(root, flake8(python, ["-j", jobs, f"--select={select}", *extra, *names], root)):
            case, _, inner = rel.partition(os.sep)
            found[case].add((inner, i, code))
    score = Score()
    score.cases = len(cases)
    for code in SEC_CODES:
        score.add(code)
    for name in cases:
        expected = {(rel, i, code) for rel, i, _, code in marks(root / name, SEC_MARK)}
        for code in SEC_CODES:
            e = {x for x in expected if x[2] == code}
            g = {x for x in found[name] if x[2] == code}
            miss, extra_found = sorted(e - g), sorted(g - e)
            moved = min(len(miss), len(extra_found))
            score.add(code, tp=len(e & g) + moved, fn=len(miss) - moved, fp=len(extra_found) - moved)
            score.misses += [(f"{name}/{r}", i, c) for r, i, c in miss[moved:]]
            score.alarms += [(f"{name}/{r}", i, c) for r, i, c in extra_found[moved:]]
            for (ra, ia, ca), (rb, ib, cb) in zip(miss[:moved], extra_found[:moved], strict=True):
                score.moved.append(((f"{name}/{ra}", ia, ca), (f"{name}/{rb}", ib, cb)))
    return score


# ---------------------------------------------------------------- app

APP_MODULES = ("cases6a", "cases6b", "cases7", "cases_extra", "cases_r3", "cases_r4", "cases_r5")
APP_MARK = re.compile(r"# expect: (?P<codes>(?:FP\d+\s*)+)")


def run_app(python: str, root: Path, jobs: str) -> Score:
    cases: dict[str, tuple[dict[str, str], str]] = {}
    for stem in APP_MODULES:
        cases.update(load(CASE_DIR / "app" / f"{stem}.py").CASES)
    by_flags: dict[str, list[str]] = collections.defaultdict(list)
    for name, (files, flags) in cases.items():
        write(root / name, files)
        by_flags[flags].append(name)
    expected = {(rel, i, code) for rel, i, _, code in marks(root, APP_MARK)}
    found: set[Key] = set()
    for flags, names in by_flags.items():
        args = flags.split()
        if "--select" not in args:
            args = ["--select", "FP6,FP7", *args]
        reported = rel_to(root, flake8(python, ["-j", jobs, *args, *names], root))
        found |= {k for k in reported if k[2][:3] in ("FP6", "FP7")}
    score = Score()
    score.cases = len(cases)
    for code in sorted({c for *_, c in expected} | {c for *_, c in found}):
        e = {x for x in expected if x[2] == code}
        f = {x for x in found if x[2] == code}
        score.add(code, tp=len(e & f), fn=len(e - f), fp=len(f - e))
        score.misses += sorted(e - f)
        score.alarms += sorted(f - e)
    return score


# ---------------------------------------------------------------- report

FAMILIES = {"pydantic": run_pydantic, "security": run_security, "app": run_app}


def ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "  -"


def source_line(root: Path, key: Key) -> str:
    rel, i, code = key
    try:
        text = (root / rel).read_text().splitlines()[i - 1].strip()
    except (OSError, IndexError):
        text = ""
    return f"{code} {rel}:{i}: {text}"


def report(family: str, score: Score, root: Path, verbose: bool) -> None:
    print(f"\n== {family}: {score.cases} cases")
    print(f"{'code':6} {'TP':>4} {'FN':>4} {'FP':>4} {'recall':>7} {'prec':>6}")
    total: collections.Counter[str] = collections.Counter()
    for code in sorted(score.stats):
        s = score.stats[code]
        total.update(s)
        print(f"{code:6} {s['tp']:4} {s['fn']:4} {s['fp']:4} {ratio(s['tp'], s['tp'] + s['fn']):>7} "
              f"{ratio(s['tp'], s['tp'] + s['fp']):>6}")
    print(f"{'all':6} {total['tp']:4} {total['fn']:4} {total['fp']:4} "
          f"{ratio(total['tp'], total['tp'] + total['fn']):>7} {ratio(total['tp'], total['tp'] + total['fp']):>6}")
    if not verbose:
        return
    for title, keys in (("misses", score.misses), ("false alarms", score.alarms)):
        if keys:
            print(f"{title}:")
            for key in sorted(keys):
                print("  " + source_line(root, key))
    if score.moved:
        print("found on another line of the case (counted as found):")
        for (ra, ia, code), (rb, ib, _) in score.moved:
            print(f"  {code} expected {ra}:{ia}, reported {rb}:{ib}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--family", choices=sorted(FAMILIES), action="append",
                        help="family to score (repeatable; default: all)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and false alarms")
    parser.add_argument("--python", default=sys.executable,
                        help="interpreter whose flake8 runs (default: this one), e.g. a baseline's venv")
    parser.add_argument("--jobs", default="1", help="flake8 -j (default 1)")
    args = parser.parse_args(argv)
    probe = subprocess.run([args.python, "-c", "import flake8, flake8_fastapi_prod as m; print(m.__file__)"],
                           capture_output=True, text=True, env=os.environ.copy())
    if probe.returncode:
        sys.exit(f"{args.python} cannot import flake8 and the plugin:\n{probe.stderr.strip()[-2000:]}")
    print(f"plugin: {probe.stdout.strip()}")
    for family in args.family or list(FAMILIES):
        root = OUT_DIR / family
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        # The search for a project's pins and root stops at a `.git`: without
        # one it would reach this repository's pyproject.toml.
        (root / ".git").mkdir()
        report(family, FAMILIES[family](args.python, root, args.jobs), root, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
