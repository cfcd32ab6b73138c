from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, FixSafety, Gate, Rule
from flake8_fastapi_prod.resolve import FunctionNode, Resolver, Scope
from flake8_fastapi_prod.rules.app.common import owner_type, string_argument
from flake8_fastapi_prod.rules.app.params import (
    Consumed,
    consumed_by_dependency,
    consumed_by_function,
    marker_of,
    merge,
    reads_path_params,
    request_parameters,
)
from flake8_fastapi_prod.rules.app.routes import RouteDecorator, path_parameters, route_decorators


def _dependency_list(value: ast.expr | None, resolver: Resolver, scope: Scope, seen: set[int]) -> Consumed:
    """``dependencies=[Depends(check_org), ...]`` of a route, router or app."""
    result = Consumed(set())
    if value is None:
        return result
    if not isinstance(value, (ast.List, ast.Tuple)):
        return Consumed(set(), unknown=True)
    for element in value.elts:
        if marker_of(element, resolver, scope) in ("Depends", "Security") and isinstance(element, ast.Call):
            if element.args:
                merge(result, consumed_by_dependency(element.args[0], resolver, scope, seen))
            else:
                result.unknown = True
        else:
            result.unknown = True
    return result


def _owner_dependencies(route: RouteDecorator, resolver: Resolver, scope: Scope, seen: set[int]) -> Consumed:
    """``APIRouter(dependencies=[...])`` / ``FastAPI(dependencies=[...])`` of
    the decorator's receiver, when it is a name bound to that call."""
    receiver = route.call.func.value if isinstance(route.call.func, ast.Attribute) else None
    if not isinstance(receiver, ast.Name):
        return Consumed(set())
    bindings = scope.lookup(receiver.id)
    for binding in bindings:
        if isinstance(binding.value, ast.Call):
            for keyword in binding.value.keywords:
                if keyword.arg == "dependencies":
                    return _dependency_list(keyword.value, resolver, binding.scope, seen)
                if keyword.arg is None:
                    return Consumed(set(), unknown=True)
    return Consumed(set())


def _owner_prefix(route: RouteDecorator, scope: Scope) -> str:
    """The literal ``prefix=`` of ``router = APIRouter(prefix="/users/{user_id}")``
    when the decorator's receiver is a name bound once to that call."""
    receiver = route.call.func.value if isinstance(route.call.func, ast.Attribute) else None
    if not isinstance(receiver, ast.Name):
        return ""
    bindings = scope.lookup(receiver.id)
    if len(bindings) != 1 or not isinstance(bindings[0].value, ast.Call):
        return ""
    prefix = string_argument(bindings[0].value, 99, "prefix")
    return prefix.value if isinstance(prefix, ast.Constant) and isinstance(prefix.value, str) else ""


def _path_node(route: RouteDecorator) -> ast.expr | None:
    if route.call.args:
        return route.call.args[0]
    for keyword in route.call.keywords:
        if keyword.arg == "path":
            return keyword.value
    return None


class _Position(ast.expr):
    """A node standing for a span inside a string literal."""


def _at(node: ast.expr, offset: int, length: int) -> ast.expr:
    spot = _Position()
    spot.lineno = node.lineno
    spot.end_lineno = node.lineno
    spot.col_offset = node.col_offset + offset
    spot.end_col_offset = node.col_offset + offset + length
    return spot


