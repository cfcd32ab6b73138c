# select: FP502
# pydantic-target-version: 1.10
# Pydantic 1: errors() holds no exception objects, so the response
# serialises and the gate keeps FP502 off (also when the code is named).
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

app = FastAPI()


# OK


@app.exception_handler(RequestValidationError)
async def detail_dict(request: Request, exc: RequestValidationError):
    return JSONResponse(status_code=422, content={"detail": exc.errors()})
