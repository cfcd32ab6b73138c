from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import ON_PYDANTIC2, Finding, FixSafety, Rule
from flake8_fastapi_prod.resolve import Scope
from flake8_fastapi_prod.rules.pydantic import private_attrs as P
from flake8_fastapi_prod.rules.pydantic.common import model_kind

PYDANTIC_FIELD = frozenset({"pydantic.Field", "pydantic.fields.Field", "sqlmodel.Field"})
_FIELD_PROBLEM = "in a Pydantic model raises PydanticUserError in V2; annotate it"
_PRIVATE_PROBLEM = (
    "of a V1 model is a private attribute in V2 (a ModelPrivateAttr on the class, a copy per instance);"
    " annotate it ClassVar[...]"
)
_EMPTY_CONTAINERS = frozenset({"builtins.list", "builtins.dict", "builtins.set", "list", "dict", "set"})


class NonAnnotatedAttribute(Rule):
    """A model class attribute with a value and no annotation, or an underscore one in V1 code.

    ## What it does
    Flags `name = <value>` in the body of a Pydantic model, settings or
    SQLModel class when the value is a literal (`"John"`, `3`, `None`,
    `[]`, `{"a": 1}`, ...), an empty `list()` / `dict()` / `set()`, or a
    `Field(...)` call. Dunders (`__tablename__`), `model_config`,
    annotated fields, `ClassVar`s, methods and nested classes are not
    flagged, nor is a name bound to a function or a class (Pydantic
    ignores those too).

    In V1 code being migrated (as FP307 decides: the project targets
    Pydantic < 2, or the model or its module carries V1 markers), it also
    flags an underscore attribute with a value, annotated or not (`_slug =
    "x"`, `_cache = {}`, `_lock = threading.Lock()`, `_url: Optional[str]
    = None`), unless V1 already made it private
    (`underscore_attrs_are_private`, `PrivateAttr(...)`) or it is a
    `ClassVar` (also in a base class). Values V2 ignores are not flagged:
    functions, lambdas, `staticmethod`/`property` objects, decorator
    results, `functools` objects, classes nested in the model. On
    V2-native code an underscore attribute is a deliberate private
    attribute and is not flagged.

    ## Why is this bad?
    Pydantic V1 inferred the field's type from the default. Pydantic 2
    refuses the class: verified on 2.14.4, `PydanticUserError: A
    non-annotated attribute was detected` at class creation (also "Field
    'x' defined on a base class was overridden by a non-annotated
    attribute" for an override, and "Field 'x' requires a type annotation"
    for `x = Field(...)`), so the module does not import.

    Underscore attributes (verified on 1.10.27 and 2.14.4): V1 left them
    plain class attributes, read on the class (`cls._slug`) and shared by
    every instance, and refused `instance._x = v` unless the model allowed
    extra attributes. V2 makes them private attributes: `Model._slug` is a
    `ModelPrivateAttr` object, `cls._cache[k] = v` raises TypeError, each
    instance gets a deep copy of the default (a shared cache is no longer
    shared; `_lock = threading.Lock()` makes every `Model()` raise
    `TypeError: cannot pickle`).

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

    Underscore attributes: safe, `_slug: ClassVar[str] = "x"` (the type
    when the literal shows it, else a bare `ClassVar`; `_url:
    ClassVar[Optional[str]] = None` for an annotated one; `typing.ClassVar`
    imported unless the module already names it), which is what V1 did on
    both versions. No fix where V1 let instances assign it: a method of
    the class assigns `self._x`, the model defines `__setattr__`, or it
    allows extra attributes and some module of the project assigns
    `<value>._x` (there V2's private attribute may be what the code
    wants: keep it, and read it on instances only); none either when a
    base class is not known or the attribute is `Final`. Not reported at
    all when a method of the model assigns `self._x` and V1 would have
    refused it (no extra attributes, no `__setattr__`): that code was
    written for V2's private attribute.
    """

    code = "FP319"
    name = "non-annotated-model-attribute"
    message = "{subject} {attr!r} {problem}{note}"
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
        private = [s for s in node.body if isinstance(s, (ast.Assign, ast.AnnAssign)) and P.private_value(s)]
        if not (candidates or private) or model_kind(node, ctx) is None:
            return
        class_scope = ctx.module.scope_for(node, ctx.scope)
        for statement in candidates:
            assert isinstance(statement, ast.Assign)
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
                statement,
                fixable=type_name is not None,
                fix_data={"type": type_name},
                subject="non-annotated attribute",
                attr=target.id,
                problem=_FIELD_PROBLEM,
                note=note,
            )
        if private and P.v1_code(node, ctx):
            yield from self._private_attributes(node, private, class_scope, ctx)

    def _private_attributes(
        self, node: ast.ClassDef, statements: Sequence[ast.stmt], class_scope: Scope, ctx: Context
    ) -> Iterator[Finding]:
        """``_x = value`` / ``_x: T = value`` that V1 kept as a class
        attribute and V2 makes a private attribute (see private_attrs)."""
        classes: list[tuple[ast.ClassDef, Scope]] | None = None
        complete = False
        for statement in statements:
            found = P.private_value(statement)
            assert found is not None
            name, value, annotation = found
            if len(class_scope.bindings.get(name, [])) != 1:
                continue  # bound twice (or also in a method of the body): not sure
            if annotation is not None and P.annotation_is(annotation, P.CLASS_VARS, class_scope, ctx):
                continue
            if not P.data_value(value, node, class_scope, ctx):
                continue
            if classes is None:
                classes, complete = P.project_classes(node, ctx.scope, ctx)
                if P.v1_private_config(classes, ctx):
                    return  # V1 already made them private attributes
            if P.annotated_class_var_in_bases(name, classes, ctx):
                continue
            if (
                complete
                and P.assigned_on_instances(node, name)
                and not (P.defines_setattr(classes) or P.allows_extra(classes, ctx))
            ):
                continue  # V1 refused `self._x = v`: code that does it was written for V2's private attribute
            classvar = self._classvar_reference(class_scope, ctx)
            if annotation is not None and P.annotation_is(annotation, P.FINAL, class_scope, ctx):
                note = " (no fix: it is Final; use ClassVar[...] instead)"
            elif not complete:
                note = " (no fix: a base class is not known)"
            elif P.defines_setattr(classes):
                note = " (no fix: the model defines __setattr__)"
            elif P.allows_extra(classes, ctx) and P.stored_on_instances(name, {c.name for c, _ in classes}, ctx):
                note = " (no fix: instances assign it (the model allows extra): keep it private, read it on instances)"
            elif classvar is None:
                note = " (no fix: the name ClassVar is taken here)"
            else:
                note = ""
            yield self.report(
                statement,
                fixable=not note,
                fix_data={"classvar": classvar[0] if classvar else "", "import": bool(classvar and classvar[1])}
                | ({"type": self._unshadowed_type(value, class_scope)} if annotation is None else {}),
                subject="underscore attribute",
                attr=name,
                problem=_PRIVATE_PROBLEM,
                note=note,
            )

    @staticmethod
    def _unshadowed_type(value: ast.expr, class_scope: Scope) -> str | None:
        type_name = _obvious_type(value)
        return None if type_name is None or class_scope.lookup(type_name) else type_name

    @staticmethod
    def _classvar_reference(class_scope: Scope, ctx: Context) -> tuple[str, bool] | None:
        """How to spell ``typing.ClassVar`` in the class body, and whether
        the import must be added."""
        reference = ctx.reference_to("typing.ClassVar") or ctx.reference_to("typing_extensions.ClassVar")
        if reference is not None and not ("." not in reference and class_scope.bindings.get(reference)):
            return reference, False
        if class_scope.lookup("ClassVar"):
            return None
        return "ClassVar", True

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        if not isinstance(node, cst.SimpleStatementLine) or len(node.body) != 1:
            return None
        data = finding.data()
        statement = node.body[0]
        if data.get("classvar"):
            return self._classvar_fix(node, statement, data, fix_ctx)
        if not isinstance(statement, cst.Assign) or len(statement.targets) != 1:
            return None
        annotated = cst.AnnAssign(
            target=statement.targets[0].target,
            annotation=cst.Annotation(annotation=cst.Name(data["type"])),
            value=statement.value,
            equal=cst.AssignEqual(),
            semicolon=statement.semicolon,
        )
        return node.with_changes(body=[annotated])

    @staticmethod
    def _classvar_fix(node: Any, statement: Any, data: dict[str, Any], fix_ctx: Any) -> Any:
        import libcst as cst

        classvar = cst.parse_expression(data["classvar"])
        if isinstance(statement, cst.AnnAssign):
            inner = statement.annotation.annotation
            wrapped = cst.Subscript(value=classvar, slice=[cst.SubscriptElement(cst.Index(inner))])
            new = statement.with_changes(annotation=statement.annotation.with_changes(annotation=wrapped))
        elif isinstance(statement, cst.Assign) and len(statement.targets) == 1:
            type_name = data.get("type")
            annotation = (
                cst.Subscript(value=classvar, slice=[cst.SubscriptElement(cst.Index(cst.Name(type_name)))])
                if type_name
                else classvar
            )
            new = cst.AnnAssign(
                target=statement.targets[0].target,
                annotation=cst.Annotation(annotation=annotation),
                value=statement.value,
                equal=cst.AssignEqual(),
                semicolon=statement.semicolon,
            )
        else:
            return None
        if data.get("import"):
            fix_ctx.add_import("typing", "ClassVar")
        return node.with_changes(body=[new])


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
