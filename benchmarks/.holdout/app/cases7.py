CASES = {}
def C(name, files, flags=""):
    CASES[name] = (files, flags)

LIMITER = '''
from slowapi import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, storage_uri="redis://redis:6379/0")
'''
LIMITER_HEADERS = '''
from slowapi import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, storage_uri="redis://redis:6379/0", headers_enabled=True)
'''
def proj(route_module, limiter=LIMITER, where="app/limiter.py"):
    files = {"app/__init__.py": "", "app/routers/__init__.py": "", where: limiter,
             "app/routers/items.py": route_module}
    if where.startswith("app/core/"):
        files["app/core/__init__.py"] = ""
    return files

# ---------------- FP701 ----------------
C("FP701/p01_relative_limiter", proj('''
from fastapi import APIRouter

from ..limiter import limiter

router = APIRouter()


@router.get("/items")
@limiter.limit("5/minute")  # expect: FP701
async def list_items() -> list:
    return []
'''))
C("FP701/p02_module_alias", proj('''
from fastapi import APIRouter

from app.core import limiter as rl

router = APIRouter()


@router.post("/login")
@rl.limiter.limit("3/minute")  # expect: FP701
async def login(username: str) -> dict:
    return {}
''', where="app/core/limiter.py"))
C("FP701/p03_req_named_differently", proj('''
from fastapi import APIRouter, Request

from app.limiter import limiter

router = APIRouter()


@router.get("/search")
@limiter.limit("10/minute")  # expect: FP701
async def search(req: Request, q: str) -> dict:
    return {}
'''))
C("FP701/p04_same_module_alias", {"main.py": '''
import slowapi as sa
from fastapi import FastAPI
from slowapi.util import get_remote_address

limiter = sa.Limiter(key_func=get_remote_address, storage_uri="redis://r")
app = FastAPI()


@app.get("/x")
@limiter.limit("1/second")  # expect: FP701
def x() -> dict:
    return {}
'''})
C("FP701/p05_limit_above_route", {"main.py": '''
from fastapi import FastAPI
from slowapi import Limiter as RateLimiter
from slowapi.util import get_remote_address

limiter = RateLimiter(key_func=get_remote_address, storage_uri="redis://r")
app = FastAPI()


@limiter.limit("5/minute")  # expect: FP701 FP702
@app.get("/x")
async def x() -> dict:
    return {}
'''})
C("FP701/p06_factory", {"main.py": '''
from fastapi import FastAPI
from slowapi import Limiter
from slowapi.util import get_remote_address


def create_app() -> FastAPI:
    limiter = Limiter(key_func=get_remote_address, storage_uri="redis://r")
    app = FastAPI()
    app.state.limiter = limiter

    @app.get("/x")
    @limiter.limit("5/minute")  # expect: FP701
    async def x() -> dict:
        return {}

    return app
'''})
C("FP701/p07_shared_limit", proj('''
from fastapi import APIRouter

from app.limiter import limiter

router = APIRouter()


@router.get("/a")
@limiter.shared_limit("100/hour", scope="api")  # expect: FP701
async def a() -> dict:
    return {}
'''))
C("FP701/p08_stacked_three", proj('''
import functools

from fastapi import APIRouter

from app.limiter import limiter

router = APIRouter()


def audit(fn):
    @functools.wraps(fn)
    async def inner(*args, **kwargs):
        return await fn(*args, **kwargs)
    return inner


@router.get("/b")
@audit
@limiter.limit("5/minute")  # expect: FP701
async def b(item_id: int) -> dict:
    return {}
'''))
C("FP701/p09_extension_import", {"main.py": '''
from fastapi import APIRouter
from slowapi.extension import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(get_remote_address, storage_uri="redis://r")
router = APIRouter()


@router.get("/c")
@limiter.limit("5/minute")  # expect: FP701
async def c(websocket_id: str) -> dict:
    return {}
'''})
C("FP701/n01_request_present", proj('''
from fastapi import APIRouter, Request

from app.limiter import limiter

router = APIRouter()


@router.get("/items")
@limiter.limit("5/minute")
async def list_items(request: Request) -> list:
    return []
'''))
C("FP701/p10_request_unannotated", proj('''
from fastapi import APIRouter

from app.limiter import limiter

router = APIRouter()


@router.get("/items")
@limiter.limit("5/minute")  # expect: FP701
async def list_items(q: str, *, request) -> list:
    return []
'''))
C("FP701/n03_websocket", proj('''
from fastapi import APIRouter, WebSocket

from app.limiter import limiter

router = APIRouter()


@router.websocket("/ws")
@limiter.limit("5/minute")
async def ws(websocket: WebSocket) -> None:
    await websocket.accept()
'''))
C("FP701/n04_other_limiter", {"main.py": '''
from fastapi import FastAPI


class Limiter:
    def limit(self, spec):
        return lambda fn: fn

limiter = Limiter()
app = FastAPI()


@app.get("/x")
@limiter.limit("5/minute")
async def x() -> dict:
    return {}
'''})
C("FP701/n05_exempt", proj('''
from fastapi import APIRouter

from app.limiter import limiter

router = APIRouter()


@router.get("/health")
@limiter.exempt
async def health() -> dict:
    return {}
'''))
C("FP701/n06_starlette_request_alias", proj('''
from fastapi import APIRouter
from starlette.requests import Request as StarletteRequest

from app.limiter import limiter

router = APIRouter()


@router.get("/items")
@limiter.limit("5/minute")
async def items(request: StarletteRequest) -> list:
    return []
'''))

