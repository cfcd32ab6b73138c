from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import ON_PYDANTIC2, Finding, FixSafety, Gate, Rule
from flake8_fastapi_prod.resolve import Scope
from flake8_fastapi_prod.rules.pydantic.common import class_of_receiver, pure_model, pydantic_base_value, value_class


class _V2:
    """A V1 method's V2 name and the call shapes that map one to one."""

    def __init__(self, name: str, *, max_args: int = 0, keywords: frozenset[str] = frozenset(), any_args: bool = False):
        self.name = name
        self.max_args = max_args
        self.keywords = keywords
        self.any_args = any_args

    def why_not(self, call: ast.Call) -> str:
        if self.any_args:
            return ""
        if any(isinstance(a, ast.Starred) for a in call.args) or len(call.args) > self.max_args:
            return "its positional arguments differ in V2"
        for keyword in call.keywords:
            if keyword.arg is None:
                return "**kwargs may hold V1-only arguments"
            if keyword.arg not in self.keywords:
                return f"{keyword.arg}= has no V2 counterpart"
        return ""


_DUMP = frozenset({"include", "exclude", "by_alias", "exclude_unset", "exclude_defaults", "exclude_none"})

#: Called on the class (``User.parse_obj(data)``).
CLASS_METHODS: dict[str, _V2 | None] = {
    "parse_obj": _V2("model_validate", max_args=1),
    "parse_raw": _V2("model_validate_json", max_args=1),
    "parse_file": None,
    "from_orm": _V2("model_validate", max_args=1),
    "schema": _V2("model_json_schema", keywords=frozenset({"by_alias", "ref_template"})),
    "schema_json": None,
    "update_forward_refs": _V2("model_rebuild"),
    "construct": _V2("model_construct", any_args=True),
}
#: Called on an instance (``user.dict()``).
INSTANCE_METHODS: dict[str, _V2 | None] = {
    "dict": _V2("model_dump", keywords=_DUMP),
    "json": _V2("model_dump_json", keywords=_DUMP | {"indent"}),
    "copy": _V2("model_copy", keywords=frozenset({"update", "deep"})),
}
#: What to write where there is no one-to-one V2 call.
_MANUAL = {
    "parse_file": "{model}.model_validate_json(Path(path).read_text())",
    "schema_json": "json.dumps({model}.model_json_schema())",
}


#: V1 ``ModelField`` attributes that V2's ``FieldInfo`` lacks (checked on
#: 2.14.4), and what V2 has instead.
MODEL_FIELD_ATTRS: dict[str, str] = {
    "type_": "FieldInfo.annotation (the whole annotation: V1's type_ was the inner type of List[X] / Optional[X])",
    "outer_type_": "FieldInfo.annotation",
    "required": "FieldInfo.is_required()",
    "field_info": "the FieldInfo itself",
    "allow_none": "a check of FieldInfo.annotation for None",
    "name": "the key of model_fields",
    "has_alias": "FieldInfo.alias is not None",
    "alt_alias": "FieldInfo.alias",
    **{
        attr: "nothing: V2 has no counterpart"
        for attr in (
            "shape",
            "sub_fields",
            "key_field",
            "class_validators",
            "pre_validators",
            "post_validators",
            "parse_json",
            "discriminator_key",
            "sub_fields_mapping",
        )
    },
}


