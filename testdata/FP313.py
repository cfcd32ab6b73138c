from typing import Dict, List

import pydantic as pd
from pydantic import BaseModel
from pydantic.v1 import BaseModel as V1BaseModel

# Errors


class Tags(BaseModel):
    __root__: List[str]  # error: FP313

    def __iter__(self):
        return iter(self.__root__)

    def __len__(self):
        return len(self.__root__)


class Scores(pd.BaseModel):
    __root__: Dict[str, int] = {}  # error: FP313


class Base(BaseModel):
    pass


# Reported, no fix: a project base, another field.
class FromBase(Base):
    __root__: List[int]  # error: FP313


class Mixed(BaseModel):
    __root__: List[int]  # error: FP313
    extra: int = 0


# OK


class KeptOnV1(V1BaseModel):
    __root__: List[str]


class NotAModel:
    __root__: List[str]


class Modern(pd.RootModel):
    root: List[str]


def check_runtime():
    """A root model validates and iterates as V1's custom root type did."""
    validate = getattr(Tags, "model_validate", None) or Tags.parse_obj
    tags = validate(["a", "b"])
    assert list(tags) == ["a", "b"] and len(tags) == 2
    scores = (getattr(Scores, "model_validate", None) or Scores.parse_obj)({"x": "3"})
    assert dict(getattr(scores, "root", None) or scores.__root__) == {"x": 3}
