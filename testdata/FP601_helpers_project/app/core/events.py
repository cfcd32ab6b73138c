# select: FP601
"""A helper in its own module, called from app/main.py, whose app also has a
handler of its own there: no fix (a lifespan for only one of them would
change their order), and the finding says so."""

from fastapi import FastAPI

from app.core.db import close_db, connect_db


def register_events(app: FastAPI) -> None:
    app.add_event_handler("startup", connect_db)  # error: FP601
    app.add_event_handler("shutdown", close_db)  # error: FP601
