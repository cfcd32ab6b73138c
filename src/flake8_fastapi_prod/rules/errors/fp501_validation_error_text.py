from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, FixSafety, Gate, Rule
from flake8_fastapi_prod.resolve import Binding
from flake8_fastapi_prod.rules.errors.handlers import exception_parameter, handled_by

REQUEST_VALIDATION_ERROR = "fastapi.exceptions.RequestValidationError"

#: Calls whose arguments go to logs or error trackers, not to the client.
INTERNAL_SINKS = frozenset(
    {
        "debug",
        "info",
        "warning",
        "warn",
        "error",
        "exception",
        "critical",
        "fatal",
        "log",
        "capture_message",
        "capture_exception",
        "print",
    }
)


def is_request_validation_error(expr: ast.expr, ctx: Context) -> bool:
    """``exc`` is a RequestValidationError: annotated so, bound by
    ``except RequestValidationError as exc``, or the exception parameter of
    a handler registered for it."""
    if not isinstance(expr, ast.Name):
        return False
    handler = _enclosing_handler_binding(expr.id, ctx)
    if handler is not None:  # ``except (RequestValidationError, ...) as exc:`` around the use
        types = handler.elts if isinstance(handler, ast.Tuple) else [handler]
        return any(ctx.qualified_name(t) == REQUEST_VALIDATION_ERROR for t in types)
    bindings = ctx.scope.lookup(expr.id)
    # Only these bindings can give a validation error a type (a name bound
    # to a call result is never one): this spares inferring the type of
    # every name in every f-string.
    if bindings and all(_may_hold_exception(b) for b in bindings) and ctx.type_of(expr) == REQUEST_VALIDATION_ERROR:
        return True
    if len(bindings) != 1 or bindings[0].kind != "param":
        return False
    function = bindings[0].scope.node
    if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    if exception_parameter(function) is not bindings[0].node:
        return False
    return REQUEST_VALIDATION_ERROR in handled_by(function, ctx)


def _enclosing_handler_binding(name: str, ctx: Context) -> ast.expr | None:
    """The type of the innermost ``except ... as name`` whose block holds
    the node (in the same function): what ``name`` is there, whatever else
    the function binds to it (``err = None``, another ``except ... as err``)."""
    for ancestor in reversed(ctx.ancestors):
        if isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            return None
        if isinstance(ancestor, ast.ExceptHandler) and ancestor.name == name and ancestor.type is not None:
            return ancestor.type
    return None


def _may_hold_exception(binding: Binding) -> bool:
    if binding.kind in ("param", "annassign", "except"):
        return True
    return binding.kind == "assign" and isinstance(binding.value, ast.Name)


def in_internal_sink(ctx: Context) -> bool:
    for ancestor in reversed(ctx.ancestors):
        if isinstance(ancestor, ast.stmt):
            return False
        if isinstance(ancestor, ast.Call):
            func = ancestor.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name in INTERNAL_SINKS:
                return True
    return False


def goes_into_json(node: ast.expr, ctx: Context) -> bool:
    """The value lands where a list serialises as well as a string: a dict
    value or list element, ``detail=``, or a JSON response's ``content=``.
    Elsewhere (``PlainTextResponse(str(exc))``, ``message + "..."``) a list
    would break the code, so there is no fix."""
    parent = ctx.parent
    if isinstance(parent, ast.Dict):
        return any(value is node for value in parent.values)
    if isinstance(parent, (ast.List, ast.Tuple)):
        return True
    if isinstance(parent, ast.keyword):
        if parent.arg == "detail":
            return True
        if parent.arg == "content" and len(ctx.ancestors) >= 2:
            call = ctx.ancestors[-2]
            if isinstance(call, ast.Call):
                callee = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
                return "JSON" in callee
    return False


LEAKS = "sends the endpoint's source file, line and function name to the client"
#: The FastAPI release whose RequestValidationError text gained the endpoint's location.
LOCATION_SINCE = "0.124.0"


def _leaks(ctx: Context) -> str:
    """What ``str(exc)`` does wrong on the target: before FastAPI 0.124.0 the
    text is only the errors' repr."""
    return UNSTRUCTURED if ctx.targets.below("fastapi", LOCATION_SINCE) else LEAKS


UNSTRUCTURED = "sends Python reprs to the client instead of the structured error list"
NO_FIX_NOTE = " (no fix: the text is used where a list would not fit)"


