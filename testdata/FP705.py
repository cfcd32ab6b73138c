# select: FP705
from collections import Counter, defaultdict

from fastapi import APIRouter, FastAPI

app = FastAPI()
router = APIRouter()

CACHE: dict[str, dict] = {}
HITS = defaultdict(int)
ITEMS = []
SEEN = Counter()
BACKGROUND_TASKS = set()
SETTINGS = {"debug": False}

# Errors


@app.get("/items/{item_id}")
async def read_item(item_id: str):
    if item_id not in CACHE:
        CACHE[item_id] = {"id": item_id}  # error: FP705
    return CACHE[item_id]


@router.post("/hit/{page}")
def hit(page: str):
    HITS[page] += 1  # error: FP705
    SEEN.update([page])  # error: FP705
    return HITS[page]


@app.post("/items")
async def create_item(name: str):
    ITEMS.append({"name": name})  # error: FP705
    return ITEMS[-1]


@app.delete("/cache/{key}")
async def evict(key: str):
    CACHE.pop(key, None)  # error: FP705
    return None


# OK


@app.get("/settings")
async def read_settings():
    return SETTINGS.get("debug")


@app.post("/jobs")
async def start_job():
    BACKGROUND_TASKS.add("task")
    return None


@app.get("/local")
async def local():
    cache = {}
    cache["a"] = 1
    return cache


def warm_cache():
    CACHE["warm"] = {}


# Secrets held in this worker's memory on purpose, never written elsewhere.
_secrets: dict[str, dict] = {"for": {}}
DESTINATION_CREDENTIALS = {}


@app.post("/destination")
async def save_destination(part: str, password: str):
    _secrets["for"][part] = {"password": password}
    DESTINATION_CREDENTIALS.update(part=password)
    return None


# Errors: nested containers


SESSIONS: dict[str, dict[str, list]] = {}


@app.post("/sessions/{user}/{key}")
async def remember(user: str, key: str):
    SESSIONS[user][key] = []  # error: FP705
    return None


@app.post("/sessions/{user}/{key}/events")
async def append_event(user: str, key: str):
    SESSIONS[user][key].append("event")  # error: FP705
    return None
