# select: FP6
"""FP610 is opt-in, but a `route` decorator on Starlette 1.x (here: the
newest, no target given) fails at import and reports by default."""

import fastapi
from fastapi import APIRouter, FastAPI
from starlette.responses import JSONResponse

app = FastAPI()
router = APIRouter()

# Errors


@app.route("/old")  # error: FP610
async def old(request):
    return JSONResponse({})


@router.route("/older", methods=["GET"])  # error: FP610
async def older(request):
    return JSONResponse({})


def factory() -> fastapi.FastAPI:
    application = fastapi.FastAPI()
    application.route("/x")(old)  # error: FP610
    return application


# OK


async def items(request):
    return JSONResponse([])


# add_route still exists: opt-in only.
app.add_route("/items", items)
router.add_route("/items", items)
