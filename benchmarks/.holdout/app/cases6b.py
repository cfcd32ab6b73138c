CASES = {}
def C(name, files, flags=""):
    CASES[name] = (files, flags)

SCHEMAS = '''
from pydantic import BaseModel


class Item(BaseModel):
    id: int
    name: str


class ItemOut(BaseModel):
    id: int
'''
# ---------------- FP606 ----------------
C("FP606/p01_basic", {"main.py": '''
from fastapi import FastAPI
from pydantic import BaseModel


class Item(BaseModel):
    id: int

app = FastAPI()


@app.get("/items/{item_id}", response_model=Item)  # expect: FP606
async def get_item(item_id: int) -> Item:
    return Item(id=item_id)
'''})
C("FP606/p02_router_schemas_module", {
 "app/__init__.py": "", "app/schemas.py": SCHEMAS, "app/routers/__init__.py": "",
 "app/routers/items.py": '''
from fastapi import APIRouter

from app.schemas import Item

router = APIRouter(prefix="/items")


@router.get("/", response_model=list[Item])  # expect: FP606
async def list_items() -> list[Item]:
    return []
'''})
C("FP606/p03_alias_module", {
 "app/__init__.py": "", "app/schemas.py": SCHEMAS,
 "app/api.py": '''
import fastapi as fa

from app import schemas

router = fa.APIRouter()


@router.post("/items", response_model=schemas.Item, status_code=201)  # expect: FP606
async def create(item: schemas.Item) -> schemas.Item:
    return item
'''})
C("FP606/p04_factory", {"main.py": '''
from fastapi import FastAPI
from pydantic import BaseModel


class Health(BaseModel):
    ok: bool


def create_app() -> FastAPI:
    app = FastAPI()

    @app.get("/health", response_model=Health)  # expect: FP606
    def health() -> Health:
        return Health(ok=True)

    return app
'''})
C("FP606/p05_stacked_limiter", {"main.py": '''
from fastapi import APIRouter, Request
from pydantic import BaseModel
from slowapi import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, storage_uri="redis://r")
router = APIRouter()


class Out(BaseModel):
    q: str


@router.get("/s", response_model=Out)  # expect: FP606
@limiter.limit("5/minute")
async def search(request: Request, q: str) -> Out:
    return Out(q=q)
'''})
C("FP606/p06_optional", {"main.py": '''
from typing import Optional

from fastapi import APIRouter
from pydantic import BaseModel


class User(BaseModel):
    id: int

router = APIRouter()


@router.get("/me", response_model=Optional[User])  # expect: FP606
async def me() -> Optional[User]:
    return None
'''})
C("FP606/p07_alias_class", {"main.py": '''
from fastapi import APIRouter as Router
from pydantic import BaseModel


class Token(BaseModel):
    access_token: str

auth = Router()


@auth.post(path="/token", response_model=Token)  # expect: FP606
async def login() -> Token:
    return Token(access_token="x")
'''})
C("FP606/p08_put_dict", {"main.py": '''
from fastapi import FastAPI

app = FastAPI()


@app.put("/cfg", response_model=dict[str, str])  # expect: FP606
def put_cfg(cfg: dict[str, str]) -> dict[str, str]:
    return cfg
'''})
C("FP606/n01_filtering_model", {
 "app/__init__.py": "", "app/schemas.py": SCHEMAS,
 "app/api.py": '''
from fastapi import APIRouter

from app.schemas import Item, ItemOut

router = APIRouter()


@router.get("/items/{item_id}", response_model=ItemOut)
async def get_item(item_id: int) -> Item:
    return Item(id=item_id, name="x")
'''})
C("FP606/n02_response_annotation", {"main.py": '''
from fastapi import FastAPI, Response
from pydantic import BaseModel


class Item(BaseModel):
    id: int

app = FastAPI()


@app.get("/items", response_model=Item)
async def get_item() -> Response:
    return Response(b"{}")
'''})
C("FP606/n03_only_annotation", {"main.py": '''
from fastapi import FastAPI
from pydantic import BaseModel


class Item(BaseModel):
    id: int

app = FastAPI()


@app.get("/items")
async def get_item() -> Item:
    return Item(id=1)
'''})
C("FP606/n04_non_fastapi", {"main.py": '''
class Api:
    def get(self, path, response_model=None):
        return lambda fn: fn

api = Api()


class Item:
    pass


@api.get("/items", response_model=Item)
def get_item() -> Item:
    return Item()
'''})
C("FP606/n05_response_model_none", {"main.py": '''
from fastapi import FastAPI

app = FastAPI()


@app.get("/raw", response_model=None)
async def raw() -> dict:
    return {}
'''})
C("FP606/n06_same_name_other_module", {
 "app/__init__.py": "", "app/schemas.py": SCHEMAS,
 "app/public.py": '''
from pydantic import BaseModel


class Item(BaseModel):
    id: int
''',
 "app/api.py": '''
from fastapi import APIRouter

from app import public, schemas

router = APIRouter()


@router.get("/i", response_model=public.Item)
async def get_item() -> schemas.Item:
    return schemas.Item(id=1, name="x")
'''})

