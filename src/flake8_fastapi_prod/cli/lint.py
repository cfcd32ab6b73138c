"""Lint (and fix) one module: the same detection and the same ``# noqa``
semantics as ``flake8 --select FP`` with the plugin, without flake8.

Used by ``fastapi-prod check`` (one call per file, in worker processes) and
by the language server (one call per buffer). Everything returned is plain
data, so it crosses process boundaries.
"""

from __future__ import annotations

import ast
import difflib
import io
import os
import re
import tokenize
from dataclasses import dataclass, field, replace
from typing import Any

from flake8_fastapi_prod.cli.findings import (
    GLOB_RULE,
    Cached,
    Dependencies,
    FindingsCache,
    Recorder,
    content_digest,
    glob_directories,
    recorder_for,
)
from flake8_fastapi_prod.cli.settings import Settings
from flake8_fastapi_prod.context import analyze
from flake8_fastapi_prod.fix.files import Snapshot, decode_source, encode_source, read_file, write_file
from flake8_fastapi_prod.registry import Finding, FixSafety, Selection, get_rule
from flake8_fastapi_prod.resolve import PROJECT, ModuleInfo, Project

# flake8's own patterns (flake8.defaults), so a noqa comment means what it means there.
NOQA_INLINE = re.compile(r"# noqa(?::[\s]?(?P<codes>([A-Z]+[0-9]+(?:[,\s]+)?)+))?", re.IGNORECASE)
NOQA_FILE = re.compile(r"\s*# flake8[:=]\s*noqa", re.IGNORECASE)

#: Codes of the finding-like lines for files that cannot be checked.
IO_ERROR = "E902"
SYNTAX_ERROR = "E999"


@dataclass(frozen=True)
class Diagnostic:
    """One finding as shown: ``line`` 1-based, columns 0-based UTF-8 bytes
    (``ast`` units); :meth:`char_col` converts for display."""

    path: str
    code: str
    message: str
    line: int
    col: int
    end_line: int
    end_col: int
    #: "safe" / "unsafe": the rule's fix applies here; None: no fix here.
    fix: str | None = None
    #: The fix is applied by ``--fix`` with the current settings.
    applicable: bool = False
    #: Last line of the logical line (where a noqa comment goes).
    noqa_line: int = 0

    @property
    def is_error(self) -> bool:
        """A file that could not be checked (E902 / E999), not a finding."""
        return self.code in (IO_ERROR, SYNTAX_ERROR)


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: The lines the diagnostics are on (and two around), for display.
    lines: dict[int, str] = field(default_factory=dict)
    fixed: int = 0
    diff: str = ""
    #: With --fix: the fixed source could not be written / produced.
    fix_error: str = ""
    #: The findings cache's entry for this result (read or written), for the run snapshot.
    entry: dict[str, Any] | None = field(default=None, compare=False, repr=False)

    @property
    def has_error(self) -> bool:
        return bool(self.fix_error) or any(d.is_error for d in self.diagnostics)


def byte_to_char(line: str, byte_col: int) -> int:
    """A UTF-8 byte offset in ``line`` as a code point offset."""
    if line.isascii():
        return byte_col
    return len(line.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))


def char_to_utf16(line: str, char_col: int) -> int:
    if line.isascii():
        return char_col
    return len(line[:char_col].encode("utf-16-le")) // 2


class NoqaMap:
    """flake8's ``noqa`` lookup: the text searched for a finding on a line is
    the whole range of lines its tokens span up to the NEWLINE/NL (so a
    ``# noqa`` after a multi-line string covers every line of it)."""

    def __init__(self, text: str, lines: list[str]) -> None:
        self.lines = lines
        self.ranges: dict[int, tuple[int, int]] = {}
        try:
            tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
        except (tokenize.TokenError, SyntaxError):
            return
        min_line, max_line = len(lines) + 2, -1
        for token in tokens:
            if token.type in (tokenize.ENDMARKER, tokenize.DEDENT):
                continue
            min_line = min(min_line, token.start[0])
            max_line = max(max_line, token.end[0])
            if token.type in (tokenize.NL, tokenize.NEWLINE):
                for number in range(min_line, max_line + 1):
                    self.ranges[number] = (min_line, max_line)
                min_line, max_line = len(lines) + 2, -1

    def text_for(self, line: int) -> str:
        span = self.ranges.get(line)
        if span is None:
            return self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return "".join(self.lines[span[0] - 1 : span[1]])

    def last_line_of(self, line: int) -> int:
        span = self.ranges.get(line)
        return span[1] if span is not None else line

    def suppresses(self, line: int, code: str) -> bool:
        match = NOQA_INLINE.search(self.text_for(line))
        if match is None:
            return False
        codes_text = match.group("codes")
        if codes_text is None:
            return True
        codes = {part.strip() for part in re.split(r"[,\s]", codes_text) if part.strip()}
        return code in codes or code.startswith(tuple(codes))


