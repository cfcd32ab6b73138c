C = {}
# ---- FP401 round 2
C["401p_final_annot"] = {"main.py": '''
from typing import Final

import jwt

SECRET_KEY: Final = "final-secret"  # expect: FP401
JWT_SECRET: str = "annotated-secret"  # expect: FP401


def a(d):
    return jwt.encode(d, SECRET_KEY, algorithm="HS256")


def b(t):
    return jwt.decode(t, JWT_SECRET, algorithms=["HS256"])
'''}
C["401p_auth_handler_class"] = {"main.py": '''
from datetime import datetime, timedelta, timezone

import jwt
from fastapi import HTTPException


class AuthHandler:
    secret = "SECRET"  # expect: FP401

    def encode_token(self, user_id):
        payload = {"exp": datetime.now(timezone.utc) + timedelta(minutes=5), "sub": user_id}
        return jwt.encode(payload, self.secret, algorithm="HS256")

    def decode_token(self, token):
        try:
            return jwt.decode(token, self.secret, algorithms=["HS256"])["sub"]
        except jwt.InvalidTokenError:
            raise HTTPException(status_code=403, detail="Invalid token")
'''}
C["401p_init_default"] = {"main.py": '''
import jwt


class TokenService:
    def __init__(self, secret_key: str = "changeme-in-prod", algorithm: str = "HS256"):  # expect: FP401
        self.secret_key = secret_key
        self.algorithm = algorithm

    def create(self, data: dict) -> str:
        return jwt.encode(data, self.secret_key, algorithm=self.algorithm)
'''}
C["401p_module_attr_import"] = {
 "app/__init__.py": "",
 "app/config.py": 'SECRET_KEY = "module-attr-secret"  # expect: FP401\n',
 "app/auth.py": '''
import jwt

from app import config


def create(d):
    return jwt.encode(d, config.SECRET_KEY, algorithm="HS256")
'''}
C["401p_pydantic_v1_settings"] = {
 "app/__init__.py": "",
 "app/settings.py": '''
from pydantic import BaseSettings


class Settings(BaseSettings):
    SECRET_KEY: str = "v1-default-secret"  # expect: FP401

    class Config:
        env_file = ".env"


settings = Settings()
''',
 "app/auth.py": '''
from jose import jwt

from .settings import settings


def create(d):
    return jwt.encode(d, settings.SECRET_KEY, algorithm="HS256")
'''}
C["401p_secretstr_default"] = {
 "app/__init__.py": "",
 "app/config.py": '''
from pydantic import SecretStr
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    jwt_secret: SecretStr = SecretStr("dev-secret-str")  # expect: FP401


settings = Settings()
''',
 "app/auth.py": '''
import jwt

from app.config import settings


def create(d):
    return jwt.encode(d, settings.jwt_secret.get_secret_value(), algorithm="HS256")
'''}
C["401p_module_level_get_settings"] = {
 "app/__init__.py": "",
 "app/config.py": '''
from functools import lru_cache

from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    SECRET_KEY: str = "from-get-settings"  # expect: FP401


@lru_cache
def get_settings() -> Settings:
    return Settings()
''',
 "app/auth.py": '''
import jwt

from app.config import get_settings

settings = get_settings()


def create(d):
    return jwt.encode(d, settings.SECRET_KEY, algorithm="HS256")
'''}
C["401p_dict_config"] = {"main.py": '''
import jwt

JWT_CONFIG = {"secret": "dict-secret", "algorithm": "HS256"}  # expect: FP401


def create(d):
    return jwt.encode(d, JWT_CONFIG["secret"], algorithm=JWT_CONFIG["algorithm"])
'''}
C["401n_required_field"] = {
 "app/__init__.py": "",
 "app/config.py": '''
from pydantic import Field
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    SECRET_KEY: str = Field(..., min_length=32)
    OTHER: str | None = None


settings = Settings()
''',
 "app/auth.py": '''
import jwt

from app.config import settings


def create(d):
    return jwt.encode(d, settings.SECRET_KEY, algorithm="HS256")
'''}
C["401n_environ_get"] = {"main.py": '''
import os

import jwt

SECRET_KEY = os.environ.get("SECRET_KEY")
KEY2 = None


def configure():
    global KEY2
    KEY2 = os.environ["K2"]


def create(d):
    return jwt.encode(d, SECRET_KEY, algorithm="HS256"), jwt.encode(d, KEY2, algorithm="HS256")
'''}
C["401n_init_required"] = {"main.py": '''
import jwt


class TokenService:
    def __init__(self, secret_key: str, algorithm: str = "HS256"):
        self.secret_key = secret_key
        self.algorithm = algorithm

    def create(self, data: dict) -> str:
        return jwt.encode(data, self.secret_key, algorithm=self.algorithm)
'''}
C["401n_tests_dir_nested"] = {
 "src/app/__init__.py": "",
 "src/app/tests/__init__.py": "",
 "src/app/tests/utils.py": '''
import jwt


def make_token(sub):
    return jwt.encode({"sub": sub}, "fixture-secret", algorithm="HS256")
'''}
# ---- FP402 round 2
C["402p_decode_complete"] = {"main.py": '''
import os

import jwt

KEY = os.environ["KEY"]


def a(token):
    return jwt.decode_complete(token, KEY)  # expect: FP402
'''}
C["402p_dict_call_options"] = {"main.py": '''
import os

import jwt

KEY = os.environ["KEY"]


def a(token):
    return jwt.decode(token, KEY, algorithms=["HS256"], options=dict(verify_signature=False))  # expect: FP402
'''}
C["402p_alg_none"] = {"main.py": '''
import os

import jwt

KEY = os.environ["KEY"]


def a(token):
    return jwt.decode(token, KEY, algorithms=None)  # expect: FP402
'''}
C["402p_import_jose_jwt"] = {"main.py": '''
import os

import jose.jwt

KEY = os.environ["KEY"]


def a(token):
    return jose.jwt.decode(token, KEY)  # expect: FP402
'''}
C["402p_dependency_peek"] = {"main.py": '''
import jwt
from fastapi import Depends, FastAPI
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

app = FastAPI()
bearer = HTTPBearer()


async def current_user(creds: HTTPAuthorizationCredentials = Depends(bearer)):
    claims = jwt.decode(creds.credentials, options={"verify_signature": False})  # expect: FP402
    return claims["sub"]


@app.get("/me")
async def me(user=Depends(current_user)):
    return {"user": user}
'''}
C["402n_alg_from_settings_list"] = {"main.py": '''
import os

from jose import jwt

KEY = os.environ["KEY"]


class Settings:
    ALGORITHMS = ["RS256"]


settings = Settings()


def a(token):
    return jwt.decode(token, KEY, algorithms=settings.ALGORITHMS, audience="api")
'''}
C["402n_verify_unknown"] = {"main.py": '''
import os

import jwt

KEY = os.environ["KEY"]
VERIFY = os.environ.get("VERIFY") == "1"


def a(token):
    return jwt.decode(token, KEY, algorithms=["HS256"], options={"verify_signature": VERIFY})
'''}
# ---- FP403 round 2
C["403p_in_function"] = {"main.py": '''
from functools import lru_cache

from passlib.context import CryptContext


@lru_cache
def get_password_context() -> CryptContext:
    return CryptContext(schemes=["bcrypt"], deprecated="auto")  # expect: FP403
'''}
# ---- FP404 round 2
C["404p_string_star"] = {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins="*", allow_credentials=True)  # expect: FP404
'''}
C["404p_field_default"] = {
 "app/__init__.py": "",
 "app/config.py": '''
