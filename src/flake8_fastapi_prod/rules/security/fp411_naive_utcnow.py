from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, FixSafety, Gate, Rule
from flake8_fastapi_prod.resolve import own_nodes
from flake8_fastapi_prod.rules.security.common import jwt_call

UTCNOW = "datetime.datetime.utcnow"
TIMEZONE = "datetime.timezone"
#: The registered JWT claims that hold times.
TIME_CLAIMS = frozenset({"exp", "iat", "nbf", "auth_time"})


class NaiveUtcnow(Rule):
    """`datetime.utcnow()`: a naive time, deprecated since Python 3.12.

    ## What it does
    Flags `datetime.utcnow()` (`from datetime import datetime`,
    `import datetime as dt; dt.datetime.utcnow()`, ...) and the function
    passed uncalled (`default_factory=datetime.utcnow`,
    `Column(default=datetime.utcnow)`).

    ## Why is this bad?
    `utcnow()` returns a naive `datetime` that only convention marks as
    UTC: `.timestamp()` on it reads it as local time, and comparing it with
    an aware time raises `TypeError`. Python 3.12 deprecates it (verified
    on CPython 3.12.1: `DeprecationWarning: datetime.datetime.utcnow() is
    deprecated and scheduled for removal in a future version`).
    For a token expiry the aware time is what the JWT libraries expect:
    verified with PyJWT 2.15 and python-jose 3.5, `{"exp":
    datetime.now(timezone.utc) + delta}` encodes the same `exp` as the
    naive `utcnow()` spelling, and a TestClient login against the fixed
    app still issues a token that decodes.

    ## Example
    ```python
    from datetime import datetime, timedelta

    def expiry():
        return {"exp": datetime.utcnow() + timedelta(minutes=15)}
    ```

    ## Use instead
    ```python
    from datetime import datetime, timedelta, timezone

    def expiry():
        return {"exp": datetime.now(timezone.utc) + timedelta(minutes=15)}
    ```

    ## Fix safety
    Safe where the time builds a token: `datetime.utcnow()` becomes
    `datetime.now(timezone.utc)` (with `timezone` imported, or spelled
    through the `datetime` module where that is how it is imported) in a
    function that calls a JWT library's `encode` or fills an `exp` /
    `iat` / `nbf` claim. Elsewhere there is no fix: the aware value would
    meet naive ones (a `TIMESTAMP WITHOUT TIME ZONE` column, an older
    stored time) and comparing them raises `TypeError`, so the change has
    to be made together with those. The uncalled function gets no fix.
    """

    code = "FP411"
    gates = {"Attribute": Gate(keys=frozenset({"utcnow"}))}
    name = "naive-utcnow"
    message = "{form} is a naive time and deprecated since Python 3.12; use datetime.now(timezone.utc){note}"
    fix_safety = FixSafety.SAFE

    def visit_Attribute(self, node: ast.Attribute, ctx: Context) -> Iterator[Finding]:
        if node.attr != "utcnow" or ctx.qualified_name(node) != UTCNOW:
            return
        parent = ctx.parent
        if not (isinstance(parent, ast.Call) and parent.func is node):
            yield self.report(node, fixable=False, form="datetime.utcnow", note=" (no fix: passed uncalled)")
            return
        if parent.args or parent.keywords:
            return
        if not _builds_token(ctx):
            note = " (no fix outside a token: an aware time compared with naive ones raises TypeError)"
            yield self.report(parent, fixable=False, form="datetime.utcnow()", note=note)
            return
        receiver = ast.unparse(node.value)
        timezone = ctx.reference_to(TIMEZONE)
        add_import = False
        if timezone is None:
            if isinstance(node.value, ast.Attribute):  # dt.datetime -> dt.timezone
                timezone = f"{ast.unparse(node.value.value)}.timezone"
            elif ctx.name_is_free("timezone"):
                timezone, add_import = "timezone", True
        fixable = timezone is not None
        yield self.report(
            parent,
            fixable=fixable,
            fix_data={"text": f"{receiver}.now({timezone}.utc)", "add_import": add_import},
            form="datetime.utcnow()",
            note="" if fixable else " (no fix: the name timezone is taken)",
        )

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        if not isinstance(node, cst.Call):
            return None
        data = finding.data()
        if data["add_import"]:
            fix_ctx.add_import("datetime", "timezone")
        return cst.parse_expression(data["text"]).with_changes(lpar=node.lpar, rpar=node.rpar)


def _builds_token(ctx: Context) -> bool:
    function = ctx.function()
    if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    return ctx.module.memo(f"fp411-token:{id(function)}", lambda: _function_builds_token(function, ctx))


def _function_builds_token(function: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> bool:
    scope = ctx.scope
    for node in own_nodes(function):
        if isinstance(node, ast.Dict):
            if any(isinstance(k, ast.Constant) and k.value in TIME_CLAIMS for k in node.keys):
                return True
        elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store):
            key = node.slice
            if isinstance(key, ast.Constant) and key.value in TIME_CLAIMS:
                return True
        elif isinstance(node, ast.keyword) and node.arg in TIME_CLAIMS:
            return True
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "encode":
            found = jwt_call(node, ctx.resolver, scope)
            if found is not None and not found.decode:
                return True
    return False
