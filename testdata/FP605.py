# select: FP605
from fastapi import APIRouter, FastAPI, status
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from pydantic import BaseModel

app = FastAPI()
router = APIRouter()


class UserOut(BaseModel):
    id: int


# Errors


@app.get("/users/{user_id}")
async def read_user(user_id: int):  # error: FP605
    return {"id": user_id, "password_hash": "..."}


@router.post("/users", status_code=201)
def create_user(name: str):  # error: FP605
    user = {"name": name}
    return user


@router.get("/json", response_class=JSONResponse)
async def json_class():  # error: FP605
    return {"a": 1}


# OK


@app.get("/annotated")
async def annotated() -> UserOut:
    return UserOut(id=1)


@app.get("/model", response_model=UserOut)
async def model():
    return {"id": 1}


@app.get("/explicit-none", response_model=None)
async def explicit_none():
    return {"id": 1}


@app.delete("/users/{user_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_user(user_id: int):
    return None


@app.post("/ping")
async def ping():
    pass


@app.get("/page", response_class=HTMLResponse)
async def page():
    return "<p>hi</p>"


@app.get("/go")
async def go():
    return RedirectResponse("/")


@app.websocket("/ws")
async def ws(websocket):
    return 1


def helper():
    return {"a": 1}


@app.post("/login", responses={200: {"content": {"application/json": {}}}})
async def login():
    return {"token": "..."}


def build_response() -> JSONResponse:
    return JSONResponse({})


@app.get("/built")
async def built():
    return build_response()


@app.get("/local")
async def local():
    response = JSONResponse({})
    return response


# A project's own class with a FastAPI-like ``get``: not a route.
class Blueprint:
    def get(self, path: str):
        return lambda fn: fn


blueprint = Blueprint()


@blueprint.get("/items")
def blueprint_items():
    return []


# A project subclass of APIRouter is a router.
class VersionedRouter(APIRouter):
    pass


versioned = VersionedRouter()


@versioned.get("/v2/items")
def versioned_items():  # error: FP605
    return []
