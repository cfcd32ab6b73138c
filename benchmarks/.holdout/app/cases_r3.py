CASES = {}
def C(name, files, flags=""):
    CASES[name] = (files, flags)
LIMITER = '''
from slowapi import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, storage_uri="redis://redis:6379/0")
'''
LIMITER_HEADERS = LIMITER.replace('storage_uri="redis://redis:6379/0"', 'storage_uri="redis://redis:6379/0", headers_enabled=True')
MAIN = '''
from fastapi import FastAPI

app = FastAPI()
'''
C("FP601/p21_app_imported_from_main", {"svc/__init__.py": "", "svc/main.py": MAIN, "svc/events.py": '''
from svc.main import app


@app.on_event("startup")  # expect: FP601
async def go() -> None:
    pass
'''})
C("FP601/p22_untyped_param", {"svc/__init__.py": "", "svc/events.py": '''
def register(app) -> None:
    @app.on_event("startup")  # expect: FP601
    async def go() -> None:
        pass
''', "svc/main.py": '''
from fastapi import FastAPI

from svc.events import register

app = FastAPI()
register(app)
'''})
C("FP601/p23_handler_list_variable", {"main.py": '''
from fastapi import FastAPI


async def a() -> None:
    pass

startup_handlers = [a]
app = FastAPI(on_startup=startup_handlers)  # expect: FP601
'''})
C("FP604/p17_app_imported", {"svc/__init__.py": "", "svc/main.py": MAIN, "svc/middleware.py": '''
from fastapi.middleware.cors import CORSMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

from svc.main import app

app.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])  # expect: FP604
app.add_middleware(TrustedHostMiddleware, allowed_hosts=["a.example"])
'''})
C("FP606/p09_two_spellings_same_class", {"app/__init__.py": "", "app/schemas.py": '''
from pydantic import BaseModel


class Item(BaseModel):
    id: int
''', "app/api.py": '''
from fastapi import APIRouter

from app import schemas
from app.schemas import Item

router = APIRouter()


@router.get("/i", response_model=schemas.Item)  # expect: FP606
async def get_item() -> Item:
    return Item(id=1)
'''})
C("FP607/p10_depends_empty_class", {"main.py": '''
from fastapi import Depends, FastAPI


class Pagination:
    def __init__(self, page: int = 1) -> None:
        self.page = page

app = FastAPI()


@app.get("/items")
async def items(p: Pagination = Depends()) -> list:  # expect: FP607
    return []
'''}, "--select FP6,FP7,FP607")
C("FP607/p11_optional_query_none", {"main.py": '''
from typing import Optional

import fastapi

router = fastapi.APIRouter()


@router.get("/items")
async def items(q: Optional[str] = fastapi.Query(None, max_length=50)) -> list:  # expect: FP607
    return []
'''}, "--select FP6,FP7,FP607")
C("FP608/p09_router_prefix", {"main.py": '''
from fastapi import APIRouter

router = APIRouter(prefix="/users/{user_id}")


@router.get("/items")  # expect: FP608
async def items() -> list:
    return []
'''})
C("FP608/n10_router_prefix_consumed", {"main.py": '''
from fastapi import APIRouter

router = APIRouter(prefix="/users/{user_id}")


@router.get("/items")
async def items(user_id: int) -> list:
    return []
'''})
C("FP701/p11_websocket_named_ws", {"app/__init__.py": "", "app/limiter.py": LIMITER, "app/ws.py": '''
from fastapi import APIRouter, WebSocket

from app.limiter import limiter

router = APIRouter()


@router.websocket("/ws")
@limiter.limit("5/minute")  # expect: FP701
async def ws(ws: WebSocket) -> None:
    await ws.accept()
'''})
C("FP702/p09_app_imported", {"svc/__init__.py": "", "svc/main.py": MAIN, "svc/limiter.py": LIMITER, "svc/routes.py": '''
from fastapi import Request

from svc.limiter import limiter
from svc.main import app


@limiter.limit("5/minute")  # expect: FP702
@app.get("/x")
async def x(request: Request) -> dict:
    return {}
'''})
C("FP707/p07_response_class_html", {"app/__init__.py": "", "app/limiter.py": LIMITER_HEADERS, "app/pages.py": '''
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.limiter import limiter

router = APIRouter()


@router.get("/page", response_class=HTMLResponse)
@limiter.limit("5/minute")  # expect: FP707
async def page(request: Request) -> str:
    return "<html></html>"
'''})
C("FP707/n07_template_response", {"app/__init__.py": "", "app/limiter.py": LIMITER_HEADERS, "app/pages.py": '''
from fastapi import APIRouter, Request
from fastapi.templating import Jinja2Templates

from app.limiter import limiter

templates = Jinja2Templates(directory="t")
router = APIRouter()


@router.get("/page")
@limiter.limit("5/minute")
async def page(request: Request):
    return templates.TemplateResponse(request, "page.html", {})
'''})
C("FP707/n08_redirect", {"app/__init__.py": "", "app/limiter.py": LIMITER_HEADERS, "app/pages.py": '''
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from app.limiter import limiter

router = APIRouter()


@router.get("/go")
@limiter.limit("5/minute")
async def go(request: Request):
    if request.query_params.get("x"):
        return RedirectResponse("/a")
    return RedirectResponse("/b")
'''})
C("FP707/p08_state_limiter", {"app/__init__.py": "", "app/main.py": '''
from fastapi import FastAPI, Request
from slowapi import Limiter
from slowapi.util import get_remote_address

app = FastAPI()
app.state.limiter = Limiter(key_func=get_remote_address, storage_uri="redis://r", headers_enabled=True)
limiter = app.state.limiter


@app.get("/x")
@limiter.limit("5/minute")  # expect: FP707
async def x(request: Request) -> dict:
    return {}
'''})