class V1ModelApi(Rule):
    """A Pydantic V1 model method: `.parse_obj()`, `.dict()`, `.json()`, ...

    ## What it does
    Flags calls of the V1 model API that V2 renamed: `parse_obj`,
    `parse_raw`, `parse_file`, `from_orm`, `schema`, `schema_json`,
    `update_forward_refs` and `construct` on a model class (also `cls` in a
    classmethod or validator of the model), and `dict`, `json` and `copy`
    on a value known to be a model instance: a parameter or variable
    annotated with the model (also `Optional[...]`, `... | None`,
    `Annotated[...]`), a variable assigned `Model(...)` or
    `Model.model_validate(...)`, `self` in the model's methods,
    `self.<field>` annotated with a model, a loop or comprehension variable
    over a `List[Model]` / `Sequence[Model]` (a parameter, an annotated
    attribute, or a call of a function annotated to return one), an
    element `models[0]`, and the result of a call of a project function
    annotated to return the model (awaited for an `async def`). Also
    `Model.__fields__`, `instance.__fields__` and
    `instance.__fields_set__`; without a fix, the V1 `ModelField`
    attributes V2's `FieldInfo` lacks (`.type_`, `.outer_type_`,
    `.required`, `.field_info`, `.name`, `.shape`, ...; an AttributeError on
    2.14.4, found in prefect 2.10.21) read from a value of `__fields__` /
    `model_fields` (`M.__fields__["x"].type_`, a loop over `.values()` /
    `.items()`, a name assigned `M.__fields__["x"]`). `super().dict()`,
    `super().from_orm(obj)`, ... in a method of a model (typically an
    override of the same method) are flagged when what `super()` reaches
    is pydantic's method, not a project base's. The model must be a class of the
    project that derives from `pydantic.BaseModel` (or `BaseSettings`,
    `SQLModel`) through bases that all resolve, and must not define the
    method itself. A `.dict()` or `.copy()` on anything else (a plain dict,
    a third-party object) is never flagged.

    ## Why is this bad?
    These methods are deprecated in Pydantic V2 (each call warns with
    `PydanticDeprecatedSince20`) and are removed in V3. Some no longer
    take their V1 arguments: `.json(encoder=...)` and
    `.json(**dumps_kwargs)` raise `TypeError`.

    ## Example
    ```python
    from pydantic import BaseModel

    class User(BaseModel):
        name: str

    def load(data: dict) -> dict:
        user = User.parse_obj(data)
        return user.dict(exclude_none=True)
    ```

    ## Use instead
    ```python
    from pydantic import BaseModel

    class User(BaseModel):
        name: str

    def load(data: dict) -> dict:
        user = User.model_validate(data)
        return user.model_dump(exclude_none=True)
    ```

    ## Fix safety
    Safe: the V2 method is what the deprecated V1 name calls in V2.
    `parse_obj` and `from_orm` become `model_validate`, `parse_raw`
    `model_validate_json`, `schema` `model_json_schema`,
    `update_forward_refs()` `model_rebuild(raise_errors=False)`: V1
    resolved only the model's own forward references, V2 builds the whole
    schema and raises `PydanticUndefinedAnnotation` when a model it uses
    is still incomplete (prefect 2.10.21's `FlowRun.update_forward_refs()`
    while `State` waits for `BaseResult`); with `raise_errors=False` V2
    leaves the model to rebuild itself at first use, which then works as
    V1 did (verified on 2.14.4 against `pydantic.v1`). The one difference:
    V1 raised `NameError` at once for an unresolvable name of the model
    itself, V2 then raises at first use; inside a `try` that catches
    `NameError` the fix writes `model_rebuild()`, which raises
    `PydanticUndefinedAnnotation`, a `NameError`.
    `update_forward_refs(Flow=Flow)` at module level, or in a function
    where `Flow` is a local, the same (V2 takes no names: it
    resolves them in the model's module and in the calling frame's
    namespace, which there holds `Flow`; not the module globals from
    inside a function, verified), `construct`
    `model_construct`, `dict` `model_dump`, `json` `model_dump_json`,
    `copy` `model_copy`, `__fields__` `model_fields` (on an instance
    `type(instance).model_fields`: reading it from an instance is
    deprecated since pydantic 2.11), `__fields_set__` `model_fields_set`
    (V2's `__fields__` already returns `model_fields`). No fix where an argument has no V2 counterpart
    (`.copy(include=...)`, `.json(encoder=...)`, `.parse_raw(b,
    content_type=...)`, `**kwargs`), for `.copy(update=..., deep=True)`
    (V1 deep-copies the update values too), for `update_forward_refs(X=expr)`
    with another value or name (`model_rebuild(_types_namespace={...})`
    is the private V2 spelling), and none for `parse_file` and
    `schema_json`, which have no one-call V2 equivalent. Two differences
    remain in rare configurations: `parse_raw` validated the result of
    `json.loads` in Python mode and `model_validate_json` validates in JSON
    mode, which a `strict=True` model treats differently (a datetime string
    passes); `.dict()` / `.json()` pass `by_alias=False`, while
    `model_dump()` follows a `serialize_by_alias=True` config.
    """

    code = "FP304"
    gates = {
        "Call": Gate(keys=frozenset({*CLASS_METHODS, *INSTANCE_METHODS})),
        "Attribute": Gate(keys=frozenset({*MODEL_FIELD_ATTRS, "__fields__", "__fields_set__"})),
    }
    name = "v1-model-api"
    message = "{call} is the deprecated Pydantic V1 API; use {new}{note}"
    default = ON_PYDANTIC2
    fix_safety = FixSafety.SAFE

    def visit_Attribute(self, node: ast.Attribute, ctx: Context) -> Iterator[Finding]:
        if node.attr in MODEL_FIELD_ATTRS and isinstance(node.ctx, ast.Load) and _is_model_field(node.value, ctx):
            # ``Model.__fields__["x"].type_``: V1's ModelField; V2 gives a FieldInfo.
            yield self.report(
                node,
                fixable=False,
                call=f"ModelField.{node.attr} (a value of __fields__)",
                new=MODEL_FIELD_ATTRS[node.attr],
                note=" (no fix: V2's __fields__ / model_fields hold FieldInfo objects, which lack it: AttributeError)",
            )
        # ``Model.__fields__`` / ``user.__fields__`` / ``user.__fields_set__``
        attr = node.attr
        data: dict[str, Any]
        if attr not in ("__fields__", "__fields_set__") or not isinstance(node.ctx, ast.Load):
            return
        owner = class_of_receiver(node.value, ctx.scope, ctx) if attr == "__fields__" else None
        on_class = owner is not None
        if owner is None:
            owner = value_class(node.value, ctx.scope, ctx)
        if owner is None or not pure_model(owner[0], owner[1], ctx, attr):
            return
        model = owner[0].name
        if attr == "__fields_set__":
            new, data = ".model_fields_set", {"name": "model_fields_set"}
        elif on_class:
            new, data = ".model_fields", {"name": "model_fields"}
        else:
            # model_fields on an instance is deprecated since 2.11: ask the class.
            new, data = "type(...).model_fields", {"name": "model_fields", "type": True}
        fixable = not (data.get("type") and ctx.scope.lookup("type"))
        note = "" if fixable else " (no fix: the name type is taken here)"
        yield self.report(node, fixable=fixable, fix_data=data, call=f"{model}.{attr}", new=new, note=note)

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        func = node.func
        if not isinstance(func, ast.Attribute):
            return
        attr = func.attr
        if attr not in CLASS_METHODS and attr not in INSTANCE_METHODS:
            return
        table = CLASS_METHODS if attr in CLASS_METHODS else INSTANCE_METHODS
        parent_of = _super_owner(func.value, ctx)
        if parent_of is not None:
            # ``super().dict()`` in an override: pydantic's own method, unless
            # a project base between them defines it.
            cls, scope = parent_of
            if pure_model(cls, scope, ctx, attr, own=False):
                yield from self._report(node, func, attr, f"super().{attr}() in {cls.name}", table, "super()")
            return
        if table is CLASS_METHODS:
            owner = class_of_receiver(func.value, ctx.scope, ctx) or value_class(func.value, ctx.scope, ctx)
        else:
            owner = value_class(func.value, ctx.scope, ctx)
        if owner is None:
            # ``def dump(m: BaseModel)`` / ``model: Type[M]`` (M bound to BaseModel):
            # pydantic's own class, whatever subclass the value is.
            base = pydantic_base_value(func.value, ctx.scope, ctx, of_class=table is CLASS_METHODS)
            if base is not None:
                call = f"{base}.{attr}()" if table is CLASS_METHODS else f".{attr}() on a {base}"
                yield from self._report(node, func, attr, call, table, getattr(func.value, "id", base), ctx)
            return
        if not pure_model(owner[0], owner[1], ctx, attr):
            return
        model = owner[0].name
        article = "an" if model[:1] in "AEIOU" else "a"
        call = f"{model}.{attr}()" if table is CLASS_METHODS else f".{attr}() on {article} {model}"
        yield from self._report(node, func, attr, call, table, model, ctx)

    def _report(
        self,
        node: ast.Call,
        func: ast.Attribute,
        attr: str,
        call: str,
        table: dict[str, _V2 | None],
        model: str,
        ctx: Context | None = None,
    ) -> Iterator[Finding]:
        v2 = table[attr]
        if attr == "update_forward_refs" and ctx is not None:
            reason = _forward_refs_reason(node, ctx) if (node.args or node.keywords) else ""
            note = f" (no fix: {reason})" if reason else ""
            lenient = not _catches_name_error(node, ctx)
            data = {"name": "model_rebuild", "drop_args": True, "lenient": lenient}
            new = ".model_rebuild(raise_errors=False)" if lenient else ".model_rebuild()"
            yield self.report(node, fixable=not reason, fix_data=data, call=call, new=new, note=note)
            return
        if v2 is None:
            new = _MANUAL[attr].format(model=model)
            note = " (no fix: no one-call V2 equivalent)"
            yield self.report(node, target=func, fixable=False, call=call, new=new, note=note)
            return
        reason = v2.why_not(node)
        if attr == "copy" and not reason and _copies_update_deeply(node):
            reason = "with deep=True, V1 also deep-copies the update= values and model_copy() does not"
        note = f" (no fix: {reason})" if reason else ""
        yield self.report(
            node, target=func, fixable=not reason, fix_data={"name": v2.name}, call=call, new=f".{v2.name}()", note=note
        )

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        data = finding.data()
        if data.get("drop_args"):
            # ``M.update_forward_refs(Flow=Flow)`` -> ``M.model_rebuild()``
            if not isinstance(node, cst.Call) or not isinstance(node.func, cst.Attribute):
                return None
            args = []
            if data.get("lenient"):
                args = [
                    cst.Arg(
                        keyword=cst.Name("raise_errors"),
                        value=cst.Name("False"),
                        equal=cst.AssignEqual(
                            whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
                        ),
                    )
                ]
            return node.with_changes(func=node.func.with_changes(attr=cst.Name(data["name"])), args=args)
        if not isinstance(node, cst.Attribute):
            return None
        if data.get("type"):
            receiver = cst.Call(cst.Name("type"), args=[cst.Arg(node.value.with_changes(lpar=[], rpar=[]))])
            return node.with_changes(value=receiver, attr=cst.Name(data["name"]))
        return node.with_changes(attr=cst.Name(data["name"]))


