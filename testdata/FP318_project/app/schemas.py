from pydantic import v1


class ItemIn(v1.BaseModel):
    name: str
