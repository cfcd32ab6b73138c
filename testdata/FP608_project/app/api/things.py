# select: FP608
from fastapi import APIRouter

from app.deps import ThingDep, get_thing
from fastapi import Depends

router = APIRouter()

# OK: an Annotated alias imported from another module (ruff#21075)


@router.get("/annotated/{thing_id}")
async def read_annotated(thing: ThingDep):
    return thing


@router.get("/depends/{thing_id}")
async def read_depends(thing=Depends(get_thing)):
    return thing


# Errors


@router.get("/things/{thing_id}/{other_id}")  # error: FP608
async def read_other(thing: ThingDep):
    return thing
