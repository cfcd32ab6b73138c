from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, FixSafety, Gate, Rule, target_at_least
from flake8_fastapi_prod.rules.errors.fp501_validation_error_text import is_request_validation_error
from flake8_fastapi_prod.rules.errors.response_flow import JSON_RESPONSES, SinkSpec, reaching_sink

JSONABLE_ENCODER = "fastapi.encoders.jsonable_encoder"
SPEC = SinkSpec(responses=JSON_RESPONSES, text=False, returns=False)


class ValidationErrorsWithoutEncoder(Rule):
    """`exc.errors()` of a `RequestValidationError` put into a JSON response without `jsonable_encoder`.

    ## What it does
    Flags `exc.errors()`, where `exc` is a `RequestValidationError` (the
    exception parameter of a handler registered for it, in its module or
    in another module of the project, a parameter
    annotated with it, or the name of an `except RequestValidationError as
    exc` block), whose list reaches, without passing through
    `jsonable_encoder`: the `content` of a `JSONResponse`,
    `ORJSONResponse` or `UJSONResponse` (from `fastapi.responses` or
    `starlette.responses`), directly or inside the dict or list literal
    that is the content, or through a local variable holding it
    (`body = {"detail": exc.errors()}; return JSONResponse(content=body)`);
    or the `detail` of an `HTTPException`.

    ## Why is this bad?
    When a field validator raises `ValueError`, the error's `ctx` holds that
    exception object, which `json.dumps` cannot encode: rendering the
    response fails with `TypeError: Object of type ValueError is not JSON
    serializable` and the client gets a 500 instead of the 422 (verified on
    FastAPI 0.165 / Starlette 1.10 / pydantic 2.14). The same happens with
    `raise HTTPException(422, detail=exc.errors())`: FastAPI's default
    handler puts the detail into a `JSONResponse` as is.
    `exc.errors()` takes no arguments on FastAPI 0.165 (unlike pydantic's
    `ValidationError.errors(include_context=False)`), so
    `jsonable_encoder` is the way to drop the objects. Returning the list
    from a route (`return {"detail": exc.errors()}`) is fine and not
    flagged: FastAPI runs the return value through `jsonable_encoder`.

    ## Example
    ```python
    from fastapi import FastAPI
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse

    app = FastAPI()

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request, exc):
        return JSONResponse(status_code=422, content={"detail": exc.errors()})
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

    Only on a Pydantic 2 target (`pydantic>=2`; unknown counts as the
    newest): Pydantic 1's `errors()` holds no exception objects (a
    validator's `ValueError` gives `{"loc", "msg", "type"}` only), so the
    response serialises there (verified on pydantic 1.10.27 with fastapi
    0.79.1).

    ## Fix safety
    Safe: `exc.errors()` becomes `jsonable_encoder(exc.errors())`, the list
    of dicts FastAPI's own handler sends (tuples become lists, exception
    objects become `{}`). `from fastapi.encoders import jsonable_encoder` is
    added unless the module already imports it (that name is then used).
    No fix when the list goes through a local variable that is also read
    elsewhere, or when the name `jsonable_encoder` is taken.
    """

    code = "FP502"
    gates = {"Call": Gate(keys=frozenset({"errors"}))}
    name = "validation-errors-without-encoder"
    message = (
        "{exc}.errors() goes into the {where} without jsonable_encoder; a ValueError in an error's ctx "
        "makes rendering fail with a 500 (not JSON serializable); wrap it in jsonable_encoder(){note}"
    )
    fix_safety = FixSafety.SAFE
    #: Pydantic 2 puts the validator's exception object into ``ctx``.
    default = target_at_least("2", "pydantic")

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "errors") or node.args or node.keywords:
            return
        if not is_request_validation_error(func.value, ctx):
            return
        sink = reaching_sink(node, ctx, SPEC)
        if sink is None:
            return
        assert isinstance(func.value, ast.Name)
        data: dict[str, Any] = {}
        fixable, note = True, ""
        reference = ctx.reference_to(JSONABLE_ENCODER)
        if reference is None:
            if ctx.name_is_free("jsonable_encoder"):
                reference, data["import"] = "jsonable_encoder", True
            else:
                fixable, note = False, " (no fix: the name jsonable_encoder is taken here)"
        if not sink.single_use:
            fixable, note = False, f" (no fix: {sink.variables[-1]} is also read elsewhere)"
        data["encoder"] = reference
        where = sink.where + (f" (through {', '.join(sink.variables)})" if sink.variables else "")
        yield self.report(node, fixable=fixable, fix_data=data, exc=func.value.id, where=where, note=note)

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        if not isinstance(node, cst.Call):
            return None
        data = finding.data()
        if data.get("import"):
            fix_ctx.add_import("fastapi.encoders", "jsonable_encoder")
        inner = node.with_changes(lpar=[], rpar=[])
        return cst.Call(
            func=cst.parse_expression(data["encoder"]), args=[cst.Arg(inner)], lpar=node.lpar, rpar=node.rpar
        )
