"""What the Pydantic rules share: which classes are models, V1 config keys."""

from __future__ import annotations

import ast
from typing import Any

from flake8_fastapi_prod import knowledge as K
from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.resolve import Scope, self_assignments

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


# -- V1/V2 compatibility shims and raw import names (FP305, FP315-FP320) -------

_IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})
_VERSION_WORDS = ("version", "pydantic_v", "pydanticv", "is_v1", "is_v2", "_v1", "_v2", "compat")


def compat_guarded(ctx: Context, alternatives: tuple[str, ...] = ()) -> bool:
    """The node being visited is part of a deliberate V1/V2 shim: inside a
    ``try`` whose handler catches ImportError (or broader) and does more
    than re-raise (with ``alternatives``: and whose statement imports from
    one of them, the V2 home), or an ``if`` / conditional expression that tests the
    Pydantic version (``PYDANTIC_V2``, ``pydantic.VERSION``,
    ``hasattr(pydantic, ...)``) or whose statement also imports from one of
    ``alternatives`` (``pydantic_settings``). An unrelated ``if`` (``if
    TYPE_CHECKING:``, ``if settings.debug:``) is not a shim."""
    for ancestor in ctx.ancestors:
        if isinstance(ancestor, ast.Try | getattr(ast, "TryStar", ast.Try)):
            for handler in ancestor.handlers:
                if _reraises_only(handler.body):
                    continue
                if alternatives and not _imports_from(ancestor, alternatives):
                    continue  # the fallback is not the V2 spelling
                if handler.type is None:
                    return True
                types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
                if any(_dotted_tail(t) in _IMPORT_ERRORS for t in types):
                    return True
        elif isinstance(ancestor, ast.If | ast.IfExp):
            if _tests_version(ancestor.test):
                return True
            if alternatives and isinstance(ancestor, ast.If) and _imports_from(ancestor, alternatives):
                return True
    return False


def _dotted_tail(expr: ast.expr) -> str:
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        return expr.attr
    return ""


def _reraises_only(body: list[ast.stmt]) -> bool:
    return all(isinstance(s, (ast.Raise, ast.Expr)) for s in body) and any(isinstance(s, ast.Raise) for s in body)


def _tests_version(test: ast.expr) -> bool:
    for node in ast.walk(test):
        words: list[str] = []
        if isinstance(node, ast.Name):
            words.append(node.id)
        elif isinstance(node, ast.Attribute):
            words.append(node.attr)
        elif isinstance(node, ast.Call) and _dotted_tail(node.func) == "hasattr":
            return True
        for word in words:
            lowered = word.lower()
            if any(marker in lowered for marker in _VERSION_WORDS) or lowered in ("v1", "v2"):
                return True
    return False


def _imports_from(statement: ast.stmt, modules: tuple[str, ...]) -> bool:
    for node in ast.walk(statement):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(modules):
            return True
        if isinstance(node, ast.Import) and any(a.name.startswith(modules) for a in node.names):
            return True
    return False


def pydantic_bound_names(ctx: Context) -> set[str]:
    """The names imports bind to pydantic or one of its modules
    (``pydantic``, ``pd``, ``tools``, ``Required``): a cheap first test
    before resolving a name. Built from the module's own bindings; a rule
    that reads it passes function-local imports to
    :func:`note_pydantic_import` as the walk reaches them (before their
    uses, which follow them in the function)."""

    def build() -> set[str]:
        return {
            name
            for name, bindings in ctx.module.scope.bindings.items()
            if any(b.kind == "import" and (b.qualname or "").split(".")[0] == "pydantic" for b in bindings)
        }

    return ctx.module.memo("pydantic-bound-names", build)


def note_pydantic_import(node: ast.Import | ast.ImportFrom, ctx: Context) -> None:
    if ctx.scope is ctx.module.scope:
        return
    names = pydantic_bound_names(ctx)
    if isinstance(node, ast.Import):
        names.update(a.asname or "pydantic" for a in node.names if a.name.split(".")[0] == "pydantic")
    elif not node.level and node.module and node.module.split(".")[0] == "pydantic":
        names.update(a.asname or a.name for a in node.names)


def import_qualname(name: str, scope: Scope) -> str | None:
    """The raw dotted name (not folded by ``resolve.canonical``: FP320 needs
    ``pydantic.config.Extra``, not ``pydantic.Extra``) that a bare name is
    imported as, when every binding of it is that one import."""
    bindings = scope.lookup(name)
    if not bindings or any(b.kind != "import" for b in bindings):
        return None
    names = {b.qualname for b in bindings}
    return names.pop() if len(names) == 1 else None


