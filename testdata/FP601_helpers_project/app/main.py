# select: FP601
"""The app's own handler has no fix either: the helper from another module
registers on the same app (a lifespan for this one alone would leave those
never running)."""

from fastapi import FastAPI

from app.core import events

app = FastAPI()
events.register_events(app)


@app.on_event("startup")  # error: FP601
async def ready():
    app.state.ready = True
