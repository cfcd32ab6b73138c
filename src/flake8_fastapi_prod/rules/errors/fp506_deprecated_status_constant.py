from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, FixSafety, Gate, Rule, target_at_least
from flake8_fastapi_prod.resolve import Scope, canonical

#: starlette 1.10 ``starlette/status.py`` ``__deprecated__`` (verified).
RENAMES = {
    "HTTP_413_REQUEST_ENTITY_TOO_LARGE": "HTTP_413_CONTENT_TOO_LARGE",
    "HTTP_414_REQUEST_URI_TOO_LONG": "HTTP_414_URI_TOO_LONG",
    "HTTP_416_REQUESTED_RANGE_NOT_SATISFIABLE": "HTTP_416_RANGE_NOT_SATISFIABLE",
    "HTTP_422_UNPROCESSABLE_ENTITY": "HTTP_422_UNPROCESSABLE_CONTENT",
}
#: ``fastapi.status`` is ``starlette.status`` re-exported.
STATUS_MODULES = frozenset({"starlette.status", "fastapi.status"})


def _deprecated_constant(qualname: str | None) -> str | None:
    """``starlette.status.HTTP_422_UNPROCESSABLE_ENTITY`` -> the old name."""
    if qualname is None:
        return None
    module, _, name = qualname.rpartition(".")
    return name if module in STATUS_MODULES and name in RENAMES else None


class DeprecatedStatusConstant(Rule):
    """A status constant Starlette deprecated in favour of its RFC 9110 name.

    ## What it does
    Flags `HTTP_422_UNPROCESSABLE_ENTITY`, `HTTP_413_REQUEST_ENTITY_TOO_LARGE`,
    `HTTP_414_REQUEST_URI_TOO_LONG` and
    `HTTP_416_REQUESTED_RANGE_NOT_SATISFIABLE` from `starlette.status` or
    `fastapi.status` (the same module): attribute access
    (`status.HTTP_422_UNPROCESSABLE_ENTITY`, also through `import
    starlette.status as st` or `from fastapi import status as s`), and
    `from starlette.status import HTTP_422_UNPROCESSABLE_ENTITY` with each
    use of the imported name.

    ## Why is this bad?
    Starlette 0.48.0 renamed them after RFC 9110 and warns on each
    attribute access and on the `from ... import`: `'HTTP_422_UNPROCESSABLE_ENTITY'
    is deprecated. Use 'HTTP_422_UNPROCESSABLE_CONTENT' instead.` From
    Starlette 1.4.0 the warning is a `StarletteDeprecationWarning`, which
    subclasses `UserWarning`, so unlike the `DeprecationWarning` of 0.48 -
    1.3 it is shown by default and fails test suites run with `-W error`
    (verified in the `starlette/status.py` of 0.48.0, 1.3.0, 1.4.0 and
    1.10.0). The values are unchanged (422, 413, 414, 416).

    ## Example
    ```python
    from fastapi import HTTPException, status

    def reject():
        raise HTTPException(status_code=status.HTTP_422_UNPROCESSABLE_ENTITY)
    ```

    ## Use instead
    ```python
    from fastapi import HTTPException, status

    def reject():
        raise HTTPException(status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)
    ```

    ## Fix safety
    Safe: the RFC 9110 name has the same value
    (`HTTP_422_UNPROCESSABLE_CONTENT`, `HTTP_413_CONTENT_TOO_LARGE`,
    `HTTP_414_URI_TOO_LONG`, `HTTP_416_RANGE_NOT_SATISFIABLE`). An
    attribute is renamed in place. For `from starlette.status import OLD`
    the import and every use are renamed together (`import OLD as X`
    becomes `import NEW as X` and the uses of `X` stay); there is no fix
    when the old name is also bound otherwise, listed in a string (such as
    `__all__`), or the new name is taken.

    Only on a Starlette 0.48 target or newer (`starlette>=0.48`; unknown
    counts as the newest): 0.48.0 added the RFC 9110 names and deprecated
    the old ones, so below it the old names are the only ones and the fix
    would raise AttributeError. Naming the code does not lift this gate.
    When only FastAPI is declared, Starlette's target is the lowest that
    FastAPI version requires (FastAPI 0.115.12 requires
    `starlette>=0.40.0,<0.47.0`: not reported).
    """

    code = "FP506"
    gates = {"Name": Gate(keys=frozenset(RENAMES)), "Attribute": Gate(keys=frozenset(RENAMES))}
    name = "deprecated-status-constant"
    message = "{old} is deprecated ({warning}); use {new}{note}"
    fix_safety = FixSafety.SAFE
    #: Starlette 0.48.0 added the new names; a fix must never write them below it.
    default = target_at_least("0.48", "starlette")

    def visit_Attribute(self, node: ast.Attribute, ctx: Context) -> Iterator[Finding]:
        old = _deprecated_constant(ctx.qualified_name(node))
        if old is not None and node.attr == old and not _is_compat_fallback(ctx):
            yield self.report(
                node, fix_data={"new": RENAMES[old]}, old=old, new=RENAMES[old], note="", warning=_warning(ctx)
            )

    def visit_ImportFrom(self, node: ast.ImportFrom, ctx: Context) -> Iterator[Finding]:
        if ctx.module.absolute_module(node.module, node.level) not in STATUS_MODULES or _is_compat_fallback(ctx):
            return
        for alias in node.names:
            if alias.name not in RENAMES:
                continue
            new = RENAMES[alias.name]
            fixable, note = True, ""
            if alias.asname is None:
                fixable, note = _rename_allowed(alias.name, ctx.scope, ctx)
            target = ast.Name(id=alias.name, ctx=ast.Load())
            target.lineno = target.end_lineno = alias.lineno
            target.col_offset = alias.col_offset
            target.end_col_offset = alias.col_offset + len(alias.name)
            yield self.report(
                alias,
                target=target,
                fixable=fixable,
                fix_data={"new": new},
                old=alias.name,
                new=new,
                note=note,
                warning=_warning(ctx),
            )

    def visit_Name(self, node: ast.Name, ctx: Context) -> Iterator[Finding]:
        if node.id not in RENAMES or not isinstance(node.ctx, ast.Load):
            return
        if _deprecated_constant(ctx.qualified_name(node)) != node.id or _is_compat_fallback(ctx):
            return
        bindings = ctx.scope.lookup(node.id)
        if not all(isinstance(b.node, ast.ImportFrom) for b in bindings):
            return
        fixable, note = _rename_allowed(node.id, bindings[0].scope, ctx)
        new = RENAMES[node.id]
        yield self.report(
            node, fixable=fixable, fix_data={"new": new}, old=node.id, new=new, note=note, warning=_warning(ctx)
        )

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        new = cst.Name(finding.data()["new"])
        if isinstance(node, cst.Name) and node.value in RENAMES:
            return new.with_changes(lpar=node.lpar, rpar=node.rpar)
        if isinstance(node, cst.Attribute) and node.attr.value in RENAMES:
            return node.with_changes(attr=new)
        return None


