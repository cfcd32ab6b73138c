from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, FixSafety, Rule
from flake8_fastapi_prod.resolve import FunctionNode, Scope, own_nodes
from flake8_fastapi_prod.rules.app.routes import route_decorators
from flake8_fastapi_prod.rules.ratelimit.slowapi import (
    RESPONSE_CLASSES,
    ConstructionSite,
    all_params,
    has_default,
    keyword,
    limit_decorators,
    limiter_construction_site,
    name_to_write,
    param_named,
)
from flake8_fastapi_prod.rules.security.common import literal_resolver


def _headers_enabled(site: ConstructionSite) -> bool:
    """``headers_enabled=True``, also through a module-level constant (of
    this module or imported from another one of the project). A settings
    field or an environment variable is not followed: the deployed value
    may differ from the default."""
    call, _, scope = site
    found = keyword(call, "headers_enabled")
    if found is None:
        return False
    literal = literal_resolver(scope.module).resolve(found.value, scope, scope.module)
    # via "": the literal itself; "constant X": through module-level constants only
    return literal is not None and literal.value is True and (not literal.via or literal.via.startswith("constant "))


def _names_a_response(expr: ast.expr | None, ctx: Context, scope: Scope) -> bool:
    """A Response class or instance, as far as names tell: ``JSONResponse``,
    ``templates.TemplateResponse``, ``Response``, ``RedirectResponse``."""
    if expr is None:
        return False
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value.strip().split("[")[0].split(".")[-1].endswith("Response")
    target = expr.value if isinstance(expr, ast.Subscript) else expr
    if isinstance(target, ast.BinOp):  # ``Response | dict``
        return _names_a_response(target.left, ctx, scope) or _names_a_response(target.right, ctx, scope)
    qualname = ctx.resolver.qualified_name(target, scope)
    if qualname is not None and qualname.rpartition(".")[2].endswith("Response"):
        return True
    name = target.attr if isinstance(target, ast.Attribute) else target.id if isinstance(target, ast.Name) else None
    if name is None:
        return False
    if name.endswith("Response"):
        return True
    if isinstance(expr, ast.Subscript) and name in ("Union", "Optional"):
        elements = expr.slice.elts if isinstance(expr.slice, ast.Tuple) else [expr.slice]
        return any(_names_a_response(e, ctx, scope) for e in elements)
    return False


def _may_return_response(func: FunctionNode, ctx: Context, scope: Scope | None = None, depth: int = 0) -> bool:
    """The function's annotation or one of its ``return`` values names a
    Response (then slowapi puts the headers on it)."""
    scope = ctx.scope if scope is None else scope
    if func.returns is not None:
        return _names_a_response(func.returns, ctx, scope)
    body_scope = scope.module.scope_for(func, scope)
    return any(
        isinstance(node, ast.Return) and _value_may_be_response(node.value, ctx, body_scope, depth)
        for node in own_nodes(func)
    )


