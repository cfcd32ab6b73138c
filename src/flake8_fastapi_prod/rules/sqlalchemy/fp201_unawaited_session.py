from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod import knowledge as K
from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, FixSafety, Gate, Rule
from flake8_fastapi_prod.resolve import FunctionNode, walk

# inspect.iscoroutinefunction over the public methods, SQLAlchemy 2.1.9.
_SESSION_COROUTINES = frozenset(
    {
        "aclose",
        "close",
        "close_all",
        "commit",
        "connection",
        "delete",
        "delete_all",
        "execute",
        "flush",
        "get",
        "get_one",
        "invalidate",
        "merge",
        "merge_all",
        "refresh",
        "reset",
        "rollback",
        "run_sync",
        "scalar",
        "scalars",
        "stream",
        "stream_scalars",
    }
)
COROUTINE_METHODS: dict[str, frozenset[str]] = {
    K.ASYNC_SESSION: _SESSION_COROUTINES,
    K.SQLMODEL_ASYNC_SESSION: _SESSION_COROUTINES | {"exec"},
    K.ASYNC_SCOPED_SESSION: (_SESSION_COROUTINES - {"run_sync"}) | {"remove"},
    K.ASYNC_CONNECTION: frozenset(
        {
            "aclose",
            "close",
            "commit",
            "exec_driver_sql",
            "execute",
            "execution_options",
            "get_isolation_level",
            "get_raw_connection",
            "invalidate",
            "rollback",
            "run_sync",
            "scalar",
            "scalars",
            "start",
        }
    ),
    K.ASYNC_ENGINE: frozenset({"dispose", "raw_connection"}),
}
_ANY_METHOD = frozenset().union(*COROUTINE_METHODS.values())

_SHORT_NAMES = {
    K.ASYNC_SESSION: "AsyncSession",
    K.SQLMODEL_ASYNC_SESSION: "AsyncSession",
    K.ASYNC_SCOPED_SESSION: "async_scoped_session",
    K.ASYNC_CONNECTION: "AsyncConnection",
    K.ASYNC_ENGINE: "AsyncEngine",
}

_CONSEQUENCES = {
    "commit": "the transaction is never committed",
    "rollback": "the transaction is never rolled back",
    "flush": "nothing is flushed",
    "refresh": "the object is never refreshed",
    "delete": "nothing is deleted",
    "delete_all": "nothing is deleted",
    "merge": "nothing is merged",
    "merge_all": "nothing is merged",
    "close": "the connection is never released",
    "aclose": "the connection is never released",
    "close_all": "nothing is closed",
    "remove": "the session is never removed",
    "reset": "the session is never reset",
    "invalidate": "nothing is invalidated",
    "dispose": "the pool is never disposed",
    "run_sync": "the function never runs",
}
_RESULT_CONSEQUENCE = "it returns a coroutine, not a result"


