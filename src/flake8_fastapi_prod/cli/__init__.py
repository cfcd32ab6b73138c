"""``fastapi-prod``: the standalone linter (``check``), the rule docs
(``rule``) and the language server (``server``).

``check`` runs the same detection as ``flake8 --select FP`` with the plugin,
without flake8: same findings, same ``# noqa``, same configuration, in
parallel. Exit status: 0 no findings; 1 findings left (or, with ``--diff``,
something to fix); 2 a path is missing, a file could not be read or parsed
(shown as E902 / E999 lines), a fix could not be written, or bad usage.
"""

from __future__ import annotations

import os
import sys
import time

# Only what a re-run answered by the run snapshot needs is imported here (not
# even argparse or typing): the rest of the tool (settings, rules, resolver,
# libcst) is imported by the functions that use it.
from flake8_fastapi_prod import __version__
from flake8_fastapi_prod.cli import snapshot

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator, Sequence
    from concurrent.futures import Future

    from flake8_fastapi_prod.cli.lint import FileResult, Job
    from flake8_fastapi_prod.cli.settings import Settings

PROG = "fastapi-prod"
#: Files below which a run stays in one process (a pool costs more).
PARALLEL_THRESHOLD = 16
#: Set: ``check`` says on stderr how many files the findings cache answered.
ENV_CACHE_STATS = snapshot.ENV_CACHE_STATS
#: ``cli.output.FORMATS`` (kept in step by a test; that module is not imported to parse).
FORMATS = ("full", "concise", "json", "sarif", "github", "gitlab")
#: Files at which the progress line appears on a terminal.
PROGRESS_THRESHOLD = 50


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog=PROG, description="FastAPI / Pydantic / async SQLAlchemy production pitfalls (FP codes)."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="report (and fix) FP findings",
        description="Report the FP findings of the given files and directories (default: .).",
        epilog="Exit status: 0 no findings; 1 findings left; 2 a path is missing, a file does not parse, or bad usage.",
    )
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or directories ('-' reads stdin)")
    check.add_argument("--fix", action="store_true", default=None, help="apply the fixes, then report what is left")
    check.add_argument("--no-fix", dest="fix", action="store_false")
    check.add_argument("--unsafe-fixes", action="store_true", default=None, help="include the fixes marked unsafe")
    check.add_argument("--no-unsafe-fixes", dest="unsafe_fixes", action="store_false")
    check.add_argument("--diff", action="store_true", help="print the fixes as a diff, write nothing (exit 1 if any)")
    check.add_argument("--statistics", action="store_true", help="count findings per code instead of listing them")
    check.add_argument("--output-format", choices=FORMATS, default=None, help="default: full")
    check.add_argument("--select", help="codes or prefixes to report (replaces the configured select)")
    check.add_argument("--extend-select", help="codes added to select (opt-in codes)")
    check.add_argument("--ignore", help="codes or prefixes not to report (replaces the configured ignore)")
    check.add_argument("--extend-ignore", help="codes added to ignore")
    for package in ("fastapi", "starlette", "pydantic"):
        check.add_argument(
            f"--{package}-target-version", help=f"{package} version the code runs on (default: detected per file)"
        )
    check.add_argument("--exclude", help="comma-separated globs replacing the default excludes")
    check.add_argument("--extend-exclude", help="comma-separated globs excluded as well")
    check.add_argument(
        "--respect-gitignore", action="store_true", default=None, help="skip .gitignore'd files (default)"
    )
    check.add_argument("--no-respect-gitignore", dest="respect_gitignore", action="store_false")
    check.add_argument("--force-exclude", action="store_true", default=None, help="exclude named files too")
    check.add_argument(
        "--config",
        action="append",
        default=[],
        metavar="FILE|KEY=VALUE",
        help="a config file to use instead of discovery, or a TOML 'key = value' override (repeatable)",
    )
    check.add_argument("--show-settings", action="store_true", help="print the resolved settings and exit")
    check.add_argument("--show-files", action="store_true", help="print the files that would be checked and exit")
    check.add_argument("-j", "--jobs", type=int, default=None, help="processes (default: all cores)")
    check.add_argument("-q", "--quiet", action="store_true", help="findings only, no summary")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings (still 2 on errors)")
    check.add_argument("--stdin-filename", default=None, help="the file name of the buffer read from '-'")
    check.add_argument("--no-progress", action="store_true", help="no progress line on a terminal")
    check.add_argument(
        "--no-cache",
        action="store_true",
        help="do not read or write the cache (.fastapi_prod_cache/: findings and module summaries; "
        "also FASTAPI_PROD_NO_CACHE=1)",
    )

    rule = commands.add_parser("rule", help="print a rule's documentation", description="Print rule documentation.")
    rule.add_argument("code", nargs="?", help="a code, e.g. FP201")
    rule.add_argument("--all", action="store_true", help="every rule")
    rule.add_argument("--output-format", choices=("text", "json"), default="text")

    server = commands.add_parser("server", help="run the language server over stdio", description="LSP over stdio.")
    server.add_argument("--log-file", default=None, help="write the server's log here")
    return parser


