"""Which functions handle which exceptions: shared by the FP5xx rules.

A function handles an exception class when it is registered with
``@app.exception_handler(E)``, ``app.add_exception_handler(E, handler)`` or
``FastAPI(exception_handlers={E: handler})`` anywhere in the module (the
dict may also be a variable assigned once from a dict literal, or the value of
an ``"exception_handlers"`` key in a dict of app keyword arguments). The
builtin ``Exception`` / ``BaseException`` are recorded as
``builtins.Exception`` / ``builtins.BaseException`` and a status code ``500``
as ``status:500``.
"""

from __future__ import annotations

import ast
import builtins
from functools import cached_property

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.resolve import FunctionNode, ModuleInfo, Resolver, Scope

#: The exceptions a catch-all handler is registered for (see ``exception_name``).
CATCH_ALL = frozenset({"builtins.Exception", "builtins.BaseException", "status:500"})
FASTAPI_HTTP_EXCEPTION = "fastapi.HTTPException"
STARLETTE_HTTP_EXCEPTION = "starlette.exceptions.HTTPException"


class HandlerIndex:
    """Function node id -> canonical names of the exceptions it handles."""

    def __init__(self, module: ModuleInfo, resolver: Resolver) -> None:
        self.module = module
        self.resolver = resolver

    @cached_property
    def handled(self) -> dict[int, set[str]]:
        result: dict[int, set[str]] = {}
        for node in ast.walk(self.module.tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for decorator in node.decorator_list:
                    if isinstance(decorator, ast.Call) and is_exception_handler_decorator(decorator):
                        self._add(result, node, decorator.args[0], decorator)
            elif isinstance(node, (ast.Call, ast.Dict)):
                for exc, handler in registered_pairs(node, self.module):
                    if handler is not None:
                        self._add_by_name(result, handler, exc, node)
        return result

    @cached_property
    def registered(self) -> set[str]:
        """Every exception name some handler is registered for in the module."""
        names: set[str] = set()
        for node in ast.walk(self.module.tree):
            if isinstance(node, (ast.Call, ast.Dict)):
                for exc, _ in registered_pairs(node, self.module):
                    name = exception_name(exc, self.resolver, self.module.scope_of(node))
                    if name is not None:
                        names.add(name)
        return names

    def _add_by_name(self, result: dict[int, set[str]], handler: ast.expr, exc: ast.expr, site: ast.AST) -> None:
        scope = self.module.scope_of(site)
        definition = self.resolver.definition(handler, scope)
        if definition is not None and isinstance(definition.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self._add(result, definition.node, exc, site)

    def _add(self, result: dict[int, set[str]], func: FunctionNode, exc: ast.expr, site: ast.AST) -> None:
        name = exception_name(exc, self.resolver, self.module.scope_of(site))
        if name is not None:
            result.setdefault(id(func), set()).add(name)


def handler_index(ctx: Context) -> HandlerIndex:
    """One index per module, shared by the rules that ask for it."""
    index = ctx.module.cache.get("handlers")
    if index is None:
        index = ctx.module.cache["handlers"] = HandlerIndex(ctx.module, ctx.resolver)
    assert isinstance(index, HandlerIndex)
    return index


def exception_parameter(func: FunctionNode) -> ast.arg | None:
    """The ``exc`` of ``handler(request, exc)``."""
    params = func.args.posonlyargs + func.args.args
    if len(params) >= 2:
        return params[1]
    return None


def exception_name(exc: ast.expr, resolver: Resolver, scope: Scope) -> str | None:
    """The canonical name of a registered exception class: an imported
    class by its qualified name, an unshadowed builtin as ``builtins.X``,
    an integer status code as ``status:N``, a class defined in the project
    as ``project:<file>:<name>``."""
    name = resolver.qualified_name(exc, scope)
    if name is not None:
        return name
    if isinstance(exc, ast.Name) and not scope.lookup(exc.id) and exc.id in dir(builtins):
        return f"builtins.{exc.id}"
    if isinstance(exc, ast.Constant) and type(exc.value) is int:
        return f"status:{exc.value}"
    definition = resolver.definition(exc, scope)
    if definition is not None and isinstance(definition.node, ast.ClassDef):
        return f"project:{definition.scope.module.filename}:{definition.node.name}"
    return None


def is_exception_handler_decorator(call: ast.Call) -> bool:
    """``@app.exception_handler(E)`` (the call, before it decorates)."""
    return isinstance(call.func, ast.Attribute) and call.func.attr == "exception_handler" and bool(call.args)


def registered_pairs(node: ast.Call | ast.Dict, module: ModuleInfo) -> list[tuple[ast.expr, ast.expr | None]]:
    """(exception, handler) for each registration this node makes.

    ``app.exception_handler(E)`` gives ``(E, None)`` (the handler is the
    decorated function); ``app.add_exception_handler(E, h)`` and
    ``exception_handlers={E: h}`` (a keyword, a variable assigned a dict
    literal, or an ``"exception_handlers"`` entry of a kwargs dict) give
    ``(E, h)``.
    """
    pairs: list[tuple[ast.expr, ast.expr | None]] = []
    if isinstance(node, ast.Dict):
        for key, value in zip(node.keys, node.values, strict=True):
            if isinstance(key, ast.Constant) and key.value == "exception_handlers" and isinstance(value, ast.Dict):
                pairs.extend(_dict_pairs(value))
        return pairs
    func = node.func
    if isinstance(func, ast.Attribute):
        if is_exception_handler_decorator(node):
            pairs.append((node.args[0], None))
        elif func.attr == "add_exception_handler" and len(node.args) >= 2:
            pairs.append((node.args[0], node.args[1]))
    for keyword in node.keywords:
        if keyword.arg == "exception_handlers":
            handlers = _dict_literal(keyword.value, module.scope_of(node))
            if handlers is not None:
                pairs.extend(_dict_pairs(handlers))
    return pairs


def _dict_pairs(handlers: ast.Dict) -> list[tuple[ast.expr, ast.expr | None]]:
    return [(key, value) for key, value in zip(handlers.keys, handlers.values, strict=True) if key is not None]


def _dict_literal(expr: ast.expr, scope: Scope) -> ast.Dict | None:
    """A dict literal, or a name bound exactly once to one."""
    if isinstance(expr, ast.Dict):
        return expr
    if isinstance(expr, ast.Name):
        bindings = scope.lookup(expr.id)
        if len(bindings) == 1 and bindings[0].kind in ("assign", "annassign"):
            value = bindings[0].value
            if isinstance(value, ast.Dict):
                return value
    return None


def is_catch_all_handler(func: FunctionNode, ctx: Context) -> bool:
    """``func`` is registered as a handler for ``Exception`` (or 500)."""
    return bool(handler_index(ctx).handled.get(id(func), set()) & CATCH_ALL)
