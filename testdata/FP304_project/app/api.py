# select: FP304
from typing import Optional

from app import schemas
from app.schemas import ItemOut, Legacy

from . import schemas as s
from .schemas import ItemOut as Out


async def read(raw: dict, item: "schemas.ItemOut", other: Optional[Out]) -> list:
    first = ItemOut.parse_obj(raw)  # error: FP304
    second = schemas.ItemOut.from_orm(raw)  # error: FP304
    third = s.ItemOut.parse_obj(raw)  # error: FP304
    fourth = Out.parse_obj(raw)  # error: FP304
    Legacy.parse_obj(raw)
    return [
        first.dict(),  # error: FP304
        second.json(),  # error: FP304
        item.dict(),  # error: FP304
        other.copy() if other else None,  # error: FP304
        third,
        fourth,
    ]
