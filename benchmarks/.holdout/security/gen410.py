C = {}
C["410p_star"] = {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.trustedhost import TrustedHostMiddleware

app = FastAPI()
app.add_middleware(TrustedHostMiddleware, allowed_hosts=["*"])  # expect: FP410
'''}
C["410p_bad_kw"] = {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.trustedhost import TrustedHostMiddleware

app = FastAPI()
app.add_middleware(TrustedHostMiddleware, allowed=["example.com"])  # expect: FP410
'''}
C["410p_middleware_list"] = {"main.py": '''
from fastapi import FastAPI
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

app = FastAPI(middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=["*"])])  # expect: FP410
'''}
C["410p_const"] = {"main.py": '''
from fastapi import FastAPI
from starlette.middleware.trustedhost import TrustedHostMiddleware

ALLOWED_HOSTS = ["*"]
app = FastAPI()
app.add_middleware(TrustedHostMiddleware, allowed_hosts=ALLOWED_HOSTS)  # expect: FP410
'''}
C["410p_settings"] = {
 "app/__init__.py": "",
 "app/config.py": '''
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    ALLOWED_HOSTS: list[str] = ["*"]


settings = Settings()
''',
 "app/main.py": '''
from fastapi import FastAPI
from fastapi.middleware.trustedhost import TrustedHostMiddleware

from .config import settings

app = FastAPI()
app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.ALLOWED_HOSTS)  # expect: FP410
'''}
C["410p_hosts_kw"] = {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.trustedhost import TrustedHostMiddleware as THM

app = FastAPI()
app.add_middleware(THM, hosts=["api.example.com"])  # expect: FP410
'''}
C["410p_star_in_list"] = {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.trustedhost import TrustedHostMiddleware

app = FastAPI()
app.add_middleware(TrustedHostMiddleware, allowed_hosts=["localhost", "*"])  # expect: FP410
'''}
C["410n_ok"] = {"main.py": '''
import os

from fastapi import FastAPI
from fastapi.middleware.trustedhost import TrustedHostMiddleware

app = FastAPI()
app.add_middleware(TrustedHostMiddleware, allowed_hosts=["example.com", "*.example.com"])
app.add_middleware(TrustedHostMiddleware, allowed_hosts=["example.com"], www_redirect=False)
app.add_middleware(TrustedHostMiddleware, allowed_hosts=os.environ["HOSTS"].split(","))
'''}
C["410n_settings_nodefault"] = {
 "app/__init__.py": "",
 "app/config.py": '''
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    ALLOWED_HOSTS: list[str]


settings = Settings()
''',
 "app/main.py": '''
from fastapi import FastAPI
from fastapi.middleware.trustedhost import TrustedHostMiddleware

from .config import settings

app = FastAPI()
app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.ALLOWED_HOSTS)
'''}
C["410n_other_mw_kw"] = {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

app = FastAPI()
app.add_middleware(GZipMiddleware, minimum_size=1000, allowed=["*"])
'''}
# ------------- FP411
C["411p_expiry"] = {"main.py": '''
from datetime import datetime, timedelta


def expiry(minutes: int = 15):
    return datetime.utcnow() + timedelta(minutes=minutes)  # expect: FP411
'''}
C["411p_module"] = {"main.py": '''
import datetime


def expiry():
    return datetime.datetime.utcnow() + datetime.timedelta(minutes=15)  # expect: FP411
'''}
C["411p_alias"] = {"main.py": '''
from datetime import datetime as dt


def now_ts():
    return dt.utcnow().isoformat()  # expect: FP411
'''}
C["411p_payload"] = {"main.py": '''
from datetime import datetime, timedelta

import jwt


def create(sub, key):
    payload = {
        "sub": sub,
        "iat": datetime.utcnow(),  # expect: FP411
        "exp": datetime.utcnow() + timedelta(hours=1),  # expect: FP411
    }
    return jwt.encode(payload, key, algorithm="HS256")
'''}
C["411p_timestamp"] = {"main.py": '''
from datetime import datetime


class Repo:
    def touch(self, obj):
        obj.updated_at = datetime.utcnow()  # expect: FP411
'''}
C["411p_import_dt_module_alias"] = {"main.py": '''
import datetime as dt


def expiry():
    return dt.datetime.utcnow() + dt.timedelta(days=1)  # expect: FP411
'''}
C["411p_compare"] = {"main.py": '''
from datetime import datetime


def expired(exp: datetime) -> bool:
    return exp < datetime.utcnow()  # expect: FP411
'''}
C["411n_aware"] = {"main.py": '''
from datetime import UTC, datetime, timedelta, timezone


def a():
    return datetime.now(timezone.utc) + timedelta(minutes=15)


def b():
    return datetime.now(UTC)
'''}
C["411n_other_utcnow"] = {"main.py": '''
import arrow
import pendulum


class Clock:
    def utcnow(self):
        return arrow.utcnow()


def utcnow():
    return pendulum.now("UTC")


def a(clock: Clock):
    return clock.utcnow(), utcnow(), arrow.utcnow()
'''}
C["411n_fromtimestamp"] = {"main.py": '''
import time
from datetime import datetime, timezone


def a():
    return datetime.fromtimestamp(time.time(), tz=timezone.utc)
'''}
# ------------- FP507
C["507p_route"] = {"main.py": '''
from fastapi import FastAPI, HTTPException

app = FastAPI()
ITEMS = {}


@app.get("/items/{item_id}")
async def read_item(item_id: int):
    if item_id not in ITEMS:
        return HTTPException(status_code=404, detail="Item not found")  # expect: FP507
    return ITEMS[item_id]
'''}
C["507p_dependency"] = {"main.py": '''
from fastapi import Depends, FastAPI, Header, HTTPException

app = FastAPI()


async def verify_key(x_key: str = Header(...)):
    if x_key != "expected":
        return HTTPException(status_code=403, detail="bad key")  # expect: FP507
    return x_key


@app.delete("/items/{item_id}")
async def delete(item_id: int, key=Depends(verify_key)):
    return {"deleted": item_id}
'''}
C["507p_helper"] = {"main.py": '''
from fastapi import FastAPI, HTTPException

app = FastAPI()
DB = {}


def get_or_404(item_id: int):
    obj = DB.get(item_id)
    if obj is None:
        return HTTPException(status_code=404, detail="not found")  # expect: FP507
    return obj


@app.get("/items/{item_id}")
def read(item_id: int):
    return get_or_404(item_id)
'''}
C["507p_starlette"] = {"main.py": '''
from fastapi import APIRouter
from starlette.exceptions import HTTPException

router = APIRouter()


@router.get("/x")
def x(flag: bool = False):
    if flag:
        return HTTPException(status_code=400, detail="flag")  # expect: FP507
    return {}
'''}
C["507p_subclass"] = {"main.py": '''
from fastapi import APIRouter, HTTPException

router = APIRouter()


class NotFoundError(HTTPException):
    def __init__(self, what: str):
        super().__init__(status_code=404, detail=f"{what} not found")


@router.get("/users/{uid}")
async def user(uid: int):
    if uid < 0:
        return NotFoundError("user")  # expect: FP507
    return {"uid": uid}
'''}
C["507p_alias_module"] = {"main.py": '''
import fastapi

app = fastapi.FastAPI()


@app.post("/x")
def x(n: int):
    if n > 10:
        return fastapi.HTTPException(422, "too big")  # expect: FP507
    return {"n": n}
'''}
C["507p_except"] = {"main.py": '''
from fastapi import APIRouter, HTTPException, status

router = APIRouter()


@router.post("/pay")
async def pay(amount: int):
    try:
        return {"charged": 100 // amount}
    except ZeroDivisionError as e:
        return HTTPException(status_code=status.HTTP_400_BAD_REQUEST, detail=str(e))  # expect: FP507
'''}
C["507p_alias_name"] = {"main.py": '''
from fastapi import FastAPI
from fastapi import HTTPException as HTTPError

app = FastAPI()


@app.get("/y")
def y(q: str = ""):
    if not q:
        return HTTPError(status_code=400, detail="q required")  # expect: FP507
    return {"q": q}
'''}
C["507p_subclass_crossmodule"] = {
 "app/__init__.py": "",
 "app/errors.py": '''
from fastapi import HTTPException


class ConflictError(HTTPException):
    def __init__(self, detail: str = "conflict"):
        super().__init__(status_code=409, detail=detail)
''',
 "app/routes.py": '''
from fastapi import APIRouter

from .errors import ConflictError

router = APIRouter()


@router.post("/things")
async def create(name: str):
    if name == "dup":
        return ConflictError("exists")  # expect: FP507
    return {"name": name}
'''}
C["507n_raise"] = {"main.py": '''
from fastapi import FastAPI, HTTPException

app = FastAPI()


@app.get("/a")
def a(n: int):
    if n < 0:
        raise HTTPException(status_code=400, detail="neg")
    exc = HTTPException(status_code=404)
    if n == 0:
        raise exc
    return {"n": n}
'''}
C["507n_factory_annotated"] = {"main.py": '''
from fastapi import FastAPI, HTTPException, status

app = FastAPI()


def credentials_exception() -> HTTPException:
    return HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail="Could not validate credentials",
        headers={"WWW-Authenticate": "Bearer"},
    )


def not_found(what: str):
    return HTTPException(status_code=404, detail=f"{what} not found")


@app.get("/b")
def b(n: int):
    if n < 0:
        raise credentials_exception()
    if n == 0:
        raise not_found("thing")
    return {"n": n}
'''}
C["507n_handler"] = {"main.py": '''
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse

app = FastAPI()


@app.exception_handler(HTTPException)
async def handler(request: Request, exc: HTTPException):
    return JSONResponse(status_code=exc.status_code, content={"detail": exc.detail})
'''}
C["507n_other_exception"] = {"main.py": '''
from fastapi import FastAPI

app = FastAPI()


class Result:
    def __init__(self, error):
        self.error = error


@app.get("/c")
def c():
    return {"error": str(ValueError("x"))}


def to_error(msg) -> ValueError:
    return ValueError(msg)
'''}
C["507n_error_map"] = {"main.py": '''
from fastapi import HTTPException


def map_error(err: Exception) -> HTTPException:
    if isinstance(err, KeyError):
        return HTTPException(status_code=404, detail="missing")
    return HTTPException(status_code=500, detail="internal")


def handle(err):
    raise map_error(err)
'''}
# ------------- FP508
C["508p_decorator"] = {"main.py": '''
from fastapi import FastAPI, HTTPException, Request

app = FastAPI()


@app.middleware("http")
async def check_api_key(request: Request, call_next):
    if request.headers.get("x-api-key") != "k":
        raise HTTPException(status_code=403, detail="Forbidden")  # expect: FP508
    return await call_next(request)
'''}
C["508p_dispatch"] = {"main.py": '''
from fastapi import FastAPI, HTTPException
from starlette.middleware.base import BaseHTTPMiddleware


class AuthMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        if "authorization" not in request.headers:
            raise HTTPException(status_code=403, detail="no auth")  # expect: FP508
        return await call_next(request)


app = FastAPI()
app.add_middleware(AuthMiddleware)
'''}
C["508p_other_module"] = {
 "app/__init__.py": "",
 "app/middleware.py": '''
from fastapi import HTTPException, Request
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint


class TenantMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint):
        tenant = request.headers.get("x-tenant")
        if not tenant:
            raise HTTPException(status_code=400, detail="tenant header required")  # expect: FP508
        return await call_next(request)


