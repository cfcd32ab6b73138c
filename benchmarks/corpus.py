#!/usr/bin/env python3
"""Real-world corpus benchmark for flake8-fastapi-prod.

Subcommands (standard library only, Python 3.10+):

  fetch   download the pinned wheels listed in benchmarks/corpus_packages.txt
          from PyPI and extract the .py files of each FastAPI service subtree
          into <cache>/src/<name>/ (idempotent: extracted packages are skipped).
  run     run the linter (flake8 --select FP) and the fixer
          (python -m flake8_fastapi_prod.fix) over the extracted corpus and
          print a Markdown report; exits 1 on crashes, parse failures after
          fixing or idempotence failures.
  stats   print files/lines per package of the extracted corpus.

The cache defaults to .cache/corpus at the repository root (--cache DIR).
"""

from __future__ import annotations

import argparse
import ast
import collections
import dataclasses
import datetime
import importlib.metadata
import importlib.util
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

PROG = "corpus.py"
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CACHE = REPO_ROOT / ".cache" / "corpus"
DEFAULT_PACKAGE_LIST = Path(__file__).resolve().parent / "corpus_packages.txt"
STAMP_NAME = ".corpus-stamp"
STAMP_FORMAT = "corpus-stamp-v1"
FIXER_MODULE = "flake8_fastapi_prod.fix"
FIX_STEPS = ("lint", "diff", "fix", "verify", "check", "relint")
TRACEBACK_HEADERS = (
    "Traceback (most recent call last):",
    "+ Exception Group Traceback (most recent call last):",
    "Exception Group Traceback (most recent call last):",
)
CHAINED_TRACEBACK_MARKERS = (
    "During handling of the above exception, another exception occurred:",
    "The above exception was the direct cause of the following exception:",
)
FLAKE8_STDOUT_FAILURES = (
    "failed during execution due to",
    "There was a critical error during execution of Flake8",
    "Flake8 failed to load plugin",
)
NETWORK_HINTS = (
    "NewConnectionError",
    "Max retries exceeded",
    "Temporary failure in name resolution",
    "Name or service not known",
    "Connection refused",
    "ConnectTimeout",
    "ReadTimeout",
    "timed out",
    "Network is unreachable",
    "ProxyError",
    "SSLError",
)
NETWORK_REASON_RE = re.compile(
    r"Failed to establish a new connection: [^'\")]*\)?"
    r"|\[Errno -?\d+\] [^'\")]+"
    r"|Temporary failure in name resolution|Name or service not known"
    r"|Read timed out|Connection timed out|Network is unreachable|ProxyError|SSLError"
)
FINDING_RE = re.compile(r"^(?P<path>.+?):(?P<row>\d+):(?P<col>\d+): (?P<code>[A-Z]+[0-9]+) (?P<message>.*)$")
NAME_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$")
SKIP_MARKER_RE = re.compile(r"(?<![A-Za-z0-9_])(?P<kind>error|skipped):")
LOCATION_SUFFIX_RE = re.compile(r"(?::\d+){1,2}$")
MAX_TRACEBACK_LINES = 80


class CorpusError(Exception):
    """An expected failure, reported as one line without a traceback."""


# --------------------------------------------------------------------------
# Package list
# --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class PackageSpec:
    """One pinned PyPI package and the wheel subtrees to extract from it."""

    name: str
    version: str
    subpaths: tuple[str, ...]

    @property
    def pin(self) -> str:
        return f"{self.name}=={self.version}"

    @property
    def stamp(self) -> str:
        return f"{STAMP_FORMAT} {self.pin} {' '.join(self.subpaths)}\n"


def normalize_subpath(raw: str) -> str:
    """Validate a wheel path prefix; reject absolute paths and '..'."""
    path = raw.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    parts = [part for part in path.split("/") if part]
    if not parts or path.startswith("/") or ".." in parts:
        raise ValueError(f"invalid subpath {raw!r}")
    return path


def parse_package_line(line: str) -> PackageSpec | None:
    """Parse `name==version  subpath [subpath...]`; None for blank/comments."""
    text = line.split("#", 1)[0].strip()
    if not text:
        return None
    fields = text.split()
    if len(fields) < 2 or fields[0].count("==") != 1:
        raise ValueError("expected 'name==version  subpath [subpath...]'")
    name, version = fields[0].split("==")
    if not NAME_RE.match(name):
        raise ValueError(f"invalid package name {name!r}")
    if not version:
        raise ValueError(f"missing version for {name!r}")
    subpaths = tuple(normalize_subpath(raw) for raw in fields[1:])
    return PackageSpec(name=name, version=version, subpaths=subpaths)


def parse_package_list(text: str, source: str = "<list>") -> list[PackageSpec]:
    """Parse a whole package list; errors name the file and line."""
    specs: list[PackageSpec] = []
    seen: set[str] = set()
    for lineno, line in enumerate(text.splitlines(), start=1):
        try:
            spec = parse_package_line(line)
        except ValueError as exc:
            raise CorpusError(f"{source}:{lineno}: {exc}") from None
        if spec is None:
            continue
        if spec.name in seen:
            raise CorpusError(f"{source}:{lineno}: duplicate package {spec.name!r}")
        seen.add(spec.name)
        specs.append(spec)
    if not specs:
        raise CorpusError(f"{source}: no packages listed")
    return specs


def read_package_list(path: Path) -> list[PackageSpec]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CorpusError(f"cannot read package list {path}: {exc.strerror}") from None
    return parse_package_list(text, str(path))


def select_specs(specs: Sequence[PackageSpec], only: Sequence[str]) -> list[PackageSpec]:
    """The specs named in `only` (all of them when `only` is empty)."""
    if not only:
        return list(specs)
        return specs
    known = {spec.name for spec in specs}
    unknown = sorted(set(only) - known)
    if unknown:
        raise CorpusError(f"unknown package(s) {', '.join(unknown)}; listed: {', '.join(sorted(known))}")
    return [spec for spec in specs if spec.name in only]


