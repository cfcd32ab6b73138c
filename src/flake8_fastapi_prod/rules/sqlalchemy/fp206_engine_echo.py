from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, FixSafety, Gate, Rule
from flake8_fastapi_prod.rules.sqlalchemy.common import ENGINE_FACTORIES, is_literal, keyword, remove_keyword


class EngineEchoTrue(Rule):
    """`echo=True` written literally on `create_engine` / `create_async_engine`.

    ## What it does
    Flags `create_engine(..., echo=True)` and
    `create_async_engine(..., echo=True)` (also `echo="debug"`, which logs
    result rows too), from `sqlalchemy`, `sqlalchemy.ext.asyncio` or
    `sqlmodel`. A computed value (`echo=settings.DEBUG`) is left alone.

    ## Why is this bad?
    `echo=True` sends every SQL statement, with its bound parameters, to
    the `sqlalchemy.engine` logger at INFO level and adds a stream handler
    to stdout. In production that writes passwords, tokens and personal
    data into the logs and costs a log line per query. It is a debugging
    switch that is easy to commit by accident.

    ## Example
    ```python
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine("postgresql+asyncpg://app@db/app", echo=True)
    ```

    ## Use instead
    ```python
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine("postgresql+asyncpg://app@db/app", echo=settings.SQL_ECHO)
    ```

    ## Fix safety
    Unsafe: the keyword is removed, which stops the statement logging that
    someone may be relying on (in development, or a log pipeline); a
    comment on the removed argument's line goes with it.
    """

    code = "FP206"
    gates = {"Call": Gate(qualnames=frozenset(ENGINE_FACTORIES))}
    name = "engine-echo-true"
    message = "{callee}(echo={value!r}) logs every statement with its parameters; remove it or read it from settings"
    fix_safety = FixSafety.UNSAFE

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        qualname = ctx.qualified_name(node.func)
        if qualname not in ENGINE_FACTORIES:
            return
        echo = keyword(node, "echo")
        if echo is None or not (is_literal(echo.value, True) or is_literal(echo.value, "debug")):
            return
        assert isinstance(echo.value, ast.Constant)
        yield self.report(echo, target=node, callee=qualname.rpartition(".")[2], value=echo.value.value)

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        return remove_keyword(node, "echo")
