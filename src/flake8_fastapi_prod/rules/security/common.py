"""What the FP4xx rules share: the JWT calls, test modules, and the literal
value an expression resolves to.

A value is resolved, never matched by name: a literal, a constant (also one
imported from another module of the project), a function parameter's
default, a ``os.getenv("X", "default")`` fallback, or the literal default
of a field of a pydantic ``BaseSettings`` subclass read as
``settings.FIELD`` (``settings = Settings()``, ``get_settings().FIELD``, a
parameter annotated with the class). Anything else (``os.environ["X"]``,
``os.getenv("X")``, a field without a default, a call) has no literal value.
"""

from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flake8_fastapi_prod import knowledge as K
from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Gate
from flake8_fastapi_prod.resolve import (
    MAX_DEPTH,
    Binding,
    ModuleInfo,
    Resolver,
    Scope,
    literal_or_bound_once,
    self_assignments,
)
from flake8_fastapi_prod.rules.module_facts import import_nodes

_TEST_FILE = re.compile(r"(^test_.*|.*_test|^conftest|^tests?)\.py$")
_TEST_DIRS = frozenset({"tests", "test", "testing", "fixtures"})


def is_test_module(module: ModuleInfo) -> bool:
    """``test_*.py``, ``*_test.py``, ``conftest.py``, or a file under a
    ``tests`` / ``test`` / ``fixtures`` folder of the project: secrets
    there are fixtures."""
    return module.memo("is-test-module", lambda: _is_test_module(module))


def _is_test_module(module: ModuleInfo) -> bool:
    directory, name = os.path.split(str(module.path))
    if _TEST_FILE.match(name):
        return True
    # Folders inside the project only: a checkout under ~/tests/ is not a test.
    root = str(module.project_root)
    if directory == root or directory.startswith(root.rstrip(os.sep) + os.sep):
        folders = directory[len(root) :].split(os.sep)
    else:
        folders = list(Path(directory).parts[-3:])
    return any(part in _TEST_DIRS for part in folders)


def resolver_for(module: ModuleInfo) -> Resolver:
    return module.memo("fp4-resolver", lambda: Resolver(module))


@dataclass(frozen=True)
class JwtCall:
    """A call of a JWT library's encode or decode."""

    call: ast.Call
    decode: bool
    library: str  # "PyJWT", "python-jose", "authlib"
    qualname: str

    def argument(self, name: str, position: int) -> ast.expr | None:
        for keyword in self.call.keywords:
            if keyword.arg == name:
                return keyword.value
        if len(self.call.args) > position and not any(
            isinstance(a, ast.Starred) for a in self.call.args[: position + 1]
        ):
            return self.call.args[position]
        return None

    @property
    def key(self) -> ast.expr | None:
        # authlib: jwt.encode(header, payload, key); the others: encode(payload, key)
        position = 2 if self.library == "authlib" and not self.decode else 1
        return self.argument("key", position)

    @property
    def has_star_kwargs(self) -> bool:
        return any(k.arg is None for k in self.call.keywords) or any(isinstance(a, ast.Starred) for a in self.call.args)


def jwt_call(call: ast.Call, resolver: Resolver, scope: Scope) -> JwtCall | None:
    qualname = resolver.qualified_name(call.func, scope)
    if qualname is None:
        return None
    if qualname in K.JWT_ENCODERS:
        return JwtCall(call, False, K.JWT_ENCODERS[qualname], qualname)
    if qualname in K.JWT_DECODERS:
        return JwtCall(call, True, K.JWT_DECODERS[qualname], qualname)
    return None


_JWT_MODULES = ("jwt", "jose", "authlib")
JWT_FUNCTIONS = frozenset({"encode", "decode", "decode_complete", "sign", "verify"})


