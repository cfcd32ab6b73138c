from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import ON_PYDANTIC2, Finding, FixSafety, Rule
from flake8_fastapi_prod.rules.pydantic.common import model_kind

BASE_MODEL = frozenset({"pydantic.BaseModel"})


class CustomRootField(Rule):
    """A Pydantic V1 custom root type: a `__root__` field.

    ## What it does
    Flags a `__root__: T` field in a Pydantic model class.

    ## Why is this bad?
    Pydantic 2 refuses the class: verified on 2.14.4, the class statement
    raises `PydanticUserError: To define root models, use
    pydantic.RootModel rather than a field called '__root__'`, so the
    module does not import.

    ## Example
    ```python
    from typing import List

    from pydantic import BaseModel

    class Tags(BaseModel):
        __root__: List[str]
    ```

    ## Use instead
    ```python
    from typing import List

    from pydantic import RootModel

    class Tags(RootModel):
        root: List[str]
    ```

    ## Fix safety
    Unsafe. When the model's only model base is `pydantic.BaseModel`, the
    base becomes `RootModel`, `__root__` becomes `root` (also
    `self.__root__` in the class's methods) and the import is added.
    `Tags.model_validate(["a"])` validates as before, but the serialised
    form changes: V1's `.dict()` gave `{"__root__": [...]}`, V2's
    `model_dump()` gives the list itself, and reads of `.__root__` outside
    the class must become `.root`. No fix when the class has other fields,
    a project base, or names `__root__` in a string.
    """

    code = "FP313"
    name = "custom-root-field"
    message = "__root__ fields raise PydanticUserError in Pydantic V2; subclass RootModel and name the field root{note}"
    default = ON_PYDANTIC2
    fix_safety = FixSafety.UNSAFE

    def visit_ClassDef(self, node: ast.ClassDef, ctx: Context) -> Iterator[Finding]:
        roots = [
            s
            for s in node.body
            if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name) and s.target.id == "__root__"
        ]
        if not roots or model_kind(node, ctx) != "model":
            return
        reason, data = self._plan(node, ctx)
        note = f" (no fix: {reason})" if reason else ""
        yield self.report(roots[0], target=node, fixable=not reason, fix_data=data, note=note)

    def _plan(self, node: ast.ClassDef, ctx: Context) -> tuple[str, dict[str, Any]]:
        models = [b for b in node.bases if ctx.qualified_name(b) in BASE_MODEL]
        if len(models) != 1 or any(
            ctx.resolver.definition(b.value if isinstance(b, ast.Subscript) else b, ctx.scope) is not None
            for b in node.bases
        ):
            return "the class does not subclass pydantic.BaseModel directly", {}
        others = [
            s
            for s in node.body
            if isinstance(s, ast.AnnAssign)
            and isinstance(s.target, ast.Name)
            and not s.target.id.startswith("_")
            and s.target.id != "model_config"
        ]
        if others:
            return "the class has other fields", {}
        for child in ast.walk(node):
            if isinstance(child, ast.Constant) and child.value == "__root__":
                return "__root__ is named in a string", {}
        if "root" in ctx.module.scope_for(node, ctx.scope).bindings:
            return "the class defines root", {}
        base = models[0]
        reference, needs_import = _root_model_reference(base, ctx)
        if reference is None:
            return "the name RootModel is taken here", {}
        return "", {"index": node.bases.index(base), "reference": reference, "import": needs_import}

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        from flake8_fastapi_prod.fix.edits import expression

        if not isinstance(node, cst.ClassDef):
            return None
        data = finding.data()
        bases = list(node.bases)
        if data["index"] >= len(bases):
            return None
        bases[data["index"]] = bases[data["index"]].with_changes(value=expression(data["reference"]))
        if data["import"]:
            fix_ctx.add_import("pydantic", "RootModel")

        class Rename(cst.CSTTransformer):
            def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
                return updated.with_changes(value="root") if original.value == "__root__" else updated

            def visit_ClassDef(self, inner: cst.ClassDef) -> bool:
                return inner is node  # nested classes keep their own names

        body = node.body.visit(Rename())
        return node.with_changes(bases=bases, body=body)


def _root_model_reference(base: ast.expr, ctx: Context) -> tuple[str | None, bool]:
    if isinstance(base, ast.Attribute) and ctx.qualified_name(base.value) == "pydantic":
        return f"{ast.unparse(base.value)}.RootModel", False
    if ctx.qualified_name(ast.Name("RootModel")) == "pydantic.RootModel":
        return "RootModel", False
    if ctx.name_is_free("RootModel"):
        return "RootModel", True
    return ctx.reference_to("pydantic.RootModel"), False
