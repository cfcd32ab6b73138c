from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_fastapi_prod import knowledge as K
from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, Rule
from flake8_fastapi_prod.rules.security.common import MIDDLEWARE_GATE, middleware_use, resolve_literal


class TrustedHostAllowsAny(Rule):
    """`TrustedHostMiddleware` that allows every host, or is given a keyword it does not take.

    ## What it does
    Flags Starlette's `TrustedHostMiddleware` (from
    `starlette.middleware.trustedhost` or `fastapi.middleware.trustedhost`),
    added with `app.add_middleware(...)` or `Middleware(...)`, when
    `allowed_hosts` holds `"*"` (a literal, a constant or a settings
    default) or is a string containing `*` (`allowed_hosts="*"`: Starlette
    tests `"*" in allowed_hosts`, a substring test on a string), when it
    is left out (the default is `["*"]`), or when it is
    given a keyword other than `allowed_hosts` / `www_redirect` (seed 003
    passes `allowed=["*"]`). Hosts from the environment are not judged.

    ## Why is this bad?
    Verified on Starlette 1.10: `add_middleware(TrustedHostMiddleware)` and
    `allowed_hosts=["*"]` answer a request for `Host: evil.test` with 200:
    the middleware checks nothing, while the code reads as if Host-header
    attacks (poisoned password-reset links, cache poisoning) were handled.
    `add_middleware(TrustedHostMiddleware, allowed=["*"])` is accepted
    when the middleware is added and fails on the first request with
    `TypeError: TrustedHostMiddleware.__init__() got an unexpected keyword
    argument 'allowed'`.

    ## Example
    ```python
    from fastapi import FastAPI
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    app = FastAPI()
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=["*"])
    ```

    ## Use instead
    ```python
    from fastapi import FastAPI
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    app = FastAPI()
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=["api.example.com", "*.example.com"])
    ```

    ## Fix safety
    There is no fix: the host names the service answers to are the
    project's to list.
    """

    code = "FP410"
    gates = {"Call": MIDDLEWARE_GATE}
    name = "trusted-host-allows-any"
    message = "TrustedHostMiddleware {problem}"

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        use = middleware_use(node, ctx, K.TRUSTED_HOST_MIDDLEWARES)
        if use is None or any(k.arg is None for k in use.keywords):
            return
        unknown = [k.arg for k in use.keywords if k.arg not in K.TRUSTED_HOST_KEYWORDS]
        if unknown:
            problem = (
                f"is given {unknown[0]}=, which it does not take: the first request fails with TypeError; "
                "use allowed_hosts="
            )
            yield self.report(node, problem=problem)
            return
        extra_positional = node.args[1:]
        hosts = next((k.value for k in use.keywords if k.arg == "allowed_hosts"), None)
        if hosts is None and extra_positional:
            return  # positional options: not judged
        if hosts is None:
            yield self.report(
                node, problem='without allowed_hosts allows every host (the default is ["*"]); list the host names'
            )
            return
        found = resolve_literal(hosts, ctx)
        if found is None:
            return
        via = f" (from {found.via})" if found.via else ""
        if isinstance(found.value, list) and "*" in found.value:
            yield self.report(node, problem=f'with allowed_hosts=["*"]{via} allows every host; list the host names')
        elif isinstance(found.value, str) and "*" in found.value:
            # Starlette tests ``"*" in allowed_hosts``: on a string that is a substring test
            yield self.report(
                node,
                problem=f"with allowed_hosts={found.value!r}{via}, a string, allows every host "
                '(it checks "*" in the string); pass a list of host names',
            )
