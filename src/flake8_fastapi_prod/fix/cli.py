"""``fastapi-prod-fix``: rewrite the fixable findings of flake8-fastapi-prod.

Exit status: 0 nothing to change, or every change written; 1 with
``--check`` (or ``--diff --check``) when something would change; 2 when a
file could not be read, parsed, fixed or written, or on bad usage. Such a
file is reported on one line and left untouched; the others are processed.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import fnmatch
import os
import sys
import tempfile
import tokenize
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from flake8_fastapi_prod import __version__
from flake8_fastapi_prod.config import Config, ConfigError, load_config
from flake8_fastapi_prod.fix.engine import FixError, FixOptions, fix_source
from flake8_fastapi_prod.registry import FixSafety, Selection, all_rules, get_rule
from flake8_fastapi_prod.resolve import disable_cache, tune_gc
from flake8_fastapi_prod.versions import Targets, parse_version

EXCLUDED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".bzr",
        "CVS",
        "__pycache__",
        ".tox",
        ".nox",
        ".eggs",
        ".venv",
        "venv",
        "node_modules",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        "build",
        "dist",
    }
)


@dataclass
class FileOutcome:
    """What happened to one file; plain data so it crosses processes."""

    path: str
    changed: bool = False
    fixed: Counter[str] = field(default_factory=Counter)
    remaining: int = 0
    diff: str = ""
    error: str = ""
    output: bytes | None = None  # for stdin


@dataclass
class Source:
    text: str
    encoding: str
    raw: bytes


def decode_source(raw: bytes) -> Source:
    """Decode as Python does (PEP 263 cookie, BOM); newlines untouched."""
    encoding, _ = tokenize.detect_encoding(BytesIO(raw).readline)
    return Source(raw.decode(encoding), encoding, raw)


def encode_source(text: str, encoding: str) -> bytes:
    return text.encode(encoding)


def atomic_write(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same directory, keep the mode."""
    target = Path(os.path.realpath(path))
    mode = target.stat().st_mode
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, mode & 0o7777)
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise


@dataclass
class RunOptions:
    fix: FixOptions
    mode: str  # "write", "diff", "check"
    per_file_ignores: list[tuple[str, list[str]]] = field(default_factory=list)


def _selection_for(path: str, options: RunOptions) -> Selection:
    extra: list[str] = []
    for pattern, codes in options.per_file_ignores:
        normalized = os.path.normpath(path)
        if fnmatch.fnmatch(normalized, os.path.normpath(pattern)) or fnmatch.fnmatch(
            os.path.basename(normalized), pattern
        ):
            extra.extend(codes)
    if not extra:
        return options.fix.selection
    base = options.fix.selection
    return Selection(base.select, base.ignore + tuple(extra), base.extend_select, base.targets)


def process_bytes(raw: bytes, display: str, options: RunOptions) -> FileOutcome:
    outcome = FileOutcome(display)
    try:
        source = decode_source(raw)
    except (SyntaxError, UnicodeDecodeError, LookupError) as error:
        outcome.error = f"cannot decode: {error}"
        return outcome
    fix_options = FixOptions(_selection_for(display, options), options.fix.unsafe_fixes)
    try:
        result = fix_source(source.text, display, fix_options)
    except SyntaxError as error:
        outcome.error = f"cannot parse: {error.msg} (line {error.lineno})"
        return outcome
    except FixError as error:
        outcome.error = str(error)
        return outcome
    except RecursionError:
        outcome.error = "cannot parse: nested too deeply"
        return outcome
    outcome.remaining = len(result.remaining)
    outcome.fixed = Counter(f.code for f in result.fixed)
    if not result.changed:
        return outcome
    try:
        new_raw = encode_source(result.source, source.encoding)
    except UnicodeEncodeError as error:
        outcome.error = f"fixed code cannot be encoded as {source.encoding}: {error.reason}; file left unchanged"
        return outcome
    outcome.changed = new_raw != raw
    outcome.output = new_raw
    if options.mode in ("diff", "check"):
        outcome.diff = "".join(
            difflib.unified_diff(
                source.text.splitlines(keepends=True),
                result.source.splitlines(keepends=True),
                fromfile=f"a/{display}",
                tofile=f"b/{display}",
            )
        )
    return outcome


