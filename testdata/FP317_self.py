from pathlib import Path
from typing import Type

from pydantic import BaseModel, validate_arguments
from typing_extensions import Self

# Errors


class Environment(BaseModel):
    name: str = ""

    @classmethod
    @validate_arguments  # error: FP317
    def from_file(cls: Type[Self], path: Path) -> Self:
        return cls(name=str(path))


def build(cls: "Type[Self]", path: Path):
    return cls


checked = validate_arguments(build)  # error: FP317
