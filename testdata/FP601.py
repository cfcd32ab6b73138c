"""Startup and shutdown handlers of a module-level app."""

import logging

import fastapi as fa
from fastapi import APIRouter, FastAPI
from fastapi_utils.tasks import repeat_every

log = logging.getLogger(__name__)


def warm_cache():
    log.info("warm")


async def open_clients():
    log.info("clients")


def close_clients():
    log.info("closed")


# Errors

# The application.
app = FastAPI(
    title="svc",
    on_startup=[warm_cache],  # error: FP601
)


@app.on_event("startup")  # error: FP601
async def connect():
    """Open the pool.

    Kept as a comment.
    """
    # a comment in the body
    app.state.pool = "pool"
    log.info("up")


@app.on_event("startup")  # error: FP601
def load_settings():
    app.state.settings = {"debug": False}


# register the clients
app.add_event_handler("startup", open_clients)  # error: FP601
app.router.add_event_handler("shutdown", close_clients)  # error: FP601
app.on_event("shutdown")(warm_cache)  # error: FP601


@app.on_event("shutdown")  # error: FP601
async def disconnect():
    app.state.pool = None


@app.on_event("shutdown")  # error: FP601
async def flush():
    if app.state.settings is None:
        return  # an early return: kept as a function and awaited
    log.info("flushed")


@app.on_event("startup")  # error: FP601
@repeat_every(seconds=60)
def refresh():
    log.info("refresh")


async def background():
    await flush()


# An app that already has a lifespan: its handlers never run, no fix.
other = fa.FastAPI(lifespan=object())


@other.on_event("startup")  # error: FP601
async def never_runs():
    pass


# An app received by a function: deprecated, no fix (not beside the constructor).
def install(target: FastAPI) -> None:
    @target.on_event("startup")  # error: FP601
    async def hook():
        pass


# An unknown receiver with a literal event.
def install_any(anything) -> None:
    anything.add_event_handler("shutdown", warm_cache)  # error: FP601


# OK

api = APIRouter()


@api.get("/items")
async def items():
    return []


class Bus:
    def on_event(self, name):
        return lambda f: f


bus = Bus()


@bus.on_event("startup")
def not_fastapi():
    pass


def custom(emitter) -> None:
    emitter.on_event("message")(print)
    emitter.add_event_handler("click", print)


plain = FastAPI(on_startup=None)
