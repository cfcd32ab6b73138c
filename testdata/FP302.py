import pydantic as pd
import pydantic_settings
from pydantic import BaseModel, ConfigDict
from pydantic import ConfigDict as CD
from pydantic.v1 import BaseModel as V1BaseModel
from pydantic_settings import BaseSettings, SettingsConfigDict

# Errors


class UserOut(BaseModel):
    model_config = ConfigDict(orm_mode=True)  # error: FP302

    id: int


class Product(pd.BaseModel):
    model_config = pd.ConfigDict(
        allow_population_by_field_name=True,  # error: FP302
        anystr_strip_whitespace=True,  # error: FP302
        schema_extra={"example": {"name": "Widget"}},  # error: FP302
        validate_assignment=True,
    )

    name: str


class Frozen(BaseModel):
    model_config = CD(allow_mutation=False, validate_all=True)  # error: FP302, FP302

    name: str


SHARED = ConfigDict(max_anystr_length=10, min_anystr_length=1)  # error: FP302, FP302


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_", keep_untouched=(property,))  # error: FP302

    debug: bool = False


class Worker(pydantic_settings.BaseSettings):
    model_config = pydantic_settings.SettingsConfigDict(anystr_lower=True)  # error: FP302

    queue: str = "default"


class DictConfig(BaseModel):
    model_config = {"orm_mode": True, "extra": "forbid"}  # error: FP302

    id: int


class DictMutation(BaseModel):
    model_config = {"allow_mutation": False}  # error: FP302

    id: int


# Reported, no fix: the V2 key is given too, or the value is not a literal.
class Both(BaseModel):
    model_config = ConfigDict(orm_mode=True, from_attributes=True)  # error: FP302

    id: int


def mutable() -> bool:
    return True


class Computed(BaseModel):
    model_config = ConfigDict(allow_mutation=mutable())  # error: FP302

    id: int


# OK


class Modern(BaseModel):
    model_config = ConfigDict(from_attributes=True, populate_by_name=True, str_strip_whitespace=True)

    id: int


class KeptOnV1(V1BaseModel):
    class Config:
        orm_mode = True


def ConfigFactory(**kwargs):  # a project function, not pydantic's
    return kwargs


OTHER = ConfigFactory(orm_mode=True)


class NotAModel:
    model_config = {"orm_mode": True}


def check_runtime():
    """The renamed keys take effect on V2."""
    from types import SimpleNamespace

    from pydantic import ValidationError

    assert UserOut.model_validate(SimpleNamespace(id=1)).id == 1  # from_attributes
    assert DictConfig.model_validate(SimpleNamespace(id=2)).id == 2
    assert Product(name="  w  ").name == "w"  # str_strip_whitespace
    frozen = Frozen(name="a")
    try:
        frozen.name = "b"
    except ValidationError:
        pass
    else:
        raise AssertionError("frozen=True did not take effect")
