"""FP601's codemod, proven by running its output under the real FastAPI:
every startup side effect happens before the first request, every shutdown
side effect on exit, in the original order."""

from __future__ import annotations

import ast
import importlib
import re
import shutil
import subprocess
import sys
import tarfile
import warnings
import zipfile
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
        # -p no:asyncio: pytest-asyncio (pulled in by pytest-lsp, the server's
        # tests) warns at start-up without its ini option, an error under -W.
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:asyncio",
            *warning_filters,
            "test_fixed.py",
        ],
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


def test_handlers_registered_by_helper_functions(sandbox: Path) -> None:
    """``register_events(app)`` called in a factory, ``init_app(app)`` at
    module level: each helper's handlers become one lifespan given to the
    app it is called on, in their order."""
    source = (TESTDATA / "FP601_helpers.py").read_text(encoding="utf-8")
    twin = (TESTDATA / "FP601_helpers.py.fixed").read_text(encoding="utf-8")
    assert fixed(source, sandbox / "helpers.py", strict=False) == twin
    (sandbox / "helpers.py").write_text(twin, encoding="utf-8")
    module = load(sandbox / "helpers.py", "helpers", strict=False)
    calls = module.CALLS
    assert calls == []
    app = module.create_app()
    with TestClient(app) as client:
        assert calls == ["db open", "ready"] and app.state.ready is True
        assert client.get("/openapi.json").status_code == 200
        assert calls == ["db open", "ready"]
    assert calls == ["db open", "ready", "stopping", "db closed"]
    calls.clear()
    with TestClient(module.second) as client:
        assert calls == ["second up"] and module.second.state.name == "second"
        assert client.get("/openapi.json").status_code == 200
    assert calls == ["second up", "second flushed"]
    calls.clear()
    with TestClient(module.get_third()) as client:
        assert calls == ["third up"]
        assert client.get("/openapi.json").status_code == 200
    assert calls == ["third up", "third down"]
    calls.clear()
    fourth = module.get_fourth()
    with TestClient(fourth) as client:
        assert calls == ["fourth up"] and fourth.state.fourth is True
        assert client.get("/openapi.json").status_code == 200
    assert calls == ["fourth up"]
    calls.clear()
    fifth = module.build_two_helpers()
    with TestClient(fifth) as client:
        assert calls == ["fifth up"] and fifth.state.fifth is True
        assert client.get("/openapi.json").status_code == 200
    assert calls == ["fifth up", "fifth down"]


# -- FastAPI-template (s3rius/FastAPI-template on PyPI), a project generator --------------------------
#
# Its web/application.py builds the app in ``get_app()``; web/lifetime.py holds
# the handlers. Release 2.5.0 registers them in the factory with
# ``app.on_event("startup")(startup(app))``, ``startup(app)`` building the
# handler; 3.3.10 moved the registration into helpers,
# ``register_startup_event(app)`` / ``register_shutdown_event(app)``, called
# from the factory in the other module. The templates are rendered with every
# option off (a Jinja ``if`` without ``else`` keeps nothing).

_TAG = re.compile(r"\{%-?\s*(if|elif|else|endif)\b.*?-?%\}")
_TEMPLATE = "fastapi_template/template/{{cookiecutter.project_name}}/{{cookiecutter.project_name}}/"
_RENDERED = (
    "__init__.py",
    "web/__init__.py",
    "web/application.py",
    "web/lifetime.py",
    "web/api/__init__.py",
    "web/api/router.py",
    "web/api/monitoring/__init__.py",
    "web/api/monitoring/views.py",
)


def _render(text: str) -> str:
    """The template with every option off: only ``else`` branches stay."""
    out: list[str] = []
    stack: list[list[bool]] = []  # [active, a branch was taken]
    for line in text.splitlines(keepends=True):
        match = _TAG.search(line)
        if match is None:
            if all(active for active, _ in stack):
                out.append(line.replace("{{cookiecutter.project_name}}", "svc"))
            continue
        kind = match.group(1)
        if kind == "if":
            stack.append([False, False])
        elif kind == "elif":
            stack[-1][0] = False
        elif kind == "else":
            stack[-1] = [not stack[-1][1], True]
        else:
            stack.pop()
    return "".join(out).replace("{{cookiecutter.project_description}}", "svc")