# ---------------- FP607 (opt-in) ----------------
S607 = "--select FP6,FP7,FP607"
C("FP607/p01_depends", {"main.py": '''
from fastapi import Depends, FastAPI

app = FastAPI()


def get_db():
    yield object()


@app.get("/items")
async def items(db: object = Depends(get_db)) -> list:  # expect: FP607
    return []
'''}, S607)
C("FP607/p02_query_empty_default", {"main.py": '''
from fastapi import APIRouter, Query

router = APIRouter()


@router.get("/search")
async def search(q: str = Query(""), limit: int = Query(10, le=100)) -> dict:  # expect: FP607
    return {"q": q, "limit": limit}
'''}, S607)
C("FP607/p03_alias_module", {"main.py": '''
import fastapi as fa

router = fa.APIRouter()


def current_user():
    return "u"


@router.get("/me")
async def me(user: str = fa.Depends(current_user)) -> str:  # expect: FP607
    return user
'''}, S607)
C("FP607/p04_deps_other_module", {
 "app/__init__.py": "",
 "app/deps.py": '''
async def get_session():
    yield object()
''',
 "app/routers/__init__.py": "",
 "app/routers/items.py": '''
from fastapi import APIRouter, Depends, Path

from app.deps import get_session

router = APIRouter()


@router.get("/items/{item_id}")
async def get_item(
    item_id: int = Path(..., ge=1),  # expect: FP607
    session: object = Depends(get_session),  # expect: FP607
) -> dict:
    return {}
'''}, S607)
C("FP607/p05_header_security", {"main.py": '''
from fastapi import FastAPI, Header, Security
from fastapi.security import OAuth2PasswordBearer

oauth2 = OAuth2PasswordBearer(tokenUrl="token")
app = FastAPI()


@app.get("/x")
async def x(
    token: str = Security(oauth2),  # expect: FP607
    x_request_id: str | None = Header(None),  # expect: FP607
) -> dict:
    return {}
'''}, S607)
C("FP607/p06_class_dependency", {"main.py": '''
from fastapi import Depends, FastAPI


class Pagination:
    def __init__(self, page: int = 1, size: int = 50) -> None:
        self.page, self.size = page, size


class RateGuard:
    def __call__(self) -> bool:
        return True

guard = RateGuard()
app = FastAPI()


@app.get("/items")
async def items(
    p: Pagination = Depends(Pagination),  # expect: FP607
    ok: bool = Depends(guard),  # expect: FP607
) -> list:
    return []
'''}, S607)
C("FP607/p07_dependency_function", {"main.py": '''
from fastapi import Depends, FastAPI, Query

app = FastAPI()


def pagination(page: int = Query(1)) -> int:
    return page


@app.get("/items")
async def items(page: int = Depends(pagination)) -> list:  # expect: FP607
    return []
'''}, S607)
C("FP607/p08_body_form", {"main.py": '''
from fastapi import Body, FastAPI, Form

from fastapi import params

app = FastAPI()


@app.post("/login")
async def login(username: str = Form(...), remember: bool = Body(False, embed=True)) -> dict:  # expect: FP607
    return {}
'''}, S607)
C("FP607/p09_factory_stacked", {"main.py": '''
from fastapi import Depends, FastAPI, Request
from slowapi import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, storage_uri="redis://r")


def get_user():
    return "u"


def create_app() -> FastAPI:
    app = FastAPI()

    @limiter.limit("5/minute")  # expect: FP702
    @app.get("/me")
    async def me(request: Request, user: str = Depends(get_user)) -> str:  # expect: FP607
        return user

    return app
'''}, S607)
C("FP607/n01_annotated", {"main.py": '''
from typing import Annotated

from fastapi import Depends, FastAPI, Query

app = FastAPI()


def get_db():
    yield object()


@app.get("/items")
async def items(db: Annotated[object, Depends(get_db)], q: Annotated[str, Query()] = "") -> list:
    return []
'''}, S607)
C("FP607/n02_alias_other_module", {
 "app/__init__.py": "",
 "app/deps.py": '''
from typing import Annotated

from fastapi import Depends


async def get_session():
    yield object()

SessionDep = Annotated[object, Depends(get_session)]
''',
 "app/api.py": '''
from fastapi import APIRouter

from app.deps import SessionDep

router = APIRouter()


@router.get("/items")
async def items(session: SessionDep) -> list:
    return []
'''}, S607)
C("FP607/n03_decorator_dependencies", {"main.py": '''
from fastapi import Depends, FastAPI


def verify():
    pass

app = FastAPI(dependencies=[Depends(verify)])


@app.get("/items", dependencies=[Depends(verify)])
async def items() -> list:
    return []
'''}, S607)
C("FP607/n04_not_a_route", {"main.py": '''
from fastapi import Depends


class Settings:
    pass


def helper(x: int = 1, marker=None) -> int:
    return x

DEFAULT = Depends(helper)
'''}, S607)
C("FP607/n05_typer", {"cli.py": '''
import typer

app = typer.Typer()


@app.command()
def run(name: str = typer.Option("x")) -> None:
    pass
'''}, S607)

