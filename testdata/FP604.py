import fastapi
from fastapi import FastAPI
from brotli_asgi import BrotliMiddleware
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.middleware.trustedhost import TrustedHostMiddleware
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.middleware.cors import CORSMiddleware as StarletteCORS
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Errors

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["https://example.com"])  # error: FP604
app.add_middleware(TrustedHostMiddleware)


def create_branching(debug: bool) -> FastAPI:
    branching = FastAPI()
    if debug:
        branching.add_middleware(CORSMiddleware, allow_origins=["http://localhost:3000"])  # error: FP604
    else:
        branching.add_middleware(CORSMiddleware, allow_origins=["https://example.com"])  # error: FP604
    branching.add_middleware(TrustedHostMiddleware)
    return branching


def create_cors_then_optional(strict: bool) -> FastAPI:
    optional = FastAPI()
    optional.add_middleware(CORSMiddleware, allow_origins=["https://example.com"])  # error: FP604
    if strict:
        optional.add_middleware(TrustedHostMiddleware)
    return optional


def create_app() -> FastAPI:
    application = fastapi.FastAPI()
    # CORS first: wrong
    application.add_middleware(  # error: FP604
        StarletteCORS,
        allow_origins=["*"],
    )
    application.add_middleware(TrustedHostMiddleware, allowed_hosts=["example.com"])
    return application


listed = FastAPI(
    middleware=[
        Middleware(TrustedHostMiddleware),
        Middleware(CORSMiddleware, allow_origins=["*"]),  # error: FP604
    ]
)

decorated = FastAPI()
decorated.add_middleware(CORSMiddleware, allow_origins=["*"])  # error: FP604


@decorated.middleware("http")
async def timing(request, call_next):
    return await call_next(request)



def setup_middleware(target) -> None:
    target.add_middleware(CORSMiddleware, allow_origins=["*"])  # error: FP604
    target.add_middleware(TrustedHostMiddleware)


stack = [Middleware(TrustedHostMiddleware), Middleware(CORSMiddleware, allow_origins=["*"])]  # error: FP604
from_variable = FastAPI(middleware=stack)


constructed = FastAPI(middleware=[Middleware(CORSMiddleware, allow_origins=["*"])])  # error: FP604
constructed.add_middleware(TrustedHostMiddleware)


by_keyword = FastAPI()
by_keyword.add_middleware(middleware_class=CORSMiddleware, allow_origins=["*"])  # error: FP604
by_keyword.add_middleware(middleware_class=TrustedHostMiddleware)


def install_more(target: FastAPI) -> None:
    target.add_middleware(TrustedHostMiddleware)


def create_with_helper() -> FastAPI:
    application = FastAPI()
    application.add_middleware(CORSMiddleware, allow_origins=["*"])  # error: FP604
    install_more(application)
    return application


class ApiKeyGate(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        if request.headers.get("x-api-key") != "key":
            return JSONResponse({"detail": "Not authenticated"}, status_code=401)
        return await call_next(request)


gated = FastAPI()
gated.add_middleware(CORSMiddleware, allow_origins=["*"])  # error: FP604
gated.add_middleware(GZipMiddleware)
gated.add_middleware(ApiKeyGate)


# Two CORS middlewares wrapped by another: both move, in their order.
doubled = FastAPI()
doubled.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])  # error: FP604
doubled.add_middleware(CORSMiddleware, allow_origins=["https://b.example"])  # error: FP604
doubled.add_middleware(TrustedHostMiddleware)

doubled_list = FastAPI(
    middleware=[
        Middleware(TrustedHostMiddleware),
        Middleware(CORSMiddleware, allow_origins=["https://a.example"]),  # error: FP604
        Middleware(CORSMiddleware, allow_origins=["https://b.example"]),  # error: FP604
    ]
)


# OK

good = FastAPI()
good.add_middleware(TrustedHostMiddleware)
good.add_middleware(CORSMiddleware, allow_origins=["*"])

good_list = FastAPI(middleware=[Middleware(CORSMiddleware, allow_origins=["*"]), Middleware(TrustedHostMiddleware)])


def configure(other: FastAPI) -> None:
    other.add_middleware(CORSMiddleware, allow_origins=["*"])


def configure_more(other: FastAPI) -> None:
    other.add_middleware(TrustedHostMiddleware)


class Emitter:
    def add_middleware(self, *args):
        pass


emitter = Emitter()
emitter.add_middleware(CORSMiddleware)
emitter.add_middleware(TrustedHostMiddleware)


def create_with_helper_first() -> FastAPI:
    application = FastAPI()
    install_more(application)
    application.add_middleware(CORSMiddleware, allow_origins=["*"])
    return application


# Compression and header-adding middleware never answer a request
# themselves (argilla-server: BrotliMiddleware; fief: a pure ASGI
# SecurityHeadersMiddleware): every response they see went through CORS.
class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).append((b"x-frame-options", b"SAMEORIGIN"))
            await send(message)

        await self.app(scope, receive, send_with_headers)


class Timing(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        response = await call_next(request)
        response.headers["Server-Timing"] = "total"
        return response


compressed = FastAPI()
compressed.add_middleware(CORSMiddleware, allow_origins=["*"])
compressed.add_middleware(GZipMiddleware, minimum_size=512)
compressed.add_middleware(BrotliMiddleware, quality=7)
compressed.add_middleware(SecurityHeaders)
compressed.add_middleware(Timing)

compressed_list = FastAPI(middleware=[Middleware(GZipMiddleware), Middleware(CORSMiddleware, allow_origins=["*"])])


# Another CORS middleware outside the one that may answer: its headers are
# on every response (two CORS middlewares are redundant, not misordered).
covered = FastAPI()
covered.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
covered.add_middleware(TrustedHostMiddleware)
covered.add_middleware(CORSMiddleware, allow_origins=["https://b.example"])

only_cors = FastAPI()
only_cors.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
only_cors.add_middleware(CORSMiddleware, allow_origins=["https://b.example"])

covered_list = FastAPI(
    middleware=[
        Middleware(CORSMiddleware, allow_origins=["https://a.example"]),
        Middleware(TrustedHostMiddleware),
        Middleware(CORSMiddleware, allow_origins=["https://b.example"]),
    ]
)

covered_constructor = FastAPI(middleware=[Middleware(CORSMiddleware, allow_origins=["https://a.example"])])
covered_constructor.add_middleware(TrustedHostMiddleware)
covered_constructor.add_middleware(CORSMiddleware, allow_origins=["https://b.example"])


# One branch adds CORS, the other the middleware that answers: only one runs.
def create_exclusive(browser: bool) -> FastAPI:
    exclusive = FastAPI()
    if browser:
        exclusive.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
    else:
        exclusive.add_middleware(TrustedHostMiddleware)
    return exclusive


def create_by_mode(mode: str) -> FastAPI:
    by_mode = FastAPI()
    match mode:
        case "browser":
            by_mode.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
        case _:
            by_mode.add_middleware(TrustedHostMiddleware)
    return by_mode


# The branch that adds CORS returns before the later registration.
def configure_early_return(early: FastAPI, browser: bool) -> None:
    if browser:
        early.add_middleware(TrustedHostMiddleware)
        early.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
        return
    early.add_middleware(TrustedHostMiddleware)
