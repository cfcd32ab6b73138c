from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_fastapi_prod import knowledge as K
from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, Gate, Rule


class NestedEventLoopRun(Rule):
    """`asyncio.run(...)` or `loop.run_until_complete(...)` inside an `async def`.

    ## What it does
    Flags `asyncio.run(...)` (however imported) and `run_until_complete(...)`
    on a value known to be an event loop (`asyncio.get_event_loop()`,
    `asyncio.get_running_loop()`, `asyncio.new_event_loop()`, annotated
    `asyncio.AbstractEventLoop`) when the innermost enclosing function is an
    `async def`. The same calls in a plain `def` (run in a thread, or at
    start-up) are not flagged.

    ## Why is this bad?
    A coroutine always runs inside a running event loop, and a thread can
    run only one loop at a time, so these calls fail every time they are
    reached (CPython 3.11):
    `asyncio.run()` raises `RuntimeError: asyncio.run() cannot be called
    from a running event loop`; `run_until_complete` on the running loop
    raises `RuntimeError: This event loop is already running`, and on
    another loop `RuntimeError: Cannot run the event loop while another
    loop is running`. The coroutine passed in is never awaited.

    ## Example
    ```python
    import asyncio

    async def refresh_cache():
        asyncio.run(warm_up())
    ```

    ## Use instead
    ```python
    async def refresh_cache():
        await warm_up()
    ```

    ## Fix safety
    No fix: `await` is usually right, but only when the result is used the
    same way; a blocking sync caller may have been intended instead.
    """

    code = "FP107"
    gates = {"Call": Gate(keys=frozenset({"run_until_complete"}), qualnames=frozenset({"asyncio.run"}))}
    name = "nested-event-loop-run"
    message = "{call}() inside async def raises RuntimeError: {error}; await the coroutine instead"

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        if not ctx.in_async_function():
            return
        func = node.func
        if ctx.qualified_name(func) == "asyncio.run":
            yield self.report(
                node, call="asyncio.run", error="asyncio.run() cannot be called from a running event loop"
            )
        elif (
            isinstance(func, ast.Attribute)
            and func.attr == "run_until_complete"
            and ctx.type_of(func.value) == K.ASYNCIO_LOOP
        ):
            yield self.report(node, call="loop.run_until_complete", error="a loop is already running in this thread")
