# select: FP318
from typing import Annotated

from fastapi import APIRouter, Depends

from app.deps import item_filter, page
from app.schemas import ItemIn

router = APIRouter()

# Errors


@router.post("/items")
def create(item: ItemIn) -> dict:  # error: FP318
    return {}


@router.get("/filtered")
def filtered(item=Depends(item_filter)) -> dict:  # error: FP318
    return {}


@router.get("/annotated")
def annotated(item: Annotated[ItemIn, Depends(item_filter)]) -> dict:  # error: FP318
    return {}


# OK


@router.get("/pages")
def pages(size: Annotated[int, Depends(page)]) -> dict:
    return {"size": size}
