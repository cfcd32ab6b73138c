from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, FixSafety, Rule
from flake8_fastapi_prod.resolve import FunctionNode
from flake8_fastapi_prod.rules.app.routes import route_decorators
from flake8_fastapi_prod.rules.ratelimit.slowapi import (
    REQUEST_CLASSES,
    all_params,
    limit_decorators,
    name_to_write,
    param_named,
)

_BUILTIN_TYPES = frozenset({"str", "int", "float", "bool", "dict", "list", "bytes", "tuple", "set"})
_PYDANTIC_MODELS = frozenset({"pydantic.BaseModel", "sqlmodel.SQLModel", "pydantic_settings.BaseSettings"})


def request_annotation(annotation: ast.expr | None, ctx: Context) -> str:
    """``"missing"``, ``"request"`` (a Starlette / FastAPI Request),
    ``"other"`` (known not to be one: a builtin or a Pydantic model) or
    ``"unknown"``."""
    if annotation is None:
        return "missing"
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            annotation = ast.parse(annotation.value.strip(), mode="eval").body
        except SyntaxError:
            return "unknown"
    qualname = ctx.qualified_name(annotation)
    if qualname in REQUEST_CLASSES:
        return "request"
    if isinstance(annotation, ast.Name) and annotation.id in _BUILTIN_TYPES and not ctx.scope.lookup(annotation.id):
        return "other"
    if (
        isinstance(annotation, ast.Subscript)
        and isinstance(annotation.value, ast.Name)
        and annotation.value.id in _BUILTIN_TYPES
        and not ctx.scope.lookup(annotation.value.id)
    ):
        return "other"
    definition = ctx.resolver.definition(annotation, ctx.scope)
    if definition is not None and isinstance(definition.node, ast.ClassDef):
        bases = ctx.resolver.base_qualnames(definition.node, definition.scope)
        if bases & REQUEST_CLASSES:
            return "request"
        if bases & _PYDANTIC_MODELS and "<unknown>" not in bases:
            return "other"
    return "unknown"


class LimitWithoutRequest(Rule):
    """`@limiter.limit(...)` on a function without a `request: Request` parameter.

    ## What it does
    Flags slowapi's `@limiter.limit(...)` / `@limiter.shared_limit(...)` on
    a function that has no parameter named `request` or `websocket`, and on
    one whose `request` parameter is not annotated as a Starlette / FastAPI
    `Request` (no annotation, a builtin type or a Pydantic model). The
    limiter is recognised through imports and aliases (`from slowapi import
    Limiter as RateLimiter`), from another module of the project (`from
    app.core.limiter import limiter`), as `app.state.limiter`, and, on a
    route whose limiter cannot be resolved, by a name containing `limiter`.

    ## Why is this bad?
    slowapi looks the request up by the parameter's *name*. Verified on
    slowapi 0.1.10 with FastAPI 0.165: without a parameter named `request`
    or `websocket` the decorator raises at import time, `Exception: No
    "request" or "websocket" argument on function "<function ...>"` (also
    for `req: Request` and for `**kwargs`), so the application does not
    start. An unannotated `request` passes that check, but FastAPI reads it
    as a required query parameter: requests without `?request=` get a 422,
    and with it slowapi raises `parameter `request` must be an instance of
    starlette.requests.Request` (a 500). A Pydantic body named `request`
    fails the same way.

    ## Example
    ```python
    from fastapi import FastAPI
    from slowapi import Limiter
    from slowapi.util import get_remote_address

    limiter = Limiter(key_func=get_remote_address)
    app = FastAPI()

    @app.get("/items")
    @limiter.limit("5/minute")
    async def list_items():
        return []
    ```

    ## Use instead
    ```python
    from fastapi import FastAPI, Request
    from slowapi import Limiter
    from slowapi.util import get_remote_address

    limiter = Limiter(key_func=get_remote_address)
    app = FastAPI()

    @app.get("/items")
    @limiter.limit("5/minute")
    async def list_items(request: Request):
        return []
    ```

    ## Fix safety
    Safe: adds `request: Request` as the first parameter (after `self`),
    or annotates an unannotated `request`, and imports `Request` from
    `fastapi` when it is not imported yet. The function raised at import
    before, so no caller relied on its old signature. No fix when `Request`
    names something else here, when the parameters are positional-only, or
    when `request` has another type (renaming the body parameter is left to
    you); the message says why.
    """

    code = "FP701"
    name = "limit-without-request"
    message = "{problem}{note}"
    fix_safety = FixSafety.SAFE

    def visit_FunctionDef(self, node: FunctionNode, ctx: Context) -> Iterator[Finding]:
        limits = limit_decorators(node, ctx.resolver, ctx.scope)
        if not limits:
            return
        if all(limit.kind == "named" for limit in limits) and not route_decorators(node, ctx.resolver, ctx.scope):
            return
        if param_named(node, "websocket") is not None:
            return
        request = param_named(node, "request")
        spelled = name_to_write(ctx, "fastapi", "Request", tuple(REQUEST_CLASSES))
        data: dict[str, Any]
        if request is None:
            problem = (
                f'slowapi raises at import: No "request" or "websocket" argument on function {node.name!r}; '
                "add request: Request"
            )
            fixable, note, data = True, "", {"action": "add"}
            if node.args.posonlyargs:
                fixable, note = False, " (no fix: positional-only parameters)"
        else:
            status = request_annotation(request.annotation, ctx)
            if status in ("request", "unknown"):
                return
            if status == "missing":
                problem = (
                    "'request' has no Request annotation: FastAPI reads it as a query parameter and slowapi "
                    "raises at request time; annotate it request: Request"
                )
                fixable, note, data = True, "", {"action": "annotate"}
            else:
                problem = (
                    "slowapi needs the parameter named 'request' to be the Starlette Request, not the body; "
                    "rename this one and add request: Request"
                )
                fixable, note, data = False, " (no fix: the parameter has to be renamed)", {}
        if fixable and spelled is None:
            fixable, note = False, " (no fix: the name Request is taken here)"
        if spelled is not None:
            data.update(spelled=spelled[0], import_needed=spelled[1])
        data["self"] = bool(all_params(node)) and all_params(node)[0].arg in ("self", "cls")
        yield self.report(limits[0].call, target=node, fixable=fixable, fix_data=data, problem=problem, note=note)

    visit_AsyncFunctionDef = visit_FunctionDef

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        from flake8_fastapi_prod.fix.params import annotate_param, insert_param

        if not isinstance(node, cst.FunctionDef):
            return None
        data = finding.data()
        if data["import_needed"]:
            fix_ctx.add_import("fastapi", "Request")
        if data["action"] == "annotate":
            return annotate_param(node, "request", data["spelled"])
        if data["self"]:
            first = node.params.params[0].name.value
            return insert_param(node, "request", data["spelled"], after=first)
        return insert_param(node, "request", data["spelled"])