def raw_dotted(expr: ast.expr, scope: Scope) -> str | None:
    """``pd.color.Color`` after ``import pydantic as pd``: ``pydantic.color.Color``."""
    if isinstance(expr, ast.Name):
        return import_qualname(expr.id, scope)
    if isinstance(expr, ast.Attribute):
        base = raw_dotted(expr.value, scope)
        return f"{base}.{expr.attr}" if base else None
    return None


# -- V1 ``regex=`` -> V2 ``pattern=`` (FP311, FP315) ---------------------------

#: Python ``re`` syntax the Rust regex engine of V2 rejects (SchemaError at
#: class creation): lookaround and backreferences.
_PYTHON_ONLY_REGEX = ("(?=", "(?!", "(?<=", "(?<!", "(?P=")


def pattern_fix(value: ast.expr) -> tuple[str, str]:
    """How a V1 ``regex=`` value becomes a V2 ``pattern=``: ``("rename",
    "")``, ``("anchor", "")`` (V1 matched with ``re.match``, anchored at the
    start; V2 searches: a pattern without ``^`` gets ``^(?:...)``), or
    ``("", reason)`` when there is no fix."""
    if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
        return "", "the pattern is not a literal: V2 searches where V1 matched at the start"
    text = value.value
    if any(marker in text for marker in _PYTHON_ONLY_REGEX) or any(f"\\{d}" in text for d in "123456789"):
        return "", "lookaround or backreferences: V2's regex engine rejects them"
    if text.startswith(("^", "\\A")):
        return "rename", ""
    return "anchor", ""


def anchored_string(node: Any) -> Any:
    """A libcst SimpleString with ``^(?:`` after its opening quote and ``)``
    before its closing one (no escaping changes, raw or not)."""
    import libcst as cst

    if not isinstance(node, cst.SimpleString):
        return None
    text = node.value
    prefix_end = 0
    while prefix_end < len(text) and text[prefix_end] not in "'\"":
        prefix_end += 1
    quote = (
        text[prefix_end : prefix_end + 3] if text[prefix_end : prefix_end + 3] in ('"""', "'''") else text[prefix_end]
    )
    body = text[prefix_end + len(quote) : len(text) - len(quote)]
    return node.with_changes(value=f"{text[:prefix_end]}{quote}^(?:{body}){quote}")


def rename_keywords(call: Any, renames: dict[str, str], anchor: tuple[str, ...] = ()) -> Any:
    """A libcst Call with its ``renames`` keywords renamed; the values of
    the (new) keywords in ``anchor`` get ``^(?:...)`` (see pattern_fix)."""
    import libcst as cst

    if not isinstance(call, cst.Call):
        return None
    args = []
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value in renames:
            new = renames[arg.keyword.value]
            arg = arg.with_changes(keyword=cst.Name(new))
            if new in anchor:
                value = anchored_string(arg.value)
                if value is None:
                    return None
                arg = arg.with_changes(value=value)
        args.append(arg)
    return call.with_changes(args=args)


# -- more receivers: loop variables, elements, returned models (FP304, FP308) --

_CONTAINERS = frozenset(
    {
        f"{module}.{name}"
        for module in ("typing", "typing_extensions", "collections.abc")
        for name in (
            "List",
            "Sequence",
            "MutableSequence",
            "Iterable",
            "Iterator",
            "Collection",
            "Set",
            "FrozenSet",
            "AbstractSet",
            "Deque",
            "Tuple",
            "AsyncIterator",
            "AsyncIterable",
        )
    }
)
_BUILTIN_CONTAINERS = frozenset({"list", "set", "frozenset", "tuple"})
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)


