from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import OPT_IN, Finding, Rule
from flake8_fastapi_prod.rules.security.common import field_default, is_test_module

ACCESS_LIMIT = 30 * 60
REFRESH_LIMIT = 7 * 24 * 3600

_EXPIRY = frozenset({"expire", "expires", "expiry", "expiration", "exp", "ttl", "lifetime", "life", "validity", "age"})
_CAPS = frozenset({"max", "maximum", "min", "minimum", "limit", "envelope", "provider", "oauth", "sso"})
_NOT_AUTH_TOKENS = frozenset(
    {"reset", "verify", "verification", "email", "invite", "invitation", "otp", "confirm", "confirmation", "magic",
     "cache", "session", "cookie", "code", "link", "api", "apikey", "password", "state", "nonce", "lock", "job",
     "task", "presigned", "url", "upload", "download", "share", "csrf", "device", "signup", "registration"}
)  # fmt: skip
_UNITS = {
    "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
    "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
    "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
    "d": 86400, "day": 86400, "days": 86400, "week": 604800, "weeks": 604800,
}  # fmt: skip
_TIMEDELTA = frozenset({"datetime.timedelta"})
_TIMEDELTA_UNITS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400, "weeks": 604800}
_ENV_GETTERS = frozenset({"os.getenv", "os.environ.get"})


def _words(name: str) -> list[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return [w for w in re.split(r"[_\W]+", spaced.lower()) if w]


def token_kind(name: str) -> tuple[str, int] | None:
    """("access" | "refresh", seconds per unit; 0 = unit unknown) for a
    name that holds a token lifetime, else None."""
    words = _words(name)
    if not (_EXPIRY & set(words)) or _NOT_AUTH_TOKENS & set(words):
        return None
    present = set(words)
    if present & _CAPS:
        return None  # a cap on tokens accepted from elsewhere, not a lifetime issued here
    if "refresh" in present and present & {"token", "jwt"}:
        kind = "refresh"
    elif "jwt" in present or {"access", "token"} <= present:
        kind = "access"
    else:
        return None
    units = [_UNITS[w] for w in words if w in _UNITS]
    return kind, units[-1] if units else 0


class LongTokenLifetime(Rule):
    """An access token living over 30 minutes, or a refresh token over 7 days.

    ## What it does
    Opt-in (select `FP407` by name). Flags a module-level constant or a
    class attribute (a `BaseSettings` field default, a config class) whose
    name says it is a token lifetime and whose value is longer than the
    checklist of seed 003 allows: over 30 minutes for an access token
    (`ACCESS_TOKEN_EXPIRE_MINUTES`, `jwt_exp_minutes`,
    `JWT_ACCESS_TOKEN_EXPIRES`), over 7 days for a refresh token
    (`REFRESH_TOKEN_EXPIRE_DAYS`): the name holds `access` and `token`,
    `refresh` and `token`, or `jwt`; a cap (`MAX_...`) or the lifetime of
    a provider's OAuth token is not the service's own. The unit comes from the name
    (`_SECONDS`, `_MINUTES`, `_HOURS`, `_DAYS`) or from a
    `timedelta(...)` value; the value may be an integer expression
    (`60 * 24 * 8`), `Field(default=...)` or the fallback of
    `int(os.getenv("X", "60"))`. A name without a unit and a plain number
    are not judged; neither are password-reset, e-mail, invitation or
    session lifetimes.

    ## Why is this bad?
    A bearer token cannot be revoked before it expires: a leaked access
    token valid for 8 days (the template value `60 * 24 * 8`) is 8 days
    of access. Short access tokens with a refresh token keep a leak
    short; seed 003's security checklist asks for at most 30 minutes and
    7 days.

    ## Example
    ```python
    ACCESS_TOKEN_EXPIRE_MINUTES = 60 * 24 * 8
    ```

    ## Use instead
    ```python
    ACCESS_TOKEN_EXPIRE_MINUTES = 15
    ```

    ## Fix safety
    There is no fix: the lifetime is a product decision.
    """

    code = "FP407"
    name = "long-token-lifetime"
    message = "{kind} token lifetime {name} is {length}, over the {limit} limit; keep {kind} tokens short"
    default = OPT_IN

    def visit_Assign(self, node: ast.Assign, ctx: Context) -> Iterator[Finding]:
        if len(node.targets) == 1:
            yield from self._check(node, node.targets[0], node.value, ctx)

    def visit_AnnAssign(self, node: ast.AnnAssign, ctx: Context) -> Iterator[Finding]:
        if node.value is not None:
            yield from self._check(node, node.target, node.value, ctx)

    def _check(self, node: ast.stmt, target: ast.expr, value: ast.expr, ctx: Context) -> Iterator[Finding]:
        if not isinstance(target, ast.Name) or ctx.function() is not None:
            return
        found = token_kind(target.id)
        if found is None or is_test_module(ctx.module):
            return
        kind, unit = found
        value = field_default(value, ctx.scope, ctx.resolver) or value
        seconds = self._seconds(value, unit, ctx)
        if seconds is None:
            return
        limit = ACCESS_LIMIT if kind == "access" else REFRESH_LIMIT
        if seconds > limit:
            yield self.report(
                node,
                kind=kind,
                name=target.id,
                length=_human(seconds),
                limit="30 minutes" if kind == "access" else "7 days",
            )

    def _seconds(self, value: ast.expr, unit: int, ctx: Context) -> int | None:
        if isinstance(value, ast.Call):
            qualname = ctx.qualified_name(value.func)
            if qualname in _TIMEDELTA:
                return _timedelta_seconds(value)
            if isinstance(value.func, ast.Name) and value.func.id in ("int", "float") and len(value.args) == 1:
                return self._seconds(value.args[0], unit, ctx)
            if qualname in _ENV_GETTERS and len(value.args) == 2:
                default = value.args[1]
                if isinstance(default, ast.Constant) and isinstance(default.value, str) and default.value.isdigit():
                    return int(default.value) * unit if unit else None
                return self._seconds(default, unit, ctx)
            return None
        number = _integer(value)
        return None if number is None or not unit else number * unit


def _integer(expr: ast.expr) -> int | None:
    if isinstance(expr, ast.Constant) and isinstance(expr.value, (int, float)) and not isinstance(expr.value, bool):
        return int(expr.value)
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, (ast.Mult, ast.Add)):
        left, right = _integer(expr.left), _integer(expr.right)
        if left is None or right is None:
            return None
        return left * right if isinstance(expr.op, ast.Mult) else left + right
    return None


def _timedelta_seconds(call: ast.Call) -> int | None:
    if call.args:
        return None
    total = 0
    for keyword in call.keywords:
        number = _integer(keyword.value) if keyword.arg in _TIMEDELTA_UNITS else None
        if number is None or keyword.arg is None:
            return None
        total += number * _TIMEDELTA_UNITS[keyword.arg]
    return total


def _human(seconds: int) -> str:
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds % size == 0 and seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds} seconds"