# ---------------- FP702 ----------------
C("FP702/p01_imported_limiter", proj('''
from fastapi import APIRouter, Request

from ..limiter import limiter

router = APIRouter()


@limiter.limit("5/minute")  # expect: FP702
@router.get("/items")
async def list_items(request: Request) -> list:
    return []
'''))
C("FP702/p02_module_alias", proj('''
from fastapi import APIRouter, Request

from app.core import limiter as rl

router = APIRouter()


@rl.limiter.limit("3/minute")  # expect: FP702
@router.post("/login")
async def login(request: Request) -> dict:
    return {}
''', where="app/core/limiter.py"))
C("FP702/p03_middle_decorator", proj('''
from fastapi import APIRouter, Request

from app.limiter import limiter

router = APIRouter()


def audit(fn):
    return fn


@limiter.limit("5/minute")  # expect: FP702
@audit
@router.get("/b")
async def b(request: Request) -> dict:
    return {}
'''))
C("FP702/p04_app_alias_factory", {"main.py": '''
import fastapi as fa
from fastapi import Request
from slowapi import Limiter
from slowapi.util import get_remote_address


def create_app() -> fa.FastAPI:
    limiter = Limiter(key_func=get_remote_address, storage_uri="redis://r")
    app = fa.FastAPI()

    @limiter.limit("5/minute")  # expect: FP702
    @app.get("/x")
    async def x(request: Request) -> dict:
        return {}

    return app
'''})
C("FP702/p05_shared_limit_above", proj('''
from fastapi import APIRouter, Request

from app.limiter import limiter

router = APIRouter()


@limiter.shared_limit("100/hour", scope="api")  # expect: FP702
@router.get("/a")
async def a(request: Request) -> dict:
    return {}
'''))
C("FP702/p06_api_route_above", {"main.py": '''
from fastapi import APIRouter, Request
from slowapi import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, storage_uri="redis://r")
router = APIRouter()


@limiter.limit("5/minute")  # expect: FP702
@router.api_route("/p", methods=["GET", "POST"])
async def p(request: Request) -> dict:
    return {}
'''})
C("FP702/p07_two_limits_above", proj('''
from fastapi import APIRouter, Request

from app.limiter import limiter

router = APIRouter()


@limiter.limit("5/minute")  # expect: FP702
@limiter.limit("100/day")  # expect: FP702
@router.get("/c")
async def c(request: Request) -> dict:
    return {}
'''))
C("FP702/p08_websocket_route", proj('''
from fastapi import APIRouter, WebSocket

from app.limiter import limiter

router = APIRouter()


@limiter.limit("5/minute")  # expect: FP702
@router.websocket("/ws")
async def ws(websocket: WebSocket) -> None:
    await websocket.accept()
'''))
C("FP702/n01_correct_order", proj('''
from fastapi import APIRouter, Request

from app.limiter import limiter

router = APIRouter()


@router.get("/items")
@limiter.limit("5/minute")
async def list_items(request: Request) -> list:
    return []
'''))
C("FP702/n02_limit_below_too", proj('''
from fastapi import APIRouter, Request

from app.limiter import limiter

router = APIRouter()


@limiter.limit("100/day")
@router.get("/items")
@limiter.limit("5/minute")
async def list_items(request: Request) -> list:
    return []
'''))
C("FP702/n03_exempt_above", proj('''
from fastapi import APIRouter, Request

from app.limiter import limiter

router = APIRouter()


@limiter.exempt
@router.get("/health")
async def health(request: Request) -> dict:
    return {}
'''))
C("FP702/n04_helper_not_route", proj('''
from fastapi import Request

from app.limiter import limiter


@limiter.limit("5/minute")
async def helper(request: Request) -> None:
    pass
'''))
C("FP702/n05_other_limit", {"main.py": '''
from fastapi import FastAPI, Request

from cachetools import cached


class Throttle:
    def limit(self, spec):
        return lambda fn: fn

limiter = Throttle()
app = FastAPI()


@limiter.limit("5/minute")
@app.get("/x")
async def x(request: Request) -> dict:
    return {}
'''})

