import logging

import fastapi.responses
from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.exceptions import RequestValidationError as RVE
from fastapi.responses import JSONResponse, ORJSONResponse, PlainTextResponse
from fastapi.responses import UJSONResponse as UJSON
from pydantic import ValidationError
from starlette.responses import JSONResponse as StarletteJSONResponse

logger = logging.getLogger(__name__)

app = FastAPI()


# Errors


@app.exception_handler(RequestValidationError)
async def detail_dict(request: Request, exc: RequestValidationError):
    return JSONResponse(status_code=422, content={"detail": exc.errors()})  # error: FP502


@app.exception_handler(RequestValidationError)
async def content_is_the_list(request, exc):
    return JSONResponse(exc.errors(), status_code=422)  # error: FP502


@app.exception_handler(RVE)
async def nested_body(request: Request, validation_error: RVE):
    return ORJSONResponse(
        status_code=422,
        content={
            "error": {
                "code": "validation_failed",
                "fields": [validation_error.errors()],  # error: FP502
            },
        },
    )


@app.exception_handler(RequestValidationError)
async def through_body_variable(request: Request, exc: RequestValidationError):
    body = {"message": "Invalid request", "detail": exc.errors()}  # error: FP502
    logger.info("rejected %s", request.url)
    return JSONResponse(status_code=422, content=body)


@app.exception_handler(RequestValidationError)
async def through_errors_variable(request: Request, exc: RequestValidationError):
    errors = exc.errors()  # error: FP502
    return StarletteJSONResponse({"errors": errors}, status_code=422)


@app.exception_handler(RequestValidationError)
async def errors_used_twice(request: Request, exc: RequestValidationError):
    # Reported, but the variable is also read for the log: no fix.
    errors = exc.errors()  # error: FP502
    logger.warning("%d validation errors", len(errors))
    return JSONResponse({"errors": errors}, status_code=422)


@app.exception_handler(RequestValidationError)
async def body_filled_later(request: Request, exc: RequestValidationError):
    body = {"message": "Invalid request"}
    body["detail"] = exc.errors()  # error: FP502
    return UJSON(content=body, status_code=422)


@app.exception_handler(RequestValidationError)
async def qualified_response_class(request: Request, exc: RequestValidationError):
    return fastapi.responses.JSONResponse(status_code=422, content=dict(detail=exc.errors()))  # error: FP502


@app.exception_handler(RequestValidationError)
async def conditional_content(request: Request, exc: RequestValidationError):
    return JSONResponse(status_code=422, content={"detail": exc.errors() if exc.errors() else None})  # error: FP502


@app.exception_handler(RequestValidationError)
async def reraised_as_http_exception(request: Request, exc: RequestValidationError):
    # FastAPI's default HTTPException handler puts detail into a JSONResponse as is.
    raise HTTPException(status_code=422, detail=exc.errors())  # error: FP502


async def registered_later(request: Request, exc: Exception):
    return JSONResponse(status_code=422, content={"detail": exc.errors()})  # error: FP502


app.add_exception_handler(RequestValidationError, registered_later)


async def registered_in_constructor(request, exc):
    return JSONResponse({"detail": exc.errors()}, status_code=422)  # error: FP502


handlers = {RequestValidationError: registered_in_constructor}
api_v2 = FastAPI(exception_handlers=handlers)


@app.post("/manual")
async def manual_validation(request: Request):
    try:
        return await request.json()
    except RequestValidationError as e:
        return JSONResponse(status_code=422, content={"detail": e.errors()})  # error: FP502


async def encoder_name_taken(request: Request, exc: RequestValidationError, jsonable_encoder=None):
    # Reported without a fix: jsonable_encoder here is not FastAPI's.
    return JSONResponse(status_code=422, content={"detail": exc.errors()})  # error: FP502


# OK


@app.exception_handler(RequestValidationError)
async def wrapped_list(request: Request, exc: RequestValidationError):
    from fastapi.encoders import jsonable_encoder as encode

    return JSONResponse(status_code=422, content={"detail": encode(exc.errors())})


@app.exception_handler(RequestValidationError)
async def wrapped_body(request: Request, exc: RequestValidationError):
    import fastapi.encoders

    return JSONResponse(status_code=422, content=fastapi.encoders.jsonable_encoder({"detail": exc.errors()}))


@app.exception_handler(RequestValidationError)
async def plain_text(request: Request, exc: RequestValidationError):
    # Text, not JSON: the list is formatted with repr().
    return PlainTextResponse(f"{exc.errors()}", status_code=422)


@app.exception_handler(RequestValidationError)
async def summarised(request: Request, exc: RequestValidationError):
    fields = [".".join(str(part) for part in error["loc"]) for error in exc.errors()]
    logger.info("validation errors: %s", exc.errors())
    return JSONResponse(status_code=422, content={"fields": fields, "count": len(exc.errors())})


@app.exception_handler(RequestValidationError)
async def only_logged(request: Request, exc: RequestValidationError):
    errors = exc.errors()
    logger.warning("invalid request: %s", errors)
    return JSONResponse(status_code=422, content={"detail": "Invalid request"})


@app.post("/returned")
async def returned_from_route(request: Request):
    try:
        return await request.json()
    except RequestValidationError as e:
        # A route's return value goes through jsonable_encoder: fine.
        return {"detail": e.errors()}


@app.post("/pydantic")
async def pydantic_validation_error(data: dict):
    try:
        return data
    except ValidationError as e:
        # Not a RequestValidationError (FP502 is about the request's errors).
        return JSONResponse(status_code=422, content={"detail": e.errors()})


@app.exception_handler(ValueError)
async def other_exception(request: Request, exc: ValueError):
    return JSONResponse(status_code=400, content={"detail": exc.errors()})


async def unknown_object(request: Request, report):
    return JSONResponse(status_code=400, content={"detail": report.errors()})
