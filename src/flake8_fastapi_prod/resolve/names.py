"""Names and scopes: what a module, class or function body binds, and the
walk every rule shares.

A scope's bindings are collected the first time a name is looked up in it.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from flake8_fastapi_prod import knowledge as K

if TYPE_CHECKING:
    from flake8_fastapi_prod.resolve.project import ModuleInfo

#: The type of ``None``: a placeholder that does not veto other bindings.
NONE_TYPE = "builtins.NoneType"

T = TypeVar("T")

#: How deep inference follows aliases, calls and modules before giving up.
MAX_DEPTH = 12

#: Fields that never hold a node a rule visits, by node type: identifiers,
#: numbers, and the Load/Store and operator singletons (half of all nodes).
#: A type not named here has all its fields walked.
_SKIPPED_FIELDS: dict[str, frozenset[str]] = {
    name: frozenset(fields.split())
    for name, fields in {
        "FunctionDef": "name type_comment",
        "AsyncFunctionDef": "name type_comment",
        "ClassDef": "name",
        "Assign": "type_comment",
        "AugAssign": "op",
        "AnnAssign": "simple",
        "For": "type_comment",
        "AsyncFor": "type_comment",
        "With": "type_comment",
        "AsyncWith": "type_comment",
        "ImportFrom": "module level",
        "Global": "names",
        "Nonlocal": "names",
        "BoolOp": "op",
        "BinOp": "op",
        "UnaryOp": "op",
        "Compare": "ops",
        "FormattedValue": "conversion",
        "Constant": "value kind",
        "Attribute": "attr ctx",
        "Subscript": "ctx",
        "Starred": "ctx",
        "Name": "id ctx",
        "List": "ctx",
        "Tuple": "ctx",
        "comprehension": "is_async",
        "ExceptHandler": "name",
        "arg": "arg type_comment",
        "keyword": "arg",
        "alias": "name asname",
        "MatchSingleton": "value",
        "MatchMapping": "rest",
        "MatchClass": "kwd_attrs",
        "MatchStar": "name",
        "MatchAs": "name",
        "TypeIgnore": "lineno tag",
        "TypeVar": "name",
        "ParamSpec": "name",
        "TypeVarTuple": "name",
    }.items()
}
_CHILD_FIELDS: dict[type[ast.AST], tuple[str, ...]] = {}


def child_fields(node_type: type[ast.AST]) -> tuple[str, ...]:
    """The fields of ``node_type`` the walk descends into."""
    skipped = _SKIPPED_FIELDS.get(node_type.__name__, frozenset())
    fields = _CHILD_FIELDS[node_type] = tuple(name for name in node_type._fields if name not in skipped)
    return fields


def child_nodes(node: ast.AST) -> list[ast.AST]:
    """``ast.iter_child_nodes`` without the Load / Store and operator
    singletons, at a third of the cost."""
    node_type = type(node)
    fields = _CHILD_FIELDS.get(node_type)
    if fields is None:
        fields = child_fields(node_type)
    children: list[ast.AST] = []
    for name in fields:
        value = getattr(node, name, None)
        if value.__class__ is list:
            children.extend([item for item in value if isinstance(item, ast.AST)])
        elif isinstance(value, ast.AST):
            children.append(value)
    return children


def walk(node: ast.AST) -> Iterator[ast.AST]:
    """``node`` and every node under it, in source order, without the
    singletons (``ast.walk`` goes breadth first and includes them)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(child_nodes(current)))


ScopeNode = ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef
#: Nodes whose body is a scope of its own.
SCOPE_NODE_TYPES = frozenset({ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda})


def canonical(qualname: str) -> str:
    """Fold re-export paths so one object has one name."""
    if qualname in K.NAME_ALIASES:
        return K.NAME_ALIASES[qualname]
    module, _, name = qualname.rpartition(".")
    while module:
        if module in K.MODULE_ALIASES:
            folded = f"{K.MODULE_ALIASES[module]}.{name}"
            return K.NAME_ALIASES.get(folded, folded)
        module, _, parent_name = module.rpartition(".")
        name = f"{parent_name}.{name}"
    return qualname


