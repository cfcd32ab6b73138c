from datetime import datetime

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


# json_encoders still works in 2.14 but warns at class creation (and in every subclass).
class Encoders(BaseModel):
    model_config = ConfigDict(json_encoders={int: str})  # error: FP314

    id: int


class EncodersV1Style(pd.BaseModel):
    class Config:
        json_encoders = {datetime: lambda v: v.isoformat()}  # error: FP314

    at: datetime


class EncodersDict(BaseModel):
    model_config = {"json_encoders": {int: str}}  # error: FP314

    id: int


# OK


class Serializers(BaseModel):
    model_config = ConfigDict(ser_json_timedelta="float")

    id: int


class NotAConfig:
    json_encoders = {int: str}


class KeptOnV1(V1BaseModel):
    class Config:
        smart_union = True


class PlainService:
    class Config:
        fields = ["a"]
