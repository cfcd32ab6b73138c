from typing import List, Literal

import pydantic
import pydantic as pd
from pydantic import BaseModel, ConfigDict, Field
from pydantic.fields import Field as F
from pydantic_settings import BaseSettings

# Errors


class Item(BaseModel):
    model_config = ConfigDict(validate_assignment=True)

    tags: List[str] = Field(default_factory=list, max_items=5)  # error: FP311
    more: List[int] = Field([1], min_items=1, max_items=3)  # error: FP311, FP311
    sku: str = Field("AB12", regex=r"^[A-Z0-9]+$", example="AB12")  # error: FP311, FP311
    word: str = F("abc", regex="[a-z]+")  # error: FP311
    id: int = Field(0, allow_mutation=False)  # error: FP311
    open_: int = pd.Field(0, allow_mutation=True)  # error: FP311
    kind: str = Field("item", const=True)  # error: FP311
    version: int = pydantic.Field(default=2, const=True, description="v")  # error: FP311
    flag: bool = Field(False, const=False)  # error: FP311


class Settings(BaseSettings):
    database_url: str = Field("sqlite://", env="DATABASE_URL")  # error: FP311
    redis: str = Field("redis://", env=["REDIS_URL", "CACHE_URL"])  # error: FP311

def sqlmodel_field():
    # sqlmodel.Field takes regex= but ignores it on Pydantic 2 (FP311_sqlmodel.py).
    return SQLField(default=None, regex="a")  # error: FP311


# OK

from pydantic.v1 import Field as V1Field
from sqlmodel import Field as SQLField


class Modern(BaseModel):
    tags: List[str] = Field(default_factory=list, max_length=5)
    sku: str = Field("A", pattern="^A", examples=["A"])
    legacy: int = V1Field(0, const=True)
    kind: Literal["x"] = "x"



import os


def check_runtime() -> None:
    """The fixed module validates under Pydantic 2."""
    item = Item(more=[1])
    assert item.kind == "item" and item.version == 2
    try:
        item.id = 3
    except pydantic.ValidationError:
        pass
    else:
        raise AssertionError("id is frozen")
    try:
        Item(word="1abc")
    except pydantic.ValidationError:
        pass
    else:
        raise AssertionError("V1 matched [a-z]+ at the start")
    try:
        Item(kind="other")
    except pydantic.ValidationError:
        pass
    else:
        raise AssertionError("const")

    os.environ["CACHE_URL"] = "redis://cache"
    assert Settings().redis == "redis://cache"
    assert Item.model_json_schema()["properties"]["sku"]["examples"] == ["AB12"]
