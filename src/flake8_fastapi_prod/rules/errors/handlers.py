"""Which functions handle which exceptions: shared by the FP5xx rules.

A function handles an exception class when it is registered with
``@app.exception_handler(E)``, ``app.add_exception_handler(E, handler)`` or
``FastAPI(exception_handlers={E: handler})`` anywhere in its module or, for
a module-level function, in another module of the project that imports it
(the dict may also be a variable assigned once from a dict literal, or the
value of an ``"exception_handlers"`` key in a dict of app keyword
arguments). The
builtin ``Exception`` / ``BaseException`` are recorded as
``builtins.Exception`` / ``builtins.BaseException`` and a status code ``500``
as ``status:500``.
"""

from __future__ import annotations

import ast
import builtins
from functools import cached_property

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.resolve import (
    DefinitionKey,
    FunctionNode,
    ModuleInfo,
    Resolver,
    Scope,
    definition_key,
    is_module_level,
    literal_or_bound_once,
)

#: The exceptions a catch-all handler is registered for (see ``exception_name``).
CATCH_ALL = frozenset({"builtins.Exception", "builtins.BaseException", "status:500"})
FASTAPI_HTTP_EXCEPTION = "fastapi.HTTPException"
STARLETTE_HTTP_EXCEPTION = "starlette.exceptions.HTTPException"


#: Text every statement that registers a handler holds (the decorator, the
#: ``add_exception_handler`` method, the ``exception_handlers`` keyword or key).
_MARKERS = (("exception_handler",),)


class HandlerIndex:
    """The handlers a module registers: function -> canonical names of the
    exceptions it handles (the function may be defined in another module)."""

    def __init__(self, module: ModuleInfo, resolver: Resolver) -> None:
        self.module = module
        self.resolver = resolver

    @cached_property
    def handled(self) -> dict[DefinitionKey, set[str]]:
        result: dict[DefinitionKey, set[str]] = {}
        for node in self.module.nodes_mentioning(_MARKERS, ast.FunctionDef, ast.AsyncFunctionDef, ast.Call, ast.Dict):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for decorator in node.decorator_list:
                    if isinstance(decorator, ast.Call) and is_exception_handler_decorator(decorator):
                        self._add(result, definition_key(self.module, node), decorator.args[0], decorator)
            elif isinstance(node, (ast.Call, ast.Dict)):
                for exc, handler in registered_pairs(node, self.module):
                    if handler is not None:
                        self._add_by_name(result, handler, exc, node)
        return result

    @cached_property
    def registered(self) -> set[str]:
        """Every exception name some handler is registered for in the module."""
        names: set[str] = set()
        for node in self.module.nodes_mentioning(_MARKERS, ast.Call, ast.Dict):
            for exc, _ in registered_pairs(node, self.module):
                name = exception_name(exc, self.resolver, self.module.scope_of(node))
                if name is not None:
                    names.add(name)
        return names

    def _add_by_name(
        self, result: dict[DefinitionKey, set[str]], handler: ast.expr, exc: ast.expr, site: ast.AST
    ) -> None:
        scope = self.module.scope_of(site)
        definition = self.resolver.definition(handler, scope)
        if definition is not None and isinstance(definition.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self._add(result, definition_key(definition.scope.module, definition.node), exc, site)

    def _add(self, result: dict[DefinitionKey, set[str]], func: DefinitionKey, exc: ast.expr, site: ast.AST) -> None:
        name = exception_name(exc, self.resolver, self.module.scope_of(site))
        if name is not None:
            result.setdefault(func, set()).add(name)


def handler_index(module: ModuleInfo, resolver: Resolver | None = None) -> HandlerIndex:
    """One index per module, shared by the rules that ask for it."""
    return module.memo("handlers", lambda: HandlerIndex(module, resolver or Resolver(module)))


#: Text a module that registers a handler holds (decorator,
#: ``add_exception_handler``, ``exception_handlers=``).
REGISTRATION_MARKERS = (b"exception_handler",)


def handled_by(func: FunctionNode, ctx: Context) -> set[str]:
    """The exceptions ``func`` is registered to handle: in its own module,
    or, for a module-level function, in any module of the project that
    names it (``app.add_exception_handler(E, handlers.on_error)`` in
    ``main.py``)."""
    key = definition_key(ctx.module, func)
    names = handler_index(ctx.module, ctx.resolver).handled.get(key)
    if names:
        return names
    if not is_module_level(func, ctx.module):
        return set()
    elsewhere: dict[DefinitionKey, set[str]] = ctx.module.memo("handlers-elsewhere", dict)
    if key not in elsewhere:
        found: set[str] = set()
        for other in ctx.module.project.modules_mentioning(ctx.module, func.name, REGISTRATION_MARKERS):
            found |= _handled_in(other).get(key, set())
        elsewhere[key] = found
    return elsewhere[key]


def _handled_in(other: ModuleInfo) -> dict[DefinitionKey, set[str]]:
    """Another module's handler registrations, kept for the run."""
    return other.fact("handlers.handled", lambda: handler_index(other).handled)


def exception_parameter(func: FunctionNode) -> ast.arg | None:
    """The ``exc`` of ``handler(request, exc)``: None for a function that
    cannot be called with exactly two positional arguments, which is how
    Starlette calls a handler (a bound method's ``self`` / ``cls`` aside).
    """
    arguments = func.args
    params = arguments.posonlyargs + arguments.args
    if params and params[0].arg in ("self", "cls"):
        params = params[1:]
    required = len(params) - len(arguments.defaults)
    if len(params) < 2 or required > 2 or any(default is None for default in arguments.kw_defaults):
        return None
    return params[1]


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
            handlers = literal_or_bound_once(keyword.value, module.scope_of(node), ast.Dict)
            if handlers is not None:
                pairs.extend(_dict_pairs(handlers))
    return pairs


def _dict_pairs(handlers: ast.Dict) -> list[tuple[ast.expr, ast.expr | None]]:
    return [(key, value) for key, value in zip(handlers.keys, handlers.values, strict=True) if key is not None]


def is_catch_all_handler(func: FunctionNode, ctx: Context) -> bool:
    """``func`` is registered as a handler for ``Exception`` (or 500)."""
    return bool(handled_by(func, ctx) & CATCH_ALL)