@dataclass(eq=False)
class Binding:
    """One place where a scope binds a name."""

    kind: str  # import, assign, annassign, param, with, def, class, except, global, other
    node: ast.AST
    scope: Scope
    value: ast.expr | None = None
    annotation: ast.expr | None = None
    qualname: str | None = None  # for imports: what the name refers to
    is_async: bool = False  # for ``with`` bindings


class Scope:
    """A module, class, function or lambda body and the names it binds."""

    def __init__(self, node: ScopeNode, parent: Scope | None, module: ModuleInfo) -> None:
        self.node = node
        self.parent = parent
        self.module = module

    @cached_property
    def bindings(self) -> dict[str, list[Binding]]:
        collector = _BindingCollector(self)
        collector.collect()
        return collector.bindings

    @property
    def is_class(self) -> bool:
        return isinstance(self.node, ast.ClassDef)

    def lookup(self, name: str) -> list[Binding]:
        """Bindings of ``name`` as seen from code directly in this scope."""
        scope: Scope | None = self
        first = True
        while scope is not None:
            if first or not scope.is_class:  # methods do not see class bodies
                found = scope.bindings.get(name)
                if found:
                    if any(b.kind == "global" for b in found):
                        return self.module.scope.bindings.get(name, [])
                    return found
            first = False
            scope = scope.parent
        return []


#: Fields that hold statements, except handlers or match cases (a Lambda's
#: or an IfExp's ``body`` is an expression: those nodes are never followed).
_BODY_FIELDS = frozenset({"body", "orelse", "finalbody", "handlers", "cases"})
#: Per node type, its fields among _BODY_FIELDS in declaration (source) order.
_STATEMENT_FIELDS: dict[type[ast.AST], tuple[str, ...]] = {}