async def rate_limit(request: Request, call_next):
    if request.client is None:
        raise HTTPException(status_code=429, detail="slow down")  # expect: FP508
    return await call_next(request)
''',
 "app/main.py": '''
from fastapi import FastAPI

from app.middleware import TenantMiddleware, rate_limit

app = FastAPI()
app.add_middleware(TenantMiddleware)
app.middleware("http")(rate_limit)
'''}
C["508p_call_form"] = {"main.py": '''
from fastapi import FastAPI, HTTPException

app = FastAPI()


async def block_bots(request, call_next):
    if "bot" in request.headers.get("user-agent", ""):
        raise HTTPException(status_code=403)  # expect: FP508
    return await call_next(request)


app.middleware("http")(block_bots)
'''}
C["508p_starlette_exc"] = {"main.py": '''
from fastapi import FastAPI
from starlette.exceptions import HTTPException as StarletteHTTPException

app = FastAPI()


@app.middleware("http")
async def mw(request, call_next):
    if request.url.path.startswith("/internal"):
        raise StarletteHTTPException(status_code=404)  # expect: FP508
    return await call_next(request)
'''}
C["508p_alias_base"] = {"main.py": '''
import fastapi
from starlette.middleware import base


class IPFilter(base.BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        try:
            host = request.client.host
        except AttributeError:
            raise fastapi.HTTPException(400, "no client")  # expect: FP508
        if host.startswith("10."):
            raise fastapi.HTTPException(403, "blocked")  # expect: FP508
        return await call_next(request)
'''}
C["508p_two_level"] = {"main.py": '''
from fastapi import HTTPException
from starlette.middleware.base import BaseHTTPMiddleware


class LoggingMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        return await call_next(request)


class StrictMiddleware(LoggingMiddleware):
    async def dispatch(self, request, call_next):
        if request.method == "TRACE":
            raise HTTPException(status_code=405)  # expect: FP508
        return await super().dispatch(request, call_next)
'''}
C["508p_dispatch_kw"] = {"main.py": '''
from fastapi import FastAPI, HTTPException
from starlette.middleware.base import BaseHTTPMiddleware

app = FastAPI()


async def require_json(request, call_next):
    if request.headers.get("content-type") != "application/json":
        raise HTTPException(status_code=415)  # expect: FP508
    return await call_next(request)


app.add_middleware(BaseHTTPMiddleware, dispatch=require_json)
'''}
C["508p_subclass_exc"] = {"main.py": '''
from fastapi import FastAPI, HTTPException

app = FastAPI()


class Forbidden(HTTPException):
    def __init__(self):
        super().__init__(status_code=403, detail="forbidden")


@app.middleware("http")
async def guard(request, call_next):
    if request.headers.get("x-block"):
        raise Forbidden()  # expect: FP508
    return await call_next(request)
'''}
C["508n_dependency_route"] = {"main.py": '''
from fastapi import Depends, FastAPI, Header, HTTPException

app = FastAPI()


async def verify(x_key: str = Header(...)):
    if x_key != "k":
        raise HTTPException(status_code=403)


@app.get("/a", dependencies=[Depends(verify)])
async def a():
    raise HTTPException(status_code=404)
'''}
C["508n_json_response"] = {"main.py": '''
from fastapi import FastAPI, HTTPException
from fastapi.responses import JSONResponse

app = FastAPI()


@app.middleware("http")
async def mw(request, call_next):
    if request.headers.get("x-block"):
        return JSONResponse(status_code=403, content={"detail": "Forbidden"})
    try:
        return await call_next(request)
    except HTTPException as exc:
        return JSONResponse(status_code=exc.status_code, content={"detail": exc.detail})
'''}
C["508n_not_middleware_dispatch"] = {"main.py": '''
from fastapi import HTTPException


class Router:
    async def dispatch(self, request, call_next):
        raise HTTPException(status_code=404)
'''}
C["508n_other_exc"] = {"main.py": '''
from fastapi import FastAPI
from starlette.middleware.base import BaseHTTPMiddleware

app = FastAPI()


@app.middleware("http")
async def mw(request, call_next):
    if request.headers.get("x"):
        raise ValueError("bad")
    try:
        return await call_next(request)
    except Exception:
        raise


class M(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        response = await call_next(request)
        return response
'''}
C["508n_nested_def"] = {"main.py": '''
from fastapi import FastAPI, HTTPException

app = FastAPI()


@app.middleware("http")
async def mw(request, call_next):
    def check(value):
        raise HTTPException(status_code=400)

    request.state.check = check
    return await call_next(request)
'''}
