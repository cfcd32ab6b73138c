from typing import Annotated, List, Optional

import pydantic.v1 as pv1
from fastapi import APIRouter, Depends, FastAPI
from pydantic import BaseModel
from pydantic.v1 import BaseModel as V1Model

app = FastAPI()
router = APIRouter()


class Item(V1Model):
    name: str


class Legacy(pv1.BaseModel):
    id: int


class Modern(BaseModel):
    name: str


def item_dependency(item: Item) -> str:  # error: FP318
    return item.name


def returns_item() -> Item:
    return Item(name="a")


# Errors


@app.post("/items")
def create(item: Item) -> dict:  # error: FP318
    return {}


@router.get("/items", response_model=List[Item])  # error: FP318
def list_items():
    return []


@router.get("/legacy")
async def legacy() -> Optional[Legacy]:  # error: FP318
    return None


@app.put("/named")
def named(name: str = Depends(item_dependency)) -> dict:
    return {}


@app.api_route("/raw", methods=["POST"], response_model=pv1.BaseModel)  # error: FP318
def raw(payload: "Legacy"):  # error: FP318
    return payload


# OK


@app.get("/modern", response_model=Modern)
def modern(item: Modern) -> Modern:
    return item


@app.get("/annotated")
def annotated(item: Annotated[Item, Depends(returns_item)]) -> dict:
    return {}


@app.get("/from-dep")
def from_dep(item=Depends(returns_item)) -> dict:
    return {}


@app.get("/no-response-model", response_model=None)
def explicit_none() -> Item:
    return Item(name="a")


def not_a_route(item: Item) -> Item:
    return item
