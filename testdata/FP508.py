from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.base import BaseHTTPMiddleware

app = FastAPI()

# Errors


@app.middleware("http")
async def require_api_key(request: Request, call_next):
    if "x-api-key" not in request.headers:
        raise HTTPException(status_code=401, detail="Missing API key")  # error: FP508
    return await call_next(request)


async def check_tenant(request: Request, call_next):
    forbidden = HTTPException(status_code=403, detail="Unknown tenant")
    if "x-tenant" not in request.headers:
        raise forbidden  # error: FP508
    return await call_next(request)


app.middleware("http")(check_tenant)


class RateLimitMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        if request.headers.get("x-blocked"):
            raise StarletteHTTPException(status_code=429, detail="Too many requests")  # error: FP508
        return await call_next(request)


# OK


@app.middleware("http")
async def require_api_key_response(request: Request, call_next):
    if "x-api-key" not in request.headers:
        return JSONResponse(status_code=401, content={"detail": "Missing API key"})
    return await call_next(request)


@app.middleware("http")
async def converts(request: Request, call_next):
    try:
        if "x-bad" in request.headers:
            raise HTTPException(status_code=400, detail="bad")
        return await call_next(request)
    except HTTPException as exc:
        return JSONResponse(status_code=exc.status_code, content={"detail": exc.detail})


@app.get("/items")
async def items():
    raise HTTPException(status_code=404, detail="Not found")


class Dispatcher:
    async def dispatch(self, request: Request):
        raise HTTPException(status_code=400)