# ---------------- FP703 ----------------
C("FP703/p01_limiter_module", {"app/__init__.py": "", "app/limiter.py": '''
from slowapi import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address)  # expect: FP703
'''})
C("FP703/p02_alias_module", {"limiter.py": '''
import slowapi as sa
from slowapi.util import get_remote_address

limiter = sa.Limiter(key_func=get_remote_address, default_limits=["100/minute"])  # expect: FP703
'''})
C("FP703/p03_alias_class", {"limiter.py": '''
from slowapi import Limiter as RateLimiter
from slowapi.util import get_remote_address

rate_limiter = RateLimiter(get_remote_address)  # expect: FP703
'''})
C("FP703/p04_extension", {"limiter.py": '''
from slowapi.extension import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, headers_enabled=True)  # expect: FP703
'''})
C("FP703/p05_factory", {"main.py": '''
from fastapi import FastAPI
from slowapi import Limiter, _rate_limit_exceeded_handler
from slowapi.errors import RateLimitExceeded
from slowapi.util import get_remote_address


def create_app() -> FastAPI:
    app = FastAPI()
    app.state.limiter = Limiter(key_func=get_remote_address)  # expect: FP703
    app.add_exception_handler(RateLimitExceeded, _rate_limit_exceeded_handler)
    return app
'''})
C("FP703/p06_storage_none", {"limiter.py": '''
from slowapi import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, storage_uri=None)  # expect: FP703
'''})
C("FP703/p07_memory_uri", {"limiter.py": '''
from slowapi import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, storage_uri="memory://")  # expect: FP703
'''})
C("FP703/p08_multiline", {"limiter.py": '''
import slowapi
import slowapi.util

limiter = slowapi.Limiter(  # expect: FP703
    key_func=slowapi.util.get_remote_address,
    default_limits=["1000/day"],
    enabled=True,
)
'''})
C("FP703/n01_redis", {"limiter.py": '''
from slowapi import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, storage_uri="redis://redis:6379/0")
'''})
C("FP703/n02_settings_uri", {"limiter.py": '''
from slowapi import Limiter
from slowapi.util import get_remote_address

from .config import settings

limiter = Limiter(key_func=get_remote_address, storage_uri=settings.REDIS_URL)
'''})
C("FP703/n03_kwargs", {"limiter.py": '''
from slowapi import Limiter

from .config import LIMITER_KWARGS

limiter = Limiter(**LIMITER_KWARGS)
'''})
C("FP703/n04_other_limiters", {"limiter.py": '''
from aiolimiter import AsyncLimiter
from pyrate_limiter import Duration, Limiter, Rate

bucket = Limiter(Rate(5, Duration.SECOND))
throttle = AsyncLimiter(10, 1)
'''})
C("FP703/n05_fastapi_limiter", {"limiter.py": '''
from fastapi_limiter import FastAPILimiter
from fastapi_limiter.depends import RateLimiter

dep = RateLimiter(times=2, seconds=5)
'''})
C("FP703/n06_storage_env", {"limiter.py": '''
import os

from slowapi import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, storage_uri=os.environ["RATE_LIMIT_STORAGE"])
'''})

