from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod import knowledge as K
from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, FixSafety, Gate, Rule
from flake8_fastapi_prod.rules.sqlalchemy.common import ASYNC_SESSION_TYPES, has_double_star, is_literal, keyword


class AsyncSessionExpireOnCommit(Rule):
    """An asyncio session or session factory made without `expire_on_commit=False`.

    ## What it does
    Flags `async_sessionmaker(...)`, `AsyncSession(...)` (SQLAlchemy's or
    SQLModel's) and `sessionmaker(..., class_=AsyncSession)` when
    `expire_on_commit` is not given or is literally `True`, however the
    callee is imported (`from sqlalchemy.ext.asyncio import
    async_sessionmaker as asm`, `sqlalchemy.ext.asyncio.async_sessionmaker`,
    ...). An explicit `expire_on_commit=False`, a computed value or
    `**options` in the call are left alone.

    ## Why is this bad?
    `expire_on_commit` defaults to `True`: after `await session.commit()`
    every loaded object is expired, and the next attribute access
    (`user.name`, typically while building the response) has to load it
    again with implicit, synchronous IO. Under asyncio that raises
    `sqlalchemy.exc.StatementError: (sqlalchemy.exc.MissingGreenlet)
    greenlet_spawn has not been called; can't call await_() here` (verified
    on SQLAlchemy 2.1.9; the raised type is `StatementError` wrapping
    `MissingGreenlet`, so `except MissingGreenlet` does not catch it).
    SQLModel's `AsyncSession` has the same default.

    ## Example
    ```python
    from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

    engine = create_async_engine("postgresql+asyncpg://app@db/app")
    SessionLocal = async_sessionmaker(engine)
    ```

    ## Use instead
    ```python
    from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

    engine = create_async_engine("postgresql+asyncpg://app@db/app")
    SessionLocal = async_sessionmaker(engine, expire_on_commit=False)
    ```

    ## Fix safety
    Safe: `expire_on_commit=False` is added. Objects then keep the values
    they had at commit time instead of raising on access; call
    `await session.refresh(obj)` where fresh database values are needed.
    No fix when `expire_on_commit=True` is written out (a deliberate
    choice to review, not to overwrite).
    """

    code = "FP202"
    gates = {"Call": Gate(qualnames=frozenset({K.ASYNC_SESSIONMAKER, K.SYNC_SESSIONMAKER, *ASYNC_SESSION_TYPES}))}
    name = "async-session-expire-on-commit"
    message = (
        "{callee}() without expire_on_commit=False: reading an attribute after commit() raises "
        "StatementError (MissingGreenlet) under asyncio; pass expire_on_commit=False{note}"
    )
    fix_safety = FixSafety.SAFE

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        callee = _async_session_factory(node, ctx)
        if callee is None or has_double_star(node):
            return
        if not node.args and not node.keywords and _in_tests(ctx):
            # ``AsyncSession()`` with no bind in a test fixture is a stand-in
            # proxied to another session (argilla-server's conftest), not a
            # session that commits.
            return
        given = keyword(node, "expire_on_commit")
        if given is not None and not is_literal(given.value, True):
            return
        explicit = given is not None
        note = " (no fix: expire_on_commit=True is explicit)" if explicit else ""
        yield self.report(node, fixable=not explicit, callee=callee, note=note)

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        from flake8_fastapi_prod.fix.edits import set_keyword

        if not isinstance(node, cst.Call):
            return None
        return set_keyword(node, "expire_on_commit", cst.Name("False"))


def _in_tests(ctx: Context) -> bool:
    from flake8_fastapi_prod.rules.security.common import is_test_module

    return is_test_module(ctx.module)


def _async_session_factory(call: ast.Call, ctx: Context) -> str | None:
    """The short name of the callee when the call makes asyncio sessions."""
    qualname = ctx.qualified_name(call.func)
    if qualname == K.ASYNC_SESSIONMAKER:
        made = keyword(call, "class_")
        if made is not None and ctx.qualified_name(made.value) not in ASYNC_SESSION_TYPES:
            return None  # a project subclass: its own defaults are unknown
        return "async_sessionmaker"
    if qualname in ASYNC_SESSION_TYPES:
        return "AsyncSession"
    if qualname == K.SYNC_SESSIONMAKER:
        made = keyword(call, "class_")
        if made is not None and ctx.qualified_name(made.value) in ASYNC_SESSION_TYPES:
            return "sessionmaker"
    return None
