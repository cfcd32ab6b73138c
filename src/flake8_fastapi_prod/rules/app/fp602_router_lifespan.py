from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, Rule, target_below
from flake8_fastapi_prod.rules.app.common import API_ROUTER, constructed_owner


class RouterLifespan(Rule):
    """A lifespan given to an `APIRouter` on a FastAPI older than 0.112.2.

    ## What it does
    Flags `APIRouter(lifespan=...)` (however `APIRouter` is imported) when
    the project targets a FastAPI older than 0.112.2.

    ## Why is this bad?
    Before FastAPI 0.112.2 `include_router` dropped the included router's
    lifespan (fastapi PR 9630, released in 0.112.2): its startup code never
    runs. Verified: on 0.112.1 a router lifespan logged nothing under a
    `TestClient`; on 0.112.2 and later (0.115.12, 0.128.0, 0.165.0) it
    runs, nested inside the app's lifespan.

    ## Example
    ```python
    from fastapi import APIRouter

    async def lifespan(app):
        yield

    router = APIRouter(lifespan=lifespan)
    ```

    ## Use instead
    ```python
    from fastapi import APIRouter, FastAPI

    async def lifespan(app):
        yield

    router = APIRouter()
    app = FastAPI(lifespan=lifespan)
    ```

    ## Fix safety
    No fix: the lifespan has to move into the app's, which may live in
    another module. Reported only for a FastAPI target below 0.112.2 (or
    when FP602 is named).
    """

    code = "FP602"
    name = "router-lifespan"
    message = (
        "a router's lifespan is dropped by include_router before FastAPI 0.112.2: it never runs; "
        "move it into the app's lifespan"
    )
    default = target_below("0.112.2")

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        if not node.keywords:
            return
        lifespan = next((k for k in node.keywords if k.arg == "lifespan"), None)
        if lifespan is None or (isinstance(lifespan.value, ast.Constant) and lifespan.value.value is None):
            return
        if constructed_owner(node, ctx.resolver, ctx.scope) == API_ROUTER:
            yield self.report(lifespan)