def _super_owner(expr: ast.expr, ctx: Context) -> tuple[ast.ClassDef, Scope] | None:
    """For ``super()`` (or ``super(Cls, self)``) in a method written in a
    class body: that class and the scope its statement is in."""
    if not (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id == "super"):
        return None
    if ctx.scope.lookup("super") or expr.keywords or len(ctx.scopes) < 3:
        return None
    method_scope, class_scope, outer = ctx.scopes[-1], ctx.scopes[-2], ctx.scopes[-3]
    cls = class_scope.node
    if not isinstance(method_scope.node, (ast.FunctionDef, ast.AsyncFunctionDef)) or not isinstance(cls, ast.ClassDef):
        return None
    if expr.args and not (len(expr.args) == 2 and isinstance(expr.args[0], ast.Name) and expr.args[0].id == cls.name):
        return None
    return cls, outer


_FIELDS_ATTRS = ("__fields__", "model_fields")


def _fields_mapping(expr: ast.expr) -> bool:
    return isinstance(expr, ast.Attribute) and expr.attr in _FIELDS_ATTRS


def _fields_value(expr: ast.expr) -> bool:
    """``X.__fields__["a"]`` / ``X.__fields__.get("a")``."""
    if isinstance(expr, ast.Subscript):
        return _fields_mapping(expr.value)
    return (
        isinstance(expr, ast.Call)
        and isinstance(expr.func, ast.Attribute)
        and expr.func.attr == "get"
        and _fields_mapping(expr.func.value)
    )


