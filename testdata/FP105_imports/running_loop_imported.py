# select: FP105
# `get_running_loop` is already imported by name: the fix uses it.
from asyncio import get_event_loop, get_running_loop


async def handler():
    first = get_running_loop()
    return first is get_event_loop()  # error: FP105
