# select: FP508
"""Middleware functions registered by main.py (another module)."""

from fastapi import HTTPException, Request
from fastapi.responses import JSONResponse

# Errors


async def rate_limit(request: Request, call_next):
    if request.client is None:
        raise HTTPException(status_code=429, detail="slow down")  # error: FP508
    return await call_next(request)


async def require_tenant(request: Request, handler):
    if "x-tenant" not in request.headers:
        raise HTTPException(status_code=400, detail="tenant header required")  # error: FP508
    return await handler(request)


# OK


async def unregistered(request: Request, call_next):
    # same shape, registered nowhere: not known to be middleware
    if request.client is None:
        raise HTTPException(status_code=429)
    return await call_next(request)


def check_scope(request: Request, scope: str) -> None:
    # two parameters, the second never called: a helper
    if scope not in request.headers.get("x-scopes", ""):
        raise HTTPException(status_code=403)


async def returns_response(request: Request, call_next):
    if request.client is None:
        return JSONResponse(status_code=429, content={"detail": "slow down"})
    return await call_next(request)