def _fields_loop(target: ast.expr, iterable: ast.expr, name: str) -> bool:
    """``for f in X.__fields__.values()`` / ``for k, f in X.__fields__.items()`` bind ``name`` to a field."""
    if not (
        isinstance(iterable, ast.Call)
        and isinstance(iterable.func, ast.Attribute)
        and _fields_mapping(iterable.func.value)
    ):
        return False
    method = iterable.func.attr
    if method == "values":
        return isinstance(target, ast.Name) and target.id == name
    if method == "items" and isinstance(target, ast.Tuple) and len(target.elts) == 2:
        second = target.elts[1]
        return isinstance(second, ast.Name) and second.id == name
    return False


def _is_model_field(expr: ast.expr, ctx: Context) -> bool:
    """``expr`` is a value of a model's ``__fields__`` / ``model_fields``:
    read from it directly, or a name whose every binding in its function
    (a loop over ``.values()`` / ``.items()``, or ``= X.__fields__[...]``)
    is one. Only in modules that import pydantic (or sqlmodel)."""
    if not ctx.module.may_mention(*_FIELDS_ATTRS) or not ctx.module.memo(
        "fp304-reads-fields",
        lambda: any(n.attr in _FIELDS_ATTRS for n in ctx.module.nodes(ast.Attribute)),
    ):
        return False
    if _fields_value(expr):
        return pydantic_or_sqlmodel(ctx)
    if not isinstance(expr, ast.Name):
        return False
    scope_node = ctx.scope.node
    if not isinstance(scope_node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module)):
        return False
    name, field_bindings, other_bindings = expr.id, 0, 0
    for node in ast.walk(scope_node):
        if isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
            if _fields_loop(node.target, node.iter, name):
                field_bindings += 1
            elif any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(node.target)):
                other_bindings += 1
        elif isinstance(node, ast.Assign):
            if any(isinstance(n, ast.Name) and n.id == name for t in node.targets for n in ast.walk(t)):
                if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) and _fields_value(node.value):
                    field_bindings += 1
                else:
                    other_bindings += 1
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.NamedExpr)):
            target = node.target
            if isinstance(target, ast.Name) and target.id == name:
                other_bindings += 1
        elif (isinstance(node, ast.arg) and node.arg == name) or (
            isinstance(node, (ast.Import, ast.ImportFrom))
            and any((a.asname or a.name).split(".")[0] == name for a in node.names)
        ):
            other_bindings += 1
    return field_bindings > 0 and other_bindings == 0 and pydantic_or_sqlmodel(ctx)


