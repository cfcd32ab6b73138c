"""FP601's codemod, proven by running its output under the real FastAPI:
every startup side effect happens before the first request, every shutdown
side effect on exit, in the original order."""

from __future__ import annotations

import ast
import importlib
import shutil
import subprocess
import sys
import tarfile
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from flake8_fastapi_prod.fix.engine import FixOptions, fix_source
from flake8_fastapi_prod.registry import Selection
from flake8_fastapi_prod.resolve import Project

fastapi = pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

TESTDATA = Path(__file__).resolve().parent.parent / "testdata"
CACHE = Path(__file__).resolve().parent.parent / ".cache" / "pypi"
#: A release whose sources still use ``on_event`` (docs_src and its tests).
PINNED = "fastapi==0.110.0"
SDIST = "fastapi-0.110.0.tar.gz"


def fixed(source: str, path: Path, *, strict: bool = True) -> str:
    result = fix_source(source, str(path), FixOptions(Selection(select=("FP601",))), project=Project())
    assert result.fixed, "the codemod changed nothing"
    if not strict:
        return result.source
    tree = ast.parse(result.source)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr in ("on_event", "add_event_handler")]
    assert not calls, "a registration was left behind"
    return result.source


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.chdir(tmp_path)
    before = set(sys.modules)
    yield tmp_path
    for name in set(sys.modules) - before:
        del sys.modules[name]


def load(path: Path, name: str, *, strict: bool = True) -> ModuleType:
    with warnings.catch_warnings():
        if strict:
            warnings.simplefilter("error", DeprecationWarning)  # on_event would warn
        warnings.filterwarnings("ignore", message=".*httpx.*")
        return importlib.import_module(name)


REPEAT_EVERY = """
import functools

STARTED = []


def repeat_every(*, seconds):
    def decorator(func):
        @functools.wraps(func)
        async def wrapped():
            STARTED.append(func.__name__)
            func()

        return wrapped

    return decorator
"""


def test_module_level_app(sandbox: Path) -> None:
    source = (TESTDATA / "FP601.py").read_text(encoding="utf-8")
    # fastapi-utils' repeat_every makes an async wrapper that starts the loop.
    (sandbox / "fastapi_utils").mkdir()
    (sandbox / "fastapi_utils" / "__init__.py").write_text("", encoding="utf-8")
    (sandbox / "fastapi_utils" / "tasks.py").write_text(REPEAT_EVERY, encoding="utf-8")
    # The file also holds apps the codemod must leave alone (see its # OK part).
    (sandbox / "svc.py").write_text(fixed(source, sandbox / "svc.py", strict=False), encoding="utf-8")
    module = load(sandbox / "svc.py", "svc", strict=False)
    app = module.app
    assert not hasattr(app.state, "pool")
    with TestClient(app) as client:
        assert app.state.pool == "pool" and app.state.settings == {"debug": False}
        assert importlib.import_module("fastapi_utils.tasks").STARTED == ["refresh"]
        assert client.get("/openapi.json").status_code == 200
    assert app.state.pool is None


def test_factory_handlers_from_other_modules_and_router(sandbox: Path) -> None:
    project = TESTDATA / "FP601_project"
    shutil.copytree(project, sandbox, dirs_exist_ok=True)
    for original in project.rglob("*.py"):
        twin = original.with_name(original.name + ".fixed")
        target = sandbox / original.relative_to(project)
        if twin.exists():
            assert fixed(original.read_text(encoding="utf-8"), target) == twin.read_text(encoding="utf-8")
            target.write_text(twin.read_text(encoding="utf-8"), encoding="utf-8")
    for leftover in sandbox.rglob("*.fixed"):
        leftover.unlink()
    main = load(sandbox / "app" / "main.py", "app.main")
    calls = importlib.import_module("app.events").CALLS
    assert calls == []
    with TestClient(main.app) as client:
        startup = ["db open", "remembered", "models", "router up"]
        assert calls == startup
        assert main.app.state.started is True
        # The first request sees every startup effect.
        assert client.get("/items/").json() == startup
    # On exit: the router's lifespan closes first (it is nested in the app's),
    # then the app's shutdown handlers in their order. Before the fix, on
    # FastAPI 0.115.12 (the last with add_event_handler), the router's
    # handlers ran a second time from the app's copy: the codemod keeps the
    # order and drops the duplicate.
    assert calls == [*startup, "router down", "stop", "db closed"]
    assert main.app.state.stopped is True


def _pinned_sdist() -> Path:
    CACHE.mkdir(parents=True, exist_ok=True)
    archive = CACHE / SDIST
    if not archive.exists():
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "-q", "-d"]
        try:
            done = subprocess.run([*command, str(CACHE), PINNED], capture_output=True, timeout=300, check=False)
        except (OSError, subprocess.TimeoutExpired):
            pytest.skip(f"cannot download {PINNED}")
        if done.returncode != 0 or not archive.exists():
            pytest.skip(f"cannot download {PINNED} (offline?)")
    return archive


def _member(archive: Path, name: str) -> str:
    with tarfile.open(archive) as sdist:
        member = sdist.extractfile(f"fastapi-0.110.0/{name}")
        assert member is not None
        return member.read().decode("utf-8")


@pytest.mark.parametrize("tutorial", ["tutorial001", "tutorial002"])
def test_pinned_release_tutorials(sandbox: Path, tutorial: str) -> None:
    source = _member(_pinned_sdist(), f"docs_src/events/{tutorial}.py")
    assert "on_event" in source
    (sandbox / f"{tutorial}.py").write_text(fixed(source, sandbox / f"{tutorial}.py"), encoding="utf-8")
    module = load(sandbox / f"{tutorial}.py", tutorial)
    log = sandbox / "log.txt"
    with TestClient(module.app) as client:
        if tutorial == "tutorial001":
            assert client.get("/items/foo").json() == {"name": "Fighters"}
        else:
            assert client.get("/items/").status_code == 200
            assert not log.exists()
    if tutorial == "tutorial002":
        assert log.read_text() == "Application shutdown"


@pytest.mark.parametrize(
    "member",
    [
        # The release's tests of app, router and sub-router events: one
        # function builds an app and two routers, each with startup and
        # shutdown handlers (the file's other tests use lifespans already).
        "tests/test_router_events.py",
        # A docs app with its own test of a startup handler.
        "docs_src/app_testing/tutorial003.py",
    ],
)
def test_pinned_release_own_tests_pass_on_the_fixed_code(sandbox: Path, member: str) -> None:
    source = _member(_pinned_sdist(), member)
    tree = ast.parse(source)
    keep = [
        node
        for node in tree.body
        if not (isinstance(node, ast.FunctionDef) and node.name.startswith("test_") and node.name != _KEPT_TEST[member])
    ]
    source = ast.unparse(ast.Module(body=keep, type_ignores=[]))
    (sandbox / "test_fixed.py").write_text(fixed(source, sandbox / "test_fixed.py"), encoding="utf-8")
    warning_filters = ["-W", "error::DeprecationWarning", "-W", "ignore:.*httpx.*"]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *warning_filters, "test_fixed.py"],
        capture_output=True,
        text=True,
        cwd=sandbox,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert " passed" in done.stdout


_KEPT_TEST = {
    "tests/test_router_events.py": "test_router_events",
    "docs_src/app_testing/tutorial003.py": "test_read_items",
}
