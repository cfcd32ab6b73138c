import asyncio
import asyncio as aio
from asyncio import create_task, ensure_future
from asyncio import create_task as spawn

from fastapi import BackgroundTasks, FastAPI

app = FastAPI()
background_tasks: set = set()


async def send_welcome_email(user_id: int) -> None:
    await asyncio.sleep(0)


def log_result(task) -> None:
    return None


# Errors


@app.post("/users")
async def register(user_id: int):
    asyncio.create_task(send_welcome_email(user_id))  # error: FP106
    return {"id": user_id}


async def spellings(user_id: int):
    aio.create_task(send_welcome_email(user_id))  # error: FP106
    create_task(send_welcome_email(user_id))  # error: FP106
    spawn(send_welcome_email(user_id))  # error: FP106
    asyncio.ensure_future(send_welcome_email(user_id))  # error: FP106
    ensure_future(send_welcome_email(user_id))  # error: FP106


async def local_import(user_id: int):
    import asyncio as a

    a.create_task(send_welcome_email(user_id))  # error: FP106


async def loop_create_task(user_id: int):
    loop = asyncio.get_running_loop()
    loop.create_task(send_welcome_email(user_id))  # error: FP106
    asyncio.get_event_loop().create_task(send_welcome_email(user_id))  # error: FP106


async def annotated_loop(loop: asyncio.AbstractEventLoop, user_id: int):
    loop.create_task(send_welcome_email(user_id))  # error: FP106


class Notifier:
    def __init__(self) -> None:
        self.loop = asyncio.get_event_loop()

    async def notify(self, user_id: int) -> None:
        self.loop.create_task(send_welcome_email(user_id))  # error: FP106


async def only_a_callback_is_attached(user_id: int):
    asyncio.create_task(send_welcome_email(user_id)).add_done_callback(log_result)  # error: FP106


def sync_code_scheduling_a_task(user_id: int):
    # Called from a coroutine: the task is just as unreferenced here.
    asyncio.create_task(send_welcome_email(user_id))  # error: FP106


async def in_a_loop(user_ids: list):
    for user_id in user_ids:
        asyncio.create_task(  # error: FP106
            send_welcome_email(user_id)
        )


# OK


async def reference_kept_in_a_set(user_id: int):
    task = asyncio.create_task(send_welcome_email(user_id))
    background_tasks.add(task)
    task.add_done_callback(background_tasks.discard)


async def added_directly(user_id: int):
    background_tasks.add(asyncio.create_task(send_welcome_email(user_id)))


async def stored_on_app_state(user_id: int):
    app.state.cleanup_task = asyncio.create_task(send_welcome_email(user_id))


async def returned(user_id: int):
    return asyncio.create_task(send_welcome_email(user_id))


async def awaited(user_id: int):
    await asyncio.create_task(send_welcome_email(user_id))
    await asyncio.ensure_future(send_welcome_email(user_id))


async def gathered(user_ids: list):
    tasks = [asyncio.create_task(send_welcome_email(u)) for u in user_ids]
    await asyncio.gather(*tasks)


async def task_group(user_ids: list):
    async with asyncio.TaskGroup() as tg:
        for user_id in user_ids:
            tg.create_task(send_welcome_email(user_id))


async def fastapi_background_tasks(user_id: int, tasks: BackgroundTasks):
    tasks.add_task(send_welcome_email, user_id)


async def unknown_receivers(nursery, scheduler, user_id: int):
    nursery.create_task(send_welcome_email(user_id))
    scheduler.create_task(send_welcome_email(user_id))


async def walrus(user_id: int):
    if (task := asyncio.create_task(send_welcome_email(user_id))) is not None:
        background_tasks.add(task)
