import fastapi
from fastapi import APIRouter, FastAPI
from pydantic import BaseModel
from slowapi import Limiter
from slowapi import Limiter as RateLimiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, storage_uri="memory://")
aliased = RateLimiter(key_func=get_remote_address, storage_uri="memory://")
app = FastAPI()
app.state.limiter = limiter
router = APIRouter()


class LoginBody(BaseModel):
    username: str


# Errors


@app.get("/items")
@limiter.limit("5/minute")  # error: FP701
async def list_items():
    return []


@router.post("/items")
@aliased.limit("10/minute")  # error: FP701
def create_item(name: str, count: int = 1):
    return {"name": name}


@app.get("/state")
@app.state.limiter.limit("5/minute")  # error: FP701
async def from_state(q: str | None = None):
    return {}


@app.get("/req")
@limiter.limit("5/minute")  # error: FP701
async def named_req(req: fastapi.Request):
    return {}


@app.get("/kwargs")
@limiter.shared_limit("5/minute", scope="search")  # error: FP701
async def only_kwargs(**kwargs):
    return {}


@app.get("/untyped")
@limiter.limit("5/minute")  # error: FP701
async def untyped(request, q: str = ""):
    return {}


@app.post("/login")
@limiter.limit("5/minute")  # error: FP701
async def login(request: LoginBody):
    return {}


@router.get(
    "/multi",
    summary="multi-line signature",
)
@limiter.limit("5/minute")  # error: FP701
async def multi_line(
    item_id: int,
    q: str | None = None,
):
    return {}


# OK


@app.get("/ok")
@limiter.limit("5/minute")
async def ok(request: fastapi.Request):
    return {}


@app.get("/kwonly")
@limiter.limit("5/minute")
async def keyword_only(*, request: fastapi.Request):
    return {}


@app.websocket("/ws")
@limiter.limit("5/minute")
async def ws(websocket: fastapi.WebSocket):
    return None


@app.get("/exempt")
@limiter.exempt
async def exempt():
    return {}


class Throttle:
    def limit(self, value):
        return lambda f: f


throttle = Throttle()


@app.get("/not-slowapi")
@throttle.limit("5/minute")
async def not_slowapi():
    return {}


class RateLimiter2:
    def limit(self, value):
        return lambda f: f


rate_limiter = RateLimiter2()


@app.get("/custom")
@rate_limiter.limit("5/minute")
async def custom():
    return {}
