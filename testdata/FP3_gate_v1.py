# select: FP
# pydantic-target-version: 1.10
# A project that still targets Pydantic 1: the FP3xx codes are migration
# findings, silent in a plain `--select FP` run (named with FP3, they report).
from typing import List, Optional

from pydantic import BaseModel, root_validator, validator
from pydantic.generics import GenericModel


class Item(BaseModel):
    name = "item"
    description: Optional[str]
    tags: List[str] = []

    class Config:
        orm_mode = True

    @validator("name", pre=True)
    def strip(cls, v):
        return v.strip()

    @root_validator
    def check(cls, values):
        return values


class Tags(BaseModel):
    __root__: List[str]


class Page(GenericModel):
    items: List[Item]
