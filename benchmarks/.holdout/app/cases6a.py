# FP601-FP605 spelling matrix. "# expect: FPxxx" marks the line a finding must land on.
CASES = {}
def C(name, files, flags=""):
    CASES[name] = (files, flags)

# ---------------- FP601 ----------------
C("FP601/p01_alias_module", {"main.py": '''
import fastapi as fa

app = fa.FastAPI(title="svc")

@app.on_event("startup")  # expect: FP601
async def connect() -> None:
    app.state.db = object()
'''})
C("FP601/p02_alias_class", {"main.py": '''
from fastapi import FastAPI as App

application = App()

@application.on_event("shutdown")  # expect: FP601
def close() -> None:
    print("bye")
'''})
C("FP601/p03_factory", {"main.py": '''
from fastapi import FastAPI


def create_app() -> FastAPI:
    app = FastAPI()

    @app.on_event("startup")  # expect: FP601
    async def startup() -> None:
        app.state.ready = True

    @app.on_event("shutdown")  # expect: FP601
    async def shutdown() -> None:
        app.state.ready = False

    return app
'''})
C("FP601/p04_add_event_handler_other_module", {
 "svc/__init__.py": "",
 "svc/db.py": '''
async def connect_db() -> None:
    pass


async def close_db() -> None:
    pass
''',
 "svc/main.py": '''
from fastapi import FastAPI

from .db import close_db, connect_db

app = FastAPI()
app.add_event_handler("startup", connect_db)  # expect: FP601
app.add_event_handler("shutdown", close_db)  # expect: FP601
'''})
C("FP601/p05_constructor_lists", {
 "svc/__init__.py": "",
 "svc/events.py": '''
def init_cache() -> None:
    pass
''',
 "svc/main.py": '''
from fastapi import FastAPI

from svc.events import init_cache


async def close_cache() -> None:
    pass

app = FastAPI(on_startup=[init_cache], on_shutdown=[close_cache])  # expect: FP601
'''})
C("FP601/p06_router_on_event", {
 "app/__init__.py": "", "app/routers/__init__.py": "",
 "app/routers/items.py": '''
from fastapi import APIRouter

router = APIRouter(prefix="/items")


@router.on_event("startup")  # expect: FP601
async def warm_items() -> None:
    pass


@router.get("/")
async def list_items() -> list[str]:
    return []
''',
 "app/main.py": '''
from fastapi import FastAPI

from app.routers import items

app = FastAPI()
app.include_router(items.router)
'''})
C("FP601/p07_with_lifespan", {"main.py": '''
from contextlib import asynccontextmanager

from fastapi import FastAPI


@asynccontextmanager
async def lifespan(app: FastAPI):
    yield

app = FastAPI(lifespan=lifespan)


@app.on_event("startup")  # expect: FP601
async def never_runs() -> None:
    pass
'''})
C("FP601/p08_register_function_param", {
 "svc/__init__.py": "",
 "svc/events.py": '''
from fastapi import FastAPI


def register_events(app: FastAPI) -> None:
    @app.on_event("startup")  # expect: FP601
    async def on_start() -> None:
        app.state.started = True
''',
 "svc/main.py": '''
from fastapi import FastAPI

from svc.events import register_events

app = FastAPI()
register_events(app)
'''})
C("FP601/p09_factory_result", {
 "svc/__init__.py": "",
 "svc/factory.py": '''
from fastapi import FastAPI


def get_application() -> FastAPI:
    return FastAPI(title="x")
''',
 "svc/main.py": '''
from svc.factory import get_application


async def start_scheduler() -> None:
    pass

app = get_application()
app.add_event_handler("startup", start_scheduler)  # expect: FP601
'''})
C("FP601/p10_call_form", {"main.py": '''
from fastapi import FastAPI


def init_db() -> None:
    pass

app = FastAPI()
app.on_event("startup")(init_db)  # expect: FP601
'''})
C("FP601/p11_router_constructor", {"routes.py": '''
from fastapi.routing import APIRouter


async def open_pool() -> None:
    pass

router = APIRouter(on_startup=[open_pool])  # expect: FP601
'''})
C("FP601/p12_stacked_decorators", {"main.py": '''
import logging

import fastapi

log = logging.getLogger(__name__)


def traced(fn):
    return fn

app = fastapi.FastAPI()


@traced
@app.on_event("startup")  # expect: FP601
async def boot() -> None:
    log.info("boot")
'''})
C("FP601/p13_typed_attribute", {"main.py": '''
from fastapi import FastAPI


class Server:
    def __init__(self) -> None:
        self.app: FastAPI = FastAPI()
        self.app.add_event_handler("startup", self.start)  # expect: FP601

    async def start(self) -> None:
        pass
'''})
# near misses
C("FP601/n01_socketio", {"main.py": '''
import socketio

sio = socketio.AsyncServer()


@sio.on_event("connect")
async def connect(sid, environ):
    pass
'''})
C("FP601/n02_custom_bus", {"main.py": '''
class Bus:
    def on_event(self, name):
        def deco(fn):
            return fn
        return deco

    def add_event_handler(self, name, fn):
        pass

bus = Bus()


@bus.on_event("startup")
def started():
    pass

bus.add_event_handler("startup", started)
'''})
C("FP601/n03_lifespan_only", {"main.py": '''
from contextlib import asynccontextmanager

from fastapi import FastAPI


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.db = object()
    yield

app = FastAPI(lifespan=lifespan)
'''})
C("FP601/n04_discord", {"bot.py": '''
import discord

client = discord.Client(intents=discord.Intents.default())


@client.event
async def on_ready():
    pass

client.add_event_handler = None
'''})
C("FP601/n05_kwarg_on_other_call", {"main.py": '''
from apscheduler.schedulers.asyncio import AsyncIOScheduler


def job():
    pass

scheduler = AsyncIOScheduler()
worker = dict(on_startup=[job], on_shutdown=[job])
'''})
C("FP601/n06_pubsub_param", {"main.py": '''
from typing import Protocol


class Emitter(Protocol):
    def on_event(self, name: str): ...


def wire(emitter: Emitter) -> None:
    @emitter.on_event("startup")
    def started() -> None:
        pass
'''})
C("FP601/n07_typer", {"cli.py": '''
import typer

app = typer.Typer()


@app.command()
def serve() -> None:
    pass
'''})

