"""The one walk over a module, and the context every rule sees during it."""

from __future__ import annotations

import ast
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from flake8_fastapi_prod.registry import Finding, Gate, Rule, Selection, all_rules
from flake8_fastapi_prod.resolve import (
    _CHILD_FIELDS,
    PROJECT,
    SCOPE_NODE_TYPES,
    FunctionNode,
    ModuleInfo,
    Project,
    Resolver,
    Scope,
    canonical,
    child_fields,
)
from flake8_fastapi_prod.versions import Targets

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


@dataclass
class Context:
    """Where the walk is: ancestors, scopes, and the resolver for this file."""

    module: ModuleInfo
    selection: Selection
    resolver: Resolver = field(init=False)
    ancestors: list[ast.AST] = field(default_factory=list)
    scopes: list[Scope] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.resolver = Resolver(self.module)
        self.scopes.append(self.module.scope)

    @property
    def target_version(self) -> tuple[int, ...] | None:
        """The FastAPI target (``None``: newest)."""
        return self.selection.target_version

    @property
    def targets(self) -> Targets:
        """The FastAPI / Starlette / Pydantic versions this file runs on."""
        return self.selection.targets

    @property
    def scope(self) -> Scope:
        return self.scopes[-1]

    @property
    def parent(self) -> ast.AST | None:
        return self.ancestors[-1] if self.ancestors else None

    def function(self) -> FunctionNode | ast.Lambda | None:
        """The innermost function or lambda whose body holds the node."""
        for scope in reversed(self.scopes):
            if isinstance(scope.node, _FUNCTIONS):
                return scope.node
        return None

    def in_async_function(self) -> bool:
        """True when the code runs in a coroutine's own frame: the innermost
        function is an ``async def`` (a nested ``def`` or ``lambda`` is not)."""
        return isinstance(self.function(), ast.AsyncFunctionDef)

    def await_allowed(self) -> bool:
        """Whether an ``await`` may be inserted here without changing what
        the code means: in an ``async def``, not in a generator expression
        (which would turn into an async generator)."""
        if not self.in_async_function():
            return False
        for ancestor in reversed(self.ancestors):
            if isinstance(ancestor, _FUNCTIONS):
                return True
            if isinstance(ancestor, ast.GeneratorExp):
                return False
        return True

    def qualified_name(self, expr: ast.expr) -> str | None:
        return self.resolver.qualified_name(expr, self.scopes[-1])

    def type_of(self, expr: ast.expr) -> str | None:
        return self.resolver.type_of(expr, self.scopes[-1])

    def reference_to(self, qualname: str) -> str | None:
        """Source text that names ``qualname`` here through an existing
        import (``asyncio.sleep``, ``aio.sleep``, ``sleep``), if any."""
        module_name, _, attr = qualname.rpartition(".")
        candidates: list[str] = []
        for scope in reversed(self.scopes):
            if scope.is_class and scope is not self.scope:
                continue
            for name, bindings in scope.bindings.items():
                for binding in bindings:
                    if binding.kind != "import" or not binding.qualname:
                        continue
                    if canonical(binding.qualname) == qualname:
                        candidates.append(name)
                    elif binding.qualname == module_name:
                        candidates.append(f"{name}.{attr}")
        for candidate in candidates:
            expr = ast.parse(candidate, mode="eval").body
            if self.qualified_name(expr) == qualname:
                return candidate
        return None

    def name_is_free(self, name: str) -> bool:
        """Nothing visible here is bound to ``name`` (safe to import it)."""
        return not self.scope.lookup(name)

    def needs_parens_to_await(self, node: ast.expr) -> bool:
        """``x.f().g`` must become ``(await x.f()).g``, not ``await x.f().g``."""
        parent = self.parent
        if isinstance(parent, (ast.Attribute, ast.Subscript)):
            return parent.value is node
        if isinstance(parent, ast.Call):
            return parent.func is node
        return False

    def await_fix_data(self, node: ast.expr) -> tuple[bool, str, dict[str, Any]]:
        """Can ``await`` be put before ``node`` here? (fixable, note, data).

        Already awaited: the fix only rewrites the call. Outside an async
        def (or in a generator expression) there is no fix and the note
        says why.
        """
        if isinstance(self.parent, ast.Await):
            return True, "", {"await": False}
        if not self.await_allowed():
            return False, " (no fix: not directly inside an async def)", {}
        return True, "", {"await": True, "parens": self.needs_parens_to_await(node)}

    def enclosing_class(self) -> ast.ClassDef | None:
        for scope in reversed(self.scopes):
            if isinstance(scope.node, ast.ClassDef):
                return scope.node
        return None


