# select: FP701,FP702,FP703,FP706,FP707
from fastapi import APIRouter, FastAPI, Request, Response
from slowapi import Limiter, _rate_limit_exceeded_handler
from slowapi.errors import RateLimitExceeded
from slowapi.middleware import SlowAPIMiddleware
from slowapi.util import get_ipaddr


def create_app() -> FastAPI:
    limiter = Limiter(key_func=get_ipaddr, headers_enabled=True)  # error: FP703, FP706
    app = FastAPI(title="service")
    app.state.limiter = limiter
    app.add_exception_handler(RateLimitExceeded, _rate_limit_exceeded_handler)
    app.add_middleware(SlowAPIMiddleware)
    router = APIRouter(prefix="/api")

    @router.get("/ping")
    @limiter.limit("10/minute")  # error: FP701, FP707
    async def ping():
        return {"ok": True}

    @limiter.limit("10/minute")  # error: FP702
    @router.get("/pong")
    async def pong(request: Request, response: Response):
        return {"ok": True}

    @router.get("/fine")
    @limiter.limit("10/minute")
    async def fine(request: Request, response: Response):
        return {"ok": True}

    app.include_router(router)
    return app
