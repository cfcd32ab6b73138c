# select: FP601
"""A helper in its own module, called from app/main.py: no fix (the codemod
edits one module at a time), and the finding says so."""

from fastapi import FastAPI

from app.core.db import close_db, connect_db


def register_events(app: FastAPI) -> None:
    app.add_event_handler("startup", connect_db)  # error: FP601
    app.add_event_handler("shutdown", close_db)  # error: FP601
