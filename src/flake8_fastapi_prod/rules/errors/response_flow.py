"""Does a value reach the HTTP response? Shared by FP502 and FP504.

Starting from an expression, follow it upward through the expressions that
carry it unchanged into a bigger value (dict and list literals, and for text
also f-strings, ``+`` / ``%`` and ``"".join``) until it lands in a sink: the
content of a response class, the ``detail`` of an ``HTTPException``, or a
``return`` of the function. A simple local variable is followed to its uses
in the same function (``body = {...}; return JSONResponse(content=body)``).
Any other call (``jsonable_encoder``, a logging call, a helper) ends the
path: what it does with the value is not known, so nothing is reported.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.resolve import FunctionNode, ModuleInfo, Scope, own_nodes

#: How many local variables a path may pass through.
MAX_HOPS = 3

_RESPONSE_MODULES = ("fastapi.responses", "starlette.responses")
JSON_RESPONSES = frozenset(
    f"{module}.{name}" for module in _RESPONSE_MODULES for name in ("JSONResponse", "ORJSONResponse", "UJSONResponse")
)
ALL_RESPONSES = JSON_RESPONSES | frozenset(
    f"{module}.{name}"
    for module in (*_RESPONSE_MODULES, "fastapi")
    for name in ("Response", "PlainTextResponse", "HTMLResponse", "JSONResponse")
)
HTTP_EXCEPTIONS = frozenset({"fastapi.HTTPException", "starlette.exceptions.HTTPException"})

ROUTE_METHODS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "trace", "api_route"})
ROUTE_OWNERS = frozenset({"fastapi.FastAPI", "fastapi.APIRouter"})


@dataclass(frozen=True)
class SinkSpec:
    """Which sinks count, and whether string building carries the value."""

    responses: frozenset[str]
    text: bool  # f-strings, concatenation, str() and "".join carry it
    returns: bool  # a ``return`` of the enclosing function is a sink


@dataclass(frozen=True)
class Sink:
    """Where the value ends up: ``where`` names it for the message."""

    where: str
    variables: tuple[str, ...] = ()  # locals the path went through
    single_use: bool = True  # each of those locals is read exactly once


def reaching_sink(node: ast.expr, ctx: Context, spec: SinkSpec) -> Sink | None:
    """The first sink ``node``'s value reaches, if any."""
    return _follow(node, ctx, spec, (), True, 0)


def _follow(
    node: ast.expr, ctx: Context, spec: SinkSpec, variables: tuple[str, ...], single_use: bool, hops: int
) -> Sink | None:
    module = ctx.module
    parents = module.parents
    child: ast.AST = node
    while True:
        parent = parents.get(id(child))
        if parent is None:
            return None
        if _carries(parent, child, ctx, spec):
            child = parent
            continue
        if isinstance(parent, ast.keyword):
            call = parents.get(id(parent))
            if not isinstance(call, ast.Call):
                return None
            if _is_dict_call(call, ctx):
                child = call
                continue
            where = _sink_call(call, parent.arg, None, ctx, spec)
            return Sink(where, variables, single_use) if where else None
        if isinstance(parent, ast.Call):
            if child is parent.func or not isinstance(child, ast.expr) or child not in parent.args:
                return None
            if spec.text and _is_text_call(parent, ctx):
                child = parent
                continue
            where = _sink_call(parent, None, parent.args.index(child), ctx, spec)
            return Sink(where, variables, single_use) if where else None
        if isinstance(parent, ast.Return):
            return Sink("the returned value", variables, single_use) if spec.returns else None
        name = _assigned_name(parent, child)
        if name is None or hops >= MAX_HOPS:
            return None
        return _follow_variable(name, parent, ctx, spec, variables, single_use, hops)


def _follow_variable(
    name: str,
    assignment: ast.AST,
    ctx: Context,
    spec: SinkSpec,
    variables: tuple[str, ...],
    single_use: bool,
    hops: int,
) -> Sink | None:
    function = enclosing_function(assignment, ctx.module)
    if function is None:
        return None
    parents = ctx.module.parents
    names = [n for n in own_nodes(function) if isinstance(n, ast.Name) and n.id == name]
    # Flow in source order: the loads after this assignment, up to the next
    # time the name is bound again (``message = ...`` reused for another value).
    start = _position(assignment, end=True)
    rebinds = [_position(n) for n in names if isinstance(n.ctx, ast.Store) and _position(n) > start]
    stop = min(rebinds, default=(10**9, 0))
    loads = [
        n for n in names if isinstance(n.ctx, ast.Load) and not _is_filled(n, parents) and start < _position(n) < stop
    ]
    for load in loads:
        sink = _follow(load, ctx, spec, (*variables, name), single_use and len(loads) == 1, hops + 1)
        if sink is not None:
            return sink
    return None


