# select: FP503
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

app = FastAPI()


# OK


@app.exception_handler(StarletteHTTPException)
async def starlette_handler(request: Request, exc: StarletteHTTPException):
    return JSONResponse({"error": exc.detail}, status_code=exc.status_code)


# Both registered: the FastAPI one deliberately specialises routes' errors.
@app.exception_handler(HTTPException)
async def route_errors(request: Request, exc: HTTPException):
    return JSONResponse({"route_error": exc.detail}, status_code=exc.status_code)
