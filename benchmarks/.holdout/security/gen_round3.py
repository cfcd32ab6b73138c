C = {}
C["401n_public_key_pem"] = {"main.py": '''
import jwt

PUBLIC_KEY = """-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo
-----END PUBLIC KEY-----"""


def verify(token: str) -> dict:
    return jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"])
'''}
C["401n_default_none"] = {"main.py": '''
import os

import jwt

SECRET_KEY = os.environ["SECRET_KEY"]


def create_token(data: dict, secret: str | None = None) -> str:
    secret = secret or SECRET_KEY
    return jwt.encode(data, secret, algorithm="HS256")


def create_token2(data: dict, secret: str = SECRET_KEY) -> str:
    return jwt.encode(data, secret, algorithm="HS256")
'''}
C["401p_arg_default_const"] = {"main.py": '''
import jwt

DEFAULT_SECRET = "fallback-secret"  # expect: FP401


def create_token(data: dict, secret: str = DEFAULT_SECRET) -> str:
    return jwt.encode(data, secret, algorithm="HS256")
'''}
C["401n_loaded_key"] = {"main.py": '''
import jwt


def load_key() -> str:
    with open("/run/secrets/jwt") as f:
        return f.read()


def create(d, request):
    key = load_key()
    other = request.headers["x-key"]
    return jwt.encode(d, key, algorithm="HS256"), jwt.decode(other, key, algorithms=["HS256"])
'''}
C["409n_not_a_sink"] = {"main.py": '''
import logging
import os

import boto3
from fastapi import FastAPI, UploadFile

app = FastAPI()
log = logging.getLogger(__name__)
BASE_URL = "https://cdn.example.com"
s3 = boto3.client("s3")


@app.post("/upload")
async def upload(file: UploadFile):
    file_path = f"uploads/{file.filename}"
    log.info(f"would save to {os.path.join('uploads', file.filename)}")
    s3.put_object(Bucket="b", Key=f"uploads/{file.filename}", Body=await file.read())
    url = f"{BASE_URL}/{file.filename}"
    return {"path": file_path, "url": url}
'''}
C["507n_nested_factory"] = {"main.py": '''
from fastapi import FastAPI, HTTPException

app = FastAPI()


@app.get("/x")
def x(n: int):
    def err(msg: str):
        return HTTPException(status_code=400, detail=msg)

    if n < 0:
        raise err("negative")
    return {"n": n}


def build_error(code: int) -> Exception:
    return HTTPException(status_code=code)
'''}
C["508n_caught_locally"] = {"main.py": '''
from fastapi import FastAPI, HTTPException
from fastapi.responses import JSONResponse

app = FastAPI()


@app.middleware("http")
async def mw(request, call_next):
    try:
        if not request.headers.get("x-key"):
            raise HTTPException(status_code=403, detail="no key")
    except HTTPException as exc:
        return JSONResponse(status_code=exc.status_code, content={"detail": exc.detail})
    return await call_next(request)
'''}
C["404n_tests_app"] = {
 "tests/__init__.py": "",
 "tests/conftest.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["http://testserver"], allow_credentials=True)
'''}
