import logging

import fastapi.exceptions
from fastapi import FastAPI, HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.exceptions import RequestValidationError as RVE
from fastapi.responses import JSONResponse, PlainTextResponse
from pydantic import BaseModel, ValidationError

logger = logging.getLogger(__name__)


app = FastAPI()


class Payload(BaseModel):
    name: str


# Errors


async def validation_handler_registered_later(request: Request, exc: Exception):
    # Registered below with add_exception_handler: exc is a RequestValidationError.
    return JSONResponse(status_code=422, content={"detail": str(exc)})  # error: FP501


app.add_exception_handler(RequestValidationError, validation_handler_registered_later)


async def validation_handler_passed_to_constructor(request, error):
    return JSONResponse({"message": f"Invalid request: {error}"}, status_code=422)  # error: FP501


api_v2 = FastAPI(exception_handlers={RequestValidationError: validation_handler_passed_to_constructor})


@app.exception_handler(RequestValidationError)
async def plain_text_validation_handler(request, exc):
    # The FastAPI docs' own example.
    return PlainTextResponse(str(exc), status_code=400)  # error: FP501


@app.exception_handler(RequestValidationError)
async def json_validation_handler(request: Request, exc: RequestValidationError):
    return JSONResponse(status_code=422, content={"detail": str(exc)})  # error: FP501


@app.exception_handler(RequestValidationError)
async def repr_validation_handler(request: Request, exc: RequestValidationError):
    return JSONResponse(status_code=422, content={"detail": repr(exc)})  # error: FP501


@app.exception_handler(RequestValidationError)
async def fstring_validation_handler(request: Request, exc: RequestValidationError):
    return JSONResponse(status_code=422, content={"detail": f"{exc}"})  # error: FP501


@app.exception_handler(RequestValidationError)
async def fstring_repr_validation_handler(request: Request, exc: RequestValidationError):
    return JSONResponse(status_code=422, content={"detail": f"bad input: {exc!r}"})  # error: FP501


@app.exception_handler(RequestValidationError)
async def args_validation_handler(request: Request, exc: RequestValidationError):
    return JSONResponse(status_code=422, content={"detail": exc.args})  # error: FP501


@app.exception_handler(RequestValidationError)
async def first_arg_validation_handler(request: Request, exc: RequestValidationError):
    return JSONResponse(status_code=422, content={"detail": exc.args[0]})  # error: FP501




@app.exception_handler(RequestValidationError)
async def multi_line_response_validation_handler(request: Request, exc: RequestValidationError):
    # The finding is on the line of str(exc), not on the JSONResponse line.
    return JSONResponse(
        status_code=422,
        content={
            "error": "validation_failed",
            "detail": str(exc),  # error: FP501
        },
    )


@app.exception_handler(RequestValidationError)
async def message_variable_validation_handler(request: Request, exc: RequestValidationError):
    message = str(exc)  # error: FP501
    return JSONResponse(status_code=422, content={"detail": message})


@app.exception_handler(RequestValidationError)
async def http_exception_validation_handler(request: Request, exc: RequestValidationError):
    raise HTTPException(status_code=422, detail=str(exc))  # error: FP501


@app.exception_handler(RVE)
async def aliased_class_validation_handler(request: Request, validation_error: RVE):
    return JSONResponse(status_code=422, content={"detail": str(validation_error)})  # error: FP501


@app.exception_handler(fastapi.exceptions.RequestValidationError)
async def qualified_class_validation_handler(request: Request, err):
    return JSONResponse(status_code=422, content={"detail": str(err)})  # error: FP501


def format_validation_error(exc: RequestValidationError) -> JSONResponse:
    # Annotated parameter: the type is known without a registration.
    return JSONResponse(status_code=422, content={"detail": str(exc)})  # error: FP501


@app.post("/manual")
async def manual_validation(request: Request):
    try:
        payload = await request.json()
    except RequestValidationError as e:
        raise HTTPException(status_code=422, detail=str(e))  # error: FP501
    return payload


@app.post("/manual-json")
async def manual_validation_json_response(request: Request):
    try:
        return await request.json()
    except RVE as validation_exc:
        return JSONResponse(status_code=422, content={"detail": f"{validation_exc}"})  # error: FP501


@app.post("/manual-dict")
async def manual_validation_returned_dict(request: Request):
    try:
        return await request.json()
    except RequestValidationError as exc:
        return {"error": str(exc)}  # error: FP501


# OK


@app.exception_handler(RequestValidationError)
async def structured_validation_handler(request: Request, exc: RequestValidationError):
    return JSONResponse(
        status_code=422,
        content=jsonable_encoder({"detail": exc.errors(), "body": exc.body}),
    )


@app.exception_handler(RequestValidationError)
async def field_list_validation_handler(request: Request, exc: RequestValidationError):
    errors = [
        {"field": ".".join(str(part) for part in error["loc"]), "msg": error["msg"]}
        for error in exc.errors()
    ]
    return JSONResponse(status_code=422, content={"errors": errors, "count": len(exc.errors())})


@app.exception_handler(RequestValidationError)
async def logging_validation_handler(request: Request, exc: RequestValidationError):
    # Internal logs are not flagged; the response carries only errors().
    logger.error(str(exc))
    logger.warning(f"{exc}")
    logger.info("validation failed", extra={"error": repr(exc)})
    logger.debug("validation failed: %s", exc.args)
    logging.exception("validation failed on %s: %s", request.url, exc)
    print(exc)
    print(str(exc))
    return JSONResponse(status_code=422, content={"detail": jsonable_encoder(exc.errors())})


@app.exception_handler(RequestValidationError)
async def other_objects_stringified(request: Request, exc: RequestValidationError):
    return JSONResponse(
        status_code=422,
        content={"path": str(request.url), "method": f"{request.method}", "detail": exc.errors()},
    )


@app.exception_handler(ValueError)
async def value_error_handler(request: Request, exc: ValueError):
    return JSONResponse(status_code=400, content={"detail": str(exc)})


@app.exception_handler(HTTPException)
async def http_exception_handler(request: Request, exc: HTTPException):
    return JSONResponse(status_code=exc.status_code, content={"detail": f"{exc.detail}"})


@app.post("/payload")
async def pydantic_validation_error_is_another_type(data: dict):
    try:
        return Payload(**data)
    except ValidationError as e:
        raise HTTPException(status_code=422, detail=str(e))


@app.post("/value")
async def value_error_is_another_type(data: dict):
    try:
        return int(data["value"])
    except ValueError as e:
        return {"error": str(e), "args": e.args}


@app.post("/manual-ok")
async def manual_validation_structured(request: Request):
    try:
        return await request.json()
    except RequestValidationError as e:
        logger.warning("invalid body: %s", e)
        raise HTTPException(status_code=422, detail=jsonable_encoder(e.errors()))
