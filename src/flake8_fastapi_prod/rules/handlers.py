"""Which functions handle which exceptions: shared by the FP5xx rules.

A function handles an exception class when it is registered with
``@app.exception_handler(E)``, ``app.add_exception_handler(E, handler)`` or
``FastAPI(exception_handlers={E: handler})`` anywhere in the module.
"""

from __future__ import annotations

import ast
from functools import cached_property

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.resolve import FunctionNode, ModuleInfo, Resolver


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
                    if (
                        isinstance(decorator, ast.Call)
                        and isinstance(decorator.func, ast.Attribute)
                        and decorator.func.attr == "exception_handler"
                        and decorator.args
                    ):
                        self._add(result, node, decorator.args[0], decorator)
            elif isinstance(node, ast.Call):
                self._registrations(node, result)
        return result

    def _registrations(self, call: ast.Call, result: dict[int, set[str]]) -> None:
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr == "add_exception_handler" and len(call.args) >= 2:
            self._add_by_name(result, call.args[1], call.args[0], call)
        for keyword in call.keywords:
            if keyword.arg == "exception_handlers" and isinstance(keyword.value, ast.Dict):
                for key, value in zip(keyword.value.keys, keyword.value.values, strict=True):
                    if key is not None:
                        self._add_by_name(result, value, key, call)

    def _add_by_name(self, result: dict[int, set[str]], handler: ast.expr, exc: ast.expr, site: ast.AST) -> None:
        scope = self.module.scope_of(site)
        definition = self.resolver.definition(handler, scope)
        if definition is not None and isinstance(definition.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self._add(result, definition.node, exc, site)

    def _add(self, result: dict[int, set[str]], func: FunctionNode, exc: ast.expr, site: ast.AST) -> None:
        name = self.resolver.qualified_name(exc, self.module.scope_of(site))
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
