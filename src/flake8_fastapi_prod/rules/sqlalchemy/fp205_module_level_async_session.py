from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, Rule
from flake8_fastapi_prod.rules.sqlalchemy.common import ASYNC_SESSION_TYPES


class ModuleLevelAsyncSession(Rule):
    """An `AsyncSession` created at module or class level, shared by every request.

    ## What it does
    Flags a call that makes an asyncio session (`AsyncSession(engine)`,
    `SessionLocal()` of an `async_sessionmaker`, SQLModel's `AsyncSession`)
    evaluated at import time: at module level, in a class body (a class
    attribute), or as a parameter default (evaluated once, when the `def`
    runs). Code under `if __name__ == "__main__":` is left alone, and so is
    an `async_scoped_session` registry, which is meant to live at module
    level.

    ## Why is this bad?
    An `AsyncSession` is not safe to share between concurrent tasks. One
    module-level session used by every request interleaves their
    transactions and connection state: with 20 concurrent tasks sharing one
    session, SQLAlchemy 2.1.9 raised `sqlalchemy.exc.InvalidRequestError:
    This session is provisioning a new connection; concurrent operations
    are not permitted` (verified); otherwise requests see and commit or
    roll back each other's pending changes.

    ## Example
    ```python
    from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

    engine = create_async_engine("postgresql+asyncpg://app@db/app")
    SessionLocal = async_sessionmaker(engine, expire_on_commit=False)
    session = SessionLocal()
    ```

    ## Use instead
    ```python
    from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

    engine = create_async_engine("postgresql+asyncpg://app@db/app")
    SessionLocal = async_sessionmaker(engine, expire_on_commit=False)

    async def get_db():
        async with SessionLocal() as session:
            yield session
    ```

    ## Fix safety
    No fix: each request needs its own session, usually from a `yield`
    dependency; that restructuring is left to the author.
    """

    code = "FP205"
    name = "module-level-async-session"
    message = (
        "AsyncSession created {where}: one session shared by all concurrent requests; "
        "open one per request (async with SessionLocal() as session in a yield dependency)"
    )

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        if ctx.function() is not None:  # in a def or lambda: made per call
            return
        parent = ctx.parent
        if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and any(
            decorator is node for decorator in parent.decorator_list
        ):
            return  # ``@router.get(...)``: what it makes decorates, it is not kept
        if _under_main_guard(ctx) or ctx.type_of(node) not in ASYNC_SESSION_TYPES:
            return
        yield self.report(node, where=_where(ctx))


def _where(ctx: Context) -> str:
    if any(isinstance(a, ast.arguments) for a in ctx.ancestors):
        return "as a parameter default (evaluated once at import)"
    if ctx.scope.is_class:
        return "as a class attribute"
    return "at module level"


def _under_main_guard(ctx: Context) -> bool:
    for ancestor in ctx.ancestors:
        if isinstance(ancestor, ast.If):
            test = ancestor.test
            if (
                isinstance(test, ast.Compare)
                and isinstance(test.left, ast.Name)
                and test.left.id == "__name__"
                and any(isinstance(c, ast.Constant) and c.value == "__main__" for c in test.comparators)
            ):
                return True
    return False