# ---------------- FP602 (target < 0.112.2) ----------------
T602 = "--fastapi-target-version 0.110.0"
C("FP602/p01_plain", {"routes.py": '''
from contextlib import asynccontextmanager

from fastapi import APIRouter


@asynccontextmanager
async def items_lifespan(app):
    yield

router = APIRouter(lifespan=items_lifespan)  # expect: FP602
'''}, T602)
C("FP602/p02_alias_module", {"routes.py": '''
import fastapi as fa


async def ls(app):
    yield

router = fa.APIRouter(prefix="/x", lifespan=ls)  # expect: FP602
'''}, T602)
C("FP602/p03_alias_class", {"routes.py": '''
from fastapi import APIRouter as Router

from .lifespans import users_lifespan

users = Router(lifespan=users_lifespan)  # expect: FP602
'''}, T602)
C("FP602/p04_routing_module", {"routes.py": '''
from fastapi.routing import APIRouter


def make_router(ls) -> APIRouter:
    return APIRouter(lifespan=ls)  # expect: FP602
'''}, T602)
C("FP602/p05_pyproject_pin", {
 "pyproject.toml": '''
[project]
name = "svc"
version = "0.1"
dependencies = ["fastapi==0.100.1"]
''',
 "svc/__init__.py": "",
 "svc/routers/__init__.py": "",
 "svc/routers/health.py": '''
from contextlib import asynccontextmanager

from fastapi import APIRouter


@asynccontextmanager
async def lifespan(app):
    yield

router = APIRouter(lifespan=lifespan)  # expect: FP602
'''})
C("FP602/p06_requirements_pin", {
 "requirements.txt": "fastapi==0.109.2\nuvicorn\n",
 "routes.py": '''
import fastapi


async def ls(app):
    yield

router = fastapi.APIRouter(tags=["a"], lifespan=ls)  # expect: FP602
'''})
C("FP602/n01_new_target", {"routes.py": '''
from fastapi import APIRouter


async def ls(app):
    yield

router = APIRouter(lifespan=ls)
'''}, "--fastapi-target-version 0.115.0")
C("FP602/n02_app_lifespan", {"main.py": '''
from fastapi import FastAPI


async def ls(app):
    yield

app = FastAPI(lifespan=ls)
'''}, T602)
C("FP602/n03_router_no_lifespan", {"routes.py": '''
from fastapi import APIRouter

router = APIRouter(prefix="/items", tags=["items"])
'''}, T602)
C("FP602/n04_other_router", {"routes.py": '''
from litestar import Router


async def ls(app):
    yield

router = Router(path="/", route_handlers=[], lifespan=[ls])
'''}, T602)
C("FP602/n05_starlette_router", {"routes.py": '''
from starlette.routing import Router


async def ls(app):
    yield

router = Router(lifespan=ls)
'''}, T602)