def value_class(expr: ast.expr, scope: Scope, ctx: Context, depth: int = 0) -> ClassRef | None:
    """``instance_class``, and also: a loop or comprehension variable over a
    ``list[Model]`` (parameter, annotated variable, or a function annotated
    to return one), an element ``models[0]``, and the value of a call to a
    project function annotated to return a model (awaited when the
    function is ``async def``). ``depth`` 0 means ``expr`` is at the
    visited node (the comprehensions around it are looked at)."""
    if depth > 8:
        return None
    if depth == 0 and isinstance(expr, ast.Name):
        bound, element = _comprehension_element(expr, ctx)
        if bound:
            return element
    if isinstance(expr, ast.Await):
        return _returned_class(expr.value, scope, ctx, awaited=True)
    if isinstance(expr, ast.Call):
        return instance_class(expr, scope, ctx, depth) or _returned_class(expr, scope, ctx, awaited=False)
    if isinstance(expr, ast.Subscript) and not isinstance(expr.slice, ast.Slice):
        return element_class(expr.value, scope, ctx, depth + 1)
    found = instance_class(expr, scope, ctx, depth)
    if found is not None or not isinstance(expr, ast.Name):
        return found
    if ctx.resolver.enclosing_class_of_self(expr, scope) is not None:
        return None
    if depth == 0:
        narrowed = _narrowed_class(expr, scope, ctx)
        if narrowed is not None:
            return narrowed
    bindings = scope.lookup(expr.id)
    if not bindings:
        return None
    results: list[ClassRef | None] = []
    for binding in bindings:
        node = binding.node
        if binding.kind in ("param", "annassign") and binding.annotation is not None:
            results.append(class_of_annotation(binding.annotation, binding.scope, ctx, depth + 1))
        elif binding.kind in ("assign", "annassign") and binding.value is not None:
            results.append(value_class(binding.value, binding.scope, ctx, depth + 1))
        elif binding.kind == "other" and isinstance(node, (ast.For, ast.AsyncFor)):
            iterable = _loop_source(node.target, node.iter, expr.id)
            if iterable is None:
                return None
            results.append(element_class(iterable, binding.scope, ctx, depth + 1))
        else:
            return None
    return _agree(results)


def _narrowed_class(expr: ast.Name, scope: Scope, ctx: Context) -> ClassRef | None:
    """The project class of ``x`` inside the body of ``if isinstance(x, Model):``
    (also ``isinstance(x, Model) and ...``) around the visited node, in the
    same function."""
    below: ast.AST | None = None
    for ancestor in reversed(ctx.ancestors):
        if isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            return None
        if isinstance(ancestor, ast.If) and below is not None and any(below is s for s in ancestor.body):
            test_node = ancestor.test
            both = isinstance(test_node, ast.BoolOp) and isinstance(test_node.op, ast.And)
            tests = test_node.values if isinstance(test_node, ast.BoolOp) and both else [test_node]
            for test in tests:
                if (
                    isinstance(test, ast.Call)
                    and isinstance(test.func, ast.Name)
                    and test.func.id == "isinstance"
                    and len(test.args) == 2
                    and isinstance(test.args[0], ast.Name)
                    and test.args[0].id == expr.id
                    and not scope.lookup("isinstance")
                ):
                    named = class_named(test.args[1], scope, ctx)
                    if named is not None:
                        return named
        below = ancestor
    return None


def _loop_source(target: ast.expr, iterable: ast.expr, name: str) -> ast.expr | None:
    """What ``name`` is an element of, in ``for <target> in <iterable>``:
    the iterable itself (``for u in users``), the argument of
    ``enumerate(users)`` (``for i, u in ...``), or ``mapping.values()``
    for the value of ``for k, u in mapping.items()``. None otherwise."""
    if isinstance(target, ast.Name):
        return iterable if target.id == name else None
    if not (
        isinstance(target, ast.Tuple)
        and len(target.elts) == 2
        and isinstance(target.elts[1], ast.Name)
        and target.elts[1].id == name
        and isinstance(iterable, ast.Call)
        and not iterable.keywords
    ):
        return None
    func = iterable.func
    if isinstance(func, ast.Name) and func.id == "enumerate" and len(iterable.args) == 1:
        return iterable.args[0]
    if isinstance(func, ast.Attribute) and func.attr == "items" and not iterable.args:
        return ast.Call(func=ast.Attribute(value=func.value, attr="values", ctx=ast.Load()), args=[], keywords=[])
    return None