def jwt_imports(module: ModuleInfo) -> frozenset[str]:
    """Local names the module binds by importing from a JWT library
    (empty: the module cannot call one, nothing to resolve)."""

    def build() -> frozenset[str]:
        names: set[str] = set()
        for node in import_nodes(module):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.partition(".")[0] in _JWT_MODULES:
                        names.add(alias.asname or alias.name.partition(".")[0])
            elif node.level == 0 and node.module and node.module.partition(".")[0] in _JWT_MODULES:
                names.update(alias.asname or alias.name for alias in node.names)
        return frozenset(names)

    return module.memo("jwt-imports", build)


def imports_from(module: ModuleInfo, root: str) -> bool:
    """Whether the module imports anything from the top-level package ``root``."""

    def build() -> bool:
        for node in import_nodes(module):
            if isinstance(node, ast.Import):
                if any(alias.name.partition(".")[0] == root for alias in node.names):
                    return True
            elif node.level == 0 and node.module and node.module.partition(".")[0] == root:
                return True
        return False

    return module.memo(f"imports-from:{root}", build)


def may_be_jwt_call(call: ast.Call, module: ModuleInfo) -> bool:
    """A cheap test before resolving: ``x.encode(...)`` / ``x.decode(...)``
    or a name imported from a JWT library, in a module that imports one."""
    imported = jwt_imports(module)
    if not imported:
        return False
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr in JWT_FUNCTIONS
    return isinstance(func, ast.Name) and func.id in imported


def jwt_gate_keys(ctx: Context) -> frozenset[str]:
    """The callee names :func:`may_be_jwt_call` can accept in this module."""
    imported = jwt_imports(ctx.module)
    return JWT_FUNCTIONS | imported if imported else frozenset()


def jwt_call_here(call: ast.Call, ctx: Context) -> JwtCall | None:
    if not may_be_jwt_call(call, ctx.module):
        return None
    return jwt_call(call, ctx.resolver, ctx.scope)


# -- literal values ------------------------------------------------------------


@dataclass(frozen=True)
class Literal:
    """A literal value and where it is written."""

    value: Any
    node: ast.expr  # the literal (a Constant, List, ...) itself
    module: ModuleInfo
    via: str  # how it reached the use: "", "constant X", "settings field X", ...

    @property
    def site(self) -> tuple[str, int, int]:
        return (str(self.module.resolved_path), self.node.lineno, self.node.col_offset)


#: What ``_dict_item`` answers for a dict literal without the key.
_ABSENT: Any = object()
_MAPPING_LOADERS = frozenset(
    {"json.load", "json.loads", "yaml.safe_load", "yaml.load", "yaml.full_load", "tomllib.load", "tomllib.loads",
     "tomli.load", "tomli.loads", "toml.load", "toml.loads", "dotenv.dotenv_values", "dotenv.main.dotenv_values"}
)  # fmt: skip
_ENV_GETTERS = frozenset({"os.getenv", "os.environ.get", "os.environ.setdefault"})
_CONFIG_READERS = frozenset({"decouple.config"})
#: ``str(x)``, ``SecretStr(x)``, ``x.encode()``: the same literal.
_PASS_THROUGH_CALLS = frozenset({"str", "bytes"}) | K.PYDANTIC_SECRET_TYPES
_PASS_THROUGH_METHODS = frozenset({"get_secret_value", "encode", "strip"})