# ---------------- FP704 ----------------
C("FP704/p01_sync_client", {"cache.py": '''
import redis

r = redis.Redis(host="redis")


def purge_users() -> None:
    for key in r.keys("user:*"):  # expect: FP704
        r.delete(key)
'''})
C("FP704/p02_async_from_url", {"cache.py": '''
from redis.asyncio import Redis as AsyncRedis

client = AsyncRedis.from_url("redis://redis")


async def sessions() -> list:
    return await client.keys("session:*")  # expect: FP704
'''})
C("FP704/p03_imported_client", {
 "app/__init__.py": "",
 "app/cache.py": '''
import redis.asyncio as aioredis

redis_client = aioredis.from_url("redis://redis")
''',
 "app/api.py": '''
from fastapi import APIRouter

from app.cache import redis_client

router = APIRouter()


@router.delete("/cache")
async def clear() -> dict:
    keys = await redis_client.keys("cache:*")  # expect: FP704
    return {"n": len(keys)}
'''})
C("FP704/p04_param_annotation", {"api.py": '''
from typing import Annotated

from fastapi import APIRouter, Depends
from redis.asyncio import Redis

router = APIRouter()


async def get_redis():
    yield Redis()


@router.get("/k")
async def k(rds: Annotated[Redis, Depends(get_redis)]) -> list:
    return await rds.keys()  # expect: FP704
'''})
C("FP704/p05_self_attribute", {"repo.py": '''
from redis import Redis


class SessionStore:
    def __init__(self, url: str) -> None:
        self.redis = Redis.from_url(url)

    def all(self) -> list:
        return self.redis.keys("sess:*")  # expect: FP704
'''})
C("FP704/p06_module_function", {"cache.py": '''
import redis


def flush(pattern: str) -> None:
    conn = redis.StrictRedis.from_url("redis://x")
    conn.delete(*conn.keys(pattern))  # expect: FP704
'''})
C("FP704/p07_pipeline_client", {"cache.py": '''
from redis import asyncio as aioredis


async def count(url: str) -> int:
    r = await aioredis.from_url(url)
    return len(await r.keys("*"))  # expect: FP704
'''})
C("FP704/p08_returned_by_function", {
 "app/__init__.py": "",
 "app/redis_conn.py": '''
from redis.asyncio import Redis


def get_client() -> Redis:
    return Redis()
''',
 "app/jobs.py": '''
from app.redis_conn import get_client


async def purge() -> None:
    r = get_client()
    for k in await r.keys("job:*"):  # expect: FP704
        await r.delete(k)
'''})
C("FP704/n01_dict", {"cache.py": '''
import os

CACHE = {"a": 1}


def names(d: dict) -> list:
    return list(CACHE.keys()) + list(os.environ.keys()) + list(d.keys())
'''})
C("FP704/n02_scan", {"cache.py": '''
import redis

r = redis.Redis()


def purge() -> None:
    for key in r.scan_iter("user:*"):
        r.delete(key)
'''})
C("FP704/n03_other_store", {"cache.py": '''
from diskcache import Cache

cache = Cache("/tmp/c")


class Registry:
    def keys(self, prefix: str) -> list:
        return []

registry = Registry()
items = registry.keys("x") + list(cache.iterkeys())
'''})
C("FP704/n04_hash_keys", {"cache.py": '''
import redis

r = redis.Redis()


def fields() -> list:
    return r.hkeys("h")
'''})
C("FP704/n05_settings_mapping", {"cfg.py": '''
from typing import Mapping


def keys_of(settings: Mapping[str, str]) -> list:
    return list(settings.keys())
'''})

