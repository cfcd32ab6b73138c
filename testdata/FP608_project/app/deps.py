from typing import Annotated

from fastapi import Depends


async def get_thing(thing_id: int) -> dict:
    return {"thing_id": thing_id}


ThingDep = Annotated[dict, Depends(get_thing)]
