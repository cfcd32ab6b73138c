from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, FixSafety, Gate, Rule
from flake8_fastapi_prod.resolve import ModuleInfo
from flake8_fastapi_prod.rules.security.common import is_test_module, resolver_for

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
    module: str = ""  # another module of the project it is made in ("": this one)


def instance_of(node: ast.Call, cls: str, parent: ast.AST | None, module: str) -> _Instance:
    scheme_name: str | None = None
    explicit = False
    for keyword in node.keywords:
        if keyword.arg == "scheme_name":
            explicit = not (isinstance(keyword.value, ast.Constant) and keyword.value.value is None)
            if isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, str):
                scheme_name = keyword.value.value
        elif keyword.arg is None:  # **kwargs may carry scheme_name
            explicit = True
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
    return _Instance(node, cls, scheme_name, explicit, variable, openapi, module)


def module_label(module: ModuleInfo) -> str:
    """The module's path from its project's root: how findings name it, and
    the project-wide order the fix decides by."""
    if module.path.is_relative_to(module.project_root):
        return module.path.relative_to(module.project_root).as_posix()
    return module.path.name


#: Text a module that makes a security scheme holds.
_SCHEME_MARKERS = (b"fastapi",)


def module_instances(module: ModuleInfo) -> list[_Instance]:
    """The security scheme instances another module of the project makes."""

    def build() -> list[_Instance]:
        if is_test_module(module):
            return []
        resolver = resolver_for(module)
        label = module_label(module)
        found: list[_Instance] = []
        for call in module.nodes(ast.Call):
            if not isinstance(call.func, (ast.Name, ast.Attribute)):
                continue
            cls = resolver.qualified_name(call.func, module.scope_of(call))
            if cls in SECURITY_CLASSES:
                found.append(instance_of(call, cls, module.parents.get(id(call)), label))
        return found

    return module.memo("fp405-instances", build)


def _instances_elsewhere(module: ModuleInfo, local: list[_Instance]) -> Iterator[_Instance]:
    """Instances of the same classes in the other modules of the project
    (one app: the folder holding the top-level package)."""
    if is_test_module(module) or not module.package:
        return  # a module outside a package: no app to share the OpenAPI document with
    top = module.package.partition(".")[0]
    seen: set[str] = set()
    for name in sorted({i.cls.rpartition(".")[2] for i in local}):
        for other in module.project.modules_mentioning(module, name, _SCHEME_MARKERS):
            key = str(other.resolved_path)
            if key in seen or other.package.partition(".")[0] != top:
                continue
            seen.add(key)
            yield from module_instances(other)


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
    that is assigned to a variable (only the OpenAPI document changes),
    except one per name that keeps it: an instance that cannot be renamed
    (not assigned to a name, or given a `scheme_name`) if there is one,
    else the first in the project (by module path from the project root,
    then position), and those configured like it. So the result is the
    same whichever module of the project is fixed first (and fixing one
    module never undoes what fixing another decided). An instance that is
    not assigned to a name gets no fix.
    """

    code = "FP405"
    gates = {"Call": Gate(qualnames=SECURITY_CLASSES)}
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
        if cls in SECURITY_CLASSES:
            self.instances.append(instance_of(node, cls, ctx.parent, ""))
        return iter(())

    def finish(self, ctx: Context) -> Iterator[Finding]:
        if not self.instances:
            return
        local = {id(i) for i in self.instances}
        by_scheme: dict[str, list[_Instance]] = defaultdict(list)
        for instance in [*self.instances, *_instances_elsewhere(ctx.module, self.instances)]:
            if instance.explicit and instance.scheme_name is None:
                continue  # a computed scheme_name: cannot tell
            name = instance.scheme_name or instance.cls.rpartition(".")[2]
            by_scheme[name].append(instance)
        taken = set(by_scheme)
        variables = defaultdict(set)
        for group in by_scheme.values():
            for instance in group:
                if instance.variable:
                    variables[instance.variable].add(instance.module)
        here = module_label(ctx.module)

        def renamable(instance: _Instance) -> bool:
            return (
                not instance.explicit
                and instance.variable is not None
                and instance.variable not in taken
                and len(variables[instance.variable]) == 1
            )

        def position(instance: _Instance) -> tuple[str, int, int]:
            return (instance.module or here, instance.call.lineno, instance.call.col_offset)

        for scheme, group in by_scheme.items():
            # One variable bound in several branches is one scheme at run time.
            if len({(i.module, i.variable) if i.variable else id(i) for i in group}) < 2:
                continue
            # Identically configured instances give one identical OpenAPI
            # entry: nothing is lost (``Security(HTTPBearer())`` repeated).
            if len({i.openapi for i in group}) < 2:
                continue
            # One instance keeps the name: one that cannot be renamed if
            # there is one, else the first in the project by path and
            # position. The fix names the others, so whichever module is
            # fixed first the result is the same (a renamed instance leaves
            # the group; the one that keeps the name stays first).
            keeper = min(group, key=lambda i: (renamable(i), position(i)))
            elsewhere = sorted({i.module for i in group if i.module})
            for instance in group:
                if id(instance) not in local:
                    continue
                where = f" (also defined in {', '.join(elsewhere)})" if elsewhere else ""
                keeps = (
                    instance is keeper
                    or instance.openapi == keeper.openapi
                    or (
                        instance.variable is not None
                        and (instance.module, instance.variable) == (keeper.module, keeper.variable)
                    )
                )
                fixable = False
                if instance.explicit:
                    note = f"{where} (no fix: the scheme_name is given)"
                elif not renamable(instance):
                    note = f"{where} (no fix: not assigned to a distinct name)"
                elif keeps:
                    note = f"{where} (no fix: it keeps the name {scheme!r}, the fix names the others)"
                else:
                    fixable = True
                    note = where
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
