"""The FP701 / FP702 / FP707 fixes, proven by running them: each ``.fixed``
test file is imported under the real FastAPI and slowapi, and its endpoints
are called until slowapi answers 429 (with the rate-limit headers where the
limiter enables them). The unfixed files show the failure each rule names."""

from __future__ import annotations

import importlib.util
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

pytest.importorskip("slowapi")
pytest.importorskip("httpx")

from fastapi import Request
from fastapi.testclient import TestClient
from slowapi import _rate_limit_exceeded_handler
from slowapi.errors import RateLimitExceeded

TESTDATA = Path(__file__).resolve().parent.parent / "testdata"
PROJECT = TESTDATA / "FP7xx_project"


def load(path: Path, name: str | None = None) -> ModuleType:
    name = name or f"fp7_{path.name.replace('.', '_')}_{uuid.uuid4().hex[:8]}"
    spec = importlib.util.spec_from_loader(name, loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), module.__dict__)
    return module


def client_for(module: ModuleType, app_name: str = "app") -> TestClient:
    app = getattr(module, app_name)
    app.add_exception_handler(RateLimitExceeded, _rate_limit_exceeded_handler)
    return TestClient(app, raise_server_exceptions=False)


def statuses(client: TestClient, method: str, path: str, times: int, **kwargs: object) -> list[int]:
    return [client.request(method, path, **kwargs).status_code for _ in range(times)]  # type: ignore[arg-type]


def test_fp701_unfixed_raises_at_import() -> None:
    with pytest.raises(Exception, match='No "request" or "websocket" argument on function'):
        load(TESTDATA / "FP701.py")


def test_fp701_fixed_imports_and_limits() -> None:
    module = load(TESTDATA / "FP701.py.fixed")
    client = client_for(module)
    assert statuses(client, "GET", "/items", 6) == [200] * 5 + [429]
    assert statuses(client, "GET", "/untyped", 6) == [200] * 5 + [429]
    router_app = module.app
    router_app.include_router(module.router)
    assert statuses(client, "POST", "/items?name=a", 11) == [200] * 10 + [429]


def test_fp702_unfixed_never_limits() -> None:
    module = load(TESTDATA / "FP702.py")
    module.app.include_router(module.router)
    client = client_for(module)
    assert statuses(client, "POST", "/login", 7) == [200] * 7


def test_fp702_fixed_limits() -> None:
    module = load(TESTDATA / "FP702.py.fixed")
    module.app.include_router(module.router)
    client = client_for(module)
    assert statuses(client, "POST", "/login", 6) == [200] * 5 + [429]
    assert statuses(client, "GET", "/v1/search", 31) == [200] * 30 + [429]
    assert statuses(client, "GET", "/v1/report", 6) == [200] * 5 + [429]
    assert statuses(client, "GET", "/v1/stacked", 11) == [200] * 10 + [429]
    assert statuses(client, "GET", "/v1/two-limiters", 6) == [200] * 5 + [429]


def test_fp707_unfixed_fails_after_the_body() -> None:
    module = load(TESTDATA / "FP707.py")
    client = client_for(module)
    assert statuses(client, "GET", "/items", 2) == [500, 500]


def test_fp707_fixed_returns_headers() -> None:
    module = load(TESTDATA / "FP707.py.fixed")
    client = client_for(module)
    for path in ("/items", "/page", "/state", "/built"):
        first = client.get(path)
        assert first.status_code == 200, path
        assert first.headers["x-ratelimit-limit"] == "5"
        assert first.headers["x-ratelimit-remaining"] == "4"
        assert "retry-after" in first.headers
        assert statuses(client, "GET", path, 5) == [200] * 4 + [429]


@pytest.fixture
def project_on_path() -> Iterator[None]:
    sys.path.insert(0, str(PROJECT))
    before = set(sys.modules)
    try:
        yield
    finally:
        sys.path.remove(str(PROJECT))
        for name in set(sys.modules) - before:
            if name == "app" or name.startswith("app."):
                del sys.modules[name]


def test_project_fixed_router_module(project_on_path: None) -> None:
    from app.core.limiter import limiter  # type: ignore[import-not-found]
    from fastapi import FastAPI

    routes = load(PROJECT / "app" / "api" / "routes" / "auth.py.fixed", "app.api.routes.auth_fixed")
    app = FastAPI()
    app.state.limiter = limiter
    app.include_router(routes.router)
    app.add_exception_handler(RateLimitExceeded, _rate_limit_exceeded_handler)
    client = TestClient(app, raise_server_exceptions=False)
    login = [client.post("/auth/login?username=a&password=b") for _ in range(6)]
    assert [r.status_code for r in login] == [200] * 5 + [429]
    assert login[0].headers["x-ratelimit-limit"] == "5"
    assert statuses(client, "POST", "/auth/register?username=a", 4) == [200] * 3 + [429]
    assert statuses(client, "POST", "/auth/refresh?token=t", 11) == [200] * 10 + [429]
    # headers_enabled through a constant of another module: on, so the
    # fixed endpoint carries the headers.
    profile = client.get("/auth/profile")
    assert profile.status_code == 200
    assert profile.headers["x-ratelimit-limit"] == "10"


def test_project_unfixed_constant_enables_headers(project_on_path: None) -> None:
    """FP707 through ``headers_enabled=RATE_LIMIT_HEADERS``: slowapi reads the
    constant's True and fails after the body of the endpoint without a
    Response; the settings-driven limiter (not followed) is what it is."""
    from app.core.limiter import headers_limiter, settings_limiter  # type: ignore[import-not-found]
    from fastapi import FastAPI

    # auth.py itself does not import (FP701's login): its two endpoints, as written there.
    app = FastAPI()

    @app.get("/profile")
    @headers_limiter.limit("10/minute")
    async def profile(request: Request) -> dict[str, str]:
        return {"name": "a"}

    @app.get("/preferences")
    @settings_limiter.limit("10/minute")
    async def preferences(request: Request) -> dict[str, str]:
        return {"theme": "dark"}

    client = TestClient(app, raise_server_exceptions=False)
    assert client.get("/profile").status_code == 500
    # The settings default is True here too: at run time it fails the same
    # way, which is why the rule's docs say it is not followed (a deployed
    # environment may turn it off), not that it is harmless.
    assert client.get("/preferences").status_code == 500
