# select: FP609
from fastapi import APIRouter, HTTPException

router = APIRouter()

# OK: 404 is declared where main.py includes this router


@router.get("/{item_id}")
async def read_item(item_id: str) -> dict:
    if item_id != "a":
        raise HTTPException(status_code=404, detail="Item not found")
    return {}


# Errors


@router.put("/{item_id}")
async def update_item(item_id: str) -> dict:
    raise HTTPException(status_code=403, detail="Forbidden")  # error: FP609