class LiteralResolver:
    """Follows an expression to the literal it evaluates to, across modules."""

    def __init__(self, module: ModuleInfo) -> None:
        self.module = module

    def resolve(self, expr: ast.expr, scope: Scope, module: ModuleInfo | None = None, depth: int = 0) -> Literal | None:
        module = module or self.module
        if depth > MAX_DEPTH:
            return None
        if isinstance(expr, ast.Constant) and isinstance(expr.value, (str, bytes, bool, int, float)):
            return Literal(expr.value, expr, module, "")
        if isinstance(expr, (ast.List, ast.Tuple, ast.Set)):
            items = [self.resolve(e, scope, module, depth + 1) for e in expr.elts]
            if any(item is None for item in items):
                return None
            return Literal([item.value for item in items if item is not None], expr, module, "")
        if isinstance(expr, ast.Name):
            return self._resolve_name(expr.id, scope, module, depth)
        if isinstance(expr, ast.Attribute):
            return self._resolve_attribute(expr, scope, module, depth)
        if isinstance(expr, ast.Call):
            return self._resolve_call(expr, scope, module, depth)
        if isinstance(expr, ast.Subscript) and isinstance(expr.slice, ast.Constant):
            # ``JWT_CONFIG["secret"]`` of a dict literal constant
            found = self._dict_item(expr.value, expr.slice.value, scope, module, depth + 1)
            return None if found is None or found is _ABSENT else found
        if isinstance(expr, ast.BoolOp) and isinstance(expr.op, ast.Or) and len(expr.values) >= 2:
            # ``os.environ.get("SECRET") or "dev-secret"``: the last operand is the fallback
            found = self.resolve(expr.values[-1], scope, module, depth + 1)
            return _via(found, "an `or` fallback")
        if isinstance(expr, ast.ListComp) and len(expr.generators) == 1:
            # ``[str(origin) for origin in settings.CORS_ORIGINS]``
            generator = expr.generators[0]
            element = expr.elt
            if isinstance(element, ast.Call) and len(element.args) == 1 and not element.keywords:
                element = (
                    element.args[0] if isinstance(element.func, ast.Name) and element.func.id == "str" else element
                )
            if (
                isinstance(element, ast.Call)
                and isinstance(element.func, ast.Attribute)
                and element.func.attr == "strip"
            ):
                element = element.func.value
            if generator.ifs or not (
                isinstance(element, ast.Name)
                and isinstance(generator.target, ast.Name)
                and element.id == generator.target.id
            ):
                return None
            found = self.resolve(generator.iter, scope, module, depth + 1)
            if found is None or not isinstance(found.value, list):
                return None
            return Literal([str(v).strip() for v in found.value], found.node, found.module, found.via)
        return None

    def _dict_item(self, container: ast.expr, key: object, scope: Scope, module: ModuleInfo, depth: int) -> Any:
        """The literal value of ``container[key]`` when ``container`` is a
        dict literal (or a name bound once to one, also in another module of
        the project); ``_ABSENT`` when the dict has no such key; None when
        unknown (a ``**`` entry, a computed key, not a dict)."""
        if depth > MAX_DEPTH:
            return None
        if isinstance(container, ast.Dict):
            if any(k is None or not isinstance(k, ast.Constant) for k in container.keys):
                return None
            values = [
                v
                for k, v in zip(container.keys, container.values, strict=True)
                if isinstance(k, ast.Constant) and k.value == key
            ]
            if not values:
                return _ABSENT
            found = self.resolve(values[-1], scope, module, depth + 1)
            return _via(found, f"the {key!r} entry of a dict")
        binding: Binding | None = None
        if isinstance(container, ast.Name):
            bindings = scope.lookup(container.id)
            binding = bindings[0] if len(bindings) == 1 else None
        elif isinstance(container, ast.Attribute):
            resolver = resolver_for(module)
            qualname = resolver.qualified_name(container, scope)
            binding = resolver.project_binding(qualname, module) if qualname else None
        for _ in range(MAX_DEPTH):
            if binding is None or binding.kind != "import" or not binding.qualname:
                break
            binding = resolver_for(binding.scope.module).project_binding(binding.qualname, binding.scope.module)
        if binding is None or binding.kind not in ("assign", "annassign") or not isinstance(binding.value, ast.Dict):
            return None
        name = container.id if isinstance(container, ast.Name) else getattr(container, "attr", "?")
        found = self._dict_item(binding.value, key, binding.scope, binding.scope.module, depth + 1)
        if found is None or found is _ABSENT:
            return found
        return Literal(found.value, found.node, found.module, f"{name}[{key!r}]")

    def _resolve_name(self, name: str, scope: Scope, module: ModuleInfo, depth: int) -> Literal | None:
        bindings = scope.lookup(name)
        if len(bindings) != 1:
            return None
        return self._resolve_binding(bindings[0], name, module, depth)

    def _resolve_binding(self, binding: Binding, name: str, module: ModuleInfo, depth: int) -> Literal | None:
        if binding.kind in ("assign", "annassign") and binding.value is not None:
            found = self.resolve(binding.value, binding.scope, binding.scope.module, depth + 1)
            return _via(found, f"constant {name}")
        if binding.kind == "param" and binding.value is not None:
            outer = binding.scope.parent or binding.scope
            found = self.resolve(binding.value, outer, binding.scope.module, depth + 1)
            return _via(found, f"the default of parameter {name}")
        if binding.kind == "import" and binding.qualname:
            other = resolver_for(binding.scope.module).project_binding(binding.qualname, binding.scope.module)
            if other is not None:
                return self._resolve_binding(other, name, other.scope.module, depth + 1)
        return None

    def _resolve_attribute(self, expr: ast.Attribute, scope: Scope, module: ModuleInfo, depth: int) -> Literal | None:
        resolver = resolver_for(module)
        qualname = resolver.qualified_name(expr, scope)
        if qualname is not None:  # ``config.SECRET_KEY`` of an imported project module
            binding = resolver.project_binding(qualname, module)
            if binding is not None:
                return self._resolve_binding(binding, expr.attr, binding.scope.module, depth + 1)
        owner = resolver.enclosing_class_of_self(expr.value, scope)
        if owner is not None:  # ``self.secret``: a class attribute or what the methods assign
            return self._self_attribute(owner[0], owner[1], expr.attr, depth + 1)
        config = self.settings_class(expr.value, scope, module, depth + 1)
        if config is None or _overrides(config.construction, expr.attr):
            return None
        return self.settings_field(config.cls, config.scope, expr.attr, depth + 1)

    def _self_attribute(self, cls: ast.ClassDef, class_scope: Scope, attr: str, depth: int) -> Literal | None:
        assigned = self_assignments(cls, class_scope).get(attr, [])
        declared = class_scope.bindings.get(attr, [])
        if len(assigned) + len(declared) != 1:
            return None
        if assigned:
            value, _, method_scope = assigned[0]
            if value is None:
                return None
            found = self.resolve(value, method_scope, method_scope.module, depth + 1)
        else:
            binding = declared[0]
            if binding.kind not in ("assign", "annassign") or binding.value is None:
                return None
            found = self.resolve(binding.value, class_scope, class_scope.module, depth + 1)
        return _via(found, f"attribute {cls.name}.{attr}")

    def _resolve_call(self, call: ast.Call, scope: Scope, module: ModuleInfo, depth: int) -> Literal | None:
        resolver = resolver_for(module)
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr in _PASS_THROUGH_METHODS and not call.args:
            return self.resolve(func.value, scope, module, depth + 1)
        qualname = resolver.qualified_name(func, scope)
        if qualname is None and isinstance(func, ast.Name) and not scope.lookup(func.id):
            qualname = func.id  # a builtin
        if qualname in _PASS_THROUGH_CALLS and len(call.args) == 1 and not call.keywords:
            return self.resolve(call.args[0], scope, module, depth + 1)
        if isinstance(func, ast.Attribute) and func.attr == "split" and len(call.args) <= 1 and not call.keywords:
            found = self.resolve(func.value, scope, module, depth + 1)
            separator = self.resolve(call.args[0], scope, module, depth + 1) if call.args else None
            if found is None or not isinstance(found.value, str):
                return None
            parts = found.value.split(
                separator.value if separator is not None and isinstance(separator.value, str) else None
            )
            return Literal(parts, found.node, found.module, found.via)
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "get"
            and 1 <= len(call.args) <= 2
            and not call.keywords
            and isinstance(call.args[0], ast.Constant)
        ):
            # ``JWT_CONFIG.get("secret")`` of a dict literal constant; its
            # fallback when the dict lacks the key
            found = self._dict_item(func.value, call.args[0].value, scope, module, depth + 1)
            if found is None and len(call.args) == 2 and self._loaded_mapping(func.value, scope, module):
                found = _ABSENT  # a mapping read from a file: the fallback is what runs without the key
            if found is _ABSENT and len(call.args) == 2:
                return _via(
                    self.resolve(call.args[1], scope, module, depth + 1),
                    f"the fallback of .get({call.args[0].value!r}, ...)",
                )
            if found is not None:
                return None if found is _ABSENT else found
        default = next((k.value for k in call.keywords if k.arg == "default"), None)
        if default is not None and (qualname in _CONFIG_READERS or self._is_config_reader(func, scope, module)):
            # ``config("SECRET_KEY", default="dev")`` (starlette.config.Config, python-decouple)
            found = self.resolve(default, scope, module, depth + 1)
            variable = call.args[0].value if call.args and isinstance(call.args[0], ast.Constant) else "?"
            return _via(found, f"the default of config({variable!r})")
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "get"
            and len(call.args) == 1
            and default is not None
            and self._is_config_reader(func.value, scope, module)
        ):
            # ``config.get("SECRET_KEY", default="dev")`` (starlette.config.Config)
            found = self.resolve(default, scope, module, depth + 1)
            variable = call.args[0].value if isinstance(call.args[0], ast.Constant) else "?"
            return _via(found, f"the default of config.get({variable!r})")
        if qualname in _ENV_GETTERS and len(call.args) == 2:
            found = self.resolve(call.args[1], scope, module, depth + 1)
            variable = call.args[0].value if isinstance(call.args[0], ast.Constant) else "?"
            return _via(found, f"the fallback of {qualname}({variable!r}, ...)")
        return None

    def _loaded_mapping(self, expr: ast.expr, scope: Scope, module: ModuleInfo) -> bool:
        """A name bound once to a dict read from a file (``json.load``,
        ``yaml.safe_load``, ``tomllib.load``, ``dotenv_values``): its
        ``.get(key, fallback)`` takes the fallback when the key is missing.
        (``ConfigParser.get(section, option)`` is not one.)"""
        if not isinstance(expr, ast.Name):
            return False
        bindings = scope.lookup(expr.id)
        if len(bindings) != 1 or bindings[0].kind not in ("assign", "annassign"):
            return False
        value = bindings[0].value
        if not isinstance(value, ast.Call):
            return False
        return resolver_for(module).qualified_name(value.func, bindings[0].scope) in _MAPPING_LOADERS

    def _is_config_reader(self, func: ast.expr, scope: Scope, module: ModuleInfo) -> bool:
        """``config = Config(".env")`` (starlette.config.Config) called."""
        if not isinstance(func, ast.Name):
            return False
        bindings = scope.lookup(func.id)
        if len(bindings) != 1 or bindings[0].kind != "assign" or not isinstance(bindings[0].value, ast.Call):
            return False
        made = resolver_for(module).qualified_name(bindings[0].value.func, bindings[0].scope)
        return made in K.CONFIG_READER_CLASSES

    # -- settings ----------------------------------------------------------------

    def settings_class(self, expr: ast.expr, scope: Scope, module: ModuleInfo, depth: int) -> ConfigRef | None:
        """The project class ``expr`` is an instance of (or the class
        itself), with the call that made the instance: a ``BaseSettings``
        subclass, or any class whose attribute defaults are read."""
        if depth > MAX_DEPTH:
            return None
        resolver = resolver_for(module)
        if isinstance(expr, ast.Call):
            definition = resolver.definition(expr.func, scope)
            if definition is None:
                return None
            if isinstance(definition.node, ast.ClassDef):
                return ConfigRef(definition.node, definition.scope, expr)
            return self._returned_settings(definition.node, definition.scope, depth + 1)
        if isinstance(expr, ast.Name):
            bindings = scope.lookup(expr.id)
            if len(bindings) != 1:
                return None
            return self._settings_of_binding(bindings[0], depth + 1)
        if isinstance(expr, ast.Attribute):
            qualname = resolver.qualified_name(expr, scope)
            if qualname is not None:
                binding = resolver.project_binding(qualname, module)
                if binding is not None:
                    return self._settings_of_binding(binding, depth + 1)
            # ``settings.auth.secret_key``: a nested settings object
            parent = self.settings_class(expr.value, scope, module, depth + 1)
            if parent is None:
                return None
            class_scope = parent.scope.module.scope_for(parent.cls, parent.scope)
            bindings = class_scope.bindings.get(expr.attr, [])
            if len(bindings) != 1 or bindings[0].value is None:
                return None
            value = bindings[0].value
            if (
                isinstance(value, ast.Call)
                and resolver_for(class_scope.module).qualified_name(value.func, class_scope) in K.PYDANTIC_FIELDS
            ):
                factory = next((k.value for k in value.keywords if k.arg == "default_factory"), None)
                if factory is None:
                    return None
                value = ast.Call(func=factory, args=[], keywords=[])
            return self.settings_class(value, class_scope, class_scope.module, depth + 1)
        return None

    def _settings_of_binding(self, binding: Binding, depth: int) -> ConfigRef | None:
        scope = binding.scope
        module = scope.module
        if binding.kind == "class":
            assert isinstance(binding.node, ast.ClassDef)
            return ConfigRef(binding.node, scope, None)
        if binding.kind in ("assign", "annassign") and binding.value is not None:
            return self.settings_class(binding.value, scope, module, depth + 1)
        if binding.kind in ("param", "annassign") and binding.annotation is not None:
            outer = scope.parent or scope if binding.kind == "param" else scope
            annotation = binding.annotation
            if isinstance(annotation, ast.Name):  # SettingsDep = Annotated[Settings, Depends(get_settings)]
                aliases = outer.lookup(annotation.id)
                if len(aliases) == 1 and aliases[0].kind == "assign" and isinstance(aliases[0].value, ast.Subscript):
                    annotation = aliases[0].value
            if isinstance(annotation, ast.Subscript):  # Annotated[Settings, Depends(...)]
                inner = annotation.slice
                annotation = inner.elts[0] if isinstance(inner, ast.Tuple) and inner.elts else inner
            definition = resolver_for(module).definition(annotation, outer)
            if definition is not None and isinstance(definition.node, ast.ClassDef):
                # A value passed in: only a settings class reads its defaults.
                return self._if_settings(definition.node, definition.scope, depth)
            return None
        if binding.kind == "import" and binding.qualname:
            other = resolver_for(module).project_binding(binding.qualname, module)
            if other is not None:
                return self._settings_of_binding(other, depth + 1)
        return None

    def _returned_settings(self, func: ast.AST, scope: Scope, depth: int) -> ConfigRef | None:
        """``def get_settings() -> Settings`` / ``return Settings()``."""
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)) or depth > MAX_DEPTH:
            return None
        resolver = resolver_for(scope.module)
        body_scope = scope.module.scope_for(func, scope)
        returns = [n for n in ast.walk(func) if isinstance(n, ast.Return) and n.value is not None]
        if len(returns) == 1 and returns[0].value is not None:
            found = self.settings_class(returns[0].value, body_scope, scope.module, depth + 1)
            if found is not None:
                return found
        if func.returns is not None:
            definition = resolver.definition(func.returns, scope)
            if definition is not None and isinstance(definition.node, ast.ClassDef):
                return self._if_settings(definition.node, definition.scope, depth)
        return None

    def _if_settings(self, cls: ast.ClassDef, scope: Scope, depth: int) -> ConfigRef | None:
        bases = resolver_for(scope.module).base_qualnames(cls, scope)
        return ConfigRef(cls, scope, None) if bases & K.BASE_SETTINGS else None

    def settings_field(self, cls: ast.ClassDef, scope: Scope, field: str, depth: int) -> Literal | None:
        """The literal default of ``field`` in the settings class (or a
        project base class of it); None when a method assigns
        ``self.<field>`` (the default is then not what instances hold)."""
        if depth > MAX_DEPTH:
            return None
        resolver = resolver_for(scope.module)
        class_scope = scope.module.scope_for(cls, scope)
        if field in self_assignments(cls, class_scope):
            return None
        bindings = class_scope.bindings.get(field, [])
        if bindings:
            binding = bindings[-1]
            if binding.kind not in ("assign", "annassign") or binding.value is None:
                return None
            value = field_default(binding.value, class_scope, resolver)
            if value is None:
                return None
            return _via(self.resolve(value, class_scope, scope.module, depth + 1), f"settings field {cls.name}.{field}")
        for base in cls.bases:
            definition = resolver.definition(base, scope)
            if definition is not None and isinstance(definition.node, ast.ClassDef):
                found = self.settings_field(definition.node, definition.scope, field, depth + 1)
                if found is not None:
                    return found
        return None