class ValidationErrorAsText(Rule):
    """A `RequestValidationError` turned into text with `str()`, `repr()`, an f-string or `.args`.

    ## What it does
    Flags `str(exc)`, `repr(exc)`, `f"{exc}"` and `exc.args` where `exc` is
    a `RequestValidationError`: the exception parameter of a handler
    registered for it (`@app.exception_handler(...)`,
    `app.add_exception_handler(...)`, `FastAPI(exception_handlers={...})`,
    in the handler's module or in the module of the project that registers
    it, such as `main.py`), a parameter annotated with it, or the name of an
    `except RequestValidationError as exc` block. Text passed to logging
    calls, `print` or an error tracker stays internal and is not flagged.

    ## Why is this bad?
    On FastAPI 0.165 `str(exc)` (and so an f-string) lists the errors and
    then the endpoint's source location, `File "/app/routes.py", line 12,
    in create_item` and the method and path: the client learns the
    server's file layout. `repr(exc)` and `exc.args` leave the location out
    but still hand the client Python reprs (with the `ctx` exception
    objects) instead of the structured list it can act on. The source
    location is in the text from FastAPI 0.124.0 on (verified: 0.112.0 with
    Pydantic 1.10.17, 0.115.14, 0.120.0 and 0.123.10 give only the errors'
    repr; 0.124.0 and 0.165.0 add the location): on an older target the
    finding says the text is unstructured instead.

    ## Example
    ```python
    from fastapi import FastAPI
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse

    app = FastAPI()

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request, exc):
        return JSONResponse(status_code=422, content={"detail": str(exc)})
    ```

    ## Use instead
    ```python
    from fastapi import FastAPI
    from fastapi.encoders import jsonable_encoder
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse

    app = FastAPI()

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request, exc):
        return JSONResponse(status_code=422, content={"detail": jsonable_encoder(exc.errors())})
    ```

    ## Fix safety
    Safe: the expression becomes `exc.errors()` where a list fits as well
    as the string did: a dict value or list element of the response body,
    `detail=`, a JSON response's `content=`, or inside an f-string
    (`{exc.errors()}`). Elsewhere (a `PlainTextResponse` body, string
    concatenation, `exc.args[0]`) there is no fix. Put the list through
    `jsonable_encoder` before a JSON response (FP502).
    """

    code = "FP501"
    gates = {"Call": Gate(keys=frozenset({"str", "repr"})), "Attribute": Gate(keys=frozenset({"args"}))}
    name = "validation-error-as-text"
    message = "{form} of a RequestValidationError {harm}; use exc.errors(){note}"
    fix_safety = FixSafety.SAFE

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        func = node.func
        if not (isinstance(func, ast.Name) and func.id in ("str", "repr") and len(node.args) == 1):
            return
        if node.keywords or not ctx.name_is_free(func.id):
            return
        argument = node.args[0]
        if is_request_validation_error(argument, ctx) and not in_internal_sink(ctx):
            assert isinstance(argument, ast.Name)
            fixable = goes_into_json(node, ctx)
            yield self.report(
                node,
                fixable=fixable,
                fix_data={"exc": argument.id},
                form=f"{func.id}()",
                harm=_leaks(ctx) if func.id == "str" else UNSTRUCTURED,
                note="" if fixable else NO_FIX_NOTE,
            )

    def visit_Attribute(self, node: ast.Attribute, ctx: Context) -> Iterator[Finding]:
        if node.attr != "args" or not isinstance(node.ctx, ast.Load):
            return
        if is_request_validation_error(node.value, ctx) and not in_internal_sink(ctx):
            assert isinstance(node.value, ast.Name)
            fixable = goes_into_json(node, ctx)
            yield self.report(
                node,
                fixable=fixable,
                fix_data={"exc": node.value.id},
                form=".args",
                harm=UNSTRUCTURED,
                note="" if fixable else NO_FIX_NOTE,
            )

    def visit_FormattedValue(self, node: ast.FormattedValue, ctx: Context) -> Iterator[Finding]:
        value = node.value
        if node.format_spec is not None or not is_request_validation_error(value, ctx):
            return
        ctx.ancestors.append(node)  # the f-string itself may be a log argument
        internal = in_internal_sink(ctx)
        ctx.ancestors.pop()
        if not internal:
            assert isinstance(value, ast.Name)
            yield self.report(value, fix_data={"exc": value.id}, form="an f-string", harm=_leaks(ctx), note="")

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        if not isinstance(node, (cst.Call, cst.Attribute, cst.Name)):
            return None
        errors = cst.parse_expression(f"{finding.data()['exc']}.errors()")
        if isinstance(node, cst.Name):
            return errors.with_changes(lpar=node.lpar, rpar=node.rpar)
        return errors.with_changes(lpar=node.lpar, rpar=node.rpar)
