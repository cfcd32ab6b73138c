"""The one walk over a module, and the context every rule sees during it."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from flake8_fastapi_prod import knowledge as K
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

    def in_try_catching(self, node: ast.AST, names: Container[str], stop: tuple[type[ast.AST], ...]) -> bool:
        """Whether ``node``, the node being visited, runs in the body of a
        ``try`` below its nearest ancestor of a ``stop`` type whose handler
        is bare or names one of ``names`` (by the last word: ``Exception``,
        ``exceptions.HTTPException``)."""
        below = node
        for ancestor in reversed(self.ancestors):
            if isinstance(ancestor, stop):
                return False
            if isinstance(ancestor, ast.Try) and any(statement is below for statement in ancestor.body):
                for handler in ancestor.handlers:
                    if handler.type is None:
                        return True
                    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
                    for caught in types:
                        name = caught.attr if isinstance(caught, ast.Attribute) else getattr(caught, "id", "")
                        if name in names:
                            return True
            below = ancestor
        return False

    def enclosing_class(self) -> ast.ClassDef | None:
        for scope in reversed(self.scopes):
            if isinstance(scope.node, ast.ClassDef):
                return scope.node
        return None


Visitor = Callable[[ast.AST, Context], Iterable[Finding]]


def _keyed(gate: Gate | None) -> bool:
    """Whether the gate tests the node's key (or its callee's qualified name)."""
    return gate is not None and bool(
        gate.keys or gate.qualnames or gate.keys_from is not None or gate.key_pattern is not None
    )


def _parents(gate: Gate | None) -> frozenset[type[ast.AST]] | None:
    return gate.parent_types or None if gate is not None else None


@dataclass(frozen=True)
class _TypePlan:
    """How the walk dispatches one node type, from the rules' gates alone."""

    #: (rule index, visitor method name, gate) of each visitor, in rule order.
    members: tuple[tuple[int, str, Gate | None], ...]
    #: None when no visitor has a gate: the walk calls them all.
    gates: _GatePlan | None
    #: Names, attributes, keywords whose every visitor has a gate: the union
    #: of the static keys and parent types, tested before any visitor is called.
    prefilter: tuple[frozenset[str], frozenset[type[ast.AST]]] | None


_WALK_PLANS: dict[tuple[bool, tuple[type[Rule], ...]], dict[type[ast.AST], _TypePlan]] = {}
#: False: every visitor sees every node of its type, as if no rule had a
#: gate (a test compares the findings both ways: a gate may only say what
#: its visitor's first test implies).
USE_GATES = True


def _walk_plan(rule_types: tuple[type[Rule], ...]) -> dict[type[ast.AST], _TypePlan]:
    """The dispatch of a set of rules, built once per run and rule set."""
    plan = _WALK_PLANS.get((USE_GATES, rule_types))
    if plan is not None:
        return plan
    members: dict[type[ast.AST], list[tuple[int, str, Gate | None]]] = {}
    for index, rule_type in enumerate(rule_types):
        for type_name, method_name in rule_type.visitors.items():
            members.setdefault(getattr(ast, type_name), []).append((index, method_name, rule_type.gates.get(type_name)))
    plan = {}
    for node_type, found in members.items():
        gates = [gate for _, _, gate in found]
        if not USE_GATES or all(not _keyed(gate) and _parents(gate) is None for gate in gates):
            plan[node_type] = _TypePlan(tuple(found), None, None)
            continue
        prefilter = None
        if node_type in (ast.Name, ast.Attribute, ast.keyword) and all(
            _keyed(gate) or _parents(gate) is not None for gate in gates
        ):
            keys: frozenset[str] = frozenset().union(*(gate.keys for gate in gates if gate is not None))
            parents: frozenset[type[ast.AST]] = frozenset().union(*(_parents(gate) or () for gate in gates))
            prefilter = (keys, parents)
        plan[node_type] = _TypePlan(tuple(found), _gate_plan(gates, node_type), prefilter)
    _WALK_PLANS[USE_GATES, rule_types] = plan
    return plan


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


def import_aliases(module: ModuleInfo) -> frozenset[str]:
    """Names the module binds by ``import ... as`` / ``from ... import ...
    as``: the only names whose qualified name may end in another word
    (memoised per module)."""
    from flake8_fastapi_prod.rules.module_facts import import_nodes

    return module.memo(
        "import-aliases",
        lambda: frozenset(alias.asname for node in import_nodes(module) for alias in node.names if alias.asname),
    )


def _qualname_tails(qualnames: Iterable[str]) -> frozenset[str]:
    """The last words a callee's key can have when its qualified name is one
    of ``qualnames``: their own, and those of the names :func:`canonical`
    folds into them (``redis.StrictRedis`` is ``redis.Redis``)."""
    wanted = set(qualnames)
    tails = {name.rpartition(".")[2] for name in wanted}
    tails |= {alias.rpartition(".")[2] for alias, folded in K.NAME_ALIASES.items() if folded in wanted}
    return frozenset(tails)


