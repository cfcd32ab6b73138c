import asyncio
import sqlite3
from collections.abc import Iterator
from typing import Annotated

import mysql.connector
import psycopg2
import pymysql
import redis
import redis.asyncio as aioredis
from fastapi import APIRouter, Depends, FastAPI
from redis import Redis, StrictRedis
from redis.asyncio import Redis as AsyncRedis
from sqlalchemy import create_engine, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session, sessionmaker
from sqlmodel import Session as SQLModelSession
from starlette.concurrency import run_in_threadpool

app = FastAPI()
router = APIRouter()

engine = create_engine("postgresql+psycopg2://app@db/app", pool_pre_ping=True)
SessionLocal = sessionmaker(bind=engine, autoflush=False)
async_engine = create_async_engine("postgresql+asyncpg://app@db/app")
AsyncSessionLocal = async_sessionmaker(async_engine, expire_on_commit=False)
cache = redis.Redis(host="cache", port=6379, decode_responses=True)
cache_from_url = redis.from_url("redis://cache:6379/0")
async_cache = aioredis.from_url("redis://cache:6379/0")


class User:
    id: int


def get_db() -> Iterator[Session]:
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


def get_db_untyped():
    with SessionLocal() as db:
        yield db


DbSession = Annotated[Session, Depends(get_db)]


# Errors


@app.get("/users/{user_id}")
async def read_user(user_id: int, db: Session = Depends(get_db)):
    return db.get(User, user_id)  # error: FP104


@router.get("/users")
async def list_users(db: DbSession):
    rows = db.execute(select(User))  # error: FP104
    return rows.scalars().all()


async def inferred_from_dependency(db=Depends(get_db_untyped)):
    return db.query(User).all()  # error: FP104


async def session_methods(db: Session, user: User):
    db.add(user)
    db.commit()  # error: FP104
    db.refresh(user)  # error: FP104
    db.flush()  # error: FP104
    db.rollback()  # error: FP104
    db.scalar(select(User))  # error: FP104
    db.scalars(select(User))  # error: FP104
    db.merge(user)  # error: FP104


async def session_from_factory():
    with SessionLocal() as session:
        session.execute(text("select 1"))  # error: FP104
    db = SessionLocal()
    db.commit()  # error: FP104


async def session_class_directly():
    with Session(engine) as session:
        return session.scalars(select(User)).all()  # error: FP104


async def sqlmodel_session(user_id: int):
    with SQLModelSession(engine) as session:
        return session.exec(select(User)).first()  # error: FP104


async def engine_and_connection():
    with engine.connect() as conn:  # error: FP104
        conn.execute(text("select 1"))  # error: FP104
        conn.commit()  # error: FP104
    with engine.begin() as tx:  # error: FP104
        tx.exec_driver_sql("select 1")  # error: FP104


async def local_engine():
    eng = create_engine("sqlite:///app.db")
    return eng.connect()  # error: FP104


async def dbapi_drivers():
    psycopg2.connect("dbname=app")  # error: FP104
    pymysql.connect(host="db", user="app")  # error: FP104
    sqlite3.connect("app.db")  # error: FP104
    mysql.connector.connect(host="db")  # error: FP104


async def dbapi_local_imports():
    from psycopg2 import connect

    connect("dbname=app")  # error: FP104

    import sqlite3 as lite

    lite.connect(":memory:")  # error: FP104


async def redis_module_level_client(key: str):
    value = cache.get(key)  # error: FP104
    cache.set(key, "1", ex=60)  # error: FP104
    cache_from_url.incr("hits")  # error: FP104
    return value


async def redis_local_clients(key: str):
    client = Redis(host="cache")
    client.hgetall(key)  # error: FP104
    StrictRedis().delete(key)  # error: FP104
    redis.Redis.from_url("redis://cache").publish("events", key)  # error: FP104


async def redis_pipeline(key: str):
    with cache.pipeline() as pipe:
        pipe.incr(key)
        pipe.expire(key, 60)
        pipe.execute()  # error: FP104


class RateLimiter:
    def __init__(self, url: str) -> None:
        self.redis = redis.from_url(url)

    async def hit(self, key: str) -> int:
        return self.redis.incr(key)  # error: FP104


class UserRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    async def get(self, user_id: int):
        return self.session.get(User, user_id)  # error: FP104


# OK


@app.get("/sync")
def sync_endpoint(db: Session = Depends(get_db)):
    # FastAPI runs plain def endpoints in a threadpool.
    cache.get("k")
    return db.execute(select(User)).scalars().all()


async def async_session(session: AsyncSession):
    await session.execute(select(User))
    await session.commit()
    async with AsyncSessionLocal() as other:
        await other.get(User, 1)


async def async_engine_connect():
    async with async_engine.connect() as conn:
        await conn.execute(text("select 1"))


async def async_redis(key: str):
    await async_cache.get(key)
    client = AsyncRedis(host="cache")
    await client.set(key, "1")
    await aioredis.Redis().incr(key)


async def redis_client_helpers_without_io():
    pipe = cache.pipeline()
    pubsub = cache.pubsub()
    lock = cache.lock("name")
    return pipe, pubsub, lock


async def sync_session_methods_without_io(db: Session, user: User):
    db.add(user)
    db.add_all([user])
    db.expunge(user)
    db.expire_all()


async def handed_to_threads(db: Session):
    await asyncio.to_thread(db.execute, select(User))
    await run_in_threadpool(psycopg2.connect, "dbname=app")
    await asyncio.to_thread(lambda: db.query(User).all())

    def work():
        with SessionLocal() as session:
            return session.execute(select(User))

    return await asyncio.to_thread(work)


async def run_sync_callback(session: AsyncSession):
    def sync_part(sync_session: Session):
        return sync_session.execute(select(User))

    return await session.run_sync(sync_part)


async def unknown_receivers(session, db, client, key: str):
    await session.execute(select(User))
    db.query(User)
    client.get(key)


async def same_method_names_elsewhere(settings: dict, key: str):
    settings.get(key)
    connections = {}
    connections.get(key)


async def annotated_sync_but_awaited(db: SQLModelSession, prefect_session: Session):
    # Real code sometimes annotates an AsyncSession as `Session`: a receiver
    # whose methods are awaited is async, whatever its annotation says.
    result = await db.exec(select(User))
    await prefect_session.execute(select(User))
    prefect_session.scalars(select(User))
    await db.commit()
    return result


# sqlalchemy_aio (lnbits 0.12): a sync-looking create_engine() whose
# connect() is an async context manager; `async with` / `async for` say so.
aio_engine = create_engine("sqlite:///data.db", strategy="asyncio")


async def async_with_connect():
    async with aio_engine.connect() as conn:
        return await conn.execute(text("select 1"))


async def async_for_over_stream():
    async for row in aio_engine.execute(text("select 1")):
        print(row)
