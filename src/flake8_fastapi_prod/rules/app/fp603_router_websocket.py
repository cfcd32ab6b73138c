from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, Gate, Rule, target_below
from flake8_fastapi_prod.rules.app.common import API_ROUTER, owner_type

WEBSOCKET_METHODS = frozenset({"websocket", "websocket_route", "add_api_websocket_route", "add_websocket_route"})


class RouterWebSocket(Rule):
    """A WebSocket route on an `APIRouter` on a FastAPI older than 0.75.2.

    ## What it does
    Flags `@router.websocket(...)`, `@router.websocket_route(...)`,
    `router.add_api_websocket_route(...)` and `router.add_websocket_route(...)`
    on an `APIRouter` when the project targets a FastAPI older than 0.75.2.

    ## Why is this bad?
    Before FastAPI 0.75.2 the router's `prefix` (from `APIRouter(prefix=)`
    or `include_router(prefix=)`) was not applied to WebSocket routes, so
    clients connecting to the prefixed path got `403` (fastapi issues 98
    and 2639, fixed by PR 2640, "Fix support for prefix on APIRouter
    WebSockets", in the 0.75.2 release notes). Verified with a
    `TestClient`: on 0.75.1 `/ws/echo` of `APIRouter(prefix="/ws")` was
    refused while the unprefixed `/echo` answered; on 0.75.2 the prefixed
    path answers. The reference documents (seed 000) still describe the
    403. Note also that dependencies on WebSocket routes only run from
    0.97.0 on.

    ## Example
    ```python
    from fastapi import APIRouter, WebSocket

    router = APIRouter(prefix="/ws")

    @router.websocket("/echo")
    async def echo(websocket: WebSocket):
        await websocket.accept()
    ```

    ## Use instead
    ```python
    from fastapi import FastAPI, WebSocket

    app = FastAPI()

    @app.websocket("/ws/echo")
    async def echo(websocket: WebSocket):
        await websocket.accept()
    ```

    ## Fix safety
    No fix: upgrade FastAPI, or declare the route on the app with its full
    path. Reported only for a FastAPI target below 0.75.2 (or when FP603
    is named).
    """

    code = "FP603"
    gates = {"Call": Gate(keys=WEBSOCKET_METHODS)}
    name = "router-websocket"
    message = (
        "WebSocket route on an APIRouter: before FastAPI 0.75.2 the router prefix is not applied and clients get 403"
    )
    default = target_below("0.75.2")

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        func = node.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr in WEBSOCKET_METHODS
            and owner_type(func.value, ctx.resolver, ctx.scope) == API_ROUTER
            and not _is_apps_router(func.value, ctx)
        ):
            yield self.report(node)


def _is_apps_router(expr: ast.expr, ctx: Context) -> bool:
    """``app.router``: the app's own router has no prefix."""
    return isinstance(expr, ast.Attribute) and expr.attr == "router" and ctx.type_of(expr.value) == "fastapi.FastAPI"
