from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, Rule
from flake8_fastapi_prod.resolve import ModuleInfo
from flake8_fastapi_prod.rules.security.common import (
    JwtCall,
    Literal,
    is_test_module,
    jwt_call,
    jwt_imports,
    literal_resolver,
    may_be_jwt_call,
    resolver_for,
    verification_off,
)

_NOT_SECRETS = ("PUBLIC KEY-----", "BEGIN CERTIFICATE")


def secret_literal(found: Literal | None) -> bool:
    """A literal that is a usable signing key (not empty, not a public key)."""
    if found is None or not isinstance(found.value, (str, bytes)):
        return False
    text = found.value.decode("latin-1") if isinstance(found.value, bytes) else found.value
    return bool(text.strip()) and not any(marker in text for marker in _NOT_SECRETS)


def _function_name(call: JwtCall) -> str:
    return f"{call.qualname.rpartition('.')[0].rpartition('.')[2] or call.qualname}.{call.qualname.rpartition('.')[2]}"


class _Use:
    """A JWT call whose key resolves to a literal."""

    def __init__(self, call: JwtCall, literal: Literal, module: ModuleInfo) -> None:
        self.call = call
        self.literal = literal
        self.module = module

    def where(self) -> str:
        return f"{self.module.path.name}:{self.call.call.lineno}"


def secret_uses(module: ModuleInfo) -> list[_Use]:
    """Every JWT call of ``module`` whose key is a literal (memoised)."""
    return module.memo("fp401-uses", lambda: _secret_uses(module))


def _secret_uses(module: ModuleInfo) -> list[_Use]:
    if is_test_module(module) or not jwt_imports(module):
        return []
    resolver = resolver_for(module)
    literals = literal_resolver(module)
    uses: list[_Use] = []
    for node in module.nodes(ast.Call):
        if not may_be_jwt_call(node, module):
            continue
        scope = module.scope_of(node)
        call = jwt_call(node, resolver, scope)
        if call is None or call.key is None:
            continue
        if call.decode and verification_off(call, module, scope):
            continue  # the key is not used: FP402's finding
        found = literals.resolve(call.key, scope, module)
        if secret_literal(found):
            assert found is not None
            uses.append(_Use(call, found, module))
    return uses


class HardcodedJwtSecret(Rule):
    """A string literal used as the key of `jwt.encode` / `jwt.decode`.

    ## What it does
    Flags the literal that ends up as the signing or verification key of
    PyJWT (`jwt.encode/decode`, also `import jwt as pyjwt`), python-jose
    (`from jose import jwt`, `from jose.jwt import decode`, `jose.jws`) or
    authlib (`from authlib.jose import jwt`). The key is resolved, not
    matched by name: the literal may be passed directly or reach the call
    through a constant, a local alias, `self.<attr>`, a function
    parameter's default, the fallback of `os.getenv("X", "...")` /
    `os.environ.get("X", "...")` / `... or "..."`, the `default=` of
    `starlette.config.Config` / python-decouple's `config(...)`, or the
    literal default of a field of a pydantic `BaseSettings` subclass (or a
    config class) read as `settings.FIELD` (`settings = Settings()`,
    `get_settings().FIELD`, a parameter annotated with the class, also
    through `Annotated[...]` aliases and nested settings;
    `Field("...")`, `SecretStr("...")` and `.get_secret_value()` are
    followed). The finding is on the literal when it is in the module of
    the call; a literal of another module of the project (an imported
    constant or settings default) is reported on the call, naming the
    module and line where it is written.

    Not flagged: `os.environ["X"]`, `os.getenv("X")` without a fallback, a
    settings field without a literal default (`secret_key: str`,
    `Field(...)`), a computed key (`secrets.token_urlsafe(32)`), an empty
    string, a PEM public key or certificate (it is not a secret), the key
    of a `decode` that switches signature verification off (FP402), and
    test modules (`test_*.py`, `*_test.py`, `conftest.py`, files under
    the project's `tests/` or `fixtures/`), where a literal key is a
    fixture. Decision on `os.getenv("X", "literal")`: flagged, like a
    settings default, because the service then starts and signs with the
    published key wherever the variable is unset; an empty fallback is not
    flagged. Verified with PyJWT 2.15 and python-jose 3.5: a token signed
    with the literal by anyone verifies on the service.

    ## Why is this bad?
    Anyone who can read the source (the repository, an image layer, a
    leaked wheel) can mint valid tokens for any user. The reference
    documents hardcode `SECRET_KEY = "change-me"` with a comment saying
    not to, and services ship it. A fallback default
    (`os.getenv("SECRET_KEY", "dev")`, a settings field default) is the
    same secret wherever the variable is not set: the service starts and
    signs with the published key instead of failing.

    ## Example
    ```python
    import jwt

    SECRET_KEY = "change-me"

    def create_token(subject: str) -> str:
        return jwt.encode({"sub": subject}, SECRET_KEY, algorithm="HS256")
    ```

    ## Use instead
    ```python
    import os

    import jwt

    SECRET_KEY = os.environ["SECRET_KEY"]

    def create_token(subject: str) -> str:
        return jwt.encode({"sub": subject}, SECRET_KEY, algorithm="HS256")
    ```

    ## Fix safety
    There is no fix: where the secret comes from (environment, secret
    manager, settings without a default) is the project's choice.
    """

    code = "FP401"
    name = "hardcoded-jwt-secret"
    message = (
        "hardcoded JWT secret ({via}) is the key of {library} {function} at {where}: anyone with the source "
        "can forge tokens; read it from the environment or a secret store"
    )

    def finish(self, ctx: Context) -> Iterator[Finding]:
        module = ctx.module
        if is_test_module(module):
            return
        here: dict[tuple[int, int], _Use] = {}
        for use in secret_uses(module):
            literal = use.literal
            if _same_file(literal.module, module):
                here.setdefault((literal.node.lineno, literal.node.col_offset), use)
            elif not is_test_module(literal.module):
                # The literal lives in another module (a constant or a settings
                # default imported here): reported on the call that uses it.
                yield self.report(
                    use.call.call,
                    via=f"{literal.via or 'a literal'} in {_where(literal)}",
                    library=use.call.library,
                    function=_function_name(use.call),
                    where="this call",
                )
        for use in (here[site] for site in sorted(here)):
            yield self.report(
                use.literal.node,
                via=use.literal.via or "a literal",
                library=use.call.library,
                function=_function_name(use.call),
                where=use.where(),
            )


def _same_file(a: ModuleInfo, b: ModuleInfo) -> bool:
    return a is b or a.resolved_path == b.resolved_path


def _where(literal: Literal) -> str:
    module = literal.module
    try:
        path = module.path.relative_to(module.project_root)
    except ValueError:
        path = module.path
    return f"{path}:{literal.node.lineno}"
