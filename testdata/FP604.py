import fastapi
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware as StarletteCORS

# Errors

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["https://example.com"])  # error: FP604
app.add_middleware(GZipMiddleware)


def create_app() -> FastAPI:
    application = fastapi.FastAPI()
    # CORS first: wrong
    application.add_middleware(  # error: FP604
        StarletteCORS,
        allow_origins=["*"],
    )
    application.add_middleware(GZipMiddleware, minimum_size=500)
    return application


listed = FastAPI(
    middleware=[
        Middleware(GZipMiddleware),
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
    target.add_middleware(GZipMiddleware)


stack = [Middleware(GZipMiddleware), Middleware(CORSMiddleware, allow_origins=["*"])]  # error: FP604
from_variable = FastAPI(middleware=stack)


constructed = FastAPI(middleware=[Middleware(CORSMiddleware, allow_origins=["*"])])  # error: FP604
constructed.add_middleware(GZipMiddleware)


by_keyword = FastAPI()
by_keyword.add_middleware(middleware_class=CORSMiddleware, allow_origins=["*"])  # error: FP604
by_keyword.add_middleware(middleware_class=GZipMiddleware)


def install_more(target: FastAPI) -> None:
    target.add_middleware(GZipMiddleware)


def create_with_helper() -> FastAPI:
    application = FastAPI()
    application.add_middleware(CORSMiddleware, allow_origins=["*"])  # error: FP604
    install_more(application)
    return application


# OK

good = FastAPI()
good.add_middleware(GZipMiddleware)
good.add_middleware(CORSMiddleware, allow_origins=["*"])

good_list = FastAPI(middleware=[Middleware(CORSMiddleware, allow_origins=["*"]), Middleware(GZipMiddleware)])


def configure(other: FastAPI) -> None:
    other.add_middleware(CORSMiddleware, allow_origins=["*"])


def configure_more(other: FastAPI) -> None:
    other.add_middleware(GZipMiddleware)


class Emitter:
    def add_middleware(self, *args):
        pass


emitter = Emitter()
emitter.add_middleware(CORSMiddleware)
emitter.add_middleware(GZipMiddleware)


def create_with_helper_first() -> FastAPI:
    application = FastAPI()
    install_more(application)
    application.add_middleware(CORSMiddleware, allow_origins=["*"])
    return application
