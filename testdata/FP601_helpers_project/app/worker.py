# select: FP601
"""An app built by a factory of another module, its handlers registered
here: no fix, the finding names the factory."""

from app.factory import create_app

app = create_app()


@app.on_event("startup")  # error: FP601
async def start_worker():
    app.state.worker = True
