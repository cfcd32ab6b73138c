# fastapi-target-version: 0.70.0
from fastapi import APIRouter, FastAPI, WebSocket

router = APIRouter(prefix="/ws")
app = FastAPI()

# Errors


@router.websocket("/echo")  # error: FP603
async def echo(websocket: WebSocket):
    await websocket.accept()


async def feed(websocket: WebSocket):
    await websocket.accept()


router.add_api_websocket_route("/feed", feed)  # error: FP603


def build(r: APIRouter) -> None:
    r.add_api_websocket_route("/feed", feed)  # error: FP603


# OK


@app.websocket("/ws/echo")
async def app_echo(websocket: WebSocket):
    await websocket.accept()


app.router.add_api_websocket_route("/feed", feed)
