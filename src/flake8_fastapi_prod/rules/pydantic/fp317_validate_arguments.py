from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import ON_PYDANTIC2, Finding, FixSafety, Gate, Rule
from flake8_fastapi_prod.rules.pydantic.common import import_qualname, note_pydantic_import, pydantic_bound_names

_QUALNAMES = frozenset({"pydantic.validate_arguments", "pydantic.decorator.validate_arguments"})
#: Attributes V1's decorator put on the function that validate_call does not.
_V1_ATTRIBUTES = frozenset({"validate", "model", "vd"})


class ValidateArguments(Rule):
    """`@validate_arguments`: the V1 decorator that `@validate_call` replaces.

    ## What it does
    Flags `validate_arguments` from `pydantic` or `pydantic.decorator` used
    as a decorator (`@validate_arguments`, `@validate_arguments(config=...)`,
    `@pd.validate_arguments`) or called on a function
    (`validate_arguments(fn)`). `pydantic.v1.validate_arguments` is right
    and never flagged.

    ## Why is this bad?
    Verified on pydantic 2.14.4: the decorator warns
    `PydanticDeprecatedSince20` when the function is decorated (at import)
    and goes in V3; it still validates.

    ## Example
    ```python
    from pydantic import validate_arguments

    @validate_arguments
    def repeat(text: str, count: int) -> str:
        return text * count
    ```

    ## Use instead
    ```python
    from pydantic import validate_call

    @validate_call
    def repeat(text: str, count: int) -> str:
        return text * count
    ```

    ## Fix safety
    Safe: the name becomes `validate_call` (imported from `pydantic`, or
    `pd.validate_call` through the module), a `config=` argument is kept
    (`validate_call` takes a `ConfigDict`; a dict literal is one). No fix
    where a parameter is annotated with `Self` (`cls: Type[Self]`:
    `validate_call` raises `PydanticUserError` at decoration, verified on
    2.14.4; found in prefect 2.10.21), or when the module uses the
    attributes V1's decorator added to the
    function (`.validate`, `.model`, `.vd`), which `validate_call` does not
    have, or where `validate_call` names something else. V2 validates the
    V2 way: lax mode still converts `"3"` to `3`, but not `1.5` to `1`.
    """

    code = "FP317"
    gates = {
        "Name": Gate(keys_from=pydantic_bound_names),
        "Attribute": Gate(keys=frozenset({"validate_arguments"})),
    }
    name = "validate-arguments"
    message = "@validate_arguments is deprecated in Pydantic V2 (warns at decoration); use @validate_call{note}"
    default = ON_PYDANTIC2
    fix_safety = FixSafety.SAFE

    def visit_Name(self, node: ast.Name, ctx: Context) -> Iterator[Finding]:
        if node.id not in pydantic_bound_names(ctx) or not isinstance(node.ctx, ast.Load):
            return
        if ctx.qualified_name(node) in _QUALNAMES:
            yield from self._check(node, ctx)

    def visit_Attribute(self, node: ast.Attribute, ctx: Context) -> Iterator[Finding]:
        if node.attr == "validate_arguments" and ctx.qualified_name(node) in _QUALNAMES:
            yield from self._check(node, ctx)

    def _check(self, node: ast.Name | ast.Attribute, ctx: Context) -> Iterator[Finding]:
        reason = ""
        data: dict[str, Any] = {}
        if _uses_v1_attributes(ctx):
            reason = "the module uses .validate / .model of a decorated function"
        elif _decorates_self_parameter(node, ctx):
            reason = "a parameter is annotated with Self, which validate_call rejects"
        elif isinstance(node, ast.Attribute) and ctx.qualified_name(node.value) == "pydantic":
            data = {"name": False}  # ``pd.validate_arguments`` -> ``pd.validate_call``
        else:
            # ``validate_arguments`` or ``pydantic.decorator.validate_arguments``
            # (V2's pydantic.decorator has no validate_call): the bare name.
            bound = import_qualname("validate_call", ctx.scope)
            if ctx.scope.lookup("validate_call") and bound not in ("pydantic.validate_call",):
                reason = "the name validate_call is taken here"
            elif isinstance(node, ast.Name):
                raw = import_qualname(node.id, ctx.scope) or ""
                data = {"name": True, "drop": raw.rpartition(".")[0], "local": node.id}
            else:
                data = {"name": True, "drop": ""}
        note = f" (no fix: {reason})" if reason else ""
        yield self.report(node, fixable=not reason, fix_data=data, note=note)

    def visit_Import(self, node: ast.Import, ctx: Context) -> Iterator[Finding]:
        note_pydantic_import(node, ctx)
        return iter(())

    def visit_ImportFrom(self, node: ast.ImportFrom, ctx: Context) -> Iterator[Finding]:
        note_pydantic_import(node, ctx)
        return iter(())

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        data = finding.data()
        if data["name"]:
            if not isinstance(node, (cst.Name, cst.Attribute)):
                return None
            fix_ctx.add_import("pydantic", "validate_call")
            if data["drop"]:
                fix_ctx.remove_import_if_unused(data["drop"], data["local"])
            return cst.Name("validate_call", lpar=node.lpar, rpar=node.rpar)
        if not isinstance(node, cst.Attribute):
            return None
        return node.with_changes(attr=cst.Name("validate_call"))


_SELF = frozenset({"typing.Self", "typing_extensions.Self"})


def _decorates_self_parameter(node: ast.expr, ctx: Context) -> bool:
    """The decorated function (or the one passed to the call form) has a
    parameter annotated with ``Self``: ``validate_call`` raises
    PydanticUserError at decoration (verified on 2.14.4)."""
    func: ast.AST | None = None
    for ancestor in reversed(ctx.ancestors):
        if isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if any(node is d or (isinstance(d, ast.Call) and d.func is node) for d in ancestor.decorator_list):
                func = ancestor
            break
    parent = ctx.parent
    if func is None and isinstance(parent, ast.Call) and parent.func is node and parent.args:
        definition = ctx.resolver.definition(parent.args[0], ctx.scope)
        func = definition.node if definition is not None else None
    if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    args = func.args
    for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]:
        for sub in ast.walk(arg.annotation) if arg.annotation is not None else ():
            if isinstance(sub, (ast.Name, ast.Attribute)) and ctx.qualified_name(sub) in _SELF:
                return True
            if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and "Self" in sub.value:
                return True
    return False


def _uses_v1_attributes(ctx: Context) -> bool:
    def build() -> bool:
        return any(
            node.attr in _V1_ATTRIBUTES and isinstance(node.value, ast.Name) for node in ctx.module.nodes(ast.Attribute)
        ) and any(
            ctx.resolver.qualified_name(n, ctx.module.scope_of(n)) in _QUALNAMES for n in ctx.module.nodes(ast.Name)
        )

    return ctx.module.memo("fp317_v1_attributes", build)
