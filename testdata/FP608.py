from dataclasses import dataclass
from typing import Annotated

import fastapi
from elsewhere import get_user
from fastapi import APIRouter, Depends, FastAPI, Path, Request
from pydantic import BaseModel

app = FastAPI()
router = APIRouter()

# Errors


@app.get("/items/{item_id}")  # error: FP608
async def read_item(id: int):
    return {"id": id}


@router.get("/{address_id}/{user_id}")  # error: FP608
def get_address(
    address_id: int,
    current_user: str = Depends(get_user),
):
    return {}


@router.delete("/orgs/{org_id}/members/{member_id}")  # error: FP608, FP608
async def remove_member(db: str = Depends(lambda: "db")):
    return None


@app.get("/files/{file_path:path}")  # error: FP608
async def read_file(path: str):
    return path


@router.api_route(
    "/reports/{report_id}",  # error: FP608
    methods=["GET"],
)
async def report(q: str = ""):
    return {}


@app.get("/dashed/{item-id}")  # error: FP608
async def dashed():
    return {}


# OK


def foo(thing_id: str):
    return thing_id


@app.get("/things/{thing_id}")
async def read_thing(other: Annotated[str, Depends(foo)]):  # ruff#13657
    return other


class MyParams(BaseModel):
    my_id: int


@router.get("/params/{my_id}")
async def get_id(params: Annotated[MyParams, Depends()]):  # ruff#17226
    return {"my_id": params.my_id}


class Query:
    def __call__(self, id: str):
        pass


@app.get("/callable/{id}")
async def callable_class(thing: Annotated[str, Depends(Query)]):  # ruff#23526
    pass


class Checker:
    def __init__(self, role: str):
        self.role = role

    def __call__(self, tenant_id: str):
        return tenant_id


@app.get("/tenants/{tenant_id}")
async def tenant(ok: Annotated[str, Depends(Checker("admin"))]):
    return ok


async def find_item(item_id: int):
    return item_id


FindItem = Depends(find_item)


@app.get("/pre-assigned/{item_id}")
async def pre_assigned(item: Annotated[int, FindItem]):
    return item


@app.get("/pre-assigned-default/{item_id}")
async def pre_assigned_default(item: int = FindItem):
    return item


@app.get("/alias/{item-id}")
async def alias(item_id: Annotated[int, Path(alias="item-id")]):
    return item_id


@dataclass
class Page:
    page_id: int


@app.get("/pages/{page_id}")
async def page(p: Page = Depends()):
    return p


async def check_org(org_id: str):
    return org_id


@app.get("/orgs/{org_id}/stats", dependencies=[Depends(check_org)])
async def stats():
    return {}


@app.get("/raw/{anything}")
async def raw(request: Request):
    return request.path_params["anything"]


@app.get("/kwargs/{key}")
async def kwargs(**extra):
    return extra


# read_item reads "id", not "item_id".
@app.get("/nested/{item_id}")  # error: FP608
async def nested(item: int = fastapi.Depends(read_item)):
    return item


def make_dependency():
    return lambda **kwargs: kwargs


@app.get("/unknown/{item_id}")
async def unknown(item=Depends(make_dependency())):
    return item


@app.get("/sub/{sub_id}")
async def sub(x: Annotated[str, Depends(foo)], sub_id: int):
    return x


# The call form: the path is read against the endpoint's signature.
async def get_thing(thing: str):
    return thing


app.add_api_route("/things/{thing_id}", get_thing, methods=["GET"])  # error: FP608
router.add_api_route(path="/owned/{owner_id}/{thing}", endpoint=get_thing)  # error: FP608
app.add_api_route("/things/{thing}", get_thing)
app.add_api_route("/plain", get_thing)
guarded = APIRouter(dependencies=[Depends(get_user)])
guarded.add_api_route("/guarded/{user_id}", get_thing)
app.add_api_route("/via/{item_id}", endpoint=nested)  # error: FP608


# A literal router prefix adds its parameters to every route of the router.
users = APIRouter(prefix="/users/{user_id}", tags=["users"])


@users.get("/items")  # error: FP608
async def user_items():
    return []


@users.get("/orders/{order_id}")
async def user_order(user_id: int, order_id: int):
    return order_id
