# select: FP401
import configparser
import json
import os
from dataclasses import dataclass
from typing import Annotated

import jwt
from fastapi import Depends
from decouple import config as env_config
from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings
from starlette.config import Config

config = Config(".env")

SECRET_KEY = config("SECRET_KEY", default="starlette-default")  # error: FP401
DECOUPLE_SECRET = env_config("JWT_SECRET", default="decouple-default")  # error: FP401
OR_SECRET = os.environ.get("JWT_SECRET") or "or-fallback"  # error: FP401
REQUIRED = config("REQUIRED_SECRET")


class AuthConfig:
    JWT_SECRET = "class-attribute-secret"  # error: FP401


class AuthSettings(BaseModel):
    secret: str = "nested-secret"  # error: FP401


class Settings(BaseSettings):
    auth: AuthSettings = AuthSettings()
    other: AuthSettings = Field(default_factory=AuthSettings)


@dataclass
class TokenConfig:
    secret: str = "dataclass-default"


class EnvConfig:
    secret = "overridden-in-init"

    def __init__(self) -> None:
        self.secret = os.environ["SECRET"]


settings = Settings()
token_config = TokenConfig(secret=os.environ["TOKEN_SECRET"])
env_config_instance = EnvConfig()

# Errors (reported on the literals above)


def sign(payload: dict[str, str]) -> list[str]:
    return [
        jwt.encode(payload, SECRET_KEY, algorithm="HS256"),
        jwt.encode(payload, DECOUPLE_SECRET, algorithm="HS256"),
        jwt.encode(payload, OR_SECRET, algorithm="HS256"),
        jwt.encode(payload, AuthConfig.JWT_SECRET, algorithm="HS256"),
        jwt.encode(payload, settings.auth.secret, algorithm="HS256"),
        jwt.encode(payload, settings.other.secret, algorithm="HS256"),
    ]


# OK


def sign_clean(payload: dict[str, str]) -> list[str]:
    return [
        jwt.encode(payload, REQUIRED, algorithm="HS256"),
        jwt.encode(payload, token_config.secret, algorithm="HS256"),
        jwt.encode(payload, env_config_instance.secret, algorithm="HS256"),
    ]


class TokenService:
    ALGORITHM = "HS256"
    SERVICE_SECRET = "service-class-secret"  # error: FP401

    def __init__(self) -> None:
        self.key = "init-secret"  # error: FP401
        self.env_key = os.environ["KEY"]

    def issue(self, payload: dict[str, str]) -> list[str]:
        return [
            jwt.encode(payload, self.key, algorithm=self.ALGORITHM),
            jwt.encode(payload, self.SERVICE_SECRET, algorithm=self.ALGORITHM),
            jwt.encode(payload, self.env_key, algorithm=self.ALGORITHM),
        ]


class PlainSettings(BaseSettings):
    dep_secret: str = "alias-dependency-secret"  # error: FP401


PlainDep = Annotated[PlainSettings, Depends(PlainSettings)]


def from_alias(payload: dict[str, str], config: PlainDep) -> str:
    return jwt.encode(payload, config.dep_secret, algorithm="HS256")


# Dict entries: a dict literal constant read with [key] / .get(key), the
# fallback of .get() on a mapping loaded from a file, starlette's config.get()

JWT_CONFIG = {"secret": "dict-entry-secret", "algorithm": "HS256", "env": os.environ["X"]}  # error: FP401
FILE_CONFIG = json.load(open("config.json"))
FALLBACK_SECRET = FILE_CONFIG.get("jwt_secret", "loaded-fallback")  # error: FP401
STARLETTE_GET_SECRET = config.get("JWT_SECRET", default="config-get-default")  # error: FP401
PARSER = configparser.ConfigParser()


def from_dicts(payload: dict[str, str]) -> list[str]:
    return [
        jwt.encode(payload, JWT_CONFIG["secret"], algorithm="HS256"),
        jwt.encode(payload, JWT_CONFIG.get("secret"), algorithm="HS256"),
        jwt.encode(payload, FALLBACK_SECRET, algorithm="HS256"),
        jwt.encode(payload, STARLETTE_GET_SECRET, algorithm="HS256"),
        jwt.encode(payload, JWT_CONFIG.get("missing", "dict-get-fallback"), algorithm="HS256"),  # error: FP401
        jwt.encode(payload, os.environ.get("JWT_SECRET", "environ-get-fallback"), algorithm="HS256"),  # error: FP401
    ]


def from_dicts_clean(payload: dict[str, str], options: dict[str, str]) -> list[str]:
    return [
        jwt.encode(payload, JWT_CONFIG["env"], algorithm="HS256"),
        jwt.encode(payload, JWT_CONFIG.get("missing"), algorithm="HS256"),
        jwt.encode(payload, FILE_CONFIG["jwt_secret"], algorithm="HS256"),
        jwt.encode(payload, PARSER.get("jwt", "secret"), algorithm="HS256"),
        jwt.encode(payload, options.get("secret", "not-a-loaded-mapping"), algorithm="HS256"),
    ]
