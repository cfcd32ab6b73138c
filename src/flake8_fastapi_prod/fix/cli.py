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
import os
import re
import sys
import tokenize
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

from flake8_fastapi_prod import __version__
from flake8_fastapi_prod.config import Config, ConfigError, is_excluded, load_config, per_file_codes
from flake8_fastapi_prod.fix.engine import FixError, FixOptions, fix_source
from flake8_fastapi_prod.fix.files import Snapshot, decode_source, encode_source, read_file, write_file
from flake8_fastapi_prod.registry import Finding, FixSafety, Selection, all_rules, get_rule
from flake8_fastapi_prod.resolve import disable_cache, tune_gc
from flake8_fastapi_prod.settings import CLI_KEYS, DEFAULT_EXCLUDE, Settings, describe_settings, resolve_settings

#: The folders skipped by default (flake8's default exclude plus
#: virtualenvs, caches and build output); ``--exclude`` / ``exclude``
#: replace them, ``--extend-exclude`` / ``extend-exclude`` add to them.
EXCLUDED_DIRS = frozenset(DEFAULT_EXCLUDE)


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
    #: What is left for a human: "line:col: CODE message" for each finding
    #: the fixer did not rewrite, and each ``TODO(FPxxx)`` comment in the result.
    left: list[str] = field(default_factory=list)


@dataclass
class RunOptions:
    fix: FixOptions
    mode: str  # "write", "diff", "check"
    per_file_ignores: list[tuple[str, list[str]]] = field(default_factory=list)
    #: The resolved settings: per-file selection, targets and excludes.
    settings: Settings | None = None


def _selection_for(path: str, options: RunOptions) -> Selection:
    """The file's selection: per-file-ignores as flake8 matches them, the
    targets of the file's own project."""
    if options.settings is not None:
        return options.settings.selection_for(path)
    base = options.fix.selection
    extra = tuple(per_file_codes(path, options.per_file_ignores))
    return Selection(base.select, base.ignore + extra, base.extend_select, base.targets) if extra else base


def _on_disk(display: str, raw: bytes) -> bool:
    """``raw`` is the content of the file ``display`` names (not stdin)."""
    try:
        return display != "-" and os.path.isfile(display) and os.path.getsize(display) == len(raw)
    except OSError:
        return False


def process_bytes(raw: bytes, display: str, options: RunOptions) -> FileOutcome:
    outcome = FileOutcome(display)
    try:
        source = decode_source(raw)
    except (SyntaxError, UnicodeDecodeError, LookupError) as error:
        outcome.error = f"cannot decode: {error}"
        return outcome
    fix_options = FixOptions(_selection_for(display, options), options.fix.unsafe_fixes)
    try:
        result = fix_source(source.text, display, fix_options, raw=raw if _on_disk(display, raw) else None)
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
    outcome.left = left_for_a_human(result.remaining, result.source)
    if not result.changed:
        return outcome
    try:
        new_raw = encode_source(result.source, source.encoding)
    except UnicodeEncodeError as error:
        outcome.error = f"fixed code cannot be encoded as {source.encoding}: {error.reason}; file left unchanged"
        return outcome
    outcome.changed = new_raw != raw
    outcome.output = new_raw
    if options.mode == "diff":
        name = diff_name(display)
        outcome.diff = "".join(
            difflib.unified_diff(
                source.text.splitlines(keepends=True),
                result.source.splitlines(keepends=True),
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
            )
        )
    return outcome


_TODO = re.compile(r"#\s*(TODO\(FP\d{3}\).*)")


def left_for_a_human(remaining: Sequence[Finding], source: str) -> list[str]:
    """The findings the fixer left and the ``TODO(FPxxx)`` comments in the
    fixed source (written by a fix, or left from an earlier run), in line order."""
    entries = [
        (f.line, f.col, f"{f.line}:{f.col + 1}: {f.code} {f.message}" + ("" if not f.fixable else " (unsafe fix)"))
        for f in remaining
    ]
    if "TODO(FP" in source:
        with contextlib.suppress(tokenize.TokenError, SyntaxError):
            for token in tokenize.generate_tokens(StringIO(source).readline):
                match = _TODO.match(token.string) if token.type == tokenize.COMMENT else None
                if match:
                    line, col = token.start
                    entries.append((line, col, f"{line}:{col + 1}: {match.group(1)}"))
    return [text for _, _, text in sorted(entries)]


