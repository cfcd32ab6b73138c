# select: FP105
# The names `asyncio` and `get_running_loop` are bound to something else:
# reported, but no fix.
from asyncio import get_event_loop

asyncio = None
get_running_loop = None


async def handler():
    return get_event_loop()  # error: FP105
