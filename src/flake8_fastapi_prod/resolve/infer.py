"""What a name or value is: qualified names through imports and aliases,
project definitions, and the types of values.

Inference is flow-insensitive and conservative: a name bound to values of
different types has no type, and an unknown value is never guessed.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from flake8_fastapi_prod import knowledge as K
from flake8_fastapi_prod.resolve.names import (
    MAX_DEPTH,
    NONE_TYPE,
    SCOPE_NODE_TYPES,
    Binding,
    FunctionNode,
    Scope,
    canonical,
    child_nodes,
)
from flake8_fastapi_prod.resolve.project import (
    _MAX_REF_TYPES,
    ModuleInfo,
    ProjectRef,
    is_library_name,
)

T = TypeVar("T")


def literal_or_bound_once(expr: ast.expr, scope: Scope, kind: type[T]) -> T | None:
    """``expr`` if it is a ``kind`` node (``ast.List``, ``ast.Dict``...), or
    the value of the name it is, bound exactly once to one by an assignment
    (``middleware = [...]``)."""
    if isinstance(expr, kind):
        return expr
    if isinstance(expr, ast.Name):
        bindings = scope.lookup(expr.id)
        if len(bindings) == 1 and bindings[0].kind in ("assign", "annassign"):
            value = bindings[0].value
            if isinstance(value, kind):
                return value
    return None


def single_binding(expr: ast.expr, resolver: Resolver, scope: Scope) -> Binding | None:
    """What a name or dotted name refers to: a name's one binding in
    ``scope`` (None when it has several), or the project binding of a
    dotted name (``settings.LIMITER``). Imports are not followed."""
    if isinstance(expr, ast.Name):
        bindings = scope.lookup(expr.id)
        return bindings[0] if len(bindings) == 1 else None
    if isinstance(expr, ast.Attribute):
        qualname = resolver.qualified_name(expr, scope)
        return resolver.project_binding(qualname, resolver.module) if qualname else None
    return None


@dataclass
class Definition:
    """A class or function defined in the project."""

    node: ast.ClassDef | FunctionNode
    scope: Scope  # the scope the definition's name is bound in


@dataclass
class Resolver:
    """Answers "what is this name / value?" for one module."""

    module: ModuleInfo
    _name_types: dict[tuple[str, int], str | None] = field(default_factory=dict)
    _name_qualnames: dict[tuple[str, int], str | None] = field(default_factory=dict)
    #: Answers for whole expressions, which many rules ask about the same
    #: node (every rule that visits calls asks for ``call.func``). Keyed by
    #: node id and scope id; the entry keeps the node and the scope alive,
    #: so that an id is never reused for another node while it is cached.
    _expr_answers: dict[tuple[str, int, int], tuple[object, object, str | None]] = field(default_factory=dict)
    #: definition() of a name: (name, scope id, depth) -> (the scope, the answer).
    _definitions: dict[tuple[str, int, int], tuple[Scope, Definition | None]] = field(default_factory=dict)
    #: base_qualnames() of a class: (node id, scope id, depth) -> (node, scope, the answer).
    _bases: dict[tuple[int, int, int], tuple[ast.ClassDef, Scope, frozenset[str]]] = field(default_factory=dict)
    #: returned_type() of a function: (node id, scope id, depth) -> (node, scope, the answer).
    _returned: dict[tuple[int, int, int], tuple[ast.AST, Scope, str | None]] = field(default_factory=dict)

    # -- names --------------------------------------------------------------

    def qualified_name(self, expr: ast.expr, scope: Scope) -> str | None:
        """The canonical dotted name an expression refers to through imports.

        ``t.sleep`` after ``import time as t`` is ``time.sleep``. Names bound
        to anything but an import (locals, parameters, definitions) have no
        qualified name, except a project module-level name imported from
        another module, which is followed to its definition.
        """
        if isinstance(expr, ast.Name):
            name_key = (expr.id, id(scope))
            if name_key not in self._name_qualnames:
                self._name_qualnames[name_key] = self._qualified_name_of(expr.id, scope)
            return self._name_qualnames[name_key]
        if isinstance(expr, ast.Attribute):
            key = ("qualname", id(expr), id(scope))
            entry = self._expr_answers.get(key)
            if entry is not None and entry[0] is expr and entry[1] is scope:
                return entry[2]
            base = self.qualified_name(expr.value, scope)
            result = canonical(f"{base}.{expr.attr}") if base else None
            self._expr_answers[key] = (expr, scope, result)
            return result
        return None

    def _qualified_name_of(self, name: str, scope: Scope) -> str | None:
        bindings = scope.lookup(name)
        if not bindings or not all(b.kind == "import" for b in bindings):
            return None
        names = {b.qualname for b in bindings}
        if len(names) != 1:
            return None
        qualname = names.pop()
        return canonical(qualname) if qualname else None

    def definition(self, expr: ast.expr, scope: Scope, depth: int = 0) -> Definition | None:
        """The project class or function an expression names, if any."""
        if depth > MAX_DEPTH:
            return None
        if isinstance(expr, ast.Name):
            # Memoised per name, scope and depth: the same answer wherever
            # in the scope the name is read (rules ask it of every call).
            key = (expr.id, id(scope), depth)
            entry = self._definitions.get(key)
            if entry is not None and entry[0] is scope:
                return entry[1]
            found = self._name_definition(expr, scope, depth)
            self._definitions[key] = (scope, found)
            return found
        if isinstance(expr, ast.Attribute):
            base = self.qualified_name(expr.value, scope)
            if base:
                return self._project_definition(f"{base}.{expr.attr}", scope.module, depth + 1)
        return None

    def _name_definition(self, expr: ast.Name, scope: Scope, depth: int) -> Definition | None:
        bindings = scope.lookup(expr.id)
        if not bindings:
            return self._star_definition(expr.id, scope.module, depth)
        if len(bindings) != 1:
            return None
        binding = bindings[0]
        if binding.kind in ("class", "def"):
            node = binding.node
            assert isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            return Definition(node, binding.scope)
        if binding.kind == "import" and binding.qualname:
            return self._project_definition(binding.qualname, binding.scope.module, depth + 1)
        alias = _alias_value(binding)
        if alias is not None:
            return self.definition(alias, binding.scope, depth + 1)
        return None

    def _star_definition(self, name: str, module: ModuleInfo, depth: int) -> Definition | None:
        """A name no statement binds, defined in a project module the module
        star-imports (``from .base import *``; the last such import wins).
        Only for the module being checked: another module's tree is not
        parsed for it."""
        if module is not self.module:
            return None
        stars = module.memo("star-imports", lambda: _star_imports(module))
        for star in reversed(stars):
            found = self._project_definition(f"{star}.{name}", module, depth + 1)
            if found is not None:
                return found
        return None

    def project_binding(self, qualname: str, module: ModuleInfo) -> Binding | None:
        """The module-level binding a dotted name refers to in the project."""
        ref = self.project_ref(qualname, module)
        return None if ref is None else ref.binding()

    def project_ref(self, qualname: str, module: ModuleInfo) -> ProjectRef | None:
        """What :meth:`project_binding` finds, from the other module's
        summary: its kind and import target, without parsing the module."""
        module_name, _, name = qualname.rpartition(".")
        if not module_name:
            return None
        other = module.project.find_module(module_name, module)
        if other is None:
            return None
        found = other.summary.unique(name)
        if found is None:
            return None
        return ProjectRef(found[0], found[1], other, name)

    def _project_definition(self, qualname: str, module: ModuleInfo, depth: int) -> Definition | None:
        if depth > MAX_DEPTH:
            return None
        ref = self.project_ref(qualname, module)
        if ref is None:
            return None
        if ref.kind in ("class", "def"):
            binding = ref.binding()
            if binding is None:
                return None
            node = binding.node
            assert isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            return Definition(node, binding.scope)
        if ref.kind == "import" and ref.qualname:
            # A module-level binding: its scope's module is the other module.
            return self._project_definition(ref.qualname, ref.module, depth + 1)
        return None

    def _type_of_ref(self, ref: ProjectRef, depth: int) -> str | None:
        """``_type_of_binding(ref.binding(), depth)``, parsing the other
        module only for a kind whose value must be looked at."""
        if ref.kind in ("class", "def", "other", "global"):
            return None  # what _type_of_binding answers for these kinds
        if ref.kind == "import":
            if not ref.qualname:
                return None
            inner = self.project_ref(ref.qualname, ref.module)
            if inner is not None and inner.kind not in ("import", "class", "def"):
                return self._type_of_ref(inner, depth + 1)
            return None
        # A value to infer: asked from many files of a project (``from .app
        # import settings``), so the answer is kept for the run, and the
        # other module is parsed again only for a name not asked before.
        key = (ref.module.filename, ref.name, depth)
        known = ref.module.project._ref_types
        if key not in known:
            if len(known) > _MAX_REF_TYPES:
                known.clear()
            binding = ref.binding()
            known[key] = None if binding is None else self._type_of_binding(binding, depth)
        else:
            ref.module.project.stats["type-memo"] += 1
        return known[key]

    # -- classes ------------------------------------------------------------

    def base_qualnames(self, cls: ast.ClassDef, scope: Scope, depth: int = 0) -> frozenset[str]:
        """Every third-party class a project class inherits from, however far.

        ``scope`` is the scope the class statement is in. A base that is
        neither imported nor defined in the project contributes
        ``"<unknown>"``.
        """
        if depth > MAX_DEPTH:
            return frozenset({"<unknown>"})
        # Memoised per class, scope and depth: every rule that looks at a class asks.
        key = (id(cls), id(scope), depth)
        entry = self._bases.get(key)
        if entry is None or entry[0] is not cls or entry[1] is not scope:
            entry = self._bases[key] = (cls, scope, frozenset(self._base_qualnames(cls, scope, depth)))
        return entry[2]

    def _base_qualnames(self, cls: ast.ClassDef, scope: Scope, depth: int) -> set[str]:
        found: set[str] = set()
        for base in cls.bases:
            target = base.value if isinstance(base, ast.Subscript) else base
            qualname = self.qualified_name(target, scope)
            if qualname is None and isinstance(target, ast.Name):
                # ``Model = pydantic.BaseModel`` / ``class Out(Model)``: a local alias.
                bindings = scope.lookup(target.id)
                alias = _alias_value(bindings[0]) if len(bindings) == 1 else None
                if alias is not None:
                    target, scope = alias, bindings[0].scope
                    qualname = self.qualified_name(target, scope)
            definition = self.definition(target, scope)
            if definition is not None and isinstance(definition.node, ast.ClassDef):
                found |= self.base_qualnames(definition.node, definition.scope, depth + 1)
            elif qualname is not None:
                found.add(qualname)
            else:
                found.add("<unknown>")
        return found

    # -- types of values ------------------------------------------------------

    def type_of(self, expr: ast.expr, scope: Scope, depth: int = 0) -> str | None:
        """The canonical class name of the value ``expr`` evaluates to."""
        if depth > MAX_DEPTH:
            return None
        if isinstance(expr, ast.Name):
            return self._type_of_name(expr.id, scope, depth)
        if isinstance(expr, (ast.Attribute, ast.Call)):
            # Memoised for the questions rules ask (depth 0); an answer found
            # deeper may have been cut short by MAX_DEPTH.
            key = ("type", id(expr), id(scope))
            if depth == 0:
                entry = self._expr_answers.get(key)
                if entry is not None and entry[0] is expr and entry[1] is scope:
                    return entry[2]
            if isinstance(expr, ast.Attribute):
                result = self._type_of_attribute(expr, scope, depth)
            else:
                result = self._type_of_call(expr, scope, depth)
            if depth == 0:
                self._expr_answers[key] = (expr, scope, result)
            return result
        if isinstance(expr, ast.Await):
            return self.type_of(expr.value, scope, depth + 1)
        if isinstance(expr, ast.BinOp):  # ``path / "name"``: see knowledge.BINOP_RESULTS
            left = self.type_of(expr.left, scope, depth + 1)
            return None if left is None else K.BINOP_RESULTS.get((left, type(expr.op).__name__))
        if isinstance(expr, ast.Constant) and expr.value is None:
            return NONE_TYPE
        return None

    def _agree(self, types: Iterator[str | None]) -> str | None:
        """The one type all bindings agree on; ``x = None`` placeholders
        do not count against it."""
        seen = set(types)
        if len(seen) > 1:
            seen.discard(NONE_TYPE)
        if len(seen) == 1:
            found = seen.pop()
            return None if found == NONE_TYPE else found
        return None

    def _type_of_name(self, name: str, scope: Scope, depth: int) -> str | None:
        """Memoised per scope: a name's bindings, and so its type, are the
        same wherever in the scope it is read (inference is flow-insensitive)."""
        key = (name, id(scope))
        if key in self._name_types:
            return self._name_types[key]
        self._name_types[key] = None  # a cycle (x = y; y = x) resolves to unknown
        bindings = scope.lookup(name)
        result = self._agree(self._type_of_binding(b, depth + 1) for b in bindings) if bindings else None
        self._name_types[key] = result
        return result

    def _type_of_binding(self, binding: Binding, depth: int) -> str | None:
        scope = binding.scope
        if binding.kind in ("param", "annassign"):
            if binding.annotation is not None:
                return self.type_from_annotation(binding.annotation, scope, depth + 1)
            if binding.kind == "param" and binding.value is not None:
                return self._type_of_dependency(binding.value, scope, depth + 1)
            if binding.value is not None:
                return self.type_of(binding.value, scope, depth + 1)
            return None
        if binding.kind == "assign" and binding.value is not None:
            return self.type_of(binding.value, scope, depth + 1)
        if binding.kind == "with" and binding.value is not None:
            return self.type_of(binding.value, scope, depth + 1)
        if binding.kind == "except" and binding.value is not None:
            return self.qualified_name(binding.value, scope)
        if binding.kind == "import" and binding.qualname:
            other = self.project_ref(binding.qualname, scope.module)
            if other is not None and other.kind not in ("import", "class", "def"):
                return self._type_of_ref(other, depth + 1)
        return None

    def _type_of_dependency(self, default: ast.expr, scope: Scope, depth: int) -> str | None:
        """``param=Depends(get_db)`` has the type ``get_db`` yields or returns."""
        if not isinstance(default, ast.Call) or not default.args:
            return None
        if self.qualified_name(default.func, scope) not in K.FASTAPI_DEPENDS:
            return None
        return self.returned_type(default.args[0], scope, depth + 1)

    def returned_type(self, func: ast.expr, scope: Scope, depth: int) -> str | None:
        """What calling a project function gives (awaited; yielded for a
        generator dependency)."""
        definition = self.definition(func, scope)
        if definition is None or not isinstance(definition.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return None
        # Memoised per function and depth: a helper called all over a module
        # (``Depends(requires_access(...))`` on every route) is looked at once.
        key = (id(definition.node), id(definition.scope), depth)
        entry = self._returned.get(key)
        if entry is not None and entry[0] is definition.node and entry[1] is definition.scope:
            return entry[2]
        result = self._returned_type(definition, depth)
        self._returned[key] = (definition.node, definition.scope, result)
        return result

    def _returned_type(self, definition: Definition, depth: int) -> str | None:
        node = definition.node
        assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        body_scope = definition.scope.module.scope_for(node, definition.scope)
        if node.returns is not None:
            return self.type_from_annotation(node.returns, definition.scope, depth + 1, unwrap_generators=True)
        results: list[ast.expr] = []
        for child in own_nodes(node):
            if isinstance(child, (ast.Yield, ast.Return)) and child.value is not None:
                results.append(child.value)
        if not results:
            return None
        return self._agree(self.type_of(value, body_scope, depth + 1) for value in results)

    def _type_of_attribute(self, expr: ast.Attribute, scope: Scope, depth: int) -> str | None:
        owner = self.enclosing_class_of_self(expr.value, scope)
        if owner is not None:
            cls, class_scope = owner
            return self.attribute_type(cls, class_scope, expr.attr, depth + 1)
        qualname = self.qualified_name(expr, scope)
        if qualname is not None:
            ref = self.project_ref(qualname, scope.module)
            if ref is not None:
                return self._type_of_ref(ref, depth + 1)
            return None
        # ``path.parent``: an attribute of a value of known type (knowledge.ATTRIBUTE_RESULTS).
        if expr.attr not in K.ATTRIBUTE_NAMES:
            return None
        receiver = self.type_of(expr.value, scope, depth + 1)
        return None if receiver is None else K.ATTRIBUTE_RESULTS.get((receiver, expr.attr))

    def enclosing_class_of_self(self, expr: ast.expr, scope: Scope) -> tuple[ast.ClassDef, Scope] | None:
        """For ``self`` (the first parameter of a method) -> its class."""
        if not isinstance(expr, ast.Name):
            return None
        bindings = scope.lookup(expr.id)
        if len(bindings) != 1 or bindings[0].kind != "param":
            return None
        func_scope = bindings[0].scope
        func = func_scope.node
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return None
        params = func.args.posonlyargs + func.args.args
        if not params or params[0] is not bindings[0].node:
            return None
        if any(_decorator_name(d) == "staticmethod" for d in func.decorator_list):
            return None
        class_scope = func_scope.parent
        if class_scope is None or not isinstance(class_scope.node, ast.ClassDef):
            return None
        return class_scope.node, class_scope

    def attribute_type(self, cls: ast.ClassDef, class_scope: Scope, attr: str, depth: int) -> str | None:
        """The type of ``self.<attr>`` from class annotations and assignments."""
        if depth > MAX_DEPTH:
            return None
        declared: list[str | None] = []  # annotations: they win
        types: list[str | None] = []
        for binding in class_scope.bindings.get(attr, []):
            if binding.kind == "annassign":
                declared.append(self._type_of_binding(binding, depth + 1))
            elif binding.kind == "assign":
                types.append(self._type_of_binding(binding, depth + 1))
            elif _is_property(binding.node):
                assert isinstance(binding.node, (ast.FunctionDef, ast.AsyncFunctionDef))
                returns = binding.node.returns
                declared.append(None if returns is None else self.type_from_annotation(returns, class_scope, depth + 1))
        for value, annotation, method_scope in self_assignments(cls, class_scope).get(attr, []):
            if annotation is not None:
                declared.append(self.type_from_annotation(annotation, method_scope, depth + 1))
            elif value is not None:
                types.append(self.type_of(value, method_scope, depth + 1))
        if declared:
            return self._agree(iter(declared))
        if not types:
            return None
        return self._agree(iter(types))

    def _type_of_call(self, call: ast.Call, scope: Scope, depth: int) -> str | None:
        func = call.func
        qualname = self.qualified_name(func, scope)
        if qualname is not None:
            if qualname in K.FACTORY_RESULTS:
                return K.FACTORY_RESULTS[qualname]
            if qualname in (K.SYNC_SESSIONMAKER, K.ASYNC_SESSIONMAKER):
                return self._sessionmaker_type(call, scope, qualname)
            if qualname in K.KNOWN_CLASSES:
                return qualname
            if is_library_name(qualname) and not (isinstance(func, ast.Attribute) and func.attr in K.METHOD_NAMES):
                # A library callable the tables do not know: what follows
                # looks for a project definition, and there is none.
                return None
        if isinstance(func, ast.Attribute) and func.attr in K.METHOD_NAMES:
            receiver = self.type_of(func.value, scope, depth + 1)
            if receiver is not None:
                return K.METHOD_RESULTS.get((receiver, func.attr))
        callee_type = self.type_of(func, scope, depth + 1)
        if callee_type is not None:
            return K.INSTANCE_CALL_RESULTS.get(callee_type)
        definition = self.definition(func, scope)
        if definition is not None:
            if isinstance(definition.node, ast.ClassDef):
                return None  # an instance of a project class: not tracked
            return self.returned_type(func, scope, depth + 1)
        return None

    def _sessionmaker_type(self, call: ast.Call, scope: Scope, qualname: str) -> str:
        for keyword in call.keywords:
            if keyword.arg == "class_":
                made = self.qualified_name(keyword.value, scope)
                if made is not None and made in K.SESSIONMAKER_CLASSES:
                    return K.SESSIONMAKER_CLASSES[made]
                if made is not None and made == K.SYNC_SESSION:
                    return K.SYNC_SESSIONMAKER
        return qualname

    # -- annotations --------------------------------------------------------

    def type_from_annotation(
        self, annotation: ast.expr, scope: Scope, depth: int = 0, *, unwrap_generators: bool = False
    ) -> str | None:
        """The class an annotation names, through ``Annotated``, ``Optional``,
        ``X | None``, string forward references and type aliases (also
        aliases imported from another module of the project)."""
        if depth > MAX_DEPTH:
            return None
        recurse = self.type_from_annotation
        if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
            try:
                parsed = ast.parse(annotation.value.strip(), mode="eval").body
            except SyntaxError:
                return None
            return recurse(parsed, scope, depth + 1, unwrap_generators=unwrap_generators)
        if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
            members = [m for m in (annotation.left, annotation.right) if not _is_none(m)]
            if len(members) == 1:
                return recurse(members[0], scope, depth + 1)
            return None
        if isinstance(annotation, ast.Subscript):
            base = self.qualified_name(annotation.value, scope)
            args = annotation.slice
            elements = list(args.elts) if isinstance(args, ast.Tuple) else [args]
            if base in K.TYPE_WRAPPERS:
                return recurse(elements[0], scope, depth + 1)
            if base in K.UNION_TYPES:
                members = [m for m in elements if not _is_none(m)]
                return recurse(members[0], scope, depth + 1) if len(members) == 1 else None
            if unwrap_generators and base in K.GENERATOR_TYPES:
                return recurse(elements[0], scope, depth + 1)
            if base in K.KNOWN_CLASSES:  # a generic: async_sessionmaker[AsyncSession]
                return base
            return None
        if isinstance(annotation, (ast.Name, ast.Attribute)):
            qualname = self.qualified_name(annotation, scope)
            if qualname is not None:
                ref = self.project_ref(qualname, scope.module)
                if ref is None:
                    return qualname
                if ref.kind in ("assign", "annassign"):
                    binding = ref.binding()
                    if binding is not None and binding.value is not None:
                        return recurse(binding.value, binding.scope, depth + 1)
                return None
            if isinstance(annotation, ast.Name):
                for binding in scope.lookup(annotation.id):
                    if binding.kind in ("assign", "annassign") and binding.value is not None:
                        return recurse(binding.value, binding.scope, depth + 1)
        return None


def _star_imports(module: ModuleInfo) -> list[str]:
    """The modules ``module`` star-imports at its top level, in order."""
    found = []
    for statement in module.tree.body:
        if isinstance(statement, ast.ImportFrom) and any(alias.name == "*" for alias in statement.names):
            absolute = module.absolute_module(statement.module, statement.level)
            if absolute:
                found.append(absolute)
    return found


def _alias_value(binding: Binding) -> ast.expr | None:
    """``X`` of ``Alias = X`` / ``Alias = mod.X`` (one plain-name target, a
    name or dotted name as the value, not the name itself): what a second
    name for a class or function refers to."""
    node, value = binding.node, binding.value
    if binding.kind != "assign" or not isinstance(value, (ast.Name, ast.Attribute)):
        return None
    if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
        return None
    if isinstance(value, ast.Name) and value.id == node.targets[0].id:
        return None
    return value


def _is_none(expr: ast.expr) -> bool:
    return isinstance(expr, ast.Constant) and expr.value is None


def _decorator_name(decorator: ast.expr) -> str | None:
    if isinstance(decorator, ast.Name):
        return decorator.id
    if isinstance(decorator, ast.Attribute):
        return decorator.attr
    return None


def _is_property(node: ast.AST) -> bool:
    return isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
        _decorator_name(d) in ("property", "cached_property") for d in node.decorator_list
    )


def yields_in(statements: list[ast.stmt]) -> bool:
    """A ``yield`` in these statements, not in a nested function or class."""
    return any(isinstance(node, (ast.Yield, ast.YieldFrom)) for node in _own_walk(statements))


def own_nodes(func: FunctionNode) -> Iterator[ast.AST]:
    """Nodes of a function body, not descending into nested scopes."""
    return _own_walk(func.body)


def _own_walk(statements: list[ast.stmt]) -> Iterator[ast.AST]:
    """The statements and the nodes under them in source order, without
    descending into a nested function, class or lambda."""
    stack: list[ast.AST] = list(reversed(statements))
    while stack:
        node = stack.pop()
        yield node
        if type(node) not in SCOPE_NODE_TYPES:
            stack.extend(reversed(child_nodes(node)))


SelfAssignment = tuple[ast.expr | None, ast.expr | None, Scope]


def self_assignments(cls: ast.ClassDef, class_scope: Scope) -> dict[str, list[SelfAssignment]]:
    """``self.attr = value`` / ``self.attr: T = value`` in the class's
    methods, by attribute: (value, annotation, method scope). One pass per
    class, cached on the module."""
    return class_scope.module.memo(f"self-assignments:{id(cls)}", lambda: _self_assignments(cls, class_scope))


def _self_assignments(cls: ast.ClassDef, class_scope: Scope) -> dict[str, list[SelfAssignment]]:
    found: dict[str, list[SelfAssignment]] = {}
    for method in cls.body:
        if not isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        params = method.args.posonlyargs + method.args.args
        if not params:
            continue
        self_name = params[0].arg
        method_scope = class_scope.module.scope_for(method, class_scope)
        for node in own_nodes(method):
            pairs: list[tuple[ast.expr, ast.expr | None, ast.expr | None]]
            if isinstance(node, ast.Assign):
                pairs = [(t, node.value, None) for t in node.targets]
            elif isinstance(node, ast.AnnAssign):
                pairs = [(node.target, node.value, node.annotation)]
            else:
                continue
            for target, value, annotation in pairs:
                if (
                    isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Name)
                    and target.value.id == self_name
                ):
                    found.setdefault(target.attr, []).append((value, annotation, method_scope))
    return found