Visitor = Callable[[ast.AST, Context], Iterable[Finding]]


#: A visitor and its gate: (visitor, keyed, keys, live keys, qualnames, parent types);
#: keyed False: no test of the node's key; parent types None: any parent.
_Entry = tuple[
    Visitor,
    bool,
    "frozenset[str]",
    "Container[str] | None",
    "frozenset[str] | None",
    "frozenset[type[ast.AST]] | None",
]


def _entry(visitor: Visitor, gate: Gate | None, ctx: Context) -> _Entry:
    if gate is None:
        return (visitor, False, frozenset(), None, None, None)
    live = gate.keys_from(ctx) if gate.keys_from is not None else None
    keyed = bool(gate.keys or gate.qualnames or gate.keys_from is not None)
    return (visitor, keyed, gate.keys, live, gate.qualnames or None, gate.parent_types or None)


def _call_key(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


_KEY_OF: dict[type[ast.AST], Callable[[Any], str | None]] = {
    ast.Call: _call_key,
    ast.Name: lambda node: node.id,
    ast.Attribute: lambda node: node.attr,
    ast.keyword: lambda node: node.arg,
}


def _gated_visitor(entries: list[_Entry], node_type: type[ast.AST]) -> Visitor:
    """One visitor for the type that calls each rule's visitor (in rule
    order) only when its gate lets the node through (see :class:`Gate`)."""
    key_of = _KEY_OF.get(node_type)
    if key_of is None:
        raise TypeError(f"no gate for {node_type.__name__} visitors")
    call = node_type is ast.Call

    def visit(node: ast.AST, ctx: Context) -> Iterator[Finding]:
        key = key_of(node)
        qualname: str | bool | None = False  # False: not resolved yet
        for visitor, keyed, keys, live, qualnames, parents in entries:
            if parents is not None and type(ctx.parent) not in parents:
                continue
            if keyed and key not in keys and (live is None or key not in live):
                if qualnames is None or not call:
                    continue
                if qualname is False:
                    qualname = ctx.qualified_name(node.func)  # type: ignore[attr-defined]
                if qualname not in qualnames:
                    continue
            yield from visitor(node, ctx)

    return visit


#: What any visitor of a type lets through: (keys, live key containers, parent types).
_Prefilter = tuple["frozenset[str]", "tuple[Container[str], ...]", "frozenset[type[ast.AST]]"]


def _prefilter(entries: list[_Entry]) -> _Prefilter:
    keys: set[str] = set()
    live: dict[int, Container[str]] = {}
    parents: set[type[ast.AST]] = set()
    for _, _, entry_keys, entry_live, _, entry_parents in entries:
        keys |= entry_keys
        if entry_live is not None:
            live[id(entry_live)] = entry_live
        parents |= entry_parents or frozenset()
    return frozenset(keys), tuple(live.values()), frozenset(parents)


class Walker:
    """Dispatches every node once to the rules that visit its type."""

    def __init__(self, rules: list[Rule], ctx: Context) -> None:
        self.ctx = ctx
        self.rules = rules
        self.dispatch: dict[type[ast.AST], list[Visitor]] = {}
        gated: dict[type[ast.AST], list[_Entry]] = {}
        for rule in rules:
            for type_name, method_name in rule.visitors.items():
                node_type = getattr(ast, type_name)
                gated.setdefault(node_type, []).append(
                    _entry(getattr(rule, method_name), rule.gates.get(type_name), ctx)
                )
        #: Names, attributes, keywords: the union of their visitors' gates, tested
        #: before any visitor is called (most such nodes pass none).
        self.prefilters: dict[type[ast.AST], _Prefilter] = {}
        for node_type, entries in gated.items():
            if all(not entry[1] and entry[5] is None for entry in entries):
                self.dispatch[node_type] = [entry[0] for entry in entries]
                continue
            self.dispatch[node_type] = [_gated_visitor(entries, node_type)]
            if node_type in (ast.Name, ast.Attribute, ast.keyword) and all(
                entry[1] or entry[5] is not None for entry in entries
            ):
                self.prefilters[node_type] = _prefilter(entries)
        self.findings: list[Finding] = []

    def run(self, tree: ast.Module) -> list[Finding]:
        self._visit(tree)
        for rule in self.rules:
            self.findings.extend(rule.finish(self.ctx))
        return self.findings

    def _visit(self, node: ast.AST) -> None:
        node_type = type(node)
        visitors = self.dispatch.get(node_type)
        if visitors:
            prefilter = self.prefilters.get(node_type)
            if prefilter is not None:
                key = (
                    node.id  # type: ignore[attr-defined]
                    if node_type is ast.Name
                    else node.attr  # type: ignore[attr-defined]
                    if node_type is ast.Attribute
                    else node.arg  # type: ignore[attr-defined]
                )
                keys, live, parents = prefilter
                passes = key in keys or type(self.ctx.ancestors[-1]) in parents
                if not passes:
                    for container in live:
                        if key in container:
                            passes = True
                            break
                if passes:
                    for visitor in visitors:
                        self.findings.extend(visitor(node, self.ctx))
            else:
                for visitor in visitors:
                    self.findings.extend(visitor(node, self.ctx))
        if node_type in SCOPE_NODE_TYPES:
            self._visit_scope(node)  # type: ignore[arg-type]
            return
        fields = _CHILD_FIELDS.get(node_type)
        if fields is None:
            fields = child_fields(node_type)
        if not fields:
            return
        ancestors = self.ctx.ancestors
        ancestors.append(node)
        # resolve.child_nodes, inlined: this is the hottest loop of a run.
        visit = self._visit
        for name in fields:
            value = getattr(node, name, None)
            if value.__class__ is list:
                for item in value:
                    if isinstance(item, ast.AST):
                        visit(item)
            elif isinstance(value, ast.AST):
                visit(value)
        ancestors.pop()

    def _visit_scope(self, node: FunctionNode | ast.Lambda | ast.ClassDef) -> None:
        """Decorators, defaults, annotations and bases belong to the
        enclosing scope; only the body is inside the new one."""
        ctx = self.ctx
        ctx.ancestors.append(node)
        outer: list[ast.AST]
        body: list[ast.AST]
        if isinstance(node, ast.ClassDef):
            outer = [*node.decorator_list, *node.bases, *node.keywords]
            body = list(node.body)
        elif isinstance(node, ast.Lambda):
            outer = [node.args]
            body = [node.body]
        else:
            outer = [*node.decorator_list, node.args]
            if node.returns is not None:
                outer.append(node.returns)
            body = list(node.body)
        for child in outer:
            self._visit(child)
        ctx.scopes.append(ctx.module.scope_for(node, ctx.scope))
        for child in body:
            self._visit(child)
        ctx.scopes.pop()
        ctx.ancestors.pop()


def enabled_rules(selection: Selection) -> list[type[Rule]]:
    return [rule for rule in all_rules() if selection.enabled(rule)]


def analyze(
    tree: ast.Module,
    filename: str,
    selection: Selection,
    *,
    project: Project | None = None,
    rules: list[type[Rule]] | None = None,
    source: bytes | None = None,
) -> list[Finding]:
    """Every finding of the selected rules in one module, in source order.

    ``source``: the text ``tree`` was parsed from, when it is the file's
    text on disk: the project then keeps the module's summary for the
    other files that ask about it.
    """
    rule_types = enabled_rules(selection) if rules is None else rules
    if not rule_types:
        return []
    project = project if project is not None else PROJECT
    project.begin_file()
    module = ModuleInfo(tree, filename, project)
    ctx = Context(module, selection)
    findings = Walker([rule() for rule in rule_types], ctx).run(tree)
    partly = {rule.code: rule for rule in rule_types if rule.default.kind == "opt_in_except"}
    if partly:
        findings = [f for f in findings if f.code not in partly or selection.keeps(partly[f.code], f)]
    if source is not None:
        project.remember(module, source)
    module._release()  # the checked module's scopes are garbage now: free them without the collector
    findings.sort(key=lambda f: (f.span.line, f.span.col, f.code))
    return _unique(findings)


def _unique(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, int, int]] = set()
    result: list[Finding] = []
    for finding in findings:
        key = (finding.code, finding.span.line, finding.span.col)
        if key not in seen:
            seen.add(key)
            result.append(finding)
    return result
