import asyncio

from fastapi import APIRouter, Depends
from sqlalchemy.ext.asyncio import (
    AsyncSession,
    async_scoped_session,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.ext.asyncio import AsyncSession as AS
from sqlalchemy.orm import sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession as SQLModelAsyncSession

from myapp.models import User

router = APIRouter()
engine = create_async_engine("postgresql+asyncpg://app@db/app")
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)
LegacySessionLocal = sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)

# Errors

session = AsyncSession(engine)  # error: FP205
db: AsyncSession = SessionLocal()  # error: FP205
legacy_session = LegacySessionLocal()  # error: FP205
aliased = AS(bind=engine)  # error: FP205
sqlmodel_session = SQLModelAsyncSession(engine)  # error: FP205
sessions = {"default": SessionLocal()}  # error: FP205


class UserRepository:
    session = SessionLocal()  # error: FP205

    async def get(self, user_id: int):
        return await self.session.get(User, user_id)


@router.get("/users/{user_id}")
async def read_user(user_id: int, db: AsyncSession = SessionLocal()):  # error: FP205
    return await db.get(User, user_id)


# OK

# The factory and a task-scoped registry are meant to live at module level.
scoped = async_scoped_session(SessionLocal, scopefunc=asyncio.current_task)


async def get_db():
    async with SessionLocal() as s:
        yield s


@router.get("/users")
async def list_users(db: AsyncSession = Depends(get_db)):
    return db


def make_session() -> AsyncSession:
    return SessionLocal()


class Repository:
    def __init__(self) -> None:
        self.session = SessionLocal()


make_lazily = lambda: SessionLocal()  # noqa: E731


async def main() -> None:
    async with SessionLocal() as s:
        await s.commit()


if __name__ == "__main__":
    script_session = SessionLocal()
    asyncio.run(main())
