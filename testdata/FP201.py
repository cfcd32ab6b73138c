import asyncio
from dataclasses import dataclass
from typing import Annotated, AsyncIterator, Generic, Optional, Type, TypeVar

import aiohttp
import sqlalchemy.ext.asyncio as sa_asyncio
from fastapi import APIRouter, Depends, Request
from sqlalchemy import create_engine, select, text
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.ext.asyncio import AsyncSession as AS
from sqlalchemy.orm import Session, sessionmaker

from myapp.models import Base, Item, User

router = APIRouter()

engine = create_async_engine("postgresql+asyncpg://app@db/app", pool_pre_ping=True)
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)
AsyncSessionFactory = async_sessionmaker(
    bind=engine, class_=AsyncSession, expire_on_commit=False
)
# SQLAlchemy 1.4 spelling: a plain sessionmaker producing AsyncSession objects.
LegacyAsyncSessionLocal = sessionmaker(
    engine, class_=AsyncSession, expire_on_commit=False
)

sync_engine = create_engine("postgresql+psycopg2://app@db/app")
SyncSessionLocal = sessionmaker(bind=sync_engine)

T = TypeVar("T")


async def get_db() -> AsyncIterator[AsyncSession]:
    async with SessionLocal() as session:
        try:
            yield session
            await session.commit()
        except Exception:
            await session.rollback()
            raise


def get_sync_db():
    with SyncSessionLocal() as db:
        yield db


DbSession = Annotated[AsyncSession, Depends(get_db)]


# Errors


async def commit_not_awaited(session: AsyncSession, user: User):
    session.add(user)
    session.commit()  # error: FP201


async def every_coroutine_method_not_awaited(session: AsyncSession, user: User):
    session.execute(select(User))  # error: FP201
    session.scalar(select(User.id))  # error: FP201
    session.scalars(select(User))  # error: FP201
    session.get(User, 1)  # error: FP201
    session.get_one(User, 1)  # error: FP201
    session.flush()  # error: FP201
    session.refresh(user)  # error: FP201
    session.delete(user)  # error: FP201
    session.merge(user)  # error: FP201
    session.rollback()  # error: FP201
    session.stream(select(User))  # error: FP201
    session.run_sync(lambda sync_session: None)  # error: FP201
    session.close()  # error: FP201


@router.get("/users")
async def execute_result_used_directly(session: AsyncSession):
    return session.execute(select(User)).scalars().all()  # error: FP201


@router.get("/users/names")
async def scalars_result_used_directly(session: AsyncSession):
    return session.scalars(select(User.name)).all()  # error: FP201


@router.get("/users/{user_id}")
async def get_returned_from_coroutine(user_id: int, session: AsyncSession):
    return session.get(User, user_id)  # error: FP201


async def result_assigned_then_used(session: AsyncSession):
    result = session.execute(select(User))  # error: FP201
    return result.scalars().all()


async def entity_assigned_then_used(session: AsyncSession):
    user = session.get(User, 1)  # error: FP201
    return user.name


async def count_used_in_boolean_expression(session: AsyncSession):
    total = session.scalar(select(User.id)) or 0  # error: FP201
    return total


async def iterating_unawaited_result(session: AsyncSession):
    for row in session.execute(select(User)):  # error: FP201
        print(row)


async def await_binds_to_the_outer_call(session: AsyncSession):
    # `await session.execute(q).scalars()` awaits `.scalars()`, so the
    # execute() coroutine itself is never awaited.
    users = await session.execute(select(User)).scalars()  # error: FP201
    return users


async def multi_line_call(session: AsyncSession, user_id: int):
    session.execute(  # error: FP201
        select(User).where(User.id == user_id)
    )


async def optional_session(session: Optional[AsyncSession] = None):
    if session is not None:
        session.commit()  # error: FP201


async def union_none_session(session: AsyncSession | None = None):
    if session is not None:
        session.rollback()  # error: FP201


async def string_annotation(session: "AsyncSession"):
    session.flush()  # error: FP201


async def qualified_annotation(session: sa_asyncio.AsyncSession):
    session.commit()  # error: FP201


async def aliased_import_annotation(db: AS, item: Item):
    db.add(item)
    db.commit()  # error: FP201


