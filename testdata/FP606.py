from __future__ import annotations

from typing import Optional, Union

import fastapi
from fastapi import APIRouter, FastAPI
from fastapi.responses import JSONResponse
from pydantic import BaseModel

app = FastAPI()
router = APIRouter()


class Item(BaseModel):
    name: str


class ItemOut(Item):
    id: int


# Errors


@app.get("/items/{name}", response_model=Item)  # error: FP606
async def read_item(name: str) -> Item:
    return Item(name=name)


@router.get(
    "/items",
    response_model=list[Item],  # error: FP606
)
async def list_items() -> list[Item]:
    return []


@router.post("/items", status_code=201, response_model=Optional[Item])  # error: FP606
def create_item(item: Item) -> Optional[Item]:
    return item


@router.get("/union", response_model=Union[Item, ItemOut], summary="union")  # error: FP606
def union() -> "Union[Item, ItemOut]":
    return Item(name="a")


# OK


@app.get("/out", response_model=Item)  # filters ItemOut down to Item: not redundant
async def read_out() -> ItemOut:
    return ItemOut(name="a", id=1)


@app.get("/json", response_model=Item)
async def as_json() -> JSONResponse:
    return JSONResponse({})


@app.get("/none", response_model=None)
async def nothing() -> None:
    return None


@app.get("/no-annotation", response_model=Item)
async def no_annotation():
    return Item(name="a")


def create_app() -> fastapi.FastAPI:
    factory_app = fastapi.FastAPI()

    class Local(BaseModel):
        x: int

    @factory_app.get("/local", response_model=Local)  # string annotation FastAPI cannot evaluate
    async def local() -> Local:
        return Local(x=1)

    return factory_app


# A project's own registry with a FastAPI-like ``get``: not a route.
class Registry:
    def get(self, path: str, response_model: object = None):
        return lambda fn: fn


registry = Registry()


@registry.get("/items", response_model=Item)
def registered() -> Item:
    return Item(name="x")
