C = {}
C["403p_basic"] = {"main.py": '''
from passlib.context import CryptContext

pwd_context = CryptContext(schemes=["bcrypt"], deprecated="auto")  # expect: FP403
'''}
C["403p_module_attr"] = {"main.py": '''
import passlib.context

ctx = passlib.context.CryptContext(schemes=["bcrypt", "sha256_crypt"], deprecated="auto")  # expect: FP403
'''}
C["403p_alias"] = {"main.py": '''
from passlib.context import CryptContext as PwdContext

hasher = PwdContext(schemes=["argon2", "bcrypt"])  # expect: FP403
'''}
C["403p_const"] = {"main.py": '''
from passlib.context import CryptContext

HASH_SCHEMES = ["bcrypt"]
pwd_context = CryptContext(schemes=HASH_SCHEMES, deprecated="auto")  # expect: FP403
'''}
C["403p_tuple"] = {"main.py": '''
from passlib.context import CryptContext

pwd_context = CryptContext(schemes=("bcrypt",))  # expect: FP403
'''}
C["403p_positional"] = {"main.py": '''
from passlib.context import CryptContext

pwd_context = CryptContext(["bcrypt"], deprecated="auto")  # expect: FP403
'''}
C["403p_in_class"] = {"main.py": '''
from passlib.context import CryptContext


class Hasher:
    pwd_context = CryptContext(schemes=["bcrypt"], deprecated="auto")  # expect: FP403

    @classmethod
    def verify(cls, plain, hashed):
        return cls.pwd_context.verify(plain, hashed)
'''}
C["403p_from_passlib"] = {"main.py": '''
from passlib import context

pwd = context.CryptContext(schemes=["bcrypt"])  # expect: FP403
'''}
C["403p_multiline"] = {"main.py": '''
from passlib.context import CryptContext

pwd_context = CryptContext(  # expect: FP403
    schemes=[
        "bcrypt",
    ],
    deprecated="auto",
    bcrypt__rounds=12,
)
'''}
C["403p_crossmodule_const"] = {
 "app/__init__.py": "",
 "app/constants.py": 'PASSWORD_SCHEMES = ["bcrypt"]\n',
 "app/security.py": '''
from passlib.context import CryptContext

from .constants import PASSWORD_SCHEMES

pwd_context = CryptContext(schemes=PASSWORD_SCHEMES, deprecated="auto")  # expect: FP403
'''}
C["403n_argon"] = {"main.py": '''
from passlib.context import CryptContext

pwd_context = CryptContext(schemes=["argon2"], deprecated="auto")
pbkdf = CryptContext(schemes=["pbkdf2_sha256"])
'''}
C["403n_bcrypt_direct"] = {"main.py": '''
import bcrypt


def hash_password(pw: str) -> str:
    return bcrypt.hashpw(pw.encode(), bcrypt.gensalt()).decode()
'''}
C["403n_pwdlib"] = {"main.py": '''
from pwdlib import PasswordHash
from pwdlib.hashers.bcrypt import BcryptHasher

password_hash = PasswordHash((BcryptHasher(),))
recommended = PasswordHash.recommended()
'''}
C["403n_local_class"] = {"main.py": '''
class CryptContext:
    def __init__(self, schemes):
        self.schemes = schemes


ctx = CryptContext(schemes=["bcrypt"])
'''}
C["403n_string_config"] = {"main.py": '''
HASH_ALGO = "bcrypt"
SUPPORTED = ["bcrypt", "argon2"]
'''}
# --------------- FP404
C["404p_add_middleware"] = {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()
app.add_middleware(  # expect: FP404
    CORSMiddleware,
    allow_origins=["*"],
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)
'''}
C["404p_middleware_list"] = {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware import Middleware
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI(
    middleware=[
        Middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True),  # expect: FP404
    ]
)
'''}
C["404p_origins_const"] = {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

origins = ["*"]

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=origins, allow_credentials=True)  # expect: FP404
'''}
C["404p_settings_default"] = {
 "app/__init__.py": "",
 "app/config.py": '''
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    BACKEND_CORS_ORIGINS: list[str] = ["*"]


