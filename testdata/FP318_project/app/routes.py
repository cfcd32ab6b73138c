# select: FP318
from fastapi import APIRouter

from app.schemas import ItemIn

router = APIRouter()

# Errors


@router.post("/items")
def create(item: ItemIn) -> dict:  # error: FP318
    return {}