from pydantic import Field
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    cors_origins: list[str] = Field(default=["*"])


settings = Settings()
''',
 "app/main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.config import settings

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_credentials=True)  # expect: FP404
'''}
C["404p_setup_function"] = {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware


def setup_cors(app: FastAPI) -> None:
    app.add_middleware(  # expect: FP404
        CORSMiddleware,
        allow_origins=["*"],
        allow_credentials=True,
        allow_methods=["*"],
        allow_headers=["*"],
    )
'''}
C["404p_create_app"] = {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware


def create_app() -> FastAPI:
    application = FastAPI(title="svc")
    application.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)  # expect: FP404
    return application
'''}
C["404n_localhost_regex"] = {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origin_regex=r"http://localhost:\\d+", allow_credentials=True)
'''}
# ---- FP408 round 2
C["408p_positional_status_const"] = {"main.py": '''
from fastapi import HTTPException, status


def check(ok):
    if not ok:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Incorrect username or password")  # expect: FP408
'''}
C["408p_headers_none"] = {"main.py": '''
from fastapi import HTTPException


def check(ok):
    if not ok:
        raise HTTPException(status_code=401, detail="expired", headers=None)  # expect: FP408
'''}
C["408p_exceptions_module"] = {"main.py": '''
from fastapi.exceptions import HTTPException