# ---------------- FP603 (target < 0.75.2) ----------------
T603 = "--fastapi-target-version 0.70.0"
C("FP603/p01_plain", {"ws.py": '''
from fastapi import APIRouter, WebSocket

router = APIRouter()


@router.websocket("/ws")  # expect: FP603
async def ws(websocket: WebSocket) -> None:
    await websocket.accept()
'''}, T603)
C("FP603/p02_alias", {"ws.py": '''
import fastapi as fa

chat = fa.APIRouter(prefix="/chat")


@chat.websocket("/{room}")  # expect: FP603
async def room(websocket: fa.WebSocket, room: str) -> None:
    await websocket.accept()
'''}, T603)
C("FP603/p03_other_module_router", {
 "app/__init__.py": "",
 "app/routers/__init__.py": '''
from fastapi import APIRouter

api_router = APIRouter()
''',
 "app/routers/live.py": '''
from fastapi import WebSocket

from app.routers import api_router


@api_router.websocket("/live")  # expect: FP603
async def live(websocket: WebSocket) -> None:
    await websocket.accept()
'''}, T603)
C("FP603/p04_factory", {"ws.py": '''
from fastapi import APIRouter, WebSocket


def build_router() -> APIRouter:
    router = APIRouter()

    @router.websocket("/ws")  # expect: FP603
    async def ws(websocket: WebSocket) -> None:
        await websocket.accept()

    return router
'''}, T603)
C("FP603/p05_stacked", {"ws.py": '''
from fastapi import APIRouter, WebSocket


def log_calls(fn):
    return fn

router = APIRouter()


@log_calls
@router.websocket("/ws")  # expect: FP603
async def ws(websocket: WebSocket) -> None:
    await websocket.accept()
'''}, T603)
C("FP603/p06_pinned", {
 "pyproject.toml": '''
[tool.poetry]
name = "svc"
version = "0.1.0"

[tool.poetry.dependencies]
python = "^3.9"
fastapi = "^0.68.0"
''',
 "ws.py": '''
from fastapi.routing import APIRouter
from starlette.websockets import WebSocket

router = APIRouter()


@router.websocket("/ws")  # expect: FP603
async def ws(websocket: WebSocket) -> None:
    await websocket.accept()
'''})
C("FP603/n01_app_websocket", {"ws.py": '''
from fastapi import FastAPI, WebSocket

app = FastAPI()


@app.websocket("/ws")
async def ws(websocket: WebSocket) -> None:
    await websocket.accept()
'''}, T603)
C("FP603/n02_new_target", {"ws.py": '''
from fastapi import APIRouter, WebSocket

router = APIRouter()


@router.websocket("/ws")
async def ws(websocket: WebSocket) -> None:
    await websocket.accept()
'''}, "--fastapi-target-version 0.100.0")
C("FP603/n03_other_lib", {"ws.py": '''
from litestar import websocket


@websocket("/ws")
async def ws(socket) -> None:
    await socket.accept()
'''}, T603)
C("FP603/n04_get_route", {"ws.py": '''
from fastapi import APIRouter

router = APIRouter()


@router.get("/ws")
async def ws() -> dict:
    return {}
'''}, T603)
C("FP603/n05_custom_router", {"ws.py": '''
class Hub:
    def websocket(self, path):
        return lambda fn: fn

router = Hub()


@router.websocket("/ws")
async def ws(socket) -> None:
    pass
'''}, T603)

# ---------------- FP604 ----------------
C("FP604/p01_basic", {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from slowapi.middleware import SlowAPIMiddleware

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])  # expect: FP604
app.add_middleware(SlowAPIMiddleware)
'''})
C("FP604/p02_starlette_alias", {"main.py": '''
import fastapi as fa
from starlette.middleware.cors import CORSMiddleware as CORS
from starlette.middleware.authentication import AuthenticationMiddleware

