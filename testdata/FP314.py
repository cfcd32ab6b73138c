import pydantic as pd
from pydantic import BaseModel, ConfigDict
from pydantic.v1 import BaseModel as V1BaseModel
from pydantic_settings import BaseSettings, SettingsConfigDict

# Errors


class Event(BaseModel):
    id: int

    class Config:
        fields = {"id": {"alias": "ID"}}  # error: FP314
        smart_union = True  # error: FP314
        orm_mode = True


class Loader(pd.BaseModel):
    model_config = pd.ConfigDict(json_loads=None, underscore_attrs_are_private=True)  # error: FP314, FP314

    name: str


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_", copy_on_model_validation="none")  # error: FP314

    debug: bool = False


class DictConfig(BaseModel):
    model_config = {"getter_dict": None, "from_attributes": True}  # error: FP314

    id: int


LOOSE = ConfigDict(error_msg_templates={})  # error: FP314


# OK


class Encoders(BaseModel):
    # json_encoders still works in 2.14 (deprecated): not FP314.
    model_config = ConfigDict(json_encoders={int: str})

    id: int


class KeptOnV1(V1BaseModel):
    class Config:
        smart_union = True


class PlainService:
    class Config:
        fields = ["a"]