#: Starlette 1.4.0 made the warning a ``StarletteDeprecationWarning``
#: (a ``UserWarning``, shown by default); 0.48.0 - 1.3.x raise a plain
#: ``DeprecationWarning`` (verified in each release's ``starlette/status.py``).
SHOWN_BY_DEFAULT_SINCE = (1, 4)


def _warning(ctx: Context) -> str:
    if ctx.targets.at_least("starlette", SHOWN_BY_DEFAULT_SINCE):
        return "StarletteDeprecationWarning, shown by default"
    return "DeprecationWarning on Starlette 0.48 - 1.3"


def _rename_allowed(old: str, scope: Scope, ctx: Context) -> tuple[bool, str]:
    """Can ``from starlette.status import OLD`` and its uses become NEW?"""
    new = RENAMES[old]
    if not all(b.kind == "import" and isinstance(b.node, ast.ImportFrom) for b in scope.bindings.get(old, [])):
        return False, f" (no fix: {old} is also bound otherwise)"
    if _named_in_string(old, ctx):
        return False, f" (no fix: {old} is named in a string, such as __all__)"
    taken = scope.lookup(new)
    if any(b.kind != "import" or _deprecated_target(b.qualname) != new for b in taken):
        return False, f" (no fix: the name {new} is taken here)"
    return True, ""


def _deprecated_target(qualname: str | None) -> str | None:
    if qualname is None:
        return None
    module, _, name = canonical(qualname).rpartition(".")
    return name if module in STATUS_MODULES else None


def _named_in_string(name: str, ctx: Context) -> bool:
    return ctx.module.memo(
        f"fp506-strings:{name}", lambda: any(n.value == name for n in ctx.module.nodes(ast.Constant))
    )


#: An ``except`` for these around the old name is a fallback for old Starlette.
_FALLBACK_ERRORS = frozenset({"AttributeError", "ImportError", "ModuleNotFoundError"})


def _is_compat_fallback(ctx: Context) -> bool:
    """The old name is the fallback for Starlette < 0.48: in ``except
    AttributeError:`` / ``except ImportError:``, or under a ``hasattr`` test
    (``NEW if hasattr(status, "NEW") else OLD``)."""
    for ancestor in ctx.ancestors:
        if isinstance(ancestor, ast.ExceptHandler) and ancestor.type is not None:
            types = ancestor.type.elts if isinstance(ancestor.type, ast.Tuple) else [ancestor.type]
            if any(isinstance(t, ast.Name) and t.id in _FALLBACK_ERRORS for t in types):
                return True
        if isinstance(ancestor, (ast.If, ast.IfExp)) and any(
            isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "hasattr"
            for n in ast.walk(ancestor.test)
        ):
            return True
    return False
