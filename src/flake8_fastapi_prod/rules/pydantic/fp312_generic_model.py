from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import ON_PYDANTIC2, Finding, FixSafety, Rule

GENERIC_MODEL = "pydantic.generics.GenericModel"


class GenericModelBase(Rule):
    """A model that subclasses Pydantic V1's `GenericModel`.

    ## What it does
    Flags `pydantic.generics.GenericModel` as a base class, however it is
    imported (`from pydantic.generics import GenericModel`,
    `import pydantic.generics`, an alias).

    ## Why is this bad?
    Pydantic 2 folded generic models into `BaseModel`: verified on 2.14.4,
    importing `GenericModel` raises `PydanticDeprecatedSince20` (a warning
    by default, an error under `-W error`), and V3 removes it. A
    `BaseModel` subclass with `Generic[T]` in its bases is a generic model.

    ## Example
    ```python
    from typing import Generic, List, TypeVar

    from pydantic.generics import GenericModel

    T = TypeVar("T")

    class Page(GenericModel, Generic[T]):
        items: List[T]
    ```

    ## Use instead
    ```python
    from typing import Generic, List, TypeVar

    from pydantic import BaseModel

    T = TypeVar("T")

    class Page(BaseModel, Generic[T]):
        items: List[T]
    ```

    ## Fix safety
    Safe: the base becomes `BaseModel` (`pydantic.BaseModel` when the
    module spells pydantic that way), the import is added and the
    `GenericModel` import removed once unused. `Page[int]` means the same
    on V2.
    """

    code = "FP312"
    name = "generic-model"
    message = "GenericModel is gone in Pydantic V2; subclass BaseModel and Generic[...]{note}"
    default = ON_PYDANTIC2
    fix_safety = FixSafety.SAFE

    def visit_ClassDef(self, node: ast.ClassDef, ctx: Context) -> Iterator[Finding]:
        for base in node.bases:
            if ctx.qualified_name(base) != GENERIC_MODEL:
                continue
            reference, needs_import = _base_model_reference(base, ctx)
            note = "" if reference else " (no fix: the name BaseModel is taken here)"
            data: dict[str, Any] = {"reference": reference, "import": needs_import}
            if isinstance(base, ast.Name):
                data["old"] = _imported_from(base.id, ctx)
            yield self.report(base, fixable=bool(reference), fix_data=data, note=note)

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        from flake8_fastapi_prod.fix.edits import expression

        if not isinstance(node, (cst.Name, cst.Attribute)):
            return None
        data = finding.data()
        if data["import"]:
            fix_ctx.add_import("pydantic", "BaseModel")
        if data.get("old"):
            fix_ctx.remove_import_if_unused(*data["old"])
        return expression(data["reference"])


def _base_model_reference(base: ast.expr, ctx: Context) -> tuple[str | None, bool]:
    if isinstance(base, ast.Attribute) and isinstance(base.value, ast.Attribute):
        root = base.value.value  # pydantic.generics.GenericModel: ``pydantic`` is imported
        if ctx.qualified_name(root) == "pydantic":
            return f"{ast.unparse(root)}.BaseModel", False
    if ctx.qualified_name(ast.Name("BaseModel")) == "pydantic.BaseModel":
        return "BaseModel", False
    if ctx.name_is_free("BaseModel"):
        return "BaseModel", True
    return ctx.reference_to("pydantic.BaseModel"), False


def _imported_from(name: str, ctx: Context) -> tuple[str, str] | None:
    bindings = ctx.scope.lookup(name)
    if len(bindings) == 1 and isinstance(bindings[0].node, ast.ImportFrom):
        statement = bindings[0].node
        if statement.module and not statement.level and any((a.asname or a.name) == name for a in statement.names):
            return statement.module, name
    return None
