from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, FixSafety, Gate, Rule


class GetEventLoopInCoroutine(Rule):
    """`asyncio.get_event_loop()` called inside an `async def`; use `asyncio.get_running_loop()`.

    ## What it does
    Flags a call of `asyncio.get_event_loop()`, however it is imported,
    whose innermost enclosing function is an `async def`.

    ## Why is this bad?
    Inside a coroutine `get_event_loop()` is not broken: it returns the
    running loop, and on Python 3.10-3.13 it does not warn there (its
    deprecation warning is only for calls with no running loop). But it
    says less than it does. The asyncio docs prefer `get_running_loop()`
    "in coroutines and callbacks" because `get_event_loop()` "has rather
    complex behavior (especially when custom event loop policies are in
    use)": when the same code later runs with no loop running (moved into
    a sync helper, a thread, a test), `get_event_loop()` consults the event
    loop policy and, depending on the Python version, may hand back or
    create a loop that is not running, or warn. `get_running_loop()` is the
    explicit spelling: it can never create a loop by accident and raises
    `RuntimeError: no running event loop` instead.

    ## Example
    ```python
    import asyncio

    async def hash_password(password: str) -> str:
        loop = asyncio.get_event_loop()
        return await loop.run_in_executor(None, slow_hash, password)
    ```

    ## Use instead
    ```python
    import asyncio

    async def hash_password(password: str) -> str:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, slow_hash, password)
    ```

    ## Fix safety
    Safe: inside a coroutine both functions return the same running loop.
    `asyncio.get_event_loop()` becomes `asyncio.get_running_loop()` (with
    the same module alias); a bare `get_event_loop()` imported from asyncio
    becomes whatever name already reaches `get_running_loop` here
    (`asyncio.get_running_loop` or an imported `get_running_loop`), and
    when there is none `get_running_loop` is added to the imports from
    asyncio (or `import asyncio`, if that name is taken). No fix where both
    names are taken by something else. An import of `get_event_loop`
    that becomes unused is left in place.
    """

    code = "FP105"
    gates = {"Call": Gate(qualnames=frozenset({"asyncio.get_event_loop"}))}
    name = "get-event-loop-in-coroutine"
    message = (
        "asyncio.get_event_loop() inside async def; use asyncio.get_running_loop() "
        "(the same loop here, and it can never create a new one){note}"
    )
    fix_safety = FixSafety.SAFE

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        if not ctx.in_async_function() or ctx.qualified_name(node.func) != "asyncio.get_event_loop":
            return
        fixable, note = True, ""
        data: dict[str, object] = {}
        func = node.func
        if isinstance(func, ast.Attribute):  # keep the module spelling: ``aio.get_event_loop()``
            reference: str | None = f"{ast.unparse(func.value)}.get_running_loop"
        else:
            reference = ctx.reference_to("asyncio.get_running_loop")
        if node.args or node.keywords:
            fixable, note = False, " (no fix: unexpected arguments)"
        elif reference is None:
            # ``from asyncio import get_event_loop``: import the new name the same way.
            if ctx.name_is_free("get_running_loop"):
                reference, data["import"] = "get_running_loop", "get_running_loop"
            elif ctx.name_is_free("asyncio"):
                reference, data["import"] = "asyncio.get_running_loop", "asyncio"
            else:
                fixable, note = False, " (no fix: the names get_running_loop and asyncio are taken here)"
        data["function"] = reference
        yield self.report(node, fixable=fixable, fix_data=data, note=note)

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        from flake8_fastapi_prod.fix.edits import expression

        if not isinstance(node, cst.Call):
            return None
        data = finding.data()
        if data.get("import") == "get_running_loop":
            fix_ctx.add_import("asyncio", "get_running_loop")
        elif data.get("import"):
            fix_ctx.add_import("asyncio")
        return node.with_changes(func=expression(data["function"]))