def element_class(expr: ast.expr, scope: Scope, ctx: Context, depth: int = 0) -> ClassRef | None:
    """The model class of the elements of a container value."""
    if depth > 8:
        return None
    if isinstance(expr, ast.Await):
        expr = expr.value
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr == "values":
        # ``users.values()`` on a ``dict[str, User]``
        if expr.args or expr.keywords:
            return None
        return _mapping_value_class(expr.func.value, scope, ctx, depth + 1)
    if isinstance(expr, ast.Call):
        function = _function_named(expr.func, scope, ctx)
        if function is None or function[0].returns is None:
            return None
        return _element_of_annotation(function[0].returns, function[1], ctx, depth + 1)
    if not isinstance(expr, (ast.Name, ast.Attribute)):
        return None
    if isinstance(expr, ast.Attribute):
        owner = ctx.resolver.enclosing_class_of_self(expr.value, scope)
        if owner is None:
            return None
        class_scope = owner[1]
        annotations = [
            b.annotation
            for b in class_scope.bindings.get(expr.attr, [])
            if b.kind == "annassign" and b.annotation is not None
        ]
        if len(annotations) != 1:
            return None
        return _element_of_annotation(annotations[0], class_scope, ctx, depth + 1)
    bindings = scope.lookup(expr.id)
    if len(bindings) != 1:
        return None
    binding = bindings[0]
    if binding.kind in ("param", "annassign") and binding.annotation is not None:
        return _element_of_annotation(binding.annotation, binding.scope, ctx, depth + 1)
    if binding.kind == "assign" and binding.value is not None:
        return element_class(binding.value, binding.scope, ctx, depth + 1)
    return None


_MAPPINGS = frozenset(
    {"dict", "typing.Dict", "typing.Mapping", "typing.MutableMapping", "typing.DefaultDict", "typing.OrderedDict"}
    | {f"collections.abc.{name}" for name in ("Mapping", "MutableMapping")}
    | {"collections.defaultdict", "collections.OrderedDict"}
)


def _mapping_value_class(expr: ast.expr, scope: Scope, ctx: Context, depth: int) -> ClassRef | None:
    """The model class of the values of a name annotated ``dict[K, Model]``
    (a parameter or annotated variable bound once)."""
    if depth > 8 or not isinstance(expr, ast.Name):
        return None
    bindings = scope.lookup(expr.id)
    if len(bindings) != 1 or bindings[0].kind not in ("param", "annassign") or bindings[0].annotation is None:
        return None
    binding = bindings[0]
    inner = unwrap_annotation(binding.annotation, binding.scope, ctx)  # type: ignore[arg-type]
    if not isinstance(inner, ast.Subscript) or not isinstance(inner.slice, ast.Tuple) or len(inner.slice.elts) != 2:
        return None
    wrapper = ctx.resolver.qualified_name(inner.value, binding.scope)
    if wrapper is None and isinstance(inner.value, ast.Name) and not binding.scope.lookup(inner.value.id):
        wrapper = inner.value.id
    if wrapper not in _MAPPINGS:
        return None
    return class_of_annotation(inner.slice.elts[1], binding.scope, ctx, depth + 1)


def _element_of_annotation(annotation: ast.expr, scope: Scope, ctx: Context, depth: int) -> ClassRef | None:
    if depth > 8:
        return None
    inner = unwrap_annotation(annotation, scope, ctx)
    if not isinstance(inner, ast.Subscript):
        return None
    wrapper = ctx.resolver.qualified_name(inner.value, scope)
    if wrapper is None and isinstance(inner.value, ast.Name) and not scope.lookup(inner.value.id):
        wrapper = inner.value.id if inner.value.id in _BUILTIN_CONTAINERS else None
    args = inner.slice
    elements = list(args.elts) if isinstance(args, ast.Tuple) else [args]
    if wrapper in ("tuple", "typing.Tuple", "typing_extensions.Tuple"):
        if not (len(elements) == 2 and isinstance(elements[1], ast.Constant) and elements[1].value is Ellipsis):
            return None
    elif wrapper not in _CONTAINERS and wrapper not in _BUILTIN_CONTAINERS:
        return None
    return class_of_annotation(elements[0], scope, ctx, depth + 1)


