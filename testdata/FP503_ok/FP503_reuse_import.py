# select: FP503
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from starlette import exceptions

app = FastAPI()


# Errors


@app.exception_handler(HTTPException)  # error: FP503
async def http_exception_handler(request: Request, exc: HTTPException):
    return JSONResponse({"error": exc.detail}, status_code=exc.status_code)


def fail():
    raise exceptions.HTTPException(status_code=400)
