import pydantic
from acme_sdk.resources import Resource
from pydantic_settings import BaseSettings

# A second name for a base class, bound once in the module.
Model = pydantic.BaseModel
AppSettings = BaseSettings
Remote = Resource
Plain = object

# Errors


class Out(Model):
    x: int = 0

    class Config:  # error: FP301
        orm_mode = True


class Settings(AppSettings):
    debug: bool = False

    class Config:  # error: FP301
        env_prefix = "APP_"


# OK


class Widget(Remote):
    # The alias names an unknown third-party class: not known to be a model.
    class Config:
        endpoint = "/widgets"


class Service(Plain):
    class Config:
        retries = 3


def check_runtime() -> None:
    """The fixed module works under Pydantic 2."""
    assert Out.model_validate(type("Row", (), {"x": 3})()).x == 3
    assert Settings.model_config["env_prefix"] == "APP_"
