from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, Gate, Rule
from flake8_fastapi_prod.resolve import walk
from flake8_fastapi_prod.rules.app.common import string_argument
from flake8_fastapi_prod.rules.ratelimit.slowapi import (
    GET_IPADDR,
    LIMIT_METHODS,
    LIMITER,
    is_limiter_call,
    limiter_kind,
)


class SpoofableIpKey(Rule):
    """slowapi `get_ipaddr` as the rate-limit key: the client chooses its own key.

    ## What it does
    Flags `key_func=get_ipaddr` (slowapi's `slowapi.util.get_ipaddr`,
    however imported, also inside a `lambda`) given to `Limiter(...)` or to
    `limiter.limit(...)` / `limiter.shared_limit(...)`, by keyword or in
    its position (`Limiter(get_ipaddr)`: `key_func` is the first parameter).

    ## Why is this bad?
    Verified on slowapi 0.1.10: `get_ipaddr` returns the value of a request
    header literally named `X_FORWARDED_FOR` (with underscores) when it is
    present, and the client address otherwise. A client that reaches the
    application directly sends any value it likes: against uvicorn 0.54
    (h11 0.16 accepts the underscore header) rotating that header gave 200
    eight times against a `5/hour` limit (without it, and with
    `get_remote_address`: 429 from the sixth request). Behind a proxy that
    sets the standard `X-Forwarded-For` (hyphens) the header is not read at
    all, so every client shares the proxy's address and one bucket.

    ## Example
    ```python
    from slowapi import Limiter
    from slowapi.util import get_ipaddr

    limiter = Limiter(key_func=get_ipaddr, storage_uri="redis://redis:6379")
    ```

    ## Use instead
    ```python
    from slowapi import Limiter
    from slowapi.util import get_remote_address

    limiter = Limiter(key_func=get_remote_address, storage_uri="redis://redis:6379")
    ```

    Behind a proxy, run uvicorn with `--proxy-headers
    --forwarded-allow-ips=<proxy>` so that `request.client.host` is the
    real client address, which `get_remote_address` reads.

    ## Fix safety
    No fix: which address is the client's depends on the deployment.
    """

    code = "FP706"
    gates = {"Call": Gate(keys=LIMIT_METHODS, qualnames=frozenset({LIMITER}))}
    name = "spoofable-ip-key"
    message = (
        "get_ipaddr keys the limit on the X_FORWARDED_FOR header, which any client can send to rotate its key; "
        "use get_remote_address behind uvicorn --proxy-headers"
    )

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        func = node.func
        if is_limiter_call(node, ctx.resolver, ctx.scope):
            position = 0  # Limiter(key_func, ...)
        elif (
            isinstance(func, ast.Attribute)
            and func.attr in LIMIT_METHODS
            and limiter_kind(func.value, ctx.resolver, ctx.scope) is not None
        ):
            position = 1 if func.attr == "limit" else 2  # limit(value, key_func), shared_limit(value, scope, key_func)
        else:
            return
        value = string_argument(node, position, "key_func")
        if value is None:
            return
        candidates = [value] if not isinstance(value, ast.Lambda) else list(walk(value.body))
        for candidate in candidates:
            if isinstance(candidate, (ast.Name, ast.Attribute)) and ctx.qualified_name(candidate) == GET_IPADDR:
                yield self.report(candidate)
                return