@router.post("/items")
async def depends_default(item: Item, db: AsyncSession = Depends(get_db)):
    db.add(item)
    db.commit()  # error: FP201
    db.refresh(item)  # error: FP201
    return item


@router.delete("/items/{item_id}")
async def annotated_depends(item_id: int, db: Annotated[AsyncSession, Depends(get_db)]):
    item = await db.get(Item, item_id)
    db.delete(item)  # error: FP201
    await db.commit()


@router.put("/items/{item_id}")
async def module_level_annotated_alias(item_id: int, db: DbSession):
    db.execute(text("UPDATE items SET seen = true"))  # error: FP201
    db.commit()  # error: FP201


async def async_sessionmaker_context():
    async with SessionLocal() as session:
        session.execute(select(User))  # error: FP201
        session.commit()  # error: FP201


async def session_and_transaction_in_one_with(user: User):
    async with SessionLocal() as session, session.begin():
        session.add(user)
        session.flush()  # error: FP201


async def async_sessionmaker_with_class_keyword():
    async with AsyncSessionFactory() as session:
        session.flush()  # error: FP201


async def legacy_sessionmaker_with_async_class():
    async with LegacyAsyncSessionLocal() as session:
        session.commit()  # error: FP201


async def async_sessionmaker_begin_context(user: User):
    async with SessionLocal.begin() as session:
        session.add(user)
        session.flush()  # error: FP201


async def async_sessionmaker_call_assigned():
    session = SessionLocal()
    try:
        users = session.scalars(select(User))  # error: FP201
        return users.all()
    finally:
        session.close()  # error: FP201


async def get_db_without_awaits() -> AsyncIterator[AsyncSession]:
    session = SessionLocal()
    try:
        yield session
        session.commit()  # error: FP201
    except Exception:
        session.rollback()  # error: FP201
        raise
    finally:
        session.close()  # error: FP201


async def async_session_constructed_directly():
    async with AsyncSession(engine) as s:
        s.commit()  # error: FP201


async def async_session_assigned_directly():
    s = AsyncSession(engine, expire_on_commit=False)
    s.close()  # error: FP201


async def factory_parameter(session_factory: async_sessionmaker[AsyncSession]):
    async with session_factory() as session:
        session.commit()  # error: FP201


async def engine_begin_connection():
    async with engine.begin() as conn:
        conn.execute(text("SELECT 1"))  # error: FP201
        conn.run_sync(Base.metadata.create_all)  # error: FP201


async def engine_connect_connection():
    async with engine.connect() as conn:
        conn.execute(text("INSERT INTO audit VALUES (1)"))  # error: FP201
        conn.scalar(text("SELECT 1"))  # error: FP201
        conn.commit()  # error: FP201
        conn.rollback()  # error: FP201
        conn.close()  # error: FP201


async def connection_parameter(conn: AsyncConnection):
    conn.execute(text("SELECT 1"))  # error: FP201
    value = conn.scalars(text("SELECT id FROM users")).all()  # error: FP201
    return value


async def engine_disposed_without_await():
    engine.dispose()  # error: FP201


async def engine_parameter(async_engine: AsyncEngine):
    async_engine.dispose()  # error: FP201


def sync_function_discarding_coroutine(session: AsyncSession):
    # Not awaited anywhere: the commit never happens.
    session.commit()  # error: FP201


def sync_function_using_coroutine_as_value(session: AsyncSession):
    return session.execute(select(User)).all()  # error: FP201


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: int):
        return self.session.get(User, user_id)  # error: FP201

    async def create(self, user: User):
        self.session.add(user)
        self.session.flush()  # error: FP201
        return user

    async def remove(self, user: User) -> None:
        self.session.delete(user)  # error: FP201

    async def list_all(self):
        result = self.session.execute(select(User))  # error: FP201
        return result.scalars().all()


class ItemRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def save(self, item: Item) -> Item:
        self._session.add(item)
        self._session.commit()  # error: FP201
        self._session.refresh(item)  # error: FP201
        return item


class BaseRepository(Generic[T]):
    def __init__(self, session: AsyncSession, model: Type[T]) -> None:
        self.session = session
        self.model = model

    async def count(self) -> int:
        return self.session.scalar(select(self.model)) or 0  # error: FP201


