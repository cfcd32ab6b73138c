"""What the FP6xx rules share: which values are FastAPI apps and routers."""

from __future__ import annotations

import ast

from flake8_fastapi_prod.resolve import Resolver, Scope

FASTAPI_APP = "fastapi.FastAPI"
API_ROUTER = "fastapi.APIRouter"
OWNERS = frozenset({FASTAPI_APP, API_ROUTER})


def owner_type(expr: ast.expr, resolver: Resolver, scope: Scope) -> str | None:
    """``fastapi.FastAPI`` / ``fastapi.APIRouter`` when ``expr`` is known to
    be one (``app.router`` of an app is the app's APIRouter)."""
    found = resolver.type_of(expr, scope)
    if found in OWNERS:
        return found
    if isinstance(expr, ast.Attribute) and expr.attr == "router" and resolver.type_of(expr.value, scope) == FASTAPI_APP:
        return API_ROUTER
    return None


def constructed_owner(call: ast.Call, resolver: Resolver, scope: Scope) -> str | None:
    """The class a ``FastAPI(...)`` / ``APIRouter(...)`` call builds."""
    name = resolver.qualified_name(call.func, scope)
    return name if name in OWNERS else None


def string_argument(call: ast.Call, position: int, keyword: str) -> ast.expr | None:
    if len(call.args) > position:
        return call.args[position]
    for item in call.keywords:
        if item.arg == keyword:
            return item.value
    return None


def literal_string(expr: ast.expr | None) -> str | None:
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    return None
