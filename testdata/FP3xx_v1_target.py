# select: FP
# pydantic-target-version: 1.10
# A Pydantic 1 project: the V1 API is right here; FP304, FP305, FP311,
# FP315, FP316, FP317 and FP320 report only in the migration (--select FP3).
from typing import List

from pydantic import BaseModel, BaseSettings, Extra, Field, Required, conlist, parse_obj_as, validate_arguments


class Settings(BaseSettings):
    url: str = Field("x", env="URL")


class User(BaseModel, extra=Extra.forbid):
    name: str = Required
    tags: conlist(str, min_items=1) = Field(["a"], max_items=3)


@validate_arguments
def load(rows: List[dict]) -> List[dict]:
    return [u.dict() for u in parse_obj_as(List[User], rows)]

# OK