class OrderRepository:
    # Class-level annotation declares the attribute type.
    session: AsyncSession

    def __init__(self, session) -> None:
        self.session = session

    async def purge(self) -> None:
        self.session.execute(text("DELETE FROM orders"))  # error: FP201
        self.session.commit()  # error: FP201


@dataclass
class AuditRepository:
    session: AsyncSession

    async def record(self, entry: Item) -> None:
        self.session.add(entry)
        self.session.commit()  # error: FP201


# OK


async def awaited_calls(session: AsyncSession, user: User):
    await session.execute(select(User))
    await session.scalar(select(User.id))
    await session.scalars(select(User))
    await session.get(User, 1)
    await session.get_one(User, 1)
    await session.flush()
    await session.refresh(user)
    await session.delete(user)
    await session.merge(user)
    await session.commit()
    await session.rollback()
    await session.run_sync(lambda sync_session: None)
    await session.close()


async def awaited_results_used(session: AsyncSession):
    users = (await session.execute(select(User))).scalars().all()
    result = await session.execute(select(User))
    names = result.scalars().all()
    total = await session.scalar(select(User.id)) or 0
    stream = await session.stream(select(User))
    async for row in stream:
        print(row)
    return users, names, total


async def returned_awaited(session: AsyncSession, user_id: int):
    return await session.get(User, user_id)


async def sync_methods(session: AsyncSession, user: User, items: list):
    session.add(user)
    session.add_all(items)
    session.expunge(user)
    session.expunge_all()
    session.expire(user)
    if session.in_transaction():
        await session.commit()
    async with session.begin():
        session.add(user)
    async with session.begin_nested():
        session.add(user)


async def session_and_transaction_context_managers(user: User):
    async with SessionLocal() as session, session.begin():
        session.add(user)
    async with SessionLocal.begin() as session:
        session.add(user)


async def coroutines_handed_to_asyncio(session: AsyncSession, other: AsyncSession):
    users, items = await asyncio.gather(
        session.execute(select(User)),
        other.execute(select(Item)),
    )
    task = asyncio.create_task(session.commit())
    await task
    await asyncio.wait_for(session.flush(), timeout=5)
    await asyncio.shield(session.close())
    return users, items


async def coroutine_stored_and_awaited_later(session: AsyncSession):
    coro = session.commit()
    await coro


async def sync_session_parameter(db: Session, user: User):
    # A sync ORM Session: its methods are plain calls (FP104 territory).
    db.add(user)
    db.commit()
    db.refresh(user)
    db.execute(select(User)).scalars().all()
    return db.get(User, 1)


def sync_route_with_sync_session(db: Session = Depends(get_sync_db)):
    db.commit()
    db.close()


def sync_sessionmaker_context():
    with SyncSessionLocal() as db:
        db.execute(select(User))
        db.commit()


def sync_engine_connection():
    with sync_engine.connect() as conn:
        conn.execute(text("SELECT 1"))
        conn.commit()
    sync_engine.dispose()


async def run_sync_callback_gets_sync_session(session: AsyncSession):
    def load_users(sync_session: Session):
        sync_session.execute(select(User))
        sync_session.commit()

    await session.run_sync(load_users)


async def unknown_type_named_session(session, db):
    session.commit()
    db.execute(select(User))
    return session.get(User, 1)


async def starlette_request_session_is_a_dict(request: Request):
    user_id = request.session.get("user_id")
    request.session.clear()
    return user_id


class HttpGateway:
    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session

    async def fetch(self, url: str):
        async with self.session.get(url) as response:
            return await response.json()

    async def shutdown(self) -> None:
        await self.session.close()


async def awaited_connection_calls():
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
        await conn.execute(text("SELECT 1"))
    async with engine.connect() as conn:
        async with conn.begin():
            await conn.execute(text("SELECT 1"))
        await conn.commit()
    await engine.dispose()


class AwaitingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: int):
        return await self.session.get(User, user_id)

    async def create(self, user: User):
        self.session.add(user)
        await self.session.flush()
        await self.session.refresh(user)
        return user
