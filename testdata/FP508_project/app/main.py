# select: FP508
from fastapi import FastAPI
from starlette.middleware.base import BaseHTTPMiddleware

from app import middleware
from app.middleware import check_scope, rate_limit, returns_response

app = FastAPI()
app.middleware("http")(rate_limit)
app.middleware("http")(returns_response)
app.add_middleware(BaseHTTPMiddleware, dispatch=middleware.require_tenant)


@app.get("/")
def index() -> dict[str, bool]:
    return {"ok": check_scope is not None}
