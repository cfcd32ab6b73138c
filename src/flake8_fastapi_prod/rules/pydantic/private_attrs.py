"""Underscore-named class attributes of a V1 model (FP319).

Verified on pydantic 1.10.27 and 2.14.4. V1 (without
``underscore_attrs_are_private``) leaves ``_x = value`` and ``_x: T =
value`` in a model's body as plain class attributes: ``Model._x`` and
``self._x`` read the value, every instance shares it (``cls._cache[k] = v``
is seen by all), and ``self._x = v`` raises ``ValueError`` (unless the
model allows extra attributes). V2 turns them into private attributes:
``Model._x`` / ``cls._x`` is a ``ModelPrivateAttr`` object, each instance
gets a deep copy of the default (``_lock = threading.Lock()`` makes every
instantiation raise ``TypeError: cannot pickle``; a shared cache is no
longer shared), and ``self._x = v`` works. ``_x: ClassVar[...] = value``
is what V1 meant on both versions.

V2 leaves alone (and so do these helpers) values of the types it ignores:
functions and lambdas, ``staticmethod`` / ``classmethod`` / ``property``
objects, ``functools`` objects, decorator results (``validator(...)(f)``)
and ``PrivateAttr(...)``, classes nested in the model.
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.resolve import Scope
from flake8_fastapi_prod.rules.pydantic.common import (
    EXTRA_ENUMS,
    MODEL_BASES,
    NEUTRAL_BASES,
    model_has_v1_markers,
    module_has_v1_markers,
)

CLASS_VARS = frozenset({"typing.ClassVar", "typing_extensions.ClassVar"})
FINAL = frozenset({"typing.Final", "typing_extensions.Final"})
_PRIVATE_ATTR = frozenset({"pydantic.PrivateAttr", "pydantic.fields.PrivateAttr"})
#: Builtin calls whose result is data (never a function or descriptor).
_BUILTIN_DATA = frozenset({"list", "dict", "set", "frozenset", "tuple", "str", "int", "float", "bool", "bytes"})
#: Library calls whose result is data that V2 would make a private attribute.
_DATA_FACTORIES = frozenset(
    {
        "threading.Lock",
        "threading.RLock",
        "threading.Event",
        "threading.Semaphore",
        "threading.local",
        "asyncio.Lock",
        "asyncio.Event",
        "asyncio.Semaphore",
        "collections.defaultdict",
        "collections.OrderedDict",
        "collections.Counter",
        "collections.deque",
        "re.compile",
        "logging.getLogger",
        "weakref.WeakValueDictionary",
        "weakref.WeakKeyDictionary",
        "weakref.WeakSet",
        "contextvars.ContextVar",
    }
)


def is_private_name(name: str) -> bool:
    """``_x`` or a mangled ``__x`` (V2 sees ``_Model__x``); not a dunder."""
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__")) and name.strip("_") != ""


def v1_code(cls: ast.ClassDef, ctx: Context) -> bool:
    """The class is V1 code being migrated (as FP307 decides)."""
    return ctx.targets.pydantic_v1 or model_has_v1_markers(cls, ctx) or module_has_v1_markers(ctx)


def data_value(value: ast.expr, cls: ast.ClassDef, scope: Scope, ctx: Context, depth: int = 0) -> bool:
    """``value`` surely evaluates to something V2 makes a private attribute
    (data: a literal, a container, a lock, a class defined elsewhere), not a
    function, descriptor or decorator result V2 ignores."""
    if depth > 4:
        return False
    if isinstance(value, ast.Constant):
        return value.value is not Ellipsis
    if isinstance(
        value,
        (ast.JoinedStr, ast.List, ast.Tuple, ast.Set, ast.Dict, ast.ListComp, ast.SetComp, ast.DictComp, ast.Compare),
    ):
        return True
    if isinstance(value, ast.UnaryOp):
        return data_value(value.operand, cls, scope, ctx, depth + 1)
    if isinstance(value, ast.BinOp):
        return data_value(value.left, cls, scope, ctx, depth + 1) or data_value(value.right, cls, scope, ctx, depth + 1)
    if isinstance(value, ast.Call):
        func = value.func
        if isinstance(func, ast.Name) and func.id in _BUILTIN_DATA and not scope.lookup(func.id):
            return True
        if (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Constant)
            and isinstance(func.value.value, str)
        ):
            return True  # ", ".join(...), "x".format(...)
        if ctx.resolver.qualified_name(func, scope) in _DATA_FACTORIES:
            return True
        definition = ctx.resolver.definition(func, scope)
        return definition is not None and isinstance(definition.node, ast.ClassDef) and not _descriptor(definition.node)
    if isinstance(value, (ast.Name, ast.Attribute)):
        definition = ctx.resolver.definition(value, scope)
        if definition is not None:
            # A class defined elsewhere (not nested in the model) is data to V2.
            return isinstance(definition.node, ast.ClassDef) and definition.node not in cls.body
        if isinstance(value, ast.Name):
            bindings = scope.lookup(value.id)
            if (
                len(bindings) == 1
                and bindings[0].kind == "assign"
                and bindings[0].value is not None
                and bindings[0].scope is scope.module.scope
            ):
                return _literal_data(bindings[0].value)
    return False


def _literal_data(value: ast.expr) -> bool:
    if isinstance(value, ast.Constant):
        return value.value is not Ellipsis
    return isinstance(value, (ast.JoinedStr, ast.List, ast.Tuple, ast.Set, ast.Dict))


def _descriptor(cls: ast.ClassDef) -> bool:
    return any(
        isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name in ("__get__", "__set_name__", "__call__")
        for s in cls.body
    )


def annotation_is(annotation: ast.expr, qualnames: frozenset[str], scope: Scope, ctx: Context) -> bool:
    """The annotation (also a string one) is ``ClassVar`` / ``ClassVar[...]``
    (or another of ``qualnames``)."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            annotation = ast.parse(annotation.value.strip(), mode="eval").body
        except SyntaxError:
            return False
    target = annotation.value if isinstance(annotation, ast.Subscript) else annotation
    return ctx.resolver.qualified_name(target, scope) in qualnames


