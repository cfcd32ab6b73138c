from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import OPT_IN, Finding, FixSafety, Gate, Rule
from flake8_fastapi_prod.rules.sqlalchemy.common import (
    CREATE_ASYNC_ENGINE,
    database_url,
    has_double_star,
    keyword,
    url_argument,
)

#: Dialects that talk to a server over the network (SQLite does not).
NETWORK_DIALECTS = frozenset({"postgresql", "mysql", "mariadb", "mssql", "oracle", "cockroachdb"})


class AsyncEngineWithoutPrePing(Rule):
    """`create_async_engine()` on a network database without `pool_pre_ping=True`.

    ## What it does
    Flags `create_async_engine(url)` when the URL is known from the source
    (a literal, an f-string with a literal scheme, `URL.create(...)`, or a
    variable bound once to one of those) and names a server database
    (PostgreSQL, MySQL, MariaDB, SQL Server, Oracle, CockroachDB), and the
    call passes no `pool_pre_ping`. A URL from settings or the environment
    is unknown and not flagged; nor is a call with `**options`, an explicit
    `pool_pre_ping=...` of any value, or `poolclass=...` (e.g. `NullPool`).
    Opt-in: it is advice for deployments behind proxies and load balancers.

    ## Why is this bad?
    The pool hands out connections it opened earlier. When a load
    balancer, PgBouncer, a cloud database proxy or a failover silently
    drops idle connections, the next request that gets one fails with a
    "connection closed" / "server closed the connection unexpectedly"
    error. `pool_pre_ping=True` tests each connection on checkout and
    replaces dead ones transparently.

    ## Example
    ```python
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine("postgresql+asyncpg://app@db/app")
    ```

    ## Use instead
    ```python
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine("postgresql+asyncpg://app@db/app", pool_pre_ping=True)
    ```

    ## Fix safety
    Safe: `pool_pre_ping=True` is added. It costs one round trip per
    checkout and changes nothing else.
    """

    code = "FP207"
    gates = {"Call": Gate(qualnames=frozenset({CREATE_ASYNC_ENGINE}))}
    name = "async-engine-without-pre-ping"
    message = (
        "create_async_engine() for {dialect} without pool_pre_ping=True: connections dropped by a proxy "
        "or failover fail the next request; pass pool_pre_ping=True"
    )
    default = OPT_IN
    fix_safety = FixSafety.SAFE

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        if ctx.qualified_name(node.func) != CREATE_ASYNC_ENGINE or has_double_star(node):
            return
        if keyword(node, "pool_pre_ping") is not None or keyword(node, "poolclass") is not None:
            return
        argument = url_argument(node)
        url = None if argument is None else database_url(argument, ctx)
        if url is None or url.dialect not in NETWORK_DIALECTS:
            return
        yield self.report(node, dialect=url.dialect)

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        from flake8_fastapi_prod.fix.edits import set_keyword

        if not isinstance(node, cst.Call):
            return None
        return set_keyword(node, "pool_pre_ping", cst.Name("True"))
