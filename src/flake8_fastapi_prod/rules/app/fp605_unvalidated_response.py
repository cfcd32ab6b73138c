from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import OPT_IN, Finding, Rule
from flake8_fastapi_prod.resolve import FunctionNode, Scope, own_nodes
from flake8_fastapi_prod.rules.app.fp609_undocumented_http_exception import documented_codes
from flake8_fastapi_prod.rules.app.routes import route_decorators

#: Status codes whose responses have no body to validate.
_NO_BODY = frozenset({204, 205, 304})


def _last_name(expr: ast.expr) -> str:
    target = expr.func if isinstance(expr, ast.Call) else expr
    if isinstance(target, ast.Attribute):
        return target.attr
    if isinstance(target, ast.Name):
        return target.id
    return ""


def _status(expr: ast.expr | None) -> int | None:
    if isinstance(expr, ast.Constant) and isinstance(expr.value, int):
        return expr.value
    if isinstance(expr, ast.Attribute) and expr.attr.startswith("HTTP_"):
        digits = expr.attr[5:8]
        return int(digits) if digits.isdigit() else None
    return None


def _builds_response(value: ast.expr, ctx: Context, scope: Scope, depth: int = 0) -> bool:
    """``JSONResponse(...)``, a local bound to one, or a project function
    annotated to return a Response."""
    inner = value.value if isinstance(value, ast.Await) else value
    if isinstance(inner, ast.Name) and depth < 4:
        for binding in scope.lookup(inner.id):
            if (
                binding.kind in ("assign", "annassign")
                and binding.value is not None
                and _builds_response(binding.value, ctx, binding.scope, depth + 1)
            ):
                return True
            if binding.annotation is not None and _last_name(binding.annotation).endswith("Response"):
                return True
        return False
    if isinstance(inner, ast.Name):
        return False
    if not isinstance(inner, ast.Call):
        return False
    if _last_name(inner).endswith("Response"):
        return True
    definition = ctx.resolver.definition(inner.func, scope)
    if definition is not None and isinstance(definition.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        returns = definition.node.returns
        return returns is not None and "Response" in ast.unparse(returns)
    return False


class UnvalidatedResponse(Rule):
    """A route with neither `response_model` nor a return annotation.

    ## What it does
    Flags an HTTP route handler (`@app.get`, `@router.post`, ...) that has
    no return annotation and whose decorator passes no `response_model=`
    (`response_model=None` counts as a deliberate choice), when it returns
    a value. Not flagged: handlers that return nothing (or only `None`),
    return a `...Response(...)` object (directly, through a local, or from
    a project function annotated to return one), routes whose `responses=`
    documents the success response by hand, routes with `response_class=` set
    to a non-JSON class (`HTMLResponse`, `StreamingResponse`, ...), a
    `status_code` without a body (204, 205, 304), and decorators with
    `**kwargs`. Opt-in.

    ## Why is this bad?
    Without a response model FastAPI serialises whatever the handler
    returns: an ORM object's every column (password hashes, internal
    flags) reaches the client, nothing is validated on the way out, and the
    OpenAPI document shows no response schema (seeds: "validate output at
    the boundary, never leak ORM fields").

    ## Example
    ```python
    from fastapi import FastAPI

    app = FastAPI()

    @app.get("/users/{user_id}")
    async def read_user(user_id: int):
        return {"id": user_id, "password_hash": "..."}
    ```

    ## Use instead
    ```python
    from fastapi import FastAPI
    from pydantic import BaseModel

    class UserOut(BaseModel):
        id: int

    app = FastAPI()

    @app.get("/users/{user_id}")
    async def read_user(user_id: int) -> UserOut:
        return UserOut(id=user_id)
    ```

    ## Fix safety
    No fix: the model has to be written.
    """

    code = "FP605"
    name = "unvalidated-response"
    message = (
        "route {func}() has neither response_model nor a return annotation: its output is not validated or documented"
    )
    default = OPT_IN

    def visit_FunctionDef(self, node: FunctionNode, ctx: Context) -> Iterator[Finding]:
        if node.returns is not None:
            return
        routes = [r for r in route_decorators(node, ctx.resolver, ctx.scope) if r.is_http]
        if not routes:
            return
        for route in routes:
            if route.has_var_keywords() or route.keyword("response_model") is not None:
                return
            response_class = route.keyword("response_class")
            if response_class is not None and "JSON" not in _last_name(response_class.value):
                return
            status = route.keyword("status_code")
            if status is not None and _status(status.value) in _NO_BODY:
                return
            responses = route.keyword("responses")
            if responses is not None:
                codes = documented_codes(responses.value, ctx.resolver, ctx.scope)
                if codes is None or any(200 <= code < 300 for code in codes):
                    return  # the success response is documented by hand
        children = list(own_nodes(node))
        if any(isinstance(child, (ast.Yield, ast.YieldFrom)) for child in children):
            return  # a streaming endpoint
        values = [child.value for child in children if isinstance(child, ast.Return) and child.value is not None]
        values = [v for v in values if not (isinstance(v, ast.Constant) and v.value is None)]
        if not values:
            return
        body_scope = ctx.module.scope_for(node, ctx.scope)
        for value in values:
            if _builds_response(value, ctx, body_scope):
                return
        yield self.report(node, func=node.name)

    visit_AsyncFunctionDef = visit_FunctionDef
