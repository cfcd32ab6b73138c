from pydantic import BaseModel


class Item(BaseModel):
    id: int


class ItemOut(BaseModel):
    id: int