def check(ok):
    if not ok:
        raise HTTPException(status_code=401, detail="no")  # expect: FP408
'''}
C["408p_code_crossmodule"] = {
 "app/__init__.py": "",
 "app/codes.py": "UNAUTHORIZED = 401\n",
 "app/deps.py": '''
from fastapi import HTTPException

from .codes import UNAUTHORIZED


def check(ok):
    if not ok:
        raise HTTPException(status_code=UNAUTHORIZED, detail="no")  # expect: FP408
'''}
C["408n_header_fstring_merge"] = {"main.py": '''
from fastapi import HTTPException

BASE = {"X-Request-Id": "1"}


def check(ok, scope):
    if not ok:
        raise HTTPException(status_code=401, headers={"WWW-Authenticate": f'Bearer scope="{scope}"'})
    raise HTTPException(status_code=401, headers={**BASE, "WWW-Authenticate": "Bearer"})
'''}
# ---- FP409 round 2
C["409p_format"] = {"main.py": '''
from fastapi import FastAPI, UploadFile

app = FastAPI()


@app.post("/upload")
async def upload(file: UploadFile):
    path = "{}/{}".format("uploads", file.filename)
    with open(path, "wb") as f:  # expect: FP409
        f.write(await file.read())
'''}
C["409p_joinpath"] = {"main.py": '''
from pathlib import Path

from fastapi import FastAPI, UploadFile

app = FastAPI()
UPLOADS = Path("uploads")


@app.post("/upload")
async def upload(file: UploadFile):
    UPLOADS.joinpath(file.filename).write_bytes(await file.read())  # expect: FP409
'''}
C["409p_optional_param"] = {"main.py": '''
import os
from typing import Optional

from fastapi import FastAPI, File, UploadFile

app = FastAPI()


@app.post("/upload")
async def upload(file: Optional[UploadFile] = File(None)):
    if file:
        with open(os.path.join("uploads", file.filename), "wb") as f:  # expect: FP409
            f.write(await file.read())
'''}
C["409p_or_default"] = {"main.py": '''
import os

from fastapi import FastAPI, UploadFile

app = FastAPI()


@app.post("/upload")
async def upload(file: UploadFile):
    name = file.filename or "upload.bin"
    with open(os.path.join("uploads", name), "wb") as f:  # expect: FP409
        f.write(await file.read())
'''}
C["409p_replace"] = {"main.py": '''
import os

from fastapi import FastAPI, UploadFile

app = FastAPI()


@app.post("/upload")
async def upload(file: UploadFile):
    name = file.filename.replace(" ", "_")
    with open(os.path.join("uploads", name), "wb") as f:  # expect: FP409
        f.write(await file.read())
'''}
C["409p_starlette_uploadfile"] = {"main.py": '''
import os

from starlette.datastructures import UploadFile


async def save(upload: UploadFile, folder: str) -> None:
    with open(os.path.join(folder, upload.filename), "wb") as f:  # expect: FP409
        f.write(await upload.read())
'''}
C["409p_settings_dir_fstring_aiofiles"] = {"main.py": '''
import aiofiles
from fastapi import FastAPI, UploadFile

app = FastAPI()


class Settings:
    UPLOAD_DIR = "/data"


settings = Settings()


@app.post("/upload")
async def upload(file: UploadFile):
    async with aiofiles.open(f"{settings.UPLOAD_DIR}/{file.filename}", "wb") as out:  # expect: FP409
        await out.write(await file.read())
'''}
C["409p_os_rename"] = {"main.py": '''
import os

from fastapi import FastAPI, UploadFile

app = FastAPI()


@app.post("/upload")
async def upload(file: UploadFile):
    tmp = "/tmp/part"
    with open(tmp, "wb") as f:
        f.write(await file.read())
    os.rename(tmp, os.path.join("uploads", file.filename))  # expect: FP409
