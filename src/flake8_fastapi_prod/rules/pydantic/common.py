"""What the Pydantic rules share: which classes are models, V1 config keys."""

from __future__ import annotations

import ast

from flake8_fastapi_prod import knowledge as K
from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.resolve import Scope

MODEL_BASES = frozenset(
    {
        "pydantic.BaseModel",
        "pydantic.RootModel",
        "pydantic.generics.GenericModel",
        "pydantic_settings.BaseSettings",
        "pydantic.BaseSettings",
        "sqlmodel.SQLModel",
    }
)
SETTINGS_BASES = frozenset({"pydantic_settings.BaseSettings", "pydantic.BaseSettings"})

# pydantic 2.14, pydantic/_internal/_config.py: V2_RENAMED_KEYS, except
# allow_population_by_field_name, which maps to populate_by_name (valid on
# every 2.x; validate_by_name only exists from 2.11 on).
RENAMED_CONFIG_KEYS: dict[str, str] = {
    "allow_population_by_field_name": "populate_by_name",
    "anystr_lower": "str_to_lower",
    "anystr_strip_whitespace": "str_strip_whitespace",
    "anystr_upper": "str_to_upper",
    "keep_untouched": "ignored_types",
    "max_anystr_length": "str_max_length",
    "min_anystr_length": "str_min_length",
    "orm_mode": "from_attributes",
    "schema_extra": "json_schema_extra",
    "validate_all": "validate_default",
}
# pydantic 2.14 V2_REMOVED_KEYS, less allow_mutation (it became frozen).
REMOVED_CONFIG_KEYS = frozenset(
    {
        "copy_on_model_validation",
        "error_msg_templates",
        "fields",
        "getter_dict",
        "json_dumps",
        "json_loads",
        "post_init_call",
        "smart_union",
        "underscore_attrs_are_private",
    }
)


def model_kind(cls: ast.ClassDef, ctx: Context) -> str | None:
    """``"settings"``, ``"model"`` or None for a class statement seen in
    ``ctx.scope``. V1 models (``pydantic.v1``) are not V2 models."""
    bases = ctx.resolver.base_qualnames(cls, ctx.scope)
    if any(base.startswith("pydantic.v1.") for base in bases):
        return None
    if bases & SETTINGS_BASES:
        return "settings"
    if bases & MODEL_BASES:
        return "model"
    return None


# -- which project class a value or class expression is ----------------------

#: Bases a model may have besides pydantic's without changing its V1/V2 API.
NEUTRAL_BASES = frozenset({"typing.Generic", "typing_extensions.Generic", "abc.ABC", "object"})


def pure_model(cls: ast.ClassDef, scope: Scope, ctx: Context, attr: str, *, own: bool = True) -> bool:
    """``cls`` is a V2 model whose ``attr`` is pydantic's own: every base
    resolves (to pydantic or to project classes) and neither the class nor
    a project base defines ``attr`` itself (with ``own=False``, the class
    may: what ``super().attr`` reaches is asked)."""
    bases = ctx.resolver.base_qualnames(cls, scope)
    if not bases & MODEL_BASES or any(b.startswith("pydantic.v1.") for b in bases):
        return False
    if any(not (b.startswith(("pydantic.", "pydantic_settings.", "sqlmodel.")) or b in NEUTRAL_BASES) for b in bases):
        return False
    return not _defines(cls, scope, ctx, attr, 0, own=own)


def _defines(cls: ast.ClassDef, scope: Scope, ctx: Context, attr: str, depth: int, *, own: bool = True) -> bool:
    if depth > 12:
        return True
    class_scope = scope.module.scope_for(cls, scope)
    if own and attr in class_scope.bindings:
        return True
    for base in cls.bases:
        target = base.value if isinstance(base, ast.Subscript) else base
        definition = ctx.resolver.definition(target, scope)
        if (
            definition is not None
            and isinstance(definition.node, ast.ClassDef)
            and _defines(definition.node, definition.scope, ctx, attr, depth + 1)
        ):
            return True
    return False


def class_named(expr: ast.expr, scope: Scope, ctx: Context) -> ClassRef | None:
    """The project class an expression names (``User``, ``schemas.User``)."""
    definition = ctx.resolver.definition(expr, scope)
    if definition is not None and isinstance(definition.node, ast.ClassDef):
        return definition.node, definition.scope
    return None


ClassRef = tuple[ast.ClassDef, Scope]


def class_of_annotation(annotation: ast.expr, scope: Scope, ctx: Context, depth: int = 0) -> ClassRef | None:
    """The project class an annotation names, through ``Optional``,
    ``Annotated``, ``X | None`` and string forward references."""
    if depth > 8:
        return None
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            parsed = ast.parse(annotation.value.strip(), mode="eval").body
        except SyntaxError:
            return None
        return class_of_annotation(parsed, scope, ctx, depth + 1)
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        members = [m for m in (annotation.left, annotation.right) if not _is_none(m)]
        return class_of_annotation(members[0], scope, ctx, depth + 1) if len(members) == 1 else None
    if isinstance(annotation, ast.Subscript):
        wrapper = ctx.resolver.qualified_name(annotation.value, scope)
        args = annotation.slice
        elements = list(args.elts) if isinstance(args, ast.Tuple) else [args]
        if wrapper in K.TYPE_WRAPPERS:
            return class_of_annotation(elements[0], scope, ctx, depth + 1)
        if wrapper in K.UNION_TYPES:
            members = [m for m in elements if not _is_none(m)]
            return class_of_annotation(members[0], scope, ctx, depth + 1) if len(members) == 1 else None
        return None
    if isinstance(annotation, (ast.Name, ast.Attribute)):
        return class_named(annotation, scope, ctx)
    return None


