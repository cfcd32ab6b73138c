# No Pydantic target is known (newest assumed): only models that still
# carry V1 markers are V1 code being migrated.
from typing import Optional

import pydantic as pd
from pydantic import BaseModel, ConfigDict, field_validator

# Errors


class LegacyConfig(BaseModel):
    name: Optional[str]  # error: FP307

    class Config:
        orm_mode = True


class LegacyValidator(pd.BaseModel):
    nickname: str | None  # error: FP307

    @pd.validator("nickname")
    def strip(cls, v):
        return v.strip() if v else v


# OK


class NativeV2(BaseModel):
    # A nullable field that must be sent: deliberate in V2.
    model_config = ConfigDict(from_attributes=True)

    deleted_at: Optional[str]
    parent_id: int | None

    @field_validator("parent_id")
    @classmethod
    def positive(cls, v):
        return v