def process_file(path: str, options: RunOptions) -> FileOutcome:
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        return FileOutcome(path, error=f"cannot read: {error.strerror or error}")
    outcome = process_bytes(raw, path, options)
    if outcome.changed and options.mode == "write" and outcome.output is not None:
        try:
            atomic_write(Path(path), outcome.output)
        except OSError as error:
            outcome.error = f"cannot write: {error.strerror or error}; file left unchanged"
            outcome.changed = False
    outcome.output = None
    return outcome


def iter_python_files(paths: Sequence[str]) -> Iterator[str]:
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in EXCLUDED_DIRS and not d.endswith(".egg-info"))
                for name in sorted(files):
                    if name.endswith(".py") or name.endswith(".pyi"):
                        yield os.path.join(root, name)
        else:
            yield given


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fastapi-prod-fix",
        description="Rewrite the fixable flake8-fastapi-prod (FP) findings in place.",
        epilog="Exit status: 0 nothing to change or all written; 1 --check found changes; 2 error.",
    )
    parser.add_argument("paths", nargs="*", help="files or directories; '-' reads stdin, writes stdout")
    parser.add_argument("--diff", action="store_true", help="print a unified diff, write nothing")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if something would change")
    parser.add_argument("--select", help="comma-separated codes or prefixes to fix (default: FP)")
    parser.add_argument("--extend-select", help="codes added to the selection (opt-in codes)")
    parser.add_argument("--ignore", help="comma-separated codes or prefixes not to fix")
    parser.add_argument("--unsafe-fixes", action="store_true", help="also apply fixes marked unsafe")
    parser.add_argument("--fastapi-target-version", help="FastAPI version the code runs on")
    parser.add_argument("--explain", metavar="CODE", help="print a rule's documentation and exit")
    parser.add_argument("--list-rules", action="store_true", help="print the rule table and exit")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="processes to use (default 1)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="do not read or write the summaries cache (.fastapi_prod_cache/; also FASTAPI_PROD_NO_CACHE=1)",
    )
    parser.add_argument("--stdin-display-name", default="stdin", help="the file name to use for '-'")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _split(value: str | None) -> list[str]:
    return [part.strip().upper() for part in (value or "").split(",") if part.strip()]


def _make_options(args: argparse.Namespace, config: Config) -> RunOptions:
    select = _split(args.select) or config.select or ["FP"]
    extend_select = _split(args.extend_select) + config.extend_select
    ignore = (_split(args.ignore) or config.ignore) + config.extend_ignore
    target = config.target_version
    if args.fastapi_target_version:
        try:
            target = parse_version(args.fastapi_target_version)
        except ValueError:
            raise ConfigError(f"--fastapi-target-version: not a version: {args.fastapi_target_version!r}") from None
    selection = Selection(tuple(select), tuple(ignore), tuple(extend_select), Targets(fastapi=target))
    mode = "diff" if args.diff else "check" if args.check else "write"
    return RunOptions(FixOptions(selection, args.unsafe_fixes or config.unsafe_fixes), mode, config.per_file_ignores)


def rule_table() -> str:
    rows = ["code   default      fix     name: summary"]
    for rule in all_rules():
        rows.append(f"{rule.code}  {rule.default!s:<11}  {rule.fix_safety.value:<6}  {rule.name}: {rule.summary()}")
    return "\n".join(rows)


def explain(code: str) -> str | None:
    rule = get_rule(code)
    if rule is None:
        return None
    fix = "no fix" if rule.fix_safety is FixSafety.NONE else f"{rule.fix_safety.value} fix"
    return f"{rule.code} ({rule.name}): default {rule.default}, {fix}\n\n{rule.docs()}\n"


