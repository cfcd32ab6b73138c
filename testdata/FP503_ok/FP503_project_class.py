# select: FP503
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

app = FastAPI()


class HTTPException(Exception):
    """The project's own error type, not FastAPI's."""


# OK


@app.exception_handler(HTTPException)
async def project_error(request: Request, exc: HTTPException):
    return JSONResponse({"error": str(exc)}, status_code=400)
