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


def factory() -> fastapi.FastAPI:
    application = fastapi.FastAPI()
    application.route("/x")(old)  # error: FP610
    return application


# OK


async def items(request):
    return JSONResponse([])


# An APIRouter's route still exists (FastAPI defines its own), and so does
# add_route: opt-in only.
@router.route("/older", methods=["GET"])
async def older(request):
    return JSONResponse({})


@app.router.route("/oldest")
async def oldest(request):
    return JSONResponse({})



app.add_route("/items", items)
router.add_route("/items", items)