def pydantic_or_sqlmodel(ctx: Context) -> bool:
    return any(
        b.kind == "import" and (b.qualname or "").split(".")[0] in ("pydantic", "sqlmodel")
        for bindings in ctx.module.scope.bindings.values()
        for b in bindings
    )


_NAME_ERRORS = frozenset({"NameError", "Exception", "BaseException", "PydanticUndefinedAnnotation"})


def _catches_name_error(node: ast.AST, ctx: Context) -> bool:
    """Whether ``node`` runs in the body of a ``try`` whose handlers catch
    ``NameError`` (or a base of it): there the V1 code relies on the error."""
    return ctx.in_try_catching(node, _NAME_ERRORS, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))


def _forward_refs_reason(call: ast.Call, ctx: Context) -> str:
    """Why ``update_forward_refs(**localns)`` cannot become a bare
    ``model_rebuild()``, or "" when it can.

    V2's ``model_rebuild()`` takes no names: it resolves forward references
    from the model's module and from the namespace of the frame that calls
    it (``f_locals``: the module globals at module level, the function's
    locals in a function; not the globals from inside a function). So
    ``X=X`` is redundant where ``X`` is bound in the calling frame itself.
    """
    scope = ctx.scope
    at_module = scope is ctx.module.scope
    in_function = isinstance(scope.node, (ast.FunctionDef, ast.AsyncFunctionDef))
    if call.args or not (at_module or in_function):
        return "model_rebuild() takes no names; pass _types_namespace={...} or call it where the names are bound"
    for keyword in call.keywords:
        value = keyword.value
        if keyword.arg is None or not (isinstance(value, ast.Name) and value.id == keyword.arg):
            return (
                f"{keyword.arg or '**'}= is not a name bound under its own name here; model_rebuild() takes no"
                " names: bind it in this namespace, or pass _types_namespace={...}"
            )
        if not at_module and keyword.arg not in scope.bindings:
            return (
                f"{keyword.arg} is not a local name here: model_rebuild() in a function sees its locals,"
                " not the caller module's globals"
            )
    return ""


def _copies_update_deeply(call: ast.Call) -> bool:
    given = {k.arg: k.value for k in call.keywords}
    deep = given.get("deep")
    return "update" in given and deep is not None and not (isinstance(deep, ast.Constant) and deep.value is False)