def resolve_settings(args: argparse.Namespace) -> Settings:
    """Configuration files (or ``--config``), then the command line on top."""
    from flake8_fastapi_prod.cli.settings import build_settings
    from flake8_fastapi_prod.settings import CLI_KEYS

    cli = {key: getattr(args, key, None) for key in CLI_KEYS}
    settings = build_settings(config_args=args.config, cli=cli)
    if args.respect_gitignore is not None:
        settings.respect_gitignore = args.respect_gitignore
    if args.force_exclude is not None:
        settings.force_exclude = args.force_exclude
    return settings


def _chunks(files: list[str], jobs: int) -> list[list[str]]:
    """Consecutive files together (one package shares a worker's cache of
    cross-module facts), small enough to keep every worker busy."""
    size = max(1, min(32, len(files) // (jobs * 8) or 1))
    return [files[i : i + size] for i in range(0, len(files), size)]


class _Progress:
    def __init__(self, total: int, enabled: bool) -> None:
        self.total = total
        self.done = 0
        self.enabled = enabled

    def advance(self, count: int) -> None:
        if not self.enabled:
            return
        self.done += count
        sys.stderr.write(f"\rChecking {self.done}/{self.total} files")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def run_files(files: list[str], job: Job, jobs: int, progress: _Progress) -> Iterator[FileResult]:
    from flake8_fastapi_prod.cli.lint import cached_result, check_paths, without_lookup
    from flake8_fastapi_prod.registry import load_rules

    if job.cache:
        # The findings cache is read here, before any worker starts: on an
        # unchanged tree no file is parsed and no process is started.
        misses = []
        for path in files:
            result = cached_result(path, job)
            if result is None:
                misses.append(path)
            else:
                progress.advance(1)
                yield result
        files, job = misses, without_lookup(job)
    if jobs <= 1 or len(files) < PARALLEL_THRESHOLD:
        for path in files:
            yield from check_paths([path], job)
            progress.advance(1)
        return
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    load_rules()  # once, before the workers fork
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: set[Future[list[FileResult]]] = {
            pool.submit(check_paths, chunk, job) for chunk in _chunks(files, jobs)
        }
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                results = future.result()
                progress.advance(len(results))
                yield from results


#: The run's stdout, kept for its snapshot (None: not kept).
_CAPTURED: list[str] | None = None


def _write(text: str) -> None:
    if _CAPTURED is not None:
        _CAPTURED.append(text)
    sys.stdout.write(text)


def _check_stdin(args: argparse.Namespace, settings: Settings) -> int:
    from flake8_fastapi_prod.cli.lint import FileResult, _context, lint_text

    path = args.stdin_filename or "-"
    text = sys.stdin.read()
    diagnostics, lines = lint_text(text, path, settings)
    result = FileResult(path, diagnostics, _context(lines, diagnostics))
    return _report([result], args, settings, fixed=0)


def _report(results: list[FileResult], args: argparse.Namespace, settings: Settings, *, fixed: int) -> int:
    from flake8_fastapi_prod.cli.output import located, render, statistics, summary

    output_format = args.output_format or "full"
    items = located(results)
    text_format = output_format in ("full", "concise")
    if args.statistics:
        _write(statistics(items, output_format))
    else:
        _write(render(items, output_format))
    if text_format and not args.quiet and not (args.statistics and not items):
        if items and output_format == "full" and not args.statistics:
            _write("\n")
        _write(summary(items, fixed, fix_mode=bool(args.fix), unsafe_fixes=settings.unsafe_fixes))
    for result in results:
        if result.fix_error:
            print(f"{PROG}: error: {result.path}: {result.fix_error}", file=sys.stderr)
    if any(result.has_error for result in results):
        return 2
    if items and not args.exit_zero:
        return 1
    return 0


def check(args: argparse.Namespace, snapshot_key: str | None = None) -> int:
    """``snapshot_key``: the run's snapshot key (:mod:`.snapshot`), when it
    may leave one."""
    from flake8_fastapi_prod.cache import cache_disabled
    from flake8_fastapi_prod.cli.files import discover
    from flake8_fastapi_prod.cli.lint import (
        IO_ERROR,
        Diagnostic,
        FileResult,
        Job,
        findings_cache,
        reset_findings_cache,
    )
    from flake8_fastapi_prod.config import ConfigError
    from flake8_fastapi_prod.resolve import disable_cache, tune_gc

    started_ns = time.time_ns()
    try:
        settings = resolve_settings(args)
    except ConfigError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    if args.jobs is not None and args.jobs < 1:
        print(f"{PROG}: error: --jobs must be at least 1", file=sys.stderr)
        return 2
    if args.show_settings:
        print(settings.describe(args.paths or ["."]), end="")
        return 0
    if args.paths == ["-"]:
        return _check_stdin(args, settings)
    walked: set[str] = set()
    files, missing = discover(args.paths or ["."], settings, walked)
    if args.show_files:
        for path in sorted(files):
            print(path)
        return 0
    if not files and not missing and not args.quiet:
        print(f"{PROG}: warning: no Python files found under {', '.join(args.paths or ['.'])}", file=sys.stderr)
    jobs = args.jobs or default_jobs()
    tune_gc()
    if args.no_cache:
        disable_cache()
    show_progress = sys.stderr.isatty() and len(files) >= PROGRESS_THRESHOLD and not args.no_progress and not args.quiet
    progress = _Progress(len(files), show_progress)
    job = Job(settings, fix=bool(args.fix) and not args.diff, diff=args.diff, cache=not cache_disabled())
    results: list[FileResult] = []
    reset_findings_cache()
    try:
        for result in run_files(files, job, jobs, progress):
            results.append(result)
    finally:
        progress.close()
    store = findings_cache(job)
    if store is not None and os.environ.get(ENV_CACHE_STATS):
        print(f"{PROG}: findings cache: {store.hits} hits, {store.misses} misses", file=sys.stderr)
    for item in missing:
        results.append(FileResult(item.path, [Diagnostic(item.path, IO_ERROR, item.reason, 1, 0, 1, 0)]))
    results.sort(key=lambda result: result.path)
    if args.diff:
        return _report_diff(results)
    if snapshot_key is None or store is None or missing or not files or job.fix:
        return _report(results, args, settings, fixed=sum(result.fixed for result in results))
    global _CAPTURED
    _CAPTURED = []
    try:
        code = _report(results, args, settings, fixed=sum(result.fixed for result in results))
        sys.stdout.flush()
        stdout = "".join(_CAPTURED)
    finally:
        _CAPTURED = None
    _leave_snapshot(snapshot_key, args, results, walked, (stdout, code, started_ns))
    return code


def _leave_snapshot(
    key: str, args: argparse.Namespace, results: list[FileResult], walked: set[str], run: tuple[str, int, int]
) -> None:
    """The run's snapshot, when every file's findings are in the findings
    cache with what they depend on (not, e.g., a file that cannot be read)."""
    entries = [result.entry for result in results if result.entry is not None]
    if len(entries) != len(results):
        return
    files = [result.path for result in results]
    inputs = snapshot.gather(
        files=files, walked=walked, entries=entries, paths=args.paths or ["."], config_args=args.config
    )
    stdout, code, started_ns = run
    snapshot.write(key, inputs, stdout=stdout, code=code, files=len(files), started_ns=started_ns)


def _report_diff(results: list[FileResult]) -> int:
    """``--diff``: the fixes as a unified diff on stdout, a count on stderr;
    files that cannot be checked still show as E902 / E999 lines."""
    from flake8_fastapi_prod.cli.lint import FileResult
    from flake8_fastapi_prod.cli.output import diff_summary, located

    would_fix = 0
    for result in results:
        if result.diff:
            _write(result.diff)
            would_fix += result.fixed
    errors = [FileResult(r.path, [d for d in r.diagnostics if d.is_error], r.lines) for r in results]
    findings = [FileResult(r.path, [d for d in r.diagnostics if not d.is_error], r.lines) for r in results]
    for item in located(errors):
        sys.stderr.write(item.header() + "\n")
    sys.stderr.write(diff_summary(located(findings), would_fix))
    if any(result.has_error for result in results):
        return 2
    return 1 if would_fix else 0


# -- rule --------------------------------------------------------------------------


def rule_record(code: str) -> dict[str, object]:
    from flake8_fastapi_prod.cli.output import rule_url
    from flake8_fastapi_prod.registry import FixSafety, get_rule

    rule = get_rule(code)
    assert rule is not None
    return {
        "code": rule.code,
        "name": rule.name,
        "summary": rule.summary(),
        "default": str(rule.default),
        "fix": rule.fix_safety.value if rule.fix_safety is not FixSafety.NONE else None,
        "url": rule_url(rule.code),
        "explanation": rule.docs(),
    }


def rule_text(code: str) -> str:
    from flake8_fastapi_prod.registry import FixSafety, get_rule

    rule = get_rule(code)
    assert rule is not None
    fix = "no fix" if rule.fix_safety is FixSafety.NONE else f"{rule.fix_safety.value} fix"
    return f"# {rule.code} {rule.name}\n\nDefault: {rule.default}. Fix: {fix}.\n\n{rule.docs()}\n"


def rule(args: argparse.Namespace) -> int:
    import json

    from flake8_fastapi_prod.registry import all_rules, get_rule

    if args.all:
        codes = [r.code for r in all_rules()]
    elif args.code:
        found = get_rule(args.code)
        if found is None:
            print(f"{PROG}: error: no rule {args.code!r} (see `{PROG} rule --all`)", file=sys.stderr)
            return 2
        codes = [found.code]
    else:
        print(f"{PROG}: error: give a code (e.g. FP201) or --all", file=sys.stderr)
        return 2
    if args.output_format == "json":
        records = [rule_record(code) for code in codes]
        print(json.dumps(records if args.all else records[0], indent=2))
    else:
        print("\n".join(rule_text(code) for code in codes), end="")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    key = None
    if arguments[:1] == ["check"] and not snapshot.cache_disabled():
        # A snapshot exists only for arguments a run parsed as eligible
        # (snapshot.eligible): these same arguments need no parsing to replay it.
        key = snapshot.run_key(arguments)
        replayed = snapshot.replay(key)
        if replayed is not None:
            return replayed
    parser = build_parser()
    args = parser.parse_args(arguments)
    if args.command == "check":
        return check(args, key if key is not None and snapshot.eligible(args) else None)
    if args.command == "rule":
        return rule(args)
    if args.command == "server":
        from flake8_fastapi_prod.cli.server import serve

        return serve(log_file=args.log_file)
    parser.print_help(sys.stderr)
    return 2


def entry_point() -> None:
    try:
        code = main()
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        code = 130
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 1
    sys.exit(code)
