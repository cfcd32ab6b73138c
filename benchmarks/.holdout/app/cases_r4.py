CASES = {}
def C(name, files, flags=""):
    CASES[name] = (files, flags)
S609 = "--select FP6,FP7,FP609"
C("FP609/p06_starlette_status", {"routes.py": '''
from fastapi import APIRouter, HTTPException
from starlette import status

router = APIRouter()


@router.get("/x/{i}")
async def x(i: int) -> dict:
    try:
        return {}
    except KeyError:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="gone")  # expect: FP609
'''}, S609)
C("FP609/p07_other_module_router", {"app/__init__.py": "", "app/routers/__init__.py": '''
from fastapi import APIRouter

router = APIRouter()
''', "app/routers/items.py": '''
from fastapi import HTTPException

from app.routers import router


@router.put("/items/{i}", responses={404: {"description": "missing"}})
async def put(i: int) -> dict:
    if i < 0:
        raise HTTPException(409, "negative")  # expect: FP609
    raise HTTPException(404)
'''}, S609)
C("FP609/n06_responses_constant", {"routes.py": '''
from fastapi import APIRouter, HTTPException

COMMON = {404: {"description": "missing"}, 403: {"description": "forbidden"}}
router = APIRouter()


@router.get("/x", responses=COMMON)
async def x() -> dict:
    raise HTTPException(status_code=404)
'''}, S609)
C("FP609/n07_responses_unpacked_unknown", {"routes.py": '''
from fastapi import APIRouter, HTTPException

from .docs import ERRORS

router = APIRouter()


@router.get("/x", responses={**ERRORS, 400: {"description": "bad"}})
async def x() -> dict:
    raise HTTPException(status_code=404)
'''}, S609)
C("FP610/p06_router_route", {"routes.py": '''
from fastapi import APIRouter

router = APIRouter()


@router.route("/legacy", methods=["GET"])  # expect: FP610
async def legacy(request):
    return None
'''}, "--select FP6,FP7,FP610")
S705 = "--select FP6,FP7,FP705"
C("FP705/p06_setdefault_router_module", {"app/__init__.py": "", "app/routers/__init__.py": "", "app/routers/rooms.py": '''
from fastapi import APIRouter, WebSocket

router = APIRouter()
rooms: dict[str, list] = {}


@router.websocket("/rooms/{room}")
async def join(websocket: WebSocket, room: str) -> None:
    rooms.setdefault(room, []).append(websocket)  # expect: FP705
'''}, S705)
C("FP705/n05_constant_read", {"main.py": '''
from fastapi import FastAPI

app = FastAPI()
LIMITS = {"free": 10}


@app.get("/limit/{plan}")
async def limit(plan: str) -> int:
    return LIMITS.get(plan, 0)
'''}, S705)
C("FP602/p07_range_lower_bound", {"pyproject.toml": '''
[project]
name = "svc"
version = "0.1"
dependencies = ["fastapi>=0.100,<0.113"]
''', "routes.py": '''
from fastapi import APIRouter


async def ls(app):
    yield

router = APIRouter(lifespan=ls)  # expect: FP602
'''})
C("FP704/p09_keyword_pattern", {"cache.py": '''
from redis.asyncio import Redis

redis = Redis.from_url("redis://r")


async def purge(user: str) -> None:
    for key in await redis.keys(pattern=f"user:{user}:*"):  # expect: FP704
        await redis.delete(key)
'''})
C("FP704/n06_unknown_state", {"api.py": '''
from fastapi import APIRouter, Request

router = APIRouter()


@router.get("/k")
async def k(request: Request) -> list:
    return list(request.app.state.settings.keys())
'''})
C("FP605/n07_delete_204_no_body", {"routes.py": '''
from fastapi import APIRouter

router = APIRouter()


@router.delete("/items/{i}", status_code=204)
async def delete(i: int):
    return None
'''}, "--select FP6,FP7,FP605")
C("FP605/n06_response_class", {"routes.py": '''
from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter()


@router.get("/page", response_class=HTMLResponse)
async def page() -> HTMLResponse:
    return HTMLResponse("<p>")
'''}, "--select FP6,FP7,FP605")
