C = {}
C["406p_pyproject_pin"] = {"pyproject.toml": '[project]\nname = "svc"\nversion = "0"\ndependencies = ["fastapi==0.109.2"]\n', "main.py": '''
from fastapi.security import HTTPDigest

digest = HTTPDigest(auto_error=False)  # expect: FP406
'''}
C["406n_pyproject_new"] = {"pyproject.toml": '[project]\nname = "svc"\nversion = "0"\ndependencies = ["fastapi>=0.120"]\n', "main.py": '''
from fastapi.security import HTTPDigest

digest = HTTPDigest(auto_error=False)
'''}
# ------------- FP407 (opt-in; selected by name in the run)
C["407p_template"] = {
 "app/__init__.py": "",
 "app/core/__init__.py": "",
 "app/core/config.py": '''
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    # 60 minutes * 24 hours * 8 days = 8 days
    ACCESS_TOKEN_EXPIRE_MINUTES: int = 60 * 24 * 8  # expect: FP407
    EMAIL_RESET_TOKEN_EXPIRE_HOURS: int = 48


settings = Settings()
''',
 "app/core/security.py": '''
from datetime import datetime, timedelta, timezone

from app.core.config import settings


def expiry():
    return datetime.now(timezone.utc) + timedelta(minutes=settings.ACCESS_TOKEN_EXPIRE_MINUTES)
'''}
C["407p_const"] = {"main.py": '''
from datetime import datetime, timedelta, timezone

ACCESS_TOKEN_EXPIRE_MINUTES = 60  # expect: FP407


def expiry():
    return datetime.now(timezone.utc) + timedelta(minutes=ACCESS_TOKEN_EXPIRE_MINUTES)
'''}
C["407p_refresh_days"] = {"main.py": '''
from datetime import datetime, timedelta, timezone

ACCESS_TOKEN_EXPIRE_MINUTES = 15
REFRESH_TOKEN_EXPIRE_DAYS = 30  # expect: FP407


def refresh_expiry():
    return datetime.now(timezone.utc) + timedelta(days=REFRESH_TOKEN_EXPIRE_DAYS)
'''}
C["407p_settings_lower"] = {"main.py": '''
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    access_token_expire_minutes: int = 1440  # expect: FP407
    refresh_token_expire_days: int = 90  # expect: FP407
'''}
C["407p_timedelta_const"] = {"main.py": '''
from datetime import timedelta

ACCESS_TOKEN_EXPIRE = timedelta(hours=2)  # expect: FP407
REFRESH_TOKEN_LIFETIME = timedelta(days=14)  # expect: FP407
'''}
C["407p_crossmodule"] = {
 "svc/__init__.py": "",
 "svc/constants.py": "ACCESS_TOKEN_EXPIRE_MINUTES = 120  # expect: FP407\n",
 "svc/auth.py": '''
from datetime import datetime, timedelta, timezone

from .constants import ACCESS_TOKEN_EXPIRE_MINUTES


def exp():
    return datetime.now(timezone.utc) + timedelta(minutes=ACCESS_TOKEN_EXPIRE_MINUTES)
'''}
C["407p_field"] = {"main.py": '''
from pydantic import Field
from pydantic_settings import BaseSettings


class JWTSettings(BaseSettings):
    access_token_expire_minutes: int = Field(default=600)  # expect: FP407
'''}
C["407n_short"] = {"main.py": '''
from datetime import timedelta

from pydantic_settings import BaseSettings

ACCESS_TOKEN_EXPIRE_MINUTES = 30
REFRESH_TOKEN_EXPIRE_DAYS = 7
ACCESS_TOKEN_EXPIRE = timedelta(minutes=15)


class Settings(BaseSettings):
    access_token_expire_minutes: int = 15
    refresh_token_expire_days: int = 7
'''}
C["407n_env"] = {"main.py": '''
import os

ACCESS_TOKEN_EXPIRE_MINUTES = int(os.getenv("ACCESS_TOKEN_EXPIRE_MINUTES", "15"))
'''}
C["407n_other_lifetimes"] = {"main.py": '''
from pydantic_settings import BaseSettings

CACHE_EXPIRE_MINUTES = 600
SESSION_COOKIE_MAX_AGE = 60 * 60 * 24 * 14


class Settings(BaseSettings):
    EMAIL_RESET_TOKEN_EXPIRE_HOURS: int = 48
    PASSWORD_RESET_TOKEN_EXPIRE_HOURS: int = 24
    REDIS_TTL_SECONDS: int = 86400
'''}
# ------------- FP408
C["408p_basic"] = {"main.py": '''
from fastapi import HTTPException, status


def check(user):
    if user is None:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Not authenticated")  # expect: FP408
'''}
C["408p_int"] = {"main.py": '''
from fastapi import HTTPException


def check(user):
    if user is None:
        raise HTTPException(status_code=401, detail="Invalid token")  # expect: FP408
'''}
C["408p_positional"] = {"main.py": '''
from fastapi import HTTPException


def check(user):
    if not user:
        raise HTTPException(401, "Unauthorized")  # expect: FP408
'''}
C["408p_credentials_exception"] = {"main.py": '''
from fastapi import Depends, HTTPException, status
from fastapi.security import OAuth2PasswordBearer

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")


async def get_current_user(token: str = Depends(oauth2_scheme)):
    credentials_exception = HTTPException(  # expect: FP408
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail="Could not validate credentials",
    )
    if not token:
        raise credentials_exception
    return token
'''}
C["408p_starlette"] = {"main.py": '''
from starlette.exceptions import HTTPException


def check(ok):
    if not ok:
        raise HTTPException(status_code=401)  # expect: FP408
'''}
C["408p_httpstatus"] = {"main.py": '''
from http import HTTPStatus

from fastapi import HTTPException


def check(ok):
    if not ok:
        raise HTTPException(status_code=HTTPStatus.UNAUTHORIZED, detail="no")  # expect: FP408
'''}
C["408p_status_alias"] = {"main.py": '''
import fastapi
from fastapi import status as st


def check(ok):
    if not ok:
        raise fastapi.HTTPException(st.HTTP_401_UNAUTHORIZED, detail="no")  # expect: FP408
'''}
C["408p_other_headers"] = {"main.py": '''
from fastapi import HTTPException


def check(ok):
    if not ok:
        raise HTTPException(status_code=401, detail="no", headers={"X-Error": "expired"})  # expect: FP408
'''}
C["408p_starlette_status"] = {"main.py": '''
from fastapi import HTTPException
from starlette import status


def check(ok):
    if not ok:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="no")  # expect: FP408
'''}
C["408p_const_code"] = {"main.py": '''
from fastapi import HTTPException

UNAUTHORIZED = 401


def check(ok):
    if not ok:
        raise HTTPException(status_code=UNAUTHORIZED, detail="no")  # expect: FP408
'''}
C["408n_with_header"] = {"main.py": '''
from fastapi import HTTPException, status


def check(ok):
    if not ok:
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Could not validate credentials",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if ok == 2:
        raise HTTPException(status_code=401, headers={"www-authenticate": 'Basic realm="x"'})
'''}
C["408n_other_status"] = {"main.py": '''
from fastapi import HTTPException, status


def check(ok):
    if not ok:
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="no")
    raise HTTPException(400, "bad")
'''}
C["408n_headers_const"] = {"main.py": '''
from fastapi import HTTPException

AUTH_HEADERS = {"WWW-Authenticate": "Bearer"}


def check(ok, headers):
    if not ok:
        raise HTTPException(status_code=401, headers=AUTH_HEADERS)
    raise HTTPException(status_code=401, headers=headers)
'''}
C["408n_json_response"] = {"main.py": '''
from fastapi.responses import JSONResponse


def deny():
    return JSONResponse(status_code=401, content={"detail": "no"}, headers={"WWW-Authenticate": "Bearer"})
'''}
C["408n_status_var"] = {"main.py": '''
from fastapi import HTTPException


def fail(code: int, msg: str):
    raise HTTPException(status_code=code, detail=msg)
'''}
# ------------- FP409
C["409p_open_direct"] = {"main.py": '''
from fastapi import FastAPI, File, UploadFile

app = FastAPI()


@app.post("/upload")
async def upload(file: UploadFile = File(...)):
    with open(file.filename, "wb") as f:  # expect: FP409
        f.write(await file.read())
    return {"ok": True}
'''}
C["409p_os_path_join"] = {"main.py": '''
import os

from fastapi import FastAPI, UploadFile

app = FastAPI()
UPLOAD_DIR = "uploads"


@app.post("/upload")
async def upload(file: UploadFile):
    path = os.path.join(UPLOAD_DIR, file.filename)
    with open(path, "wb") as f:  # expect: FP409
        f.write(await file.read())
'''}
C["409p_pathlib_write_bytes"] = {"main.py": '''
from pathlib import Path

from fastapi import FastAPI, UploadFile

app = FastAPI()
UPLOAD_DIR = Path("/srv/uploads")


@app.post("/upload")
async def upload(file: UploadFile):
    dest = UPLOAD_DIR / file.filename
    dest.write_bytes(await file.read())  # expect: FP409
'''}
C["409p_fstring"] = {"main.py": '''
from fastapi import FastAPI, UploadFile

app = FastAPI()


@app.post("/upload")
async def upload(file: UploadFile):
    with open(f"static/images/{file.filename}", "wb") as buffer:  # expect: FP409
        buffer.write(file.file.read())
'''}
C["409p_concat"] = {"main.py": '''
from fastapi import FastAPI, UploadFile

app = FastAPI()
MEDIA = "/var/media/"


@app.post("/upload")
async def upload(file: UploadFile):
    target = MEDIA + file.filename
    with open(target, "wb") as out:  # expect: FP409
        out.write(await file.read())
'''}
C["409p_shutil"] = {"main.py": '''
import shutil
from pathlib import Path

from fastapi import FastAPI, UploadFile

app = FastAPI()


@app.post("/upload")
def upload(file: UploadFile):
    file_location = Path("uploads") / file.filename
    with file_location.open("wb") as buffer:  # expect: FP409
        shutil.copyfileobj(file.file, buffer)
'''}
C["409p_shutil_move"] = {"main.py": '''
import os
import shutil
import tempfile

from fastapi import FastAPI, UploadFile

app = FastAPI()


@app.post("/upload")
def upload(file: UploadFile):
    tmp = tempfile.mktemp()
    shutil.move(tmp, os.path.join("data", file.filename))  # expect: FP409
'''}
C["409p_aiofiles"] = {"main.py": '''
import os

import aiofiles
from fastapi import FastAPI, File, UploadFile

app = FastAPI()


@app.post("/upload")
async def upload(file: UploadFile = File(...)):
    out_path = os.path.join("/tmp/uploads", file.filename)
    async with aiofiles.open(out_path, "wb") as out:  # expect: FP409
        await out.write(await file.read())
'''}
C["409p_name_var"] = {"main.py": '''
from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, File, UploadFile

app = FastAPI()
BASE = Path("files")


@app.post("/upload")
async def upload(upload: Annotated[UploadFile, File()]):
    filename = upload.filename
    dest = BASE / filename
    with open(dest, "wb") as fh:  # expect: FP409
        fh.write(await upload.read())
'''}
C["409p_list_loop"] = {"main.py": '''
import os

from fastapi import FastAPI, UploadFile

app = FastAPI()


@app.post("/uploads")
async def uploads(files: list[UploadFile]):
    for f in files:
        with open(os.path.join("in", f.filename), "wb") as out:  # expect: FP409
            out.write(await f.read())
'''}
C["409p_helper_annotated"] = {"main.py": '''
import os
import shutil

from fastapi import UploadFile


def save_upload_file(upload_file: UploadFile, destination_dir: str) -> str:
    destination = os.path.join(destination_dir, upload_file.filename)
    with open(destination, "wb") as buffer:  # expect: FP409
        shutil.copyfileobj(upload_file.file, buffer)
    return destination
'''}
C["409p_path_ctor_multi"] = {"main.py": '''
from pathlib import Path

from fastapi import FastAPI, UploadFile

app = FastAPI()


@app.post("/upload")
async def upload(file: UploadFile):
    Path("uploads", file.filename).write_bytes(await file.read())  # expect: FP409
'''}
C["409p_uuid_prefix"] = {"main.py": '''
import os
import uuid

from fastapi import FastAPI, UploadFile

app = FastAPI()


@app.post("/upload")
async def upload(file: UploadFile):
    name = f"{uuid.uuid4()}_{file.filename}"
    with open(os.path.join("uploads", name), "wb") as f:  # expect: FP409
        f.write(await file.read())
'''}
C["409p_helper_str_param"] = {"main.py": '''
import os

from fastapi import FastAPI, UploadFile

app = FastAPI()


def write_file(name: str, data: bytes) -> None:
    with open(os.path.join("uploads", name), "wb") as f:
        f.write(data)


@app.post("/upload")
async def upload(file: UploadFile):
    write_file(file.filename, await file.read())  # expect: FP409
'''}
C["409p_request_form"] = {"main.py": '''
import os

from fastapi import FastAPI, Request

app = FastAPI()


@app.post("/upload")
async def upload(request: Request):
    form = await request.form()
    upload = form["file"]
    with open(os.path.join("uploads", upload.filename), "wb") as f:  # expect: FP409
        f.write(await upload.read())
'''}
C["409n_sanitised"] = {"main.py": '''
import os
import uuid
from pathlib import Path

from fastapi import FastAPI, UploadFile
from werkzeug.utils import secure_filename

app = FastAPI()
UPLOAD_DIR = Path("uploads")


@app.post("/a")
async def a(file: UploadFile):
    with open(UPLOAD_DIR / Path(file.filename).name, "wb") as f:
        f.write(await file.read())


@app.post("/b")
async def b(file: UploadFile):
    with open(os.path.join("uploads", os.path.basename(file.filename)), "wb") as f:
        f.write(await file.read())


@app.post("/c")
async def c(file: UploadFile):
    with open(os.path.join("uploads", secure_filename(file.filename)), "wb") as f:
        f.write(await file.read())


@app.post("/d")
async def d(file: UploadFile):
    name = f"{uuid.uuid4().hex}{Path(file.filename).suffix}"
    (UPLOAD_DIR / name).write_bytes(await file.read())


@app.post("/e")
async def e(file: UploadFile):
    ext = os.path.splitext(file.filename)[1]
    with open(os.path.join("uploads", uuid.uuid4().hex + ext), "wb") as f:
        f.write(await file.read())
'''}
C["409n_non_fs_uses"] = {"main.py": '''
import logging

import boto3
from fastapi import FastAPI, HTTPException, UploadFile

app = FastAPI()
log = logging.getLogger(__name__)
s3 = boto3.client("s3")


@app.post("/upload")
async def upload(file: UploadFile):
    if not file.filename or not file.filename.endswith(".csv"):
        raise HTTPException(400, "csv only")
    log.info("received %s", file.filename)
    s3.upload_fileobj(file.file, "bucket", file.filename)
    return {"filename": file.filename, "type": file.content_type}
'''}
C["409n_tempfile_suffix"] = {"main.py": '''
import tempfile
from pathlib import Path

from fastapi import FastAPI, UploadFile

app = FastAPI()


@app.post("/upload")
async def upload(file: UploadFile):
    with tempfile.NamedTemporaryFile(suffix=Path(file.filename).suffix, delete=False) as tmp:
        tmp.write(await file.read())
    return {"path": tmp.name}
'''}
C["409n_sanitised_var"] = {"main.py": '''
import os

from fastapi import FastAPI, UploadFile

app = FastAPI()


@app.post("/upload")
async def upload(file: UploadFile):
    safe_name = os.path.basename(file.filename)
    path = os.path.join("uploads", safe_name)
    with open(path, "wb") as f:
        f.write(await file.read())
'''}
C["409n_generated_name"] = {"main.py": '''
import uuid
from pathlib import Path

import aiofiles
from fastapi import FastAPI, UploadFile

app = FastAPI()


@app.post("/upload")
async def upload(file: UploadFile):
    path = Path("uploads") / f"{uuid.uuid4()}.bin"
    async with aiofiles.open(path, "wb") as out:
        await out.write(await file.read())
    return {"original": file.filename, "stored": str(path)}
'''}
C["409n_db_record"] = {"main.py": '''
from fastapi import FastAPI, UploadFile

app = FastAPI()


class Document:
    def __init__(self, name, size):
        self.name = name
        self.size = size


@app.post("/upload")
async def upload(file: UploadFile):
    data = await file.read()
    doc = Document(name=file.filename, size=len(data))
    return {"name": doc.name}
'''}
