C = {}
C["401p_nested_module_settings"] = {
 "app/__init__.py": "",
 "app/core/__init__.py": "",
 "app/core/config.py": '''
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    SECRET_KEY: str = "nested-module-secret"  # expect: FP401


settings = Settings()
''',
 "app/auth.py": '''
import jwt

from app.core import config


def create(d):
    return jwt.encode(d, config.settings.SECRET_KEY, algorithm="HS256")
'''}
C["401p_depends_plain_default"] = {
 "app/__init__.py": "",
 "app/config.py": '''
from functools import lru_cache

from pydantic_settings import BaseSettings


class CommonSettings(BaseSettings):
    debug: bool = False


class Settings(CommonSettings):
    secret_key: str = "inherited-base-secret"  # expect: FP401


@lru_cache
def get_settings() -> Settings:
    return Settings()
''',
 "app/routes.py": '''
from jose import jwt
from fastapi import APIRouter, Depends

from app.config import Settings, get_settings

router = APIRouter()


@router.post("/token")
def token(settings: Settings = Depends(get_settings)):
    return {"t": jwt.encode({"sub": "a"}, settings.secret_key, algorithm="HS256")}
'''}
C["404p_cors_module_attr"] = {"main.py": '''
from fastapi import FastAPI
from starlette.middleware import cors

app = FastAPI()
app.add_middleware(cors.CORSMiddleware, allow_origins=["*"], allow_credentials=True)  # expect: FP404
'''}
C["404p_asgi_wrap"] = {"main.py": '''
from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

api = FastAPI()
app = CORSMiddleware(api, allow_origins=["*"], allow_credentials=True)  # expect: FP404
'''}
C["408p_raise_from"] = {"main.py": '''
import jwt
from fastapi import HTTPException


def decode(token, key):
    try:
        return jwt.decode(token, key, algorithms=["HS256"])
    except jwt.PyJWTError as exc:
        raise HTTPException(status_code=401, detail="Invalid token") from exc  # expect: FP408
'''}
C["408n_headers_var"] = {"main.py": '''
from fastapi import HTTPException


def deny():
    headers = {"WWW-Authenticate": "Bearer"}
    raise HTTPException(status_code=401, detail="no", headers=headers)
'''}
C["507p_callable_class_dependency"] = {"main.py": '''
from fastapi import Depends, FastAPI, Header, HTTPException

app = FastAPI()


class RoleChecker:
    def __init__(self, allowed: list[str]):
        self.allowed = allowed

    def __call__(self, x_role: str = Header("")):
        if x_role not in self.allowed:
            return HTTPException(status_code=403, detail="forbidden")  # expect: FP507
        return x_role


@app.delete("/items/{item_id}")
def delete(item_id: int, role=Depends(RoleChecker(["admin"]))):
    return {"deleted": item_id}
'''}
C["508p_crossmodule_base"] = {
 "app/__init__.py": "",
 "app/base.py": '''
from starlette.middleware.base import BaseHTTPMiddleware


class AppMiddleware(BaseHTTPMiddleware):
    pass
''',
 "app/auth_mw.py": '''
from fastapi import HTTPException

from .base import AppMiddleware


class AuthMiddleware(AppMiddleware):
    async def dispatch(self, request, call_next):
        if "x-key" not in request.headers:
            raise HTTPException(status_code=403)  # expect: FP508
        return await call_next(request)
'''}
C["407p_inline_in_create_token"] = {"main.py": '''
from datetime import datetime, timedelta, timezone

import jwt

ACCESS_TOKEN_EXPIRE = timedelta(days=1)  # expect: FP407


def create_access_token(data: dict, key: str) -> str:
    expire = datetime.now(timezone.utc) + ACCESS_TOKEN_EXPIRE
    return jwt.encode({**data, "exp": expire}, key, algorithm="HS256")
'''}
C["411p_default_arg"] = {"main.py": '''
from datetime import datetime, timedelta


def create_token(sub: str, now=None):
    now = now or datetime.utcnow()  # expect: FP411
    return {"sub": sub, "exp": now + timedelta(minutes=15)}
'''}
C["403p_settings_schemes"] = {"main.py": '''
from passlib.context import CryptContext

pwd_context = CryptContext(schemes=["bcrypt"], bcrypt__rounds=12)  # expect: FP403
legacy = CryptContext(schemes=["sha256_crypt", "bcrypt"], deprecated=["sha256_crypt"])  # expect: FP403
'''}
C["410n_dev_only_hosts"] = {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.trustedhost import TrustedHostMiddleware

app = FastAPI()
app.add_middleware(TrustedHostMiddleware, allowed_hosts=["localhost", "127.0.0.1", "testserver"])
'''}
C["411n_utcnow_name_elsewhere"] = {"main.py": '''
from datetime import datetime, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Token:
    def __init__(self):
        self.issued = utcnow()
'''}
C["403n_comment_bcrypt"] = {"main.py": '''
from passlib.context import CryptContext

# We moved off "bcrypt" to argon2.
pwd_context = CryptContext(schemes=["argon2"], deprecated="auto")
'''}
C["406n_other_auto_error"] = {"args": "--fastapi-target-version 0.110.0", "main.py": '''
from fastapi.security import HTTPBasic, OAuth2PasswordBearer

basic = HTTPBasic(auto_error=False)
oauth = OAuth2PasswordBearer(tokenUrl="t", auto_error=False)
'''}
C["407n_tests"] = {
 "tests/__init__.py": "",
 "tests/conftest.py": '''
ACCESS_TOKEN_EXPIRE_MINUTES = 600
'''}
