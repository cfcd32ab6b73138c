CASES = {}
def C(name, files, flags=""):
    CASES[name] = (files, flags)
C("FP701/n07_flask_limiter", {"app.py": '''
from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

app = Flask(__name__)
limiter = Limiter(get_remote_address, app=app)


@limiter.limit("5/minute")
@app.route("/login", methods=["POST"])
def login():
    return ""


@app.get("/x")
@limiter.limit("1/second")
def x():
    return ""
'''})
C("FP703/n08_disabled", {"limiter.py": '''
from slowapi import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, enabled=False)
'''})
C("FP701/n08_kwonly_request", {"app/__init__.py": "", "app/limiter.py": '''
from slowapi import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, storage_uri="redis://r", headers_enabled=True)
''', "app/api.py": '''
from fastapi import APIRouter, Request, Response

from app.limiter import limiter

router = APIRouter()


@router.get("/x")
@limiter.limit("5/minute")
async def x(q: str, *, request: Request, response: Response) -> dict:
    return {}
'''})
C("FP601/n11_litestar", {"app.py": '''
from litestar import Litestar, get


async def connect() -> None:
    pass


@get("/")
async def index() -> str:
    return "x"

app = Litestar(route_handlers=[index], on_startup=[connect], on_shutdown=[connect])
'''})
C("FP604/n12_socketio_wrap", {"main.py": '''
import socketio
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

sio = socketio.AsyncServer(async_mode="asgi")
app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
asgi = socketio.ASGIApp(sio, other_asgi_app=app)
'''})
C("FP702/n06_limit_on_dependency", {"app/__init__.py": "", "app/limiter.py": '''
from slowapi import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, storage_uri="redis://r")
''', "app/api.py": '''
from fastapi import APIRouter, Depends, Request

from app.limiter import limiter

router = APIRouter()


@limiter.limit("5/minute")
async def check(request: Request) -> None:
    pass


@router.get("/x", dependencies=[Depends(check)])
async def x(request: Request) -> dict:
    return {}
'''})
C("FP606/n07_subset_optional", {"main.py": '''
from typing import Optional

from fastapi import FastAPI
from pydantic import BaseModel


class Item(BaseModel):
    id: int

app = FastAPI()


@app.get("/i", response_model=Item)
async def get_item() -> Optional[Item]:
    return Item(id=1)
'''})
C("FP608/n11_include_router_prefix_unknown", {"app/__init__.py": "", "app/api.py": '''
from fastapi import APIRouter

router = APIRouter()


@router.get("/items")
async def items(org_id: str) -> list:
    return []
''', "app/main.py": '''
from fastapi import FastAPI

from app.api import router

app = FastAPI()
app.include_router(router, prefix="/orgs/{org_id}")
'''})
