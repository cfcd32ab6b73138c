import os
from typing import Annotated

import jwt
import jwt as pyjwt
from authlib.jose import jwt as authlib_jwt
from fastapi import Depends
from jose import jwt as jose_jwt
from jose.jwt import decode as jose_decode
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings

SECRET_KEY = "change-me-use-secrets-manager"  # error: FP401
ALGORITHM = "HS256"
FALLBACK_SECRET = os.getenv("JWT_SECRET", "dev-secret")  # error: FP401
ENV_SECRET = os.environ["JWT_SECRET"]
OPTIONAL_SECRET = os.getenv("JWT_SECRET")
EMPTY_FALLBACK = os.getenv("JWT_SECRET", "")
PUBLIC_KEY = """-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE
-----END PUBLIC KEY-----"""
REFRESH_SECRET = b"refresh-secret"  # error: FP401


class Settings(BaseSettings):
    jwt_secret: str = "super-secret"  # error: FP401
    other_secret: SecretStr = SecretStr("other-secret")  # error: FP401
    field_secret: str = Field(default="field-secret")  # error: FP401
    required_secret: str
    env_secret: str = Field(..., min_length=32)
    algorithm: str = "HS256"


settings = Settings()


def get_settings() -> Settings:
    return settings


# Errors


def create_access_token(data: dict[str, str]) -> str:
    return jwt.encode(data, SECRET_KEY, algorithm=ALGORITHM)


def create_refresh_token(data: dict[str, str]) -> str:
    key = REFRESH_SECRET
    return pyjwt.encode(data, key=key, algorithm="HS256")


def decode_jose(token: str) -> dict[str, str]:
    return jose_jwt.decode(token, "literal-secret", algorithms=[ALGORITHM])  # error: FP401


def decode_fallback(token: str) -> dict[str, str]:
    return jose_decode(token, FALLBACK_SECRET, algorithms=["HS256"])


def sign_with_default(data: dict[str, str], secret: str = "default-secret") -> str:  # error: FP401
    return jwt.encode(data, secret, algorithm="HS256")


def from_settings(data: dict[str, str]) -> str:
    return jwt.encode(data, settings.jwt_secret, algorithm=settings.algorithm)


def from_secret_str(data: dict[str, str]) -> str:
    return jwt.encode(data, get_settings().other_secret.get_secret_value(), algorithm="HS256")


def from_dependency(token: str, config: Annotated[Settings, Depends(get_settings)]) -> dict[str, str]:
    return jwt.decode(token, config.field_secret, algorithms=["HS256"])


def authlib_token(payload: dict[str, str]) -> bytes:
    return authlib_jwt.encode({"alg": "HS256"}, payload, "authlib-secret")  # error: FP401


# OK


def from_environment(data: dict[str, str]) -> str:
    return jwt.encode(data, ENV_SECRET, algorithm="HS256") + jwt.encode(data, OPTIONAL_SECRET, algorithm="HS256")


def from_required_settings(data: dict[str, str]) -> str:
    return jwt.encode(data, settings.required_secret, algorithm="HS256") + jwt.encode(
        data, settings.env_secret, algorithm="HS256"
    )


def empty_fallback(token: str) -> dict[str, str]:
    return jwt.decode(token, EMPTY_FALLBACK, algorithms=["HS256"])


def public_key(token: str) -> dict[str, str]:
    return jwt.decode(token, PUBLIC_KEY, algorithms=["ES256"])


def unverified(token: str) -> dict[str, str]:
    return jwt.decode(token, "ignored", options={"verify_signature": False})  # noqa: FP402


def parameter_without_default(data: dict[str, str], secret: str) -> str:
    return jwt.encode(data, secret, algorithm="HS256")


def not_jwt(data: str) -> bytes:
    return data.encode("utf-8")