# ---------------- FP608 ----------------
C("FP608/p01_basic", {"main.py": '''
from fastapi import FastAPI

app = FastAPI()


@app.get("/items/{item_id}")  # expect: FP608
async def get_item(id: int) -> dict:
    return {}
'''})
C("FP608/p02_router_alias", {"routes.py": '''
import fastapi as fa

router = fa.APIRouter()


@router.delete("/users/{user_id}/keys/{key_id}")  # expect: FP608
async def delete_key(user_id: int) -> None:
    pass
'''})
C("FP608/p03_converter", {"routes.py": '''
from fastapi import APIRouter as R

files = R()


@files.get("/files/{file_path:path}")  # expect: FP608
async def read_file(path: str) -> dict:
    return {}
'''})
C("FP608/p04_factory_stacked", {"main.py": '''
from fastapi import FastAPI, Request
from slowapi import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, storage_uri="redis://r")


def create_app() -> FastAPI:
    app = FastAPI()

    @app.get("/orders/{order_id}")  # expect: FP608
    @limiter.limit("10/minute")
    async def order(request: Request) -> dict:
        return {}

    return app
'''})
C("FP608/p05_dependency_not_consuming", {
 "app/__init__.py": "",
 "app/deps.py": '''
def get_db():
    yield object()
''',
 "app/api.py": '''
from typing import Annotated

from fastapi import APIRouter, Depends

from app.deps import get_db

router = APIRouter()


@router.get("/items/{item_id}")  # expect: FP608
async def get_item(db: Annotated[object, Depends(get_db)]) -> dict:
    return {}
'''})
C("FP608/p06_other_module_router", {
 "app/__init__.py": "",
 "app/routers/__init__.py": '''
from fastapi import APIRouter

router = APIRouter()
''',
 "app/routers/orgs.py": '''
from app.routers import router


@router.patch("/orgs/{org_id}")  # expect: FP608
async def update_org(slug: str) -> dict:
    return {}
'''})
C("FP608/p07_add_api_route", {"main.py": '''
from fastapi import FastAPI


async def get_thing() -> dict:
    return {}

app = FastAPI()
app.add_api_route("/things/{thing_id}", get_thing, methods=["GET"])  # expect: FP608
'''})
C("FP608/p08_path_keyword", {"main.py": '''
from fastapi import APIRouter

router = APIRouter()


@router.put(path="/items/{item_id}", status_code=204)  # expect: FP608
def put_item(itemid: int) -> None:
    pass
'''})
C("FP608/n01_consumed_by_dependency_alias", {
 "app/__init__.py": "",
 "app/deps.py": '''
from typing import Annotated

from fastapi import Depends


async def get_item(item_id: int) -> dict:
    return {"id": item_id}

ItemDep = Annotated[dict, Depends(get_item)]
''',
 "app/api.py": '''
from fastapi import APIRouter

from app.deps import ItemDep

router = APIRouter()


@router.get("/items/{item_id}")
async def read_item(item: ItemDep) -> dict:
    return item
'''})
C("FP608/n02_class_dependency_call", {"main.py": '''
from fastapi import Depends, FastAPI


class ItemLoader:
    def __call__(self, item_id: int) -> dict:
        return {"id": item_id}

load_item = ItemLoader()
app = FastAPI()


@app.get("/items/{item_id}")
async def read_item(item: dict = Depends(load_item)) -> dict:
    return item
'''})
C("FP608/n03_class_dependency_init", {"main.py": '''
from typing import Annotated

from fastapi import Depends, FastAPI


class ItemQuery:
    def __init__(self, item_id: int, verbose: bool = False) -> None:
        self.item_id = item_id

app = FastAPI()


@app.get("/items/{item_id}")
async def read_item(q: Annotated[ItemQuery, Depends()]) -> dict:
    return {}
'''})
C("FP608/n04_preassigned_depends", {"main.py": '''
from fastapi import Depends, FastAPI


def get_user(user_id: int) -> dict:
    return {}

user_dep = Depends(get_user)
app = FastAPI()


@app.get("/users/{user_id}")
async def read_user(user: dict = user_dep) -> dict:
    return user
'''})
C("FP608/n05_converter_present", {"main.py": '''
from fastapi import FastAPI

app = FastAPI()


@app.get("/files/{file_path:path}")
async def read_file(file_path: str) -> dict:
    return {}
'''})
C("FP608/n06_kwargs_and_request", {"main.py": '''
from fastapi import FastAPI, Request

app = FastAPI()


@app.get("/proxy/{rest}")
async def proxy(request: Request, **kwargs) -> dict:
    return {}
'''})
C("FP608/n07_alias_path", {"main.py": '''
from typing import Annotated

from fastapi import FastAPI, Path

app = FastAPI()


@app.get("/items/{item-id}")
async def read_item(item_id: Annotated[int, Path(alias="item-id")]) -> dict:
    return {}
'''})
C("FP608/n08_dependency_other_module_function", {
 "app/__init__.py": "",
 "app/deps.py": '''
from fastapi import Depends


async def get_project(project_id: str) -> dict:
    return {}


async def get_member(user_id: int, project: dict = Depends(get_project)) -> dict:
    return {}
''',
 "app/api.py": '''
from fastapi import APIRouter, Depends

from app import deps

router = APIRouter()


@router.get("/projects/{project_id}/members/{user_id}")
async def member(m: dict = Depends(deps.get_member)) -> dict:
    return m
'''})
C("FP608/n09_router_level_dependency", {"main.py": '''
from fastapi import APIRouter, Depends


def check_tenant(tenant_id: str) -> None:
    pass

router = APIRouter(prefix="/tenants/{tenant_id}", dependencies=[Depends(check_tenant)])


@router.get("/items/{item_id}", dependencies=[Depends(check_tenant)])
async def items(item_id: int) -> list:
    return []
'''})

