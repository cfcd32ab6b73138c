#!/usr/bin/env python3
"""Speed and memory benchmark of flake8-fastapi-prod against its neighbours.

Run it from a venv that has flake8, flake8-bugbear, flake8-async,
bump-pydantic and this project installed (see benchmarks/README.md):

    python benchmarks/bench.py [--runs N] [--tree DIR | --orientation] [--out benchmarks/README.md]

It measures, in one run, with the commands of each part interleaved in every
round (so machine noise hits them alike), medians of N runs:

  a  flake8 --select E999 (flake8's own cost) / FP / B / ASYNC, -j 1 and
     default jobs; marginal cost of each plugin over E999; FP's marginal
     cost over bugbear's (goal <= 1).
  b  fastapi-prod-fix --check vs flake8 --select FP on a copy of the tree
     where nothing is left to fix (goal <= 1.5x).
  c  fastapi-prod-fix --select FP3,FP307 --unsafe-fixes vs bump-pydantic on a
     pinned Pydantic-V1-era package (goal >= 10x faster), with a per-category
     count of what each tool rewrote.
  d  peak RSS of the -j 1 commands of (a) and (b) on the tree and on a tree
     ten times larger (goal: flat).
  e  the on-disk cache: flake8 --select FP with an empty cache folder, on
     an unchanged tree with the folder the first run left, and with the
     cache off; `fastapi-prod check` first run / re-run and the editor
     server's didChange -> diagnostics time once those commands exist
     (skipped with a note until then).

(a), (b) and (d) run with FASTAPI_PROD_NO_CACHE=1: the cost of a first run.
--also-tree measures more trees in the same run (issue 10: the orientation
tree and litellm's proxy); --fp-baseline PYTHON adds flake8 --select FP from
another venv (an older commit) to (a), for a before/after in one run.

flake8 runs every installed plugin whatever --select says, so each flake8
command runs in a child process that loads only flake8's own plugins
(pycodestyle, pyflakes) plus the one plugin under test; that is what a user
with only that plugin installed pays.  The child is this script itself:
``bench.py flake8-only DIST[,DIST] -- FLAKE8-ARGS``.

Standard library only; the report is Markdown, printed and written between
the results markers of --out.
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import datetime
import difflib
import importlib.metadata
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
BENCH_CACHE = REPO_ROOT / ".cache" / "bench"
CORPUS_SRC = REPO_ROOT / ".cache" / "corpus" / "src"
ORIENTATION_TREE = CORPUS_SRC / "apache-airflow-core" / "airflow" / "api_fastapi"
DEFAULT_OUT = Path(__file__).resolve().parent / "README.md"
RESULTS_BEGIN = "<!-- results:begin -->"
RESULTS_END = "<!-- results:end -->"
# A Pydantic-V1-era release with many V1 models (class Config, @validator,
# @root_validator, .dict(), .json(), parse_obj, from_orm, __fields__, ...).
V1_PIN = "prefect==2.10.21"
V1_SUBPATH = "prefect/"
SCALE = 10
FLAKE8_OWN_DISTS = frozenset({"flake8", "pyflakes", "pycodestyle"})
TRACEBACK = "Traceback (most recent call last):"
MB = 1024.0  # ru_maxrss is in KiB on Linux


@dataclasses.dataclass(frozen=True)
class Linter:
    """A flake8 code prefix and the distribution that provides it."""

    select: str
    dist: str  # "" for flake8's own checks
    python: str = ""  # another venv's interpreter (--fp-baseline); "" for this one
    name: str = ""  # label suffix for such a run

    @property
    def label(self) -> str:
        return f"flake8 --select {self.select}" + (f" ({self.name})" if self.name else "")


LINTERS = {
    "E999": Linter("E999", ""),
    "FP": Linter("FP", "flake8-fastapi-prod"),
    "B": Linter("B", "flake8-bugbear"),
    "ASYNC": Linter("ASYNC", "flake8-async"),
}
VERSIONED_DISTS = (
    "flake8-fastapi-prod",
    "flake8",
    "pyflakes",
    "pycodestyle",
    "flake8-bugbear",
    "flake8-async",
    "bump-pydantic",
    "libcst",
)


#: Issue 10's budget: FP's marginal CPU at most this times bugbear's (goal 0.5),
#: peak RSS at most this many MB above flake8 alone's.
FP_B_BUDGET = 0.8
FP_B_GOAL = 0.5
RSS_BUDGET_MB = 50
#: Extra linters by key (--fp-baseline adds "FP@base").
EXTRA_LINTERS: dict[str, Linter] = {}


def linter_of(select: str) -> Linter:
    return EXTRA_LINTERS.get(select) or LINTERS[select]


class BenchError(Exception):
    """An expected failure, reported as one line without a traceback."""


# --------------------------------------------------------------------------
# The flake8 child: only flake8's own plugins plus the named distributions
# --------------------------------------------------------------------------


def flake8_only(dists: str, flake8_args: Sequence[str]) -> int:
    """Run flake8 in this process with only its own plugins and `dists`."""
    from flake8.main import cli
    from flake8.plugins import finder

    keep = FLAKE8_OWN_DISTS | {name for name in dists.split(",") if name}
    find_all = finder._find_importlib_plugins

    def find_kept() -> Iterator[finder.Plugin]:
        for plugin in find_all():
            if plugin.package in keep:
                yield plugin

    finder._find_importlib_plugins = find_kept
    exit_code: int = cli.main(list(flake8_args))
    return exit_code


# --------------------------------------------------------------------------
# Measuring one command
# --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Sample:
    wall: float
    cpu: float  # user + system of the process and its reaped children
    maxrss_kb: int
    exit_code: int


@dataclasses.dataclass(frozen=True)
class Command:
    label: str
    argv: tuple[str, ...]
    ok_exit: frozenset[int] = frozenset({0, 1})
    cwd: Path | None = None
    env: tuple[tuple[str, str], ...] = ()


def measure(command: Command, cwd: Path | None = None) -> Sample:
    """Run `command` in a fresh process; wall time, CPU time and peak RSS."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        proc = subprocess.Popen(
            command.argv,
            stdout=output,
            stderr=subprocess.STDOUT,
            cwd=cwd or command.cwd,
            env={**child_env(), **dict(command.env)},
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    if proc.returncode not in command.ok_exit or TRACEBACK in text:
        tail = "\n".join(text.strip().splitlines()[-15:])
        raise BenchError(f"{command.label} exited {proc.returncode}:\n{tail}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, proc.returncode)


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDEVMODE", None)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run_rounds(commands: Sequence[Command], runs: int, log: Callable[[str], None]) -> dict[str, list[Sample]]:
    """Every round runs every command once; the order rotates per round."""
    samples: dict[str, list[Sample]] = {command.label: [] for command in commands}
    for round_no in range(runs):
        shift = round_no % len(commands)
        for command in [*commands[shift:], *commands[:shift]]:
            sample = measure(command)
            samples[command.label].append(sample)
            log(f"round {round_no + 1}/{runs}: {command.label}: {sample.wall:.2f}s wall, {sample.cpu:.2f}s cpu")
    return samples


@dataclasses.dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float
    maxrss_mb: float

    @classmethod
    def of(cls, samples: Sequence[Sample]) -> Timing:
        return cls(
            statistics.median(s.wall for s in samples),
            statistics.median(s.cpu for s in samples),
            statistics.median(s.maxrss_kb for s in samples) / MB,
        )


# --------------------------------------------------------------------------
# Trees
# --------------------------------------------------------------------------


def python_files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*.py") if path.is_file())


def tree_stats(root: Path) -> tuple[int, int]:
    files = python_files(root)
    lines = sum(path.read_bytes().count(b"\n") for path in files)
    return len(files), lines


def copy_tree(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst, symlinks=False)
    return dst


def replicate_tree(src: Path, dst: Path, copies: int) -> Path:
    """dst/copyNN/... for NN < copies, hard-linked (or copied) .py files."""
    for number in range(copies):
        for path in python_files(src):
            target = dst / f"copy{number:02d}" / path.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(path, target)
            except OSError:
                shutil.copy2(path, target)
    return dst


# --------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------


def script(name: str) -> list[str]:
    """A console script of this venv (next to sys.executable)."""
    path = Path(sys.executable).parent / name
    if not path.exists():
        raise BenchError(f"{name} is not installed next to {sys.executable}; see benchmarks/requirements.txt")
    return [str(path)]


#: Plugin-cost runs measure a run without the on-disk cache (what the first
#: run on a tree costs); part (e) measures the cache.
NO_CACHE_ENV = (("FASTAPI_PROD_NO_CACHE", "1"),)


def flake8_command(
    linter: Linter, jobs: str, tree: Path, env: tuple[tuple[str, str], ...] = NO_CACHE_ENV, suffix: str = ""
) -> Command:
    python = linter.python or sys.executable
    argv = [python, str(Path(__file__).resolve()), "flake8-only", linter.dist, "--"]
    argv += ["--isolated", "--select", linter.select, "-j", jobs, str(tree)]
    return Command(f"{linter.label} -j {jobs}{suffix}", tuple(argv), env=env)


def fixer_check_command(jobs: int, tree: Path) -> Command:
    argv = [*script("fastapi-prod-fix"), "--check", "-q", "-j", str(jobs), str(tree)]
    return Command(f"fastapi-prod-fix --check -j {jobs}", tuple(argv), env=NO_CACHE_ENV)


# --------------------------------------------------------------------------
# Part a: flake8 plugins
# --------------------------------------------------------------------------


@dataclasses.dataclass
class PartA:
    timings: dict[tuple[str, str], Timing]  # (select, jobs) -> timing
    jobs_modes: list[str]
    selects: list[str]
    #: (select, jobs) -> every round's sample, in round order (the noise).
    samples: dict[tuple[str, str], list[Sample]] = dataclasses.field(default_factory=dict)

    def cpu_range(self, key: tuple[str, str]) -> str:
        cpus = [sample.cpu for sample in self.samples.get(key, [])]
        return f"{min(cpus):.2f}-{max(cpus):.2f}" if cpus else ""

    def round_ratios(self, ours: str, other: str, jobs: str) -> list[float]:
        """FP/B marginal CPU of each round, from that round's own E999."""
        base, mine, theirs = (self.samples.get((s, jobs), []) for s in ("E999", ours, other))
        found = []
        for b, m, t in zip(base, mine, theirs, strict=False):
            value = ratio(m.cpu - b.cpu, t.cpu - b.cpu)
            if value is not None:
                found.append(value)
        return found


def part_a(tree: Path, runs: int, selects: list[str], jobs_modes: list[str], log: Callable[[str], None]) -> PartA:
    commands = {(s, j): flake8_command(linter_of(s), j, tree) for j in jobs_modes for s in selects}
    samples = run_rounds(list(commands.values()), runs, log)
    timings = {key: Timing.of(samples[command.label]) for key, command in commands.items()}
    return PartA(timings, jobs_modes, selects, {key: samples[command.label] for key, command in commands.items()})


def report_a(result: PartA) -> tuple[list[str], list[Goal]]:
    lines = [
        "#### (a) flake8 plugins: marginal cost over `flake8 --select E999`",
        "",
        "| command | jobs | wall s | CPU s | CPU s, rounds | marginal wall s | marginal CPU s | peak RSS MB |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    goals: list[Goal] = []
    for jobs in result.jobs_modes:
        base = result.timings[("E999", jobs)]
        for select in result.selects:
            t = result.timings[(select, jobs)]
            marginal = f"{t.wall - base.wall:.2f} | {t.cpu - base.cpu:.2f}"
            if select == "E999":
                marginal = "(baseline) | (baseline)"
            label = linter_of(select).label
            spread = result.cpu_range((select, jobs))
            lines.append(
                f"| `{label}` | {jobs} | {t.wall:.2f} | {t.cpu:.2f} | {spread} | {marginal} | {t.maxrss_mb:.0f} |"
            )
    lines += [
        "",
        "The ratio's noise: the CPU ratio of each round, from that round's own E999, FP and B runs.",
        "",
        "| ratio | jobs | wall | CPU | CPU, each round (min-max) | goal |",
        "|---|---|---:|---:|---:|---|",
    ]
    for jobs in result.jobs_modes:
        base = result.timings[("E999", jobs)]
        for ours_select in [s for s in result.selects if s.startswith("FP")]:
            for other in ("B", "ASYNC"):
                if other not in result.selects:
                    continue
                ours, theirs = result.timings[(ours_select, jobs)], result.timings[(other, jobs)]
                wall = ratio(ours.wall - base.wall, theirs.wall - base.wall)
                cpu = ratio(ours.cpu - base.cpu, theirs.cpu - base.cpu)
                goal = ""
                name = linter_of(ours_select).label.removeprefix("flake8 --select ")
                rounds = result.round_ratios(ours_select, other, jobs)
                spread = f"{min(rounds):.2f}-{max(rounds):.2f}" if rounds else ""
                if other == "B":
                    verdict = verdict_le(cpu, FP_B_BUDGET)
                    goal = f"<= {FP_B_BUDGET} (goal {FP_B_GOAL}): **{verdict}**"
                    goals.append(
                        Goal(
                            f"(a) {name} marginal / bugbear marginal, -j {jobs} (CPU)",
                            f"<= {FP_B_BUDGET}",
                            fmt(cpu) + (f" (rounds {spread})" if spread else ""),
                            verdict,
                        )
                    )
                lines.append(
                    f"| {name} marginal / {other} marginal | {jobs} | {fmt(wall)} | {fmt(cpu)} | {spread} | {goal} |"
                )
        if "FP" in result.selects and "E999" in result.selects:
            ours = result.timings[("FP", jobs)]
            extra = ours.maxrss_mb - base.maxrss_mb
            verdict = "met" if extra <= RSS_BUDGET_MB else "missed"
            goals.append(
                Goal(f"(a) peak RSS of FP over E999, -j {jobs}", f"<= +{RSS_BUDGET_MB} MB", f"{extra:+.0f} MB", verdict)
            )
        if "FP" in result.selects:
            ours = result.timings[("FP", jobs)]
            lines.append(
                f"| `flake8 --select FP` / `flake8 --select E999` | {jobs} | "
                f"{fmt(ratio(ours.wall, base.wall))} | {fmt(ratio(ours.cpu, base.cpu))} | | |"
            )
    return lines, goals


# --------------------------------------------------------------------------
# Part b: fixer --check on a tree with nothing to fix vs flake8 --select FP
# --------------------------------------------------------------------------


@dataclasses.dataclass
class PartB:
    timings: dict[str, Timing]
    pairs: list[tuple[str, str]]  # (fixer label, flake8 label)
    prefix_exit: int


def nothing_to_fix_tree(tree: Path, work: Path) -> tuple[Path, int]:
    """Copy `tree` and apply every fix (safe and unsafe) once."""
    copy = copy_tree(tree, work / "nothing-to-fix")
    fix = Command("fastapi-prod-fix --unsafe-fixes", (*script("fastapi-prod-fix"), "--unsafe-fixes", "-q", str(copy)))
    fix = dataclasses.replace(fix, ok_exit=frozenset({0, 2}))
    return copy, measure(fix).exit_code


def part_b(copy: Path, prefix_exit: int, runs: int, jobs_modes: list[str], log: Callable[[str], None]) -> PartB:
    commands: list[Command] = []
    pairs: list[tuple[str, str]] = []
    for jobs in jobs_modes:
        fixer = fixer_check_command(1 if jobs == "1" else os.cpu_count() or 1, copy)
        flake8 = flake8_command(LINTERS["FP"], jobs, copy)
        commands += [fixer, flake8]
        pairs.append((fixer.label, flake8.label))
    samples = run_rounds(commands, runs, log)
    return PartB({label: Timing.of(s) for label, s in samples.items()}, pairs, prefix_exit)


def report_b(result: PartB) -> tuple[list[str], list[Goal]]:
    lines = [
        "#### (b) `fastapi-prod-fix --check` on a tree with nothing to fix vs `flake8 --select FP`",
        "",
        f"The tree is a copy of the tree above after one `fastapi-prod-fix --unsafe-fixes` "
        f"(exit {result.prefix_exit}; 2 means some files could not be fixed and were left as they were).",
        "",
        "| fixer | fixer wall s | fixer CPU s | flake8 | flake8 wall s | flake8 CPU s "
        "| ratio wall | ratio CPU | goal |",
        "|---|---:|---:|---|---:|---:|---:|---:|---|",
    ]
    goals: list[Goal] = []
    for fixer_label, flake8_label in result.pairs:
        f, g = result.timings[fixer_label], result.timings[flake8_label]
        wall, cpu = ratio(f.wall, g.wall), ratio(f.cpu, g.cpu)
        verdict = verdict_le(cpu, 1.5)
        goals.append(Goal(f"(b) `{fixer_label}` / `{flake8_label}` (CPU)", "<= 1.5", fmt(cpu), verdict))
        lines.append(
            f"| `{fixer_label}` | {f.wall:.2f} | {f.cpu:.2f} | `{flake8_label}` | {g.wall:.2f} | {g.cpu:.2f} "
            f"| {fmt(wall)} | {fmt(cpu)} | <= 1.5: **{verdict}** |"
        )
    return lines, goals


# --------------------------------------------------------------------------
# Part c: Pydantic V1 -> V2 rewrite vs bump-pydantic
# --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Category:
    name: str
    v1: re.Pattern[str]  # what should disappear
    v2: re.Pattern[str]  # what a rewrite introduces


CATEGORIES = (
    Category(
        "`class Config:` -> `model_config = ConfigDict(...)`",
        re.compile(r"^\s*class Config\b"),
        re.compile(r"\bmodel_config\s*="),
    ),
    Category(
        "`@validator` -> `@field_validator`",
        re.compile(r"@(?:pydantic\.)?validator\("),
        re.compile(r"@(?:pydantic\.)?field_validator\("),
    ),
    Category(
        "`@root_validator` -> `@model_validator`",
        re.compile(r"@(?:pydantic\.)?root_validator\b"),
        re.compile(r"@(?:pydantic\.)?model_validator\("),
    ),
    Category("`.dict()` -> `.model_dump()`", re.compile(r"\.dict\("), re.compile(r"\.model_dump\(")),
    Category("`.json()` -> `.model_dump_json()`", re.compile(r"\.json\("), re.compile(r"\.model_dump_json\(")),
    Category("`.copy()` -> `.model_copy()`", re.compile(r"\.copy\("), re.compile(r"\.model_copy\(")),
    Category("`parse_obj` -> `model_validate`", re.compile(r"\bparse_obj\("), re.compile(r"\bmodel_validate\(")),
    Category(
        "`parse_raw` -> `model_validate_json`", re.compile(r"\bparse_raw\("), re.compile(r"\bmodel_validate_json\(")
    ),
    Category("`from_orm` -> `model_validate`", re.compile(r"\bfrom_orm\("), re.compile(r"\bmodel_validate\(")),
    Category("`.schema()` -> `.model_json_schema()`", re.compile(r"\.schema\("), re.compile(r"\.model_json_schema\(")),
    Category(
        "`update_forward_refs` -> `model_rebuild`",
        re.compile(r"\bupdate_forward_refs\("),
        re.compile(r"\bmodel_rebuild\("),
    ),
    Category("`__fields__` -> `model_fields`", re.compile(r"\b__fields__\b"), re.compile(r"\bmodel_fields\b")),
    Category("`orm_mode` -> `from_attributes`", re.compile(r"\borm_mode\b"), re.compile(r"\bfrom_attributes\b")),
    Category("`__root__` -> `RootModel`", re.compile(r"\b__root__\b"), re.compile(r"\bRootModel\b")),
    Category(
        "`BaseSettings` from `pydantic` -> `pydantic_settings`",
        re.compile(r"from pydantic import .*\bBaseSettings\b"),
        re.compile(r"from pydantic_settings import"),
    ),
    Category("`Field(regex=)` -> `Field(pattern=)`", re.compile(r"\bregex="), re.compile(r"\bpattern=")),
    Category(
        "`Field(min_items=/max_items=)` -> `min_length/max_length`",
        re.compile(r"\b(?:min|max)_items="),
        re.compile(r"\b(?:min|max)_length="),
    ),
    Category("`Field(const=)`", re.compile(r"\bconst="), re.compile(r"\bLiteral\[")),
    Category(
        "`Optional[X]` field without default -> `= None`",
        re.compile(r"^\s+\w+: (?:Optional\[.*\]|.*\| None)\s*$"),
        re.compile(r"^\s+\w+: (?:Optional\[.*\]|.*\| None) = None\s*$"),
    ),
)
TODO_MARK = re.compile(r"#\s*TODO\[pydantic\]")


@dataclasses.dataclass
class Outcome:
    """What one tool did to the V1 tree."""

    changed_files: int = 0
    changed_lines: int = 0
    unparsable: int = 0
    todo_comments: int = 0
    v1_left: dict[str, int] = dataclasses.field(default_factory=dict)
    v2_added: dict[str, int] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass
class PartC:
    pin: str
    subpath: str
    files: int
    lines: int
    v1_before: dict[str, int]
    timings: dict[str, Timing]
    outcomes: dict[str, Outcome]
    pairs: list[tuple[str, str]]


def count(pattern: re.Pattern[str], text: str) -> int:
    return sum(len(pattern.findall(line)) for line in text.splitlines())


def v1_tree(pin: str, log: Callable[[str], None]) -> Path:
    """The .py files of a pinned V1-era wheel, downloaded and extracted once into the cache."""
    name, version = pin.split("==")
    root = BENCH_CACHE / "v1" / f"{name}-{version}"
    if root.is_dir():
        return root
    wheels = BENCH_CACHE / "wheels"
    wheel = next(iter(sorted(wheels.glob(f"{name.replace('-', '_')}-{version}-*.whl"))), None)
    if wheel is None:
        log(f"downloading {pin}")
        argv = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:", "-d", str(wheels), pin]
        done = subprocess.run(argv, capture_output=True, text=True, check=False)
        if done.returncode:
            raise BenchError(f"pip download {pin} failed: {done.stderr.strip()[-300:]}")
        wheel = next(iter(sorted(wheels.glob(f"{name.replace('-', '_')}-{version}-*.whl"))), None)
        if wheel is None:
            raise BenchError(f"pip download {pin} saved no wheel in {wheels}")
    staging = root.with_name(root.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    with zipfile.ZipFile(wheel) as archive:
        for member in archive.namelist():
            parts = member.split("/")
            if member.endswith(".py") and ".." not in parts and not member.startswith("/"):
                target = staging / member
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(member))
    staging.rename(root)
    return root


def outcome_of(original: Path, rewritten: Path) -> Outcome:
    outcome = Outcome()
    outcome.v1_left = {c.name: 0 for c in CATEGORIES}
    outcome.v2_added = {c.name: 0 for c in CATEGORIES}
    for before_path in python_files(original):
        after_path = rewritten / before_path.relative_to(original)
        before = before_path.read_text(encoding="utf-8", errors="replace")
        after = after_path.read_text(encoding="utf-8", errors="replace")
        for category in CATEGORIES:
            outcome.v1_left[category.name] += count(category.v1, after)
            outcome.v2_added[category.name] += count(category.v2, after) - count(category.v2, before)
        if before == after:
            continue
        outcome.changed_files += 1
        diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        outcome.changed_lines += sum(1 for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---"))
        outcome.todo_comments += count(TODO_MARK, after) - count(TODO_MARK, before)
        try:
            ast.parse(after)
        except SyntaxError:
            outcome.unparsable += 1
    return outcome


def part_c(pin: str, subpath: str, runs: int, work: Path, log: Callable[[str], None]) -> PartC:
    sub = subpath.strip("/")
    # Each copy holds the whole top-level package, so that base classes defined
    # outside the subtree resolve; both tools are run on the subtree only.
    top = sub.split("/")[0]
    package_root = v1_tree(pin, log) / top
    original = package_root.parent / sub
    if not original.is_dir():
        raise BenchError(f"{pin} has no directory {sub}")
    package = sub
    files, lines = tree_stats(original)
    v1_before = {
        c.name: sum(count(c.v1, p.read_text("utf-8", "replace")) for p in python_files(original)) for c in CATEGORIES
    }
    jobs = os.cpu_count() or 1
    # FP307 (Optional without default) is opt-in: named, as bump-pydantic's BP002 is on by default.
    fixer_argv = (*script("fastapi-prod-fix"), "--select", "FP3,FP307", "--unsafe-fixes", "-q")
    commands = [
        Command(
            "fastapi-prod-fix --select FP3,FP307 --unsafe-fixes -j 1",
            (*fixer_argv, "-j", "1", package),
            frozenset({0, 2}),
        ),
        Command(
            f"fastapi-prod-fix --select FP3,FP307 --unsafe-fixes -j {jobs}",
            (*fixer_argv, "-j", str(jobs), package),
            frozenset({0, 2}),
        ),
        Command(f"bump-pydantic (pool of {jobs})", (*script("bump-pydantic"), "--log-file", "../bump.log", package)),
    ]
    samples: dict[str, list[Sample]] = {command.label: [] for command in commands}
    outcomes: dict[str, Outcome] = {}
    for round_no in range(runs):
        shift = round_no % len(commands)
        for number, command in enumerate([*commands[shift:], *commands[:shift]]):
            copy = work / f"v1-{round_no}-{number}"
            copy_tree(package_root, copy / top)
            sample = measure(command, cwd=copy)
            samples[command.label].append(sample)
            log(f"round {round_no + 1}/{runs}: {command.label}: {sample.wall:.2f}s wall, {sample.cpu:.2f}s cpu")
            if command.label not in outcomes:
                outcomes[command.label] = outcome_of(original, copy / sub)
            shutil.rmtree(copy)
    timings = {label: Timing.of(s) for label, s in samples.items()}
    pairs = [(commands[0].label, commands[2].label), (commands[1].label, commands[2].label)]
    return PartC(pin, subpath, files, lines, v1_before, timings, outcomes, pairs)


def report_c(result: PartC) -> tuple[list[str], list[Goal]]:
    lines = [
        f"#### (c) Pydantic V1 -> V2 rewrite of `{result.pin}` (`{result.subpath}`: "
        f"{result.files} files, {result.lines:,} lines) vs bump-pydantic",
        "",
        "| command | wall s | CPU s | files changed | lines changed | `TODO[pydantic]` added | unparsable after |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, timing in result.timings.items():
        o = result.outcomes[label]
        lines.append(
            f"| `{label}` | {timing.wall:.2f} | {timing.cpu:.2f} | {o.changed_files} | {o.changed_lines} "
            f"| {o.todo_comments} | {o.unparsable} |"
        )
    goals: list[Goal] = []
    lines += ["", "| speed-up (bump-pydantic time / ours) | wall | CPU | goal |", "|---|---:|---:|---|"]
    for ours_label, theirs_label in result.pairs:
        ours, theirs = result.timings[ours_label], result.timings[theirs_label]
        wall, cpu = ratio(theirs.wall, ours.wall), ratio(theirs.cpu, ours.cpu)
        verdict = verdict_ge(wall, 10.0)
        goals.append(Goal(f"(c) bump-pydantic / `{ours_label}` (wall)", ">= 10", fmt(wall), verdict))
        lines.append(f"| `{ours_label}` vs `{theirs_label}` | {fmt(wall)} | {fmt(cpu)} | >= 10x: **{verdict}** |")
    ours_label, theirs_label = result.pairs[0]
    ours_did, theirs_did = result.outcomes[ours_label], result.outcomes[theirs_label]
    lines += [
        "",
        "Coverage: occurrences of each V1 construct in the original tree, and how many each tool removed "
        "(rewrote) plus how many V2 constructs it introduced. Counted by regular expression over the whole "
        "tree, so `.dict()` / `.json()` / `.copy()` / `.schema()` also count calls on non-Pydantic objects "
        "(a dict's `.copy()`, an HTTP response's `.json()`): the V1 column is an upper bound. "
        "`parse_obj` and `from_orm` share the V2 count (`model_validate`).",
        "",
        "| category | in V1 tree | ours: removed | ours: V2 added | bump-pydantic: removed | bump-pydantic: V2 added |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    ours_total = theirs_total = 0
    covered_ours = covered_theirs = 0
    for category in CATEGORIES:
        before = result.v1_before[category.name]
        if before == 0:
            continue
        ours_removed = before - ours_did.v1_left[category.name]
        theirs_removed = before - theirs_did.v1_left[category.name]
        ours_total += ours_removed
        theirs_total += theirs_removed
        covered_ours += ours_removed > 0
        covered_theirs += theirs_removed > 0
        lines.append(
            f"| {category.name} | {before} | {ours_removed} | {ours_did.v2_added[category.name]} "
            f"| {theirs_removed} | {theirs_did.v2_added[category.name]} |"
        )
    lines.append(
        f"| **total (categories touched)** | | **{ours_total} ({covered_ours})** "
        f"| | **{theirs_total} ({covered_theirs})** | |"
    )
    verdict = "met" if ours_total >= theirs_total and covered_ours >= covered_theirs else "missed"
    goals.append(
        Goal(
            "(c) coverage at least bump-pydantic's (V1 constructs removed)",
            ">= bump-pydantic",
            f"{ours_total} vs {theirs_total}",
            verdict,
        )
    )
    return lines, goals


# --------------------------------------------------------------------------
# Part d: peak memory on the tree and on a tree ten times larger
# --------------------------------------------------------------------------


@dataclasses.dataclass
class PartD:
    rows: list[tuple[str, float, float]]  # label, MB at 1x, MB at 10x
    files_1x: int
    files_10x: int


def part_d(tree: Path, fixed_tree: Path | None, selects: list[str], work: Path, log: Callable[[str], None]) -> PartD:
    big = replicate_tree(tree, work / "scaled", SCALE)
    pairs: list[tuple[str, Command, Command]] = [
        (LINTERS[s].label + " -j 1", flake8_command(LINTERS[s], "1", tree), flake8_command(LINTERS[s], "1", big))
        for s in selects
    ]
    if fixed_tree is not None:
        big_fixed = replicate_tree(fixed_tree, work / "scaled-fixed", SCALE)
        suffix = " (nothing-to-fix copy)"
        pairs.append(
            (
                "fastapi-prod-fix --check -j 1" + suffix,
                fixer_check_command(1, fixed_tree),
                fixer_check_command(1, big_fixed),
            )
        )
        fp = LINTERS["FP"]
        pairs.append(
            (fp.label + " -j 1" + suffix, flake8_command(fp, "1", fixed_tree), flake8_command(fp, "1", big_fixed))
        )
    rows = []
    for label, small, large in pairs:
        one, ten = measure(small), measure(large)
        log(f"memory: {label}: {one.maxrss_kb / MB:.1f} MB at 1x, {ten.maxrss_kb / MB:.1f} MB at {SCALE}x")
        rows.append((label, one.maxrss_kb / MB, ten.maxrss_kb / MB))
    return PartD(rows, len(python_files(tree)), len(python_files(big)))


def report_d(result: PartD) -> tuple[list[str], list[Goal]]:
    baseline = next(((one, ten) for label, one, ten in result.rows if label.startswith("flake8 --select E999")), None)
    lines = [
        f"#### (d) Peak RSS, -j 1, on the tree ({result.files_1x} files) "
        f"and {SCALE}x the tree ({result.files_10x} files)",
        "",
        "One fresh process per measurement; max RSS from `wait4()`. flake8 itself grows with the number of",
        "files (it keeps every file's results), so for flake8 plugins the growth beyond `flake8 --select E999`'s",
        "is what the plugin adds: flat means that growth is under a quarter of the command's RSS at 1x.",
        "",
        f"| command | MB at 1x | MB at {SCALE}x | ratio | growth beyond flake8's, MB | goal: flat |",
        "|---|---:|---:|---:|---:|---|",
    ]
    goals: list[Goal] = []
    for label, one, ten in result.rows:
        r = ratio(ten, one)
        plugin = label.startswith("flake8 --select") and baseline is not None and "E999" not in label
        if plugin and baseline is not None:
            extra = (ten - one) - (baseline[1] - baseline[0])
            verdict = "met" if extra <= 0.25 * one else "missed"
            shown, target = f"{extra:+.1f}", f"growth beyond flake8's <= 25% of 1x RSS ({0.25 * one:.1f} MB)"
        else:
            verdict, shown, target = verdict_le(r, 1.25), "", "10x / 1x <= 1.25"
        if "FP" in label or "fastapi-prod-fix" in label:
            value = shown + " MB" if shown else fmt(r)
            goals.append(Goal(f"(d) peak RSS, 1x -> {SCALE}x, `{label}`", target, value, verdict))
        lines.append(f"| `{label}` | {one:.1f} | {ten:.1f} | {fmt(r)} | {shown} | {verdict} |")
    return lines, goals


# --------------------------------------------------------------------------
# Part e: the on-disk cache, `fastapi-prod check`, the editor server
# --------------------------------------------------------------------------


@dataclasses.dataclass
class PartE:
    timings: dict[str, Timing]
    stats: dict[str, str]  # label -> what the cache held afterwards
    notes: list[str]


def _cache_env(directory: Path) -> tuple[tuple[str, str], ...]:
    return (("FASTAPI_PROD_CACHE_DIR", str(directory)),)


def _entries(directory: Path) -> int:
    return sum(1 for _ in directory.rglob("*.json")) if directory.is_dir() else 0


def _subcommand_exists(argv: list[str]) -> bool:
    """``fastapi-prod <sub> --help`` runs (the command may not exist yet)."""
    try:
        result = subprocess.run([*argv, "--help"], capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0


def _server_module(tree: Path) -> Path | None:
    """The module the editor server is timed on: the 1,000-line router
    cli_bench.py uses when it is in the tree, else the FastAPI module of the
    tree whose length is nearest 1,000 lines (600-2,000)."""
    default = CORPUS_SRC / "apache-airflow-core/airflow/api_fastapi/core_api/routes/public/dag_run.py"
    if default.is_file() and default.resolve().is_relative_to(tree.resolve()):
        return default
    best: tuple[int, Path] | None = None
    for path in sorted(tree.rglob("*.py")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        count = text.count("\n")
        fastapi = "APIRouter" in text or "FastAPI" in text
        if 600 <= count <= 2000 and fastapi and (best is None or abs(count - 1000) < best[0]):
            best = (abs(count - 1000), path)
    return best[1] if best else None


def part_e(tree: Path, runs: int, work: Path, log: Callable[[str], None]) -> PartE:
    """flake8 --select FP -j 1 / -j auto with an empty cache folder (first
    run), with the folder the first run left (a re-run on an unchanged tree)
    and with the cache off; ``fastapi-prod check`` first run / re-run, once
    the command exists."""
    fp = LINTERS["FP"]
    warm = work / "cache-warm"
    timings: dict[str, list[Sample]] = {}
    stats: dict[str, str] = {}
    notes: list[str] = []
    for jobs in ("1", "auto"):
        measure(flake8_command(fp, jobs, tree, _cache_env(warm)))  # fills the warm folder
    stats["warm folder"] = f"{_entries(warm)} entries"
    for round_no in range(runs):
        for jobs in ("1", "auto"):
            cold = work / f"cache-cold-{round_no}-{jobs}"
            commands = [
                flake8_command(fp, jobs, tree, _cache_env(cold), " (empty cache: first run)"),
                flake8_command(fp, jobs, tree, _cache_env(warm), " (re-run, unchanged tree)"),
                flake8_command(fp, jobs, tree, NO_CACHE_ENV, " (cache off)"),
            ]
            for command in commands:
                sample = measure(command)
                timings.setdefault(command.label, []).append(sample)
                log(f"round {round_no + 1}/{runs}: {command.label}: {sample.wall:.2f}s wall, {sample.cpu:.2f}s cpu")
            shutil.rmtree(cold, ignore_errors=True)
    check = Path(sys.executable).parent / "fastapi-prod"
    if check.exists() and _subcommand_exists([str(check), "check"]):
        folder = work / "check-cache"
        for round_no in range(runs):
            shutil.rmtree(folder, ignore_errors=True)
            for suffix in (" (first run)", " (re-run, unchanged tree)"):
                command = Command(
                    f"fastapi-prod check{suffix}", (str(check), "check", str(tree)), env=_cache_env(folder)
                )
                sample = measure(command)
                timings.setdefault(command.label, []).append(sample)
                log(f"round {round_no + 1}/{runs}: {command.label}: {sample.wall:.2f}s wall, {sample.cpu:.2f}s cpu")
    else:
        notes.append(
            "`fastapi-prod check` vs `flake8 --select FP` (goal <= 0.5x wall; re-run <= 0.1x): skipped, "
            f"`{check} check` does not exist yet."
        )
    if check.exists() and _subcommand_exists([str(check), "server"]):
        module = _server_module(tree)
        if module is None:
            notes.append("editor server: skipped, no FastAPI module of 600-2,000 lines in the tree.")
        else:
            sys.path.insert(0, str(Path(__file__).resolve().parent))
            import cli_bench  # the minimal LSP client over stdio

            log(f"editor server: {module}")
            notes.append(
                "editor server, didChange -> publishDiagnostics (goal: median <= 200 ms on a 1,000-line module):"
            )
            notes.extend(line.removeprefix("- ") for line in cli_bench.part_server(module, max(10, runs * 10)) if line)
    else:
        notes.append(
            "editor server (didChange -> publishDiagnostics on a 1,000-line module, goal median <= 200 ms): "
            f"skipped, `{check} server` does not exist yet."
        )
    return PartE({label: Timing.of(samples) for label, samples in timings.items()}, stats, notes)


def report_e(result: PartE) -> tuple[list[str], list[Goal]]:
    lines = [
        "#### (e) The on-disk cache (`.fastapi_prod_cache/`, here a scratch folder per case)",
        "",
        "| command | wall s | CPU s | peak RSS MB |",
        "|---|---:|---:|---:|",
    ]
    for label, t in result.timings.items():
        lines.append(f"| `{label}` | {t.wall:.2f} | {t.cpu:.2f} | {t.maxrss_mb:.0f} |")
    goals: list[Goal] = []
    for jobs in ("1", "auto"):
        first = result.timings.get(f"flake8 --select FP -j {jobs} (empty cache: first run)")
        again = result.timings.get(f"flake8 --select FP -j {jobs} (re-run, unchanged tree)")
        if first is not None and again is not None:
            lines.append(
                f"| re-run / first run, -j {jobs} | {fmt(ratio(again.wall, first.wall))} | "
                f"{fmt(ratio(again.cpu, first.cpu))} | |"
            )
    first = result.timings.get("fastapi-prod check (first run)")
    again = result.timings.get("fastapi-prod check (re-run, unchanged tree)")
    if first is not None and again is not None:
        value = ratio(again.wall, first.wall)
        goals.append(
            Goal("(e) `fastapi-prod check` re-run / first run (wall)", "<= 0.1", fmt(value), verdict_le(value, 0.1))
        )
    lines += [
        "",
        *(f"- {key}: {value}" for key, value in result.stats.items()),
        *(f"- {note}" for note in result.notes),
    ]
    return lines, goals


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Goal:
    what: str
    target: str
    value: str
    verdict: str


def ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator > 0 else None


def fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def verdict_le(value: float | None, limit: float) -> str:
    return "n/a" if value is None else ("met" if value <= limit else "missed")


def verdict_ge(value: float | None, limit: float) -> str:
    return "n/a" if value is None else ("met" if value >= limit else "missed")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def versions() -> str:
    found = []
    for dist in VERSIONED_DISTS:
        try:
            found.append(f"{dist} {importlib.metadata.version(dist)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{dist} (not installed)")
    return ", ".join(found)


def machine_lines(load_before: str, load_after: str) -> list[str]:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [
        f"- Date: {datetime.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        f"- CPU: {cpu_model()}, {os.cpu_count()} logical cores ({usable} usable)",
        f"- Load average (1/5/15 min) before / after: {load_before} / {load_after}",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.system()} {platform.release()}",
        f"- Tools: {versions()}",
    ]


def load_average() -> str:
    try:
        return " ".join(f"{value:.1f}" for value in os.getloadavg())
    except OSError:
        return "n/a"


def tree_label(tree: Path) -> str:
    resolved = tree.resolve()
    if resolved == ORIENTATION_TREE.resolve():
        return "orientation"
    if resolved == CORPUS_SRC.resolve():
        return "corpus"
    return resolved.name


def display_path(tree: Path) -> str:
    try:
        return str(tree.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(tree)


def write_results(out: Path, label: str, section: str) -> None:
    """Replace this label's block between the results markers of `out`."""
    begin, end = f"<!-- run:{label}:begin -->", f"<!-- run:{label}:end -->"
    block = f"{begin}\n{section.rstrip()}\n{end}"
    text = out.read_text(encoding="utf-8") if out.exists() else "# Benchmarks\n"
    if RESULTS_BEGIN not in text or RESULTS_END not in text:
        text = text.rstrip("\n") + f"\n\n{RESULTS_BEGIN}\n{RESULTS_END}\n"
    head, rest = text.split(RESULTS_BEGIN, 1)
    inner, tail = rest.split(RESULTS_END, 1)
    if begin in inner and end in inner:
        before, after = inner.split(begin, 1)
        inner = before + block + after.split(end, 1)[1]
    else:
        inner = inner.rstrip("\n") + "\n\n" + block + "\n"
    out.write_text(f"{head}{RESULTS_BEGIN}\n{inner.strip()}\n{RESULTS_END}{tail}", encoding="utf-8")


# --------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="rounds per part; medians are reported (default 3)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--tree", type=Path, default=CORPUS_SRC, help=f"tree to lint (default {display_path(CORPUS_SRC)})"
    )
    where.add_argument(
        "--orientation", action="store_true", help=f"use the orientation tree {display_path(ORIENTATION_TREE)}"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="Markdown file to update ('-': print only)")
    parser.add_argument("--parts", default="abcd", help="parts to run, e.g. 'ab' (default abcd)")
    parser.add_argument(
        "--linters", default="E999,FP,B,ASYNC", help="flake8 selections for (a) and (d); E999 is always run"
    )
    parser.add_argument(
        "--memory-linters", help="flake8 selections for (d) (default: --linters); E999 and FP are always run"
    )
    parser.add_argument("--jobs", default="1,auto", help="flake8 -j modes for (a) and (b) (default '1,auto')")
    parser.add_argument("--v1-package", default=V1_PIN, help=f"pinned V1-era package for (c) (default {V1_PIN})")
    parser.add_argument("--v1-subpath", default=V1_SUBPATH, help=f"subtree of it to rewrite (default {V1_SUBPATH})")
    parser.add_argument("--note", default="", help="a sentence added to the report (e.g. what was left out)")
    parser.add_argument("--label", help="name of this run's block in --out (default: derived from the tree)")
    parser.add_argument(
        "--also-tree",
        type=Path,
        action="append",
        default=[],
        help="another tree measured in the same run, its own block (repeatable; e.g. the large tree)",
    )
    parser.add_argument(
        "--fp-baseline",
        metavar="PYTHON",
        help="also run flake8 --select FP with another venv's interpreter (an older commit) in (a)",
    )
    args = parser.parse_args(argv)
    if args.orientation:
        args.tree = ORIENTATION_TREE
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    if set(args.parts) - set("abcde"):
        parser.error("--parts takes letters from 'abcde'")
    if args.fp_baseline:
        EXTRA_LINTERS["FP@base"] = Linter("FP", "flake8-fastapi-prod", args.fp_baseline, "baseline")
    selects = [s.strip() for s in args.linters.split(",") if s.strip()]
    unknown = sorted(set(selects) - set(LINTERS))
    if unknown:
        parser.error(f"unknown --linters {', '.join(unknown)} (known: {', '.join(LINTERS)})")
    args.selects = ["E999", *[s for s in LINTERS if s in selects and s != "E999"]]
    if args.fp_baseline:
        args.selects.insert(1, "FP@base")
    memory = args.linters if args.memory_linters is None else args.memory_linters
    args.memory_selects = [s for s in LINTERS if s in ("E999", "FP") or s in memory.split(",")]
    args.jobs_modes = [j.strip() for j in args.jobs.split(",") if j.strip()]
    if not args.jobs_modes or any(j != "auto" and not j.isdigit() for j in args.jobs_modes):
        parser.error("--jobs takes a comma-separated list of numbers or 'auto'")
    return args


def log_to_stderr(message: str) -> None:
    print(f"[{datetime.datetime.now().strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


#: The packages of the measured distributions, byte-compiled before any round.
MEASURED_PACKAGES = ("flake8_fastapi_prod", "bugbear", "flake8_async", "flake8", "pyflakes", "pycodestyle")
_COMPILE_CHILD = """
import compileall, importlib.util, sys
for name in sys.argv[1:]:
    spec = importlib.util.find_spec(name)
    if spec is None:
        continue
    for place in spec.submodule_search_locations or [spec.origin]:
        (compileall.compile_dir if spec.submodule_search_locations else compileall.compile_file)(place, quiet=1)
"""


def compile_bytecode(pythons: Iterable[str]) -> None:
    """Byte-compile every measured distribution in each interpreter, as pip
    does when it installs a wheel. An editable install (this repository's
    ``pip install -e .``) run with PYTHONDONTWRITEBYTECODE=1 would otherwise
    compile its sources in every measured process, a cost no installed
    plugin pays (0.14 s a process for this plugin's modules)."""
    for python in dict.fromkeys(pythons):
        subprocess.run([python, "-c", _COMPILE_CHILD, *MEASURED_PACKAGES], check=True)


def run(args: argparse.Namespace) -> list[tuple[str, str]]:
    """Run the parts; (block label, Markdown) for the tree and for part (c)."""
    tree: Path = args.tree
    tree_parts = [part for part in "abde" if part in args.parts]
    if tree_parts and not tree.is_dir():
        hint = " (run: python benchmarks/corpus.py fetch)" if CORPUS_SRC in (tree, *tree.parents) else ""
        raise BenchError(f"no such tree: {tree}{hint}")
    blocks: list[tuple[str, str]] = []
    compile_bytecode([sys.executable, *([args.fp_baseline] if args.fp_baseline else [])])
    BENCH_CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-", dir=BENCH_CACHE) as scratch:
        for number, one_tree in enumerate([tree, *args.also_tree] if tree_parts else []):
            work = Path(scratch) / f"tree{number}"
            work.mkdir()
            files, lines = tree_stats(one_tree)
            log_to_stderr(f"tree {display_path(one_tree)}: {files} files, {lines:,} lines; {args.runs} runs")
            title = f"### Tree: {tree_label(one_tree)} (`{display_path(one_tree)}`: {files:,} files, {lines:,} lines)"
            load_before = load_average()
            sections, goals = run_tree_parts(args, one_tree, work)
            block = render(title, args, load_before, sections, goals)
            blocks.append(((args.label if number == 0 else None) or tree_label(one_tree), block))
        work = Path(scratch)
        if "c" in args.parts:
            load_before = load_average()
            body, goals = report_c(part_c(args.v1_package, args.v1_subpath, args.runs, work, log_to_stderr))
            title = f"### Pydantic V1 -> V2: `{args.v1_package}` (`{args.v1_subpath}`)"
            blocks.append(("pydantic-v1", render(title, args, load_before, ["\n".join(body)], goals)))
    return blocks


def run_tree_parts(args: argparse.Namespace, tree: Path, work: Path) -> tuple[list[str], list[Goal]]:
    sections: list[str] = []
    goals: list[Goal] = []
    fixed: Path | None = None
    if "a" in args.parts:
        body, found = report_a(part_a(tree, args.runs, args.selects, args.jobs_modes, log_to_stderr))
        sections.append("\n".join(body))
        goals += found
    if "b" in args.parts or "d" in args.parts:
        fixed, prefix_exit = nothing_to_fix_tree(tree, work)
        if "b" in args.parts:
            body, found = report_b(part_b(fixed, prefix_exit, args.runs, args.jobs_modes, log_to_stderr))
            sections.append("\n".join(body))
            goals += found
    if "d" in args.parts:
        body, found = report_d(part_d(tree, fixed, args.memory_selects, work, log_to_stderr))
        sections.append("\n".join(body))
        goals += found
    if "e" in args.parts:
        body, found = report_e(part_e(tree, args.runs, work, log_to_stderr))
        sections.append("\n".join(body))
        goals += found
    return sections, goals


def render(title: str, args: argparse.Namespace, load_before: str, sections: list[str], goals: list[Goal]) -> str:
    header = [
        title,
        "",
        f"Command: `python benchmarks/bench.py {' '.join(sys.argv[1:])}`; medians of {args.runs} run(s); "
        "wall = elapsed seconds, CPU = user+system seconds of the process and its children.",
        "",
        *machine_lines(load_before, load_average()),
    ]
    if args.note:
        header += ["", f"Note: {args.note}"]
    summary = ["#### Goals", "", "| goal | target | measured | verdict |", "|---|---|---:|---|"]
    summary += [f"| {g.what} | {g.target} | {g.value} | **{g.verdict}** |" for g in goals]
    return "\n\n".join(["\n".join(header), "\n".join(summary), *sections]) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["flake8-only"]:
        if len(argv) < 3 or argv[2] != "--":
            print("usage: bench.py flake8-only DIST[,DIST] -- FLAKE8-ARGS", file=sys.stderr)
            return 2
        return flake8_only(argv[1], argv[3:])
    args = parse_args(argv)
    try:
        blocks = run(args)
    except BenchError as exc:
        print(f"bench.py: {exc}", file=sys.stderr)
        return 1
    for label, block in blocks:
        print(block)
        if str(args.out) != "-":
            write_results(args.out, label, block)
    if str(args.out) != "-":
        log_to_stderr(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
# edit
