from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, Gate, Rule
from flake8_fastapi_prod.rules.errors.fp505_yield_dependency_swallows import used_as_dependency
from flake8_fastapi_prod.rules.errors.response_flow import is_route_function
from flake8_fastapi_prod.rules.security.common import is_test_module, jwt_call_here, jwt_gate_keys, verification_off

_NO_ALGORITHMS = {
    "PyJWT": "PyJWT 2 raises DecodeError on every call without it",
    "python-jose": "python-jose then accepts a token signed with any algorithm the key allows",
}
_VERIFY_OFF = {
    ("PyJWT", "verify=False"): "PyJWT 1 skipped the signature check; PyJWT 2 ignores the argument",
    ("jose.jwt.decode", "verify=False"): "python-jose's jwt.decode() takes no verify= and raises TypeError",
}


def _on_auth_surface(ctx: Context) -> bool:
    """In a path operation or a dependency: the claims decide who the
    client is."""
    function = ctx.function()
    if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    parent = ctx.scope.parent or ctx.scope
    return is_route_function(function, ctx, parent) or used_as_dependency(function, ctx)


class JwtDecodeUnverified(Rule):
    """`jwt.decode(...)` without `algorithms=`, or with signature verification switched off.

    ## What it does
    Flags a `decode` of PyJWT (`jwt.decode`, `jwt.decode_complete`, also
    `import jwt as pyjwt`) or python-jose (`from jose import jwt`,
    `from jose.jwt import decode`) that is given no algorithms (neither
    `algorithms=` nor the third positional argument, or `algorithms=None`),
    and one that switches signature verification off with
    `options={"verify_signature": False}` (a dict literal, `dict(...)` or a
    constant holding one) or `verify=False`. The message names the library.
    A decode given no key with verification switched off
    (`jwt.decode(token, options={"verify_signature": False})`) is PyJWT's
    documented way to read claims, like `get_unverified_claims`: it is
    flagged only in a path operation or a dependency, where the claims
    decide who the client is (reading the issuer before verifying, or an
    `exp` for bookkeeping, elsewhere is not flagged).
    authlib's `jwt.decode` takes no algorithms (the `JsonWebToken`
    instance restricts them) and is not flagged for that. Test modules are
    not checked.

    ## Why is this bad?
    Verified with python-jose 3.5: `jwt.decode(token, key)` accepts a token
    signed with HS512 as well as HS256, whatever the service issues, so an
    attacker picks the algorithm. Verified with PyJWT 2.15: the same call
    raises `DecodeError: It is required that you pass in a value for the
    "algorithms" argument when calling decode()` on every request: an auth
    dependency that never works. With `verify_signature: False` both
    libraries return the claims of any token, signed or forged; PyJWT 2
    ignores `verify=False` (it switched verification off in PyJWT 1) and
    python-jose raises `TypeError` on it.

    ## Example
    ```python
    from jose import jwt

    def read_subject(token: str, key: str) -> str:
        return jwt.decode(token, key)["sub"]
    ```

    ## Use instead
    ```python
    from jose import jwt

    def read_subject(token: str, key: str) -> str:
        return jwt.decode(token, key, algorithms=["HS256"])["sub"]
    ```

    ## Fix safety
    There is no fix: which algorithm the service issues is the project's
    choice. Reading claims before verifying (for a `kid` or an issuer) is
    `jwt.get_unverified_header` / `get_unverified_claims`, which are not
    flagged.
    """

    code = "FP402"
    gates = {"Call": Gate(keys_from=jwt_gate_keys)}
    name = "jwt-decode-unverified"
    message = "{library} {function}() {problem}: {why}"

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        call = jwt_call_here(node, ctx)
        if call is None or not call.decode or call.library == "authlib" or is_test_module(ctx.module):
            return
        function = call.qualname.rpartition(".")[2]
        prefix = "jwt" if call.library == "PyJWT" else "jose.jwt" if "jwt" in call.qualname else "jose.jws"
        off = verification_off(call, ctx.module, ctx.scope)
        if off is not None and call.key is None and not _on_auth_surface(ctx):
            return  # PyJWT's documented way to read claims: like get_unverified_claims
        if off is not None:
            why = _VERIFY_OFF.get((call.library, off)) or _VERIFY_OFF.get((call.qualname, off))
            why = why or "the claims of any token, signed or forged, are returned"
            yield self.report(
                node, library=call.library, function=f"{prefix}.{function}", problem=f"with {off}", why=why
            )
            return
        if call.has_star_kwargs:
            return
        algorithms = call.argument("algorithms", 2)
        if algorithms is None or (isinstance(algorithms, ast.Constant) and algorithms.value is None):
            yield self.report(
                node,
                library=call.library,
                function=f"{prefix}.{function}",
                problem="without algorithms=",
                why=_NO_ALGORITHMS[call.library],
            )
