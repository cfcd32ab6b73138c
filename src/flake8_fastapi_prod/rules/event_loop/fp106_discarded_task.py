from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_fastapi_prod import knowledge as K
from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, Gate, Rule

_TASK_FACTORIES = frozenset({"asyncio.create_task", "asyncio.ensure_future"})


class DiscardedTask(Rule):
    """`asyncio.create_task(...)` / `ensure_future(...)` / `loop.create_task(...)` whose result is discarded.

    ## What it does
    Flags an expression statement that is a call of `asyncio.create_task`,
    `asyncio.ensure_future` (however imported) or `create_task` on a value
    known to be an event loop (`asyncio.get_running_loop()`,
    `asyncio.get_event_loop()`, `asyncio.new_event_loop()`, a parameter
    annotated `asyncio.AbstractEventLoop`), also when only
    `.add_done_callback(...)` is called on the new task. A task that is
    assigned, added to a collection, passed on, returned or awaited is
    kept. `tg.create_task(...)` on an `asyncio.TaskGroup` (or any receiver
    not known to be a loop) is not flagged: the group holds its tasks.

    ## Why is this bad?
    The event loop keeps only weak references to tasks. The asyncio docs:
    "Save a reference to the result of this function, to avoid a task
    disappearing mid-execution. ... A task that isn't referenced elsewhere
    may get garbage collected at any time, even before it's done." A
    fire-and-forget task (an email, an audit write) can silently vanish,
    and its exception is never seen.

    ## Example
    ```python
    import asyncio

    async def register(user):
        asyncio.create_task(send_welcome_email(user))
        return user
    ```

    ## Use instead
    ```python
    import asyncio

    background_tasks = set()

    async def register(user):
        task = asyncio.create_task(send_welcome_email(user))
        background_tasks.add(task)
        task.add_done_callback(background_tasks.discard)
        return user
    ```

    ## Fix safety
    No fix: where the reference should live (a module-level set, app
    state, a TaskGroup, FastAPI's `BackgroundTasks`) is a design choice.
    """

    code = "FP106"
    name = "discarded-task"
    message = (
        "{call}() result is discarded: the event loop keeps only a weak reference, so the task can be "
        "garbage-collected before it finishes; keep a reference (e.g. a set of background tasks) or use a TaskGroup"
    )

    #: An expression statement's call: a factory's own name, or
    #: ``.add_done_callback(...)`` chained on one.
    gates = {
        "Call": Gate(
            keys=frozenset({"create_task", "add_done_callback"}),
            qualnames=_TASK_FACTORIES,
            parent_types=frozenset({ast.Expr}),
        )
    }

    def visit_Call(self, call: ast.Call, ctx: Context) -> Iterator[Finding]:
        if not isinstance(ctx.parent, ast.Expr):
            return
        func = call.func
        # ``asyncio.create_task(job()).add_done_callback(log)``: still discarded.
        if isinstance(func, ast.Attribute) and func.attr == "add_done_callback" and isinstance(func.value, ast.Call):
            call = func.value
        name = _task_factory(call, ctx)
        if name is not None:
            yield self.report(call, call=name)


def _task_factory(call: ast.Call, ctx: Context) -> str | None:
    qualname = ctx.qualified_name(call.func)
    if qualname in _TASK_FACTORIES:
        return qualname
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "create_task" and ctx.type_of(func.value) == K.ASYNCIO_LOOP:
        return "loop.create_task"
    return None
