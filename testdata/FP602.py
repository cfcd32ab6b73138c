# fastapi-target-version: 0.110.0
from contextlib import asynccontextmanager

import fastapi
from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRouter as Router


@asynccontextmanager
async def lifespan(app):
    yield


# Errors

router = APIRouter(lifespan=lifespan)  # error: FP602
other = Router(prefix="/x", lifespan=lifespan)  # error: FP602
third = fastapi.APIRouter(lifespan=lifespan)  # error: FP602

# OK

app = FastAPI(lifespan=lifespan)
plain = APIRouter(lifespan=None)
