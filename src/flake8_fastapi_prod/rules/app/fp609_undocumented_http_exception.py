from __future__ import annotations

import ast
import http
from collections.abc import Iterator

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import OPT_IN, Finding, Rule
from flake8_fastapi_prod.resolve import Binding, FunctionNode, ModuleInfo, Resolver, Scope, own_nodes
from flake8_fastapi_prod.rules.app.routes import RouteDecorator, route_decorators

HTTP_EXCEPTIONS = frozenset({"fastapi.HTTPException", "starlette.exceptions.HTTPException"})
STATUS_MODULES = frozenset({"fastapi.status", "starlette.status"})


def status_code_of(expr: ast.expr | None, resolver: Resolver, scope: Scope) -> int | None:
    """``404``, ``"404"``, ``status.HTTP_404_NOT_FOUND``, ``HTTPStatus.NOT_FOUND``."""
    if isinstance(expr, ast.Constant):
        if isinstance(expr.value, int) and not isinstance(expr.value, bool):
            return expr.value
        if isinstance(expr.value, str) and expr.value.isdigit():
            return int(expr.value)
        return None
    if isinstance(expr, ast.Attribute) and expr.attr == "value":
        return status_code_of(expr.value, resolver, scope)
    qualname = resolver.qualified_name(expr, scope) if isinstance(expr, (ast.Name, ast.Attribute)) else None
    if qualname is None:
        return None
    module, _, name = qualname.rpartition(".")
    if module in STATUS_MODULES and name.startswith("HTTP_") and name[5:8].isdigit():
        return int(name[5:8])
    if module in ("http.HTTPStatus", "fastapi.status.HTTPStatus") and name in http.HTTPStatus.__members__:
        return int(http.HTTPStatus[name].value)
    return None


def _single_value(expr: ast.expr, resolver: Resolver, scope: Scope) -> tuple[ast.expr, Resolver, Scope] | None:
    """A name's one module-level assigned value (also in another module)."""
    binding: Binding | None = None
    if isinstance(expr, ast.Name):
        bindings = scope.lookup(expr.id)
        binding = bindings[0] if len(bindings) == 1 else None
    elif isinstance(expr, ast.Attribute):
        qualname = resolver.qualified_name(expr, scope)
        binding = resolver.project_binding(qualname, resolver.module) if qualname else None
    if binding is not None and binding.kind == "import" and binding.qualname:
        binding = resolver.project_binding(binding.qualname, binding.scope.module)
    if binding is None or binding.kind not in ("assign", "annassign") or binding.value is None:
        return None
    other = resolver if binding.scope.module is resolver.module else Resolver(binding.scope.module)
    return binding.value, other, binding.scope


def documented_codes(value: ast.expr, resolver: Resolver, scope: Scope, depth: int = 0) -> set[int] | None:
    """The status codes a ``responses=`` value declares; None when unknown."""
    if depth > 5:
        return None
    if isinstance(value, (ast.Name, ast.Attribute)):
        found = _single_value(value, resolver, scope)
        return None if found is None else documented_codes(*found, depth + 1)
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.BitOr):
        left = documented_codes(value.left, resolver, scope, depth + 1)
        right = documented_codes(value.right, resolver, scope, depth + 1)
        return None if left is None or right is None else left | right
    if not isinstance(value, ast.Dict):
        return None
    codes: set[int] = set()
    for key, item in zip(value.keys, value.values, strict=True):
        if key is None:  # ``**COMMON``
            spread = documented_codes(item, resolver, scope, depth + 1)
            if spread is None:
                return None
            codes |= spread
            continue
        if isinstance(key, ast.Constant) and isinstance(key.value, str) and not key.value.isdigit():
            if key.value in ("default", "4XX", "5XX"):
                return None  # a catch-all entry documents every code of its range
            continue
        code = status_code_of(key, resolver, scope)
        if code is None:
            return None
        codes.add(code)
    return codes


def _included_codes(receiver: str, module: ModuleInfo) -> set[int] | None:
    """``responses=`` given where another module of the project includes
    this module's router: ``app.include_router(items.router, responses={...})``
    (the layout of FastAPI's "Bigger Applications" tutorial)."""
    dotted = module.package
    if module.path.stem != "__init__":
        dotted = f"{dotted}.{module.path.stem}" if dotted else module.path.stem
    wanted = f"{dotted}.{receiver}"

    def build() -> set[int] | None:
        codes: set[int] = set()
        for other in module.project.modules_mentioning(module, receiver, (b"include_router",)):
            resolver = Resolver(other)
            for call in other.nodes(ast.Call):
                if not (isinstance(call.func, ast.Attribute) and call.func.attr == "include_router"):
                    continue
                target = (
                    call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "router"), None)
                )
                if target is None:
                    continue
                scope = other.scope_of(call)
                if resolver.qualified_name(target, scope) != wanted:
                    continue
                for keyword in call.keywords:
                    if keyword.arg is None:
                        return None
                    if keyword.arg == "responses":
                        found = documented_codes(keyword.value, resolver, scope)
                        if found is None:
                            return None
                        codes |= found
        return codes

    return module.memo(f"fp609-included:{receiver}", build)


