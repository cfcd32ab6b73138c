# The module imports a V1-only name: its models are V1 code being migrated.
from typing import Optional

from pydantic import BaseModel, Extra

# Errors


class Item(BaseModel):
    description: Optional[str]  # error: FP307


class Strict(BaseModel, extra=Extra.forbid):
    note: Optional[str] = None
