from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, FixSafety, Rule
from flake8_fastapi_prod.resolve import FunctionNode
from flake8_fastapi_prod.rules.app.routes import route_decorators
from flake8_fastapi_prod.rules.ratelimit.slowapi import LimitDecorator, limit_decorators, limiter_construction


def _may_be_same_limiter(upper: LimitDecorator, lower: LimitDecorator, ctx: Context) -> bool:
    """Unless both are resolved to different ``Limiter(...)`` calls."""
    if ast.dump(upper.receiver) == ast.dump(lower.receiver):
        return True
    first = limiter_construction(upper.receiver, ctx.resolver, ctx.scope)
    second = limiter_construction(lower.receiver, ctx.resolver, ctx.scope)
    return first is None or second is None or first is second


class LimitAboveRoute(Rule):
    """`@limiter.limit(...)` above the route decorator: the limit is never applied.

    ## What it does
    Flags a slowapi `@limiter.limit(...)` / `@limiter.shared_limit(...)`
    written above `@app.get(...)` / `@router.post(...)` (any route
    decorator of a FastAPI app or `APIRouter`, also with other decorators
    in between), with the limiter recognised as for FP701.

    ## Why is this bad?
    Decorators apply bottom-up: the route decorator registers the plain
    function, and slowapi's wrapper around it is never called. Verified on
    slowapi 0.1.10 with FastAPI 0.165: with a `2/minute` limit above the
    route, four requests return 200, 200, 200, 200 (with the decorator
    below: 200, 200, 429, 429), with and without `SlowAPIMiddleware`.
    Exception, not flagged: another `@limiter.limit` of the same limiter
    below the route decorator. slowapi keys its limits by the function's
    module and name, so that lower wrapper also applies the upper limit
    (verified: 429 on the third request); a lower limit of a *different*
    `Limiter` does not (200 x4), so that case is flagged.

    ## Example
    ```python
    from fastapi import FastAPI, Request
    from slowapi import Limiter
    from slowapi.util import get_remote_address

    limiter = Limiter(key_func=get_remote_address)
    app = FastAPI()

    @limiter.limit("5/minute")
    @app.post("/login")
    async def login(request: Request):
        return {}
    ```

    ## Use instead
    ```python
    from fastapi import FastAPI, Request
    from slowapi import Limiter
    from slowapi.util import get_remote_address

    limiter = Limiter(key_func=get_remote_address)
    app = FastAPI()

    @app.post("/login")
    @limiter.limit("5/minute")
    async def login(request: Request):
        return {}
    ```

    ## Fix safety
    Safe: moves the limit decorators to just below the lowest route
    decorator, keeping their order and comments. That is the order slowapi
    documents; the route then registers slowapi's wrapper, whose signature
    (`functools.wraps`) FastAPI reads as before. The limit starts to apply,
    which is the intent of the code.
    """

    code = "FP702"
    name = "limit-above-route"
    message = "@{limit} is above the route decorator @{route}: the limit is silently never applied; put it below"
    fix_safety = FixSafety.SAFE

    def visit_FunctionDef(self, node: FunctionNode, ctx: Context) -> Iterator[Finding]:
        limits = limit_decorators(node, ctx.resolver, ctx.scope)
        if not limits:
            return
        routes = route_decorators(node, ctx.resolver, ctx.scope)
        if not routes:
            return
        lowest = max(route.index for route in routes)
        highest = min(route.index for route in routes)
        upper = [limit for limit in limits if limit.index < highest]
        lower = [limit for limit in limits if limit.index > lowest]
        if any(limit.index > highest and limit.index < lowest for limit in limits):
            return  # between two route decorators: one path limited, one not; leave it to the reader
        flagged = [limit for limit in upper if not any(_may_be_same_limiter(limit, o, ctx) for o in lower)]
        moving = tuple(limit.index for limit in flagged)
        for limit in flagged:
            route = routes[0]
            limit_text = ast.unparse(limit.call.func)
            route_text = ast.unparse(route.call.func)
            yield self.report(
                limit.call,
                target=node,
                fix_data={"moving": moving, "below": lowest},
                limit=limit_text,
                route=route_text,
            )

    visit_AsyncFunctionDef = visit_FunctionDef

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        from flake8_fastapi_prod.fix.params import move_decorators

        if not isinstance(node, cst.FunctionDef):
            return None
        data = finding.data()
        return move_decorators(node, data["moving"], data["below"])
