"""Handlers registered by name from main.py (a support module)."""

CALLS: list[str] = []


async def open_db() -> None:
    CALLS.append("db open")


def load_models() -> None:
    CALLS.append("models")


async def close_db() -> None:
    CALLS.append("db closed")


def create_stop_handler(app):
    def stop() -> None:
        CALLS.append("stop")
        app.state.stopped = True

    return stop