def private_value(statement: ast.stmt) -> tuple[str, ast.expr, ast.expr | None] | None:
    """(name, value, annotation) of ``_x = value`` / ``_x: T = value``."""
    if isinstance(statement, ast.Assign):
        if len(statement.targets) == 1 and isinstance(statement.targets[0], ast.Name):
            name = statement.targets[0].id
            return (name, statement.value, None) if is_private_name(name) else None
    elif (
        isinstance(statement, ast.AnnAssign) and statement.value is not None and isinstance(statement.target, ast.Name)
    ):
        name = statement.target.id
        return (name, statement.value, statement.annotation) if is_private_name(name) else None
    return None


# -- the class and its project bases ----------------------------------------


def project_classes(cls: ast.ClassDef, scope: Scope, ctx: Context) -> tuple[list[tuple[ast.ClassDef, Scope]], bool]:
    """The class and every project class it inherits from, and whether every
    other base is pydantic's (or ``Generic`` / ``ABC``): then what V1 did
    with an attribute is known from these bodies alone."""
    found: list[tuple[ast.ClassDef, Scope]] = []
    complete = True

    def walk(node: ast.ClassDef, node_scope: Scope, depth: int) -> None:
        nonlocal complete
        if depth > 12 or any(node is seen for seen, _ in found):
            complete = complete and depth <= 12
            return
        found.append((node, node_scope))
        for base in node.bases:
            target = base.value if isinstance(base, ast.Subscript) else base
            definition = ctx.resolver.definition(target, node_scope)
            if definition is not None and isinstance(definition.node, ast.ClassDef):
                walk(definition.node, definition.scope, depth + 1)
                continue
            qualname = ctx.resolver.qualified_name(target, node_scope)
            if qualname is None or not (qualname in MODEL_BASES or qualname in NEUTRAL_BASES):
                complete = False

    walk(cls, scope, 0)
    return found, complete


def v1_private_config(classes: list[tuple[ast.ClassDef, Scope]], ctx: Context) -> bool:
    """``underscore_attrs_are_private = True`` in a ``class Config`` of one
    of ``classes``: V1 already made ``_x`` private attributes."""
    return any(_config_value(cls, "underscore_attrs_are_private", scope, ctx) == "true" for cls, scope in classes)


def allows_extra(classes: list[tuple[ast.ClassDef, Scope]], ctx: Context) -> bool:
    """V1 let ``instance._x = v`` through: one of ``classes`` allows extra
    attributes (``extra = "allow"`` / ``Extra.allow``, or a value not known)."""
    for cls, scope in classes:
        if _config_value(cls, "extra", scope, ctx) in ("allow", "unknown"):
            return True
        if any(k.arg == "extra" for k in cls.keywords):
            return True
    return False


def defines_setattr(classes: list[tuple[ast.ClassDef, Scope]]) -> bool:
    return any(
        isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == "__setattr__"
        for cls, _ in classes
        for s in cls.body
    )


def _config_value(cls: ast.ClassDef, key: str, scope: Scope, ctx: Context) -> str | None:
    """``"allow"`` / ``"true"`` / ... for ``key = value`` in the class's
    ``class Config``; ``"unknown"`` when it is set to something else."""
    for statement in cls.body:
        if not (isinstance(statement, ast.ClassDef) and statement.name == "Config"):
            continue
        for item in statement.body:
            if not (
                isinstance(item, ast.Assign) and any(isinstance(t, ast.Name) and t.id == key for t in item.targets)
            ):
                continue
            value = item.value
            if isinstance(value, ast.Constant):
                return str(value.value).lower()
            if isinstance(value, ast.Attribute) and ctx.resolver.qualified_name(value.value, scope) in EXTRA_ENUMS:
                return value.attr
            return "unknown"
    return None