# ---------------- FP609 (opt-in) ----------------
S609 = "--select FP6,FP7,FP609"
C("FP609/p01_basic", {"main.py": '''
from fastapi import FastAPI, HTTPException

app = FastAPI()


@app.get("/items/{item_id}")
async def get_item(item_id: int) -> dict:
    if item_id > 10:
        raise HTTPException(status_code=404, detail="not found")  # expect: FP609
    return {}
'''}, S609)
C("FP609/p02_status_constant", {"main.py": '''
from fastapi import APIRouter, HTTPException, status

router = APIRouter()


@router.post("/items", responses={400: {"description": "bad"}})
async def create() -> dict:
    raise HTTPException(status.HTTP_409_CONFLICT, "exists")  # expect: FP609
'''}, S609)
C("FP609/p03_alias", {"routes.py": '''
import fastapi as fa

router = fa.APIRouter()


@router.delete("/users/{uid}")
async def delete(uid: int) -> None:
    raise fa.HTTPException(status_code=fa.status.HTTP_403_FORBIDDEN)  # expect: FP609
'''}, S609)
C("FP609/p04_starlette", {"routes.py": '''
from fastapi import APIRouter
from starlette.exceptions import HTTPException as StarletteHTTPException

router = APIRouter()


@router.get("/x")
def x() -> dict:
    raise StarletteHTTPException(status_code=410)  # expect: FP609
'''}, S609)
C("FP609/p05_factory_stacked", {"main.py": '''
from fastapi import FastAPI, HTTPException, Request
from slowapi import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, storage_uri="redis://r")


def create_app() -> FastAPI:
    app = FastAPI()

    @app.get("/me")
    @limiter.limit("5/minute")
    async def me(request: Request) -> dict:
        raise HTTPException(status_code=401, headers={"WWW-Authenticate": "Bearer"})  # expect: FP609

    return app
'''}, S609)
C("FP609/n01_declared", {"main.py": '''
from fastapi import FastAPI, HTTPException, status

app = FastAPI()


@app.get("/items/{item_id}", responses={status.HTTP_404_NOT_FOUND: {"description": "missing"}})
async def get_item(item_id: int) -> dict:
    raise HTTPException(status_code=404)
'''}, S609)
C("FP609/n02_router_responses", {"main.py": '''
from fastapi import APIRouter, HTTPException

router = APIRouter(responses={404: {"description": "Not found"}})


@router.get("/items/{item_id}")
async def get_item(item_id: int) -> dict:
    raise HTTPException(status_code=404)
'''}, S609)
C("FP609/n03_helper_raise", {"main.py": '''
from fastapi import FastAPI, HTTPException

app = FastAPI()


def not_found() -> None:
    raise HTTPException(status_code=404)


@app.get("/items")
async def items() -> dict:
    not_found()
    return {}
'''}, S609)
C("FP609/n04_unknown_code", {"main.py": '''
from fastapi import FastAPI, HTTPException

app = FastAPI()


@app.get("/items")
async def items(code: int) -> dict:
    raise HTTPException(status_code=code)
'''}, S609)
C("FP609/n05_default_response", {"main.py": '''
from fastapi import FastAPI, HTTPException

app = FastAPI()


@app.get("/items", responses={"4XX": {"description": "client error"}})
async def items() -> dict:
    raise HTTPException(status_code=400)
'''}, S609)

