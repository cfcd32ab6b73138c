"""Path operations: which decorators make a function a FastAPI route, and
what the route declares (shared by FP605-FP609 and the FP7xx rules)."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from flake8_fastapi_prod.resolve import FunctionNode, Resolver, Scope

#: Decorator methods of FastAPI / APIRouter that register an HTTP operation.
HTTP_METHODS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "trace", "api_route"})
WEBSOCKET_METHODS = frozenset({"websocket"})
ROUTE_OWNERS = frozenset({"fastapi.FastAPI", "fastapi.APIRouter"})


@dataclass(frozen=True)
class RouteDecorator:
    index: int  # position in ``decorator_list`` (0 is the topmost)
    call: ast.Call
    method: str
    path: str | None  # the literal path, when it is one

    @property
    def is_http(self) -> bool:
        return self.method in HTTP_METHODS

    def keyword(self, name: str) -> ast.keyword | None:
        for keyword in self.call.keywords:
            if keyword.arg == name:
                return keyword
        return None

    def has_var_keywords(self) -> bool:
        return any(keyword.arg is None for keyword in self.call.keywords)


def _path_argument(call: ast.Call) -> ast.expr | None:
    if call.args:
        return call.args[0]
    for keyword in call.keywords:
        if keyword.arg == "path":
            return keyword.value
    return None


def _owner_is_route_owner(expr: ast.expr, resolver: Resolver, scope: Scope) -> bool | None:
    """True: a FastAPI app / APIRouter; False: known to be something else;
    None: unknown."""
    found = resolver.type_of(expr, scope)
    if found in ROUTE_OWNERS:
        return True
    if (
        isinstance(expr, ast.Attribute)
        and expr.attr == "router"
        and resolver.type_of(expr.value, scope) in ROUTE_OWNERS
    ):
        return True
    if found is not None:
        return False
    qualname = resolver.qualified_name(expr, scope)
    if qualname is not None and qualname.split(".")[0] in ("flask", "quart", "sanic", "litestar", "starlette"):
        return False
    if isinstance(expr, ast.Name) and _instance_of_other_project_class(expr, resolver, scope):
        return False
    return None


def _instance_of_other_project_class(expr: ast.Name, resolver: Resolver, scope: Scope) -> bool:
    """``api = Api()`` where every binding calls a project class known not to
    derive from an app or router (its bases all resolve, none to FastAPI or
    Starlette): a project's own registry with a ``get("/path")`` method."""
    bindings = scope.lookup(expr.id)
    if not bindings:
        return False
    for binding in bindings:
        value = binding.value
        if binding.kind not in ("assign", "annassign") or not isinstance(value, ast.Call):
            return False
        definition = resolver.definition(value.func, binding.scope)
        if definition is None or not isinstance(definition.node, ast.ClassDef):
            return False
        bases = resolver.base_qualnames(definition.node, definition.scope)
        if "<unknown>" in bases or any(base.split(".")[0] in ("fastapi", "starlette") for base in bases):
            return False
    return True


def route_decorators(func: FunctionNode, resolver: Resolver, scope: Scope) -> list[RouteDecorator]:
    """``@app.get("/path")``, ``@router.post(...)``, ``@router.api_route``,
    ``@router.websocket``: the receiver is a FastAPI app or APIRouter
    (through imports, other modules and factories), or unknown and the
    decorator gets a literal path starting with ``/`` (or an empty one)."""
    found: list[RouteDecorator] = []
    for index, decorator in enumerate(func.decorator_list):
        if not (isinstance(decorator, ast.Call) and isinstance(decorator.func, ast.Attribute)):
            continue
        method = decorator.func.attr
        if method not in HTTP_METHODS and method not in WEBSOCKET_METHODS:
            continue
        path_expr = _path_argument(decorator)
        path = path_expr.value if isinstance(path_expr, ast.Constant) and isinstance(path_expr.value, str) else None
        owner = _owner_is_route_owner(decorator.func.value, resolver, scope)
        if owner is False:
            continue
        if owner is None and not (path is not None and (path == "" or path.startswith("/"))):
            continue
        found.append(RouteDecorator(index, decorator, method, path))
    return found


#: ``{name}`` and ``{name:converter}`` in a path template.
_PATH_PARAMETER = re.compile(r"{([^{}:]*)(?::[^{}]*)?}")


def path_parameters(path: str) -> list[tuple[str, int]]:
    """(name, offset in the path) of each ``{name}`` parameter."""
    return [(m.group(1).strip(), m.start(1)) for m in _PATH_PARAMETER.finditer(path)]
