from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, Rule
from flake8_fastapi_prod.rules.event_loop.blocking import BLOCKING_GATE, HTTP, blocking_call


class BlockingHttpInAsync(Rule):
    """A blocking HTTP client call (`requests`, `httpx.Client`, `urllib`, `urllib3`) inside an `async def`.

    ## What it does
    Flags, when the innermost enclosing function is an `async def`:
    `requests.get/post/put/patch/delete/head/options/request(...)`,
    `httpx.get/post/.../request/stream(...)`, `urllib.request.urlopen` /
    `urlretrieve`, `urllib3.request(...)`, and the request methods of a
    value known to be a `requests.Session`, an `httpx.Client` or a
    `urllib3.PoolManager`: `s = requests.Session(); s.get(...)`,
    `with httpx.Client() as client: client.post(...)`,
    `urllib3.PoolManager().request(...)`, a parameter annotated
    `httpx.Client`, or `self.client` assigned `httpx.Client()` in the class.
    Every import spelling is resolved (`import requests as r`,
    `from requests import get`). A receiver of unknown type is never flagged,
    whatever its name, and `httpx.AsyncClient` is not blocking; neither is
    an awaited call, or a receiver whose methods the function awaits.

    ## Why is this bad?
    These clients wait for the network on the calling thread. Inside an
    `async def` endpoint that thread runs the event loop, so every other
    request on the worker stalls until the response arrives (or the
    timeout fires). FastAPI runs plain `def` endpoints in a threadpool,
    which is why the same call is not flagged there, nor when it is handed
    to `asyncio.to_thread`, `run_in_threadpool`, `anyio.to_thread.run_sync`
    or `loop.run_in_executor` (the function is passed, not called).

    ## Example
    ```python
    import requests

    async def exchange_rate(currency: str) -> float:
        response = requests.get(f"https://rates.example.com/{currency}", timeout=5)
        return response.json()["rate"]
    ```

    ## Use instead
    ```python
    import httpx

    async def exchange_rate(currency: str) -> float:
        async with httpx.AsyncClient(timeout=5) as client:
            response = await client.get(f"https://rates.example.com/{currency}")
        return response.json()["rate"]
    ```

    ## Fix safety
    No fix: moving to `httpx.AsyncClient` changes the client's API (and
    usually where the client is created), which needs a human.
    """

    code = "FP102"
    gates = {"Call": BLOCKING_GATE}
    name = "blocking-http-in-async"
    message = "{call}() blocks the event loop inside async def; use {instead}"

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        found = blocking_call(node, ctx)
        if found is not None and found.code == HTTP:
            yield self.report(node, call=found.call, instead=found.instead)
