# select: FP105
# Only `get_event_loop` is imported: the fix imports `get_running_loop` the same way.
from asyncio import get_event_loop


async def handler():
    loop = get_event_loop()  # error: FP105
    return loop.time()


def sync_helper():
    return get_event_loop()