@dataclass(frozen=True)
class _GatePlan:
    """The gates of one node type's visitors, indexed: which entries run
    whatever the node (``always``), for a key, for a callee's qualified
    name, or when the key is in a container the file gives (``live``).
    It depends on the rules' gates only, so it is built once per run."""

    always: tuple[int, ...]
    by_key: dict[str, tuple[int, ...]]
    by_qualname: dict[str, tuple[int, ...]]
    #: Entries whose keys come from the file: (index, the gate's ``keys_from``).
    live: tuple[tuple[int, Callable[[Context], Container[str]]], ...]
    patterns: tuple[tuple[int, re.Pattern[str]], ...]
    #: Last words of the qualified names (see :func:`_qualname_tails`).
    tails: frozenset[str]
    #: Each entry's parent types (None: any parent).
    parents: tuple[frozenset[type[ast.AST]] | None, ...]


def _gate_plan(gates: list[Gate | None], node_type: type[ast.AST]) -> _GatePlan:
    always: list[int] = []
    by_key: dict[str, list[int]] = {}
    by_qualname: dict[str, list[int]] = {}
    live: list[tuple[int, Callable[[Context], Container[str]]]] = []
    patterns: list[tuple[int, re.Pattern[str]]] = []
    for index, gate in enumerate(gates):
        if gate is None or not _keyed(gate):
            always.append(index)
            continue
        if gate.key_pattern is not None:
            if node_type is not ast.Call:
                raise TypeError("Gate.key_pattern is for Call visitors only")
            patterns.append((index, gate.key_pattern))
        for key in gate.keys:
            by_key.setdefault(key, []).append(index)
        if gate.keys_from is not None:
            live.append((index, gate.keys_from))
        if node_type is ast.Call:
            for qualname in gate.qualnames:
                by_qualname.setdefault(qualname, []).append(index)
    return _GatePlan(
        tuple(always),
        {key: tuple(indices) for key, indices in by_key.items()},
        {name: tuple(indices) for name, indices in by_qualname.items()},
        tuple(live),
        tuple(patterns),
        _qualname_tails(by_qualname),
        tuple(_parents(gate) for gate in gates),
    )


def _gated_visitor(
    visitors: list[Visitor], live: dict[int, Container[str]], node_type: type[ast.AST], plan: _GatePlan
) -> Visitor:
    """One visitor for the type that calls each rule's visitor (in rule
    order) only when its gate lets the node through (see :class:`Gate`).

    The gates are indexed (``plan``): a node's key and its callee's
    qualified name are looked up once, not tested against every entry. The
    qualified name is resolved only when it can be one of the gates' (the
    callee's key is the last word of one of them, or an import alias of the
    module): resolving a name builds the bindings of its scope."""
    key_of = _KEY_OF.get(node_type)
    if key_of is None:
        raise TypeError(f"no gate for {node_type.__name__} visitors")
    always, by_key, by_qualname, tails, patterns = plan.always, plan.by_key, plan.by_qualname, plan.tails, plan.patterns
    live_keys = list(live.items())
    parents_of = plan.parents
    aliases: list[frozenset[str]] = []  # the module's import aliases, once asked

    def visit(node: ast.AST, ctx: Context) -> Iterator[Finding]:
        key = key_of(node)
        chosen = [*always, *by_key.get(key, ())] if key is not None else list(always)
        for index, container in live_keys:
            if key in container:
                chosen.append(index)
        if key is not None:
            for index, pattern in patterns:
                if pattern.search(key):
                    chosen.append(index)
        if by_qualname:
            func = node.func  # type: ignore[attr-defined]
            may_match = key in tails
            if not may_match and isinstance(func, ast.Name):
                if not aliases:
                    aliases.append(import_aliases(ctx.module))
                may_match = key in aliases[0]
            if may_match:
                qualname = ctx.qualified_name(func)
                if qualname is not None:
                    chosen.extend(by_qualname.get(qualname, ()))
        if not chosen:
            return
        if len(chosen) > 1:
            chosen = sorted(set(chosen))
        parent_type = type(ctx.parent)
        for index in chosen:
            parents = parents_of[index]
            if parents is not None and parent_type not in parents:
                continue
            yield from visitors[index](node, ctx)

    return visit


#: Node types without child nodes (see resolve.child_fields), but Name,
#: which the walk tests against its prefilter without a call.
_LEAF_TYPES: frozenset[type[ast.AST]] = frozenset(
    node_type
    for node_type in vars(ast).values()
    if isinstance(node_type, type)
    and issubclass(node_type, ast.AST)
    and node_type is not ast.Name
    and node_type._fields is not None
    and not child_fields(node_type)
)


class _AnyOf:
    """In any of several containers, each read when asked."""

    def __init__(self, containers: tuple[Container[str], ...]) -> None:
        self.containers = containers

    def __contains__(self, item: object) -> bool:
        return any(item in container for container in self.containers)