def _function_named(
    func: ast.expr, scope: Scope, ctx: Context
) -> tuple[ast.FunctionDef | ast.AsyncFunctionDef, Scope] | None:
    definition = ctx.resolver.definition(func, scope)
    if definition is not None and isinstance(definition.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return definition.node, definition.scope
    if isinstance(func, ast.Attribute) and definition is None:
        # ``repo.get(1)`` where ``repo: Repo``: the method ``Repo.get``
        # (the class's own, or a project base's).
        owner = instance_class(func.value, scope, ctx, 1)
        if owner is not None:
            return _method_of(owner[0], owner[1], func.attr, ctx, 0)
    return None


def _method_of(
    cls: ast.ClassDef, scope: Scope, name: str, ctx: Context, depth: int
) -> tuple[ast.FunctionDef | ast.AsyncFunctionDef, Scope] | None:
    if depth > 6:
        return None
    class_scope = scope.module.scope_for(cls, scope)
    bindings = class_scope.bindings.get(name, [])
    if bindings:
        node = bindings[0].node
        if (
            len(bindings) == 1
            and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and not any(_decorator_tail(d) in ("staticmethod", "classmethod") for d in node.decorator_list)
        ):
            return node, class_scope
        return None
    for base in cls.bases:
        named = class_named(base.value if isinstance(base, ast.Subscript) else base, scope, ctx)
        if named is not None:
            found = _method_of(named[0], named[1], name, ctx, depth + 1)
            if found is not None:
                return found
    return None


def _returned_class(call: ast.expr, scope: Scope, ctx: Context, *, awaited: bool) -> ClassRef | None:
    if not isinstance(call, ast.Call):
        return None
    function = _function_named(call.func, scope, ctx)
    if function is None or function[0].returns is None:
        return None
    node, def_scope = function
    if isinstance(node, ast.AsyncFunctionDef) != awaited:
        return None
    if any(_decorator_tail(d) in ("property", "contextmanager", "asynccontextmanager") for d in node.decorator_list):
        return None
    return class_of_annotation(node.returns, def_scope, ctx)  # type: ignore[arg-type]


def _decorator_tail(decorator: ast.expr) -> str:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")


def _comprehension_element(expr: ast.Name, ctx: Context) -> tuple[bool, ClassRef | None]:
    """(the name is a comprehension variable here, its element class)."""
    for ancestor in reversed(ctx.ancestors):
        if isinstance(ancestor, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            return False, None
        if not isinstance(ancestor, _COMPREHENSIONS):
            continue
        for generator in ancestor.generators:
            names = {n.id for n in ast.walk(generator.target) if isinstance(n, ast.Name)}
            if expr.id in names:
                iterable = _loop_source(generator.target, generator.iter, expr.id)
                if iterable is not None:
                    return True, element_class(iterable, ctx.scope, ctx, 1)
                return True, None
    return False, None


# -- secret-named settings fields (FP309, FP310) -------------------------------

_SECRET_WORDS = ("secret", "password", "passwd", "token")
_SECRET_PARTS = frozenset({"secret", "secrets", "password", "passwd", "pwd", "pass", "token", "tokens"})
#: Suffixes that make a secret-sounding name a setting about the secret
#: (``token_url``, ``password_min_length``, ``api_key_header``), not one.
_NOT_SECRET_SUFFIXES = (
    "_url", "_uri", "_endpoint", "_path", "_file", "_dir", "_header", "_name", "_type", "_algorithm",
    "_algorithms", "_prefix", "_length", "_ttl", "_lifetime", "_minutes", "_seconds", "_days", "_hours",
    "_expire", "_expires", "_expiry", "_expiration", "_id", "_ids", "_enabled", "_required", "_location",
    "_field", "_param", "_cookie", "_scheme", "_kind", "_policy", "_rounds", "_schemes", "_size",
)  # fmt: skip
_NOT_SECRET_KEYS = frozenset({"public_key", "primary_key", "sort_key", "partition_key", "cache_key", "foreign_key"})


def secret_name(name: str) -> bool:
    """A settings field name that says it holds a secret (``secret_key``,
    ``DB_PASSWORD``, ``api_token``, ``stripe_key``, ``database_url``)."""
    lowered = name.lower()
    if lowered in ("database_url", "db_url", "database_uri", "sqlalchemy_database_uri", "sqlalchemy_database_url"):
        return True
    if lowered.endswith(_NOT_SECRET_SUFFIXES) or "expire" in lowered or lowered.endswith("_public_key"):
        return False
    parts = lowered.strip("_").split("_")
    if parts[0] in ("max", "min", "num", "n", "default", "use", "enable", "allow", "require"):
        return False  # ``max_tokens``, ``use_token``: a setting about the secret
    if any(part in _SECRET_PARTS or part.endswith(_SECRET_WORDS) for part in parts):
        return True  # not ``tokenizer`` or ``max_tokens_per_call``
    return (parts[-1] == "key" or parts[-1].endswith("apikey")) and len(parts) > 1 and lowered not in _NOT_SECRET_KEYS


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
    inner = unwrap_annotation(annotation, scope, ctx)
    if isinstance(inner, (ast.Name, ast.Attribute)):
        return class_named(inner, scope, ctx)
    return None


def unwrap_annotation(annotation: ast.expr, scope: Scope, ctx: Context) -> ast.expr | None:
    """The annotation inside string quotes (a forward reference),
    ``Optional[...]`` / ``Annotated[...]``, ``X | None`` and ``Union[X,
    None]``, however nested; None for a union of more than one type or a
    string that does not parse."""
    for _ in range(9):
        if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
            try:
                annotation = ast.parse(annotation.value.strip(), mode="eval").body
            except SyntaxError:
                return None
            continue
        if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
            members = [m for m in (annotation.left, annotation.right) if not _is_none(m)]
            if len(members) != 1:
                return None
            annotation = members[0]
            continue
        if isinstance(annotation, ast.Subscript):
            wrapper = ctx.resolver.qualified_name(annotation.value, scope)
            args = annotation.slice
            elements = list(args.elts) if isinstance(args, ast.Tuple) else [args]
            if wrapper in K.TYPE_WRAPPERS:
                annotation = elements[0]
                continue
            if wrapper in K.UNION_TYPES:
                members = [m for m in elements if not _is_none(m)]
                if len(members) != 1:
                    return None
                annotation = members[0]
                continue
        return annotation
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
        if owner is None and isinstance(expr.value, (ast.Name, ast.Attribute)):
            # ``order.user`` where ``order: Order`` and ``Order`` declares ``user: User``.
            holder = instance_class(expr.value, scope, ctx, depth + 1)
            if holder is None:
                return None
            return _field_class(holder[0], holder[1], expr.attr, ctx, depth + 1)
        if owner is None or _is_class_method(expr.value, scope):
            return None
        cls, class_scope = owner
        if expr.attr not in class_scope.bindings:
            # ``self.cfg = cfg`` in ``__init__(self, cfg: Cfg)``: every
            # assignment of the attribute in the class's methods agrees.
            assigned = self_assignments(cls, class_scope).get(expr.attr, [])
            return _agree(
                [
                    class_of_annotation(annotation, where, ctx, depth + 1)
                    if annotation is not None
                    else (instance_class(value, where, ctx, depth + 1) if value is not None else None)
                    for value, annotation, where in assigned
                ]
            )
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
        elif binding.kind == "import" and binding.qualname and len(bindings) == 1:
            # ``from app.config import settings`` where ``settings = Settings()``
            ref = resolver.project_ref(binding.qualname, binding.scope.module)
            if ref is None or ref.kind not in ("assign", "annassign"):
                return None
            other = ref.binding()
            if other is None:
                return None
            # ``settings = Settings()`` or ``settings = get_settings()`` there
            return value_class(ast.Name(id=ref.name, ctx=ast.Load()), other.scope, ctx, depth + 1)
        else:
            return None
    return _agree(found)


def _field_class(cls: ast.ClassDef, scope: Scope, attr: str, ctx: Context, depth: int) -> ClassRef | None:
    """The project class a field ``attr: Model`` of ``cls`` (or of a project
    base) is annotated with; None when ``cls`` binds ``attr`` otherwise."""
    if depth > 8:
        return None
    class_scope = scope.module.scope_for(cls, scope)
    bindings = class_scope.bindings.get(attr, [])
    if bindings:
        if len(bindings) != 1 or bindings[0].kind != "annassign" or bindings[0].annotation is None:
            return None
        return class_of_annotation(bindings[0].annotation, class_scope, ctx, depth + 1)
    for base in cls.bases:
        named = class_named(base.value if isinstance(base, ast.Subscript) else base, scope, ctx)
        if named is not None:
            found = _field_class(named[0], named[1], attr, ctx, depth + 1)
            if found is not None:
                return found
    return None


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
    named = class_named(expr, scope, ctx)
    if named is None and isinstance(expr, ast.Name):
        # ``model: Type[User]`` / ``model: type[M]`` (``M = TypeVar("M", bound=User)``)
        of_type = _type_argument(expr, scope, ctx)
        if of_type is not None:
            return class_named(of_type[0], of_type[1], ctx)
    return named


_TYPE_OF = frozenset({"type", "typing.Type", "typing_extensions.Type"})
_TYPEVARS = frozenset({"typing.TypeVar", "typing_extensions.TypeVar"})


def _type_argument(expr: ast.Name, scope: Scope, ctx: Context) -> tuple[ast.expr, Scope] | None:
    """``X`` (and the scope to read it in) when every binding of the name is
    a parameter or variable annotated ``Type[X]`` / ``type[X]``; a TypeVar
    ``X`` is replaced by its ``bound=``."""
    bindings = scope.lookup(expr.id)
    if len(bindings) != 1 or bindings[0].kind not in ("param", "annassign") or bindings[0].annotation is None:
        return None
    binding = bindings[0]
    inner = unwrap_annotation(binding.annotation, binding.scope, ctx)  # type: ignore[arg-type]
    if not isinstance(inner, ast.Subscript):
        return None
    wrapper = ctx.resolver.qualified_name(inner.value, binding.scope)
    if wrapper is None and isinstance(inner.value, ast.Name) and not binding.scope.lookup(inner.value.id):
        wrapper = inner.value.id
    if wrapper not in _TYPE_OF:
        return None
    argument = unwrap_annotation(inner.slice, binding.scope, ctx)
    if argument is None:
        return None
    return typevar_bound(argument, binding.scope, ctx) or (argument, binding.scope)


def typevar_bound(expr: ast.expr, scope: Scope, ctx: Context) -> tuple[ast.expr, Scope] | None:
    """The ``bound=`` of ``T = TypeVar("T", bound=X)`` when ``expr`` names T."""
    if not isinstance(expr, ast.Name):
        return None
    bindings = scope.lookup(expr.id)
    if len(bindings) != 1 or bindings[0].kind != "assign":
        return None
    value = bindings[0].value
    if not isinstance(value, ast.Call) or ctx.resolver.qualified_name(value.func, bindings[0].scope) not in _TYPEVARS:
        return None
    bound = next((k.value for k in value.keywords if k.arg == "bound"), None)
    if bound is None:
        return None
    return unwrap_annotation(bound, bindings[0].scope, ctx) or bound, bindings[0].scope


def pydantic_base_value(expr: ast.expr, scope: Scope, ctx: Context, *, of_class: bool) -> str | None:
    """``"BaseModel"`` (the class name) when ``expr`` is a parameter or
    variable annotated with pydantic's own ``BaseModel`` / ``BaseSettings``
    / ``SQLModel`` (``of_class``: annotated ``Type[...]`` of one, or of a
    TypeVar bound to one), not a project class: ``def dump(m: BaseModel)``."""
    if not isinstance(expr, ast.Name):
        return None
    if of_class:
        found = _type_argument(expr, scope, ctx)
        if found is None:
            return None
        annotation, where = found
    else:
        bindings = scope.lookup(expr.id)
        if not bindings or any(b.kind not in ("param", "annassign") or b.annotation is None for b in bindings):
            return None
        if len(bindings) != 1:
            return None
        where = bindings[0].scope
        unwrapped = unwrap_annotation(bindings[0].annotation, where, ctx)  # type: ignore[arg-type]
        if unwrapped is None:
            return None
        annotation = (typevar_bound(unwrapped, where, ctx) or (unwrapped, where))[0]
    if not isinstance(annotation, (ast.Name, ast.Attribute)):
        return None
    qualname = ctx.resolver.qualified_name(annotation, where)
    if qualname in MODEL_BASES and qualname != "pydantic.generics.GenericModel":
        return qualname.rpartition(".")[2]
    return None


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

#: V1 config keys V2 still applies but deprecates: FP314 reports them
#: without a fix, and FP301's fix keeps them (dropping them would change
#: behaviour). Verified on 2.14.4: ``json_encoders`` warns
#: PydanticDeprecatedSince20 at the creation of the model and of every
#: subclass that inherits it, and is still applied by ``model_dump_json()``
#: and ``model_dump(mode="json")``.
DEPRECATED_CONFIG_ADVICE: dict[str, str] = {
    "json_encoders": (
        "still applied in JSON mode but deprecated (PydanticDeprecatedSince20 at class creation, in every subclass"
        " too); use @field_serializer or Annotated[T, PlainSerializer(...)]"
    ),
}


CONFIG_DICT_QUALNAMES = frozenset(
    {
        "pydantic.ConfigDict",
        "pydantic.config.ConfigDict",
        "pydantic_settings.SettingsConfigDict",
        "pydantic_settings.main.SettingsConfigDict",
    }
)


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
