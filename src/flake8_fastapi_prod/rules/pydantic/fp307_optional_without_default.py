from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod import knowledge as K
from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import OPT_IN, Finding, FixSafety, Rule
from flake8_fastapi_prod.rules.pydantic.common import model_has_v1_markers, model_kind, module_has_v1_markers

_CLASS_VARS = frozenset({"typing.ClassVar", "typing_extensions.ClassVar"})
_OPTIONAL = frozenset({"typing.Optional", "typing_extensions.Optional"})
PYDANTIC_FIELD = frozenset({"pydantic.Field", "pydantic.fields.Field"})


class OptionalWithoutDefault(Rule):
    """A model field annotated `Optional[X]` (or `X | None`) with no default.

    ## What it does
    Flags a field of a Pydantic model or settings class whose annotation
    admits `None` (`Optional[X]`, `Union[X, None]`, `X | None`, also inside
    `Annotated[...]`) and that has no default value, also
    `= Field(description=...)` with neither a default nor a
    `default_factory`. `ClassVar`s and
    private attributes (`_name`) are not fields and are not flagged.

    Only V1 code being migrated is checked: the project targets Pydantic
    < 2 (`--pydantic-target-version`, or its declared dependency), or the
    model still has a `class Config` or a `@validator` / `@root_validator`,
    or its module imports a V1-only name (`validator`, `root_validator`,
    `Extra`, `BaseSettings` or `parse_obj_as` from `pydantic`,
    `pydantic.generics`, `pydantic.class_validators`, ...). On V2-native
    code a nullable required field is a deliberate choice: when every such
    field was flagged, 77 of 89 findings on real V2 services were false.

    ## Why is this bad?
    In Pydantic V1 such a field was optional and defaulted to `None`. In V2
    it is required: a request body that leaves it out is rejected with
    422 `missing`, and `Model()` raises `ValidationError`. Code migrated from
    V1 silently changes its API contract.

    ## Example
    ```python
    from typing import Optional

    from pydantic import BaseModel, validator

    class ItemIn(BaseModel):
        name: str
        description: Optional[str]

        @validator("name")
        def strip(cls, v):
            return v.strip()
    ```

    ## Use instead
    ```python
    from typing import Optional

    from pydantic import BaseModel, validator

    class ItemIn(BaseModel):
        name: str
        description: Optional[str] = None

        @validator("name")
        def strip(cls, v):
            return v.strip()
    ```

    ## Fix safety
    Unsafe, and the code is opt-in (select `FP307`): `= None` is added
    (`default=None` in a `Field(...)` call). A field that is required but
    may be `null` is a legitimate V2 design, and the fix makes it optional. Use it during a V1 -> V2 migration, where
    `= None` keeps the V1 behaviour.
    """

    code = "FP307"
    name = "optional-field-without-default"
    message = "field {field!r} is Optional but has no default: required in Pydantic V2 (V1 defaulted it to None){note}"
    default = OPT_IN
    fix_safety = FixSafety.UNSAFE

    def visit_ClassDef(self, node: ast.ClassDef, ctx: Context) -> Iterator[Finding]:
        if model_kind(node, ctx) is None:
            return
        if not (ctx.targets.pydantic_v1 or model_has_v1_markers(node, ctx) or module_has_v1_markers(ctx)):
            return  # V2-native code: a nullable required field is a choice
        scope = ctx.module.scope_for(node, ctx.scope)
        for statement in node.body:
            if not isinstance(statement, ast.AnnAssign):
                continue
            target = statement.target
            if not isinstance(target, ast.Name) or target.id.startswith("_"):
                continue
            value = statement.value
            field_call = value is not None and self._field_without_default(value, ctx)
            if value is not None and not field_call:
                continue
            if _admits_none(statement.annotation, ctx, scope, 0):
                report_target = value if field_call and value is not None else statement
                yield self.report(statement, target=report_target, field=target.id, note="")

    def _field_without_default(self, value: ast.expr, ctx: Context) -> bool:
        """``Field(description=...)``: a ``pydantic.Field`` call that gives no default."""
        return (
            isinstance(value, ast.Call)
            and ctx.qualified_name(value.func) in PYDANTIC_FIELD
            and not value.args
            and all(k.arg is not None for k in value.keywords)
            and not _gives_default(value)
        )

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        from flake8_fastapi_prod.fix.edits import set_keyword

        if isinstance(node, cst.Call):
            return set_keyword(node, "default", cst.Name("None"))
        if not isinstance(node, cst.AnnAssign) or node.value is not None:
            return None
        return node.with_changes(value=cst.Name("None"), equal=cst.AssignEqual())


def _admits_none(annotation: ast.expr, ctx: Context, scope: Any, depth: int) -> bool:
    if depth > 6:
        return False
    resolver = ctx.resolver
    if isinstance(annotation, ast.Constant):
        if annotation.value is None:
            return True
        if isinstance(annotation.value, str):
            try:
                parsed = ast.parse(annotation.value.strip(), mode="eval").body
            except SyntaxError:
                return False
            return _admits_none(parsed, ctx, scope, depth + 1)
        return False
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        return _admits_none(annotation.left, ctx, scope, depth + 1) or _admits_none(
            annotation.right, ctx, scope, depth + 1
        )
    if isinstance(annotation, ast.Subscript):
        wrapper = resolver.qualified_name(annotation.value, scope)
        args = annotation.slice
        elements = list(args.elts) if isinstance(args, ast.Tuple) else [args]
        if wrapper in _CLASS_VARS:
            return False
        if wrapper in _OPTIONAL:
            return True
        if wrapper in K.UNION_TYPES:
            return any(_admits_none(e, ctx, scope, depth + 1) for e in elements)
        if wrapper in {"typing.Annotated", "typing_extensions.Annotated"}:
            if any(_gives_default(meta) for meta in elements[1:]):
                return False  # Annotated[..., Field(default=...)]
            return _admits_none(elements[0], ctx, scope, depth + 1)
    return False


def _gives_default(meta: ast.expr) -> bool:
    """A call with a positional argument (``Field(None)``, ``Field(...)``) or
    ``default=`` / ``default_factory=``."""
    return isinstance(meta, ast.Call) and (
        bool(meta.args) or any(k.arg in ("default", "default_factory") for k in meta.keywords)
    )
