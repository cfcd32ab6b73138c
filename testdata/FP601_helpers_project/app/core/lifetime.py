# select: FP601
"""Helpers called from app/service.py: each includes a router carrying its
lifespan (FastAPI merges it into the app's); app/service.py is untouched."""

from fastapi import FastAPI

from app.core.db import CALLS, close_db, connect_db


def register_startup_event(app: FastAPI) -> None:
    """Open the database."""
    app.add_event_handler("startup", connect_db)  # error: FP601

    @app.on_event("startup")  # error: FP601
    async def _startup() -> None:
        app.state.ready = True
        CALLS.append("ready")


def register_shutdown_event(app: FastAPI) -> None:
    @app.on_event("shutdown")  # error: FP601
    async def _shutdown() -> None:
        CALLS.append("stopping")

    app.add_event_handler("shutdown", close_db)  # error: FP601