@dataclass(frozen=True)
class ConfigRef:
    """A project class whose attribute defaults are read, and the call
    that made the instance (None: the class itself, or unknown)."""

    cls: ast.ClassDef
    scope: Scope
    construction: ast.Call | None


def _overrides(call: ast.Call | None, field: str) -> bool:
    """The instance was made with arguments that may set ``field``."""
    if call is None:
        return False
    if call.args or any(k.arg is None for k in call.keywords):
        return True
    return any(k.arg == field or (k.arg is not None and k.arg.lower() == field.lower()) for k in call.keywords)


def field_default(value: ast.expr, scope: Scope, resolver: Resolver) -> ast.expr | None:
    """``"x"`` -> itself; ``Field("x")`` / ``Field(default="x")`` -> ``"x"``;
    ``Field(...)`` / ``Field(default_factory=...)`` -> None."""
    if isinstance(value, ast.Call) and resolver.qualified_name(value.func, scope) in K.PYDANTIC_FIELDS:
        for keyword in value.keywords:
            if keyword.arg == "default":
                return keyword.value
        if value.args and not (isinstance(value.args[0], ast.Constant) and value.args[0].value is Ellipsis):
            return value.args[0]
        return None
    return value


def _via(found: Literal | None, how: str) -> Literal | None:
    if found is None:
        return None
    return Literal(found.value, found.node, found.module, found.via or how)