def _fix_kind(finding: Finding) -> str | None:
    """ "safe" / "unsafe" (the rule's, or this finding's own ``unsafe``
    mark, as the engine reads it), or None when there is no fix here."""
    rule = get_rule(finding.code)
    if rule is None or not finding.fixable or rule.fix_safety is FixSafety.NONE:
        return None
    if rule.fix_safety is FixSafety.UNSAFE or finding.data().get("unsafe"):
        return "unsafe"
    return "safe"


def lint_text(
    text: str,
    path: str,
    settings: Settings,
    *,
    selection: Selection | None = None,
    project: Project | None = None,
    recorder: Recorder | None = None,
    source: bytes | None = None,
) -> tuple[list[Diagnostic], list[str]]:
    """The diagnostics of one module's source (a syntax error is one E999
    diagnostic) and its lines (with line endings). With ``recorder``, its
    ``result`` is then what the analysis consulted besides the text.
    ``source``: the file's bytes on disk, when ``text`` is them (the
    project then keeps the module's summary for the files asking about it)."""
    if recorder is not None:
        recorder.result = Dependencies()
    lines = text.splitlines(keepends=True)
    try:
        tree = ast.parse(text, filename=path)
    except SyntaxError as error:
        line = error.lineno or 1
        col = max(0, (error.offset or 1) - 1)
        message = f"SyntaxError: {error.msg}"
        return [Diagnostic(path, SYNTAX_ERROR, message, line, col, line, col)], lines
    except (ValueError, RecursionError) as error:  # null bytes, nesting
        message = "SyntaxError: " + (str(error) or "nested too deeply")
        return [Diagnostic(path, SYNTAX_ERROR, message, 1, 0, 1, 0)], lines
    if any(NOQA_FILE.match(line) for line in lines if "flake8" in line):
        return [], lines
    selection = selection or settings.selection_for(path)
    if recorder is not None:
        recorder.begin_file()
        findings = analyze(tree, path, selection, project=recorder.project, source=source)
        module = ModuleInfo(None, path, recorder.project)
        glob_rule = get_rule(GLOB_RULE)
        globs = glob_directories(module) if glob_rule is not None and selection.enabled(glob_rule) else []
        recorder.result = recorder.dependencies(str(module.resolved_path), globs)
    else:
        findings = analyze(tree, path, selection, project=project, source=source)
    if not findings:
        return [], lines
    from flake8_fastapi_prod.fix.engine import FixOptions, _applicable  # libcst: only when there are findings

    noqa = NoqaMap(text, lines)
    may_suppress = "noqa" in text.lower()
    plain = [line.rstrip("\r\n") for line in lines]
    fix_options = FixOptions(selection, settings.unsafe_fixes)
    diagnostics: list[Diagnostic] = []
    for finding in findings:
        if may_suppress and noqa.suppresses(finding.span.line, finding.code):
            continue
        kind = _fix_kind(finding)
        # Exactly the engine's decision, so [*] means --fix fixes it.
        applicable = kind is not None and _applicable(finding, get_rule(finding.code), plain, fix_options)
        span = finding.span
        last = noqa.last_line_of(span.line)
        diagnostics.append(
            Diagnostic(
                path,
                finding.code,
                finding.message,
                span.line,
                span.col,
                span.end_line,
                span.end_col,
                kind,
                applicable,
                last,
            )
        )
    return diagnostics, lines


def _context(lines: list[str], diagnostics: list[Diagnostic]) -> dict[int, str]:
    wanted: dict[int, str] = {}
    for diagnostic in diagnostics:
        for number in range(max(1, diagnostic.line - 2), min(len(lines), diagnostic.end_line + 2) + 1):
            wanted[number] = lines[number - 1].rstrip("\r\n")
    return wanted


@dataclass(frozen=True)
class Job:
    """What to do with each file of a run (plain data for the workers)."""

    settings: Settings
    fix: bool = False
    diff: bool = False
    #: Read and write the findings cache (see :mod:`flake8_fastapi_prod.cli.findings`).
    cache: bool = False
    #: Look entries up (False: the parent process already did, these are misses).
    lookup: bool = True


#: This run's findings cache in this process (workers each open their own).
_STORES: dict[bool, FindingsCache | None] = {}


def findings_cache(job: Job) -> FindingsCache | None:
    if not job.cache:
        return None
    if True not in _STORES:
        _STORES[True] = FindingsCache.default(PROJECT)
    return _STORES[True]


def reset_findings_cache() -> None:
    """A new run: every file is hashed (and the cache folder found) again."""
    _STORES.clear()


def _usable(cached: Cached, job: Job) -> bool:
    """A hit stands for the whole check unless the fixer has work to do."""
    return not (job.fix or job.diff) or not any(item[7] for item in cached.diagnostics)