def _fastapi_template(version: str, sandbox: Path) -> Path:
    wheel = CACHE / f"fastapi_template-{version}-py3-none-any.whl"
    if not wheel.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:", "-q", "-d"]
        try:
            done = subprocess.run(
                [*command, str(CACHE), f"fastapi-template=={version}"], capture_output=True, timeout=300, check=False
            )
        except (OSError, subprocess.TimeoutExpired):
            pytest.skip(f"cannot download fastapi-template=={version}")
        if done.returncode != 0 or not wheel.exists():
            pytest.skip(f"cannot download fastapi-template=={version} (offline?)")
    package = sandbox / "svc"
    with zipfile.ZipFile(wheel) as archive:
        for name in _RENDERED:
            target = package / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_render(archive.read(_TEMPLATE + name).decode("utf-8")), encoding="utf-8")
    # The generated project's settings (pydantic-settings) and its installed metadata.
    (package / "settings.py").write_text("settings = None\n", encoding="utf-8")
    info = sandbox / "svc-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: svc\nVersion: 0.1.0\n", encoding="utf-8")
    return package


def _instrument(lifetime: Path) -> None:
    """Each handler's ``pass`` records that it ran."""
    source = lifetime.read_text(encoding="utf-8")
    for handler in ("_startup", "_shutdown"):
        head = f"async def {handler}() -> None:  # noqa: WPS430\n        pass  # noqa: WPS420\n"
        assert head in source
        source = source.replace(head, head.replace("pass", f"EVENTS.append({handler[1:]!r})"))
    lifetime.write_text("EVENTS: list[str] = []\n" + source, encoding="utf-8")


def test_fastapi_template_factory_with_handlers_from_another_module(sandbox: Path) -> None:
    package = _fastapi_template("2.5.0", sandbox)
    _instrument(package / "web" / "lifetime.py")
    application = package / "web" / "application.py"
    source = application.read_text(encoding="utf-8")
    assert 'app.on_event("startup")(startup(app))' in source
    application.write_text(fixed(source, application), encoding="utf-8")
    main = load(application, "svc.web.application")
    events = importlib.import_module("svc.web.lifetime").EVENTS
    app = main.get_app()
    assert events == []
    with TestClient(app) as client:
        assert events == ["startup"]
        assert client.get("/api/openapi.json").status_code == 200
        assert events == ["startup"]
    assert events == ["startup", "shutdown"]


def test_fastapi_template_helpers_called_from_another_module(sandbox: Path) -> None:
    """3.3.10: ``register_startup_event(app)`` / ``register_shutdown_event(app)``
    in lifetime.py, called by ``get_app()`` in application.py. Only lifetime.py
    changes: each helper includes an ``APIRouter(lifespan=...)`` holding its
    handlers, which FastAPI merges into the app's lifespan."""
    package = _fastapi_template("3.3.10", sandbox)
    lifetime = package / "web" / "lifetime.py"
    _instrument(lifetime)
    source = lifetime.read_text(encoding="utf-8")
    assert "def register_startup_event(app: FastAPI)" in source and '@app.on_event("startup")' in source
    lifetime.write_text(fixed(source, lifetime), encoding="utf-8")
    application = package / "web" / "application.py"
    untouched = application.read_text(encoding="utf-8")
    assert not fix_source(
        untouched, str(application), FixOptions(Selection(select=("FP601",))), project=Project()
    ).fixed
    main = load(application, "svc.web.application")
    events = importlib.import_module("svc.web.lifetime").EVENTS
    app = main.get_app()
    assert events == []
    with TestClient(app) as client:
        assert events == ["startup"]
        assert client.get("/api/openapi.json").status_code == 200
        assert events == ["startup"]
    assert events == ["startup", "shutdown"]


def test_helpers_called_from_another_module_of_the_project(sandbox: Path) -> None:
    project = TESTDATA / "FP601_helpers_project"
    shutil.copytree(project, sandbox, dirs_exist_ok=True)
    lifetime = sandbox / "app" / "core" / "lifetime.py"
    twin = (project / "app" / "core" / "lifetime.py.fixed").read_text(encoding="utf-8")
    assert fixed(lifetime.read_text(encoding="utf-8"), lifetime) == twin
    lifetime.write_text(twin, encoding="utf-8")
    for leftover in sandbox.rglob("*.fixed"):
        leftover.unlink()
    service = load(sandbox / "app" / "service.py", "app.service")
    calls = importlib.import_module("app.core.db").CALLS
    app = service.get_app()
    with TestClient(app) as client:
        assert calls == ["db open", "ready"] and app.state.ready is True
        assert client.get("/openapi.json").status_code == 200
        assert calls == ["db open", "ready"]
    assert calls == ["db open", "ready", "stopping", "db closed"]