def _value_may_be_response(value: ast.expr | None, ctx: Context, scope: Scope, depth: int) -> bool:
    if value is None or depth > 4:
        return False
    if isinstance(value, ast.Await):
        return _value_may_be_response(value.value, ctx, scope, depth + 1)
    if isinstance(value, ast.IfExp):
        return _value_may_be_response(value.body, ctx, scope, depth + 1) or _value_may_be_response(
            value.orelse, ctx, scope, depth + 1
        )
    if isinstance(value, ast.Call):
        if _names_a_response(value.func, ctx, scope):
            return True
        definition = ctx.resolver.definition(value.func, scope)
        if definition is not None and isinstance(definition.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return _may_return_response(definition.node, ctx, definition.scope, depth + 1)
        return False
    if isinstance(value, ast.Name):
        for binding in scope.lookup(value.id):
            if binding.annotation is not None and _names_a_response(binding.annotation, ctx, binding.scope):
                return True
            if binding.kind in ("assign", "annassign", "with") and _value_may_be_response(
                binding.value, ctx, binding.scope, depth + 1
            ):
                return True
        return False
    return False


class HeadersWithoutResponse(Rule):
    """`Limiter(headers_enabled=True)` and a limited endpoint without a `response: Response` parameter.

    ## What it does
    Flags `@limiter.limit(...)` on an endpoint when that limiter was built
    with `headers_enabled=True` (found through names, imports from other
    modules of the project and `app.state.limiter`; the `True` may be a
    module-level constant, also one imported from another module, while a
    settings attribute or an environment variable is not followed, since
    the deployed value may differ from the default), the endpoint has no
    parameter named `response` annotated `Response`, and it does not return
    a `Response` (its return annotation and `return` values are read: a
    `JSONResponse(...)`, `templates.TemplateResponse(...)` or an unknown
    call counts as a Response).

    ## Why is this bad?
    With headers enabled slowapi writes the `X-RateLimit-*` headers into
    the returned Response, or when the endpoint returns data, into the
    keyword argument named `response`. Verified on slowapi 0.1.10 with
    FastAPI 0.165: for an endpoint returning a dict the body runs first (its
    side effects happen), then slowapi raises `parameter `response` must be
    an instance of starlette.responses.Response` and the client gets a 500
    on every request under the limit. It looks the parameter up by name:
    `resp: Response` fails too, and `response_class=HTMLResponse` does not
    help. With `response: Response` the headers arrive (`x-ratelimit-limit`,
    `x-ratelimit-remaining`, `x-ratelimit-reset`, `retry-after`).

    ## Example
    ```python
    from fastapi import FastAPI, Request
    from slowapi import Limiter
    from slowapi.util import get_remote_address

    limiter = Limiter(key_func=get_remote_address, headers_enabled=True)
    app = FastAPI()

    @app.get("/items")
    @limiter.limit("5/minute")
    async def list_items(request: Request):
        return []
    ```

    ## Use instead
    ```python
    from fastapi import FastAPI, Request, Response
    from slowapi import Limiter
    from slowapi.util import get_remote_address

    limiter = Limiter(key_func=get_remote_address, headers_enabled=True)
    app = FastAPI()

    @app.get("/items")
    @limiter.limit("5/minute")
    async def list_items(request: Request, response: Response):
        return []
    ```

    ## Fix safety
    Safe: adds `response: Response` right after `request` and imports
    `Response` from `fastapi` when needed. FastAPI injects the response it
    sends, so clients now get the headers instead of a 500. No fix when a
    parameter named `response` already exists with another type, when
    another parameter is typed `Response` (`resp: Response`: FastAPI fills
    only one Response parameter per endpoint, verified on 0.165, so it has
    to be renamed), when
    `Response` names something else here, or when `request` has a default
    (a parameter without one cannot follow it).
    """

    code = "FP707"
    name = "headers-without-response"
    message = (
        "the limiter has headers_enabled=True but {func}() has no 'response: Response' parameter and returns no "
        "Response: slowapi raises after the body ran (500); add response: Response{note}"
    )
    fix_safety = FixSafety.SAFE

    def visit_FunctionDef(self, node: FunctionNode, ctx: Context) -> Iterator[Finding]:
        limits = limit_decorators(node, ctx.resolver, ctx.scope)
        if not limits:
            return
        routes = route_decorators(node, ctx.resolver, ctx.scope)
        if routes and all(limit.index < min(r.index for r in routes) for limit in limits):
            return  # FP702: the limit never runs, so neither does the header injection
        if not any(
            (site := limiter_construction_site(limit.receiver, ctx.resolver, ctx.scope)) is not None
            and _headers_enabled(site)
            for limit in limits
        ):
            return
        request = param_named(node, "request")
        existing = param_named(node, "response")
        if existing is not None:
            if existing.annotation is not None and not _names_a_response(existing.annotation, ctx, ctx.scope):
                yield self.report(
                    limits[0].call,
                    target=node,
                    fixable=False,
                    func=node.name,
                    note=" (no fix: 'response' is taken by another parameter)",
                )
            return
        if _may_return_response(node, ctx):
            return
        spelled = name_to_write(ctx, "fastapi", "Response", tuple(RESPONSE_CLASSES))
        fixable, note = True, ""
        if spelled is None:
            fixable, note = False, " (no fix: the name Response is taken here)"
        elif request is not None and has_default(node, request):
            fixable, note = False, " (no fix: 'request' has a default)"
        else:
            other = next(
                (
                    p
                    for p in all_params(node)
                    if p.annotation is not None and _names_a_response(p.annotation, ctx, ctx.scope)
                ),
                None,
            )
            if other is not None:
                # FastAPI injects one Response parameter per endpoint (verified
                # on 0.165: a second one is left unfilled, a TypeError).
                fixable, note = False, f" (no fix: rename {other.arg!r} to 'response')"
        data: dict[str, Any] = {"after": "request" if request is not None else None}
        if spelled is not None:
            data.update(spelled=spelled[0], import_needed=spelled[1])
        yield self.report(limits[0].call, target=node, fixable=fixable, fix_data=data, func=node.name, note=note)

    visit_AsyncFunctionDef = visit_FunctionDef

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        from flake8_fastapi_prod.fix.params import insert_param

        if not isinstance(node, cst.FunctionDef):
            return None
        data = finding.data()
        if data["import_needed"]:
            fix_ctx.add_import("fastapi", "Response")
        return insert_param(node, "response", data["spelled"], after=data["after"])
