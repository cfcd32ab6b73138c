from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, Rule
from flake8_fastapi_prod.rules.event_loop.blocking import BLOCKING_GATE, FILES, blocking_call


class BlockingIoInAsync(Rule):
    """Blocking file or process I/O (`open`, `Path.read_text`, `subprocess`, `shutil`) inside an `async def`.

    ## What it does
    Flags, when the innermost enclosing function is an `async def`: the
    builtin `open(...)` (not a local or imported `open`, so `aiofiles.open`
    and `anyio.open_file` are fine), `read_text` / `read_bytes` /
    `write_text` / `write_bytes` / `open` on a value known to be a
    `pathlib.Path` (`Path(...)`, a parameter annotated `Path`,
    `Path(__file__).parent / "x"`), `subprocess.run/call/check_call/
    check_output/Popen/getoutput/getstatusoutput`, `os.system`, `os.popen`,
    and `shutil.copy/copy2/copyfile/copyfileobj/copytree/move/rmtree/
    make_archive/unpack_archive`, however they are imported.

    ## Why is this bad?
    Disk and process I/O block the thread that runs the event loop: while
    a file is read, a tree is copied or a child process runs to completion,
    no other request on the worker makes progress. Plain `def` endpoints
    run in FastAPI's threadpool and are not flagged, nor is a function
    handed to `asyncio.to_thread` / `run_in_threadpool` /
    `anyio.to_thread.run_sync` / `loop.run_in_executor`.

    ## Example
    ```python
    import subprocess

    async def render_report(path: str) -> bytes:
        subprocess.run(["wkhtmltopdf", path, "/tmp/report.pdf"], check=True)
        with open("/tmp/report.pdf", "rb") as report:
            return report.read()
    ```

    ## Use instead
    ```python
    import anyio

    async def render_report(path: str) -> bytes:
        await anyio.run_process(["wkhtmltopdf", path, "/tmp/report.pdf"])
        async with await anyio.open_file("/tmp/report.pdf", "rb") as report:
            return await report.read()
    ```

    ## Fix safety
    No fix: the async replacements have different APIs (and a thread may
    be the better choice), which needs a human.
    """

    code = "FP103"
    gates = {"Call": BLOCKING_GATE}
    name = "blocking-io-in-async"
    message = "{call}() blocks the event loop inside async def; use {instead}"

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        found = blocking_call(node, ctx)
        if found is not None and found.code == FILES:
            yield self.report(node, call=found.call, instead=found.instead)
