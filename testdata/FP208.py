# fastapi-target-version: 0.110.0
from typing import Annotated, AsyncIterator, Iterator

import fastapi
from fastapi import APIRouter, BackgroundTasks, Depends
from fastapi.background import BackgroundTasks as BT
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session, sessionmaker

from myapp.models import Report

router = APIRouter()
engine = create_async_engine("postgresql+asyncpg://app@db/app")
AsyncSessionLocal = async_sessionmaker(engine, expire_on_commit=False)
SessionLocal = sessionmaker()


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


async def get_async_db() -> AsyncIterator[AsyncSession]:
    async with AsyncSessionLocal() as session:
        yield session


def get_typed_db() -> Iterator[Session]:
    with SessionLocal() as db:
        yield db


def get_session_no_cleanup() -> Session:
    return SessionLocal()


DbSession = Annotated[AsyncSession, Depends(get_async_db)]


def send_report(db: Session, report_id: int) -> None: ...


async def notify(session: AsyncSession, user_id: int) -> None: ...


# Errors (FastAPI 0.106.0 - 0.117.x closes the session before the task runs)


@router.post("/reports")
def create_report(background_tasks: BackgroundTasks, db: Session = Depends(get_db)):
    report = Report()
    db.add(report)
    background_tasks.add_task(send_report, db, report.id)  # error: FP208
    return report


@router.post("/notify/{user_id}")
async def notify_user(user_id: int, tasks: BackgroundTasks, session: DbSession):
    tasks.add_task(notify, session, user_id)  # error: FP208


@router.post("/notify-annotated/{user_id}")
async def notify_annotated(
    user_id: int,
    tasks: BT,
    session: Annotated[AsyncSession, Depends(get_async_db)],
):
    tasks.add_task(
        notify,
        session=session,  # error: FP208
        user_id=user_id,
    )


@router.post("/typed")
def typed_dependency(tasks: fastapi.BackgroundTasks, db=Depends(get_typed_db)):
    tasks.add_task(send_report, db, 1)  # error: FP208


@router.post("/scoped")
def function_scope(tasks: BackgroundTasks, db: Session = Depends(get_db, scope="function")):
    tasks.add_task(send_report, db, 1)  # error: FP208


# OK


@router.post("/own-session")
def task_opens_its_own_session(background_tasks: BackgroundTasks, db: Session = Depends(get_db)):
    background_tasks.add_task(send_report_with_own_session, 1)


def send_report_with_own_session(report_id: int) -> None:
    with SessionLocal() as db:
        db.get(Report, report_id)


@router.post("/plain-function")
def not_a_generator(tasks: BackgroundTasks, db: Session = Depends(get_session_no_cleanup)):
    # A plain function dependency has no exit code that closes the session.
    tasks.add_task(send_report, db, 1)


@router.post("/ids-only")
def only_ids_passed(tasks: BackgroundTasks, db: Session = Depends(get_db)):
    report = Report()
    tasks.add_task(send_report_with_own_session, report.id)


@router.post("/not-background-tasks")
def other_add_task(scheduler, db: Session = Depends(get_db)):
    scheduler.add_task(send_report, db, 1)


def plain_helper(tasks: BackgroundTasks, db: Session):
    # db is not a dependency parameter here.
    tasks.add_task(send_report, db, 1)
