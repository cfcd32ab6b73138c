# select: FP606
from typing import List

from fastapi import APIRouter

from app import schemas
from app.schemas import Item, ItemOut

router = APIRouter()

# Errors


# The same class, spelled through the module and through the name.
@router.get("/items/{item_id}", response_model=schemas.Item)  # error: FP606
async def read_item(item_id: int) -> Item:
    return Item(id=item_id)


@router.get("/items", response_model=List[schemas.Item])  # error: FP606
async def list_items() -> list[Item]:
    return []


# OK


@router.get("/out/{item_id}", response_model=schemas.ItemOut)
async def read_out(item_id: int) -> Item:
    return Item(id=item_id)


@router.get("/outs", response_model=List[ItemOut])
async def list_outs() -> list[Item]:
    return []
