"""Instructions one pass of the plugin's analysis executes over a tree.

CPU seconds on a shared machine vary by 5-10 % from run to run, more than
most single changes to the rules save. Instruction counts do not: this
script runs the analysis under ``valgrind --tool=cachegrind`` (no cache
simulation) once with one pass and once with two, and reports the
difference, so that reading and parsing the files, imports and start-up
cancel out. Every file is parsed before the first pass; each pass starts
from an empty project (no on-disk cache), as a first run of flake8 does.
Repeated runs agree within about 0.5 % (string hashing, and so set and
dict order, is randomised per process; fix ``PYTHONHASHSEED`` to compare
two commits on equal terms).

    python benchmarks/icount.py [--tree DIR] [--src SRC] [--select CODES] [--drop CODES]

``--src`` puts another checkout's ``src`` first on the path (compare two
commits side by side); ``--drop`` leaves codes out (a rule's marginal
cost is the count with all rules minus the count without it). Standard
library only; needs ``valgrind`` on the PATH.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
ORIENTATION_TREE = REPO_ROOT / ".cache" / "corpus" / "src" / "apache-airflow-core" / "airflow" / "api_fastapi"
_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def _analyse(tree: Path, passes: int, select: list[str], drop: set[str]) -> None:
    """The measured child: parse every file, then ``passes`` passes of the analysis."""
    import ast

    from flake8_fastapi_prod.context import analyze, enabled_rules
    from flake8_fastapi_prod.registry import Selection
    from flake8_fastapi_prod.resolve import disable_cache, tune_gc
    from flake8_fastapi_prod.resolve.project import Project
    from flake8_fastapi_prod.versions import targets_for

    disable_cache()
    tune_gc()
    files = sorted(str(path) for path in tree.rglob("*.py"))
    sources = {name: Path(name).read_bytes() for name in files}
    trees = {}
    for name in files:
        try:
            trees[name] = ast.parse(sources[name])
        except (SyntaxError, ValueError):
            continue
    selections: dict[object, Selection] = {}

    def selection_for(name: str) -> Selection:
        targets = targets_for(name, {})
        if targets not in selections:
            selections[targets] = Selection(tuple(select), (), (), targets)
        return selections[targets]

    for _ in range(passes):
        project = Project(None)
        for name, parsed in trees.items():
            selection = selection_for(name)
            rules = [rule for rule in enabled_rules(selection) if rule.code not in drop]
            analyze(parsed, name, selection, project=project, rules=rules, source=sources[name])


def _count(args: argparse.Namespace, passes: int) -> int:
    env = dict(os.environ)
    if args.src is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(args.src), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    argv = [
        "valgrind",
        "--tool=cachegrind",
        "--cache-sim=no",
        "--cachegrind-out-file=/dev/null",
        sys.executable,
        str(Path(__file__).resolve()),
        "analyse",
        "--passes",
        str(passes),
        "--tree",
        str(args.tree),
        "--select",
        ",".join(args.select),
        "--drop",
        ",".join(sorted(args.drop)),
    ]
    result = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    found = _REFS.search(result.stderr)
    if result.returncode != 0 or found is None:
        tail = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise SystemExit(f"icount.py: error: the measured run failed: {tail}")
    return int(found.group(1).replace(",", ""))


def _codes(text: str) -> list[str]:
    return [code.strip() for code in text.split(",") if code.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="icount.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", nargs="?", choices=["analyse"], help=argparse.SUPPRESS)
    parser.add_argument(
        "--tree", type=Path, default=ORIENTATION_TREE, help="tree to analyse (default: airflow's api_fastapi)"
    )
    parser.add_argument("--src", type=Path, default=None, help="a checkout's src folder to measure instead of this one")
    parser.add_argument("--select", type=_codes, default=["FP"], help="codes to select (default FP)")
    parser.add_argument("--drop", type=lambda text: set(_codes(text)), default=set(), help="codes to leave out")
    parser.add_argument("--passes", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.tree.is_dir():
        parser.error(f"no such folder: {args.tree} (python benchmarks/corpus.py fetch downloads the default tree)")
    if args.mode == "analyse":
        _analyse(args.tree, args.passes, args.select, args.drop)
        return 0
    if shutil.which("valgrind") is None:
        parser.error("valgrind is not installed")
    started = time.monotonic()
    one, two = _count(args, 1), _count(args, 2)
    what = f"{args.tree}" + (f" (without {', '.join(sorted(args.drop))})" if args.drop else "")
    print(f"{(two - one) / 1e6:,.0f} M instructions a pass: {what}; {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
