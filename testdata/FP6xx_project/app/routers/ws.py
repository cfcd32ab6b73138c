# select: FP603,FP610
# fastapi-target-version: 0.70.0
from fastapi import APIRouter as Router
from fastapi import WebSocket

router = Router(prefix="/ws")


@router.websocket("/echo")  # error: FP603
async def echo(websocket: WebSocket):
    await websocket.accept()


async def feed(websocket: WebSocket):
    await websocket.accept()
