from typing import Any

import pydantic as pd
from pydantic import BaseModel, model_validator
from pydantic import model_validator as mv

# Errors


class Range(BaseModel):
    start: int
    end: int

    @model_validator(mode="after")
    def ordered(self):  # error: FP306
        if self.start > self.end:
            raise ValueError("start after end")

    @pd.model_validator(mode="after")
    def logged(self) -> "Range":  # error: FP306
        print(self.start)

    @mv(mode="after")
    def other_name(this):  # error: FP306
        assert this.end >= 0


class Returns(BaseModel):
    a: int

    @model_validator(mode="after")
    def returns_dict(self):
        return {"a": self.a}  # error: FP306

    @model_validator(mode="after")
    def returns_none(self):
        if self.a:
            return self
        return None  # error: FP306

    @model_validator(mode="after")
    def falls_through(self):  # error: FP306
        if self.a > 0:
            return self


# OK


class Fine(BaseModel):
    a: int

    @model_validator(mode="after")
    def check(self):
        if self.a < 0:
            raise ValueError("negative")
        return self

    @model_validator(mode="after")
    def both_branches(self):
        if self.a:
            return self
        else:
            return self

    @model_validator(mode="after")
    def raises_at_end(self):
        if self.a:
            return self
        raise ValueError("zero")

    @model_validator(mode="before")
    @classmethod
    def before(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data.setdefault("a", 1)

    @model_validator(mode="wrap")
    @classmethod
    def wrap(cls, data, handler):
        return handler(data)

    @model_validator(mode="after")
    def stub(self):
        ...


def check_runtime():
    """model_validate returns the model again (it returned None before the fix)."""
    assert isinstance(Range.model_validate({"start": 1, "end": 2}), Range)
    assert Range(start=1, end=2).end == 2