# ---------------- FP610 (opt-in; on where starlette lacks route) ----------------
S610 = "--select FP6,FP7,FP610"
C("FP610/p01_route_decorator", {"main.py": '''
from fastapi import FastAPI
from starlette.responses import JSONResponse

app = FastAPI()


@app.route("/legacy")  # expect: FP610
async def legacy(request) -> JSONResponse:
    return JSONResponse({})
'''}, S610)
C("FP610/p02_add_route_alias", {"main.py": '''
import fastapi as fa
from starlette.responses import PlainTextResponse


async def metrics(request) -> PlainTextResponse:
    return PlainTextResponse("")

app = fa.FastAPI()
app.add_route("/metrics", metrics)  # expect: FP610
'''}, S610)
C("FP610/p03_router_add_route", {"routes.py": '''
from fastapi import APIRouter


async def legacy(request):
    return None

router = APIRouter()
router.add_route("/legacy", legacy, methods=["GET"])  # expect: FP610
'''}, S610)
C("FP610/p04_factory", {"main.py": '''
from fastapi import FastAPI as App


def create_app() -> App:
    app = App()

    @app.route("/hook", methods=["POST"])  # expect: FP610
    async def hook(request):
        return None

    return app
'''}, S610)
C("FP610/p05_default_on_new_starlette", {"main.py": '''
from fastapi import FastAPI

app = FastAPI()


@app.route("/legacy")  # expect: FP610
async def legacy(request):
    return None
'''}, "--starlette-target-version 1.0")
C("FP610/n01_method_decorator", {"main.py": '''
from fastapi import FastAPI

app = FastAPI()


@app.get("/x")
async def x() -> dict:
    return {}

app.add_api_route("/y", x, methods=["GET"])
'''}, S610)
C("FP610/n02_flask", {"main.py": '''
from flask import Blueprint, Flask

app = Flask(__name__)
bp = Blueprint("a", __name__)


@app.route("/x")
def x():
    return ""


@bp.route("/y")
def y():
    return ""
'''}, S610)
C("FP610/n03_mount_websocket", {"main.py": '''
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

app = FastAPI()
app.mount("/static", StaticFiles(directory="static"))


async def ws(websocket):
    pass

app.add_websocket_route("/ws", ws)
'''}, S610)
C("FP610/n04_old_starlette_default", {"main.py": '''
from fastapi import FastAPI

app = FastAPI()


@app.route("/legacy")
async def legacy(request):
    return None
'''}, "--starlette-target-version 0.46")
