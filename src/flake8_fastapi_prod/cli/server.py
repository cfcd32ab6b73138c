"""``fastapi-prod server``: a language server over stdio (pygls).

Diagnostics for the buffer as it is typed (``didOpen`` / ``didChange``,
lightly debounced / ``didSave``), with facts from other modules read from
the workspace on disk. Each diagnostic carries its code, a link to the
rule's documentation and whether the fixer can fix it. Code actions: the
finding's quick fix (unsafe ones only with ``unsafeFixes``, and labelled),
``source.fixAll.fastapi-prod`` (the fixer on the whole buffer) and
"Disable FPxxx for this line" (``# noqa: FPxxx``, merged into an existing
``# noqa:`` list).

Settings: the workspace's configuration files (as ``fastapi-prod check``
reads them), overridden by the client's ``initializationOptions`` /
``workspace/didChangeConfiguration`` / ``workspace/configuration`` section
``fastapi-prod``. Positions: ``ast`` columns are UTF-8 bytes; they are sent
in the position encoding negotiated with the client (UTF-16 by default).
"""

from __future__ import annotations

import ast
import asyncio
import difflib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from flake8_fastapi_prod import __version__
from flake8_fastapi_prod.cli.lint import NOQA_INLINE, Diagnostic, lint_text
from flake8_fastapi_prod.cli.output import rule_url
from flake8_fastapi_prod.cli.settings import Settings, build_settings
from flake8_fastapi_prod.config import ConfigError
from flake8_fastapi_prod.context import analyze
from flake8_fastapi_prod.fix.engine import FixError, FixOptions, apply_fixes, fix_source
from flake8_fastapi_prod.registry import get_rule
from flake8_fastapi_prod.resolve import ModuleInfo, Project, tune_gc

NAME = "fastapi-prod"
FIX_ALL_KIND = "source.fixAll.fastapi-prod"
#: The shortest time between two lints of one buffer as it is typed: a
#: change is linted at once unless its buffer was linted less than this
#: ago, then when this has passed (one lint covers every change made
#: meanwhile). Continuous typing gets diagnostics at this rate instead of
#: none until a pause, and the server's CPU stays bounded.
DEBOUNCE_SECONDS = 0.1

log = logging.getLogger(NAME)

#: Client setting names (camelCase, as editors write them) -> config keys.
_CLIENT_KEYS = {
    "select": "select",
    "extendSelect": "extend-select",
    "ignore": "ignore",
    "extendIgnore": "extend-ignore",
    "perFileIgnores": "per-file-ignores",
    "unsafeFixes": "unsafe-fixes",
    "fastapiTargetVersion": "fastapi-target-version",
}


def client_config(values: Any) -> dict[str, Any]:
    """The client's settings in config-key form. Accepts ``{"settings":
    {...}}``, ``{"fastapi-prod": {...}}`` or the keys themselves, in
    camelCase or kebab-case."""
    if not isinstance(values, dict):
        return {}
    for wrapper in ("settings", NAME, "fastapiProd"):
        if isinstance(values.get(wrapper), dict):
            values = values[wrapper]
    result: dict[str, Any] = {}
    for key, value in values.items():
        if value is None:
            continue
        name = _CLIENT_KEYS.get(key) or re.sub(r"(?<!^)(?=[A-Z])", "-", key).lower().replace("_", "-")
        if name in _CLIENT_KEYS.values():
            result[name] = value
    return result


class DiskProject(Project):
    """The workspace's other modules, re-read when they change on disk."""

    #: Files change while the server runs: searched text is read each time,
    #: and so are folders' real paths and ``__init__.py`` files.
    TEXT_BUDGET = 0
    KEEP_FOLDER_FACTS = False

    def __init__(self) -> None:
        super().__init__()
        self._stamps: dict[str, tuple[int, int] | None] = {}

    def module_at(self, path: Path) -> ModuleInfo | None:
        key = str(path)
        try:
            stat = path.stat()
            stamp: tuple[int, int] | None = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            stamp = None
        if self._stamps.get(key, stamp) != stamp:
            self._modules.pop(key, None)
            self.facts.clear()  # a fact about one module may rest on this one
        self._stamps[key] = stamp
        return super().module_at(path)


# -- positions -------------------------------------------------------------------


