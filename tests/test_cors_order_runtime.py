"""FP604's fix, proven under the real FastAPI: after it, a response from
another middleware carries the CORS headers; before it, it does not."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from flake8_fastapi_prod.fix.engine import FixOptions, fix_source
from flake8_fastapi_prod.registry import Selection
from flake8_fastapi_prod.resolve import Project

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

SOURCE = """
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.middleware import Middleware
from starlette.responses import JSONResponse


class Deny:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            return await JSONResponse({"detail": "no"}, status_code=401)(scope, receive, send)
        await self.app(scope, receive, send)


added = FastAPI()
added.add_middleware(CORSMiddleware, allow_origins=["*"])
added.add_middleware(Deny)

listed = FastAPI(middleware=[Middleware(Deny), Middleware(CORSMiddleware, allow_origins=["*"])])
"""


def run(source: str) -> dict[str, str | None]:
    from fastapi.testclient import TestClient

    namespace: dict[str, object] = {}
    exec(compile(source, "app.py", "exec"), namespace)
    seen: dict[str, str | None] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in ("added", "listed"):
            response = TestClient(namespace[name]).get("/", headers={"Origin": "https://a.example"})  # type: ignore[arg-type]
            assert response.status_code == 401
            seen[name] = response.headers.get("access-control-allow-origin")
    return seen


def test_fix_makes_cors_outermost(tmp_path: Path) -> None:
    assert run(SOURCE) == {"added": None, "listed": None}
    options = FixOptions(Selection(select=("FP604",)), unsafe_fixes=True)
    result = fix_source(SOURCE, str(tmp_path / "app.py"), options, project=Project())
    assert len(result.fixed) == 2
    assert run(result.source) == {"added": "*", "listed": "*"}


TWO = """
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.middleware import Middleware
from starlette.responses import JSONResponse


class Deny:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            return await JSONResponse({"detail": "no"}, status_code=401)(scope, receive, send)
        await self.app(scope, receive, send)


added = FastAPI()
added.add_middleware(CORSMiddleware, allow_origins=["https://a.example"], max_age=1)
added.add_middleware(CORSMiddleware, allow_origins=["https://b.example"], max_age=2)
added.add_middleware(Deny)

listed = FastAPI(
    middleware=[
        Middleware(Deny),
        Middleware(CORSMiddleware, allow_origins=["https://a.example"], max_age=1),
        Middleware(CORSMiddleware, allow_origins=["https://b.example"], max_age=2),
    ]
)
"""


def run_two(source: str) -> dict[str, tuple[str | None, str | None]]:
    """Per app: the CORS header on the 401, and which CORS configuration
    answered the preflight (its max-age)."""
    from fastapi.testclient import TestClient

    namespace: dict[str, object] = {}
    exec(compile(source, "app.py", "exec"), namespace)
    seen: dict[str, tuple[str | None, str | None]] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in ("added", "listed"):
            client = TestClient(namespace[name])  # type: ignore[arg-type]
            denied = client.get("/", headers={"Origin": "https://b.example"})
            assert denied.status_code == 401
            preflight = client.options(
                "/", headers={"Origin": "https://b.example", "Access-Control-Request-Method": "GET"}
            )
            seen[name] = (
                denied.headers.get("access-control-allow-origin"),
                preflight.headers.get("access-control-max-age"),
            )
    return seen


def test_fix_of_two_cors_middlewares_keeps_which_one_answers_preflights(tmp_path: Path) -> None:
    """Before: the 401 has no CORS header (a 401 for the preflight too, which
    Deny answers). After: both CORS middlewares are outside Deny, in their
    order: the 401 carries the header and the preflight is answered by the
    configuration that was outermost of the two (max-age 2 added last,
    max-age 1 listed first)."""
    assert run_two(TWO) == {"added": (None, None), "listed": (None, None)}
    options = FixOptions(Selection(select=("FP604",)), unsafe_fixes=True)
    result = fix_source(TWO, str(tmp_path / "app.py"), options, project=Project())
    assert not result.remaining
    assert run_two(result.source) == {"added": ("https://b.example", "2"), "listed": ("https://b.example", "1")}
