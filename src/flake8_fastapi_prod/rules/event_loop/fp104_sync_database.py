from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, Rule
from flake8_fastapi_prod.rules.event_loop.blocking import BLOCKING_GATE, DATABASE, blocking_call


class SyncDatabaseInAsync(Rule):
    """Sync database access (DB-API `connect`, SQLAlchemy `Session`/`Engine`, `redis.Redis`) inside an `async def`.

    ## What it does
    Flags, when the innermost enclosing function is an `async def`:
    `psycopg2.connect`, `psycopg.connect`, `pymysql.connect`,
    `MySQLdb.connect`, `mysql.connector.connect` and `sqlite3.connect`;
    `execute` / `scalar` / `scalars` / `query` / `get` / `get_one` /
    `commit` / `rollback` / `flush` / `refresh` / `merge` / `connection`
    (and SQLModel's `exec`) on a value known to be a sync SQLAlchemy or
    SQLModel `Session` (annotated `Session`, made by `Session(engine)` or a
    `sessionmaker()`, yielded by a dependency); `connect` / `begin` /
    `execute` / `raw_connection` on a sync `Engine` (`create_engine(...)`)
    and `execute` / `commit` / ... on its `Connection`; and every command
    of a sync redis client (`redis.Redis(...)`, `redis.from_url(...)`,
    `redis.Redis.from_url(...)`) and `execute()` of its pipeline.
    `AsyncSession`, `AsyncEngine`, `redis.asyncio.Redis` and receivers of
    unknown type are never flagged, nor is an awaited call or a receiver
    whose methods the same function awaits (`await db.commit()`): such a
    value is async whatever its annotation says.

    ## Why is this bad?
    A sync driver waits for the database on the calling thread. In an
    `async def` endpoint that thread runs the event loop, so one slow query
    stalls every request on the worker. Use an async driver throughout
    (`create_async_engine` + `AsyncSession`, asyncpg, aiomysql, aiosqlite,
    `redis.asyncio`) or declare the endpoint with plain `def`, which
    FastAPI runs in its threadpool.

    ## Example
    ```python
    from fastapi import Depends
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    async def list_users(db: Session = Depends(get_db)):
        return db.execute(select(User)).scalars().all()
    ```

    ## Use instead
    ```python
    from fastapi import Depends
    from sqlalchemy import select
    from sqlalchemy.ext.asyncio import AsyncSession

    async def list_users(db: AsyncSession = Depends(get_db)):
        return (await db.execute(select(User))).scalars().all()
    ```

    ## Fix safety
    No fix: switching to an async driver changes the engine, the session
    factory and every call site; making the endpoint a plain `def` is
    only correct when it awaits nothing.
    """

    code = "FP104"
    gates = {"Call": BLOCKING_GATE}
    name = "sync-database-in-async"
    message = "{call}() blocks the event loop inside async def; use {instead}"

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        found = blocking_call(node, ctx)
        if found is not None and found.code == DATABASE:
            yield self.report(node, call=found.call, instead=found.instead)
