# select: FP601
"""A router in its own module, with its own handlers."""

from fastapi import APIRouter

from app.events import CALLS

router = APIRouter(prefix="/items")


@router.on_event("startup")  # error: FP601
def router_started():
    CALLS.append("router up")


@router.on_event("shutdown")  # error: FP601
async def router_stopped():
    CALLS.append("router down")


@router.get("/")
async def list_items():
    return CALLS