def split_lines(text: str) -> list[str]:
    """Lines as LSP counts them (``\\n``, ``\\r\\n``, ``\\r``), with their endings."""
    parts = re.split(r"(\r\n|\r|\n)", text)
    lines = [parts[i] + parts[i + 1] for i in range(0, len(parts) - 1, 2)]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def units(text: str, encoding: str) -> int:
    """The length of ``text`` in the client's position units."""
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8"))
    if encoding == types.PositionEncodingKind.Utf32:
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def byte_col_to_units(line: str, byte_col: int, encoding: str) -> int:
    """An ``ast`` column (UTF-8 bytes) as a column in the client's units."""
    if encoding == types.PositionEncodingKind.Utf8:
        return byte_col
    prefix = line.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore")
    return units(prefix, encoding)


def _strip_eol(line: str) -> str:
    return line.rstrip("\r\n")


def lsp_range(diagnostic: Diagnostic, lines: Sequence[str], encoding: str) -> types.Range:
    def position(line: int, col: int) -> types.Position:
        text = _strip_eol(lines[line - 1]) if 0 < line <= len(lines) else ""
        return types.Position(line=max(0, line - 1), character=byte_col_to_units(text, col, encoding))

    return types.Range(
        start=position(diagnostic.line, diagnostic.col), end=position(diagnostic.end_line, diagnostic.end_col)
    )


def text_edits(old: str, new: str, encoding: str) -> list[types.TextEdit]:
    """The changed line ranges of ``old`` -> ``new`` as LSP edits."""
    old_lines, new_lines = split_lines(old), split_lines(new)

    def start_of(index: int) -> types.Position:
        if index < len(old_lines):
            return types.Position(line=index, character=0)
        if not old_lines:
            return types.Position(line=0, character=0)
        last = old_lines[-1]
        if last.endswith(("\n", "\r")):
            return types.Position(line=len(old_lines), character=0)
        return types.Position(line=len(old_lines) - 1, character=units(last, encoding))

    edits = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        edits.append(
            types.TextEdit(range=types.Range(start=start_of(i1), end=start_of(i2)), new_text="".join(new_lines[j1:j2]))
        )
    return edits


# -- noqa ------------------------------------------------------------------------


def with_noqa(line: str, code: str) -> str:
    """``line`` with ``code`` added to its ``# noqa:`` list, or a new one."""
    body = _strip_eol(line)
    ending = line[len(body) :]
    match = NOQA_INLINE.search(body)
    if match is not None and match.group("codes"):
        codes = [c for c in re.split(r"[,\s]+", match.group("codes")) if c]
        if code not in codes:
            codes.append(code)
        replacement = f"# noqa: {', '.join(codes)}"
        trailing = body[match.end() :]
        separator = " " if trailing and not trailing.startswith(" ") else ""
        return body[: match.start()] + replacement + separator + trailing + ending
    return f"{body.rstrip()}  # noqa: {code}{ending}"


# -- the server ------------------------------------------------------------------


@dataclass
class Linted:
    version: int | None
    text: str
    path: str
    settings: Settings
    diagnostics: list[Diagnostic]


class FastapiProdServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(NAME, __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.client_values: dict[str, Any] = {}
        self.project = DiskProject()
        self.settings_cache: dict[str, Settings] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.linted: dict[str, Linted] = {}
        self.debounce = DEBOUNCE_SECONDS
        #: When each buffer's last lint started (event loop time).
        self.last_lint: dict[str, float] = {}

    # settings

    def settings_for(self, path: str) -> Settings:
        directory = str(Path(path).parent)
        settings = self.settings_cache.get(directory)
        if settings is None:
            try:
                settings = build_settings(start=Path(directory), client=self.client_values, strict=False)
            except ConfigError as error:  # a bad editor setting: the files alone
                self.log(f"editor settings: {error}")
                settings = build_settings(start=Path(directory), strict=False)
            for problem in settings.run.config.problems:
                self.log(problem)
            self.settings_cache[directory] = settings
        return settings

    def settings_changed(self, values: dict[str, Any]) -> None:
        self.client_values = {**self.client_values, **values}
        self.settings_cache.clear()
        self.relint_all()

    def disk_changed(self) -> None:
        self.project = DiskProject()
        self.settings_cache.clear()
        self.relint_all()

    def log(self, message: str) -> None:
        self.window_log_message(types.LogMessageParams(type=types.MessageType.Warning, message=f"{NAME}: {message}"))

    # linting

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or types.PositionEncodingKind.Utf16)

    def lint(self, uri: str) -> Linted | None:
        document = self.workspace.get_text_document(uri)
        path = to_fs_path(uri) or uri
        text = document.source
        settings = self.settings_for(path)
        diagnostics, _ = lint_text(text, path, settings, project=self.project)
        linted = Linted(document.version, text, path, settings, diagnostics)
        self.linted[uri] = linted
        lines = split_lines(text)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri,
                version=document.version,
                diagnostics=[self.to_lsp(d, lines) for d in diagnostics],
            )
        )
        return linted

    def to_lsp(self, diagnostic: Diagnostic, lines: Sequence[str]) -> types.Diagnostic:
        known = get_rule(diagnostic.code) is not None
        return types.Diagnostic(
            range=lsp_range(diagnostic, lines, self.encoding),
            message=diagnostic.message,
            severity=types.DiagnosticSeverity.Warning if known else types.DiagnosticSeverity.Error,
            code=diagnostic.code,
            code_description=types.CodeDescription(href=rule_url(diagnostic.code)) if known else None,
            source=NAME,
            data={"fixable": diagnostic.applicable, "fix": diagnostic.fix, "noqaLine": diagnostic.noqa_line},
        )

    def schedule(self, uri: str, delay: float) -> None:
        """Lint ``uri`` soon: at once with ``delay`` 0 (open, settings,
        disk changes), else no sooner than ``delay`` after its last lint
        started. A lint already scheduled reads the buffer when it runs,
        so it covers this change too."""
        loop = asyncio.get_event_loop()
        task = self.pending.get(uri)
        if task is not None:
            if delay:
                return
            task.cancel()
        wait = max(0.0, self.last_lint.get(uri, -delay) + delay - loop.time()) if delay else 0.0

        async def run() -> None:
            await asyncio.sleep(wait)  # 0 still lets the messages already read (a burst of changes) in first
            self.pending.pop(uri, None)
            self.last_lint[uri] = loop.time()
            try:
                self.lint(uri)
            except Exception:  # never take the server down for one buffer
                log.exception("linting %s failed", uri)

        self.pending[uri] = asyncio.ensure_future(run())

    def relint_all(self) -> None:
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0)

    def current(self, uri: str) -> Linted | None:
        document = self.workspace.get_text_document(uri)
        linted = self.linted.get(uri)
        if linted is None or linted.version != document.version or linted.text != document.source:
            linted = self.lint(uri)
        return linted

    # code actions

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        linted = self.current(uri)
        if linted is None:
            return []
        only = params.context.only
        actions: list[types.CodeAction] = []
        wants_quickfix = _wanted(only, types.CodeActionKind.QuickFix)
        if wants_quickfix:
            start, end = params.range.start.line + 1, params.range.end.line + 1
            for diagnostic in linted.diagnostics:
                if diagnostic.is_error or diagnostic.end_line < start or diagnostic.line > end:
                    continue
                actions.extend(self.quick_fixes(uri, linted, diagnostic))
        if _wanted(only, FIX_ALL_KIND) and any(d.applicable for d in linted.diagnostics):
            action = self.fix_all(uri, linted)
            if action is not None:
                actions.append(action)
        return actions

    def quick_fixes(self, uri: str, linted: Linted, diagnostic: Diagnostic) -> list[types.CodeAction]:
        lines = split_lines(linted.text)
        lsp_diagnostic = self.to_lsp(diagnostic, lines)
        rule = get_rule(diagnostic.code)
        actions = []
        if diagnostic.fix is not None and (diagnostic.fix == "safe" or linted.settings.unsafe_fixes):
            fixed = fix_one(linted, diagnostic, self.project)
            if fixed is not None:
                name = rule.name if rule is not None else diagnostic.code
                title = f"Fix {diagnostic.code} ({name})"
                if diagnostic.fix == "unsafe":
                    title += " [unsafe fix: review the change]"
                actions.append(
                    types.CodeAction(
                        title=title,
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[lsp_diagnostic],
                        is_preferred=diagnostic.fix == "safe",
                        edit=self.workspace_edit(uri, linted.text, fixed),
                    )
                )
        number = diagnostic.noqa_line or diagnostic.line
        if 0 < number <= len(lines):
            updated = [*lines]
            updated[number - 1] = with_noqa(lines[number - 1], diagnostic.code)
            new_text = "".join(updated)
            if _parses(new_text):
                actions.append(
                    types.CodeAction(
                        title=f"Disable {diagnostic.code} for this line",
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[lsp_diagnostic],
                        edit=self.workspace_edit(uri, linted.text, new_text),
                    )
                )
        return actions

    def fix_all(self, uri: str, linted: Linted) -> types.CodeAction | None:
        options = FixOptions(linted.settings.selection_for(linted.path), linted.settings.unsafe_fixes)
        try:
            result = fix_source(linted.text, linted.path, options, project=self.project)
        except (FixError, SyntaxError, RecursionError) as error:
            log.info("fix all: %s", error)
            return None
        if not result.changed or result.source == linted.text:
            return None
        title = "Fix all safe FP findings"
        if linted.settings.unsafe_fixes:
            title = "Fix all FP findings (unsafe fixes included)"
        return types.CodeAction(
            title=title, kind=FIX_ALL_KIND, edit=self.workspace_edit(uri, linted.text, result.source)
        )

    def workspace_edit(self, uri: str, old: str, new: str) -> types.WorkspaceEdit:
        return types.WorkspaceEdit(changes={uri: text_edits(old, new, self.encoding)})