def literal_resolver(module: ModuleInfo) -> LiteralResolver:
    return module.memo("fp4-literals", lambda: LiteralResolver(module))


def resolve_literal(expr: ast.expr, ctx: Context) -> Literal | None:
    return literal_resolver(ctx.module).resolve(expr, ctx.scope, ctx.module)


def keyword_value(call: ast.Call, name: str, position: int | None = None) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    if position is not None and len(call.args) > position:
        return call.args[position]
    return None


def has_star_kwargs(call: ast.Call) -> bool:
    return any(k.arg is None for k in call.keywords)


_STATUS_MODULES = ("starlette.status", "fastapi.status")
_EXCEPTION_NAME = re.compile(r"Exception|Error|Unauthori[sz]ed|Forbidden|NotFound|Denied|Invalid|Conflict")
_STATUS_NAME = re.compile(r"HTTP_(\d{3})_")


def status_code_of(expr: ast.expr, ctx: Context) -> int | None:
    """``401``, ``status.HTTP_401_UNAUTHORIZED``, ``HTTPStatus.UNAUTHORIZED``,
    or a constant holding one of them."""
    qualname = ctx.qualified_name(expr)
    if qualname is not None:
        module, _, name = qualname.rpartition(".")
        match = _STATUS_NAME.match(name)
        if module in _STATUS_MODULES and match:
            return int(match.group(1))
        if module == "http.HTTPStatus":
            import http

            member = getattr(http.HTTPStatus, name, None)
            return int(member) if member is not None else None
    found = resolve_literal(expr, ctx)
    if found is not None and type(found.value) is int:
        return found.value
    return None