def _from_cache(path: str, cached: Cached, entry: dict[str, Any] | None) -> FileResult:
    diagnostics = [Diagnostic(path, *item) for item in cached.diagnostics]
    return FileResult(path, diagnostics, dict(cached.lines), entry=entry)


def _cache_key(store: FindingsCache, path: str, raw: bytes, job: Job) -> str:
    digest = content_digest(raw)
    known = store.keys.get(path)
    if known is not None and known[0] == digest:
        return known[1]  # the lookup pass of this process computed it
    store.state.file_hash(os.path.realpath(path), raw)
    key = store.key(raw, path, job.settings.selection_for(path), job.settings.unsafe_fixes)
    store.keys[path] = (digest, key)
    return key


def cached_result(path: str, job: Job) -> FileResult | None:
    """The result of ``check_path(path, job)`` from the findings cache, or
    None (a miss, or the fixer has something to do)."""
    store = findings_cache(job)
    if store is None:
        return None
    try:
        raw, _ = read_file(path)
    except OSError:
        return None
    key = _cache_key(store, path, raw, job)
    cached = store.get(key)
    if cached is None or not _usable(cached, job):
        store.misses += 1
        return None
    store.hits += 1
    return _from_cache(path, cached, store.entries.get(key))


def check_path(path: str, job: Job) -> FileResult:
    """Read, lint and (with ``job.fix``) fix one file."""
    result = FileResult(path)
    try:
        raw, snapshot = read_file(path)
    except OSError as error:
        reason = error.strerror or str(error)
        result.diagnostics.append(Diagnostic(path, IO_ERROR, reason, 1, 0, 1, 0))
        return result
    store = findings_cache(job)
    key = None
    if store is not None:
        key = _cache_key(store, path, raw, job)
        if job.lookup:
            cached = store.get(key)
            if cached is not None and _usable(cached, job):
                store.hits += 1
                return _from_cache(path, cached, store.entries.get(key))
            store.misses += 1
    try:
        source = decode_source(raw)
    except (SyntaxError, UnicodeDecodeError, LookupError) as error:
        result.diagnostics.append(Diagnostic(path, IO_ERROR, f"cannot decode: {error}", 1, 0, 1, 0))
        return result
    text = source.text
    if text.startswith("\ufeff"):
        text = text[1:]
    recorder = recorder_for(PROJECT) if store is not None else None
    diagnostics, lines = lint_text(text, path, job.settings, recorder=recorder, source=raw)
    dependencies = recorder.result if recorder is not None else None  # None: not to be stored
    if (job.fix or job.diff) and any(d.applicable for d in diagnostics):
        fixed = _fix(path, source.text, source.encoding, (raw, snapshot), job, result)
        if fixed is not None:
            dependencies = None  # the entry would be for other bytes
            text = fixed[1:] if fixed.startswith("\ufeff") else fixed
            diagnostics, lines = lint_text(text, path, job.settings)
    result.diagnostics = diagnostics
    result.lines = _context(lines, diagnostics)
    if store is not None and key is not None and dependencies is not None and not result.fix_error:
        result.entry = store.put(key, diagnostics, result.lines, dependencies)
    return result


def without_lookup(job: Job) -> Job:
    return replace(job, lookup=False)


def _fix(path: str, text: str, encoding: str, read: tuple[bytes, Snapshot], job: Job, result: FileResult) -> str | None:
    """Run the fixer engine (the same call as ``fastapi-prod-fix``); write
    (with the fixer's own file care) or diff the result. Returns the new
    source, or None when unchanged."""
    from flake8_fastapi_prod.fix.cli import diff_name
    from flake8_fastapi_prod.fix.engine import FixError, FixOptions, fix_source

    raw, snapshot = read
    options = FixOptions(job.settings.selection_for(path), job.settings.unsafe_fixes)
    try:
        fixed = fix_source(text, path, options)
    except FixError as error:
        result.fix_error = str(error)
        return None
    except (SyntaxError, RecursionError):
        return None
    if not fixed.changed:
        return None
    try:
        new_raw = encode_source(fixed.source, encoding)
    except UnicodeEncodeError as error:
        result.fix_error = f"fixed code cannot be encoded as {encoding}: {error.reason}; file left unchanged"
        return None
    if new_raw == raw:
        return None
    result.fixed = len(fixed.fixed)
    if job.diff:
        result.diff = "".join(
            difflib.unified_diff(
                text.splitlines(keepends=True),
                fixed.source.splitlines(keepends=True),
                fromfile=f"a/{diff_name(path)}",
                tofile=f"b/{diff_name(path)}",
            )
        )
        return fixed.source
    try:
        write_file(path, new_raw, snapshot)
    except OSError as error:
        reason = error.strerror or str(error) or type(error).__name__
        result.fix_error = f"cannot write: {reason}; file left unchanged"
        result.fixed = 0
        return None
    return fixed.source


def check_paths(paths: list[str], job: Job) -> list[FileResult]:
    """A worker's chunk."""
    return [check_path(path, job) for path in paths]