class MissingPathParameter(Rule):
    """A `{name}` in the route path that the handler never receives.

    ## What it does
    Flags each path parameter `{name}` (also `{name:path}`) of a route
    decorator (`@app.get`, `@router.post`, `@router.api_route`,
    `@router.websocket`) that is neither a parameter of the handler (or
    its `alias=`) nor read by one of its dependencies. Dependencies are
    followed as FastAPI follows them: `= Depends(get_item)`,
    `Annotated[Item, Depends(get_item)]`, an `Annotated` alias such as
    `ItemDep = Annotated[Item, Depends(get_item)]` (also imported from
    another module of the project, ruff#21075), a pre-assigned
    `FindItem = Depends(find_item)`, sub-dependencies (ruff#13657), a class
    dependency through its `__init__`, `__call__` (ruff#23526) or fields
    (`Annotated[Params, Depends()]` over a Pydantic model, ruff#17226), the
    route's and the router's `dependencies=[...]`; the parameters of the
    router's literal `APIRouter(prefix="/users/{user_id}")` count for each
    of its routes (reported on the decorator). Also the call form
    `app.add_api_route("/items/{item_id}", read_item)` on a known app or
    router (reported on the path; no fix there). Parity with Ruff's
    FAST003. A dependency imported from a library is taken to read nothing
    but its own parameters, so another missing parameter is still reported
    (ruff#18009); a dependency that cannot be resolved at all, `**kwargs`,
    or a body reading `request.path_params` suppress the check.

    ## Why is this bad?
    FastAPI matches the URL against the template but never hands the value
    to the handler: `/items/{item_id}` with `def read_item():` answers every
    item id with the same response, usually because the parameter was
    renamed on one side only (`{item_id}` vs `id`).

    ## Example
    ```python
    from fastapi import FastAPI

    app = FastAPI()

    @app.get("/items/{item_id}")
    async def read_item(id: int):
        return {"id": id}
    ```

    ## Use instead
    ```python
    from fastapi import FastAPI

    app = FastAPI()

    @app.get("/items/{item_id}")
    async def read_item(item_id: int):
        return {"id": item_id}
    ```

    ## Fix safety
    Unsafe: adds `name: str` to the signature (after the last parameter
    without a default, or keyword-only when the parameters have defaults
    throughout), which changes the handler's signature for direct callers
    and may shadow a name the body reads. No fix for a name that is not an
    identifier (`{item-id}` needs `alias=`); the message says so.
    """

    code = "FP608"
    name = "missing-path-parameter"
    message = "path parameter {param!r} appears in the route path but not in {func}() or its dependencies{note}"
    fix_safety = FixSafety.UNSAFE
    gates = {"Call": Gate(keys=frozenset({"add_api_route"}))}

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        """``app.add_api_route("/items/{item_id}", read_item)``."""
        func = node.func
        if not isinstance(func, ast.Attribute) or func.attr != "add_api_route":
            return
        path_node = string_argument(node, 0, "path")
        endpoint = string_argument(node, 1, "endpoint")
        if not (isinstance(path_node, ast.Constant) and isinstance(path_node.value, str) and "{" in path_node.value):
            return
        if endpoint is None or any(keyword.arg is None for keyword in node.keywords) or len(node.args) > 2:
            return
        if owner_type(func.value, ctx.resolver, ctx.scope) is None:
            return
        if isinstance(func.value, ast.Name) and any(
            isinstance(b.value, ast.Call) and any(k.arg in ("dependencies", None) for k in b.value.keywords)
            for b in ctx.scope.lookup(func.value.id)
        ):
            return  # the router's own dependencies may read it
        definition = ctx.resolver.definition(endpoint, ctx.scope)
        if definition is None or not isinstance(definition.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return
        if reads_path_params(definition.node):
            return
        seen: set[int] = set()
        consumed = consumed_by_dependency(endpoint, ctx.resolver, ctx.scope, seen)
        dependencies = string_argument(node, 99, "dependencies")
        merge(consumed, _dependency_list(dependencies, ctx.resolver, ctx.scope, seen))
        if consumed.unknown:
            return
        name = definition.node.name
        for param, offset in path_parameters(path_node.value):
            if not param or param in consumed.names:
                continue
            where: ast.expr = node
            if path_node.lineno == path_node.end_lineno:
                where = _at(path_node, offset + 1, len(param))
            note = " (no fix: the handler is registered by add_api_route)"
            yield self.report(where, fixable=False, param=param, func=name, note=note)

    def visit_FunctionDef(self, node: FunctionNode, ctx: Context) -> Iterator[Finding]:
        routes = [r for r in route_decorators(node, ctx.resolver, ctx.scope) if r.path is not None]
        prefixes = {id(r): _owner_prefix(r, ctx.scope) for r in routes}
        routes = [r for r in routes if "{" in prefixes[id(r)] + (r.path or "")]
        if not routes:
            return
        # The function's own parameter names are always consumed: when they
        # name every path parameter, no dependency needs to be followed.
        own = {param.arg for param, _ in request_parameters(node)}
        if all(
            param in own
            for route in routes
            for param, _ in [*path_parameters(prefixes[id(route)]), *path_parameters(route.path or "")]
            if param
        ):
            return
        if reads_path_params(node):
            return
        seen: set[int] = set()
        consumed = consumed_by_function(node, ctx.resolver, ctx.scope, seen)
        if consumed.unknown:
            return
        missing_all: list[str] = []
        reports: list[tuple[ast.expr, str, str]] = []
        for route in routes:
            assert route.path is not None
            dependencies = route.keyword("dependencies")
            extra = _dependency_list(
                dependencies.value if dependencies is not None else None, ctx.resolver, ctx.scope, seen
            )
            merge(extra, _owner_dependencies(route, ctx.resolver, ctx.scope, seen))
            if extra.unknown or route.has_var_keywords():
                continue
            names = consumed.names | extra.names
            path_node = _path_node(route)
            in_prefix = [(param, None) for param, _ in path_parameters(prefixes[id(route)])]
            for param, offset in in_prefix + list(path_parameters(route.path)):
                if not param or param in names:
                    continue
                where: ast.expr = route.call
                if (
                    offset is not None
                    and isinstance(path_node, ast.Constant)
                    and path_node.lineno == path_node.end_lineno
                ):
                    where = _at(path_node, offset + 1, len(param))
                note = "" if param.isidentifier() else " (no fix: not an identifier; declare it with alias=)"
                reports.append((where, param, note))
                if param.isidentifier() and param not in missing_all:
                    missing_all.append(param)
        for where, param, note in reports:
            yield self.report(
                where,
                target=node,
                fixable=not note,
                fix_data={"missing": tuple(missing_all)},
                param=param,
                func=node.name,
                note=note,
            )

    visit_AsyncFunctionDef = visit_FunctionDef

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        from flake8_fastapi_prod.fix.params import insert_param

        if not isinstance(node, cst.FunctionDef):
            return None
        for name in finding.data()["missing"]:
            node = _add_path_param(node, name, insert_param)
        return node


def _add_path_param(node: Any, name: str, insert_param: Any) -> Any:
    params = node.params
    ordinary = list(params.params)
    if any(p.name.value == name for p in [*params.posonly_params, *ordinary, *params.kwonly_params]):
        return node
    without_default = [p for p in ordinary if p.default is None]
    if without_default:
        return insert_param(node, name, "str", after=without_default[-1].name.value)
    if any(p.default is not None for p in params.posonly_params):
        return insert_param(node, name, "str", keyword_only=True)
    return insert_param(node, name, "str")
