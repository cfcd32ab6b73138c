from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, Gate, Rule
from flake8_fastapi_prod.resolve import FunctionNode
from flake8_fastapi_prod.rules.errors.handlers import exception_parameter, is_catch_all_handler
from flake8_fastapi_prod.rules.errors.response_flow import ALL_RESPONSES, SinkSpec, is_route_function, reaching_sink

SPEC = SinkSpec(responses=ALL_RESPONSES, text=True, returns=True)

TRACEBACK_FORMATTERS = frozenset(
    {
        "traceback.format_exc",
        "traceback.format_exception",
        "traceback.format_exception_only",
        "traceback.format_tb",
    }
)
BROAD = frozenset({"Exception", "BaseException"})


class ExceptionTextToClient(Rule):
    """Exception text or a traceback sent to the client by a catch-all handler or a broad `except` in a route.

    ## What it does
    Flags `str(exc)`, `repr(exc)`, `f"{exc}"`, `exc.args` and
    `traceback.format_exc()` / `format_exception()` /
    `format_exception_only()` / `format_tb()` whose text reaches the
    response: a response's `content` (`JSONResponse`, `PlainTextResponse`,
    `HTMLResponse`, `Response`, ...), an `HTTPException` `detail`, or the
    returned value, directly, inside a dict or list literal or a string
    built from it, or through a local variable. Two places count: a handler
    registered for `Exception` (or status `500`) with
    `@app.exception_handler`, `app.add_exception_handler` or
    `FastAPI(exception_handlers=...)` (in its own module or in another
    module of the project that imports it), where `exc` is its exception
    parameter; and an `except Exception as exc:` / `except
    BaseException` / bare `except:` block directly inside a route function
    (`@app.get(...)`, `@router.post(...)`, ...). Text passed to logging
    calls or any other helper is not followed and not flagged; neither are
    specific `except ValueError as exc:` blocks, whose messages are usually
    meant for the client.

    ## Why is this bad?
    A catch-all sees every unexpected error: database errors with SQL and
    connection strings, file paths, internal hostnames, keys in `KeyError`
    messages, whole tracebacks. Sending that text to the client leaks
    internals to anyone who can trigger an error ("never leak tracebacks",
    the production checklists say). Log the exception server-side and
    return a generic message, perhaps with a correlation id.

    ## Example
    ```python
    from fastapi import FastAPI, HTTPException

    app = FastAPI()

    @app.get("/report")
    async def report():
        try:
            return build_report()
        except Exception as exc:
            raise HTTPException(status_code=500, detail=str(exc))
    ```

    ## Use instead
    ```python
    import logging

    from fastapi import FastAPI, HTTPException

    app = FastAPI()
    logger = logging.getLogger(__name__)

    @app.get("/report")
    async def report():
        try:
            return build_report()
        except Exception:
            logger.exception("report failed")
            raise HTTPException(status_code=500, detail="Internal server error")
    ```

    ## Fix safety
    No fix: what the client should see instead is a product decision.
    """

    code = "FP504"
    gates = {
        "Call": Gate(keys=frozenset({"str", "repr", "format"}), qualnames=TRACEBACK_FORMATTERS),
        "Attribute": Gate(keys=frozenset({"args"})),
    }
    name = "exception-text-to-client"
    message = "{form} in {origin} reaches the client ({where}); log it and return a generic message"

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        func = node.func
        if isinstance(func, ast.Name) and func.id in ("str", "repr") and len(node.args) == 1 and not node.keywords:
            argument = node.args[0]
            if isinstance(argument, ast.Name) and ctx.name_is_free(func.id):
                yield from self._check(node, argument, f"{func.id}({argument.id})", ctx, node)
            return
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "format"
            and isinstance(func.value, ast.Constant)
            and isinstance(func.value.value, str)
        ):
            # ``"failed: {}".format(exc)``
            for argument in node.args:
                if isinstance(argument, ast.Name):
                    yield from self._check(argument, argument, f"'...'.format({argument.id})", ctx, node)
            return
        name = ctx.qualified_name(func)
        if name in TRACEBACK_FORMATTERS:
            origin = self._traceback_origin(ctx)
            if origin:
                yield from self._report_if_sent(node, f"{name}()", origin, ctx)

    def visit_Attribute(self, node: ast.Attribute, ctx: Context) -> Iterator[Finding]:
        if node.attr == "args" and isinstance(node.ctx, ast.Load) and isinstance(node.value, ast.Name):
            yield from self._check(node, node.value, f"{node.value.id}.args", ctx, node)

    def visit_FormattedValue(self, node: ast.FormattedValue, ctx: Context) -> Iterator[Finding]:
        if isinstance(node.value, ast.Name):
            yield from self._check(node.value, node.value, f"f-string {{{node.value.id}}}", ctx, node)

    def visit_BinOp(self, node: ast.BinOp, ctx: Context) -> Iterator[Finding]:
        """``"failed: %s" % exc``."""
        if isinstance(node.op, ast.Mod) and isinstance(node.right, ast.Name):
            yield from self._check(node.right, node.right, f"'...' % {node.right.id}", ctx, node)

    def _check(self, node: ast.expr, exc: ast.Name, form: str, ctx: Context, visited: ast.AST) -> Iterator[Finding]:
        """``visited``: the node the walk is at (ctx.ancestors are its ancestors)."""
        origin = self._exception_origin(exc, ctx)
        if origin and not _narrowed(exc.id, [*ctx.ancestors, visited]):
            yield from self._report_if_sent(node, form, origin, ctx)

    def _report_if_sent(self, node: ast.expr, form: str, origin: str, ctx: Context) -> Iterator[Finding]:
        sink = reaching_sink(node, ctx, SPEC)
        if sink is not None:
            where = sink.where + (f" through {', '.join(sink.variables)}" if sink.variables else "")
            yield self.report(node, form=form, origin=origin, where=where)

    # -- where the exception comes from ------------------------------------

    def _exception_origin(self, exc: ast.Name, ctx: Context) -> str:
        function = _own_function(ctx)
        if function is None:
            return ""
        handler = _enclosing_except(ctx, exc.id)
        if handler is not None:
            if _is_broad(handler, ctx) and _is_route(function, ctx):
                return f"a broad except in route {function.name}()"
            return ""
        bindings = ctx.scope.lookup(exc.id)
        if len(bindings) != 1 or bindings[0].kind != "param" or bindings[0].scope.node is not function:
            return ""
        if exception_parameter(function) is not bindings[0].node or not is_catch_all_handler(function, ctx):
            return ""
        return f"catch-all exception handler {function.name}()"

    def _traceback_origin(self, ctx: Context) -> str:
        function = _own_function(ctx)
        if function is None:
            return ""
        if is_catch_all_handler(function, ctx):
            return f"catch-all exception handler {function.name}()"
        if _is_route(function, ctx) and any(_is_broad(h, ctx) for h in _enclosing_excepts(ctx)):
            return f"a broad except in route {function.name}()"
        return ""


