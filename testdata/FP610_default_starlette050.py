# select: FP6
# starlette-target-version: 0.50
"""On Starlette 0.x `route` still exists: FP610 stays opt-in."""

from fastapi import FastAPI
from starlette.responses import JSONResponse

app = FastAPI()

# OK


@app.route("/old")
async def old(request):
    return JSONResponse({})


app.add_route("/items", old)
