# select: FP707
import fastapi
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from slowapi import Limiter
from slowapi.util import get_remote_address



class Templates:
    def TemplateResponse(self, request: Request, name: str) -> HTMLResponse:
        return HTMLResponse(name)


templates = Templates()
limiter = Limiter(key_func=get_remote_address, headers_enabled=True, storage_uri="memory://")
quiet = Limiter(key_func=get_remote_address, storage_uri="memory://")
app = FastAPI()
app.state.limiter = limiter

# Errors


@app.get("/items")
@limiter.limit("5/minute")  # error: FP707
async def list_items(request: Request):
    return [{"id": 1}]


@app.get("/page", response_class=HTMLResponse)
@limiter.limit("5/minute")  # error: FP707
def page(request: Request, q: str = ""):
    return "<p>hello</p>"


@app.get("/named-resp")
@limiter.limit("5/minute")  # error: FP707
async def named_resp(request: Request, resp: fastapi.Response):
    items = [1, 2]
    return items


@app.get("/state")
@app.state.limiter.limit("5/minute")  # error: FP707
async def from_state(
    request: Request,
    q: str | None = None,
):
    return {"q": q}


@app.get("/taken")
@limiter.limit("5/minute")  # error: FP707
async def taken(request: Request, response: str = ""):
    return {}


# OK


@app.get("/with-response")
@limiter.limit("5/minute")
async def with_response(request: Request, response: fastapi.Response):
    return {"ok": True}


@app.get("/returns-json")
@limiter.limit("5/minute")
async def returns_json(request: Request):
    return JSONResponse({"ok": True})


@app.get("/template")
@limiter.limit("5/minute")
async def template(request: Request):
    return templates.TemplateResponse(request, "index.html")


@app.get("/annotated")
@limiter.limit("5/minute")
async def annotated(request: Request) -> JSONResponse:
    return JSONResponse({})


@app.get("/quiet")
@quiet.limit("5/minute")
async def no_headers(request: Request):
    return {}


# FP702's order: the wrapper never runs.
@limiter.limit("5/minute")
@app.get("/above")
async def above(request: Request):
    return {}


# Errors: a limiter made by a factory function


def build_limiter() -> Limiter:
    return Limiter(key_func=get_remote_address, headers_enabled=True, storage_uri="memory://")


built = build_limiter()


@app.get("/built")
@built.limit("5/minute")  # error: FP707
async def from_factory(request: Request):
    return {}
