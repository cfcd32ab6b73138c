from typing import Annotated, AsyncIterator

from fastapi import APIRouter, Depends
from sqlalchemy import select
from sqlalchemy.ext.asyncio import (
    AsyncSession,
    async_scoped_session,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session, sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession as SQLModelAsyncSession

from myapp.models import Item, User

router = APIRouter()
engine = create_async_engine("postgresql+asyncpg://app@db/app")
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)
ScopedSession = async_scoped_session(SessionLocal, scopefunc=lambda: None)
SyncSessionLocal = sessionmaker()


async def get_db() -> AsyncIterator[AsyncSession]:
    async with SessionLocal() as session:
        yield session


DbSession = Annotated[AsyncSession, Depends(get_db)]

# Errors


@router.get("/users")
async def list_users(session: AsyncSession):
    return session.query(User).all()  # error: FP203


@router.get("/users/{user_id}")
async def read_user(user_id: int, db: DbSession):
    return db.query(User).filter(User.id == user_id).first()  # error: FP203


@router.get("/items")
async def list_items(db: AsyncSession = Depends(get_db)):
    items = db.query(Item)  # error: FP203
    return items.all()


async def from_factory():
    async with SessionLocal() as session:
        return session.query(User).count()  # error: FP203


async def scoped_session_query():
    return ScopedSession.query(User).all()  # error: FP203


async def sqlmodel_session_query(session: SQLModelAsyncSession):
    return session.query(User).all()  # error: FP203


def sync_helper_with_async_session(session: AsyncSession):
    return session.query(User).first()  # error: FP203


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def by_email(self, email: str):
        return (
            self.session.query(User)  # error: FP203
            .filter(User.email == email)
            .one_or_none()
        )


# OK


async def select_statement(session: AsyncSession):
    return (await session.scalars(select(User))).all()


def sync_session_query(session: Session):
    return session.query(User).all()


def sync_factory_query():
    with SyncSessionLocal() as session:
        return session.query(User).all()


async def run_sync_query(session: AsyncSession):
    # run_sync hands the callback a synchronous Session: query() exists there.
    return await session.run_sync(lambda sync_session: sync_session.query(User).all())


async def unknown_receiver(search, params):
    return search.query(params)


class ElasticRepository:
    def __init__(self, client) -> None:
        self.client = client

    async def find(self, text: str):
        return self.client.query(text)
