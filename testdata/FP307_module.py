# The module imports a V1-only name: its models are V1 code being migrated.
from typing import Optional

from pydantic import BaseModel, validator

# Errors


class Item(BaseModel):
    description: Optional[str]  # error: FP307


class Named(BaseModel):
    name: str
    note: Optional[str] = None

    @validator("name")
    def strip(cls, v):
        return v.strip()