class _BindingCollector(ast.NodeVisitor):
    """Collects a scope's own bindings, not those of nested scopes."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.bindings: dict[str, list[Binding]] = {}
        #: Only ``:=`` binds a name inside an expression: in a module whose
        #: text has none, expressions are not walked.
        self.skip_expressions = not getattr(scope.module, "expression_bindings", True)

    def add(self, name: str, binding: Binding) -> None:
        self.bindings.setdefault(name, []).append(binding)

    # ast.NodeVisitor's visit() looks the method up by name for every node;
    # a table by type and an explicit stack make collection ~2x faster.
    def visit(self, node: ast.AST) -> None:
        method = _COLLECTOR_DISPATCH.get(type(node))
        if method is not None:
            method(self, node)
        elif not (self.skip_expressions and isinstance(node, ast.expr)):
            self.generic_visit(node)

    def generic_visit(self, node: ast.AST) -> None:
        if self.skip_expressions:
            self._visit_statements(node)
            return
        dispatch = _COLLECTOR_DISPATCH
        skip_expressions = self.skip_expressions
        expr = ast.expr
        stack: list[ast.AST] = [node]
        while stack:
            current = stack.pop()
            if current is not node:
                method = dispatch.get(type(current))
                if method is not None:
                    method(self, current)
                    continue
                if skip_expressions and isinstance(current, expr):
                    continue
            stack.extend(reversed(child_nodes(current)))

    def _visit_statements(self, node: ast.AST) -> None:
        """:meth:`generic_visit` when expressions bind nothing: only the
        fields that hold statements (bodies, handlers, match cases) are
        followed, in source order; expressions, patterns and the rest are
        not even listed."""
        dispatch = _COLLECTOR_DISPATCH
        stack: list[ast.AST] = [node]
        while stack:
            current = stack.pop()
            if current is not node:
                method = dispatch.get(type(current))
                if method is not None:
                    method(self, current)
                    continue
                if isinstance(current, ast.expr):
                    continue
            node_type = type(current)
            fields = _STATEMENT_FIELDS.get(node_type)
            if fields is None:
                fields = _STATEMENT_FIELDS[node_type] = tuple(f for f in node_type._fields if f in _BODY_FIELDS)
            children: list[ast.AST] = []
            for name in fields:
                value = getattr(current, name, None)
                if value.__class__ is list:
                    children.extend(value)
            stack.extend(reversed(children))

    def collect(self) -> None:
        node = self.scope.node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            self._collect_params(node)
        if isinstance(node, ast.Lambda):
            self.visit(node.body)
        else:
            for stmt in node.body:
                self.visit(stmt)

    def _collect_params(self, node: FunctionNode | ast.Lambda) -> None:
        args = node.args
        positional = args.posonlyargs + args.args
        defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults))
        defaults += list(args.defaults)
        pairs = list(zip(positional, defaults, strict=True)) + list(zip(args.kwonlyargs, args.kw_defaults, strict=True))
        for arg, default in pairs:
            self.add(arg.arg, Binding("param", arg, self.scope, value=default, annotation=arg.annotation))
        for extra in (args.vararg, args.kwarg):
            if extra is not None:
                self.add(extra.arg, Binding("other", extra, self.scope))

    # Nested scopes bind their own name here and nothing else.
    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.add(node.name, Binding("def", node, self.scope))

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self.add(node.name, Binding("def", node, self.scope))

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.add(node.name, Binding("class", node, self.scope))

    def visit_Lambda(self, node: ast.Lambda) -> None:
        return

    def _visit_comprehension(self, node: ast.AST) -> None:
        return  # comprehension variables live in their own scope

    visit_ListComp = visit_SetComp = visit_DictComp = visit_GeneratorExp = _visit_comprehension

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.asname:
                self.add(alias.asname, Binding("import", node, self.scope, qualname=alias.name))
            else:
                top = alias.name.split(".")[0]
                self.add(top, Binding("import", node, self.scope, qualname=top))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = self.scope.module.absolute_module(node.module, node.level)
        for alias in node.names:
            if alias.name == "*":
                continue
            qualname = f"{module}.{alias.name}" if module else alias.name
            self.add(alias.asname or alias.name, Binding("import", node, self.scope, qualname=qualname))

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self._bind_target(target, node, node.value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if isinstance(node.target, ast.Name):
            self.add(
                node.target.id,
                Binding("annassign", node, self.scope, value=node.value, annotation=node.annotation),
            )
        if node.value is not None:
            self.visit(node.value)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        if isinstance(node.target, ast.Name):
            self.add(node.target.id, Binding("other", node, self.scope))
        self.visit(node.value)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self.add(node.target.id, Binding("assign", node, self.scope, value=node.value))
        self.visit(node.value)

    def _visit_for(self, node: ast.For | ast.AsyncFor) -> None:
        self._bind_target(node.target, node, None)
        self.generic_visit(node)

    visit_For = visit_AsyncFor = _visit_for

    def _visit_with(self, node: ast.With | ast.AsyncWith) -> None:
        for item in node.items:
            if item.optional_vars is not None:
                if isinstance(item.optional_vars, ast.Name):
                    self.add(
                        item.optional_vars.id,
                        Binding(
                            "with",
                            node,
                            self.scope,
                            value=item.context_expr,
                            is_async=isinstance(node, ast.AsyncWith),
                        ),
                    )
                else:
                    self._bind_target(item.optional_vars, node, None)
        self.generic_visit(node)

    visit_With = visit_AsyncWith = _visit_with

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name:
            self.add(node.name, Binding("except", node, self.scope, value=node.type))
        self.generic_visit(node)

    def visit_Global(self, node: ast.Global) -> None:
        for name in node.names:
            self.add(name, Binding("global", node, self.scope))

    def visit_Nonlocal(self, node: ast.Nonlocal) -> None:
        return  # the enclosing function's binding is found by the lookup chain

    def visit_TypeAlias(self, node: ast.AST) -> None:  # Python 3.12 ``type X = ...``
        name = getattr(node, "name", None)
        if isinstance(name, ast.Name):
            self.add(name.id, Binding("assign", node, self.scope, value=getattr(node, "value", None)))

    def _bind_target(self, target: ast.expr, node: ast.AST, value: ast.expr | None) -> None:
        if isinstance(target, ast.Name):
            self.add(target.id, Binding("assign" if value is not None else "other", node, self.scope, value=value))
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self._bind_target(element, node, None)
        elif isinstance(target, ast.Starred):
            self._bind_target(target.value, node, None)


_COLLECTOR_DISPATCH: dict[type[ast.AST], Callable[[_BindingCollector, Any], None]] = {
    node_type: getattr(_BindingCollector, f"visit_{node_type.__name__}")
    for node_type in (getattr(ast, name[len("visit_") :], None) for name in vars(_BindingCollector))
    if isinstance(node_type, type) and issubclass(node_type, ast.AST)
}
