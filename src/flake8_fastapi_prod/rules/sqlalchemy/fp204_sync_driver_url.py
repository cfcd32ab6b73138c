from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, FixSafety, Gate, Rule
from flake8_fastapi_prod.rules.sqlalchemy.common import (
    CREATE_ASYNC_ENGINE,
    DatabaseUrl,
    database_url,
    keyword,
    replace_in_string,
    url_argument,
)

#: (dialect, driver) of SQLAlchemy 2.1's synchronous drivers -> the async
#: scheme that replaces it (None: no drop-in replacement). "" is the
#: dialect's default driver. Plain ``postgresql://`` (psycopg 3) and
#: ``oracle://`` (oracledb) are async-capable and absent on purpose.
SYNC_DRIVERS: dict[tuple[str, str], str | None] = {
    ("postgresql", "psycopg2"): "postgresql+asyncpg",
    ("postgresql", "psycopg2cffi"): "postgresql+asyncpg",
    ("postgresql", "pg8000"): "postgresql+asyncpg",
    ("mysql", ""): "mysql+aiomysql",
    ("mysql", "mysqldb"): "mysql+aiomysql",
    ("mysql", "pymysql"): "mysql+aiomysql",
    ("mysql", "mysqlconnector"): "mysql+aiomysql",
    ("mysql", "cymysql"): "mysql+aiomysql",
    ("mariadb", ""): "mariadb+aiomysql",
    ("mariadb", "mysqldb"): "mariadb+aiomysql",
    ("mariadb", "pymysql"): "mariadb+aiomysql",
    ("mariadb", "mysqlconnector"): "mariadb+aiomysql",
    ("mariadb", "mariadbconnector"): "mariadb+aiomysql",
    ("sqlite", ""): "sqlite+aiosqlite",
    ("sqlite", "pysqlite"): "sqlite+aiosqlite",
    ("sqlite", "pysqlcipher"): None,
    ("mssql", ""): "mssql+aioodbc",
    ("mssql", "pyodbc"): "mssql+aioodbc",
    ("mssql", "pymssql"): None,
    ("oracle", "cx_oracle"): "oracle+oracledb",
}

_DEFAULT_DRIVER = {"mysql": "mysqldb", "mariadb": "mysqldb", "sqlite": "pysqlite", "mssql": "pyodbc"}


class SyncDriverInAsyncEngine(Rule):
    """`create_async_engine()` with a URL naming a synchronous DBAPI driver.

    ## What it does
    Flags `create_async_engine(url)` when the URL's scheme is known from the
    source and names a synchronous driver: `postgresql+psycopg2`,
    `postgresql+pg8000`, `mysql+pymysql`, `mysql+mysqldb`, plain `mysql://`
    and `mariadb://` (their default driver is mysqldb), plain `sqlite://`,
    `sqlite+pysqlite`, plain `mssql://`/`mssql+pyodbc`, ... The URL may be a
    string literal, an f-string or concatenation whose scheme is literal,
    `make_url("...")`, `URL.create("postgresql+psycopg2", ...)`, or a
    variable bound once to one of those (a module constant, also one
    imported from another project module). A URL read from settings or the
    environment is unknown and not flagged.

    ## Why is this bad?
    `create_async_engine` refuses a synchronous driver at start-up:
    `sqlalchemy.exc.InvalidRequestError: The asyncio extension requires an
    async driver to be used. The loaded 'psycopg2' is not async.` When the
    sync driver's package is not installed (mysqlclient for `mysql://`),
    the error is `ModuleNotFoundError: No module named 'MySQLdb'` instead,
    because the DBAPI is imported before the check (verified on SQLAlchemy
    2.1.9). Plain `postgresql://` is not flagged: SQLAlchemy 2.1 maps it to
    psycopg 3, which `create_async_engine` runs in async mode.

    ## Example
    ```python
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine("postgresql+psycopg2://app@db/app")
    ```

    ## Use instead
    ```python
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine("postgresql+asyncpg://app@db/app")
    ```

    ## Fix safety
    Safe: the scheme is rewritten to the async driver of the same database
    (`postgresql+asyncpg`, `mysql+aiomysql`, `mariadb+aiomysql`,
    `sqlite+aiosqlite`, `mssql+aioodbc`, `oracle+oracledb`); the code could
    not start before, and the async driver package must be installed. No fix
    when the URL has a query string or the call passes `connect_args`
    (driver-specific options such as psycopg2's `sslmode`, which asyncpg
    rejects; SQLite's are kept), when the URL is built in a way that may
    append one, for drivers without a drop-in async twin (`pymssql`,
    `pysqlcipher`), or when the URL comes from a variable that something
    else in the module (or another module) also reads: the fix rewrites the
    literal where it is defined only when this engine is its one reader in
    the module. Another module importing that constant is not seen.
    """

    code = "FP204"
    gates = {"Call": Gate(qualnames=frozenset({CREATE_ASYNC_ENGINE}))}
    name = "sync-driver-in-async-engine"
    message = (
        "create_async_engine() with the sync driver {driver} ({scheme}://) fails at start-up "
        '("The asyncio extension requires an async driver"); use {replacement}{note}'
    )
    fix_safety = FixSafety.SAFE

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        if ctx.qualified_name(node.func) != CREATE_ASYNC_ENGINE:
            return
        argument = url_argument(node)
        if argument is None:
            return
        url = database_url(argument, ctx)
        if url is None or (url.dialect, url.driver) not in SYNC_DRIVERS:
            return
        replacement = SYNC_DRIVERS[url.dialect, url.driver]
        note = _no_fix_note(url, replacement, node)
        shown = url.scheme if url.constant is None else f"{url.constant} = {url.scheme}"
        new = "" if replacement is None else replacement + ("" if url.old == url.scheme else "://")
        yield self.report(
            argument,
            target=url.literal,
            fixable=not note,
            fix_data={"old": url.old, "new": new},
            driver=url.driver or _DEFAULT_DRIVER.get(url.dialect, url.dialect),
            scheme=shown,
            replacement=(replacement or _async_hint(url.dialect)) + ("" if replacement is None else "://"),
            note=note,
        )

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        data = finding.data()
        return replace_in_string(node, data["old"], data["new"])


def _no_fix_note(url: DatabaseUrl, replacement: str | None, call: ast.Call) -> str:
    if replacement is None:
        return " (no fix: no drop-in async driver)"
    if url.dialect != "sqlite":
        if url.has_query:
            return " (no fix: the URL's query options are driver-specific)"
        if keyword(call, "connect_args") is not None:
            return " (no fix: connect_args are driver-specific)"
    if not url.local:
        return f" (no fix: {url.constant} is used elsewhere too)"
    return ""


def _async_hint(dialect: str) -> str:
    return {"mssql": "mssql+aioodbc", "sqlite": "sqlite+aiosqlite"}.get(dialect, "an async driver")
