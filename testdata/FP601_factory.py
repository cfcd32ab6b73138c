# select: FP601
# fastapi-target-version: 0.110.0
"""Factories and routers on an older FastAPI: no router lifespan there."""

from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRouter as Router

# Errors

router = Router()


@router.on_event("startup")  # error: FP601
async def router_start():
    pass


def build() -> FastAPI:
    app = FastAPI(**{"title": "x"})

    @app.on_event("startup")  # error: FP601
    async def start():
        pass

    return app


def build_conditionally(debug: bool) -> FastAPI:
    app = FastAPI()
    if debug:

        @app.on_event("startup")  # error: FP601
        async def start():
            pass

    return app


def build_with_partial() -> FastAPI:
    import functools

    app = FastAPI()
    app.add_event_handler("startup", functools.partial(print, "up"))  # error: FP601
    return app


# OK

other = APIRouter(on_startup=None)
