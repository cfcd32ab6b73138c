# select: FP3
# pydantic-target-version: 1.10
# The same V1 code with the family named: every construct reports.
from typing import List, Optional

from pydantic import BaseModel, root_validator, validator
from pydantic.generics import GenericModel


class Item(BaseModel):
    name = "item"  # error: FP319
    description: Optional[str]
    tags: List[str] = []

    class Config:  # error: FP301
        orm_mode = True

    @validator("name", pre=True)  # error: FP303
    def strip(cls, v):
        return v.strip()

    @root_validator  # error: FP303
    def check(cls, values):
        return values


class Tags(BaseModel):
    __root__: List[str]  # error: FP313


class Page(GenericModel):  # error: FP312
    items: List[Item]
