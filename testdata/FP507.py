from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Header, HTTPException
from starlette.exceptions import HTTPException as StarletteHTTPException

app = FastAPI()
router = APIRouter()
deleted: list[int] = []


class NotFound(HTTPException):
    pass


# Errors


async def require_admin(x_role: Annotated[str, Header()] = "") -> str:
    if x_role != "admin":
        return HTTPException(status_code=403, detail="Admins only")  # error: FP507
    return x_role


@app.get("/items/{item_id}")
async def read_item(item_id: int):
    if item_id != 1:
        return HTTPException(status_code=404, detail="Item not found")  # error: FP507
    return {"id": item_id}


@app.delete("/items/{item_id}")
async def delete_item(item_id: int, role: str = Depends(require_admin)):
    deleted.append(item_id)
    return {"deleted": item_id}


@router.get("/users/{user_id}")
def read_user(user_id: int) -> dict[str, int]:
    if user_id < 0:
        return StarletteHTTPException(400, "negative id")  # error: FP507
    if user_id > 100:
        return NotFound(404, "no such user")  # error: FP507
    return {"id": user_id}


ORDERS = {1: {"id": 1}}


def get_order_or_404(order_id: int):
    # A helper returning the object or the exception: the route returns either.
    order = ORDERS.get(order_id)
    if order is None:
        return HTTPException(status_code=404, detail="Order not found")  # error: FP507
    return order


class RoleChecker:
    def __init__(self, allowed: list[str]) -> None:
        self.allowed = allowed

    def __call__(self, x_role: str = Header("")):
        if x_role not in self.allowed:
            return HTTPException(status_code=403, detail="Forbidden")  # error: FP507
        return x_role


@app.get("/orders/{order_id}/summary")
def order_summary(order_id: int):
    return get_order_or_404(order_id)


app.include_router(router)


# OK


def credentials_error(detail: str) -> HTTPException:
    return HTTPException(status_code=401, detail=detail, headers={"WWW-Authenticate": "Bearer"})


def not_found():
    # A helper that builds the exception for its caller to raise.
    return HTTPException(status_code=404, detail="Not found")


@app.get("/orders/{order_id}")
async def read_order(order_id: int):
    if order_id != 1:
        raise not_found()
    return {"id": order_id}


def validate_quantity(quantity: int) -> HTTPException | None:
    # "the error or None": the caller raises what it gets
    if quantity < 1:
        return HTTPException(status_code=422, detail="quantity must be positive")
    return None


def check_stock(quantity: int):
    if quantity > 10:
        error = HTTPException(status_code=409, detail="out of stock")
        return error
    return None


def to_http_error(error: Exception):
    # maps some errors, passes the others through: all exceptions
    if isinstance(error, KeyError):
        return HTTPException(status_code=404, detail="missing")
    return error


def lookup_or_error(order_id: int):
    # the other path returns a call's result: not judged
    if order_id < 0:
        return HTTPException(status_code=400, detail="negative id")
    return ORDERS.get(order_id)


@app.post("/orders")
def create_order(quantity: int):
    error = validate_quantity(quantity) or check_stock(quantity)
    if error is not None:
        raise error
    return {"quantity": quantity}
