# select: FP607
import fastapi
from fastapi import APIRouter, Body, Depends, FastAPI, Header, Query, Security
from fastapi import Path as P
from fastapi.security import OAuth2PasswordBearer

app = FastAPI()
router = APIRouter()
oauth2 = OAuth2PasswordBearer(tokenUrl="token")


def get_db():
    yield "db"


# Errors


@app.get("/items")
async def read_items(
    db: str = Depends(get_db),  # error: FP607
    q: str = Query("", max_length=50),  # error: FP607
    limit: int = Query(default=10, ge=1),  # error: FP607
    token: str = Security(oauth2, scopes=["items"]),  # error: FP607
):
    return []


@router.get("/items/{item_id}")
def read_item(item_id: int = P(..., ge=1), x_token: str = Header(...)):  # error: FP607, FP607
    return {}


@router.post("/echo")
def echo(echo: str = Query("")):  # error: FP607
    return echo


@app.post("/body")
async def body(payload: dict = fastapi.Body(embed=True), user: str = fastapi.Depends(get_db)):  # error: FP607, FP607
    return payload


# ruff#22188: the fix would leave `website_ids` without a default after `page`.
@app.get("/websites")
async def websites(
    page: int = 1,
    website_ids: str = Query(  # error: FP607
        ...,
        description="Comma separated list of website IDs",
    ),
):
    return []


@app.get("/untyped")
async def untyped(db=Depends(get_db)):  # error: FP607
    return db


# OK


@app.get("/annotated")
async def annotated(q: str = "", db: "str" = None):
    return q


def not_a_route(db: str = Depends(get_db)):
    return db
