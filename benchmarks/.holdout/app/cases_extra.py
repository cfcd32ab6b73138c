# Round 2: the spellings the hold-out names, in more combinations.
import itertools

CASES = {}
def C(name, files, flags=""):
    CASES[name] = (files, flags)

# ---- FP601 ----
C("FP601/p14_router_of_app", {"main.py": '''
from fastapi import FastAPI

app = FastAPI()


def init() -> None:
    pass

app.router.add_event_handler("startup", init)  # expect: FP601


@app.router.on_event("shutdown")  # expect: FP601
async def bye() -> None:
    pass
'''})
C("FP601/p15_module_attribute_handler", {
 "app/__init__.py": "",
 "app/core/__init__.py": "",
 "app/core/events.py": '''
async def startup() -> None:
    pass


async def shutdown() -> None:
    pass
''',
 "app/main.py": '''
from fastapi import FastAPI

from app.core import events

app = FastAPI()
app.add_event_handler("startup", events.startup)  # expect: FP601
app.add_event_handler("shutdown", events.shutdown)  # expect: FP601
'''})
C("FP601/p16_handler_factory", {
 "app/__init__.py": "",
 "app/core/__init__.py": "",
 "app/core/events.py": '''
from typing import Callable

from fastapi import FastAPI


def create_start_app_handler(app: FastAPI) -> Callable:
    async def start_app() -> None:
        app.state.pool = object()

    return start_app
''',
 "app/main.py": '''
from fastapi import FastAPI

from app.core.events import create_start_app_handler


def get_application() -> FastAPI:
    application = FastAPI()
    application.add_event_handler("startup", create_start_app_handler(application))  # expect: FP601
    return application

app = get_application()
'''})
C("FP601/p17_subclass", {
 "app/__init__.py": "",
 "app/base.py": '''
from fastapi import FastAPI


class ServiceApp(FastAPI):
    pass
''',
 "app/main.py": '''
from app.base import ServiceApp

app = ServiceApp(title="svc")


@app.on_event("startup")  # expect: FP601
async def go() -> None:
    pass
'''})
C("FP601/p18_annotated_assign_factory", {
 "app/__init__.py": "",
 "app/factory.py": '''
from fastapi import FastAPI


def create_app() -> FastAPI:
    return FastAPI()
''',
 "app/main.py": '''
from fastapi import FastAPI

from app.factory import create_app

app: FastAPI = create_app()


@app.on_event("startup")  # expect: FP601
async def go() -> None:
    pass
'''})
C("FP601/p19_constructor_module_handlers", {
 "app/__init__.py": "",
 "app/db.py": '''
async def connect() -> None:
    pass


async def disconnect() -> None:
    pass
''',
 "app/main.py": '''
from fastapi import FastAPI

from app import db

app = FastAPI(
    title="svc",
    on_startup=[db.connect],  # expect: FP601
    on_shutdown=[db.disconnect],  # expect: FP601
)
'''})
C("FP601/p20_router_other_module_included", {
 "app/__init__.py": "", "app/api/__init__.py": "",
 "app/api/deps.py": '''
import fastapi

router = fastapi.APIRouter()


@router.on_event("startup")  # expect: FP601
def load_models() -> None:
    pass
'''})
C("FP601/n08_typer_app_kw", {"cli.py": '''
import typer

cli = typer.Typer(on_startup=None)
'''})
C("FP601/n09_faststream", {"broker.py": '''
from faststream import FastStream
from faststream.redis import RedisBroker

broker = RedisBroker()
app = FastStream(broker)


@app.on_startup
async def setup() -> None:
    pass
'''})
C("FP601/n10_kombu_like", {"consumer.py": '''
from mylib.events import EventBus

bus = EventBus()


@bus.on_event("startup")
def started() -> None:
    pass

bus.add_event_handler("shutdown", started)
'''})