def annotated_class_var_in_bases(name: str, classes: list[tuple[ast.ClassDef, Scope]], ctx: Context) -> bool:
    """A base annotates ``name`` as a ``ClassVar``: V2 keeps it one in
    subclasses too."""
    for cls, scope in classes[1:]:
        class_scope = scope.module.scope_for(cls, scope)
        for binding in class_scope.bindings.get(name, []):
            if (
                binding.kind == "annassign"
                and binding.annotation is not None
                and annotation_is(binding.annotation, CLASS_VARS, class_scope, ctx)
            ):
                return True
    return False


def assigned_on_instances(cls: ast.ClassDef, name: str) -> bool:
    """A method of the class assigns ``self.<name>`` (or ``setattr(self,
    "<name>", ...)``): the attribute holds per-instance state."""
    for statement in cls.body:
        if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        params = statement.args.posonlyargs + statement.args.args
        if not params or any(_decorator_name(d) in _NOT_INSTANCE_METHODS for d in statement.decorator_list):
            continue
        receiver = params[0].arg
        for node in _walk_function(statement):
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    for leaf in ast.walk(target):
                        if (
                            isinstance(leaf, ast.Attribute)
                            and leaf.attr == name
                            and isinstance(leaf.value, ast.Name)
                            and leaf.value.id == receiver
                            and isinstance(leaf.ctx, ast.Store)
                        ):
                            return True
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "setattr"
                and len(node.args) >= 2
                and isinstance(node.args[0], ast.Name)
                and node.args[0].id == receiver
                and isinstance(node.args[1], ast.Constant)
                and node.args[1].value == name
            ):
                return True
    return False


_NOT_INSTANCE_METHODS = frozenset({"classmethod", "staticmethod", "validator", "root_validator", "field_validator"})


def _decorator_name(decorator: ast.expr) -> str:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")


def _walk_function(function: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.AST]:
    for statement in function.body:
        yield from ast.walk(statement)


# -- instance stores anywhere in the project (models that allow extra) -------

_STORE_MARKERS = (b"._", b"setattr(")


def stored_on_instances(name: str, class_names: set[str], ctx: Context) -> bool:
    """Some code of the project assigns ``<value>.<name> = ...`` (or
    ``setattr(<value>, "<name>", ...)``) where the value is not ``cls`` nor
    one of ``class_names``: on a V1 model that allows extra attributes,
    that stored per-instance state, which a ``ClassVar`` would forbid."""
    if _stores_in_tree(ctx).get(name, set()) - class_names - {"cls"}:
        return True
    return bool(_stores_in_project(ctx).get(name, frozenset()) - class_names - {"cls"})


def _stores_in_project(ctx: Context) -> dict[str, frozenset[str]]:
    """Underscore attribute name -> the receivers the project's other
    modules store it on (a text search, each file read once per run)."""

    def build() -> dict[str, frozenset[str]]:
        found: dict[str, set[str]] = {}
        for other in ctx.module.project.modules_mentioning(ctx.module, "_", _STORE_MARKERS):
            try:
                stat = os.stat(other.filename)
            except OSError:
                continue
            for attr, receivers in _file_stores(other.filename, stat.st_mtime_ns, stat.st_size).items():
                found.setdefault(attr, set()).update(receivers)
        return {attr: frozenset(receivers) for attr, receivers in found.items()}

    return ctx.module.memo("pydantic-underscore-project-stores", build)


_STORE = re.compile(rb"\.(_\w+)[ \t]*(?:[-+*/%|&^@]|//|\*\*|<<|>>)?=(?!=)")
_SETATTR = re.compile(rb"setattr\(\s*(\w*)[^,()]*,\s*[\"'](_\w+)[\"']")
_RECEIVER = re.compile(rb"(\w*)$")


@lru_cache(maxsize=8192)
def _file_stores(path: str, mtime_ns: int, size: int) -> dict[str, frozenset[str]]:
    """``{"_x": {"self", "block"}}`` for ``self._x = ...``, ``block._x +=
    ...``, ``setattr(block, "_x", ...)`` in the file (receivers as written:
    the name before the dot, ``""`` for another expression)."""
    try:
        source = Path(path).read_bytes()
    except OSError:
        return {}
    found: dict[str, set[str]] = {}
    for match in _STORE.finditer(source):
        receiver = _RECEIVER.search(source, max(0, match.start() - 80), match.start())
        found.setdefault(match.group(1).decode(), set()).add(receiver.group(1).decode() if receiver else "")
    for match in _SETATTR.finditer(source):
        found.setdefault(match.group(2).decode(), set()).add(match.group(1).decode())
    return {attr: frozenset(receivers) for attr, receivers in found.items()}


def _stores_in_tree(ctx: Context) -> dict[str, set[str]]:
    """Underscore attribute name -> the receivers (names, or ``""`` for
    another expression) this module stores it on."""

    def build() -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for node in ast.walk(ctx.module.tree):
            if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and node.attr.startswith("_"):
                receiver = node.value.id if isinstance(node.value, ast.Name) else ""
                found.setdefault(node.attr, set()).add(receiver)
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "setattr"
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, str)
            ):
                receiver = node.args[0].id if isinstance(node.args[0], ast.Name) else ""
                found.setdefault(node.args[1].value, set()).add(receiver)
        return found

    return ctx.module.memo("pydantic-underscore-stores", build)