settings = Settings()
''',
 "app/main.py": '''
from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

from app.config import settings

app = FastAPI()
app.add_middleware(  # expect: FP404
    CORSMiddleware,
    allow_origins=settings.BACKEND_CORS_ORIGINS,
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)
'''}
C["404p_regex"] = {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origin_regex=".*", allow_credentials=True)  # expect: FP404
'''}
C["404p_alias"] = {"main.py": '''
import fastapi
from fastapi.middleware.cors import CORSMiddleware as CORS

app = fastapi.FastAPI()
app.add_middleware(CORS, allow_origins=("*",), allow_credentials=True)  # expect: FP404
'''}
C["404p_middleware_var"] = {"main.py": '''
from fastapi import FastAPI
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware

middleware = [
    Middleware(  # expect: FP404
        CORSMiddleware,
        allow_origins=["*"],
        allow_credentials=True,
        allow_methods=["*"],
        allow_headers=["*"],
    )
]

app = FastAPI(middleware=middleware)
'''}
C["404p_starlette"] = {"main.py": '''
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware

app = Starlette(middleware=[Middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)])  # expect: FP404
'''}
C["404p_crossmodule_const"] = {
 "api/__init__.py": "",
 "api/constants.py": 'ALLOWED_ORIGINS = ["*"]\n',
 "api/app.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from .constants import ALLOWED_ORIGINS


def create_app() -> FastAPI:
    app = FastAPI()
    app.add_middleware(CORSMiddleware, allow_origins=ALLOWED_ORIGINS, allow_credentials=True)  # expect: FP404
    return app
'''}
C["404p_get_settings"] = {
 "app/__init__.py": "",
 "app/config.py": '''
from functools import lru_cache

from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    cors_origins: list[str] = ["*"]
    cors_allow_credentials: bool = True


@lru_cache
def get_settings() -> Settings:
    return Settings()
''',
 "app/main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.config import get_settings

settings = get_settings()
app = FastAPI()
app.add_middleware(  # expect: FP404
    CORSMiddleware,
    allow_origins=settings.cors_origins,
    allow_credentials=settings.cors_allow_credentials,
)
'''}
C["404n_no_credentials"] = {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["*"], allow_headers=["*"])
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=False)
'''}
C["404n_explicit_origins"] = {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

origins = ["http://localhost:3000", "https://app.example.com"]
app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=origins, allow_credentials=True)
app.add_middleware(CORSMiddleware, allow_origin_regex=r"https://.*\\.example\\.com", allow_credentials=True)
'''}
C["404n_env_origins"] = {"main.py": '''
import os

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()
app.add_middleware(
    CORSMiddleware,
    allow_origins=os.environ.get("CORS_ORIGINS", "").split(","),
    allow_credentials=True,
)
'''}
C["404n_settings_nodefault"] = {
 "app/__init__.py": "",
 "app/config.py": '''
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    BACKEND_CORS_ORIGINS: list[str]
    FRONTEND: list[str] = ["http://localhost:5173"]


settings = Settings()
''',
 "app/main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.config import settings

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=settings.BACKEND_CORS_ORIGINS, allow_credentials=True)
app.add_middleware(CORSMiddleware, allow_origins=settings.FRONTEND, allow_credentials=True)
'''}
C["404n_middleware_no_creds"] = {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware import Middleware
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI(middleware=[Middleware(CORSMiddleware, allow_origins=["*"])])
'''}
# -------------- FP405
C["405p_two_headers"] = {"main.py": '''
from fastapi.security import APIKeyHeader

api_key_header = APIKeyHeader(name="X-API-Key")  # expect: FP405
admin_key_header = APIKeyHeader(name="X-Admin-Key")  # expect: FP405
'''}
C["405n_security_module_auto_error"] = {"main.py": '''
from fastapi import security

bearer = security.HTTPBearer()
optional_bearer = security.HTTPBearer(auto_error=False)
'''}
C["405p_security_module"] = {"main.py": '''
from fastapi import security

bearer = security.HTTPBearer(bearerFormat="JWT")  # expect: FP405
api_bearer = security.HTTPBearer(description="API tokens")  # expect: FP405
'''}
C["405p_same_scheme_name"] = {"main.py": '''
from fastapi.security import OAuth2PasswordBearer

oauth2 = OAuth2PasswordBearer(tokenUrl="token", scheme_name="JWT")  # expect: FP405
admin_oauth2 = OAuth2PasswordBearer(tokenUrl="admin/token", scheme_name="JWT")  # expect: FP405
'''}
C["405p_cross_module"] = {
 "app/__init__.py": "",
 "app/auth.py": '''
from fastapi.security import HTTPBearer

bearer = HTTPBearer()  # expect: FP405
''',
 "app/admin.py": '''
from fastapi.security import HTTPBearer

admin_bearer = HTTPBearer(description="admin token")  # expect: FP405
''',
 "app/main.py": '''
from fastapi import Depends, FastAPI

from app.admin import admin_bearer
from app.auth import bearer

app = FastAPI()


@app.get("/a")
def a(c=Depends(bearer)):
    return {}


@app.get("/b")
def b(c=Depends(admin_bearer)):
    return {}
'''}
C["405p_alias_module"] = {"main.py": '''
import fastapi.security as fs

key_q = fs.APIKeyQuery(name="api_key")  # expect: FP405
key_q2 = fs.APIKeyQuery(name="token", auto_error=False)  # expect: FP405
'''}
C["405n_distinct_names"] = {"main.py": '''
from fastapi.security import APIKeyHeader

api_key_header = APIKeyHeader(name="X-API-Key", scheme_name="api_key")
admin_key_header = APIKeyHeader(name="X-Admin-Key", scheme_name="admin_key")
'''}
C["405n_different_classes"] = {"main.py": '''
from fastapi.security import APIKeyCookie, APIKeyHeader, APIKeyQuery, HTTPBearer

h = APIKeyHeader(name="X-API-Key")
q = APIKeyQuery(name="api_key")
c = APIKeyCookie(name="session")
b = HTTPBearer()
'''}
C["405n_optional_twin"] = {"main.py": '''
from fastapi.security import OAuth2PasswordBearer

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")
optional_oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token", auto_error=False)
'''}
C["405p_oauth2_two_urls"] = {"main.py": '''
from fastapi.security import OAuth2PasswordBearer

user_scheme = OAuth2PasswordBearer(tokenUrl="/auth/login")  # expect: FP405
admin_scheme = OAuth2PasswordBearer(tokenUrl="/admin/login")  # expect: FP405
'''}
C["405n_single"] = {"main.py": '''
from fastapi.security import OAuth2PasswordBearer

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token")
'''}
# -------------- FP406
C["406p_basic"] = {"args": "--fastapi-target-version 0.110.0", "main.py": '''
from fastapi.security import HTTPDigest

digest = HTTPDigest(auto_error=False)  # expect: FP406
'''}
C["406p_module"] = {"args": "--fastapi-target-version 0.100.0", "main.py": '''
from fastapi import security

digest = security.HTTPDigest(scheme_name="digest", auto_error=False)  # expect: FP406
'''}
C["406p_http_module"] = {"args": "--fastapi-target-version 0.115.0", "main.py": '''
from fastapi.security.http import HTTPDigest as Digest

digest = Digest(auto_error=False)  # expect: FP406
'''}
C["406p_named_unknown_target"] = {"args": "--select FP406", "main.py": '''
from fastapi.security import HTTPDigest

digest = HTTPDigest(auto_error=False)  # expect: FP406
'''}
C["406n_auto_error_default"] = {"args": "--fastapi-target-version 0.110.0", "main.py": '''
from fastapi.security import HTTPBearer, HTTPDigest

digest = HTTPDigest()
d2 = HTTPDigest(auto_error=True)
bearer = HTTPBearer(auto_error=False)
'''}
C["406n_new_target"] = {"args": "--fastapi-target-version 0.120.0", "main.py": '''
from fastapi.security import HTTPDigest

digest = HTTPDigest(auto_error=False)
'''}
