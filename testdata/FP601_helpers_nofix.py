# select: FP601
"""Apps whose handlers are also registered by a function they are passed
to: moving only the visible ones into a lifespan would leave the others
never running, so none moves and the finding says why."""

from fastapi import FastAPI
from tortoise.contrib.fastapi import register_tortoise

# Errors


# tortoise-orm 0.20's register_tortoise registers with @app.on_event.
app = FastAPI()
register_tortoise(app, db_url="sqlite://:memory:", modules={"models": []})


@app.on_event("startup")  # error: FP601
async def ready():
    app.state.ready = True


# A helper that registers through another helper.
def startup(application: FastAPI) -> None:
    @application.on_event("startup")  # error: FP601
    async def connect():
        pass


def register_events(application: FastAPI) -> None:
    startup(application)


other = FastAPI()
register_events(other)


@other.on_event("startup")  # error: FP601
async def ready_too():
    pass


# A helper that __all__ exports may be called elsewhere.
__all__ = ["exported"]


def exported(application: FastAPI) -> None:
    application.add_event_handler("shutdown", ready)  # error: FP601


third = FastAPI()
exported(third)


# OK


def not_registering(application: FastAPI) -> None:
    application.state.name = "x"


fourth = FastAPI()
not_registering(fourth)
