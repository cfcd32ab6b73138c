from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, FixSafety, Rule

SECURITY_CLASSES = frozenset(
    f"fastapi.security.{name}"
    for name in (
        "APIKeyHeader",
        "APIKeyQuery",
        "APIKeyCookie",
        "HTTPBearer",
        "HTTPBasic",
        "HTTPDigest",
        "OAuth2PasswordBearer",
        "OAuth2AuthorizationCodeBearer",
        "OpenIdConnect",
    )
)


@dataclass
class _Instance:
    call: ast.Call
    cls: str
    scheme_name: str | None  # the literal, or None when not given
    explicit: bool  # scheme_name= given (literal or not)
    variable: str | None  # the name it is assigned to, if any
    openapi: str  # what shapes its OpenAPI entry: the arguments but auto_error


class DuplicateSecuritySchemeName(Rule):
    """Security schemes of one class in a module without distinct `scheme_name`.

    ## What it does
    Flags each `APIKeyHeader`, `APIKeyQuery`, `APIKeyCookie`, `HTTPBearer`,
    `HTTPBasic`, `HTTPDigest`, `OAuth2PasswordBearer`,
    `OAuth2AuthorizationCodeBearer` or `OpenIdConnect` instance without a
    `scheme_name=` when another instance in the same module ends up with
    the same scheme name and the instances are configured differently
    (`auto_error` aside, which the OpenAPI document does not show).

    ## Why is this bad?
    FastAPI names a scheme in the OpenAPI document by `scheme_name`,
    defaulting to the class name, and keeps one entry per name: with two
    `APIKeyHeader(name="X-Tenant")` and `APIKeyHeader(name="X-Admin")`,
    `/docs` shows only one of the headers and every route that uses the
    other appears to need the wrong key.

    ## Example
    ```python
    from fastapi.security import APIKeyHeader

    tenant_key = APIKeyHeader(name="X-Tenant-Key")
    admin_key = APIKeyHeader(name="X-Admin-Key")
    ```

    ## Use instead
    ```python
    from fastapi.security import APIKeyHeader

    tenant_key = APIKeyHeader(name="X-Tenant-Key", scheme_name="tenant_key")
    admin_key = APIKeyHeader(name="X-Admin-Key", scheme_name="admin_key")
    ```

    ## Fix safety
    Safe: `scheme_name="<variable name>"` is added to each flagged instance
    that is assigned to a variable (only the OpenAPI document changes).
    An instance that is not assigned to a name gets no fix.
    """

    code = "FP405"
    name = "duplicate-security-scheme-name"
    message = (
        "{cls}() shares the OpenAPI scheme name {scheme!r} with another instance: "
        "only one appears in the docs; give each a distinct scheme_name={note}"
    )
    fix_safety = FixSafety.SAFE

    def __init__(self) -> None:
        self.instances: list[_Instance] = []

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        cls = ctx.qualified_name(node.func)
        if cls not in SECURITY_CLASSES:
            return iter(())
        scheme_name: str | None = None
        explicit = False
        for keyword in node.keywords:
            if keyword.arg == "scheme_name":
                explicit = not (isinstance(keyword.value, ast.Constant) and keyword.value.value is None)
                if isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, str):
                    scheme_name = keyword.value.value
            elif keyword.arg is None:  # **kwargs may carry scheme_name
                explicit = True
        parent = ctx.parent
        variable = None
        if isinstance(parent, (ast.Assign, ast.AnnAssign)) and parent.value is node:
            targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
            if len(targets) == 1 and isinstance(targets[0], (ast.Name, ast.Attribute)):
                target = targets[0]
                variable = target.id if isinstance(target, ast.Name) else target.attr
        shaping = [*node.args, *(k.value for k in node.keywords if k.arg not in ("auto_error", "scheme_name"))]
        openapi = (
            cls
            + ast.dump(ast.Tuple(shaping, ast.Load()))
            + repr([k.arg for k in node.keywords if k.arg not in ("auto_error", "scheme_name")])
        )
        self.instances.append(_Instance(node, cls, scheme_name, explicit, variable, openapi))
        return iter(())

    def finish(self, ctx: Context) -> Iterator[Finding]:
        by_scheme: dict[str, list[_Instance]] = defaultdict(list)
        for instance in self.instances:
            if instance.explicit and instance.scheme_name is None:
                continue  # a computed scheme_name: cannot tell
            name = instance.scheme_name or instance.cls.rpartition(".")[2]
            by_scheme[name].append(instance)
        taken = {name for name in by_scheme}
        for scheme, group in by_scheme.items():
            # One variable bound in several branches is one scheme at run time.
            if len({i.variable or id(i) for i in group}) < 2:
                continue
            # Identically configured instances give one identical OpenAPI
            # entry: nothing is lost (``Security(HTTPBearer())`` repeated).
            if len({i.openapi for i in group}) < 2:
                continue
            for instance in group:
                if instance.explicit:
                    continue
                fixable = instance.variable is not None and instance.variable not in taken
                note = "" if fixable else " (no fix: not assigned to a distinct name)"
                yield self.report(
                    instance.call,
                    fixable=fixable,
                    fix_data={"scheme_name": instance.variable or ""},
                    cls=instance.cls.rpartition(".")[2],
                    scheme=scheme,
                    note=note,
                )

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        from flake8_fastapi_prod.fix.edits import set_keyword

        if not isinstance(node, cst.Call):
            return None
        name = finding.data()["scheme_name"]
        return set_keyword(node, "scheme_name", cst.SimpleString(repr(name).replace("'", '"')))