def _narrowed(name: str, path: list[ast.AST]) -> bool:
    """Inside the true branch of a test on the exception (``if
    isinstance(exc, KnownError):``, ``if "quota" in str(exc):``): only a
    known kind of error gets there, whose message is meant for the client.
    ``path``: the node's ancestors and the node (so that ``str(exc) if
    isinstance(exc, KnownError) else ...`` counts as narrowed)."""
    for index in range(len(path) - 1, 0, -1):
        ancestor, child = path[index - 1], path[index]
        if isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            return False
        test = _test_guarding(ancestor, child)
        if test is not None and any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(test)):
            return True
    return False


def _test_guarding(ancestor: ast.AST, child: ast.AST) -> ast.expr | None:
    """The test of an ``if`` / conditional expression whose true branch holds ``child``."""
    if isinstance(ancestor, ast.If):
        return ancestor.test if child in ancestor.body else None
    if isinstance(ancestor, ast.IfExp):
        return ancestor.test if child is ancestor.body else None
    return None


def _own_function(ctx: Context) -> FunctionNode | None:
    function = ctx.function()
    return function if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) else None


def _enclosing_excepts(ctx: Context) -> Iterator[ast.ExceptHandler]:
    """The except blocks around the node, innermost first, in its function."""
    for ancestor in reversed(ctx.ancestors):
        if isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            return
        if isinstance(ancestor, ast.ExceptHandler):
            yield ancestor


def _enclosing_except(ctx: Context, name: str) -> ast.ExceptHandler | None:
    """The innermost ``except ... as name`` block around the node."""
    return next((h for h in _enclosing_excepts(ctx) if h.name == name), None)


def _is_broad(handler: ast.ExceptHandler, ctx: Context) -> bool:
    """Bare ``except:``, ``except Exception`` / ``BaseException`` (also in a tuple)."""
    if handler.type is None:
        return True
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(isinstance(t, ast.Name) and t.id in BROAD and ctx.name_is_free(t.id) for t in types)


def _is_route(function: FunctionNode, ctx: Context) -> bool:
    for scope in reversed(ctx.scopes):
        if scope.node is function:
            return scope.parent is not None and is_route_function(function, ctx, scope.parent)
    return False
