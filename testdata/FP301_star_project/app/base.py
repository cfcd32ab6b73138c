from pydantic import BaseModel

__all__ = ["Base"]


class Base(BaseModel):
    pass
