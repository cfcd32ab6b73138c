from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, FixSafety, Gate, Rule


class TimeSleepInAsync(Rule):
    """`time.sleep()` called inside an `async def`.

    ## What it does
    Flags a call of `time.sleep`, however it is imported (`import time`,
    `import time as t`, `from time import sleep`), whose innermost enclosing
    function is an `async def`.

    ## Why is this bad?
    `time.sleep` blocks the thread, and in an `async def` endpoint that
    thread runs the event loop: every other request on the worker waits
    until the sleep ends. `await asyncio.sleep()` suspends only this task.

    ## Example
    ```python
    import time

    async def poll_status():
        time.sleep(1)
    ```

    ## Use instead
    ```python
    import asyncio

    async def poll_status():
        await asyncio.sleep(1)
    ```

    ## Fix safety
    Safe. The call becomes `await asyncio.sleep(...)` with the same
    arguments; `import asyncio` is added unless `asyncio` or
    `asyncio.sleep` is already imported, in which case that name is used.
    No fix inside a generator expression or where `asyncio` names
    something else.
    """

    code = "FP101"
    gates = {"Call": Gate(qualnames=frozenset({"time.sleep"}))}
    name = "time-sleep-in-async"
    message = "time.sleep() inside async def blocks the event loop for every request; use await asyncio.sleep(){note}"
    fix_safety = FixSafety.SAFE

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        if not ctx.in_async_function() or ctx.qualified_name(node.func) != "time.sleep":
            return
        fixable, note, data = ctx.await_fix_data(node)
        reference = ctx.reference_to("asyncio.sleep")
        if reference is None:
            if ctx.name_is_free("asyncio"):
                reference, data["import"] = "asyncio.sleep", True
            else:
                fixable, note = False, " (no fix: the name asyncio is taken here)"
        data["sleep"] = reference
        yield self.report(node, fixable=fixable, fix_data=data, note=note)

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        from flake8_fastapi_prod.fix.edits import awaited, expression

        if not isinstance(node, cst.Call):
            return None
        data = finding.data()
        if data.get("import"):
            fix_ctx.add_import("asyncio")
        call = node.with_changes(func=expression(data["sleep"]))
        if not data["await"]:
            return call
        return awaited(call, parens=data["parens"])
