import asyncio
import asyncio as aio
from asyncio import get_event_loop

from fastapi import FastAPI

app = FastAPI()


def slow_hash(password: str) -> str:
    return password[::-1]


# Errors


@app.post("/login")
async def login(password: str):
    loop = asyncio.get_event_loop()  # error: FP105
    return await loop.run_in_executor(None, slow_hash, password)


async def module_alias():
    return aio.get_event_loop().time()  # error: FP105


async def imported_by_name():
    loop = get_event_loop()  # error: FP105
    loop.call_later(1, print)


async def local_import():
    import asyncio

    return asyncio.get_event_loop()  # error: FP105


async def local_from_import():
    from asyncio import get_event_loop as current_loop

    return current_loop()  # error: FP105


async def used_as_receiver(password: str):
    return await asyncio.get_event_loop().run_in_executor(None, slow_hash, password)  # error: FP105


class Hasher:
    async def hash(self, password: str) -> str:
        self.loop = asyncio.get_event_loop()  # error: FP105
        return await self.loop.run_in_executor(None, slow_hash, password)


async def asyncio_name_taken_locally():
    from asyncio import get_event_loop

    asyncio = "not the module"
    return get_event_loop(), asyncio  # error: FP105


# OK


def sync_function():
    # Outside a coroutine there may be no running loop: get_running_loop()
    # would raise, so this is not the same call.
    return asyncio.get_event_loop()


async def running_loop():
    loop = asyncio.get_running_loop()
    return loop.time()


async def nested_sync_def():
    def callback():
        return asyncio.get_event_loop()

    return callback


async def lambda_is_sync():
    return lambda: asyncio.get_event_loop()


async def parameter_shadows_the_name(get_event_loop):
    return get_event_loop()


async def other_objects_method(policy):
    return policy.get_event_loop()


async def new_loop_is_a_different_call():
    return asyncio.new_event_loop()