class Walker:
    """Dispatches every node once to the rules that visit its type."""

    def __init__(self, rules: list[Rule], ctx: Context) -> None:
        self.ctx = ctx
        self.rules = rules
        self.dispatch: dict[type[ast.AST], list[Visitor]] = {}
        #: Names, attributes, keywords: (keys, live key containers, parent
        #: types), the union of their visitors' gates (most such nodes pass none).
        self.prefilters: dict[
            type[ast.AST], tuple[frozenset[str], tuple[Container[str], ...], frozenset[type[ast.AST]]]
        ] = {}
        for node_type, plan in _walk_plan(tuple(type(rule) for rule in rules)).items():
            visitors = [getattr(rules[index], method) for index, method, _ in plan.members]
            if plan.gates is None:
                self.dispatch[node_type] = visitors
                continue
            live = {index: keys_from(ctx) for index, keys_from in plan.gates.live}
            self.dispatch[node_type] = [_gated_visitor(visitors, live, node_type, plan.gates)]
            if plan.prefilter is not None:
                containers = {id(container): container for container in live.values()}
                self.prefilters[node_type] = (plan.prefilter[0], tuple(containers.values()), plan.prefilter[1])
        self.findings: list[Finding] = []

    def _prepare_leaves(self) -> None:
        """What the walk's loop over children needs (see :meth:`_visit`),
        from the dispatch table as it is when the walk starts. A Name is
        dispatched from its parent's loop, which tests the names' prefilter
        itself: always open, or its keys, parent types and live containers."""
        self.name_visitors: list[Visitor] = self.dispatch.get(ast.Name) or []
        prefilter = self.prefilters.get(ast.Name)
        self.name_always = bool(self.name_visitors) and prefilter is None
        self.name_keys: Container[str] = frozenset()
        self.name_parents: Container[type[ast.AST]] = frozenset()
        self.name_live: Container[str] = ()
        if self.name_visitors and prefilter is not None:
            self.name_keys, containers, self.name_parents = prefilter
            # read live: a rule may grow its container during the walk
            self.name_live = containers[0] if len(containers) == 1 else _AnyOf(containers)
        #: Node types no rule visits that have no children: nothing to do.
        self.leaves = frozenset(t for t in _LEAF_TYPES if t not in self.dispatch)

    def run(self, tree: ast.Module) -> list[Finding]:
        self._prepare_leaves()
        self._visit(tree)
        for rule in self.rules:
            self.findings.extend(rule.finish(self.ctx))
        return self.findings

    def _visit(self, node: ast.AST) -> None:
        node_type = type(node)
        visitors = self.dispatch.get(node_type)
        if visitors:
            prefilter = self.prefilters.get(node_type)
            if prefilter is None or self._passes(
                node.id  # type: ignore[attr-defined]
                if node_type is ast.Name
                else node.attr  # type: ignore[attr-defined]
                if node_type is ast.Attribute
                else node.arg,  # type: ignore[attr-defined]
                prefilter,
            ):
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
        # Leaves are handled here, without a call: a Name (a third of all
        # nodes) is tested against the names' prefilter, and a leaf no rule
        # visits (a constant, an import alias) is passed over.
        visit = self._visit
        leaves = self.leaves
        name_type = ast.Name
        # A Name is let through when its id is a key, or its parent (this
        # node) a type, of the prefilter; else it may be in a live container.
        name_keys, name_live = self.name_keys, self.name_live
        name_open = self.name_always or node_type in self.name_parents
        for field_name in fields:
            value = getattr(node, field_name, None)
            if value.__class__ is list:
                for item in value:
                    item_type = item.__class__
                    if item_type is name_type:
                        if name_open or item.id in name_keys or item.id in name_live:
                            self._visit_name(item)
                    elif item_type not in leaves and isinstance(item, ast.AST):
                        visit(item)
            else:
                value_type = value.__class__
                if value_type is name_type:
                    if name_open or value.id in name_keys or value.id in name_live:  # type: ignore[union-attr]
                        self._visit_name(value)  # type: ignore[arg-type]
                elif value_type not in leaves and isinstance(value, ast.AST):
                    visit(value)
        ancestors.pop()

    def _visit_name(self, node: ast.Name) -> None:
        """A Name the parent's loop let through (it has no children)."""
        for visitor in self.name_visitors:
            self.findings.extend(visitor(node, self.ctx))

    def _passes(
        self, key: str, prefilter: tuple[frozenset[str], tuple[Container[str], ...], frozenset[type[ast.AST]]]
    ) -> bool:
        keys, live, parents = prefilter
        if key in keys or type(self.ctx.ancestors[-1]) in parents:
            return True
        return any(key in container for container in live)

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
    if source is not None:
        module.text = source
        module.expression_bindings = b":=" in source
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