def _run_stdin(options: RunOptions, display: str, *, check: bool) -> int:
    raw = sys.stdin.buffer.read()
    outcome = process_bytes(raw, display, options)
    if outcome.error:
        print(f"{display}: error: {outcome.error}", file=sys.stderr)
    if options.mode == "write":
        sys.stdout.buffer.write(outcome.output if outcome.changed and outcome.output is not None else raw)
        sys.stdout.buffer.flush()
    elif outcome.diff:
        sys.stdout.write(outcome.diff)
    if outcome.error:
        return 2
    return 1 if check and outcome.changed else 0


def _outcomes(files: list[str], options: RunOptions, jobs: int) -> Iterator[FileOutcome]:
    if jobs > 1 and len(files) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            yield from pool.map(process_file, files, [options] * len(files), chunksize=8)
    else:
        for path in files:
            yield process_file(path, options)


def _progress(done: int, total: int) -> None:
    sys.stderr.write(f"\r{done}/{total} files")
    sys.stderr.flush()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.list_rules:
        print(rule_table())
        return 0
    if args.explain:
        text = explain(args.explain)
        if text is None:
            print(f"fastapi-prod-fix: error: no rule {args.explain!r} (see --list-rules)", file=sys.stderr)
            return 2
        print(text, end="")
        return 0
    tune_gc()
    if args.no_cache:
        disable_cache()
    if not args.paths:
        parser.print_usage(sys.stderr)
        print("fastapi-prod-fix: error: give at least one path, or '-' for stdin", file=sys.stderr)
        return 2
    try:
        options = _make_options(args, load_config())
    except ConfigError as error:
        print(f"fastapi-prod-fix: error: {error}", file=sys.stderr)
        return 2
    if args.check and args.diff:
        options.mode = "diff"
    if args.paths == ["-"]:
        return _run_stdin(options, args.stdin_display_name, check=args.check)
    missing = [p for p in args.paths if p != "-" and not os.path.exists(p)]
    for path in missing:
        print(f"{path}: error: no such file or directory", file=sys.stderr)
    files = list(iter_python_files([p for p in args.paths if p not in missing and p != "-"]))
    show_progress = sys.stderr.isatty() and len(files) >= 20 and not args.quiet
    fixed: Counter[str] = Counter()
    changed_files = errors = remaining = would_change = 0
    for done, outcome in enumerate(_outcomes(files, options, max(1, args.jobs)), 1):
        if show_progress:
            _progress(done, len(files))
        if outcome.error:
            errors += 1
            if show_progress:
                sys.stderr.write("\r")
            print(f"{outcome.path}: error: {outcome.error}", file=sys.stderr)
            continue
        remaining += outcome.remaining
        if outcome.changed:
            fixed.update(outcome.fixed)
            changed_files += 1
            would_change += 1
            if outcome.diff:
                sys.stdout.write(outcome.diff)
            elif options.mode == "check":
                count = sum(outcome.fixed.values())
                print(f"{outcome.path}: would fix {count} finding{'s' * (count != 1)}")
    if show_progress:
        sys.stderr.write("\n")
    if not args.quiet:
        verb = "fixed" if options.mode == "write" else "would fix"
        total = sum(fixed.values())
        detail = ", ".join(f"{code} {n}" for code, n in sorted(fixed.items()))
        summary = f"{verb} {total} finding{'s' * (total != 1)} in {changed_files} file{'s' * (changed_files != 1)}"
        if detail:
            summary += f" ({detail})"
        summary += f"; {remaining} need{'s' * (remaining == 1)} manual attention"
        if errors:
            summary += f"; {errors} file{'s' * (errors != 1)} skipped"
        print(summary, file=sys.stderr)
    if errors or missing:
        return 2
    if args.check and would_change:
        return 1
    return 0


def entry_point() -> None:
    try:
        code = main()
    except KeyboardInterrupt:
        print("fastapi-prod-fix: interrupted", file=sys.stderr)
        code = 130
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as cat does.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 1
    sys.exit(code)
