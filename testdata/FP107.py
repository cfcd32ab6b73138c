import asyncio
import asyncio as aio
from asyncio import run
from asyncio import run as run_sync

from fastapi import FastAPI

app = FastAPI()


async def warm_up() -> int:
    return 1


# Errors


@app.post("/cache/refresh")
async def refresh_cache():
    asyncio.run(warm_up())  # error: FP107
    return {"ok": True}


async def spellings():
    aio.run(warm_up())  # error: FP107
    run(warm_up())  # error: FP107
    return run_sync(warm_up())  # error: FP107


async def local_import():
    from asyncio import run as go

    go(warm_up())  # error: FP107


async def run_until_complete_on_current_loop():
    loop = asyncio.get_event_loop()
    loop.run_until_complete(warm_up())  # error: FP107
    asyncio.get_running_loop().run_until_complete(warm_up())  # error: FP107


async def run_until_complete_on_new_loop():
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(warm_up())  # error: FP107
    finally:
        loop.close()


async def annotated_loop(loop: asyncio.AbstractEventLoop):
    return loop.run_until_complete(warm_up())  # error: FP107


class Worker:
    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()

    async def handle(self):
        self.loop.run_until_complete(warm_up())  # error: FP107


# OK


def main():
    asyncio.run(warm_up())
    loop = asyncio.new_event_loop()
    loop.run_until_complete(warm_up())


if __name__ == "__main__":
    asyncio.run(warm_up())


async def awaited():
    return await warm_up()


async def in_a_worker_thread():
    # The function runs in another thread, which has no running loop.
    def blocking():
        return asyncio.run(warm_up())

    await asyncio.to_thread(blocking)
    await asyncio.to_thread(lambda: asyncio.run(warm_up()))
    await asyncio.to_thread(asyncio.run, warm_up())


async def unknown_receivers(runner, loop_like):
    runner.run(warm_up())
    loop_like.run_until_complete(warm_up())


async def other_run_functions(app_runner):
    app_runner.run()
    return asyncio.run_coroutine_threadsafe