def _owner_codes(route: RouteDecorator, resolver: Resolver, scope: Scope) -> set[int] | None:
    """``responses=`` of ``APIRouter(...)`` / ``FastAPI(...)`` the decorator's
    receiver was built with (when that call is visible)."""
    receiver = route.call.func.value if isinstance(route.call.func, ast.Attribute) else None
    if not isinstance(receiver, ast.Name):
        return set()
    codes: set[int] = set()
    bindings = scope.lookup(receiver.id)
    if any(b.scope is resolver.module.scope for b in bindings):
        included = _included_codes(receiver.id, resolver.module)
        if included is None:
            return None
        codes |= included
    for binding in bindings:
        if isinstance(binding.value, ast.Call):
            for keyword in binding.value.keywords:
                if keyword.arg is None:
                    return None
                if keyword.arg == "responses":
                    found = documented_codes(keyword.value, resolver, binding.scope)
                    if found is None:
                        return None
                    codes |= found
    return codes


class UndocumentedHttpException(Rule):
    """A route raises `HTTPException(status_code=N)` for an N missing from its `responses=`.

    ## What it does
    Flags `raise HTTPException(status_code=N)` (FastAPI's or Starlette's,
    `N` a literal, a `status.HTTP_...` constant or an `HTTPStatus`) written
    directly in a route handler's body, when N is not a key of the
    `responses=` of the route decorator, nor of the `APIRouter(...)` /
    `FastAPI(...)` call that made its receiver, nor of an
    `include_router(this_router, responses=...)` in another module of the
    project. `responses=` given as a
    module-level dict (also imported from another module of the project)
    or merged with `**` is read; an unknown one, a `"default"` / `"4XX"`
    entry, or `**kwargs` on the decorator suppress the check. 422 is not
    flagged on a handler with parameters (FastAPI documents it itself), nor
    the route's own `status_code`. Raises inside helpers are not followed.
    Opt-in (flake8-fastapi CF009, requested of Ruff as FAST004 in
    ruff#25115).

    ## Why is this bad?
    The OpenAPI document lists only the success response and what
    `responses=` declares: clients generated from it do not know the 404
    or 409 the endpoint returns.

    ## Example
    ```python
    from fastapi import FastAPI, HTTPException

    app = FastAPI()

    @app.get("/items/{item_id}")
    async def read_item(item_id: int) -> dict[str, int]:
        if item_id > 10:
            raise HTTPException(status_code=404, detail="Item not found")
        return {"id": item_id}
    ```

    ## Use instead
    ```python
    from fastapi import FastAPI, HTTPException

    app = FastAPI()

    @app.get("/items/{item_id}", responses={404: {"description": "Item not found"}})
    async def read_item(item_id: int) -> dict[str, int]:
        if item_id > 10:
            raise HTTPException(status_code=404, detail="Item not found")
        return {"id": item_id}
    ```

    ## Fix safety
    No fix: the description (and model) of the error is the author's.
    """

    code = "FP609"
    name = "undocumented-http-exception"
    message = (
        "{func}() raises HTTPException with status {status} that its responses= does not declare: "
        "hidden from the OpenAPI document"
    )
    default = OPT_IN

    def visit_FunctionDef(self, node: FunctionNode, ctx: Context) -> Iterator[Finding]:
        routes = [r for r in route_decorators(node, ctx.resolver, ctx.scope) if r.is_http]
        if not routes:
            return
        documented: set[int] = set()
        for route in routes:
            if route.has_var_keywords():
                return
            keyword = route.keyword("responses")
            if keyword is not None:
                codes = documented_codes(keyword.value, ctx.resolver, ctx.scope)
                if codes is None:
                    return
                documented |= codes
            owner = _owner_codes(route, ctx.resolver, ctx.scope)
            if owner is None:
                return
            documented |= owner
            status = route.keyword("status_code")
            if status is not None:
                code = status_code_of(status.value, ctx.resolver, ctx.scope)
                if code is not None:
                    documented.add(code)
        args = node.args
        has_params = bool(args.posonlyargs or args.args or args.kwonlyargs)
        body_scope = ctx.module.scope_for(node, ctx.scope)
        for child in own_nodes(node):
            if not isinstance(child, ast.Raise) or not isinstance(child.exc, ast.Call):
                continue
            call = child.exc
            if ctx.resolver.qualified_name(call.func, body_scope) not in HTTP_EXCEPTIONS:
                continue
            status_expr: ast.expr | None = call.args[0] if call.args else None
            for keyword in call.keywords:
                if keyword.arg == "status_code":
                    status_expr = keyword.value
            code = status_code_of(status_expr, ctx.resolver, body_scope)
            if code is None or code in documented or (code == 422 and has_params):
                continue
            yield self.report(call, func=node.name, status=code)

    visit_AsyncFunctionDef = visit_FunctionDef
