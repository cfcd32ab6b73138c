# select: FP601,FP603,FP604,FP610
# fastapi-target-version: 0.70.0
"""Routers and the app imported from other modules of the project."""

from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.trustedhost import TrustedHostMiddleware

from app.factory import build
from app.routers import ws

ws.router.add_api_websocket_route("/feed", ws.feed)  # error: FP603

app = build()
app.add_middleware(CORSMiddleware, allow_origins=["*"])  # error: FP604
app.add_middleware(TrustedHostMiddleware)


@app.on_event("startup")  # error: FP601
async def started():
    pass


app.include_router(ws.router)
