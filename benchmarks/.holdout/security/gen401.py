# FP401 / FP402 cases.  CASES: name -> {relpath: source}; "args" optional.
C = {}
# ---------------- FP401 positives
C["401p_pyjwt_alias_const"] = {"main.py": '''
import jwt as pyjwt

SECRET_KEY = "change-me"  # expect: FP401
ALGORITHM = "HS256"


def create_access_token(data: dict) -> str:
    return pyjwt.encode(data, SECRET_KEY, algorithm=ALGORITHM)
'''}
C["401p_jose_literal"] = {"main.py": '''
from jose import jwt


def make_token(sub: str) -> str:
    return jwt.encode({"sub": sub}, "super-secret-value", algorithm="HS256")  # expect: FP401
'''}
C["401p_jose_jwt_decode_import"] = {"main.py": '''
from jose.jwt import decode

JWT_SECRET = "dev-secret-123"  # expect: FP401


def read_token(token: str) -> dict:
    return decode(token, JWT_SECRET, algorithms=["HS256"])
'''}
C["401p_authlib"] = {"main.py": '''
from authlib.jose import jwt

KEY = "my-authlib-secret"  # expect: FP401


def issue(payload: dict) -> bytes:
    header = {"alg": "HS256"}
    return jwt.encode(header, payload, KEY)
'''}
C["401p_crossmodule_relative"] = {
 "app/__init__.py": "",
 "app/core/__init__.py": "",
 "app/core/config.py": '''
SECRET_KEY = "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7"  # expect: FP401
ALGORITHM = "HS256"
ACCESS_TOKEN_EXPIRE_MINUTES = 30
''',
 "app/core/security.py": '''
from datetime import datetime, timedelta, timezone

import jwt

from .config import ALGORITHM, ACCESS_TOKEN_EXPIRE_MINUTES, SECRET_KEY


def create_access_token(subject: str) -> str:
    expire = datetime.now(timezone.utc) + timedelta(minutes=ACCESS_TOKEN_EXPIRE_MINUTES)
    return jwt.encode({"exp": expire, "sub": subject}, SECRET_KEY, algorithm=ALGORITHM)
'''}
C["401p_crossmodule_parent_relative"] = {
 "svc/__init__.py": "",
 "svc/settings.py": '''
JWT_SECRET_KEY = "please-change"  # expect: FP401
''',
 "svc/auth/__init__.py": "",
 "svc/auth/tokens.py": '''
from jose import jwt

from .. import settings


def decode_token(token: str) -> dict:
    return jwt.decode(token, settings.JWT_SECRET_KEY, algorithms=["HS256"])
'''}
C["401p_settings_attr"] = {
 "app/__init__.py": "",
 "app/config.py": '''
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    SECRET_KEY: str = "changethis"  # expect: FP401
    ALGORITHM: str = "HS256"


settings = Settings()
''',
 "app/security.py": '''
import jwt

from app.config import settings


def create_token(data: dict) -> str:
    return jwt.encode(data, settings.SECRET_KEY, algorithm=settings.ALGORITHM)
'''}
C["401p_get_settings"] = {
 "app/__init__.py": "",
 "app/config.py": '''
from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env")
    secret_key: str = "insecure-default-key"  # expect: FP401
    algorithm: str = "HS256"


@lru_cache
def get_settings() -> Settings:
    return Settings()
''',
 "app/auth.py": '''
from jose import jwt

from .config import get_settings


def verify(token: str) -> dict:
    return jwt.decode(token, get_settings().secret_key, algorithms=[get_settings().algorithm])
'''}
C["401p_depends_settings"] = {
 "app/__init__.py": "",
 "app/config.py": '''
from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    jwt_secret: str = Field(default="not-so-secret")  # expect: FP401


@lru_cache()
def get_settings():
    return Settings()
''',
 "app/routes.py": '''
from typing import Annotated

import jwt
from fastapi import APIRouter, Depends

from app.config import Settings, get_settings

router = APIRouter()


@router.post("/token")
def login(settings: Annotated[Settings, Depends(get_settings)]):
    token = jwt.encode({"sub": "x"}, settings.jwt_secret, algorithm="HS256")
    return {"access_token": token}
'''}
C["401p_arg_default"] = {"main.py": '''
import jwt


def create_access_token(data: dict, secret: str = "dev-only-secret", algorithm: str = "HS256") -> str:  # expect: FP401
    return jwt.encode(data, secret, algorithm=algorithm)
'''}
C["401p_positional_alg"] = {"main.py": '''
import jwt

SECRET = "s3cr3t"  # expect: FP401


def enc(payload):
    return jwt.encode(payload, SECRET, "HS256")


def dec(token):
    return jwt.decode(token, SECRET, ["HS256"])
'''}
C["401p_key_kw_from_import"] = {"main.py": '''
from jwt import encode as jwt_encode

PRIVATE_KEY = "hardcoded-signing-key"  # expect: FP401


def sign(claims: dict) -> str:
    return jwt_encode(claims, key=PRIVATE_KEY, algorithm="HS512")
'''}
C["401p_import_jose_jwt_module"] = {"main.py": '''
import jose.jwt

AUTH_SECRET = "abc123abc123"  # expect: FP401


def token_for(user_id: int) -> str:
    return jose.jwt.encode({"uid": user_id}, AUTH_SECRET, algorithm="HS256")
'''}
C["401p_settings_field_positional"] = {
 "core/__init__.py": "",
 "core/config.py": '''
from pydantic import Field
from pydantic_settings import BaseSettings


class AuthSettings(BaseSettings):
    secret_key: str = Field("change_me_in_production", description="JWT key")  # expect: FP401


auth_settings = AuthSettings()
''',
 "core/jwt_utils.py": '''
from datetime import datetime, timedelta, timezone

from jose import jwt

from core.config import auth_settings


def encode(sub: str) -> str:
    exp = datetime.now(timezone.utc) + timedelta(minutes=15)
    return jwt.encode({"sub": sub, "exp": exp}, auth_settings.secret_key, algorithm="HS256")
'''}
C["401p_class_attr_const"] = {"main.py": '''
import jwt


class JWTConfig:
    SECRET_KEY = "class-level-secret"  # expect: FP401
    ALGORITHM = "HS256"


def encode(data: dict) -> str:
    return jwt.encode(data, JWTConfig.SECRET_KEY, algorithm=JWTConfig.ALGORITHM)
'''}
# ---------------- FP401 near misses
C["401n_environ"] = {"main.py": '''
import os

import jwt

SECRET_KEY = os.environ["SECRET_KEY"]
ALGORITHM = "HS256"


def create_access_token(data: dict) -> str:
    return jwt.encode(data, SECRET_KEY, algorithm=ALGORITHM)
'''}
C["401n_getenv_nodefault"] = {"main.py": '''
import os

from jose import jwt

JWT_SECRET = os.getenv("JWT_SECRET")


def read(token: str):
    return jwt.decode(token, JWT_SECRET, algorithms=["HS256"])
'''}
C["401n_settings_nodefault"] = {
 "app/__init__.py": "",
 "app/config.py": '''
from pydantic import SecretStr
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    SECRET_KEY: str
    JWT_KEY: SecretStr
    ALGORITHM: str = "HS256"


settings = Settings()
''',
 "app/security.py": '''
import jwt

from app.config import settings


def create(data):
    return jwt.encode(data, settings.SECRET_KEY, algorithm=settings.ALGORITHM)


def create2(data):
    return jwt.encode(data, settings.JWT_KEY.get_secret_value(), algorithm="HS256")
'''}
C["401n_tests_fixture"] = {
 "app/__init__.py": "",
 "app/security.py": '''
import os

import jwt

SECRET = os.environ["SECRET"]


def decode(token):
    return jwt.decode(token, SECRET, algorithms=["HS256"])
''',
 "tests/__init__.py": "",
 "tests/conftest.py": '''
import jwt
import pytest

TEST_SECRET = "test-secret"


@pytest.fixture
def token():
    return jwt.encode({"sub": "alice"}, TEST_SECRET, algorithm="HS256")
''',
 "tests/test_auth.py": '''
import jwt


def test_decode():
    t = jwt.encode({"sub": "bob"}, "unit-test-key", algorithm="HS256")
    assert jwt.decode(t, "unit-test-key", algorithms=["HS256"])["sub"] == "bob"
'''}
C["401n_file_key"] = {"main.py": '''
from pathlib import Path

import jwt

PUBLIC_KEY = Path("/etc/keys/jwt.pub").read_text()
PRIVATE_KEY = open("/etc/keys/jwt.pem").read()


def verify(token: str) -> dict:
    return jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"])


def sign(data: dict) -> str:
    return jwt.encode(data, PRIVATE_KEY, algorithm="RS256")
'''}
C["401n_generated"] = {"main.py": '''
import secrets

import jwt

SECRET_KEY = secrets.token_urlsafe(32)


def sign(data):
    return jwt.encode(data, SECRET_KEY, algorithm="HS256")
'''}
C["401n_key_names_not_jwt"] = {"main.py": '''
import redis

CACHE_KEY = "users:all"
API_KEY_NAME = "X-API-Key"
SECRET_HEADER = "X-Secret"
r = redis.Redis()


def cached():
    return r.get(CACHE_KEY)
'''}
C["401n_settings_default_factory"] = {
 "app/__init__.py": "",
 "app/config.py": '''
import secrets

from pydantic import Field
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    SECRET_KEY: str = Field(default_factory=lambda: secrets.token_urlsafe(32))
    SECRET_KEY2: str = secrets.token_urlsafe(32)


settings = Settings()
''',
 "app/security.py": '''
import jwt

from app.config import settings


def create(data):
    return jwt.encode(data, settings.SECRET_KEY, algorithm="HS256")


def create2(data):
    return jwt.encode(data, settings.SECRET_KEY2, algorithm="HS256")
'''}
C["401n_arg_no_default"] = {"main.py": '''
import jwt


def create_access_token(data: dict, secret: str, algorithm: str = "HS256") -> str:
    return jwt.encode(data, secret, algorithm=algorithm)
'''}
C["401n_unverified_header"] = {"main.py": '''
import jwt
from jwt import PyJWKClient

jwks = PyJWKClient("https://example.com/.well-known/jwks.json")


def verify(token: str):
    header = jwt.get_unverified_header(token)
    key = jwks.get_signing_key_from_jwt(token).key
    return jwt.decode(token, key, algorithms=[header["alg"]], audience="api")
'''}
# ---------------- FP402 positives
C["402p_pyjwt_no_alg"] = {"main.py": '''
import os

import jwt

KEY = os.environ["KEY"]


def read(token):
    return jwt.decode(token, KEY)  # expect: FP402
'''}
C["402p_jose_no_alg"] = {"main.py": '''
import os

from jose import jwt

KEY = os.environ["KEY"]


def read(token):
    return jwt.decode(token, KEY)  # expect: FP402
'''}
C["402p_verify_sig_false"] = {"main.py": '''
import jwt


def claims(token):
    return jwt.decode(token, options={"verify_signature": False})  # expect: FP402
'''}
C["402p_verify_sig_false_with_alg"] = {"main.py": '''
import os

import jwt as pyjwt

KEY = os.environ["KEY"]


def claims(token):
    return pyjwt.decode(token, KEY, algorithms=["HS256"], options={"verify_signature": False, "verify_exp": True})  # expect: FP402
'''}
C["402p_jose_decode_import_options"] = {"main.py": '''
import os

from jose.jwt import decode

KEY = os.environ["KEY"]


def claims(token):
    return decode(token, KEY, algorithms=["HS256"], options={"verify_signature": False})  # expect: FP402
'''}
C["402p_jose_verify_false"] = {"main.py": '''
import os

from jose import jwt

KEY = os.environ["KEY"]


def claims(token):
    return jwt.decode(token, KEY, verify=False)  # expect: FP402
'''}
C["402p_options_const"] = {"main.py": '''
import os

import jwt

KEY = os.environ["KEY"]
DECODE_OPTIONS = {"verify_signature": False}


def claims(token):
    return jwt.decode(token, KEY, algorithms=["HS256"], options=DECODE_OPTIONS)  # expect: FP402
'''}
C["402p_from_jwt_decode_alias"] = {"main.py": '''
import os

from jwt import decode as jwt_decode

KEY = os.environ["KEY"]


def claims(token):
    return jwt_decode(token, KEY)  # expect: FP402
'''}
C["402p_in_route"] = {"main.py": '''
import os

import jwt
from fastapi import Depends, FastAPI
from fastapi.security import OAuth2PasswordBearer

app = FastAPI()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")
KEY = os.environ["KEY"]


@app.get("/me")
async def me(token: str = Depends(oauth2_scheme)):
    payload = jwt.decode(token, KEY)  # expect: FP402
    return {"sub": payload.get("sub")}
'''}
C["402p_multiline"] = {"main.py": '''
import os

import jwt

KEY = os.environ["KEY"]


def claims(token):
    return jwt.decode(  # expect: FP402
        token,
        KEY,
        options={
            "verify_signature": False,
        },
    )
'''}
# ---------------- FP402 near misses
C["402n_alg_kw"] = {"main.py": '''
import os

import jwt

KEY = os.environ["KEY"]
ALGORITHM = "HS256"


def a(token):
    return jwt.decode(token, KEY, algorithms=[ALGORITHM])
'''}
C["402n_alg_positional"] = {"main.py": '''
import os

from jose import jwt

KEY = os.environ["KEY"]
ALGORITHMS = ["RS256"]


def a(token):
    return jwt.decode(token, KEY, ALGORITHMS)
'''}
C["402n_alg_settings"] = {"main.py": '''
import os

import jwt

KEY = os.environ["KEY"]


class S:
    algorithm = os.environ.get("ALG", "HS256")


settings = S()


def a(token):
    return jwt.decode(token, KEY, algorithms=[settings.algorithm], options={"verify_aud": False})
'''}
C["402n_kwargs"] = {"main.py": '''
import jwt


def a(token, **kwargs):
    return jwt.decode(token, **kwargs)
'''}
C["402n_other_decode"] = {"main.py": '''
import base64
import json


def a(s: bytes):
    return json.loads(base64.b64decode(s).decode())


def b(token: bytes):
    return token.decode("utf-8")
'''}
C["402n_authlib_decode"] = {"main.py": '''
import os

from authlib.jose import jwt

KEY = os.environ["KEY"]


def a(token):
    claims = jwt.decode(token, KEY)
    claims.validate()
    return claims
'''}
C["402n_verify_exp_false"] = {"main.py": '''
import os

import jwt

KEY = os.environ["KEY"]


def a(token):
    return jwt.decode(token, KEY, algorithms=["HS256"], options={"verify_exp": False})
'''}
C["402n_jose_unverified_claims"] = {"main.py": '''
from jose import jwt


def a(token):
    return jwt.get_unverified_claims(token)
'''}
C["402n_verify_sig_true"] = {"main.py": '''
import os

import jwt

KEY = os.environ["KEY"]


def a(token):
    return jwt.decode(token, KEY, algorithms=["HS256"], options={"verify_signature": True})
'''}
