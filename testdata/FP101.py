import asyncio
import time
import time as t
import time as _time
from time import sleep
from time import sleep as snooze

from fastapi import APIRouter, FastAPI
from starlette.concurrency import run_in_threadpool

app = FastAPI()
router = APIRouter()


def fetch_report(x=None):
    return x


# Errors


async def sleep_in_coroutine():
    time.sleep(1)  # error: FP101


async def sleep_with_module_alias():
    t.sleep(0.5)  # error: FP101


async def sleep_with_underscore_alias():
    _time.sleep(2)  # error: FP101


async def sleep_imported_by_name():
    sleep(1)  # error: FP101


async def sleep_imported_with_alias():
    snooze(3)  # error: FP101


async def sleep_zero_still_blocks():
    time.sleep(0)  # error: FP101


async def local_module_import():
    import time

    time.sleep(1)  # error: FP101


async def local_module_import_with_alias():
    import time as clock

    clock.sleep(1)  # error: FP101


async def local_from_import():
    from time import sleep

    sleep(1)  # error: FP101


async def local_from_import_with_alias():
    from time import sleep as pause

    pause(1)  # error: FP101


@app.get("/items")
async def route_handler_sleeps():
    time.sleep(0.2)  # error: FP101
    return {"ok": True}


@router.post("/jobs")
async def router_handler_sleeps(job_id: int):
    sleep(job_id)  # error: FP101
    return {"job": job_id}


async def sleep_inside_expression():
    value = time.sleep(1) or 5  # error: FP101
    return value


async def sleep_as_call_argument():
    return fetch_report(time.sleep(1))  # error: FP101


async def sleep_in_conditional_expression(slow: bool):
    return time.sleep(1) if slow else None  # error: FP101


async def sleep_call_spanning_lines(delay: float):
    # The finding is on the first line of the call.
    time.sleep(  # error: FP101
        delay
    )


async def sleep_in_if_branch(retry: bool):
    if retry:
        time.sleep(1)  # error: FP101
    else:
        t.sleep(2)  # error: FP101


async def sleep_in_for_loop(attempts: int):
    for _ in range(attempts):
        sleep(0.1)  # error: FP101


async def sleep_in_while_loop():
    while True:
        time.sleep(5)  # error: FP101


async def sleep_in_with_block(lock):
    with lock:
        time.sleep(1)  # error: FP101


async def sleep_in_async_with_and_async_for(client, stream):
    async with client:
        time.sleep(1)  # error: FP101
    async for _chunk in stream:
        snooze(0.01)  # error: FP101


async def sleep_in_try_except_finally():
    try:
        time.sleep(1)  # error: FP101
    except ValueError:
        t.sleep(1)  # error: FP101
    finally:
        sleep(1)  # error: FP101


async def sleep_in_async_generator():
    for i in range(3):
        time.sleep(1)  # error: FP101
        yield i


async def sleep_after_await():
    await asyncio.sleep(0)
    time.sleep(1)  # error: FP101


async def sleep_in_list_comprehension(delays):
    return [time.sleep(d) for d in delays]  # error: FP101


async def sleep_in_set_comprehension(delays):
    return {sleep(d) for d in delays}  # error: FP101


async def sleep_in_async_comprehension(ticks):
    return [time.sleep(0.1) async for _ in ticks]  # error: FP101


class Worker:
    async def run(self):
        time.sleep(1)  # error: FP101

    @staticmethod
    async def run_static():
        sleep(1)  # error: FP101

    @classmethod
    async def run_class(cls):
        t.sleep(1)  # error: FP101


def make_handler():
    # A coroutine defined inside a plain function: the nearest enclosing
    # function is the async one.
    async def handler():
        time.sleep(1)  # error: FP101

    return handler


async def outer_coroutine():
    async def inner_coroutine():
        sleep(2)  # error: FP101

    await inner_coroutine()


# OK


time.sleep(0)


def sync_function_sleeps():
    time.sleep(1)
    t.sleep(1)
    sleep(1)
    snooze(1)


@app.get("/sync")
def sync_route_runs_in_threadpool():
    time.sleep(1)
    return {"ok": True}


class SyncWorker:
    def run(self):
        time.sleep(1)


async def sync_def_nested_in_async_def():
    def blocking_part():
        time.sleep(1)

    await asyncio.to_thread(blocking_part)


async def sync_method_of_class_in_async_def():
    class Poller:
        def poll(self):
            sleep(1)

    return Poller


async def lambda_is_its_own_sync_scope():
    callback = lambda: time.sleep(1)
    await asyncio.to_thread(callback)


async def asyncio_sleep_awaited():
    await asyncio.sleep(1)


async def local_asyncio_sleep_shadows_module_import():
    from asyncio import sleep

    await sleep(1)


async def parameter_named_sleep_shadows_import(sleep):
    # `sleep` is the parameter here, not time.sleep.
    await sleep(1)


async def local_function_named_sleep():
    async def sleep(seconds):
        await asyncio.sleep(seconds)

    await sleep(1)


async def time_functions_that_do_not_block():
    started = time.time()
    elapsed = time.monotonic() - started
    return time.perf_counter(), elapsed, t.time()


async def sleep_passed_to_executor():
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, time.sleep, 1)


async def sleep_passed_to_thread():
    await asyncio.to_thread(time.sleep, 1)
    await run_in_threadpool(sleep, 1)


async def sleep_referenced_not_called():
    blocking = time.sleep
    return blocking


class AsyncClock:
    async def sleep(self, seconds):
        await asyncio.sleep(seconds)

    async def tick(self):
        await self.sleep(1)


async def sleep_method_of_other_object(clock, driver):
    await clock.sleep(1)
    driver.sleep(1)