# ---- FP604 ----
C("FP604/p12_helper_other_module", {
 "app/__init__.py": "",
 "app/security.py": '''
from fastapi import FastAPI
from starlette.middleware.trustedhost import TrustedHostMiddleware


def setup_security(app: FastAPI) -> None:
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=["a.example"])
''',
 "app/main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.security import setup_security

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])  # expect: FP604
setup_security(app)
'''})
C("FP604/p13_list_variable", {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from slowapi.middleware import SlowAPIMiddleware
from starlette.middleware import Middleware

middleware = [
    Middleware(SlowAPIMiddleware),
    Middleware(CORSMiddleware, allow_origins=["https://a.example"]),  # expect: FP604
]
app = FastAPI(middleware=middleware)
'''})
C("FP604/p14_starlette_app", {"main.py": '''
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

app = Starlette(middleware=[
    Middleware(TrustedHostMiddleware, allowed_hosts=["a.example"]),
    Middleware(CORSMiddleware, allow_origins=["https://a.example"]),  # expect: FP604
])
'''})
C("FP604/p15_kwargs_settings", {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from slowapi.middleware import SlowAPIMiddleware

from .config import settings

app = FastAPI()
app.add_middleware(CORSMiddleware, **settings.cors_kwargs)  # expect: FP604
app.add_middleware(SlowAPIMiddleware)
'''})
C("FP604/p16_auth_middleware_other_module", {
 "app/__init__.py": "",
 "app/middleware/__init__.py": "",
 "app/middleware/auth.py": '''
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import JSONResponse


class ApiKeyMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        if request.headers.get("x-api-key") != "k":
            return JSONResponse({"detail": "forbidden"}, status_code=403)
        return await call_next(request)
''',
 "app/main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.middleware.auth import ApiKeyMiddleware


def create_app() -> FastAPI:
    application = FastAPI()
    application.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])  # expect: FP604
    application.add_middleware(ApiKeyMiddleware)
    return application
'''})
C("FP604/n09_pass_through_own", {
 "app/__init__.py": "",
 "app/mw.py": '''
import time

from starlette.middleware.base import BaseHTTPMiddleware


class TimingMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        start = time.monotonic()
        response = await call_next(request)
        response.headers["x-time"] = str(time.monotonic() - start)
        return response
''',
 "app/main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.mw import TimingMiddleware

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
app.add_middleware(TimingMiddleware)
'''})
C("FP604/n10_try_except_exclusive", {"main.py": '''
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from slowapi.middleware import SlowAPIMiddleware

app = FastAPI()
app.add_middleware(SlowAPIMiddleware)
try:
    from .settings import origins
except ImportError:
    origins = []
app.add_middleware(CORSMiddleware, allow_origins=origins)
'''})
C("FP604/n11_elif_chain", {"main.py": '''
import os

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.trustedhost import TrustedHostMiddleware

app = FastAPI()
mode = os.environ.get("MODE")
if mode == "browser":
    app.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
elif mode == "edge":
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=["a.example"])
'''})

# ---- FP7xx: stacked decorators in every order ----
LIMITER = '''
from slowapi import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, storage_uri="redis://redis:6379/0")
'''
LIMITER_HEADERS = LIMITER.replace('storage_uri="redis://redis:6379/0"', 'storage_uri="redis://redis:6379/0", headers_enabled=True')
ORDERS = list(itertools.permutations(["route", "limit", "other"]))
def stacked(code, with_request, limiter, with_response=False):
    for n, order in enumerate(ORDERS):
        lines = []
        limit_above_route = order.index("limit") < order.index("route")
        for d in order:
            if d == "route":
                lines.append('@router.get("/items/{item_id}")')
            elif d == "other":
                lines.append('@cache(expire=60)')
            else:
                marks = []
                if not with_request:
                    marks.append("FP701")
                if limit_above_route:
                    marks.append("FP702")
                if code == "FP707" and not with_response and not limit_above_route:
                    marks.append("FP707")
                line = '@limiter.limit("10/minute")'
                if marks:
                    line += "  # expect: " + " ".join(marks)
                lines.append(line)
        params = (["request: Request"] if with_request else []) + ["item_id: int"] + (["response: Response"] if with_response else [])
        route = "\n".join(lines) + f"\nasync def get_item({', '.join(params)}) -> dict:\n    return {{}}\n"
        module = ("from fastapi import APIRouter, Request, Response\nfrom fastapi_cache.decorator import cache\n\n"
                  "from app.limiter import limiter\n\nrouter = APIRouter()\n\n\n" + route)
        name = f"{code}/stack_{n}_{'_'.join(order)}" + ("" if with_request else "_norequest") + ("_response" if with_response else "")
        C(name, {"app/__init__.py": "", "app/routers/__init__.py": "", "app/limiter.py": limiter, "app/routers/items.py": module})
stacked("FP701", False, LIMITER)
stacked("FP702", True, LIMITER)
stacked("FP707", True, LIMITER_HEADERS)
stacked("FP707", True, LIMITER_HEADERS, with_response=True)

# ---- limiters imported in other spellings ----
ROUTE = '''
@router.post("/login")
{deco}  # expect: {codes}
async def login(username: str) -> dict:
    return {{}}
