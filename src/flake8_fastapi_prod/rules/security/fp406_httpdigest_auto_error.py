from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, Gate, Rule, target_below
from flake8_fastapi_prod.rules.security.common import keyword_value, resolve_literal

HTTP_DIGEST = "fastapi.security.HTTPDigest"


class HttpDigestAutoErrorIgnored(Rule):
    """`HTTPDigest(auto_error=False)` on FastAPI before 0.115.9.

    ## What it does
    Flags `HTTPDigest(auto_error=False)` (`fastapi.security.HTTPDigest`,
    also through `fastapi.security.http` or an alias) when the FastAPI
    target is older than 0.115.9. Reported by default only when the
    project's FastAPI target is known and older (or when FP406 is selected
    by name).

    ## Why is this bad?
    FastAPI 0.115.9 fixed it ("Ensure that `HTTPDigest` only raises an
    exception when `auto_error is True`", PR #2939, release notes of
    0.115.9). Before, a request whose `Authorization` header carries
    another scheme is rejected even with `auto_error=False`. Verified on
    FastAPI 0.115.8: with no header the dependency gives `None`, but with
    `Authorization: Bearer abc` the client gets `403 {"detail": "Invalid
    authentication credentials"}` instead of the route running with
    `None`, so an endpoint meant to accept either a digest or a bearer
    token never sees the bearer one. On 0.115.9 and later (0.165
    verified) the route runs.

    ## Example
    ```python
    from fastapi.security import HTTPDigest

    digest = HTTPDigest(auto_error=False)
    ```

    ## Use instead
    ```python
    from fastapi.security import HTTPDigest

    digest = HTTPDigest()  # or upgrade to FastAPI >= 0.115.9
    ```

    ## Fix safety
    There is no fix: upgrade FastAPI to 0.115.9 or later, or read the
    `Authorization` header in a dependency of your own.
    """

    code = "FP406"
    gates = {"Call": Gate(qualnames=frozenset({HTTP_DIGEST}))}
    name = "httpdigest-auto-error-ignored"
    message = (
        "HTTPDigest(auto_error=False) still rejects another Authorization scheme with 403 before FastAPI 0.115.9; "
        "upgrade FastAPI or read the header yourself"
    )
    default = target_below("0.115.9")

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        if ctx.qualified_name(node.func) != HTTP_DIGEST:
            return
        auto_error = keyword_value(node, "auto_error")
        if auto_error is None:
            return
        found = resolve_literal(auto_error, ctx)
        if found is not None and found.value is False:
            yield self.report(node)
