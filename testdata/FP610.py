from fastapi import APIRouter, FastAPI
from starlette.applications import Starlette
from starlette.responses import JSONResponse

app = FastAPI()
router = APIRouter()

# Errors


async def items(request):
    return JSONResponse([])


app.add_route("/items", items)  # error: FP610
router.add_route("/items", items)  # error: FP610


@app.route("/old")  # error: FP610
async def old(request):
    return JSONResponse({})


def factory() -> FastAPI:
    application = FastAPI()
    application.add_route("/x", items)  # error: FP610
    return application


# OK

graphql_app = object()
app.add_route("/graphql", graphql_app)
app.add_route("/metrics", Starlette())

star = Starlette()
star.add_route("/items", items)


class Flask:
    def route(self, path):
        return lambda f: f


flask_app = Flask()


@flask_app.route("/health")
def health():
    return "ok"


@app.get("/items2")
async def items2() -> list[str]:
    return []