# --------------------------------------------------------------------------
# Counting
# --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class TreeStats:
    files: int
    lines: int


def count_lines(data: bytes) -> int:
    """Number of lines, counting a last line without a newline."""
    if not data:
        return 0
    return data.count(b"\n") + (0 if data.endswith(b"\n") else 1)


def python_files(root: Path) -> list[Path]:
    """All .py files below root, sorted, skipping __pycache__."""
    return sorted(path for path in root.rglob("*.py") if path.is_file() and "__pycache__" not in path.parts)


def tree_stats(root: Path) -> TreeStats:
    files = python_files(root)
    lines = sum(count_lines(path.read_bytes()) for path in files)
    return TreeStats(files=len(files), lines=lines)


def format_int(value: int) -> str:
    return f"{value:,}"


# --------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------


def md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def md_table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric_from: int = 1) -> str:
    """A Markdown table; columns from `numeric_from` on are right-aligned."""
    align = ["---:" if index >= numeric_from else "---" for index in range(len(headers))]
    lines = ["| " + " | ".join(md_escape(cell) for cell in headers) + " |"]
    lines.append("| " + " | ".join(align) + " |")
    lines.extend("| " + " | ".join(md_escape(cell) for cell in row) + " |" for row in rows)
    return "\n".join(lines)


# --------------------------------------------------------------------------
# fetch
# --------------------------------------------------------------------------


def normalize_dist(name: str) -> str:
    """PEP 503/427 normalization used in wheel file names."""
    return re.sub(r"[-_.]+", "_", name).lower()


def wheel_matches(filename: str, spec: PackageSpec) -> bool:
    """True if `filename` is a wheel of exactly spec.name==spec.version."""
    if not filename.endswith(".whl"):
        return False
    parts = filename[: -len(".whl")].split("-")
    if len(parts) < 5:
        return False
    return normalize_dist(parts[0]) == normalize_dist(spec.name) and parts[1] == spec.version


def find_wheel(wheels_dir: Path, spec: PackageSpec) -> Path | None:
    if not wheels_dir.is_dir():
        return None
    for path in sorted(wheels_dir.iterdir()):
        if wheel_matches(path.name, spec):
            return path
    return None


def network_reason(line: str) -> str:
    """The readable part of a urllib3 connection error line."""
    match = NETWORK_REASON_RE.search(line)
    return match.group(0).strip() if match else shorten(line.removeprefix("WARNING: "), 160)


def pip_error_summary(stderr: str) -> str:
    """One line explaining why `pip download` failed."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    network = next((line for line in lines if any(hint in line for hint in NETWORK_HINTS)), None)
    if network is not None:
        return f"network error, cannot reach the package index ({network_reason(network)})"
    errors = [line.removeprefix("ERROR: ") for line in lines if line.startswith("ERROR:")]
    if any("(from versions: none)" in error for error in errors):
        return shorten(errors[0], 200) + " (package index unreachable, or no such wheel)"
    if errors:
        return shorten(errors[-1], 300)
    return shorten(lines[-1], 300) if lines else "no output"


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def pip_download_argv(spec: PackageSpec, wheels_dir: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--only-binary=:all:",
        "--ignore-requires-python",
        "--disable-pip-version-check",
        "--no-input",
        "--dest",
        str(wheels_dir),
        spec.pin,
    ]


def download_wheel(spec: PackageSpec, wheels_dir: Path) -> Path:
    """`pip download` one pinned wheel and return its path."""
    wheels_dir.mkdir(parents=True, exist_ok=True)
    try:
        proc = subprocess.run(
            pip_download_argv(spec, wheels_dir),
            capture_output=True,
            text=True,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except OSError as exc:
        raise CorpusError(f"cannot run pip: {exc}") from None
    if proc.returncode != 0:
        raise CorpusError(f"pip download {spec.pin} failed: {pip_error_summary(proc.stderr)}")
    wheel = find_wheel(wheels_dir, spec)
    if wheel is None:
        raise CorpusError(f"pip download {spec.pin} saved no matching wheel in {wheels_dir}")
    return wheel


def is_safe_member(name: str) -> bool:
    """Reject absolute or parent-relative zip member names."""
    parts = name.split("/")
    return not name.startswith("/") and ".." not in parts and "\\" not in name


def select_members(names: Iterable[str], subpaths: Sequence[str]) -> list[str]:
    """The .py members of a wheel that lie under one of the subpaths."""
    return sorted(
        name
        for name in names
        if name.endswith(".py") and is_safe_member(name) and any(name.startswith(subpath) for subpath in subpaths)
    )


def unmatched_subpaths(members: Sequence[str], subpaths: Sequence[str]) -> list[str]:
    return [sub for sub in subpaths if not any(member.startswith(sub) for member in members)]


def is_extracted(spec: PackageSpec, src_root: Path) -> bool:
    stamp = src_root / spec.name / STAMP_NAME
    try:
        return stamp.read_text(encoding="utf-8") == spec.stamp
    except OSError:
        return False


def remove_tree(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def extract_package(spec: PackageSpec, wheel: Path, src_root: Path) -> Path:
    """Extract the selected .py files of `wheel` to src_root/<name> atomically."""
    dest = src_root / spec.name
    partial = src_root / f".{spec.name}.partial"
    remove_tree(partial)
    try:
        with zipfile.ZipFile(wheel) as archive:
            members = select_members(archive.namelist(), spec.subpaths)
            missing = unmatched_subpaths(members, spec.subpaths)
            if missing:
                raise CorpusError(
                    f"{wheel.name}: no .py file under {', '.join(missing)}; fix {spec.name} in the package list"
                )
            for member in members:
                target = partial / member
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(member))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        remove_tree(partial)
        wheel.unlink(missing_ok=True)
        raise CorpusError(f"{wheel.name} is not a readable wheel ({exc}); deleted it, run fetch again") from None
    (partial / STAMP_NAME).write_text(spec.stamp, encoding="utf-8")
    remove_tree(dest)
    partial.rename(dest)
    return dest


DECLARED_NAME = "pyproject.toml"
EXTRA_MARKER_RE = re.compile(r"""\s*(?:\band\s+)?extra\s*==\s*['"]([^'"]+)['"]\s*(?:and\b\s*)?""")


def wheel_requirements(wheel: Path) -> tuple[list[str], dict[str, list[str]]]:
    """The Requires-Dist lines of a wheel's METADATA: (required, per extra)."""
    with zipfile.ZipFile(wheel) as archive:
        names = [n for n in archive.namelist() if n.count("/") == 1 and n.endswith(".dist-info/METADATA")]
        if not names:
            return [], {}
        text = archive.read(names[0]).decode("utf-8", errors="replace")
    required: list[str] = []
    extras: dict[str, list[str]] = {}
    for line in text.split("\n\n", 1)[0].splitlines():
        if not line.startswith("Requires-Dist:"):
            continue
        requirement = line.split(":", 1)[1].strip()
        match = EXTRA_MARKER_RE.search(requirement)
        if match is None:
            required.append(requirement)
            continue
        rest = (requirement[: match.start()] + " " + requirement[match.end() :]).strip().rstrip(";").strip()
        extras.setdefault(match.group(1), []).append(rest)
    return required, extras


