# select: FP601
"""An app built in a factory, with handlers from other modules."""

from fastapi import FastAPI

from app import events
from app.events import CALLS, close_db, load_models, open_db
from app.routers import items


def create_app() -> FastAPI:
    application = FastAPI(on_startup=[open_db])  # error: FP601

    @application.on_event("startup")  # error: FP601
    async def remember():
        application.state.started = True
        CALLS.append("remembered")

    application.add_event_handler("startup", load_models)  # error: FP601
    application.add_event_handler("shutdown", events.create_stop_handler(application))  # error: FP601
    application.add_event_handler("shutdown", close_db)  # error: FP601
    application.include_router(items.router)
    return application


app = create_app()
