from typing import List, Optional

import sqlmodel
from sqlmodel import Field, SQLModel

# Errors


class HeroBase(SQLModel):
    name: str = Field(..., regex=r"^[A-Z]\w+$")  # error: FP311
    tags: List[str] = Field(default_factory=list, min_items=1, max_items=3)  # error: FP311
    motto: str = Field("Up!", example="Up!")  # error: FP311
    kind: str = Field("hero", const=True)  # error: FP311
    code: str = sqlmodel.Field("H1", regex="H[0-9]")  # error: FP311


class Hero(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    serial: str = Field("S1", allow_mutation=False)  # error: FP311
    alias: str = Field("x", regex="^x", schema_extra={"title": "Alias"})  # error: FP311


# OK


class HeroRead(SQLModel):
    name: str = Field(..., schema_extra={"pattern": "^[A-Z]"}, min_length=1)
    tags: List[str] = Field(default_factory=list, max_length=3)


def check_runtime() -> None:
    """The fixed module validates as the V1 original did."""
    import pydantic

    hero = HeroBase(name="Ada", tags=["x"], code="H1")
    assert hero.kind == "hero" and hero.motto == "Up!"
    for bad in ({"name": "ada", "tags": ["x"]}, {"name": "Ada", "tags": []}, {"name": "Ada", "tags": list("abcd")}):
        try:
            HeroBase.model_validate(bad)
        except pydantic.ValidationError:
            continue
        raise AssertionError(f"accepted {bad}")
    try:
        HeroBase(name="Ada", tags=["x"], code="xH1")
    except pydantic.ValidationError:
        pass
    else:
        raise AssertionError("regex= matched at the start in V1")
    assert HeroBase.model_json_schema()["properties"]["motto"]["examples"] == ["Up!"]