# ---------------- FP705 (opt-in) ----------------
S705 = "--select FP6,FP7,FP705"
C("FP705/p01_dict_cache", {"main.py": '''
from fastapi import FastAPI

app = FastAPI()
CACHE: dict[str, dict] = {}


@app.get("/items/{item_id}")
async def get_item(item_id: str) -> dict:
    if item_id not in CACHE:
        CACHE[item_id] = {"id": item_id}  # expect: FP705
    return CACHE[item_id]
'''}, S705)
C("FP705/p02_counter_router", {"routes.py": '''
from collections import defaultdict

from fastapi import APIRouter, Request

router = APIRouter()
hits = defaultdict(int)


@router.get("/ping")
async def ping(request: Request) -> dict:
    hits[request.client.host] += 1  # expect: FP705
    return {}
'''}, S705)
C("FP705/p03_list_append", {"routes.py": '''
import fastapi as fa

router = fa.APIRouter()
ITEMS: list[dict] = []


@router.post("/items")
async def create(item: dict) -> dict:
    ITEMS.append(item)  # expect: FP705
    return item
'''}, S705)
C("FP705/p04_del_pop", {"routes.py": '''
from fastapi import APIRouter

router = APIRouter()
sessions = {}


@router.post("/logout")
async def logout(token: str) -> None:
    del sessions[token]  # expect: FP705


@router.delete("/s/{token}")
async def drop(token: str) -> None:
    sessions.pop(token, None)  # expect: FP705
'''}, S705)
C("FP705/p05_factory_app", {"main.py": '''
from fastapi import FastAPI

_seen = set()
_store = dict()


def create_app() -> FastAPI:
    app = FastAPI()

    @app.put("/kv/{k}")
    async def put(k: str, v: str) -> None:
        _store.update({k: v})  # expect: FP705

    return app
'''}, S705)
C("FP705/n01_task_set", {"main.py": '''
import asyncio

from fastapi import FastAPI

app = FastAPI()
background_tasks = set()


async def work():
    pass


@app.post("/jobs")
async def job() -> None:
    task = asyncio.create_task(work())
    background_tasks.add(task)
    task.add_done_callback(background_tasks.discard)
'''}, S705)
C("FP705/n02_local", {"main.py": '''
from fastapi import FastAPI

app = FastAPI()
DEFAULTS = {"a": 1}


@app.get("/x")
async def x() -> dict:
    out = {}
    out["a"] = DEFAULTS["a"]
    return out
'''}, S705)
C("FP705/n03_startup_fill", {"main.py": '''
from contextlib import asynccontextmanager

from fastapi import FastAPI

MODELS = {}


@asynccontextmanager
async def lifespan(app: FastAPI):
    MODELS["m"] = object()
    yield
    MODELS.clear()

app = FastAPI(lifespan=lifespan)
'''}, S705)
C("FP705/n04_not_route", {"main.py": '''
REGISTRY = {}


def register(name: str):
    def deco(fn):
        REGISTRY[name] = fn
        return fn
    return deco
'''}, S705)

# ---------------- FP706 ----------------
C("FP706/p01_limiter", {"limiter.py": '''
from slowapi import Limiter
from slowapi.util import get_ipaddr

limiter = Limiter(key_func=get_ipaddr, storage_uri="redis://r")  # expect: FP706
'''})
C("FP706/p02_module_alias", {"limiter.py": '''
import slowapi
import slowapi.util as su

limiter = slowapi.Limiter(key_func=su.get_ipaddr, storage_uri="redis://r")  # expect: FP706
'''})
C("FP706/p03_name_alias_positional", {"limiter.py": '''
from slowapi import Limiter
from slowapi.util import get_ipaddr as client_ip

limiter = Limiter(client_ip, storage_uri="redis://r")  # expect: FP706
'''})
C("FP706/p04_limit_key_func", proj('''
from fastapi import APIRouter, Request
from slowapi.util import get_ipaddr

from app.limiter import limiter

router = APIRouter()


@router.get("/x")
@limiter.limit("5/minute", key_func=get_ipaddr)  # expect: FP706
async def x(request: Request) -> dict:
    return {}
'''))
C("FP706/p05_factory", {"main.py": '''
from fastapi import FastAPI
from slowapi import Limiter
from slowapi import util


def create_app() -> FastAPI:
    app = FastAPI()
    app.state.limiter = Limiter(key_func=util.get_ipaddr, storage_uri="redis://r")  # expect: FP706
    return app
'''})
C("FP706/n01_remote_address", {"limiter.py": '''
from slowapi import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, storage_uri="redis://r")
'''})
C("FP706/n02_own_get_ipaddr", {"limiter.py": '''
from slowapi import Limiter


def get_ipaddr(request) -> str:
    return request.headers.get("x-real-ip") or request.client.host

limiter = Limiter(key_func=get_ipaddr, storage_uri="redis://r")
'''})
C("FP706/n03_call_outside", {"main.py": '''
from fastapi import FastAPI, Request
from slowapi.util import get_ipaddr

app = FastAPI()


@app.get("/ip")
async def ip(request: Request) -> dict:
    return {"ip": get_ipaddr(request)}
'''})
C("FP706/n04_other_limiter", {"limiter.py": '''
from slowapi.util import get_ipaddr


class Limiter:
    def __init__(self, key_func):
        self.key_func = key_func

limiter = Limiter(key_func=get_ipaddr)
'''})

