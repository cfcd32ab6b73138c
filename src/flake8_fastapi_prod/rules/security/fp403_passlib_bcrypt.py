from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_fastapi_prod import knowledge as K
from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, Gate, Rule
from flake8_fastapi_prod.rules.security.common import imports_from, keyword_value, resolve_literal

#: passlib schemes that call the ``bcrypt`` package.
BCRYPT_SCHEMES = frozenset({"bcrypt", "bcrypt_sha256"})


class PasslibBcrypt(Rule):
    """passlib's `CryptContext` with the `bcrypt` scheme.

    ## What it does
    Flags `CryptContext(schemes=[..."bcrypt"...])` (also `"bcrypt_sha256"`,
    the comma-separated string form `schemes="bcrypt"`, and a scheme list
    held in a constant) from `passlib.context`.

    ## Why is this bad?
    passlib is unmaintained (1.7.4, 2020) and its bcrypt backend does not
    work with bcrypt 5. Verified with passlib 1.7.4: with bcrypt 4.1.3,
    4.2.0 and 4.3.0 `hash()` and `verify()` work (the first call only logs
    `(trapped) error reading bcrypt version`); with bcrypt 5.0 the first
    `hash()` logs that and then raises `ValueError: password cannot be longer than 72 bytes`
    from passlib's own self-test, for any password; `verify()` of a stored
    bcrypt hash fails the same way, also in a context whose default scheme
    is another one. A fresh install (`pip install passlib[bcrypt]` pulls
    the newest bcrypt) so breaks every login and signup.

    ## Example
    ```python
    from passlib.context import CryptContext

    pwd_context = CryptContext(schemes=["bcrypt"], deprecated="auto")
    ```

    ## Use instead
    ```python
    from pwdlib import PasswordHash

    password_hash = PasswordHash.recommended()
    ```

    ## Fix safety
    There is no fix: the replacement (pwdlib, argon2-cffi, or the `bcrypt`
    package called directly, which verifies existing `$2b$` hashes) has a
    different API. Pinning `bcrypt<5` keeps passlib working meanwhile.
    """

    code = "FP403"
    gates = {"Call": Gate(qualnames=frozenset(K.PASSLIB_CRYPT_CONTEXTS))}
    name = "passlib-bcrypt"
    message = (
        "passlib CryptContext with {scheme!r}: with bcrypt>=5 the first hash()/verify() raises "
        "ValueError (4.x only logs a trapped error), and passlib is unmaintained; "
        "use pwdlib, argon2-cffi or bcrypt directly"
    )

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        if not imports_from(ctx.module, "passlib") or ctx.qualified_name(node.func) not in K.PASSLIB_CRYPT_CONTEXTS:
            return
        schemes = keyword_value(node, "schemes", 0)
        if schemes is None:
            return
        found = resolve_literal(schemes, ctx)
        if found is None:
            return
        names = found.value.split(",") if isinstance(found.value, str) else found.value
        for name in names:
            if isinstance(name, str) and name.strip() in BCRYPT_SCHEMES:
                yield self.report(node, scheme=name.strip())
                return
