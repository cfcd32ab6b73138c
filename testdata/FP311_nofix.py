from typing import Annotated, Set

from pydantic import BaseModel, Field

PATTERN = "^a"

# Errors


class Item(BaseModel):
    unique: list = Field([], unique_items=True)  # error: FP311
    subset: dict = Field({}, include={"a"})  # error: FP311
    dynamic: str = Field("a", regex=PATTERN)  # error: FP311
    look: str = Field("a", regex=r"(?<=x)a")  # error: FP311
    both: list = Field([], min_items=1, min_length=2)  # error: FP311
    mutable: int = Field(0, allow_mutation=not False)  # error: FP311
    computed: str = Field(PATTERN, const=True)  # error: FP311
    wrapped: Annotated[str, Field(const=True)] = "a"  # error: FP311
    env_here: str = Field("x", env="X")  # error: FP311
    example_twice: str = Field("x", example="a", examples=["b"])  # error: FP311
