# select: FP307
# pydantic-target-version: 1.10
import typing as t
from typing import Annotated, ClassVar, Optional, Union

import pydantic
from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings
from sqlmodel import SQLModel

# Errors


class ItemIn(BaseModel):
    name: str
    description: Optional[str]  # error: FP307
    price: Union[float, None]  # error: FP307
    tax: float | None  # error: FP307
    parent: "Optional[ItemIn]"  # error: FP307
    tags: Annotated[Optional[list[str]], Field(description="labels")]  # error: FP307
    note: t.Optional[str]  # error: FP307
    nothing: None  # error: FP307
    described: Optional[str] = Field(description="free text")  # error: FP307
    aliased: Optional[str] = pydantic.Field(alias="Aliased")  # error: FP307


class Base(pydantic.BaseModel):
    id: int


class ItemOut(Base):  # a model through a project base
    owner: Union[None, str]  # error: FP307


class Settings(BaseSettings):
    sentry_dsn: Optional[str]  # error: FP307


class Hero(SQLModel):
    secret_name: Optional[str]  # error: FP307


# Clean


class WithDefaults(BaseModel):
    a: Optional[str] = None
    b: Optional[int] = Field(None, ge=0)
    c: Optional[int] = Field(default_factory=lambda: None)
    d: Annotated[Optional[int], Field(default=None)]
    d2: Annotated[Optional[int], Field(None)]
    d3: Optional[int] = Field(None, description="x")
    d4: Optional[int] = Field(..., description="required in V1 too")
    e: Union[int, str]
    f: ClassVar[Optional[int]]
    _cache: Optional[dict]
    g: list[Optional[int]]


class NotAModel:
    a: Optional[str]


class V1Kept(pydantic.v1.BaseModel):
    a: Optional[str]
