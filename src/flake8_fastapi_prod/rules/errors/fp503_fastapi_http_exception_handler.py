from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, FixSafety, Rule
from flake8_fastapi_prod.rules.errors.handlers import (
    FASTAPI_HTTP_EXCEPTION,
    STARLETTE_HTTP_EXCEPTION,
    handler_index,
    registered_pairs,
)

STARLETTE_ALIAS = "StarletteHTTPException"


_REGISTERING_METHODS = frozenset({"exception_handler", "add_exception_handler"})


class FastAPIHTTPExceptionHandler(Rule):
    """An exception handler registered for FastAPI's `HTTPException` instead of Starlette's.

    ## What it does
    Flags the exception class of `@app.exception_handler(HTTPException)`,
    `app.add_exception_handler(HTTPException, handler)` and
    `FastAPI(exception_handlers={HTTPException: handler})` when it is
    FastAPI's `HTTPException` (`fastapi.HTTPException`,
    `fastapi.exceptions.HTTPException`, however imported). Not flagged when
    the module also registers a handler for Starlette's `HTTPException`
    (the split is then deliberate).

    ## Why is this bad?
    The router raises Starlette's `HTTPException` for an unknown path (404)
    and a wrong method (405), and FastAPI's class is a subclass of it, so a
    handler for FastAPI's class never sees those: verified on FastAPI
    0.165 / Starlette 1.10, an unknown route still gets the default
    `{"detail":"Not Found"}` body while errors raised in routes get the
    custom one. A handler for `starlette.exceptions.HTTPException` catches
    both.

    ## Example
    ```python
    from fastapi import FastAPI, HTTPException
    from fastapi.responses import JSONResponse

    app = FastAPI()

    @app.exception_handler(HTTPException)
    async def on_http_error(request, exc):
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
    ```

    ## Use instead
    ```python
    from fastapi import FastAPI
    from fastapi.responses import JSONResponse
    from starlette.exceptions import HTTPException as StarletteHTTPException

    app = FastAPI()

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request, exc):
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
    ```

    ## Fix safety
    Safe: the class argument becomes Starlette's `HTTPException`, through
    an existing import of it when the module has one, otherwise through an
    added `from starlette.exceptions import HTTPException as
    StarletteHTTPException`. The handler then also receives the router's
    404/405, which carry the same `status_code`, `detail` and `headers`
    attributes. No fix when the name `StarletteHTTPException` is taken.
    """

    code = "FP503"
    name = "fastapi-http-exception-handler"
    message = (
        "exception handler registered for FastAPI's HTTPException misses the 404/405 the router raises "
        "(Starlette's HTTPException); register it for starlette.exceptions.HTTPException{note}"
    )
    fix_safety = FixSafety.SAFE

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        # What handlers.registered_pairs reads of a call, tested first: most calls register nothing.
        func = node.func
        if (isinstance(func, ast.Attribute) and func.attr in _REGISTERING_METHODS) or any(
            k.arg == "exception_handlers" for k in node.keywords
        ):
            yield from self._check(node, ctx)

    def visit_Dict(self, node: ast.Dict, ctx: Context) -> Iterator[Finding]:
        yield from self._check(node, ctx)

    def _check(self, node: ast.Call | ast.Dict, ctx: Context) -> Iterator[Finding]:
        for exc, _ in registered_pairs(node, ctx.module):
            if ctx.qualified_name(exc) != FASTAPI_HTTP_EXCEPTION:
                continue
            if STARLETTE_HTTP_EXCEPTION in handler_index(ctx.module, ctx.resolver).registered:
                continue
            data: dict[str, Any] = {}
            fixable, note = True, ""
            reference = ctx.reference_to(STARLETTE_HTTP_EXCEPTION)
            if reference is None:
                if ctx.name_is_free(STARLETTE_ALIAS):
                    reference, data["import"] = STARLETTE_ALIAS, True
                else:
                    fixable, note = False, f" (no fix: the name {STARLETTE_ALIAS} is taken here)"
            data["reference"] = reference
            yield self.report(exc, fixable=fixable, fix_data=data, note=note)

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        if not isinstance(node, (cst.Name, cst.Attribute)):
            return None
        data = finding.data()
        if data.get("import"):
            fix_ctx.add_import("starlette.exceptions", "HTTPException", STARLETTE_ALIAS)
        return cst.parse_expression(data["reference"]).with_changes(lpar=node.lpar, rpar=node.rpar)