app = fa.FastAPI()
app.add_middleware(CORS, allow_origins=["https://a.example"], allow_methods=["*"])  # expect: FP604
app.add_middleware(AuthenticationMiddleware, backend=object())
'''})
C("FP604/p03_factory", {
 "svc/__init__.py": "",
 "svc/middleware.py": '''
from starlette.middleware.base import BaseHTTPMiddleware\nfrom starlette.responses import JSONResponse


class TimingMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        if "x-api-key" not in request.headers:
            return JSONResponse({"detail": "unauthorized"}, status_code=401)
        return await call_next(request)
''',
 "svc/main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from svc.middleware import TimingMiddleware


def create_app() -> FastAPI:
    app = FastAPI()
    app.add_middleware(  # expect: FP604
        CORSMiddleware,
        allow_origins=["https://a.example"],
    )
    app.add_middleware(TimingMiddleware)
    return app
'''})
C("FP604/p04_module_attribute", {"main.py": '''
import fastapi
import fastapi.middleware.cors
from starlette.middleware.trustedhost import TrustedHostMiddleware

app = fastapi.FastAPI()
app.add_middleware(fastapi.middleware.cors.CORSMiddleware, allow_origins=["https://a.example"])  # expect: FP604
app.add_middleware(TrustedHostMiddleware, allowed_hosts=["a.example"])
'''})
C("FP604/p05_constructor_list_cors_not_first", {"main.py": '''
from fastapi import FastAPI
from slowapi.middleware import SlowAPIMiddleware
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware

app = FastAPI(
    middleware=[
        Middleware(SlowAPIMiddleware),
        Middleware(CORSMiddleware, allow_origins=["https://a.example"]),  # expect: FP604
    ]
)
'''})
C("FP604/p06_constructor_then_add", {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from slowapi.middleware import SlowAPIMiddleware
from starlette.middleware import Middleware

app = FastAPI(middleware=[Middleware(CORSMiddleware, allow_origins=["https://a.example"])])  # expect: FP604
app.add_middleware(SlowAPIMiddleware)
'''})
C("FP604/p07_http_middleware_after", {"main.py": '''
import time

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])  # expect: FP604


@app.middleware("http")
async def add_timing(request: Request, call_next):
    start = time.monotonic()
    response = await call_next(request)
    response.headers["x-time"] = str(time.monotonic() - start)
    return response
'''})
C("FP604/p08_cors_in_both_branches", {"main.py": '''
import os

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from slowapi.middleware import SlowAPIMiddleware

app = FastAPI()
if os.environ.get("DEBUG"):
    app.add_middleware(CORSMiddleware, allow_origins=["http://localhost:3000"])  # expect: FP604
else:
    app.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])  # expect: FP604