'''}
C["409n_regex_clean"] = {"main.py": '''
import os
import re

from fastapi import FastAPI, UploadFile

app = FastAPI()


def sanitize_filename(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", name)


@app.post("/a")
async def a(file: UploadFile):
    with open(os.path.join("uploads", sanitize_filename(file.filename)), "wb") as f:
        f.write(await file.read())


@app.post("/b")
async def b(file: UploadFile):
    name = re.sub(r"[^\\w.-]", "_", file.filename)
    with open(os.path.join("uploads", name), "wb") as f:
        f.write(await file.read())


@app.post("/c")
async def c(file: UploadFile):
    stem = Path(file.filename).stem
    with open(os.path.join("uploads", stem + ".png"), "wb") as f:
        f.write(await file.read())
'''.replace("import re\\n", "import re\\nfrom pathlib import Path\\n")}
C["409n_split_basename"] = {"main.py": '''
import os

from fastapi import FastAPI, UploadFile

app = FastAPI()


@app.post("/upload")
async def upload(file: UploadFile):
    name = file.filename.split("/")[-1]
    with open(os.path.join("uploads", os.path.basename(name)), "wb") as f:
        f.write(await file.read())
'''}
# ---- FP410 round 2
C["410p_string_star"] = {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.trustedhost import TrustedHostMiddleware

app = FastAPI()
app.add_middleware(TrustedHostMiddleware, allowed_hosts="*")  # expect: FP410
'''}
# ---- FP411 round 2
C["411p_timestamp_int"] = {"main.py": '''
from datetime import datetime, timedelta


def exp_claim():
    return int((datetime.utcnow() + timedelta(hours=1)).timestamp())  # expect: FP411
'''}
# ---- FP507 round 2
C["507p_response_model"] = {"main.py": '''
from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

router = APIRouter()


class Item(BaseModel):
    id: int


@router.get("/items/{item_id}", response_model=Item)
async def get_item(item_id: int):
    if item_id <= 0:
        return HTTPException(404, "missing")  # expect: FP507
    return Item(id=item_id)
'''}
C["507p_api_route"] = {"main.py": '''
from fastapi import APIRouter, HTTPException

router = APIRouter(prefix="/v1")


@router.api_route("/ping", methods=["GET", "POST"])
def ping(ok: bool = True):
    if not ok:
        return HTTPException(status_code=503, detail="down")  # expect: FP507
    return {"pong": True}
'''}
C["507n_test_helper"] = {
 "tests/__init__.py": "",
 "tests/test_errors.py": '''
from fastapi import HTTPException


def make_error():
    return HTTPException(status_code=404)


def test_it():
    assert make_error().status_code == 404
'''}
C["507n_class_ref"] = {"main.py": '''
from fastapi import HTTPException


def exception_type():
    return HTTPException
'''}
# ---- FP508 round 2
C["508p_except_from"] = {"main.py": '''
import jwt
from fastapi import FastAPI, HTTPException
from starlette.middleware.base import BaseHTTPMiddleware


class JWTMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        try:
            request.state.user = jwt.decode(request.headers["authorization"], "k", algorithms=["HS256"])  # expect: FP401
        except jwt.PyJWTError as e:
            raise HTTPException(status_code=403, detail="bad token") from e  # expect: FP508
        return await call_next(request)


app = FastAPI()
app.add_middleware(JWTMiddleware)
'''}
C["508p_app_imported"] = {
 "app/__init__.py": "",
 "app/application.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
 "app/middleware.py": '''
from fastapi import HTTPException, Request

from app.application import app


@app.middleware("http")
async def maintenance(request: Request, call_next):
    if request.headers.get("x-maintenance"):
        raise HTTPException(status_code=503, detail="maintenance")  # expect: FP508
    return await call_next(request)
'''}
C["508p_factory_app"] = {"main.py": '''
from fastapi import FastAPI, HTTPException, Request


def create_app() -> FastAPI:
    application = FastAPI()

    @application.middleware("http")
    async def check(request: Request, call_next):
        if not request.headers.get("x-key"):
            raise HTTPException(status_code=403)  # expect: FP508
        return await call_next(request)

    return application
'''}
