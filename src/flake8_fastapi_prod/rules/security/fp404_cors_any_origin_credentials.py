from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from flake8_fastapi_prod import knowledge as K
from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, Rule
from flake8_fastapi_prod.rules.security.common import MIDDLEWARE_GATE, middleware_use, resolve_literal

#: Origins no allow-list means to allow: a regex that matches them all is a wildcard.
_PROBE_ORIGINS = ("https://attacker.invalid", "http://evil.test:8080", "null")


def matches_any_origin(pattern: str) -> bool:
    try:
        compiled = re.compile(pattern)
    except re.error:
        return False
    return all(compiled.fullmatch(origin) for origin in _PROBE_ORIGINS[:2])


class CorsAnyOriginWithCredentials(Rule):
    """`CORSMiddleware` allowing every origin together with credentials.

    ## What it does
    Flags Starlette's `CORSMiddleware` (imported from
    `starlette.middleware.cors` or `fastapi.middleware.cors`) configured
    with `allow_credentials=True` and either `allow_origins` holding `"*"`
    or an `allow_origin_regex` that matches any origin (such as `".*"`),
    however it is added: `app.add_middleware(CORSMiddleware, ...)` or
    `FastAPI(middleware=[Middleware(CORSMiddleware, ...)])`. The values are
    resolved: a literal, a constant (also imported from another module),
    or the literal default of a `BaseSettings` field read as
    `settings.FIELD`. Origins from the environment are not judged.

    ## Why is this bad?
    Verified on Starlette 1.10: with `allow_origins=["*"]` and
    `allow_credentials=True`, a request with `Origin: https://evil.test`
    and a cookie gets `Access-Control-Allow-Origin: https://evil.test` and
    `Access-Control-Allow-Credentials: true`, and so does the preflight:
    Starlette echoes the caller's origin, so any web page a logged-in user
    visits can call the API with the user's cookies and read the answers.
    (Without credentials Starlette answers `*`, which browsers refuse to
    combine with cookies; that configuration is not flagged.)

    ## Example
    ```python
    from fastapi import FastAPI
    from fastapi.middleware.cors import CORSMiddleware

    app = FastAPI()
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)
    ```

    ## Use instead
    ```python
    from fastapi import FastAPI
    from fastapi.middleware.cors import CORSMiddleware

    app = FastAPI()
    app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)
    ```

    ## Fix safety
    There is no fix: the origins the front end is served from are the
    project's to list.
    """

    code = "FP404"
    gates = {"Call": MIDDLEWARE_GATE}
    name = "cors-any-origin-with-credentials"
    message = (
        "CORSMiddleware allows every origin ({origins}) with allow_credentials=True: Starlette echoes any Origin "
        "with credentials allowed; list the trusted origins"
    )

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        use = middleware_use(node, ctx, K.CORS_MIDDLEWARES)
        if use is None:
            return
        options = {k.arg: k.value for k in use.keywords if k.arg is not None}
        credentials = options.get("allow_credentials")
        if credentials is None:
            return
        found = resolve_literal(credentials, ctx)
        if found is None or found.value is not True:
            return
        origins = _any_origin(options, ctx)
        if origins is not None:
            yield self.report(node, origins=origins)


def _any_origin(options: dict[str, ast.expr], ctx: Context) -> str | None:
    if "allow_origins" in options:
        found = resolve_literal(options["allow_origins"], ctx)
        if found is not None and isinstance(found.value, (list, str)) and "*" in found.value:
            return 'allow_origins=["*"]' + (f" from {found.via}" if found.via else "")
    if "allow_origin_regex" in options:
        found = resolve_literal(options["allow_origin_regex"], ctx)
        if found is not None and isinstance(found.value, str) and matches_any_origin(found.value):
            return f"allow_origin_regex={found.value!r}" + (f" from {found.via}" if found.via else "")
    return None
