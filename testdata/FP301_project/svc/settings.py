# select: FP301
import pydantic as pd
from pydantic import BaseSettings, Extra

# Errors


class AppSettings(BaseSettings):
    debug: bool = False

    # Another module reads AppSettings.Config: converting it here would break that one.
    class Config:  # error: FP301
        env_prefix = "APP_"
        extra = Extra.ignore


class Standalone(pd.BaseModel):
    name: str

    class Config:  # error: FP301
        extra = pd.Extra.forbid
        allow_mutation = False
