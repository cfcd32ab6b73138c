from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import ON_PYDANTIC2, Finding, FixSafety, Rule
from flake8_fastapi_prod.rules.pydantic.common import model_kind

PYDANTIC_FIELD = frozenset({"pydantic.Field", "pydantic.fields.Field", "sqlmodel.Field"})
_EMPTY_CONTAINERS = frozenset({"builtins.list", "builtins.dict", "builtins.set", "list", "dict", "set"})


class NonAnnotatedAttribute(Rule):
    """A model class attribute with a value and no annotation.

    ## What it does
    Flags `name = <value>` in the body of a Pydantic model, settings or
    SQLModel class when the value is a literal (`"John"`, `3`, `None`,
    `[]`, `{"a": 1}`, ...), an empty `list()` / `dict()` / `set()`, or a
    `Field(...)` call. Private names (`_x`), dunders (`__tablename__`),
    `model_config`, annotated fields, `ClassVar`s, methods and nested
    classes are not flagged, nor is a name bound to a function or a class
    (Pydantic ignores those too).

    ## Why is this bad?
    Pydantic V1 inferred the field's type from the default. Pydantic 2
    refuses the class: verified on 2.14.4, `PydanticUserError: A
    non-annotated attribute was detected` at class creation (also "Field
    'x' defined on a base class was overridden by a non-annotated
    attribute" for an override, and "Field 'x' requires a type annotation"
    for `x = Field(...)`), so the module does not import.

    ## Example
    ```python
    from pydantic import BaseModel

    class User(BaseModel):
        name = "John Doe"
        retries = 3
    ```

    ## Use instead
    ```python
    from pydantic import BaseModel

    class User(BaseModel):
        name: str = "John Doe"
        retries: int = 3
    ```

    ## Fix safety
    Safe where the default is a literal of one obvious type (`str`, `int`,
    `float`, `bool`, `bytes`, an f-string): the attribute is annotated with
    it, which is the field V1 inferred. No fix for `None`, containers or
    `Field(...)` (the element type is not known), nor where the type's
    name is rebound in the class. If the attribute was meant as a
    constant, annotate it `ClassVar[...]` instead.
    """

    code = "FP319"
    name = "non-annotated-model-attribute"
    message = "non-annotated attribute {attr!r} in a Pydantic model raises PydanticUserError in V2; annotate it{note}"
    default = ON_PYDANTIC2
    fix_safety = FixSafety.SAFE

    def visit_ClassDef(self, node: ast.ClassDef, ctx: Context) -> Iterator[Finding]:
        candidates = [
            s
            for s in node.body
            if isinstance(s, ast.Assign)
            and len(s.targets) == 1
            and isinstance(s.targets[0], ast.Name)
            and not s.targets[0].id.startswith("_")
            and s.targets[0].id != "model_config"
        ]
        if not candidates or model_kind(node, ctx) is None:
            return
        class_scope = ctx.module.scope_for(node, ctx.scope)
        for statement in candidates:
            target = statement.targets[0]
            assert isinstance(target, ast.Name)
            if len(class_scope.bindings.get(target.id, [])) != 1:
                continue  # also annotated, or bound twice: not sure
            value = statement.value
            if not (_literal(value) or _field_or_empty(value, ctx)):
                continue
            type_name = _obvious_type(value)
            if type_name is not None and class_scope.lookup(type_name):
                type_name = None
            note = "" if type_name else " (no fix: the type is not obvious from the default)"
            yield self.report(
                statement, fixable=type_name is not None, fix_data={"type": type_name}, attr=target.id, note=note
            )

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        if not isinstance(node, cst.SimpleStatementLine) or len(node.body) != 1:
            return None
        assign = node.body[0]
        if not isinstance(assign, cst.Assign) or len(assign.targets) != 1:
            return None
        annotated = cst.AnnAssign(
            target=assign.targets[0].target,
            annotation=cst.Annotation(annotation=cst.Name(finding.data()["type"])),
            value=assign.value,
            equal=cst.AssignEqual(),
            semicolon=assign.semicolon,
        )
        return node.with_changes(body=[annotated])


def _literal(value: ast.expr) -> bool:
    if isinstance(value, ast.Constant):
        return value.value is not Ellipsis
    if isinstance(value, ast.UnaryOp) and isinstance(value.op, (ast.USub, ast.UAdd)):
        return isinstance(value.operand, ast.Constant) and isinstance(value.operand.value, (int, float))
    if isinstance(value, ast.JoinedStr):
        return True
    if isinstance(value, (ast.List, ast.Tuple, ast.Set)):
        return all(_literal(e) for e in value.elts)
    if isinstance(value, ast.Dict):
        return all(k is not None and _literal(k) for k in value.keys) and all(_literal(v) for v in value.values)
    return False


def _field_or_empty(value: ast.expr, ctx: Context) -> bool:
    if not isinstance(value, ast.Call):
        return False
    qualname = ctx.qualified_name(value.func)
    if qualname in PYDANTIC_FIELD:
        return True
    if (
        isinstance(value.func, ast.Name)
        and value.func.id in _EMPTY_CONTAINERS
        and not value.args
        and not value.keywords
    ):
        return not ctx.scope.lookup(value.func.id)
    return False


def _obvious_type(value: ast.expr) -> str | None:
    if isinstance(value, ast.JoinedStr):
        return "str"
    if isinstance(value, ast.UnaryOp):
        value = value.operand
    if not isinstance(value, ast.Constant):
        return None
    for kind in (bool, int, float, str, bytes):
        if isinstance(value.value, kind):
            return kind.__name__
    return None
