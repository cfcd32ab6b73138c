"""``fastapi-prod server`` end to end: a real LSP client (pytest-lsp) talks
to the server over stdio; nothing here calls a handler directly."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from flake8_fastapi_prod.fix.cli import main as fix_main

pytestmark = pytest.mark.asyncio(loop_scope="function")

# An astral character (2 UTF-16 units, 4 UTF-8 bytes) and an accented one
# before the finding on the same line: columns must be converted.
NON_ASCII = 'import time\n\n\nasync def handler():\n    label = "h\u00e9 \U0001d11e"; time.sleep(1)\n    return label\n'

MANY = (
    "import asyncio\n"
    "import time\n\n\n"
    "async def first():\n"
    "    time.sleep(1)\n"
    "    loop = asyncio.get_event_loop()\n"
    "    return loop\n\n\n"
    "async def second():\n"
    "    time.sleep(2)  # noqa: FP999\n"
)

UNSAFE = (
    "from sqlalchemy.ext.asyncio import create_async_engine\n\n"
    "engine = create_async_engine('postgresql+asyncpg://h/db', echo=True)\n"
)


def server_command() -> list[str]:
    return [sys.executable, "-m", "flake8_fastapi_prod.cli", "server"]


@pytest_lsp.fixture(config=ClientServerConfig(server_command=server_command()))
async def client(lsp_client: LanguageClient, tmp_path: Path) -> Any:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'svc'\n", encoding="utf-8")
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=tmp_path.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=tmp_path.as_uri(), name="svc")],
            initialization_options={"settings": {"unsafeFixes": False}},
        )
    )
    yield
    await lsp_client.shutdown_session()


async def open_file(client: LanguageClient, path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.diagnostics.pop(uri, None)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)
        )
    )
    await wait_for_diagnostics(client, uri)
    return uri


async def wait_for_diagnostics(client: LanguageClient, uri: str, timeout: float = 20) -> list[types.Diagnostic]:
    async def poll() -> list[types.Diagnostic]:
        while uri not in client.diagnostics:
            await asyncio.sleep(0.02)
        return list(client.diagnostics[uri])

    return await asyncio.wait_for(poll(), timeout)


async def wait_for_codes(client: LanguageClient, uri: str, codes: list[str], timeout: float = 20) -> None:
    """Until the latest diagnostics of ``uri`` have these codes (a relint
    already under way may publish the previous answer first)."""

    async def poll() -> None:
        while sorted(d.code for d in client.diagnostics.get(uri, [])) != codes:  # type: ignore[type-var]
            await asyncio.sleep(0.02)

    await asyncio.wait_for(poll(), timeout)


def offset(text: str, position: types.Position) -> int:
    """A UTF-16 LSP position as an index into ``text``."""
    lines = text.splitlines(keepends=True)
    start = sum(len(line) for line in lines[: position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    units = 0
    for index, char in enumerate(line):
        if units >= position.character:
            return start + index
        units += 2 if ord(char) > 0xFFFF else 1
    return start + len(line.rstrip("\r\n")) if units < position.character else start + len(line)


def apply_edit(text: str, uri: str, edit: types.WorkspaceEdit | None) -> str:
    assert edit is not None and edit.changes is not None
    edits = sorted(edit.changes[uri], key=lambda e: (e.range.start.line, e.range.start.character), reverse=True)
    for change in edits:
        text = text[: offset(text, change.range.start)] + change.new_text + text[offset(text, change.range.end) :]
    return text


async def actions(client: LanguageClient, uri: str, line: int, only: list[str] | None = None) -> list[types.CodeAction]:
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(line=line, character=0), end=types.Position(line=line, character=0)),
            context=types.CodeActionContext(diagnostics=[], only=only),
        )
    )
    return [a for a in result or [] if isinstance(a, types.CodeAction)]


def fixer_output(tmp_path: Path, name: str, text: str, *extra: str) -> str:
    copy = tmp_path / "fixer" / name
    copy.parent.mkdir(exist_ok=True)
    copy.write_text(text, encoding="utf-8")
    fix_main([*extra, "-q", str(copy)])
    return copy.read_text(encoding="utf-8")


async def test_diagnostics_have_code_link_fixability_and_utf16_columns(client: LanguageClient, tmp_path: Path) -> None:
    uri = await open_file(client, tmp_path / "app.py", NON_ASCII)
    (diagnostic,) = await wait_for_diagnostics(client, uri)
    assert diagnostic.code == "FP101" and diagnostic.source == "fastapi-prod"
    assert diagnostic.code_description is not None and "fp101" in diagnostic.code_description.href
    assert diagnostic.data == {"fixable": True, "fix": "safe", "noqaLine": 5}
    line = NON_ASCII.splitlines()[4]
    expected = len(line[: line.index("time.sleep")].encode("utf-16-le")) // 2
    assert diagnostic.range.start == types.Position(line=4, character=expected)
    assert diagnostic.range.end.character == expected + len("time.sleep(1)")


async def test_quick_fix_equals_the_fixer(client: LanguageClient, tmp_path: Path) -> None:
    uri = await open_file(client, tmp_path / "app.py", NON_ASCII)
    found = await actions(client, uri, 4)
    titles = [a.title for a in found]
    assert "Fix FP101 (time-sleep-in-async)" in titles and "Disable FP101 for this line" in titles
    quick = next(a for a in found if a.title.startswith("Fix FP101"))
    assert quick.kind == types.CodeActionKind.QuickFix and quick.is_preferred
    assert apply_edit(NON_ASCII, uri, quick.edit) == fixer_output(tmp_path, "app.py", NON_ASCII)


async def test_fix_all_equals_the_fixer_and_noqa_merges(client: LanguageClient, tmp_path: Path) -> None:
    uri = await open_file(client, tmp_path / "many.py", MANY)
    diagnostics = await wait_for_diagnostics(client, uri)
    assert sorted(d.code for d in diagnostics) == ["FP101", "FP101", "FP105"]
    (fix_all,) = await actions(client, uri, 0, only=["source.fixAll"])
    assert fix_all.kind == "source.fixAll.fastapi-prod" and fix_all.title == "Fix all safe FP findings"
    assert apply_edit(MANY, uri, fix_all.edit) == fixer_output(tmp_path, "many.py", MANY)
    disable = next(a for a in await actions(client, uri, 11) if a.title.startswith("Disable"))
    assert apply_edit(MANY, uri, disable.edit).splitlines()[11] == "    time.sleep(2)  # noqa: FP999, FP101"


async def test_unsaved_changes_are_linted_and_cross_module_facts_come_from_disk(
    client: LanguageClient, tmp_path: Path
) -> None:
    package = tmp_path / "svc"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "db.py").write_text(
        "from typing import Annotated\nfrom fastapi import Depends\n"
        "from sqlalchemy.ext.asyncio import AsyncSession\n\n\n"
        "async def get_db():\n    yield None\n\nDb = Annotated[AsyncSession, Depends(get_db)]\n",
        encoding="utf-8",
    )
    text = "from svc.db import Db\n\n\nasync def save(session: Db):\n    await session.commit()\n"
    uri = await open_file(client, package / "routes.py", text)
    await wait_for_codes(client, uri, [])
    changed = text.replace("await session.commit()", "session.commit()")
    client.diagnostics.pop(uri)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=changed)],
        )
    )
    # The buffer, not the file on disk; the session type from svc/db.py.
    await wait_for_codes(client, uri, ["FP201"])


async def test_unsafe_fixes_only_when_enabled_by_the_client(client: LanguageClient, tmp_path: Path) -> None:
    uri = await open_file(client, tmp_path / "engine.py", UNSAFE)
    (diagnostic,) = await wait_for_diagnostics(client, uri)
    assert diagnostic.code == "FP206" and diagnostic.data["fix"] == "unsafe" and not diagnostic.data["fixable"]
    assert [a.title for a in await actions(client, uri, 2)] == ["Disable FP206 for this line"]
    client.diagnostics.pop(uri)
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"fastapi-prod": {"unsafeFixes": True}})
    )

    async def fixable() -> None:
        while not [d for d in client.diagnostics.get(uri, []) if d.data["fixable"]]:
            await asyncio.sleep(0.02)

    await asyncio.wait_for(fixable(), 20)
    quick = next(a for a in await actions(client, uri, 2) if a.title.startswith("Fix FP206"))
    assert "unsafe" in quick.title and not quick.is_preferred
    expected = fixer_output(tmp_path, "engine.py", UNSAFE, "--unsafe-fixes")
    assert apply_edit(UNSAFE, uri, quick.edit) == expected


async def test_workspace_config_and_client_settings(client: LanguageClient, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.fastapi-prod]\nignore = ["FP101"]\n', encoding="utf-8")
    uri = await open_file(client, tmp_path / "cfg.py", MANY)
    await wait_for_codes(client, uri, ["FP105"])
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"fastapi-prod": {"ignore": ["FP105"]}})
    )
    # The client's ignore replaces the file's, as --ignore does on the command line.
    await wait_for_codes(client, uri, ["FP101", "FP101"])


@pytest_lsp.fixture(config=ClientServerConfig(server_command=server_command()))
async def utf8_client(lsp_client: LanguageClient, tmp_path: Path) -> Any:
    """A client that prefers UTF-8 positions and sets ``ignore`` in its
    initialization options (the keys given directly, kebab-case)."""
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'svc'\n", encoding="utf-8")
    capabilities = client_capabilities("visual-studio-code")
    capabilities.general = types.GeneralClientCapabilities(
        position_encodings=[types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16]
    )
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities, root_uri=tmp_path.as_uri(), initialization_options={"ignore": ["FP105"]}
        )
    )
    yield
    await lsp_client.shutdown_session()


async def test_utf8_positions_and_initialization_options(utf8_client: LanguageClient, tmp_path: Path) -> None:
    uri = await open_file(utf8_client, tmp_path / "app.py", NON_ASCII)
    (diagnostic,) = await wait_for_diagnostics(utf8_client, uri)
    line = NON_ASCII.splitlines()[4]
    expected = len(line[: line.index("time.sleep")].encode("utf-8"))
    assert diagnostic.range.start == types.Position(line=4, character=expected)
    many = await open_file(utf8_client, tmp_path / "many.py", MANY)
    await wait_for_codes(utf8_client, many, ["FP101", "FP101"])  # FP105 ignored by the client


async def test_settings_pulled_with_workspace_configuration(client: LanguageClient, tmp_path: Path) -> None:
    uri = await open_file(client, tmp_path / "many.py", MANY)
    await wait_for_codes(client, uri, ["FP101", "FP101", "FP105"])
    client.set_configuration({"ignore": ["FP101"]}, section="fastapi-prod")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    await wait_for_codes(client, uri, ["FP105"])


async def test_syntax_error_and_close(client: LanguageClient, tmp_path: Path) -> None:
    uri = await open_file(client, tmp_path / "bad.py", "def f(:\n")
    (diagnostic,) = await wait_for_diagnostics(client, uri)
    assert diagnostic.code == "E999" and diagnostic.severity == types.DiagnosticSeverity.Error
    assert await actions(client, uri, 0) == []
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    await wait_for_codes(client, uri, [])


async def test_changes_are_linted_at_once_then_at_most_every_debounce() -> None:
    """A change after a pause is linted at once; changes that follow within
    the interval are linted together, once, when it has passed."""
    from flake8_fastapi_prod.cli.server import FastapiProdServer

    server = FastapiProdServer()
    starts: list[float] = []

    loop = asyncio.get_event_loop()
    server.lint = lambda uri: starts.append(loop.time())  # type: ignore[method-assign,assignment,return-value]
    server.debounce = 0.2
    server.schedule("file:///a.py", server.debounce)
    await asyncio.sleep(0.01)
    assert len(starts) == 1  # at once
    server.schedule("file:///a.py", server.debounce)
    server.schedule("file:///a.py", server.debounce)  # coalesced with the one before
    await asyncio.sleep(0.1)
    assert len(starts) == 1
    await asyncio.sleep(0.2)
    assert len(starts) == 2 and starts[1] - starts[0] >= 0.19
    server.schedule("file:///a.py", 0)  # open / settings: at once
    await asyncio.sleep(0.01)
    assert len(starts) == 3
