from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_fastapi_prod import knowledge as K
from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, Rule
from flake8_fastapi_prod.resolve import ModuleInfo
from flake8_fastapi_prod.rules.security.common import (
    JwtCall,
    Literal,
    is_test_module,
    jwt_call,
    literal_resolver,
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
    if is_test_module(module):
        return []
    resolver = resolver_for(module)
    literals = literal_resolver(module)
    uses: list[_Use] = []
    for node in module.nodes(ast.Call):
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr in _JWT_FUNCTIONS) and not isinstance(func, ast.Name):
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


_JWT_FUNCTIONS = frozenset({"encode", "decode", "decode_complete", "sign", "verify"})


class HardcodedJwtSecret(Rule):
    """A string literal used as the key of `jwt.encode` / `jwt.decode`.

    ## What it does
    Flags the literal that ends up as the signing or verification key of
    PyJWT (`jwt.encode/decode`, also `import jwt as pyjwt`), python-jose
    (`from jose import jwt`, `from jose.jwt import decode`, `jose.jws`) or
    authlib (`from authlib.jose import jwt`). The key is resolved, not
    matched by name: the literal may be passed directly, or reach the call
    through a constant (also one imported from another module of the
    project: the finding is then reported on the constant, in its module),
    a local alias, a function parameter's default, the fallback of
    `os.getenv("X", "...")` / `os.environ.get("X", "...")`, or the literal
    default of a pydantic `BaseSettings` field read as `settings.FIELD`
    (`settings = Settings()`, `get_settings().FIELD`, a parameter
    annotated with the class; `Field("...")`, `SecretStr("...")` and
    `.get_secret_value()` are followed).

    Not flagged: `os.environ["X"]`, `os.getenv("X")` without a fallback, a
    settings field without a literal default (`secret_key: str`,
    `Field(...)`), a computed key (`secrets.token_urlsafe(32)`), an empty
    string, a PEM public key or certificate (it is not a secret), the key
    of a `decode` that switches signature verification off (FP402), and
    test modules (`test_*.py`, `*_test.py`, `conftest.py`, files under
    `tests/`), where a literal key is a fixture.

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

    def __init__(self) -> None:
        self.reported: set[tuple[int, int]] = set()

    def finish(self, ctx: Context) -> Iterator[Finding]:
        module = ctx.module
        if is_test_module(module):
            return
        uses = [use for use in secret_uses(module) if _same_file(use.literal.module, module)]
        uses += list(self._uses_elsewhere(ctx))
        by_site: dict[tuple[int, int], _Use] = {}
        for use in uses:
            by_site.setdefault((use.literal.node.lineno, use.literal.node.col_offset), use)
        if not by_site:
            return
        nodes = {
            (n.lineno, n.col_offset): n
            for n in module.nodes(ast.Constant, ast.List, ast.Tuple)
            if (n.lineno, n.col_offset) in by_site
        }
        for site, use in sorted(by_site.items()):
            node = nodes.get(site)
            if node is None:
                continue
            yield self.report(
                node,
                via=use.literal.via or "a literal",
                library=use.call.library,
                function=_function_name(use.call),
                where=use.where(),
            )

    def _uses_elsewhere(self, ctx: Context) -> Iterator[_Use]:
        """Literals of this module that are a key in another module of the
        project: a constant or a settings default imported there."""
        module = ctx.module
        if not _has_candidates(module):
            return
        needle = module.path.parent.name if module.path.name == "__init__.py" else module.path.stem
        for other in module.project.modules_mentioning(module, needle, K.JWT_ROOTS):
            for use in secret_uses(other):
                if _same_file(use.literal.module, module):
                    yield use


def _same_file(a: ModuleInfo, b: ModuleInfo) -> bool:
    return a is b or a.resolved_path == b.resolved_path


def _has_candidates(module: ModuleInfo) -> bool:
    """A module-level or class-level string literal that another module
    could import as a key."""
    for statement in module.tree.body:
        values: list[ast.expr | None] = []
        if isinstance(statement, (ast.Assign, ast.AnnAssign)):
            values.append(statement.value)
        elif isinstance(statement, ast.ClassDef):
            values += [s.value for s in statement.body if isinstance(s, (ast.Assign, ast.AnnAssign))]
        for value in values:
            if value is not None and any(
                isinstance(n, ast.Constant) and isinstance(n.value, (str, bytes)) and n.value for n in ast.walk(value)
            ):
                return True
    return False