def declared_pyproject(spec: PackageSpec, wheel: Path) -> str:
    """A pyproject.toml with what the wheel declares, so the linter reads
    the package's own versions (the wheel holds no pyproject.toml)."""

    def toml_list(items: Sequence[str]) -> str:
        return "[\n" + "".join(f"    {json.dumps(item)},\n" for item in items) + "]"

    required, extras = wheel_requirements(wheel)
    lines = [
        f"# Written by benchmarks/{PROG} fetch from the Requires-Dist lines of",
        f"# {wheel.name}: the versions this package declares.",
        "[project]",
        f"name = {json.dumps(spec.name)}",
        f"version = {json.dumps(spec.version)}",
        f"dependencies = {toml_list(required)}",
    ]
    if extras:
        lines.append("")
        lines.append("[project.optional-dependencies]")
        lines.extend(f"{json.dumps(extra)} = {toml_list(items)}" for extra, items in sorted(extras.items()))
    return "\n".join(lines) + "\n"


def ensure_declared(spec: PackageSpec, cache: Path) -> bool:
    """Write <src>/<name>/pyproject.toml from the wheel; True if it changed."""
    wheels_dir = cache / "wheels"
    wheel = find_wheel(wheels_dir, spec) or download_wheel(spec, wheels_dir)
    text = declared_pyproject(spec, wheel)
    target = cache / "src" / spec.name / DECLARED_NAME
    try:
        if target.read_text(encoding="utf-8") == text:
            return False
    except OSError:
        pass
    partial = target.with_name(f".{DECLARED_NAME}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)
    return True


def fetch_package(spec: PackageSpec, cache: Path) -> str:
    """Make sure spec is extracted, with its declared dependencies in a
    pyproject.toml; return 'cached', 'declared', 'extracted' or 'downloaded'."""
    src_root = cache / "src"
    if is_extracted(spec, src_root):
        return "declared" if ensure_declared(spec, cache) else "cached"
    src_root.mkdir(parents=True, exist_ok=True)
    wheels_dir = cache / "wheels"
    wheel = find_wheel(wheels_dir, spec)
    status = "extracted"
    if wheel is None:
        wheel = download_wheel(spec, wheels_dir)
        status = "downloaded"
    extract_package(spec, wheel, src_root)
    ensure_declared(spec, cache)
    return status


def stray_packages(specs: Sequence[PackageSpec], src_root: Path) -> list[str]:
    """Extracted directories that are no longer in the package list."""
    if not src_root.is_dir():
        return []
    listed = {spec.name for spec in specs}
    return sorted(
        path.name
        for path in src_root.iterdir()
        if path.is_dir() and not path.name.startswith(".") and path.name not in listed
    )


def cmd_fetch(args: argparse.Namespace) -> int:
    all_specs = read_package_list(args.packages_file)
    specs = select_specs(all_specs, args.only)
    cache: Path = args.cache
    started = time.monotonic()
    rows: list[list[str]] = []
    totals = TreeStats(0, 0)
    for spec in specs:
        step_start = time.monotonic()
        status = fetch_package(spec, cache)
        stats = tree_stats(cache / "src" / spec.name)
        elapsed = time.monotonic() - step_start
        log(f"{spec.pin:<32} {status:<10} {stats.files:>6} files {stats.lines:>9} lines  {elapsed:6.1f}s")
        rows.append(
            [
                spec.name,
                spec.version,
                format_int(stats.files),
                format_int(stats.lines),
                status,
            ]
        )
        totals = TreeStats(totals.files + stats.files, totals.lines + stats.lines)
    rows.append(["**total**", "", format_int(totals.files), format_int(totals.lines), ""])
    print(md_table(["package", "version", "files", "lines", "status"], rows, numeric_from=2))
    for name in stray_packages(all_specs, cache / "src"):
        log(f"note: {cache / 'src' / name} is not in the package list (left alone)")
    print(f"\nfetch took {time.monotonic() - started:.1f}s (cache: {cache})")
    return 0


# --------------------------------------------------------------------------
# stats
# --------------------------------------------------------------------------


def cmd_stats(args: argparse.Namespace) -> int:
    specs = select_specs(read_package_list(args.packages_file), args.only)
    src_root: Path = args.cache / "src"
    rows: list[list[str]] = []
    totals = TreeStats(0, 0)
    missing = 0
    for spec in specs:
        root = src_root / spec.name
        if not root.is_dir():
            rows.append([spec.name, spec.version, "-", "-", "not fetched"])
            missing += 1
            continue
        stats = tree_stats(root)
        status = "ok" if is_extracted(spec, src_root) else "stale (run fetch)"
        rows.append(
            [
                spec.name,
                spec.version,
                format_int(stats.files),
                format_int(stats.lines),
                status,
            ]
        )
        totals = TreeStats(totals.files + stats.files, totals.lines + stats.lines)
    rows.append(["**total**", "", format_int(totals.files), format_int(totals.lines), ""])
    print(md_table(["package", "version", "files", "lines", "status"], rows, numeric_from=2))
    if missing:
        log(f"{missing} package(s) not fetched: run `python benchmarks/{PROG} fetch`")
    return 0


# --------------------------------------------------------------------------
# run: output parsing (pure functions)
# --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Finding:
    path: str
    row: int
    col: int
    code: str
    message: str


@dataclasses.dataclass(frozen=True)
class SkippedFile:
    path: str
    kind: str  # "error" or "skipped"
    reason: str


def parse_finding(line: str) -> Finding | None:
    """Parse one `path:row:col: CODE message` line of flake8 output."""
    match = FINDING_RE.match(line.rstrip("\r\n"))
    if match is None:
        return None
    return Finding(
        path=match["path"],
        row=int(match["row"]),
        col=int(match["col"]),
        code=match["code"],
        message=match["message"],
    )


def parse_findings(stdout: str) -> list[Finding]:
    return [finding for line in stdout.splitlines() if (finding := parse_finding(line)) is not None]


def count_codes(findings: Iterable[Finding], prefix: str = "FP") -> collections.Counter[str]:
    return collections.Counter(finding.code for finding in findings if finding.code.startswith(prefix))


def flake8_failures(stdout: str, stderr: str) -> list[str]:
    """flake8's own failure reports (plugin errors, option errors)."""
    failures = [line for line in stdout.splitlines() if any(marker in line for marker in FLAKE8_STDOUT_FAILURES)]
    failures.extend(line for line in stderr.splitlines() if line.startswith("flake8: "))
    failures.extend(
        line for line in stderr.splitlines() if "Flake8 failed to load plugin" in line and line not in failures
    )
    return failures


def is_chain_marker(line: str) -> bool:
    return line.strip() in CHAINED_TRACEBACK_MARKERS


def _skip_filler(lines: Sequence[str], index: int) -> int:
    """Skip blank lines and the quotes around multiprocessing's remote tracebacks."""
    while index < len(lines) and lines[index].strip() in ("", '"""'):
        index += 1
    return index


def _traceback_end(lines: Sequence[str], start: int) -> int:
    """Index just past the traceback (including chained ones) at `start`."""
    index = start
    while True:
        indented_header = lines[index][:1] in (" ", "\t")  # exception groups
        index += 1
        while index < len(lines) and lines[index][:1] in (" ", "\t"):
            index += 1
        if index < len(lines) and not indented_header:
            index += 1  # the exception line, e.g. "ValueError: boom"
        probe = _skip_filler(lines, index)
        if probe >= len(lines) or not is_chain_marker(lines[probe]):
            return index
        probe = _skip_filler(lines, probe + 1)
        if probe >= len(lines) or lines[probe].strip() not in TRACEBACK_HEADERS:
            return index
        index = probe


def extract_tracebacks(text: str) -> list[str]:
    """Every Python traceback in `text`; chained exceptions form one block."""
    lines = text.splitlines()
    blocks: list[str] = []
    index = 0
    while index < len(lines):
        if lines[index].strip() in TRACEBACK_HEADERS:
            end = _traceback_end(lines, index)
            blocks.append("\n".join(lines[index:end]))
            index = end
        else:
            index += 1
    return blocks


def split_skip_line(line: str) -> tuple[str, str, str] | None:
    """Split `path[:row[:col]]: error|skipped: reason` into its three parts."""
    match = SKIP_MARKER_RE.search(line)
    if match is None:
        return None
    path = LOCATION_SUFFIX_RE.sub("", line[: match.start()].rstrip().rstrip(":").rstrip())
    if not path:
        return None
    return path, match["kind"], line[match.end() :].strip()


def parse_skipped(stderr: str, root: Path) -> list[SkippedFile]:
    """Files the fixer reported as skipped or in error, relative to root.

    A line counts when it starts with the directory given to the fixer (or
    names an existing file relative to it) and contains `error:` or
    `skipped:`.
    """
    prefix = str(root)
    found: dict[str, SkippedFile] = {}
    for line in stderr.splitlines():
        parts = split_skip_line(line)
        if parts is None:
            continue
        path, kind, reason = parts
        if path.startswith(prefix):
            rel = path[len(prefix) :].lstrip("/\\") or "."
        elif (root / path).exists():
            rel = path.removeprefix("./")
        else:
            continue
        found.setdefault(rel, SkippedFile(path=rel, kind=kind, reason=reason))
    return sorted(found.values(), key=lambda skipped: skipped.path)


def parse_diff_files(stdout: str) -> list[str]:
    """Files named by `+++ ` headers of a unified diff."""
    files: list[str] = []
    for line in stdout.splitlines():
        if not line.startswith("+++ "):
            continue
        path = line[4:].split("\t", 1)[0].strip()
        path = path.removeprefix("b/")
        if path and path != "/dev/null" and path not in files:
            files.append(path)
    return files


def subtract_counts(before: collections.Counter[str], after: collections.Counter[str]) -> dict[str, int]:
    """before - after per code, keeping zero and negative differences."""
    return {code: before.get(code, 0) - after.get(code, 0) for code in sorted(set(before) | set(after))}


def relative_paths(root: Path) -> dict[str, Path]:
    return {path.relative_to(root).as_posix(): path for path in python_files(root)}


def changed_files(original: Path, copy: Path) -> list[str]:
    """Relative .py paths whose bytes differ (or that appeared/disappeared)."""
    before = relative_paths(original)
    after = relative_paths(copy)
    changed = [rel for rel in sorted(set(before) | set(after)) if rel not in before or rel not in after]
    changed.extend(
        rel for rel in sorted(set(before) & set(after)) if before[rel].read_bytes() != after[rel].read_bytes()
    )
    return sorted(changed)


def parse_error(path: Path) -> str | None:
    """None if `path` parses with ast.parse, else a short reason."""
    try:
        source = path.read_bytes()
    except OSError as exc:
        return f"unreadable: {exc.strerror}"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ast.parse(source, filename=str(path))
        except SyntaxError as exc:
            return f"line {exc.lineno}: {exc.msg}"
        except (ValueError, MemoryError, RecursionError) as exc:
            return f"{type(exc).__name__}: {exc}"
    return None


def parse_failures(original: Path, copy: Path) -> tuple[list[str], int]:
    """Files of `copy` that no longer parse, and how many did not parse before."""
    failures: list[str] = []
    preexisting = 0
    originals = relative_paths(original)
    for rel, path in relative_paths(copy).items():
        error = parse_error(path)
        if error is None:
            continue
        if rel in originals and parse_error(originals[rel]) is not None:
            preexisting += 1
            continue
        failures.append(f"{rel}: {error}")
    return failures, preexisting


# --------------------------------------------------------------------------
# run: subprocesses
# --------------------------------------------------------------------------


@dataclasses.dataclass
class ProcResult:
    argv: list[str]
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    timed_out: bool = False


@dataclasses.dataclass(frozen=True)
class Crash:
    step: str
    detail: str


def decode(data: bytes | str | None) -> str:
    if data is None:
        return ""
    if isinstance(data, str):
        return data
    return data.decode("utf-8", "replace")


def run_command(argv: list[str], cwd: Path, timeout: float) -> ProcResult:
    started = time.monotonic()
    try:
        proc = subprocess.run(
            argv,
            cwd=cwd,
            capture_output=True,
            check=False,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as exc:
        return ProcResult(
            argv,
            -1,
            decode(exc.stdout),
            decode(exc.stderr),
            time.monotonic() - started,
            True,
        )
    except OSError as exc:
        raise CorpusError(f"cannot run {argv[0]}: {exc}") from None
    return ProcResult(
        argv,
        proc.returncode,
        decode(proc.stdout),
        decode(proc.stderr),
        time.monotonic() - started,
    )


def every_code() -> str:
    """``FP`` plus the opt-in codes, named so that every rule and fix runs."""
    from flake8_fastapi_prod.registry import all_rules, load_rules

    load_rules()
    opt_in = [rule.code for rule in all_rules() if rule.default.kind == "opt_in"]
    return ",".join(["FP", *opt_in])


def flake8_argv(target: Path, jobs: int) -> list[str]:
    # --isolated: ignore any flake8 config found above the corpus, so results
    # depend only on the plugin.
    return [
        sys.executable,
        "-m",
        "flake8",
        "--isolated",
        "--select",
        every_code(),
        "--format=default",
        f"--jobs={jobs}",
        str(target),
    ]


def fixer_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", FIXER_MODULE, "--select", every_code(), *args]


def command_crashes(step: str, result: ProcResult, ok_codes: Iterable[int], timeout: float) -> list[Crash]:
    """Tracebacks in stderr, a time-out, or an unexpected exit code."""
    if result.timed_out:
        return [Crash(step, f"timed out after {timeout:.0f}s: {' '.join(result.argv)}")]
    crashes = [Crash(step, block) for block in extract_tracebacks(result.stderr)]
    if not crashes and result.returncode not in set(ok_codes):
        tail = "\n".join(result.stderr.strip().splitlines()[-20:]) or "(no stderr)"
        crashes.append(Crash(step, f"exit code {result.returncode}: {' '.join(result.argv)}\n{tail}"))
    return crashes


def report_crashes(package: str, crashes: Sequence[Crash]) -> None:
    for crash in crashes:
        log(f"CRASH [{package}/{crash.step}]\n{crash.detail}")


@dataclasses.dataclass
class LintResult:
    counts: collections.Counter[str]
    crashes: list[Crash]
    lines: list[str] = dataclasses.field(default_factory=list)


def lint(step: str, target: Path, jobs: int, timeout: float) -> tuple[LintResult, float]:
    result = run_command(flake8_argv(target, jobs), cwd=target, timeout=timeout)
    crashes = command_crashes(step, result, (0, 1), timeout)
    crashes.extend(Crash(step, failure) for failure in flake8_failures(result.stdout, result.stderr))
    findings = parse_findings(result.stdout)
    lines = sorted(
        f"{_relative(f.path, target)}:{f.row}:{f.col}: {f.code} {f.message}"
        for f in findings
        if f.code.startswith("FP")
    )
    return LintResult(count_codes(findings), crashes, lines), result.seconds


def _relative(path: str, root: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(root.resolve()))
    except ValueError:
        return path


def fixer_crashes(step: str, result: ProcResult, skipped: Sequence[SkippedFile], timeout: float) -> list[Crash]:
    """Exit 2 is acceptable only when the fixer named the files it skipped."""
    ok_codes = (0, 1, 2) if skipped else (0, 1)
    return command_crashes(step, result, ok_codes, timeout)


# --------------------------------------------------------------------------
# run: one package
# --------------------------------------------------------------------------


@dataclasses.dataclass
class PackageRun:
    spec: PackageSpec
    stats: TreeStats
    findings: collections.Counter[str] = dataclasses.field(default_factory=collections.Counter)
    fixes: dict[str, int] = dataclasses.field(default_factory=dict)
    crashes: list[Crash] = dataclasses.field(default_factory=list)
    skipped: list[SkippedFile] = dataclasses.field(default_factory=list)
    diff_files: int = 0
    changed: list[str] = dataclasses.field(default_factory=list)
    parse_failures: list[str] = dataclasses.field(default_factory=list)
    preexisting_parse_failures: int = 0
    idempotence_failures: list[str] = dataclasses.field(default_factory=list)
    times: dict[str, float] = dataclasses.field(default_factory=dict)
    #: Every finding of the first lint, ``path:row:col: CODE message`` (for --findings).
    finding_lines: list[str] = dataclasses.field(default_factory=list)
    #: package -> (version, where), as the tools detect them for this tree.
    targets: dict[str, tuple[str, str]] = dataclasses.field(default_factory=dict)

    def add_crashes(self, crashes: Sequence[Crash]) -> None:
        report_crashes(self.spec.name, crashes)
        self.crashes.extend(crashes)


@dataclasses.dataclass(frozen=True)
class RunOptions:
    jobs: int
    timeout: float
    workdir: Path


def step_lint(run: PackageRun, root: Path, options: RunOptions) -> None:
    result, seconds = lint("lint", root, options.jobs, options.timeout)
    run.times["lint"] = seconds
    run.findings = result.counts
    run.finding_lines = result.lines
    run.add_crashes(result.crashes)


def step_diff(run: PackageRun, root: Path, options: RunOptions) -> None:
    result = run_command(fixer_argv("--diff", str(root)), cwd=root, timeout=options.timeout)
    run.times["diff"] = result.seconds
    run.skipped = parse_skipped(result.stderr, root)
    run.diff_files = len(parse_diff_files(result.stdout))
    run.add_crashes(fixer_crashes("diff", result, run.skipped, options.timeout))


def step_fix(run: PackageRun, root: Path, copy: Path, options: RunOptions) -> None:
    started = time.monotonic()
    remove_tree(copy)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(STAMP_NAME, "__pycache__"))
    result = run_command(fixer_argv("--unsafe-fixes", str(copy)), cwd=copy, timeout=options.timeout)
    run.times["fix"] = time.monotonic() - started
    skipped = parse_skipped(result.stderr, copy)
    run.add_crashes(fixer_crashes("fix", result, skipped, options.timeout))


def step_verify(run: PackageRun, root: Path, copy: Path) -> None:
    started = time.monotonic()
    run.changed = changed_files(root, copy)
    run.parse_failures, run.preexisting_parse_failures = parse_failures(root, copy)
    run.times["verify"] = time.monotonic() - started


def step_check(run: PackageRun, copy: Path, options: RunOptions) -> None:
    """A second pass must find nothing left to change (idempotence)."""
    result = run_command(
        fixer_argv("--unsafe-fixes", "--check", str(copy)),
        cwd=copy,
        timeout=options.timeout,
    )
    seconds = result.seconds
    skipped = parse_skipped(result.stderr, copy)
    run.add_crashes(fixer_crashes("check", result, skipped, options.timeout))
    if result.returncode not in (0, -1):
        diff = run_command(
            fixer_argv("--unsafe-fixes", "--diff", str(copy)),
            cwd=copy,
            timeout=options.timeout,
        )
        seconds += diff.seconds
        files = parse_diff_files(diff.stdout)
        run.add_crashes(fixer_crashes("check-diff", diff, parse_skipped(diff.stderr, copy), options.timeout))
        prefix = str(copy)
        run.idempotence_failures = [path.removeprefix(prefix).lstrip("/") for path in files]
        if not files and result.returncode == 1:
            run.idempotence_failures = ["(second pass exited 1 but its --diff named no file)"]
    run.times["check"] = seconds


def step_relint(run: PackageRun, copy: Path, options: RunOptions) -> None:
    result, seconds = lint("relint", copy, options.jobs, options.timeout)
    run.times["relint"] = seconds
    run.fixes = subtract_counts(run.findings, result.counts)
    run.add_crashes(result.crashes)


TARGET_LINE_RE = re.compile(r"^  (?P<package>fastapi|starlette|pydantic): (?P<version>\S+)  \((?P<where>.*)\)$")


def parse_targets(stdout: str) -> dict[str, tuple[str, str]]:
    """The first project's target lines of `fastapi-prod-fix --show-settings`."""
    found: dict[str, tuple[str, str]] = {}
    for line in stdout.splitlines():
        match = TARGET_LINE_RE.match(line)
        if match and match["package"] not in found:
            found[match["package"]] = (match["version"], match["where"])
    return found


def step_targets(run: PackageRun, root: Path, options: RunOptions) -> None:
    result = run_command(fixer_argv("--show-settings", str(root)), cwd=root, timeout=options.timeout)
    run.targets = parse_targets(result.stdout)
    summary = ", ".join(f"{name} {version}" for name, (version, _) in run.targets.items())
    log(f"[{run.spec.name}] targets: {summary or 'none detected'}")


def targets_table(runs: Sequence[PackageRun]) -> str:
    headers = ["package", "fastapi", "starlette", "pydantic"]
    rows = [
        [run.spec.name]
        + [
            f"{run.targets[name][0]} ({run.targets[name][1]})" if name in run.targets else "-"
            for name in ("fastapi", "starlette", "pydantic")
        ]
        for run in runs
    ]
    return md_table(headers, rows, numeric_from=4)


def run_package(spec: PackageSpec, src_root: Path, options: RunOptions) -> PackageRun:
    root = src_root / spec.name
    run = PackageRun(spec=spec, stats=tree_stats(root))
    copy = options.workdir / spec.name
    step_targets(run, root, options)
    log(f"[{spec.name}] lint")
    step_lint(run, root, options)
    log(f"[{spec.name}] fixer --diff")
    step_diff(run, root, options)
    log(f"[{spec.name}] fixer --unsafe-fixes (on a copy)")
    step_fix(run, root, copy, options)
    step_verify(run, root, copy)
    log(f"[{spec.name}] fixer --unsafe-fixes --check (second pass)")
    step_check(run, copy, options)
    log(f"[{spec.name}] lint the fixed copy")
    step_relint(run, copy, options)
    return run


# --------------------------------------------------------------------------
# run: report
# --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class RunMeta:
    started: datetime.datetime
    seconds: float
    jobs: int
    cache: Path
    package_list: Path


def package_version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def total_failures(runs: Sequence[PackageRun]) -> tuple[int, int, int]:
    crashes = sum(len(run.crashes) for run in runs)
    parse = sum(len(run.parse_failures) for run in runs)
    idempotence = sum(len(run.idempotence_failures) for run in runs)
    return crashes, parse, idempotence


def summary_row(label: str, runs: Sequence[PackageRun], version: str) -> list[str]:
    def total(values: Iterable[int]) -> str:
        return format_int(sum(values))

    return [
        label,
        version,
        total(run.stats.files for run in runs),
        total(run.stats.lines for run in runs),
        total(len(run.crashes) for run in runs),
        total(len(run.skipped) for run in runs),
        total(sum(run.findings.values()) for run in runs),
        total(run.diff_files for run in runs),
        total(len(run.changed) for run in runs),
        total(sum(run.fixes.values()) for run in runs),
        total(len(run.parse_failures) for run in runs),
        total(len(run.idempotence_failures) for run in runs),
    ]


def summary_table(runs: Sequence[PackageRun]) -> str:
    headers = [
        "package",
        "version",
        "files",
        "lines",
        "crashes",
        "skipped files",
        "findings",
        "files in --diff",
        "changed files",
        "fixes",
        "parse failures after fix",
        "idempotence failures",
    ]
    rows = [summary_row(run.spec.name, [run], run.spec.version) for run in runs]
    rows.append(summary_row("**total**", runs, ""))
    return md_table(headers, rows, numeric_from=2)


def per_code_table(runs: Sequence[PackageRun], values: Sequence[dict[str, int]]) -> str:
    codes = sorted({code for counts in values for code in counts})
    if not codes:
        return "_none_"
    headers = ["code", "total", *(run.spec.name for run in runs)]
    rows = [
        [code, format_int(sum(counts.get(code, 0) for counts in values))]
        + [format_int(counts.get(code, 0)) for counts in values]
        for code in codes
    ]
    totals = [sum(counts.values()) for counts in values]
    rows.append(["**total**", format_int(sum(totals)), *(format_int(value) for value in totals)])
    return md_table(headers, rows)


def timing_table(runs: Sequence[PackageRun]) -> str:
    headers = ["package", *FIX_STEPS, "total"]
    rows: list[list[str]] = []
    for run in runs:
        cells = [f"{run.times.get(step, 0.0):.1f}" for step in FIX_STEPS]
        rows.append([run.spec.name, *cells, f"{sum(run.times.values()):.1f}"])
    step_totals = [sum(run.times.get(step, 0.0) for run in runs) for step in FIX_STEPS]
    rows.append(
        [
            "**total**",
            *(f"{value:.1f}" for value in step_totals),
            f"{sum(step_totals):.1f}",
        ]
    )
    return md_table(headers, rows)


def skipped_lines(skipped: Sequence[SkippedFile]) -> Iterator[str]:
    groups: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    for item in skipped:
        groups[(item.kind, item.reason)].append(item.path)
    for (kind, reason), paths in sorted(groups.items(), key=lambda entry: (-len(entry[1]), entry[0])):
        yield f"- {kind}: {reason or '(no reason given)'} ({len(paths)}): " + ", ".join(f"`{path}`" for path in paths)


def fenced(text: str) -> str:
    lines = text.splitlines()
    if len(lines) > MAX_TRACEBACK_LINES:
        cut = len(lines) - MAX_TRACEBACK_LINES
        lines = [*lines[:20], f"... ({cut} lines cut) ...", *lines[-(MAX_TRACEBACK_LINES - 20) :]]
    return "```text\n" + "\n".join(lines).replace("```", "'''") + "\n```"


def package_details(run: PackageRun) -> list[str]:
    out = [f"### {run.spec.name} {run.spec.version}", ""]
    if run.preexisting_parse_failures:
        out.append(f"- {run.preexisting_parse_failures} file(s) did not parse before fixing (not counted)")
    sections: list[tuple[str, list[str]]] = [
        ("Skipped files", list(skipped_lines(run.skipped))),
        ("Parse failures after fix", [f"- `{item}`" for item in run.parse_failures]),
        (
            "Idempotence failures (second pass would still change)",
            [f"- `{item}`" for item in run.idempotence_failures],
        ),
    ]
    for title, lines in sections:
        if lines:
            out.extend([f"**{title}**", "", *lines, ""])
    for crash in run.crashes:
        out.extend([f"**Crash in step `{crash.step}`**", "", fenced(crash.detail), ""])
    if len(out) == 2:
        out.extend(["No skipped files, crashes, parse or idempotence failures.", ""])
    return out


def render_report(runs: Sequence[PackageRun], meta: RunMeta) -> str:
    crashes, parse, idempotence = total_failures(runs)
    verdict = "FAIL" if crashes or parse or idempotence else "PASS"
    out = [
        "# flake8-fastapi-prod corpus report",
        "",
        (
            f"- result: **{verdict}** (crashes: {crashes}, parse failures after fix: {parse}, "
            f"idempotence failures: {idempotence})"
        ),
        f"- started: {meta.started.isoformat(timespec='seconds')}, wall time: {meta.seconds:.1f}s",
        (
            f"- python {platform.python_version()} ({sys.executable}), flake8 {package_version('flake8')}, "
            f"flake8-fastapi-prod {package_version('flake8-fastapi-prod')}, --jobs {meta.jobs}"
        ),
        f"- corpus: {meta.cache / 'src'} ({len(runs)} packages from {meta.package_list.name})",
        (
            f"- linter: `flake8 --isolated --select {every_code()}` (the opt-in codes named); "
            f"fixer: `python -m flake8_fastapi_prod.fix --select {every_code()}`; "
            "fixes = findings before - findings after `--unsafe-fixes` on a copy"
        ),
        "",
        "## Summary",
        "",
        summary_table(runs),
        "",
        "## Target versions detected (from each package's declared dependencies)",
        "",
        targets_table(runs),
        "",
        "## Findings per code (before fixing)",
        "",
        per_code_table(runs, [dict(run.findings) for run in runs]),
        "",
        "## Fixes per code (findings before - after `--unsafe-fixes`)",
        "",
        per_code_table(runs, [run.fixes for run in runs]),
        "",
        "## Wall time per step (s)",
        "",
        timing_table(runs),
        "",
        "## Details per package",
        "",
    ]
    for run in runs:
        out.extend(package_details(run))
    return "\n".join(out).rstrip() + "\n"


# --------------------------------------------------------------------------
# run: command
# --------------------------------------------------------------------------


def module_available(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def fp_plugin_registered() -> bool:
    entry_points = importlib.metadata.entry_points(group="flake8.extension")
    return any(entry.name.startswith("FP") for entry in entry_points)


def preflight(specs: Sequence[PackageSpec], src_root: Path) -> None:
    """Fail early, in one line, when something `run` needs is missing."""
    if not module_available("flake8"):
        raise CorpusError(f"flake8 is not installed for {sys.executable}")
    if not module_available(FIXER_MODULE):
        raise CorpusError(
            f"module {FIXER_MODULE} not found for {sys.executable}; install the project (pip install -e .)"
        )
    if not fp_plugin_registered():
        raise CorpusError("no flake8 plugin with an FP code is registered; install the project (pip install -e .)")
    missing = [spec.pin for spec in specs if not is_extracted(spec, src_root)]
    if missing:
        raise CorpusError(f"not fetched or stale: {', '.join(missing)}; run `python benchmarks/{PROG} fetch` first")


def write_report(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CorpusError(f"cannot write report {path}: {exc.strerror}") from None


def run_all(specs: Sequence[PackageSpec], src_root: Path, options: RunOptions) -> list[PackageRun]:
    runs: list[PackageRun] = []
    for spec in specs:
        runs.append(run_package(spec, src_root, options))
    return runs


def cmd_run(args: argparse.Namespace) -> int:
    specs = select_specs(read_package_list(args.packages_file), args.only)
    cache: Path = args.cache
    preflight(specs, cache / "src")
    started_at = datetime.datetime.now().astimezone()
    started = time.monotonic()
    if args.workdir is not None:
        args.workdir.mkdir(parents=True, exist_ok=True)
        runs = run_all(
            specs,
            cache / "src",
            RunOptions(args.jobs, args.timeout, args.workdir.resolve()),
        )
    else:
        # Inside the cache, so the fixed copy sees the same parent directories
        # (and any config found by walking up) as the original.
        with tempfile.TemporaryDirectory(prefix=".run-", dir=cache) as tmp:
            runs = run_all(specs, cache / "src", RunOptions(args.jobs, args.timeout, Path(tmp)))
    meta = RunMeta(started_at, time.monotonic() - started, args.jobs, cache, args.packages_file)
    report = render_report(runs, meta)
    print(report, end="")
    if args.report is not None:
        write_report(args.report, report)
        log(f"report written to {args.report}")
    if args.findings is not None:
        lines = [f"{run.spec.name}/{line}" for run in runs for line in run.finding_lines]
        args.findings.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
        log(f"{len(lines)} findings written to {args.findings}")
    return 1 if any(total_failures(runs)) else 0


# --------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1: {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--cache",
        type=Path,
        default=DEFAULT_CACHE,
        help=f"cache directory (default: {DEFAULT_CACHE})",
    )
    common.add_argument(
        "--packages-file",
        type=Path,
        default=DEFAULT_PACKAGE_LIST,
        help="package list (default: benchmarks/corpus_packages.txt)",
    )
    common.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="limit to this package (repeatable)",
    )
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="{fetch,run,stats}")
    fetch = sub.add_parser("fetch", parents=[common], help="download and extract the pinned corpus")
    fetch.set_defaults(func=cmd_fetch)
    run = sub.add_parser("run", parents=[common], help="lint and fix the corpus, print a Markdown report")
    run.add_argument(
        "--jobs",
        type=positive_int,
        default=os.cpu_count() or 1,
        help="flake8 --jobs (default: CPUs)",
    )
    run.add_argument("--report", type=Path, help="also write the Markdown report to this file")
    run.add_argument(
        "--findings",
        type=Path,
        help="also write every finding of the first lint, one per line (to diff two runs)",
    )
    run.add_argument(
        "--timeout",
        type=float,
        default=3600.0,
        help="seconds per subprocess (default: 3600)",
    )
    run.add_argument(
        "--workdir",
        type=Path,
        help="keep the fixed copies here instead of a temporary directory",
    )
    run.set_defaults(func=cmd_run)
    stats = sub.add_parser(
        "stats",
        parents=[common],
        help="files/lines per package of the extracted corpus",
    )
    stats.set_defaults(func=cmd_stats)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.cache = args.cache.resolve()
    try:
        result: int = args.func(args)
    except CorpusError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    return result


if __name__ == "__main__":
    sys.exit(main())