#: What a call's callee must be for :func:`http_exception_class` (or a
#: ``super().__init__`` of a subclass) to name an HTTPException class.
HTTP_EXCEPTION_GATE = Gate(
    keys=frozenset({"__init__"}), qualnames=frozenset(K.HTTP_EXCEPTION_CLASSES), key_pattern=_EXCEPTION_NAME
)


def http_exception_class(func: ast.expr, ctx: Context) -> str | None:
    """FastAPI's or Starlette's ``HTTPException`` (or a project subclass of
    one): the canonical name of the library class, else None."""
    qualname = ctx.qualified_name(func)
    if qualname in K.HTTP_EXCEPTION_CLASSES:
        return qualname
    if not isinstance(func, (ast.Name, ast.Attribute)):
        return None
    name = func.id if isinstance(func, ast.Name) else func.attr
    if not _EXCEPTION_NAME.search(name):
        return None  # only exception-like names are followed into the project
    definition = ctx.resolver.definition(func, ctx.scope)
    if definition is not None and isinstance(definition.node, ast.ClassDef):
        bases = ctx.resolver.base_qualnames(definition.node, definition.scope) & K.HTTP_EXCEPTION_CLASSES
        if bases:
            return sorted(bases)[0]
    return None


#: What a call must be for :func:`middleware_use` to match it.
MIDDLEWARE_GATE = Gate(
    keys=frozenset({"add_middleware"}),
    qualnames=frozenset(K.MIDDLEWARE_WRAPPERS) | K.CORS_MIDDLEWARES | K.TRUSTED_HOST_MIDDLEWARES,
)


