# select: FP601
"""Handlers registered inside helper functions called on the app."""

from fastapi import APIRouter, FastAPI

CALLS: list[str] = []
router = APIRouter()


async def connect_db() -> None:
    CALLS.append("db open")


def close_db() -> None:
    CALLS.append("db closed")


# Errors


# Wire the events.
def register_events(app: FastAPI) -> None:
    """Open and close what the service needs."""
    app.add_event_handler("startup", connect_db)  # error: FP601

    @app.on_event("startup")  # error: FP601
    async def remember():
        # the app is ready
        app.state.ready = True
        CALLS.append("ready")

    @app.on_event("shutdown")  # error: FP601
    def stop():
        CALLS.append("stopping")

    app.add_event_handler("shutdown", close_db)  # error: FP601


def create_app() -> FastAPI:
    application = FastAPI(title="svc")
    register_events(application)
    application.include_router(router)
    return application


app = create_app()


def init_app(target):
    target.include_router(router)
    target.state.name = "second"
    # count the starts
    target.router.add_event_handler("startup", lambda: CALLS.append("second up"))  # error: FP601

    @target.on_event("shutdown")  # error: FP601
    async def flush():
        if not CALLS:
            return  # an early return: kept as a function and awaited
        CALLS.append("second flushed")


second = FastAPI()
init_app(target=second)


# Handlers defined in the helper, registered by name.
def add_events(app: FastAPI) -> None:
    async def startup_event() -> None:
        CALLS.append("third up")

    def shutdown_event() -> None:
        CALLS.append("third down")

    app.add_event_handler("startup", startup_event)  # error: FP601
    app.add_event_handler("shutdown", shutdown_event)  # error: FP601


def get_third() -> FastAPI:
    third = FastAPI()
    add_events(third)
    return third


# A helper returning its handler, the result unused (FastAPI-template's lifetime.py).
def register_startup_event(app: FastAPI):
    @app.on_event("startup")  # error: FP601
    async def _startup() -> None:
        app.state.fourth = True
        CALLS.append("fourth up")

    return _startup


def get_fourth() -> FastAPI:
    fourth = FastAPI()
    register_startup_event(fourth)
    return fourth


# No fix: the helper is called twice.
def twice(app: FastAPI) -> None:
    app.add_event_handler("startup", connect_db)  # error: FP601


def build_twice() -> None:
    first_of_two = FastAPI()
    twice(first_of_two)
    twice(FastAPI())


# No fix: the handler reads a local of the helper.
def with_local(app: FastAPI) -> None:
    name = "local"

    @app.on_event("startup")  # error: FP601
    async def start():
        CALLS.append(name)


def build_with_local() -> FastAPI:
    local_app = FastAPI()
    with_local(local_app)
    return local_app


# No fix: the app also has a lifespan (the handler never runs).
def on_lifespan_app(app: FastAPI) -> None:
    app.add_event_handler("startup", connect_db)  # error: FP601


def build_with_lifespan(lifespan) -> FastAPI:
    lifespan_app = FastAPI(lifespan=lifespan)
    on_lifespan_app(lifespan_app)
    return lifespan_app


# No fix: the app registers handlers outside the helper too.
def half(app: FastAPI) -> None:
    app.add_event_handler("startup", connect_db)  # error: FP601


def build_both() -> FastAPI:
    both = FastAPI()
    half(both)
    both.add_event_handler("shutdown", close_db)  # error: FP601
    return both


# Two helpers on one app (FastAPI-template's lifetime.py, LNbits): one
# lifespan, their handlers in the order of the calls.
def register_startup(app: FastAPI) -> None:
    """Start the fifth app."""

    @app.on_event("startup")  # error: FP601
    async def handler():
        try:
            app.state.fifth = True
            CALLS.append("fifth up")
        except Exception as error:
            CALLS.append(str(error))


def register_shutdown(app: FastAPI) -> None:
    """Stop the fifth app."""

    @app.on_event("shutdown")  # error: FP601
    async def handler():
        try:
            CALLS.append("fifth down")
        except Exception as error:
            CALLS.append(str(error))


def build_two_helpers() -> FastAPI:
    application = FastAPI()
    register_startup(application)
    register_shutdown(application)
    return application


# No fix: the helper's result is used.
def make_startup(app: FastAPI):
    @app.on_event("startup")  # error: FP601
    async def _startup() -> None:
        pass

    return _startup


def build_used_result() -> object:
    application = FastAPI()
    return make_startup(application)


# No fix: a registration inside a block of the helper.
def conditional(app: FastAPI, debug: bool = False) -> None:
    if debug:
        app.add_event_handler("startup", connect_db)  # error: FP601


def build_conditional() -> None:
    conditional(FastAPI())


# OK


def not_an_app(emitter) -> None:
    emitter.on_event("message")(print)


def build_not_an_app(emitter) -> None:
    not_an_app(emitter)