def print_left(outcomes: Sequence[FileOutcome], verb: str) -> None:
    """File by file: what was rewritten and what is left for a human."""
    shown = [o for o in outcomes if o.left or (o.changed and o.fixed)]
    if not any(o.left for o in shown):
        return
    print("left for a human (findings without a fix, TODO comments):", file=sys.stderr)
    for outcome in shown:
        done = sum(outcome.fixed.values()) if outcome.changed else 0
        head = f"{outcome.path}: {verb} {done}"
        if done:
            head += " (" + ", ".join(f"{code} {n}" for code, n in sorted(outcome.fixed.items())) + ")"
        print(f"{head}; left {len(outcome.left)}", file=sys.stderr)
        for entry in outcome.left:
            print(f"  {entry}", file=sys.stderr)


def diff_name(path: str) -> str:
    """The path as ``git apply`` wants it after ``a/``: relative to the
    working directory, normalised (``./app.py`` and ``/abs/cwd/app.py``
    both give ``app.py``), with forward slashes."""
    absolute = os.path.abspath(path)
    try:
        name = os.path.relpath(absolute)
    except ValueError:  # another drive on Windows
        name = absolute
    if name.startswith(".."):  # outside the working directory
        name = absolute
    return name.replace(os.sep, "/").lstrip("/")


def process_file(path: str, options: RunOptions) -> FileOutcome:
    try:
        raw, snapshot = read_file(path)
    except OSError as error:
        return FileOutcome(path, error=f"cannot read: {error.strerror or error}")
    outcome = process_bytes(raw, path, options)
    if outcome.changed and options.mode == "write" and outcome.output is not None:
        _write(path, outcome, snapshot)
    outcome.output = None
    return outcome


def _write(path: str, outcome: FileOutcome, snapshot: Snapshot) -> None:
    assert outcome.output is not None
    try:
        write_file(path, outcome.output, snapshot)
    except OSError as error:
        reason = error.strerror or str(error) or type(error).__name__
        outcome.error = f"cannot write: {reason.lower() if reason[:1].isupper() else reason}; file left unchanged"
        outcome.changed = False


def iter_python_files(paths: Sequence[str], exclude: Sequence[str] = DEFAULT_EXCLUDE) -> Iterator[str]:
    """The files to fix, excluded as flake8 excludes: a path (also one given
    explicitly) or a folder matching a pattern by its name or, for a
    pattern holding a separator, by its absolute path."""
    from flake8_fastapi_prod.config import is_excluded

    for given in paths:
        if is_excluded(given, exclude):
            continue
        path = Path(given)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not is_excluded(os.path.join(root, d), exclude))
                for name in sorted(files):
                    joined = os.path.join(root, name)
                    if name.endswith((".py", ".pyi")) and not is_excluded(joined, exclude):
                        yield joined
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
    parser.add_argument("--extend-ignore", help="codes added to the ignored ones")
    parser.add_argument(
        "--exclude",
        metavar="PATTERNS",
        help="comma-separated files or folders to skip, as flake8's --exclude; replaces the default: "
        + ",".join(DEFAULT_EXCLUDE),
    )
    parser.add_argument("--extend-exclude", metavar="PATTERNS", help="patterns added to the excluded ones")
    parser.add_argument("--unsafe-fixes", action="store_true", help="also apply fixes marked unsafe")
    for package, example in (("fastapi", "0.110.0"), ("starlette", "0.46"), ("pydantic", "1.10")):
        parser.add_argument(
            f"--{package}-target-version",
            metavar="VERSION",
            help=f"{package.capitalize()} version the code runs on (e.g. {example}; default: read from the "
            "file's project: lock pin, else the lowest declared)",
        )
    parser.add_argument(
        "--show-settings", action="store_true", help="print the settings, targets and their sources, and exit"
    )
    parser.add_argument("--explain", metavar="CODE", help="print a rule's documentation and exit")
    parser.add_argument("--list-rules", action="store_true", help="print the rule table and exit")
    parser.add_argument(
        "-j", "--jobs", type=_jobs, default="auto", help="processes to use: a number or 'auto' (default: all cores)"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="do not read or write the summaries cache (.fastapi_prod_cache/; also FASTAPI_PROD_NO_CACHE=1)",
    )
    parser.add_argument("--stdin-display-name", default="stdin", help="the file name to use for '-'")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _jobs(value: str) -> int:
    if value.strip().lower() == "auto":
        return os.cpu_count() or 1
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number or 'auto': {value!r}") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value!r}")
    return jobs


