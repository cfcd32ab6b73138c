# select: FP
# fastapi-target-version: 0.127.0
from fastapi import FastAPI
from pydantic.v1 import BaseModel

app = FastAPI()


class Item(BaseModel):
    name: str


@app.post("/items")
def create(item: Item) -> dict:  # fastapi 0.127 warns only
    return {}

# OK
