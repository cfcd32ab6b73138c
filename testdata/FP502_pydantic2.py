# select: FP502
# pydantic-target-version: 2.0
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

app = FastAPI()


# Errors


@app.exception_handler(RequestValidationError)
async def detail_dict(request: Request, exc: RequestValidationError):
    return JSONResponse(status_code=422, content={"detail": exc.errors()})  # error: FP502