app.add_middleware(SlowAPIMiddleware)
'''})
C("FP604/p09_registration_function", {
 "svc/__init__.py": "",
 "svc/setup.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.middleware.authentication import AuthenticationMiddleware


def setup_middleware(app: FastAPI) -> None:
    app.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])  # expect: FP604
    app.add_middleware(AuthenticationMiddleware, backend=object())
'''})
C("FP604/p10_cors_then_conditional", {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.httpsredirect import HTTPSRedirectMiddleware

from .settings import settings

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=settings.origins)  # expect: FP604
if settings.force_https:
    app.add_middleware(HTTPSRedirectMiddleware)
'''})
C("FP604/p11_alias_app_class", {"main.py": '''
from fastapi import FastAPI as App
from fastapi.middleware import cors
from slowapi.middleware import SlowAPIMiddleware

api = App()
api.add_middleware(cors.CORSMiddleware, allow_origins=["https://a.example"])  # expect: FP604
api.add_middleware(SlowAPIMiddleware)
'''})
# pass-through middleware wrapping CORS: harmless
C("FP604/n_pass_01_basic", {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
app.add_middleware(GZipMiddleware, minimum_size=1000)
'''})
C("FP604/n_pass_02_starlette_alias", {"main.py": '''
import fastapi as fa
from starlette.middleware.cors import CORSMiddleware as CORS
from starlette.middleware.sessions import SessionMiddleware

app = fa.FastAPI()
app.add_middleware(CORS, allow_origins=["https://a.example"], allow_methods=["*"])
app.add_middleware(SessionMiddleware, secret_key="x")
'''})
C("FP604/n_pass_03_factory", {
 "svc/__init__.py": "",
 "svc/middleware.py": '''
from starlette.middleware.base import BaseHTTPMiddleware


class TimingMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        return await call_next(request)
''',
 "svc/main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from svc.middleware import TimingMiddleware


def create_app() -> FastAPI:
    app = FastAPI()
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["https://a.example"],
    )
    app.add_middleware(TimingMiddleware)
    return app
'''})
C("FP604/n_pass_05_constructor_list_cors_not_first", {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware

app = FastAPI(
    middleware=[
        Middleware(GZipMiddleware),
        Middleware(CORSMiddleware, allow_origins=["https://a.example"]),
    ]
)
'''})
C("FP604/n_pass_06_constructor_then_add", {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from starlette.middleware import Middleware

app = FastAPI(middleware=[Middleware(CORSMiddleware, allow_origins=["https://a.example"])])
app.add_middleware(GZipMiddleware)
'''})
C("FP604/n_pass_08_cors_in_both_branches", {"main.py": '''
import os

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware

app = FastAPI()
if os.environ.get("DEBUG"):
    app.add_middleware(CORSMiddleware, allow_origins=["http://localhost:3000"])
else:
    app.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
app.add_middleware(GZipMiddleware)
'''})
C("FP604/n_pass_09_registration_function", {
 "svc/__init__.py": "",
 "svc/setup.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.middleware.sessions import SessionMiddleware


def setup_middleware(app: FastAPI) -> None:
    app.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
    app.add_middleware(SessionMiddleware, secret_key="s")
'''})
C("FP604/n_pass_11_alias_app_class", {"main.py": '''
from fastapi import FastAPI as App
from fastapi.middleware import cors
from starlette.middleware.gzip import GZipMiddleware

api = App()
api.add_middleware(cors.CORSMiddleware, allow_origins=["https://a.example"])
api.add_middleware(GZipMiddleware)
'''})
# near misses
C("FP604/n01_cors_last", {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware

app = FastAPI()
app.add_middleware(GZipMiddleware)
app.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
'''})
C("FP604/n02_two_apps", {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware

app = FastAPI()
admin = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
admin.add_middleware(GZipMiddleware)
app.mount("/admin", admin)
'''})
C("FP604/n03_constructor_cors_first", {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware

app = FastAPI(
    middleware=[
        Middleware(CORSMiddleware, allow_origins=["https://a.example"]),
        Middleware(GZipMiddleware),
    ]
)
'''})
C("FP604/n04_exclusive_branches", {"main.py": '''
import os

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware

app = FastAPI()
if os.environ.get("BROWSER_CLIENTS"):
    app.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
else:
    app.add_middleware(GZipMiddleware)
'''})
C("FP604/n05_conditional_before_cors", {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware

from .settings import settings

app = FastAPI()
if settings.gzip:
    app.add_middleware(GZipMiddleware)
app.add_middleware(CORSMiddleware, allow_origins=settings.origins)
app.include_router(object())
'''})
C("FP604/n06_other_calls_after", {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
app.add_exception_handler(ValueError, lambda r, e: None)
app.mount("/static", object())
'''})
C("FP604/n07_factories_separate", {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware


def public_app() -> FastAPI:
    app = FastAPI()
    app.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
    return app


def internal_app() -> FastAPI:
    app = FastAPI()
    app.add_middleware(GZipMiddleware)
    return app
'''})
C("FP604/n08_early_return", {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware


def configure(app: FastAPI, browser: bool) -> None:
    if browser:
        app.add_middleware(GZipMiddleware)
        app.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
        return
    app.add_middleware(GZipMiddleware)
'''})

C("FP604/n_sa_01_cors_last", {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from slowapi.middleware import SlowAPIMiddleware

app = FastAPI()
app.add_middleware(SlowAPIMiddleware)
app.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
'''})
C("FP604/n_sa_02_two_apps", {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from slowapi.middleware import SlowAPIMiddleware

app = FastAPI()
admin = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
admin.add_middleware(SlowAPIMiddleware)
app.mount("/admin", admin)
'''})
C("FP604/n_sa_03_constructor_cors_first", {"main.py": '''
from fastapi import FastAPI
from slowapi.middleware import SlowAPIMiddleware
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware

app = FastAPI(
    middleware=[
        Middleware(CORSMiddleware, allow_origins=["https://a.example"]),
        Middleware(SlowAPIMiddleware),
    ]
)
'''})
C("FP604/n_sa_04_exclusive_branches", {"main.py": '''
import os

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from slowapi.middleware import SlowAPIMiddleware

app = FastAPI()
if os.environ.get("BROWSER_CLIENTS"):
    app.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
else:
    app.add_middleware(SlowAPIMiddleware)
'''})
C("FP604/n_sa_05_conditional_before_cors", {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from slowapi.middleware import SlowAPIMiddleware

from .settings import settings

app = FastAPI()
if settings.gzip:
    app.add_middleware(SlowAPIMiddleware)
app.add_middleware(CORSMiddleware, allow_origins=settings.origins)
app.include_router(object())
'''})
C("FP604/n_sa_06_other_calls_after", {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
app.add_exception_handler(ValueError, lambda r, e: None)
app.mount("/static", object())
'''})
C("FP604/n_sa_07_factories_separate", {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from slowapi.middleware import SlowAPIMiddleware


def public_app() -> FastAPI:
    app = FastAPI()
    app.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
    return app


def internal_app() -> FastAPI:
    app = FastAPI()
    app.add_middleware(SlowAPIMiddleware)
    return app
'''})
C("FP604/n_sa_08_early_return", {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from slowapi.middleware import SlowAPIMiddleware


def configure(app: FastAPI, browser: bool) -> None:
    if browser:
        app.add_middleware(SlowAPIMiddleware)
        app.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
        return
    app.add_middleware(SlowAPIMiddleware)
'''})

# ---------------- FP605 (opt-in) ----------------
S605 = "--select FP6,FP7,FP605"
C("FP605/p01_router_other_module", {
 "app/__init__.py": "", "app/routers/__init__.py": "",
 "app/routers/items.py": '''
from fastapi import APIRouter

router = APIRouter()


@router.get("/items")
async def list_items():  # expect: FP605
    return [{"id": 1}]
''',
 "app/main.py": '''
from fastapi import FastAPI

from app.routers.items import router

app = FastAPI()
app.include_router(router, prefix="/v1")
'''}, S605)
C("FP605/p02_alias", {"main.py": '''
import fastapi as fa

app = fa.FastAPI()


@app.post("/echo")
def echo(body: dict):  # expect: FP605
    return body
'''}, S605)
C("FP605/p03_factory", {"main.py": '''
from fastapi import FastAPI as App


def create_app() -> App:
    app = App()

    @app.get("/health")
    def health():  # expect: FP605
        return {"ok": True}

    return app
'''}, S605)
C("FP605/p04_api_route", {"main.py": '''
from fastapi import APIRouter

router = APIRouter()


@router.api_route("/ping", methods=["GET", "HEAD"])
async def ping():  # expect: FP605
    return "pong"
'''}, S605)
C("FP605/p05_stacked_limiter", {"main.py": '''
from fastapi import APIRouter, Request
from slowapi import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, storage_uri="redis://r:6379")
router = APIRouter()


@router.get("/search")
@limiter.limit("10/minute")
async def search(request: Request, q: str):  # expect: FP605
    return {"q": q}
'''}, S605)
C("FP605/p06_router_in_package_init", {
 "api/__init__.py": '''
from fastapi import APIRouter

api = APIRouter()
''',
 "api/users.py": '''
from . import api


@api.delete("/users/{user_id}")
async def delete_user(user_id: int):  # expect: FP605
    return {"deleted": user_id}
'''}, S605)
C("FP605/n01_annotated", {"main.py": '''
from fastapi import FastAPI

app = FastAPI()


@app.get("/items")
async def list_items() -> list[dict]:
    return []
'''}, S605)
C("FP605/n02_response_model", {"main.py": '''
from fastapi import APIRouter
from pydantic import BaseModel


class Item(BaseModel):
    id: int

router = APIRouter()


@router.get("/items/{item_id}", response_model=Item)
async def get_item(item_id: int):
    return {"id": item_id}
'''}, S605)
C("FP605/n03_websocket", {"main.py": '''
from fastapi import FastAPI, WebSocket

app = FastAPI()


@app.websocket("/ws")
async def ws(websocket: WebSocket):
    await websocket.accept()
'''}, S605)
C("FP605/n04_not_a_route", {"main.py": '''
import httpx

client = httpx.Client()


def fetch():
    return client.get("/items")
'''}, S605)
C("FP605/n05_flask_like", {"main.py": '''
class Blueprint:
    def get(self, path):
        return lambda fn: fn

bp = Blueprint()


@bp.get("/items")
def items():
    return []
'''}, S605)
