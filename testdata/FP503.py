import fastapi
import fastapi.exceptions
from fastapi import FastAPI, HTTPException, Request
from fastapi import HTTPException as FastAPIHTTPException
from fastapi.exceptions import HTTPException as HTTPError
from fastapi.responses import JSONResponse

app = FastAPI()


async def on_http_error(request: Request, exc: HTTPException):
    return JSONResponse({"error": exc.detail}, status_code=exc.status_code)


# Errors


@app.exception_handler(HTTPException)  # error: FP503
async def http_exception_handler(request: Request, exc: HTTPException):
    return JSONResponse({"error": exc.detail}, status_code=exc.status_code)


@app.exception_handler(FastAPIHTTPException)  # error: FP503
async def aliased(request: Request, exc: FastAPIHTTPException):
    return JSONResponse({"error": exc.detail}, status_code=exc.status_code)


@app.exception_handler(fastapi.HTTPException)  # error: FP503
async def qualified(request: Request, exc):
    return JSONResponse({"error": exc.detail}, status_code=exc.status_code)


app.add_exception_handler(HTTPError, on_http_error)  # error: FP503
app.add_exception_handler(fastapi.exceptions.HTTPException, on_http_error)  # error: FP503

api = FastAPI(
    title="api",
    exception_handlers={
        HTTPException: on_http_error,  # error: FP503
    },
)

handlers = {HTTPException: on_http_error}  # error: FP503
admin = FastAPI(exception_handlers=handlers)

settings = {
    "title": "internal",
    "exception_handlers": {HTTPException: on_http_error},  # error: FP503
}
internal = FastAPI(**settings)


def build_app() -> FastAPI:
    from fastapi import HTTPException as LocalHTTPException

    sub = FastAPI()
    sub.add_exception_handler(LocalHTTPException, on_http_error)  # error: FP503
    return sub


# OK

app.add_exception_handler(ValueError, on_http_error)
app.add_exception_handler(404, on_http_error)


def unrelated(registry):
    registry.register(fastapi.HTTPException, on_http_error)