def _make_options(args: argparse.Namespace, config: Config) -> RunOptions:
    """Command line over ``[tool.fastapi-prod]`` over ``[flake8]``; only the
    FP part of a selection counts (``select = E,W,C90`` fixes the default
    FP codes), so the fix hook selects what the lint hook does."""
    settings = resolve_settings(config, {key: getattr(args, key, None) for key in CLI_KEYS})
    mode = "diff" if args.diff else "check" if args.check else "write"
    fix = FixOptions(settings.base_selection(), settings.unsafe_fixes)
    return RunOptions(fix, mode, settings.per_file_ignores, settings)


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


#: Fewer files than this are fixed in this process: starting workers costs more.
MIN_FILES_FOR_WORKERS = 4


def _outcomes(files: list[str], options: RunOptions, jobs: int) -> Iterator[FileOutcome]:
    """Outcomes in the order of ``files`` whatever ``jobs`` is."""
    jobs = min(jobs, len(files))
    if jobs > 1 and len(files) >= MIN_FILES_FOR_WORKERS:
        chunksize = max(1, min(8, len(files) // (jobs * 4)))
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            yield from pool.map(process_file, files, [options] * len(files), chunksize=chunksize)
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
    if not args.paths and not args.show_settings:
        parser.print_usage(sys.stderr)
        print("fastapi-prod-fix: error: give at least one path, or '-' for stdin", file=sys.stderr)
        return 2
    try:
        options = _make_options(args, load_config())
    except ConfigError as error:
        print(f"fastapi-prod-fix: error: {error}", file=sys.stderr)
        return 2
    assert options.settings is not None
    if args.show_settings:
        shown = [args.stdin_display_name if p == "-" else p for p in args.paths]
        print(describe_settings(options.settings, shown, tool="fastapi-prod-fix"), end="")
        return 0
    if args.check and args.diff:
        options.mode = "diff"
    if args.paths == ["-"]:
        return _run_stdin(options, args.stdin_display_name, check=args.check)
    if "-" in args.paths:
        print("fastapi-prod-fix: error: '-' (stdin) cannot be combined with other paths", file=sys.stderr)
        return 2
    missing = [p for p in args.paths if not os.path.exists(p)]
    for path in missing:
        print(f"{path}: error: no such file or directory", file=sys.stderr)
    given = [p for p in args.paths if p not in missing]
    files: list[str] = []
    for path in given:
        found = list(iter_python_files([path], options.settings.exclude))
        if not found and os.path.isdir(path) and not is_excluded(path, options.settings.exclude):
            print(f"{path}: no Python files found", file=sys.stderr)
        files += found
    show_progress = sys.stderr.isatty() and len(files) >= 20 and not args.quiet
    fixed: Counter[str] = Counter()
    changed_files = errors = remaining = would_change = 0
    reported: list[FileOutcome] = []
    for done, outcome in enumerate(_outcomes(files, options, args.jobs), 1):
        if show_progress:
            _progress(done, len(files))
        if outcome.error:
            errors += 1
            if show_progress:
                sys.stderr.write("\r")
            print(f"{outcome.path}: error: {outcome.error}", file=sys.stderr)
            continue
        remaining += outcome.remaining
        if outcome.left or outcome.changed:
            reported.append(outcome)
        if outcome.changed:
            fixed.update(outcome.fixed)
            changed_files += 1
            would_change += 1
            if outcome.diff:
                sys.stdout.write(outcome.diff)
            elif options.mode == "check":
                count = sum(outcome.fixed.values())
                print(f"would fix {count} finding{'s' * (count != 1)} in {outcome.path}")
    if show_progress:
        sys.stderr.write("\n")
    if not args.quiet:
        verb = "fixed" if options.mode == "write" else "would fix"
        print_left(reported, verb)
        total = sum(fixed.values())
        detail = ", ".join(f"{code} {n}" for code, n in sorted(fixed.items()))
        summary = f"{verb} {total} finding{'s' * (total != 1)} in {changed_files} file{'s' * (changed_files != 1)}"
        if detail:
            summary += f" ({detail})"
        summary += f"; {remaining} need{'s' * (remaining == 1)} manual attention"
        todos = sum(1 for o in reported for entry in o.left if ": TODO(FP" in entry)
        if todos:
            summary += f", {todos} TODO comment{'s' * (todos != 1)}"
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