def _wanted(only: Sequence[str] | None, kind: str) -> bool:
    """Whether the client's ``only`` filter lets ``kind`` through (a
    filter names kinds by prefix: ``source`` covers ``source.fixAll.x``)."""
    if not only:
        return True
    return any(kind == wanted or kind.startswith(f"{wanted}.") for wanted in only)


def _parses(text: str) -> bool:
    try:
        ast.parse(text)
    except (SyntaxError, ValueError, RecursionError):
        return False
    return True


def fix_one(linted: Linted, diagnostic: Diagnostic, project: Project) -> str | None:
    """The buffer with one finding's fix applied (the fixer's own fix code)."""
    try:
        tree = ast.parse(linted.text, filename=linted.path)
    except (SyntaxError, ValueError, RecursionError):
        return None
    selection = linted.settings.selection_for(linted.path)
    for finding in analyze(tree, linted.path, selection, project=project):
        if (finding.code, finding.span.line, finding.span.col) != (diagnostic.code, diagnostic.line, diagnostic.col):
            continue
        try:
            updated, applied = apply_fixes(linted.text, [finding])
        except Exception:  # a fix that cannot apply here offers nothing
            log.exception("fix %s failed", diagnostic.code)
            return None
        if applied and updated != linted.text and _parses(updated):
            return updated
    return None


def create_server() -> FastapiProdServer:
    server = FastapiProdServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: FastapiProdServer, params: types.InitializeParams) -> None:
        ls.client_values = client_config(params.initialization_options)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: FastapiProdServer, params: types.InitializedParams) -> None:
        await pull_configuration(ls)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: FastapiProdServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: FastapiProdServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: FastapiProdServer, params: types.DidSaveTextDocumentParams) -> None:
        # Another open module may depend on what was just written to disk.
        ls.disk_changed()

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: FastapiProdServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.linted.pop(uri, None)
        ls.last_lint.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched(ls: FastapiProdServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.disk_changed()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(ls: FastapiProdServer, params: types.DidChangeConfigurationParams) -> None:
        values = client_config(params.settings)
        if values:
            ls.settings_changed(values)
        else:
            await pull_configuration(ls)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND]),
    )
    def code_action(ls: FastapiProdServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return ls.code_actions(params)

    return server


async def pull_configuration(ls: FastapiProdServer) -> None:
    """``workspace/configuration`` for section ``fastapi-prod``, when the
    client answers such requests."""
    capabilities = ls.client_capabilities.workspace
    if capabilities is None or not capabilities.configuration:
        ls.settings_changed({})
        return
    try:
        answer = await ls.workspace_configuration_async(
            types.ConfigurationParams(items=[types.ConfigurationItem(section=NAME)])
        )
    except Exception:  # a client that cannot answer keeps the settings it gave
        log.exception("workspace/configuration failed")
        answer = []
    values = client_config(answer[0]) if answer else {}
    ls.settings_changed(values)


def serve(log_file: str | None = None) -> int:
    if log_file:
        logging.basicConfig(filename=log_file, level=logging.INFO)
    tune_gc()  # a tree per lint: fewer full collections over the warm project
    create_server().start_io()
    return 0
