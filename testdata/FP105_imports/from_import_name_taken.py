# select: FP105
# `get_running_loop` names something else here: the fix imports asyncio.
from asyncio import get_event_loop

from .loops import get_running_loop


async def handler():
    return get_event_loop(), get_running_loop  # error: FP105
