import functools

from fastapi import APIRouter, FastAPI, Request
from slowapi import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, storage_uri="memory://")
other_limiter = Limiter(key_func=get_remote_address, storage_uri="memory://")
app = FastAPI()
app.state.limiter = limiter
router = APIRouter(prefix="/v1")


def cached(func):
    @functools.wraps(func)
    async def wrapper(*args, **kwargs):
        return await func(*args, **kwargs)

    return wrapper


# Errors


@limiter.limit("5/minute")  # error: FP702
@app.post("/login")
async def login(request: Request):
    return {}


# Rate limit for the public search.
@limiter.limit("30/minute")  # error: FP702
@router.get("/search", summary="Search")
async def search(request: Request, q: str = ""):
    return []


@limiter.limit("5/minute")  # error: FP702
@cached
@router.get("/report")
async def report(request: Request):
    return {}


@app.state.limiter.limit("5/minute")  # error: FP702
@app.get("/state")
async def from_state(request: Request):
    return {}


@limiter.limit("100/hour")  # error: FP702
@limiter.limit("10/minute")  # error: FP702
@router.get("/stacked")
async def stacked(request: Request):
    return {}


# A lower limit of a different Limiter does not carry the upper one.
@other_limiter.limit("5/minute")  # error: FP702
@router.get("/two-limiters")
@limiter.limit("100/minute")
async def two_limiters(request: Request):
    return {}


# OK


@app.post("/login-ok")
@limiter.limit("5/minute")
async def login_ok(request: Request):
    return {}


@router.get("/cached")
@limiter.limit("5/minute")
@cached
async def cached_ok(request: Request):
    return {}


# slowapi keys limits by function name: the lower limit applies both.
@limiter.limit("5/minute")
@router.get("/both")
@limiter.limit("100/minute")
async def both(request: Request):
    return {}


# Not a route: the limit wraps a plain function.
@limiter.limit("5/minute")
async def helper(request: Request):
    return {}
