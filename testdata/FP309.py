from typing import Optional

import pydantic
import pydantic_settings as ps
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings


class Base(BaseSettings):
    debug: bool = False


# Errors


class Settings(Base):
    secret_key: str  # error: FP309
    DB_PASSWORD: str = ""  # error: FP309
    api_token: Optional[str] = None  # error: FP309
    stripe_key: "str | None" = None  # error: FP309
    database_url: str = Field(...)  # error: FP309
    client_secret: str  # error: FP309


class Other(ps.BaseSettings):
    github_token: str  # error: FP309


from pydantic.v1 import BaseSettings as KeptV1Settings


class KeptV1(KeptV1Settings):
    smtp_password: str  # error: FP309


# OK


class Fine(BaseSettings):
    secret_key: SecretStr
    token_url: str = "https://auth/token"
    password_min_length: int = 8
    api_key_header: str = "X-API-Key"
    access_token_expire_minutes: int = 30
    public_key: str = ""
    tokenizer: str = "bert"
    max_tokens: int = 10
    jwt_algorithm: str = "HS256"
    secret_key_file: str = "/run/secrets/key"


class NotSettings(pydantic.BaseModel):
    password: str