'''
def limiter_spelling(name, files, imp, deco, codes="FP701"):
    module = "from fastapi import APIRouter\n" + imp + "\n\nrouter = APIRouter()\n\n" + ROUTE.format(deco=deco, codes=codes)
    files = dict(files)
    files["app/__init__.py"] = files.get("app/__init__.py", "")
    files["app/routers/__init__.py"] = ""
    files["app/routers/auth.py"] = module
    C("FP701/" + name, files)
limiter_spelling("imp_core_reexport", {"app/core/__init__.py": "from .security import limiter\n", "app/core/security.py": LIMITER},
                 "from app.core import limiter", '@limiter.limit("5/minute")')
limiter_spelling("imp_module_from_package", {"app/limiter.py": LIMITER}, "from app import limiter as limiter_module",
                 '@limiter_module.limiter.limit("5/minute")')
limiter_spelling("imp_name_alias", {"app/core/__init__.py": "", "app/core/limiter.py": LIMITER},
                 "from app.core.limiter import limiter as rl", '@rl.limit("5/minute")')
limiter_spelling("imp_import_module", {"app/core/__init__.py": "", "app/core/limiter.py": LIMITER},
                 "import app.core.limiter", '@app.core.limiter.limiter.limit("5/minute")')
limiter_spelling("imp_relative_parent_pkg", {"app/core/__init__.py": "", "app/core/limiter.py": LIMITER},
                 "from ..core.limiter import limiter", '@limiter.limit("5/minute")')
limiter_spelling("imp_state_limiter", {"app/limiter.py": LIMITER}, "from app.limiter import limiter\nfrom fastapi import Request",
                 '@limiter.limit("5/minute", key_func=lambda request: request.client.host)')
limiter_spelling("imp_named_rate_limiter", {"app/limiter.py": LIMITER.replace("limiter =", "rate_limiter =")},
                 "from app.limiter import rate_limiter", '@rate_limiter.limit("5/minute")')
# FP703 in limiter modules with settings objects
C("FP703/p09_settings_limits", {"app/__init__.py": "", "app/config.py": "class Settings:\n    RATE = '5/minute'\nsettings = Settings()\n",
  "app/limiter.py": '''
from slowapi import Limiter
from slowapi.util import get_remote_address

from app.config import settings

limiter = Limiter(key_func=get_remote_address, default_limits=[settings.RATE], enabled=True)  # expect: FP703
'''})
C("FP703/n07_settings_storage", {"app/__init__.py": "", "app/config.py": "class Settings:\n    REDIS_URL = 'redis://r'\nsettings = Settings()\n",
  "app/limiter.py": '''
from slowapi import Limiter
from slowapi.util import get_remote_address

from app.config import settings

limiter = Limiter(key_func=get_remote_address, storage_uri=settings.REDIS_URL)
'''})
# FP707 near miss: limiter disabled headers explicitly / returns Response subclass via variable
C("FP707/n06_headers_false_explicit", {"main.py": '''
from fastapi import FastAPI, Request
from slowapi import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, storage_uri="redis://r", headers_enabled=False)
app = FastAPI()


@app.get("/x")
@limiter.limit("5/minute")
async def x(request: Request) -> dict:
    return {}
'''})
