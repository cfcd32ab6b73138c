from fastapi import FastAPI

from app.core.lifetime import register_shutdown_event, register_startup_event


def get_app() -> FastAPI:
    app = FastAPI(title="service")
    register_startup_event(app)
    register_shutdown_event(app)
    return app