class UnawaitedAsyncSessionCall(Rule):
    """A coroutine method of an `AsyncSession`, `AsyncConnection` or `AsyncEngine` called without `await`.

    ## What it does
    Flags `execute`, `scalar`, `scalars`, `get`, `commit`, `rollback`,
    `flush`, `refresh`, `delete`, `merge`, `close`, `run_sync`, ... (every
    coroutine method of SQLAlchemy 2.1's asyncio classes) when the call is
    not awaited and its result is discarded, used as a value
    (`session.execute(q).scalars()`), assigned to a name that is never
    awaited, or returned from an `async def`. The receiver must be known to
    be such an object: a parameter annotated `AsyncSession` (also through
    `Annotated[...]` and aliases imported from other project modules), a
    dependency that yields one, a session made by an `async_sessionmaker`,
    `async with engine.begin() as conn`, or `self.session` in a class that
    stores one. `add`, `add_all`, `expunge` and `begin` are synchronous and
    never flagged.

    ## Why is this bad?
    Calling a coroutine function only creates a coroutine. An unawaited
    `session.commit()` commits nothing (Python prints only a
    `RuntimeWarning: coroutine ... was never awaited`), and an unawaited
    `execute()` hands back a coroutine where a `Result` was expected.

    ## Example
    ```python
    from sqlalchemy.ext.asyncio import AsyncSession

    async def create_user(session: AsyncSession, user) -> None:
        session.add(user)
        session.commit()
    ```

    ## Use instead
    ```python
    from sqlalchemy.ext.asyncio import AsyncSession

    async def create_user(session: AsyncSession, user) -> None:
        session.add(user)
        await session.commit()
    ```

    ## Fix safety
    Safe inside an `async def`: `await` is inserted (with parentheses when
    the result is used, `(await session.execute(q)).scalars()`). Outside
    an `async def`, or in a generator expression, there is no fix.
    """

    code = "FP201"
    gates = {"Call": Gate(keys=_ANY_METHOD)}
    name = "unawaited-async-session-call"
    message = "{owner}.{method}() is not awaited: {consequence}{note}"
    fix_safety = FixSafety.SAFE

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        func = node.func
        if not isinstance(func, ast.Attribute) or func.attr not in _ANY_METHOD:
            return
        parent = ctx.parent
        if isinstance(parent, (ast.Await, *_HANDED_ON)) or (isinstance(parent, ast.Call) and parent.func is not node):
            return  # awaited, or handed on at once: the cheap part of _result_is_misused, first
        # The receiver's type (memoised) before the rest of the usage check,
        # which may scan the whole function for later uses of an assigned name.
        owner = ctx.type_of(func.value)
        if owner is None or func.attr not in COROUTINE_METHODS.get(owner, ()):
            return
        if not _result_is_misused(node, ctx):
            return
        fixable, note, data = ctx.await_fix_data(node)
        yield self.report(
            node,
            fixable=fixable,
            fix_data=data,
            owner=_SHORT_NAMES[owner],
            method=func.attr,
            consequence=_CONSEQUENCES.get(func.attr, _RESULT_CONSEQUENCE),
            note=note,
        )

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        from flake8_fastapi_prod.fix.edits import awaited

        if not isinstance(node, cst.Call):
            return None
        return awaited(node, parens=finding.data()["parens"])


def _result_is_misused(node: ast.Call, ctx: Context) -> bool:
    """The coroutine is dropped, used as if it were the result (``.scalars()``,
    ``or 0``, ``for row in``), or returned from a coroutine. Handing it on
    (an argument, a container, ``yield``, a name awaited later, an attribute
    to be awaited elsewhere) is not misuse."""
    parent = ctx.parent
    if isinstance(parent, _HANDED_ON):
        return False
    if isinstance(parent, ast.Return):
        return ctx.in_async_function()
    if isinstance(parent, ast.Call):
        return parent.func is node
    if isinstance(parent, (ast.Assign, ast.AnnAssign)):
        targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
        if len(targets) != 1 or not isinstance(targets[0], ast.Name):
            return False
        function = ctx.function()
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return False
        return not _name_awaited_or_passed(function, targets[0].id)
    return True


_HANDED_ON = (
    ast.keyword,
    ast.List,
    ast.Tuple,
    ast.Set,
    ast.Dict,
    ast.Starred,
    ast.Yield,
    ast.YieldFrom,
    ast.Lambda,
    ast.IfExp,
    ast.NamedExpr,
    ast.AugAssign,
    ast.comprehension,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
    ast.withitem,
    ast.arguments,
)


def _name_awaited_or_passed(function: FunctionNode, name: str) -> bool:
    """``await name``, ``f(name)``, ``return name``, ``yield name`` or a
    container holding it: the coroutine is consumed somewhere."""
    for node in walk(function):
        if isinstance(node, (ast.Await, ast.Return, ast.Yield, ast.YieldFrom)):
            value = node.value
            if isinstance(value, ast.Name) and value.id == name:
                return True
        elif isinstance(node, ast.Call):
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                target = arg.value if isinstance(arg, ast.Starred) else arg
                if isinstance(target, ast.Name) and target.id == name:
                    return True
        elif isinstance(node, (ast.List, ast.Tuple, ast.Set)) and any(
            isinstance(e, ast.Name) and e.id == name for e in node.elts
        ):
            return True
    return False
