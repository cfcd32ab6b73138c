from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import OPT_IN_EXCEPT, Finding, Gate, Rule
from flake8_fastapi_prod.rules.app.common import FASTAPI_APP, owner_type


class StarletteRoute(Rule):
    """An endpoint added with Starlette's `route` / `add_route` instead of a method decorator.

    ## What it does
    Flags `@app.route(...)` and `app.add_route(...)` on a FastAPI app or
    `APIRouter` (resolved through imports, annotations and factories; a
    Flask or Starlette `app.route` is not flagged).

    ## Why is this bad?
    A Starlette route gets the raw `Request`: no parameter validation, no
    response model, no dependency injection, and it is missing from the
    OpenAPI document (verified on FastAPI 0.165: `add_route` still works
    but the path is absent from `/openapi.json`). On Starlette 1.x the
    `route` decorator no longer exists: `AttributeError: 'FastAPI' object
    has no attribute 'route'` at import (verified on Starlette 1.10; it
    still existed with FastAPI 0.128 / Starlette 0.50). An `APIRouter`'s
    `route` (also `app.router.route`) still works there: FastAPI defines
    its own (verified on FastAPI 0.165).

    ## Example
    ```python
    from fastapi import FastAPI
    from starlette.responses import JSONResponse

    app = FastAPI()

    async def items(request):
        return JSONResponse([])

    app.add_route("/items", items)
    ```

    ## Use instead
    ```python
    from fastapi import FastAPI

    app = FastAPI()

    @app.get("/items")
    async def items() -> list[str]:
        return []
    ```

    ## Fix safety
    No fix: the handler's signature has to change. Opt-in (an ASGI
    sub-application or a metrics endpoint may be added this way on
    purpose: select `FP610` by its full code), except `app.route(...)` on
    a `FastAPI` app with a Starlette 1.x target (also when the target is unknown, read as the
    newest): it fails at import, so it reports whenever FP6 / FP is
    selected.
    """

    code = "FP610"
    gates = {"Call": Gate(keys=frozenset({"route", "add_route"}))}
    name = "starlette-route"
    message = "{how} bypasses FastAPI's validation and OpenAPI{why}; use a method decorator such as @{owner}.get"
    default = OPT_IN_EXCEPT

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        func = node.func
        if not isinstance(func, ast.Attribute) or func.attr not in ("route", "add_route"):
            return
        kind = owner_type(func.value, ctx.resolver, ctx.scope)
        if kind is None:
            return
        if func.attr == "add_route" and _is_asgi_app(node, ctx):
            return
        owner = ast.unparse(func.value)
        why = ""
        # FastAPI's APIRouter defines its own `route`: only the app's is gone.
        crashes = func.attr == "route" and kind == FASTAPI_APP and ctx.targets.at_least("starlette", "1.0")
        if crashes:
            why = " and no longer exists on Starlette 1.x (AttributeError at import)"
        finding = self.report(node, how=f"{owner}.{func.attr}(...)", why=why, owner=owner)
        yield self.reported_by_default(finding) if crashes else finding


def _is_asgi_app(call: ast.Call, ctx: Context) -> bool:
    """``app.add_route("/graphql", GraphQLApp(schema))``: an ASGI application
    (a call's result, or a name bound to one), not an endpoint function."""
    endpoint = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "route"), None)
    if isinstance(endpoint, ast.Call):
        return True
    if isinstance(endpoint, ast.Name):
        bindings = ctx.scope.lookup(endpoint.id)
        return bool(bindings) and all(b.kind == "assign" and isinstance(b.value, ast.Call) for b in bindings)
    return False
