from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_fastapi_prod import knowledge as K
from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, Gate, Rule

_NO_QUERY = {
    K.ASYNC_SESSION: ("AsyncSession", "await session.execute(select(...))"),
    K.SQLMODEL_ASYNC_SESSION: ("AsyncSession", "await session.exec(select(...))"),
    K.ASYNC_SCOPED_SESSION: ("async_scoped_session", "await session.execute(select(...))"),
}


class AsyncSessionQuery(Rule):
    """`.query(...)` called on an `AsyncSession`.

    ## What it does
    Flags `session.query(...)` when `session` is known to be an asyncio
    session: a parameter annotated `AsyncSession` (also through
    `Annotated[...]` and aliases), a dependency that yields one, a session
    made by an `async_sessionmaker`, `self.session` in a class that stores
    one, or an `async_scoped_session`. SQLModel's `AsyncSession` counts too.
    A receiver of unknown type is never flagged.

    ## Why is this bad?
    The legacy `Query` API exists only on the synchronous `Session`.
    `AsyncSession` has no `query` attribute at all, so the call raises
    `AttributeError: 'AsyncSession' object has no attribute 'query'`
    (verified on SQLAlchemy 2.1.9) the first time the code path runs,
    typically in production on a rarely used endpoint.

    ## Example
    ```python
    from sqlalchemy.ext.asyncio import AsyncSession

    async def list_users(session: AsyncSession):
        return session.query(User).all()
    ```

    ## Use instead
    ```python
    from sqlalchemy import select
    from sqlalchemy.ext.asyncio import AsyncSession

    async def list_users(session: AsyncSession):
        return (await session.scalars(select(User))).all()
    ```

    ## Fix safety
    No fix: the 2.0-style statement (`select(...)`, `.where(...)`,
    `await session.scalars(...)`) has to be written by hand.
    """

    code = "FP203"
    gates = {"Call": Gate(keys=frozenset({"query"}))}
    name = "async-session-query"
    message = "{owner}.query() does not exist: raises AttributeError at run time; use {instead}"

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        func = node.func
        if not isinstance(func, ast.Attribute) or func.attr != "query":
            return
        owner = ctx.type_of(func.value)
        if owner not in _NO_QUERY:
            return
        short, instead = _NO_QUERY[owner]
        yield self.report(node, owner=short, instead=instead)