@dataclass(frozen=True)
class MiddlewareUse:
    """``app.add_middleware(cls, ...)``, ``Middleware(cls, ...)`` or
    ``cls(app, ...)`` (the ASGI app wrapped directly)."""

    call: ast.Call
    cls: str
    keywords: list[ast.keyword]


def middleware_use(call: ast.Call, ctx: Context, classes: frozenset[str]) -> MiddlewareUse | None:
    func = call.func
    if not call.args:
        return None
    is_add = isinstance(func, ast.Attribute) and func.attr == "add_middleware"
    called = None if is_add else ctx.qualified_name(func)
    if called in classes:
        cls: str | None = called  # ``CORSMiddleware(app, allow_origins=...)``
    elif is_add or called in K.MIDDLEWARE_WRAPPERS:
        cls = ctx.qualified_name(call.args[0])
    else:
        return None
    if cls is None or cls not in classes:
        return None
    keywords: list[ast.keyword] = []
    for keyword in call.keywords:
        if keyword.arg is not None:
            keywords.append(keyword)
            continue
        options = literal_or_bound_once(keyword.value, ctx.scope, ast.Dict)  # ``**cors_options``
        if options is None:
            keywords.append(keyword)
            continue
        for key, value in zip(options.keys, options.values, strict=True):
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                return MiddlewareUse(call, cls, [keyword])
            keywords.append(ast.keyword(arg=key.value, value=value))
    return MiddlewareUse(call, cls, keywords)


def verification_off(call: JwtCall, module: ModuleInfo, scope: Scope) -> str | None:
    """How a decode switches signature verification off, if it does:
    ``options={"verify_signature": False}`` (a dict literal or a constant
    holding one) or ``verify=False``."""
    if call.library == "authlib":
        return None
    options = call.argument("options", 3)
    if isinstance(options, ast.Name):
        bindings = scope.lookup(options.id)
        if len(bindings) == 1 and bindings[0].kind in ("assign", "annassign"):
            options = bindings[0].value
    if isinstance(options, ast.Call) and isinstance(options.func, ast.Name) and options.func.id == "dict":
        for keyword in options.keywords:
            if keyword.arg == "verify_signature" and _is_false(keyword.value):
                return 'options={"verify_signature": False}'
    if isinstance(options, ast.Dict):
        for key, value in zip(options.keys, options.values, strict=True):
            if isinstance(key, ast.Constant) and key.value == "verify_signature" and _is_false(value):
                return 'options={"verify_signature": False}'
    for keyword in call.call.keywords:
        if keyword.arg == "verify" and _is_false(keyword.value):
            return "verify=False"
    return None


def _is_false(expr: ast.expr | None) -> bool:
    return isinstance(expr, ast.Constant) and expr.value is False
