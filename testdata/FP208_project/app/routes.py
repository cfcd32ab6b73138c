# select: FP208
# fastapi-target-version: 0.115.0
from fastapi import APIRouter, BackgroundTasks

from app.deps import DbSession

from .deps import ShortLivedDb

router = APIRouter()


async def audit(session, event: str) -> None: ...


# Errors


@router.post("/events")
async def record_event(tasks: BackgroundTasks, db: DbSession):
    tasks.add_task(audit, db, "created")  # error: FP208


@router.post("/short")
async def short_lived(tasks: BackgroundTasks, db: ShortLivedDb):
    tasks.add_task(audit, db, "short")  # error: FP208


# OK


@router.post("/no-session")
async def no_session(tasks: BackgroundTasks):
    tasks.add_task(audit, None, "none")
