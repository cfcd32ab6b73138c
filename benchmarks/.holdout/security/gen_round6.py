C = {}
C["409n_helper_reassigns"] = {"main.py": '''
import os

from fastapi import FastAPI, UploadFile
from werkzeug.utils import secure_filename

app = FastAPI()


def save(name: str, data: bytes) -> None:
    name = secure_filename(name)
    with open(os.path.join("uploads", name), "wb") as out:
        out.write(data)


def save_ext(name: str, data: bytes, key: str) -> None:
    ext = os.path.splitext(name)[1]
    with open(os.path.join("uploads", key + ext), "wb") as out:
        out.write(data)


@app.post("/upload")
async def upload(file: UploadFile):
    data = await file.read()
    save(file.filename, data)
    save_ext(file.filename, data, "k1")
'''}
C["409n_helper_other_arg"] = {"main.py": '''
import os
import uuid

from fastapi import FastAPI, UploadFile

app = FastAPI()


def save(folder: str, name: str, data: bytes) -> str:
    path = os.path.join(folder, uuid.uuid4().hex)
    with open(path, "wb") as out:
        out.write(data)
    return name


@app.post("/upload")
async def upload(file: UploadFile):
    return {"name": save("uploads", file.filename, await file.read())}
'''}
C["507n_error_or_response"] = {"main.py": '''
from fastapi import FastAPI, HTTPException
from fastapi.responses import JSONResponse

app = FastAPI()


def check(flag: bool):
    if flag:
        return HTTPException(status_code=400)
    return JSONResponse({"ok": True})


def passthrough(exc: Exception):
    if isinstance(exc, KeyError):
        return HTTPException(status_code=404)
    return exc


def first_error(errors: list):
    for err in errors:
        if err:
            return HTTPException(status_code=400, detail=str(err))
    return None


@app.get("/x")
def x(flag: bool = False):
    error = check(flag)
    if isinstance(error, HTTPException):
        raise error
    raise passthrough(ValueError())
'''}
C["401n_dict_env"] = {"main.py": '''
import os

import jwt

KEYS = {"k1": os.environ["K1"], "k2": os.environ["K2"]}
HEADERS = {"Authorization": "Bearer static-token"}


def sign(kid, payload):
    return jwt.encode(payload, KEYS[kid], algorithm="HS256", headers={"kid": kid})


def sign2(payload):
    return jwt.encode(payload, KEYS.get("k1"), algorithm="HS256")
'''}
C["410n_hosts_string_nostar"] = {"main.py": '''
import os

from fastapi import FastAPI
from fastapi.middleware.trustedhost import TrustedHostMiddleware

app = FastAPI()
app.add_middleware(TrustedHostMiddleware, allowed_hosts=os.environ.get("HOSTS", "example.com").split(","))
'''}
C["404n_direct_no_creds"] = {"main.py": '''
from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

api = FastAPI()
app = CORSMiddleware(api, allow_origins=["*"], allow_methods=["GET"])
'''}
C["508n_two_param_helper_elsewhere"] = {
 "app/__init__.py": "",
 "app/deps.py": '''
from fastapi import HTTPException, Request


async def require_scope(request: Request, check):
    if not check(request):
        raise HTTPException(status_code=403)
''',
 "app/main.py": '''
from fastapi import Depends, FastAPI

from app.deps import require_scope

app = FastAPI()
app.add_middleware(object)


@app.get("/")
async def index(ok=Depends(require_scope)):
    return {}
'''}