def _position(node: ast.AST, *, end: bool = False) -> tuple[int, int]:
    if end:
        return (getattr(node, "end_lineno", 0) or 0, getattr(node, "end_col_offset", 0) or 0)
    return (getattr(node, "lineno", 0), getattr(node, "col_offset", 0))


def _is_filled(name: ast.Name, parents: dict[int, ast.AST]) -> bool:
    """``name[key] = ...``: the name is written into, not read."""
    parent = parents.get(id(name))
    return isinstance(parent, ast.Subscript) and parent.value is name and isinstance(parent.ctx, ast.Store)


def _carries(parent: ast.AST, child: ast.AST, ctx: Context, spec: SinkSpec) -> bool:
    """``parent`` holds ``child``'s value unchanged inside a bigger value."""
    if isinstance(parent, (ast.Dict, ast.List, ast.Tuple, ast.Set, ast.Starred)):
        return True
    if isinstance(parent, ast.IfExp):
        return child is not parent.test
    if isinstance(parent, ast.BoolOp):
        return True
    if isinstance(parent, ast.Await):
        return False
    if spec.text:
        if isinstance(parent, (ast.JoinedStr, ast.FormattedValue)):
            return True
        if isinstance(parent, ast.BinOp) and isinstance(parent.op, (ast.Add, ast.Mod)):
            return True
    return False


def _is_dict_call(call: ast.Call, ctx: Context) -> bool:
    return isinstance(call.func, ast.Name) and call.func.id == "dict" and ctx.name_is_free("dict")


def _is_text_call(call: ast.Call, ctx: Context) -> bool:
    """``str(x)``, ``"sep".join(x)``, ``"...".format(x)``: text that keeps x."""
    func = call.func
    if isinstance(func, ast.Name):
        return func.id == "str" and ctx.name_is_free("str")
    return (
        isinstance(func, ast.Attribute)
        and func.attr in ("join", "format")
        and isinstance(func.value, ast.Constant)
        and isinstance(func.value.value, str)
    )


def _sink_call(call: ast.Call, keyword: str | None, position: int | None, ctx: Context, spec: SinkSpec) -> str:
    """The sink this argument of ``call`` is, or ``""``."""
    name = ctx.resolver.qualified_name(call.func, ctx.module.scope_of(call))
    if name is None:
        return ""
    short = name.rpartition(".")[2]
    if name in spec.responses and (keyword == "content" or position == 0):
        return f"{short} content"
    if name in HTTP_EXCEPTIONS and (keyword == "detail" or position == 1):
        return "HTTPException detail"
    return ""


def _assigned_name(parent: ast.AST, child: ast.AST) -> str | None:
    """``name = child``, ``name: T = child``, ``name += child`` or
    ``name[key] = child``: the local that now holds the value."""
    if isinstance(parent, ast.Assign) and parent.value is child and len(parent.targets) == 1:
        target = parent.targets[0]
    elif isinstance(parent, (ast.AnnAssign, ast.AugAssign)) and parent.value is child:
        target = parent.target
    else:
        return None
    if isinstance(target, ast.Subscript):
        target = target.value
    return target.id if isinstance(target, ast.Name) else None


def enclosing_function(node: ast.AST, module: ModuleInfo) -> FunctionNode | None:
    current = module.parents.get(id(node))
    while current is not None:
        if isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return current
        if isinstance(current, (ast.Lambda, ast.ClassDef)):
            return None
        current = module.parents.get(id(current))
    return None


def is_route_function(func: FunctionNode, ctx: Context, scope: Scope) -> bool:
    """Decorated ``@app.get("/path")`` / ``@router.post(...)`` /
    ``@router.api_route(...)``: a path-operation function. The receiver is
    a FastAPI / APIRouter, or the decorator gets a path string."""
    for decorator in func.decorator_list:
        if not (
            isinstance(decorator, ast.Call)
            and isinstance(decorator.func, ast.Attribute)
            and decorator.func.attr in ROUTE_METHODS
        ):
            continue
        if ctx.resolver.type_of(decorator.func.value, scope) in ROUTE_OWNERS:
            return True
        first = decorator.args[0] if decorator.args else None
        for keyword in decorator.keywords:
            if keyword.arg == "path":
                first = keyword.value
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return True
        if isinstance(first, ast.JoinedStr):
            return True
    return False