# ---------------- FP707 ----------------
C("FP707/p01_cross_module", proj('''
from fastapi import APIRouter, Request

from app.limiter import limiter

router = APIRouter()


@router.get("/items")
@limiter.limit("5/minute")  # expect: FP707
async def list_items(request: Request) -> list:
    return []
''', limiter=LIMITER_HEADERS))
C("FP707/p02_resp_named", proj('''
from fastapi import APIRouter, Request, Response

from ..limiter import limiter

router = APIRouter()


@router.get("/items")
@limiter.limit("5/minute")  # expect: FP707
async def list_items(request: Request, resp: Response) -> dict:
    return {}
''', limiter=LIMITER_HEADERS))
C("FP707/p03_same_module_alias", {"main.py": '''
import fastapi as fa
import slowapi as sa
from slowapi.util import get_remote_address

limiter = sa.Limiter(key_func=get_remote_address, storage_uri="redis://r", headers_enabled=True)
app = fa.FastAPI()


@app.post("/x")
@limiter.limit("5/minute")  # expect: FP707
async def x(request: fa.Request) -> dict:
    return {}
'''})
C("FP707/p04_module_alias_import", proj('''
from fastapi import APIRouter, Request
from pydantic import BaseModel

from app.core import limiter as rl

router = APIRouter()


class Out(BaseModel):
    ok: bool


@router.get("/y")
@rl.limiter.limit("5/minute")  # expect: FP707
async def y(request: Request) -> Out:
    return Out(ok=True)
''', limiter=LIMITER_HEADERS, where="app/core/limiter.py"))
C("FP707/p05_factory", {"main.py": '''
from fastapi import FastAPI, Request
from slowapi import Limiter
from slowapi.util import get_remote_address


def create_app() -> FastAPI:
    limiter = Limiter(key_func=get_remote_address, storage_uri="redis://r", headers_enabled=True)
    app = FastAPI()

    @app.get("/z")
    @limiter.limit("5/minute")  # expect: FP707
    async def z(request: Request) -> dict:
        return {}

    return app
'''})
C("FP707/n01_response_param", proj('''
from fastapi import APIRouter, Request, Response

from app.limiter import limiter

router = APIRouter()


@router.get("/items")
@limiter.limit("5/minute")
async def list_items(request: Request, response: Response) -> list:
    return []
''', limiter=LIMITER_HEADERS))
C("FP707/n02_returns_response", proj('''
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from app.limiter import limiter

router = APIRouter()


@router.get("/items")
@limiter.limit("5/minute")
async def list_items(request: Request) -> JSONResponse:
    return JSONResponse({"items": []})
''', limiter=LIMITER_HEADERS))
C("FP707/n03_headers_disabled", proj('''
from fastapi import APIRouter, Request

from app.limiter import limiter

router = APIRouter()


@router.get("/items")
@limiter.limit("5/minute")
async def list_items(request: Request) -> list:
    return []
'''))
C("FP707/n04_exempt", proj('''
from fastapi import APIRouter, Request

from app.limiter import limiter

router = APIRouter()


@router.get("/health")
@limiter.exempt
async def health(request: Request) -> dict:
    return {}
''', limiter=LIMITER_HEADERS))
C("FP707/n05_returns_response_unannotated", proj('''
from fastapi import APIRouter, Request
from starlette.responses import PlainTextResponse

from app.limiter import limiter

router = APIRouter()


@router.get("/t")
@limiter.limit("5/minute")
async def t(request: Request):
    return PlainTextResponse("ok")
''', limiter=LIMITER_HEADERS))
