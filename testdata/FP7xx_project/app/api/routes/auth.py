# select: FP701,FP702,FP707
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from app.core.limiter import headers_limiter, limiter, settings_limiter

router = APIRouter(prefix="/auth", tags=["auth"])

# Errors


@router.post("/login")
@limiter.limit("5/minute")  # error: FP701, FP707
async def login(username: str, password: str):
    return {"token": "..."}


@limiter.limit("3/hour")  # error: FP702
@router.post("/register")
async def register(request: Request, username: str):
    return {"id": 1}


@router.post("/refresh")
@limiter.limit("10/minute")  # error: FP707
async def refresh(request: Request, token: str) -> dict[str, str]:
    return {"token": token}


@router.get("/profile")
@headers_limiter.limit("10/minute")  # error: FP707
async def profile(request: Request):
    return {"name": "a"}


# OK


@router.get("/preferences")
@settings_limiter.limit("10/minute")
async def preferences(request: Request):
    return {"theme": "dark"}


@router.post("/logout")
@limiter.limit("10/minute")
async def logout(request: Request):
    return JSONResponse({"ok": True})
