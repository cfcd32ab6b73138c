from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, FixSafety, Rule
from flake8_fastapi_prod.resolve import FunctionNode, own_nodes
from flake8_fastapi_prod.rules.errors.fp505_yield_dependency_swallows import used_as_dependency
from flake8_fastapi_prod.rules.errors.response_flow import is_route_function
from flake8_fastapi_prod.rules.security.common import http_exception_class, is_test_module


def _returns_values_too(function: FunctionNode, ctx: Context) -> bool:
    """``get_or_404()`` returning the object on one path and an
    HTTPException on another: no caller can raise what it returns (a
    factory returns only exceptions; ``return None`` on success is the
    "error or nothing" style, left alone). The other value must be plainly
    not an exception: a name assigned in the function from something else,
    an item, an attribute, an awaited value or a dict / list literal (a
    parameter passed through or a call's result is not judged)."""
    values = False
    for node in own_nodes(function):
        if not isinstance(node, ast.Return) or node.value is None:
            continue
        value = node.value
        if isinstance(value, ast.Constant) and value.value is None:
            continue
        if isinstance(value, ast.Call) and http_exception_class(value.func, ctx) is not None:
            continue
        if isinstance(value, ast.Name):
            kind = _name_kind(value, function, ctx)
            if kind == "exception":
                continue
            if kind is None:
                return False
        elif not isinstance(value, (ast.Attribute, ast.Subscript, ast.Await, ast.Dict, ast.List)):
            return False  # a call, a tuple, a conditional, a constant...: not judged
        values = True
    return values


def _name_kind(name: ast.Name, function: FunctionNode, ctx: Context) -> str | None:
    """ "exception" for ``exc = HTTPException(...)`` or a name an ``except``
    clause binds; "value" for a name only assigned other things in the
    function; None otherwise (a parameter, a global, a loop variable)."""
    kinds: set[str] = set()
    for node in own_nodes(function):
        if isinstance(node, ast.ExceptHandler) and node.name == name.id:
            kinds.add("exception")
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if not any(isinstance(t, ast.Name) and t.id == name.id for t in targets):
                continue
            if isinstance(node.value, ast.Call) and http_exception_class(node.value.func, ctx) is not None:
                kinds.add("exception")
            else:
                kinds.add("value")
        elif any(isinstance(n, ast.Name) and n.id == name.id for n in _bound_targets(node)):
            return None
    if "exception" in kinds:
        return "exception"
    parameter = _parameter_value(function, name.id)
    if kinds == {"value"} and parameter is None:
        return "value"
    return "value" if not kinds and parameter else None


def _parameter_value(function: FunctionNode, name: str) -> bool | None:
    """None: not a parameter; True: a parameter that is plainly a value
    (annotated with a type that names no exception or error, or given a
    ``Header()`` / ``Depends()`` default); False: any other parameter (an
    exception passed through, perhaps)."""
    arguments = function.args
    positional = arguments.posonlyargs + arguments.args
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(arguments.defaults)) + list(arguments.defaults)
    pairs = [*zip(positional, defaults, strict=True), *zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)]
    for argument, default in pairs:
        if argument.arg != name:
            continue
        if argument.annotation is not None:
            text = ast.unparse(argument.annotation)
            return "Exception" not in text and "Error" not in text
        return isinstance(default, ast.Call)
    return None


def _bound_targets(node: ast.AST) -> list[ast.AST]:
    """The names a loop, ``with`` or ``:=`` binds."""
    if isinstance(node, (ast.For, ast.AsyncFor)):
        return list(ast.walk(node.target))
    if isinstance(node, (ast.With, ast.AsyncWith)):
        return [n for item in node.items if item.optional_vars is not None for n in ast.walk(item.optional_vars)]
    if isinstance(node, ast.NamedExpr):
        return [node.target]
    return []


class ReturnedHttpException(Rule):
    """`return HTTPException(...)` in a route or dependency instead of `raise`.

    ## What it does
    Flags `return HTTPException(...)` (FastAPI's or Starlette's
    `HTTPException`, or a project subclass of either) directly in a path
    operation function (`@app.get(...)`, `@router.post(...)`) or in a
    function used as a dependency (`Depends(fn)` / `Security(fn)`, in its
    module or another module of the project), and in a helper that returns
    a value on another path (`get_or_404()` returning the object or the
    exception: whoever calls it gets the exception as a value). A function
    that builds the exception for its caller to raise (one that returns
    only exceptions, or `None` otherwise, or whose return annotation names
    the exception) is not flagged.

    ## Why is this bad?
    Returning the exception does not raise it. Verified on FastAPI 0.165:
    from a route with no return annotation and no `response_model` the
    client gets `200` with the exception serialised as the body
    (`{"status_code":404,"detail":"nf","headers":null}`); with a
    `response_model` or a return annotation, a `500`. Returned from a
    dependency, the route runs anyway with the exception object as the
    dependency's value: the check the dependency was meant to enforce
    never happens.

    ## Example
    ```python
    from fastapi import FastAPI, HTTPException

    app = FastAPI()

    @app.get("/items/{item_id}")
    async def read_item(item_id: int):
        if item_id != 1:
            return HTTPException(status_code=404, detail="Item not found")
        return {"id": item_id}
    ```

    ## Use instead
    ```python
    from fastapi import FastAPI, HTTPException

    app = FastAPI()

    @app.get("/items/{item_id}")
    async def read_item(item_id: int):
        if item_id != 1:
            raise HTTPException(status_code=404, detail="Item not found")
        return {"id": item_id}
    ```

    ## Fix safety
    Safe: `return` becomes `raise`; the client then gets the status and
    detail the exception carries (verified with a TestClient request
    against the fixed test data: 404 `{"detail": "Item not found"}`, and a
    403 from the fixed dependency before the route runs).
    """

    code = "FP507"
    name = "returned-http-exception"
    message = "{cls} is returned from a {kind}, not raised: the client gets {outcome}; use raise"
    fix_safety = FixSafety.SAFE

    def visit_Return(self, node: ast.Return, ctx: Context) -> Iterator[Finding]:
        value = node.value
        if not isinstance(value, ast.Call):
            return
        cls = http_exception_class(value.func, ctx)
        if cls is None:
            return
        function = ctx.function()
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return
        if function.returns is not None and "Exception" in ast.unparse(function.returns):
            return  # a factory: the caller raises what it returns
        parent = ctx.scope.parent or ctx.scope
        if is_route_function(function, ctx, parent):
            kind, outcome = "route", "a 200 with the exception as the body (or a 500 with a response model)"
        elif used_as_dependency(function, ctx):
            kind, outcome = "dependency", "whatever the route does, run with the exception as the value"
        elif not is_test_module(ctx.module) and ctx.module.memo(
            f"fp507-mixed:{id(function)}", lambda: _returns_values_too(function, ctx)
        ):
            kind = "helper that also returns values"
            outcome = "the exception as a value (a route returning it answers 200 with it as the body)"
        else:
            return
        yield self.report(node, cls=cls.rpartition(".")[2], kind=kind, outcome=outcome)

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        if not isinstance(node, cst.Return) or node.value is None:
            return None
        return cst.Raise(exc=node.value, whitespace_after_raise=cst.SimpleWhitespace(" "), semicolon=node.semicolon)