def instance_class(expr: ast.expr, scope: Scope, ctx: Context, depth: int = 0) -> ClassRef | None:
    """The project class of which ``expr`` is an instance, when every
    binding agrees: an annotated parameter or variable, ``x = Model(...)``,
    ``x = Model.model_validate(...)``, ``self`` in a method, ``self.attr``
    annotated in the class body."""
    if depth > 8:
        return None
    resolver = ctx.resolver
    if isinstance(expr, ast.Call):
        func = expr.func.value if isinstance(expr.func, ast.Subscript) else expr.func
        named = class_named(func, scope, ctx)
        if named is not None:
            return named
        if isinstance(func, ast.Attribute) and func.attr in CONSTRUCTORS:
            named_class = func.value.value if isinstance(func.value, ast.Subscript) else func.value
            return class_named(named_class, scope, ctx)
        return None
    if isinstance(expr, ast.Attribute):
        owner = resolver.enclosing_class_of_self(expr.value, scope)
        if owner is None or _is_class_method(expr.value, scope):
            return None
        cls, class_scope = owner
        found = [
            class_of_annotation(b.annotation, class_scope, ctx, depth + 1)
            for b in class_scope.bindings.get(expr.attr, [])
            if b.kind == "annassign" and b.annotation is not None
        ]
        return _agree(found)
    if not isinstance(expr, ast.Name):
        return None
    owner = resolver.enclosing_class_of_self(expr, scope)
    if owner is not None:
        if _is_class_method(expr, scope):
            return None
        cls, class_scope = owner
        return cls, class_scope.parent if class_scope.parent is not None else class_scope
    bindings = scope.lookup(expr.id)
    if not bindings:
        return None
    found = []
    for binding in bindings:
        if binding.kind in ("param", "annassign") and binding.annotation is not None:
            found.append(class_of_annotation(binding.annotation, binding.scope, ctx, depth + 1))
        elif binding.kind in ("assign", "annassign") and binding.value is not None:
            found.append(instance_class(binding.value, binding.scope, ctx, depth + 1))
        else:
            return None
    return _agree(found)


def class_of_receiver(expr: ast.expr, scope: Scope, ctx: Context) -> ClassRef | None:
    """The project class an expression is (``User``, ``Page[int]``; ``cls``
    in a classmethod)."""
    if isinstance(expr, ast.Subscript):
        expr = expr.value
    if isinstance(expr, ast.Name) and _is_class_method(expr, scope):
        owner = ctx.resolver.enclosing_class_of_self(expr, scope)
        if owner is not None:
            cls, class_scope = owner
            return cls, class_scope.parent if class_scope.parent is not None else class_scope
    return class_named(expr, scope, ctx)


#: Class methods that make an instance of their class.
CONSTRUCTORS = frozenset(
    {"model_validate", "model_validate_json", "model_construct", "parse_obj", "parse_raw", "construct", "from_orm"}
)

#: Decorators that make a method's first parameter the class (a
#: ``model_validator(mode="after")`` method takes the instance; the other
#: modes are decorated ``@classmethod`` as well).
_CLASS_DECORATORS = frozenset(
    {
        "classmethod",
        "validator",
        "root_validator",
        "field_validator",
    }
)


def _is_class_method(expr: ast.expr, scope: Scope) -> bool:
    if not isinstance(expr, ast.Name):
        return False
    bindings = scope.lookup(expr.id)
    if len(bindings) != 1 or bindings[0].kind != "param":
        return False
    func = bindings[0].scope.node
    if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False
    for decorator in func.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", None)
        if name in _CLASS_DECORATORS:
            return True
    return False


def _agree(found: list[ClassRef | None]) -> ClassRef | None:
    if not found or any(item is None for item in found):
        return None
    if len({id(item[0]) for item in found if item is not None}) != 1:
        return None
    return found[0]


def _is_none(expr: ast.expr) -> bool:
    return isinstance(expr, ast.Constant) and expr.value is None


# -- V1 code being migrated (FP307) and V1 config values ---------------------

#: ``pydantic.Extra`` members become plain strings in V2.
EXTRA_ENUMS = frozenset({"pydantic.Extra", "pydantic.config.Extra"})

