# select: FP609
from http import HTTPStatus

import fastapi
from fastapi import APIRouter, FastAPI, HTTPException, status
from starlette.exceptions import HTTPException as StarletteHTTPException

app = FastAPI()
router = APIRouter(responses={401: {"description": "Not authenticated"}})
COMMON = {404: {"description": "Not found"}}

# Errors


@app.get("/items/{item_id}")
async def read_item(item_id: int) -> dict:
    if item_id > 10:
        raise HTTPException(status_code=404, detail="Item not found")  # error: FP609
    return {}


@router.post("/items", responses={409: {"description": "Exists"}})
async def create_item(name: str) -> dict:
    if name == "a":
        raise HTTPException(status.HTTP_409_CONFLICT)
    if name == "b":
        raise fastapi.HTTPException(status_code=status.HTTP_403_FORBIDDEN)  # error: FP609
    if name == "c":
        raise StarletteHTTPException(status_code=HTTPStatus.GONE)  # error: FP609
    raise HTTPException(status_code=401)


@app.get("/common", responses={**COMMON})
async def common() -> dict:
    raise HTTPException(status_code=400)  # error: FP609


# OK


@app.get("/documented", responses={404: {"description": "Not found"}, "400": {"description": "Bad"}})
async def documented(q: str) -> dict:
    if q == "x":
        raise HTTPException(status_code=400)
    if q == "y":
        raise HTTPException(status_code=422)
    raise HTTPException(status_code=404)


@app.get("/shared", responses=COMMON)
async def shared() -> dict:
    raise HTTPException(status_code=404)


@app.get("/unknown", responses=make_responses())
async def unknown() -> dict:
    raise HTTPException(status_code=500)


@app.get("/default", responses={"default": {"description": "Error"}})
async def default() -> dict:
    raise HTTPException(status_code=500)


@app.get("/helper")
async def helper_raise() -> dict:
    def check():
        raise HTTPException(status_code=404)

    check()
    return {}


def not_a_route():
    raise HTTPException(status_code=404)
