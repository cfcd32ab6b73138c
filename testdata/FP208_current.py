# select: FP208
from typing import Annotated, AsyncIterator

from fastapi import APIRouter, BackgroundTasks, Depends
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session, sessionmaker

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


FunctionScopedDb = Annotated[AsyncSession, Depends(get_async_db, scope="function")]
RequestScopedDb = Annotated[AsyncSession, Depends(get_async_db, scope="request")]


def send_report(db: Session, report_id: int) -> None: ...


async def notify(session: AsyncSession) -> None: ...


# Errors: scope="function" exits the dependency before the response is sent,
# on every FastAPI version that has it (0.121.0+).


@router.post("/reports")
def create_report(tasks: BackgroundTasks, db: Session = Depends(get_db, scope="function")):
    tasks.add_task(send_report, db, 1)  # error: FP208


@router.post("/notify")
async def notify_user(tasks: BackgroundTasks, session: FunctionScopedDb):
    tasks.add_task(notify, session)  # error: FP208


# OK: with no target version (the newest FastAPI) the default and
# scope="request" dependencies exit after the background tasks.


@router.post("/default-scope")
def default_scope(tasks: BackgroundTasks, db: Session = Depends(get_db)):
    tasks.add_task(send_report, db, 1)


@router.post("/request-scope")
async def request_scope(tasks: BackgroundTasks, session: RequestScopedDb):
    tasks.add_task(notify, session)