#: Modules that exist only for the V1 API (or its V2 deprecation shims).
V1_MODULES = frozenset(
    {
        "pydantic.class_validators",
        "pydantic.env_settings",
        "pydantic.error_wrappers",
        "pydantic.generics",
        "pydantic.typing",
        "pydantic.utils",
        "pydantic.json",
        "pydantic.tools",
        "pydantic.decorator",
    }
)
#: Names of ``pydantic`` that only V1 code imports.
V1_NAMES = frozenset(
    {
        "validator",
        "root_validator",
        "BaseSettings",
        "Extra",
        "Required",
        "parse_obj_as",
        "parse_raw_as",
        "parse_file_as",
        "schema_of",
        "schema_json_of",
        "validate_arguments",
        "ConstrainedStr",
        "ConstrainedInt",
        "ConstrainedFloat",
        "ConstrainedList",
        "ConstrainedDecimal",
        "ConstrainedBytes",
        "ConstrainedSet",
        "NoneStr",
        "NoneBytes",
        "StrBytes",
        "NoneStrBytes",
        "PyObject",
    }
)
V1_VALIDATOR_DECORATORS = frozenset(
    {
        "pydantic.validator",
        "pydantic.root_validator",
        "pydantic.class_validators.validator",
        "pydantic.class_validators.root_validator",
        "pydantic.deprecated.class_validators.validator",
        "pydantic.deprecated.class_validators.root_validator",
    }
)


def module_has_v1_markers(ctx: Context) -> bool:
    """The module imports something only Pydantic V1 code imports."""
    return ctx.module.memo("pydantic-v1-markers", lambda: _module_markers(ctx.module.tree))


def _module_markers(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and not node.level and node.module:
            if node.module in V1_MODULES or (
                node.module.startswith("pydantic.fields") and any(alias.name == "ModelField" for alias in node.names)
            ):
                return True
            if node.module == "pydantic" and any(alias.name in V1_NAMES for alias in node.names):
                return True
        elif isinstance(node, ast.Import) and any(alias.name in V1_MODULES for alias in node.names):
            return True
    return False


def model_has_v1_markers(cls: ast.ClassDef, ctx: Context) -> bool:
    """The class body holds a ``class Config`` or a V1 validator."""
    for statement in cls.body:
        if isinstance(statement, ast.ClassDef) and statement.name == "Config":
            return True
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for decorator in statement.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                if ctx.qualified_name(target) in V1_VALIDATOR_DECORATORS:
                    return True
    return False


def extra_member(expr: ast.expr, ctx: Context, scope: Scope | None = None) -> str | None:
    """``"forbid"`` for ``Extra.forbid`` (any spelling of ``pydantic.Extra``)."""
    if not isinstance(expr, ast.Attribute) or expr.attr not in ("forbid", "allow", "ignore"):
        return None
    if ctx.resolver.qualified_name(expr.value, scope or ctx.scope) in EXTRA_ENUMS:
        return expr.attr
    return None


class SpanNode(ast.AST):
    """A source range with no ``ast`` node of its own (a dict entry:
    key to value), to report at or to give as a fix target."""

    _attributes = ("lineno", "col_offset", "end_lineno", "end_col_offset")

    def __init__(self, start: ast.AST, end: ast.AST) -> None:
        super().__init__()
        self.lineno = start.lineno  # type: ignore[attr-defined]
        self.col_offset = start.col_offset  # type: ignore[attr-defined]
        self.end_lineno = end.end_lineno  # type: ignore[attr-defined]
        self.end_col_offset = end.end_col_offset  # type: ignore[attr-defined]


#: What to do instead of a V1 config key that V2 dropped (FP314).
REMOVED_CONFIG_ADVICE: dict[str, str] = {
    "copy_on_model_validation": "use revalidate_instances",
    "error_msg_templates": "raise PydanticCustomError or rewrite errors in a handler",
    "fields": "set alias / exclude with Field(...) on each field",
    "getter_dict": "use from_attributes=True and a mode='before' model_validator",
    "json_dumps": "model_dump_json() has no hook; serialise model_dump() yourself",
    "json_loads": "model_validate_json() has no hook; parse yourself and call model_validate()",
    "post_init_call": "model_post_init runs after validation",
    "smart_union": "V2 unions are smart by default: drop it",
    "underscore_attrs_are_private": "V2 always treats _names as private attributes: drop it",
}


def config_dict_call(call: ast.Call, ctx: Context) -> str | None:
    """``"ConfigDict"`` / ``"SettingsConfigDict"`` when ``call`` builds one."""
    qualname = ctx.qualified_name(call.func)
    if qualname in ("pydantic.ConfigDict", "pydantic.config.ConfigDict"):
        return "ConfigDict"
    if qualname in ("pydantic_settings.SettingsConfigDict", "pydantic_settings.main.SettingsConfigDict"):
        return "SettingsConfigDict"
    return None


def model_config_dicts(cls: ast.ClassDef) -> list[ast.Dict]:
    """``model_config = {...}`` dict literals in a class body."""
    found = []
    for statement in cls.body:
        value = statement.value if isinstance(statement, (ast.Assign, ast.AnnAssign)) else None
        targets = (
            statement.targets
            if isinstance(statement, ast.Assign)
            else [statement.target]
            if isinstance(statement, ast.AnnAssign)
            else []
        )
        if isinstance(value, ast.Dict) and any(isinstance(t, ast.Name) and t.id == "model_config" for t in targets):
            found.append(value)
    return found
