"""FP601's analysis: every startup / shutdown registration of a module, the
app or router it belongs to, and whether one lifespan can replace them.

The same planning runs for the report (``ast``) and inside the fix, which
re-plans on the code it is given so that positions always match.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from flake8_fastapi_prod import knowledge as K
from flake8_fastapi_prod.resolve import Definition, FunctionNode, ModuleInfo, Resolver, Scope, definition_key, own_nodes
from flake8_fastapi_prod.rules.app.common import (
    API_ROUTER,
    FASTAPI_APP,
    constructed_owner,
    literal_string,
    owner_type,
    string_argument,
)
from flake8_fastapi_prod.versions import Targets

EVENTS = ("startup", "shutdown")
KEYWORDS = {"on_startup": "startup", "on_shutdown": "shutdown"}
ROUTER_LIFESPAN = (0, 112, 2)
#: Source text a module that registers a handler holds.
MARKERS = ("on_event", "add_event_handler", "on_startup", "on_shutdown")


@dataclass
class Registration:
    """One handler registered for ``startup`` / ``shutdown``."""

    node: ast.AST  # where the finding is reported
    form: str  # "decorator", "add_event_handler", "call", "keyword"
    event: str | None  # None: not a literal
    scope: Scope  # where the registration is evaluated
    receiver: ast.expr | None = None  # the app / router it is registered on
    statement: ast.stmt | None = None  # the statement the fix removes or rewrites
    handler_def: FunctionNode | None = None  # the decorated function
    handler: ast.expr | None = None  # a handler given by name (or lambda)
    keyword: str | None = None  # "on_startup" / "on_shutdown"


@dataclass
class Owner:
    """A ``FastAPI(...)`` / ``APIRouter(...)`` call and where it is bound."""

    kind: str
    call: ast.Call
    scope: Scope
    container: ast.Module | FunctionNode
    statement: ast.stmt | None  # the statement of ``container.body`` holding the call
    name: str | None  # the name the call is assigned to


@dataclass
class Step:
    """What the lifespan runs for one handler."""

    event: str
    registration: Registration
    handler_def: FunctionNode | None = None  # inlined, or called by name when kept
    call: ast.expr | None = None  # the handler expression to call
    awaited: bool = False
    expression: ast.expr | None = None  # a lambda's body, run as a statement
    call_suffix: str = "()"


@dataclass
class Helper:
    """A module-level function that registers handlers on the app it is
    given (``def register_events(app): @app.on_event(...) ...``), called
    once, beside the app's constructor, in the same module."""

    func: FunctionNode
    param: str  # the parameter the app is passed as
    app: Owner  # the app it is called on
    call: ast.Expr  # ``register_events(app)``, beside the constructor
    moved: list[ast.stmt] = field(default_factory=list)  # helper statements that go into the lifespan
    carried: list[FunctionNode] = field(default_factory=list)  # nested defs registered by name, moved along
    dropped: list[ast.stmt] = field(default_factory=list)  # ``return handler``, whose result no one reads
    consumed: bool = False  # nothing else is left: the helper and its call go
    #: Called from another module (``app`` and ``call`` are in that module's
    #: tree): the lifespan joins the app through ``app.include_router(
    #: APIRouter(lifespan=...))`` inside the helper, the caller is untouched.
    remote: ModuleInfo | None = None
    #: Other functions of this module that register on the same (remote) app.
    siblings: set[str] = field(default_factory=set)


@dataclass
class Plan:
    owner: Owner | None
    registrations: list[Registration] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    problem: str | None = None  # why there is no fix
    has_lifespan: bool = False
    #: The helper functions whose handlers the lifespan holds, in call order.
    helpers: list[Helper] = field(default_factory=list)


def may_register(source_names: Iterable[str]) -> bool:
    return any(marker in source_names for marker in MARKERS)


def registrations_in(module: ModuleInfo, resolver: Resolver) -> list[Registration]:
    """Every startup / shutdown registration of the module, in source order."""
    found: list[Registration] = []
    for func in module.nodes(ast.FunctionDef, ast.AsyncFunctionDef):
        for decorator in func.decorator_list:
            if not (isinstance(decorator, ast.Call) and _is_method(decorator.func, "on_event")):
                continue
            scope = module.scope_of(func)
            assert isinstance(decorator.func, ast.Attribute)
            event = literal_string(string_argument(decorator, 0, "event_type"))
            if _is_registration(decorator.func.value, event, resolver, scope):
                found.append(
                    Registration(
                        decorator,
                        "decorator",
                        event,
                        scope,
                        receiver=decorator.func.value,
                        statement=func,
                        handler_def=func,
                    )
                )
    for call in module.nodes(ast.Call):
        func = call.func
        if _is_method(func, "add_event_handler"):
            assert isinstance(func, ast.Attribute)
            scope = module.scope_of(call)
            event = literal_string(string_argument(call, 0, "event_type"))
            if _is_registration(func.value, event, resolver, scope):
                found.append(
                    Registration(
                        call,
                        "add_event_handler",
                        event,
                        scope,
                        receiver=func.value,
                        statement=_statement_of(call, module),
                        handler=string_argument(call, 1, "func"),
                    )
                )
        elif isinstance(func, ast.Call) and _is_method(func.func, "on_event") and len(call.args) == 1:
            assert isinstance(func.func, ast.Attribute)
            scope = module.scope_of(call)
            event = literal_string(string_argument(func, 0, "event_type"))
            if _is_registration(func.func.value, event, resolver, scope):
                found.append(
                    Registration(
                        call,
                        "call",
                        event,
                        scope,
                        receiver=func.func.value,
                        statement=_statement_of(call, module),
                        handler=call.args[0],
                    )
                )
        elif any(k.arg in KEYWORDS for k in call.keywords):
            scope = module.scope_of(call)
            if constructed_owner(call, resolver, scope) is None:
                continue
            for keyword in call.keywords:
                if keyword.arg in KEYWORDS and not _is_none(keyword.value):
                    found.append(Registration(keyword, "keyword", KEYWORDS[keyword.arg], scope, keyword=keyword.arg))
    found.sort(key=lambda r: (r.node.lineno, r.node.col_offset))  # type: ignore[attr-defined]
    return found


def _is_method(func: ast.expr, name: str) -> bool:
    return isinstance(func, ast.Attribute) and func.attr == name


def _is_none(expr: ast.expr) -> bool:
    return isinstance(expr, ast.Constant) and expr.value is None


def _is_registration(receiver: ast.expr, event: str | None, resolver: Resolver, scope: Scope) -> bool:
    """On a FastAPI app or APIRouter; on a receiver of unknown type only
    with a literal ``"startup"`` / ``"shutdown"`` (a value of another known
    type is never one)."""
    if owner_type(receiver, resolver, scope) is not None:
        return True
    if event not in EVENTS:
        return False
    if isinstance(receiver, ast.Attribute) and receiver.attr == "router":
        receiver = receiver.value
    return resolver.type_of(receiver, scope) is None and not known_other(receiver, resolver, scope)


def known_other(receiver: ast.expr, resolver: Resolver, scope: Scope) -> bool:
    """A name bound to an instance of something else: a project class that
    does not derive from an app or router, another library's class, or a
    parameter annotated with one."""
    if not isinstance(receiver, ast.Name):
        return False
    for binding in scope.lookup(receiver.id):
        if binding.kind == "param" and binding.annotation is not None:
            annotation = binding.annotation
            if isinstance(annotation, (ast.Name, ast.Attribute)) and not _app_like(annotation, resolver, binding.scope):
                return True
        value = binding.value
        if (
            binding.kind in ("assign", "annassign")
            and isinstance(value, ast.Call)
            and not _app_like(value.func, resolver, binding.scope)
        ):
            return True
    return False


def _app_like(expr: ast.expr, resolver: Resolver, scope: Scope) -> bool:
    """A class that may be an app or router: FastAPI's or Starlette's, a
    project subclass of one, or something unknown."""
    definition = resolver.definition(expr, scope)
    if definition is not None:
        if not isinstance(definition.node, ast.ClassDef):
            return True  # a factory function: may return an app
        bases = resolver.base_qualnames(definition.node, definition.scope)
        return "<unknown>" in bases or any(b.split(".")[0] in ("fastapi", "starlette") for b in bases)
    qualname = resolver.qualified_name(expr, scope)
    if qualname is None:
        return True
    return qualname.split(".")[0] in ("fastapi", "starlette")


def _statement_of(node: ast.AST, module: ModuleInfo) -> ast.stmt | None:
    """The statement holding ``node``."""
    parents = module.parents
    current: ast.AST | None = node
    while current is not None and not isinstance(current, ast.stmt):
        current = parents.get(id(current))
    return current if isinstance(current, ast.stmt) else None


def _owner_of_call(call: ast.Call, kind: str, module: ModuleInfo, scope: Scope) -> Owner:
    container = scope.node
    statement = _statement_of(call, module)
    name: str | None = None
    if statement is not None:
        value = statement.value if isinstance(statement, (ast.Assign, ast.AnnAssign, ast.Return)) else None
        if value is not call:
            statement = None
        elif isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            name = target.id if isinstance(target, ast.Name) else None
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            name = statement.target.id
    assert isinstance(container, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef))
    if statement is not None and not any(s is statement for s in container.body):
        statement = None
    return Owner(kind, call, scope, container, statement, name)


def owner_of(registration: Registration, module: ModuleInfo, resolver: Resolver) -> Owner | None:
    if registration.form == "keyword":
        call = module.parents.get(id(registration.node))
        assert isinstance(call, ast.Call)
        kind = constructed_owner(call, resolver, registration.scope)
        assert kind is not None
        return _owner_of_call(call, kind, module, registration.scope)
    receiver = registration.receiver
    assert receiver is not None
    if isinstance(receiver, ast.Attribute) and receiver.attr == "router":
        receiver = receiver.value  # app.router: the app's own handlers
    constructed = _constructed_by_name(receiver, registration.scope, resolver)
    if constructed is None:
        return None
    value, kind, binding_scope = constructed
    if kind == API_ROUTER and registration.receiver is not receiver:
        return None
    return _owner_of_call(value, kind, module, binding_scope)


def _constructed_by_name(expr: ast.expr, scope: Scope, resolver: Resolver) -> tuple[ast.Call, str, Scope] | None:
    """For a name bound exactly once, by an assignment, to a ``FastAPI(...)``
    / ``APIRouter(...)`` call: that call, the class it builds and the scope
    of the binding."""
    if not isinstance(expr, ast.Name):
        return None
    bindings = scope.lookup(expr.id)
    if len(bindings) != 1 or bindings[0].kind not in ("assign", "annassign"):
        return None
    value = bindings[0].value
    if not isinstance(value, ast.Call):
        return None
    kind = constructed_owner(value, resolver, bindings[0].scope)
    if kind is None:
        return None
    return value, kind, bindings[0].scope


def plan_module(module: ModuleInfo, resolver: Resolver, targets: Targets) -> list[Plan]:
    """One plan per app or router with registrations (and one per
    registration whose app cannot be found)."""
    plans: dict[int, Plan] = {}
    orphans: list[Plan] = []
    for registration in registrations_in(module, resolver):
        owner = owner_of(registration, module, resolver)
        if owner is None:
            orphans.append(Plan(None, [registration], problem=_no_owner(registration, module, resolver)))
            continue
        plan = plans.setdefault(id(owner.call), Plan(owner))
        plan.registrations.append(registration)
    for plan in plans.values():
        _decide(plan, module, resolver, targets)
    orphans = _helper_plans(orphans, plans, module, resolver, targets)
    return sorted([*plans.values(), *orphans], key=lambda p: p.registrations[0].node.lineno)  # type: ignore[attr-defined]


# -- handlers registered by a helper function -----------------------------------


def _helper_of(registration: Registration, module: ModuleInfo) -> tuple[FunctionNode, str] | None:
    """The module-level function whose parameter the registration's receiver is."""
    receiver = registration.receiver
    if registration.form == "keyword" or receiver is None:
        return None
    if isinstance(receiver, ast.Attribute) and receiver.attr == "router":
        receiver = receiver.value
    func = registration.scope.node
    if not isinstance(receiver, ast.Name) or not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    if not any(s is func for s in module.tree.body):
        return None
    bindings = registration.scope.bindings.get(receiver.id, [])
    if not bindings or any(b.kind != "param" for b in bindings):
        return None
    return func, receiver.id


def _helper_plans(
    orphans: list[Plan], plans: dict[int, Plan], module: ModuleInfo, resolver: Resolver, targets: Targets
) -> list[Plan]:
    """Orphans registered by helper functions become one plan per app."""
    result: list[Plan] = []
    groups: dict[int, Plan] = {}
    for plan in orphans:
        registration = plan.registrations[0]
        found = _helper_of(registration, module)
        if found is None:
            result.append(plan)
            continue
        func, param = found
        group = groups.get(id(func))
        if group is None:
            group = groups[id(func)] = Plan(None, problem=f"{param} is a parameter of {func.name}()")
            group.helpers = [Helper(func, param, app=None, call=None)]  # type: ignore[arg-type]
            result.append(group)
        elif group.helpers[0].param != param:
            group.problem = f"{func.name}() registers handlers on more than one parameter"
        group.registrations.append(registration)
    decided: list[Plan] = []
    for group in groups.values():
        problem = _decide_helper(group, group.helpers[0], plans, module, resolver, targets)
        if problem is not None:
            _refuse(group, problem)
        else:
            decided.append(group)
    # Helpers called on one app share its lifespan, in the order of their calls.
    by_app: dict[int, list[Plan]] = {}
    for group in decided:
        by_app.setdefault(id(group.helpers[0].app.call), []).append(group)
    for same in by_app.values():
        same.sort(key=lambda g: (g.helpers[0].call.lineno, g.helpers[0].call.col_offset))
        helpers = [g.helpers[0] for g in same]
        owner = helpers[0].app
        if helpers[0].remote is not None:
            # Each helper includes its own router lifespan, nested in call
            # order: startups keep their order, shutdowns run in reverse.
            names = {h.func.name for h in helpers}
            problem = None
            if any(not h.siblings <= names for h in helpers):
                missing = sorted(set().union(*(h.siblings for h in helpers)) - names)
                problem = f"{missing[0]}() also registers handlers on the app and cannot be moved"
            elif sum(1 for g in same if any(step.event == "shutdown" for step in g.steps)) > 1:
                problem = "several helpers of the app have shutdown handlers (nested lifespans would reverse them)"
            if problem is not None:
                for group in same:
                    _refuse(group, problem)
            else:
                for group in same:
                    group.problem = None
            continue
        problem = _registering_helper(owner, module, resolver, besides={id(h.func) for h in helpers})
        if problem is None and len({h.param for h in helpers}) > 1:
            problem = "the helpers name the app's parameter differently"
        if problem is None:
            problem = _duplicate_handlers(helpers)
        if problem is not None:
            for group in same:
                _refuse(group, problem)
            continue
        first = same[0]
        for group in same[1:]:
            first.registrations += group.registrations
            first.steps += group.steps
            first.helpers += group.helpers
            result.remove(group)
        first.problem = None
    return result


def _refuse(plan: Plan, problem: str) -> None:
    plan.problem = problem if plan.problem is None or "parameter of" in plan.problem else plan.problem
    plan.helpers = []
    plan.owner = None
    plan.steps = []


def _duplicate_handlers(helpers: list[Helper]) -> str | None:
    """Handlers of different helpers that keep their def in the one
    lifespan must not share a name."""
    seen: dict[str, FunctionNode] = {}
    for helper in helpers:
        for moved in helper.moved:
            if not isinstance(moved, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            other = seen.setdefault(moved.name, moved)
            if other is not moved and not (_movable_body(other) and _movable_body(moved)):
                return f"two of the helpers' handlers are named {moved.name}"
    return None


def _movable_body(func: FunctionNode) -> bool:
    return len(func.decorator_list) == 1 and inlinable(func)


def _decide_helper(
    plan: Plan, helper: Helper, plans: dict[int, Plan], module: ModuleInfo, resolver: Resolver, targets: Targets
) -> str | None:
    func, param, name = helper.func, helper.param, helper.func.name
    if plan.problem is not None and "parameter of" not in plan.problem:
        return plan.problem
    args = func.args
    if isinstance(func, ast.AsyncFunctionDef):
        return f"{name}() is a coroutine function"
    if args.posonlyargs or args.vararg or args.kwonlyargs or args.kwarg or len(args.args) != 1 or args.defaults:
        return f"{name}() takes more than the app"
    if func.decorator_list:
        return f"{name}() is decorated"
    if any(r.event is None for r in plan.registrations):
        return "the event name is not a literal"
    # Its one call: a statement beside the app's constructor, in this module
    # or (then the lifespan joins through include_router) in another one.
    calls = [n for n in module.nodes(ast.Name) if n.id == name]
    calls += [n for n in module.nodes(ast.Attribute) if n.attr == name]
    others = _modules_using(func, module)
    where = module
    if others:
        if calls or len(others) > 1:
            users = ", ".join(_relative(o, module) for o in others)
            return f"registered by {name}(), which {users} {'also ' if calls else ''}use"
        if targets.below("fastapi", ROUTER_LIFESPAN):
            return (
                f"registered by {name}(), called from another module: "
                "include_router drops a router's lifespan before FastAPI 0.112.2"
            )
        where = others[0]
        key = definition_key(module, func)
        remote_resolver = Resolver(where)
        calls = [
            n
            for n in where.nodes(ast.Name, ast.Attribute)
            if (n.id if isinstance(n, ast.Name) else n.attr) == name
            and (d := remote_resolver.definition(n, where.scope_of(n))) is not None
            and definition_key(d.scope.module, d.node) == key
        ]
        helper.remote = where
        resolver_here, resolver = resolver, remote_resolver
    if name in _exported(module):
        return f"registered by {name}(), which __all__ exports"
    if len(calls) != 1:
        return f"registered by {name}(), which is {'never called' if not calls else 'used more than once'}"
    call = where.parents.get(id(calls[0]))
    given = [*call.args, *(k.value for k in call.keywords if k.arg == param)] if isinstance(call, ast.Call) else []
    if not (
        isinstance(call, ast.Call) and call.func is calls[0] and len(given) == 1 == len(call.args) + len(call.keywords)
    ):
        return f"registered by {name}(), which is not called as {name}(app)"
    statement = where.parents.get(id(call))
    if not isinstance(statement, ast.Expr):
        return f"the result of {name}(...) is used"
    scope = where.scope_of(call)
    argument = given[0]
    owner = _owner_of_name(argument, scope, where, resolver)
    if owner is None or owner.kind != FASTAPI_APP:
        called_on = ast.unparse(argument)
        return f"{name}() is called on {called_on}, which is not built by a FastAPI(...) call in the same scope"
    if owner.statement is None or not any(s is statement for s in owner.container.body):
        return f"{name}({ast.unparse(argument)}) is not a statement beside the app's constructor"
    keywords = {k.arg: k for k in owner.call.keywords}
    lifespan = keywords.get("lifespan")
    if lifespan is not None and not _is_none(lifespan.value):
        plan.has_lifespan = True
        return "the app already has lifespan="
    if None in keywords:
        return "the constructor takes **kwargs, which may hold a lifespan"
    if helper.remote is not None:
        # The caller's module: no handler of its own on the app, no other helper.
        for registration in registrations_in(where, resolver):
            found = owner_of(registration, where, resolver)
            if found is not None and found.call is owner.call:
                return f"the app also registers handlers in {_relative(where, module)}"
        key = definition_key(module, func)
        for other in _called_on(owner, where, resolver):
            other_key = definition_key(other.scope.module, other.node)
            if other_key == key or isinstance(other.node, ast.ClassDef):
                continue
            if not _registers(other.node, other.scope, resolver, 0):
                continue
            if other_key[0] != key[0]:
                return f"{other.node.name}() registers handlers on the app too"
            helper.siblings.add(other.node.name)  # in this module: decided with this one
        resolver = resolver_here
    elif id(owner.call) in plans:
        return f"the app also registers handlers outside {name}()"
    helper.app, helper.call = owner, statement
    # The steps, as if the helper's body built the app.
    helper_scope = plan.registrations[0].scope
    pseudo = Owner(FASTAPI_APP, owner.call, helper_scope, func, None, param)
    plan.owner = pseudo
    steps: list[Step] = []
    ordered = sorted(
        plan.registrations, key=lambda r: (r.statement.lineno, r.statement.col_offset) if r.statement else (0, 0)
    )
    for registration in ordered:
        step = _step_for(registration, pseudo, resolver)
        if isinstance(step, str):
            return step
        steps.append(step)
    moved: list[ast.stmt] = [r.statement for r in ordered if r.statement is not None]
    # ``async def startup_event(): ...`` then ``app.add_event_handler("startup",
    # startup_event)``: a nested def used by its registration alone moves along.
    names = [n.id for n in ast.walk(func) if isinstance(n, ast.Name)]
    for step in steps:
        if not isinstance(step.call, ast.Name) or names.count(step.call.id) != 1:
            continue
        nested = [s for s in func.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))]
        carried = [s for s in nested if s.name == step.call.id and not s.decorator_list]
        if len(carried) == 1 and not any(carried[0] is m for m in moved):
            helper.carried.append(carried[0])
            moved.append(carried[0])
    problem = _helper_locals(helper, moved, helper_scope, param)
    if problem is not None:
        return problem
    plan.steps = steps
    helper.moved = moved
    rest = [s for s in func.body if not any(s is m for m in moved)]
    defs = {m.name for m in moved if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))}
    last = rest[-1] if rest else None
    if isinstance(last, ast.Return) and isinstance(last.value, ast.Name) and last.value.id in defs:
        # ``return _startup``: the one call drops the result, so the return goes.
        helper.dropped.append(last)
        rest = rest[:-1]
    used = sorted(defs & {n.id for r in rest for n in ast.walk(r) if isinstance(n, ast.Name)})
    if used:
        return f"{name}() uses {used[0]} besides registering it"
    if rest and isinstance(rest[0], ast.Expr) and literal_string(rest[0].value) is not None:
        rest = rest[1:]
    helper.consumed = all(isinstance(s, ast.Pass) for s in rest)
    return None


def _exported(module: ModuleInfo) -> set[str]:
    """The strings of the module's ``__all__``."""
    names: set[str] = set()
    for statement in module.tree.body:
        value: ast.expr | None = None
        if isinstance(statement, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in statement.targets
        ):
            value = statement.value
        elif isinstance(statement, (ast.AugAssign, ast.AnnAssign)):
            target = statement.target
            value = statement.value if isinstance(target, ast.Name) and target.id == "__all__" else None
        if value is not None:
            names |= {n.value for n in ast.walk(value) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    return names


def _owner_of_name(expr: ast.expr, scope: Scope, module: ModuleInfo, resolver: Resolver) -> Owner | None:
    constructed = _constructed_by_name(expr, scope, resolver)
    if constructed is None:
        return None
    value, kind, binding_scope = constructed
    owner = _owner_of_call(value, kind, module, binding_scope)
    return owner if owner.scope is scope else None


def _helper_locals(helper: Helper, moved: list[ast.stmt], scope: Scope, param: str) -> str | None:
    """What moves to the lifespan may read the app parameter and module
    names, not the helper's other locals (they would not exist there)."""
    moved_defs = {s.name for s in moved if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))}
    local = set(scope.bindings) - {param} - moved_defs
    rebound = [b for b in scope.bindings.get(param, []) if b.kind != "param"]
    if rebound:
        return f"{helper.func.name}() rebinds {param}"
    for statement in moved:
        nodes = list(ast.walk(statement))
        read = {n.id for n in nodes if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            # The handler's own names (a rough cut: any name it stores or takes).
            read -= {n.id for n in nodes if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
            read -= {a.arg for n in nodes if isinstance(n, ast.arguments) for a in (*n.args, *n.kwonlyargs)}
        clash = sorted(read & local)
        if clash:
            return f"the handler reads {clash[0]}, a local of {helper.func.name}()"
    return None


def _modules_using(func: FunctionNode, module: ModuleInfo) -> list[ModuleInfo]:
    """The other modules of the project that name the helper (imported, or
    as an attribute of its module), resolved to its definition."""
    key = definition_key(module, func)
    found: list[ModuleInfo] = []
    for other in module.project.modules_mentioning(module, func.name, (func.name.encode(),)):
        resolver = Resolver(other)
        for node in other.nodes(ast.Name, ast.Attribute):
            if (node.id if isinstance(node, ast.Name) else node.attr) != func.name:
                continue
            definition = resolver.definition(node, other.scope_of(node))
            if definition is not None and definition_key(definition.scope.module, definition.node) == key:
                found.append(other)
                break
    return found


def _relative(other: ModuleInfo, module: ModuleInfo) -> str:
    try:
        return str(other.resolved_path.relative_to(module.project_root))
    except ValueError:
        return other.path.name


def _no_owner(registration: Registration, module: ModuleInfo, resolver: Resolver) -> str:
    receiver = registration.receiver
    name = ast.unparse(receiver) if receiver is not None else "the app"
    factory = _factory_of(receiver, registration.scope, resolver)
    if factory is not None:
        func, where = factory
        place = "" if where is module else f" in {_relative(where, module)}"
        return (
            f"{name} is built by {func.name}(){place}, another scope than the registration: "
            f"move the handlers into a lifespan given to the FastAPI(...) call there"
        )
    return f"{name} is not built by a FastAPI(...) / APIRouter(...) call in the same scope"


def _factory_of(receiver: ast.expr | None, scope: Scope, resolver: Resolver) -> tuple[FunctionNode, ModuleInfo] | None:
    """``app = create_app()``: the project function that builds the app."""
    if isinstance(receiver, ast.Attribute) and receiver.attr == "router":
        receiver = receiver.value
    if not isinstance(receiver, ast.Name):
        return None
    bindings = scope.lookup(receiver.id)
    if len(bindings) != 1 or not isinstance(bindings[0].value, ast.Call):
        return None
    definition = resolver.definition(bindings[0].value.func, bindings[0].scope)
    if definition is None or not isinstance(definition.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    return definition.node, definition.scope.module


def _decide(plan: Plan, module: ModuleInfo, resolver: Resolver, targets: Targets) -> None:
    owner = plan.owner
    assert owner is not None
    keywords = {k.arg: k for k in owner.call.keywords}
    lifespan = keywords.get("lifespan")
    plan.has_lifespan = lifespan is not None and not _is_none(lifespan.value)
    plan.problem = _owner_problem(plan, owner, targets) or _registering_helper(owner, module, resolver)
    if plan.problem is not None:
        return
    steps: list[Step] = []
    # FastAPI runs the constructor's lists first, then what was added later.
    for name in KEYWORDS:
        keyword = keywords.get(name)
        if keyword is None or _is_none(keyword.value):
            continue
        registration = next(r for r in plan.registrations if r.node is keyword)
        if not isinstance(keyword.value, (ast.List, ast.Tuple)) or any(
            isinstance(e, ast.Starred) for e in keyword.value.elts
        ):
            plan.problem = f"{name}= is not a list of handlers"
            return
        for element in keyword.value.elts:
            step = _step_for_handler(registration, KEYWORDS[name], element, owner.scope, resolver)
            if isinstance(step, str):
                plan.problem = step
                return
            steps.append(step)
    later = [r for r in plan.registrations if r.form != "keyword"]
    later.sort(key=lambda r: (r.statement.lineno, r.statement.col_offset) if r.statement else (0, 0))
    for registration in later:
        step_or_problem = _step_for(registration, owner, resolver)
        if isinstance(step_or_problem, str):
            plan.problem = step_or_problem
            return
        steps.append(step_or_problem)
    plan.steps = steps


def _calls_passing_owner(owner: Owner, module: ModuleInfo) -> Iterator[tuple[ast.Call, Scope]]:
    """The calls in ``module`` that pass the app (by its name, bound there to
    this constructor call) as an argument, each with its scope."""
    if owner.name is None:
        return
    for call in module.nodes(ast.Call):
        arguments = [*call.args, *(k.value for k in call.keywords)]
        if not any(isinstance(a, ast.Name) and a.id == owner.name for a in arguments):
            continue
        scope = module.scope_of(call)
        if not any(b.value is owner.call for b in scope.lookup(owner.name)):
            continue
        yield call, scope


def _registering_helper(
    owner: Owner, module: ModuleInfo, resolver: Resolver, besides: set[int] | None = None
) -> str | None:
    """A function the app is passed to that registers handlers too
    (``register_events(app)``, also through the helpers it calls, or a
    library's such as tortoise-orm's ``register_tortoise``): moving only
    this scope's handlers (or only ``besides``') into a lifespan would leave
    that function's never running."""
    for call, scope in _calls_passing_owner(owner, module):
        qualname = resolver.qualified_name(call.func, scope)
        if qualname in K.EVENT_REGISTERING_CALLS:
            short = qualname.rpartition(".")[2]
            return f"{short}() may register handlers on it with on_event (tortoise-orm before 0.21 does)"
        definition = resolver.definition(call.func, scope)
        if definition is None or not isinstance(definition.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        if besides is not None and id(definition.node) in besides:
            continue
        if _registers(definition.node, definition.scope, resolver, 0):
            return f"{definition.node.name}() registers handlers on it too"
    return None


def _called_on(owner: Owner, module: ModuleInfo, resolver: Resolver) -> list[Definition]:
    """The project functions the app is passed to."""
    found: list[Definition] = []
    for call, scope in _calls_passing_owner(owner, module):
        definition = resolver.definition(call.func, scope)
        if definition is not None and isinstance(definition.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.append(definition)
    return found


def _registers(func: FunctionNode, scope: Scope, resolver: Resolver, depth: int) -> bool:
    """Whether a project function registers handlers, itself or through the
    project functions and known library calls it makes (a few levels)."""
    if depth > 3:
        return False
    inner = scope.module.scope_for(func, scope)
    for node in ast.walk(func):
        if isinstance(node, ast.Attribute) and node.attr in ("on_event", "add_event_handler"):
            return True
        if not isinstance(node, ast.Call) or not (node.args or node.keywords):
            continue
        if resolver.qualified_name(node.func, inner) in K.EVENT_REGISTERING_CALLS:
            return True
        definition = resolver.definition(node.func, inner)
        if (
            definition is not None
            and isinstance(definition.node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and definition.node is not func
            and _registers(definition.node, definition.scope, Resolver(definition.scope.module), depth + 1)
        ):
            return True
    return False


def _owner_problem(plan: Plan, owner: Owner, targets: Targets) -> str | None:
    call = owner.call
    if plan.has_lifespan:
        if owner.kind == API_ROUTER:
            return "the router already has lifespan="
        return "the app already has lifespan="
    if any(k.arg is None for k in call.keywords):
        return "the constructor takes **kwargs, which may hold a lifespan"
    if owner.statement is None:
        return "the app is not built by a plain assignment"
    if owner.kind == API_ROUTER and targets.below("fastapi", ROUTER_LIFESPAN):
        return "include_router drops a router's lifespan before FastAPI 0.112.2"
    if any(r.event is None for r in plan.registrations):
        return "the event name is not a literal"
    return None


def _step_for(registration: Registration, owner: Owner, resolver: Resolver) -> Step | str:
    statement = registration.statement
    if (
        statement is None
        or registration.scope is not owner.scope
        or not any(s is statement for s in owner.container.body)
    ):
        return "the handler is registered inside a block or another function, not beside the app"
    if registration.form != "decorator" and not (
        isinstance(statement, ast.Expr) and statement.value is registration.node
    ):
        return "the registration's result is used"
    event = registration.event
    assert event is not None
    if registration.form == "decorator":
        func = registration.handler_def
        assert func is not None
        others = [d for d in func.decorator_list if d is not registration.node]
        if others and not all(_makes_coroutine_function(d, resolver, registration.scope) for d in others):
            return f"{func.name} has other decorators"
        awaited = bool(others) or isinstance(func, ast.AsyncFunctionDef)
        return Step(event, registration, handler_def=func, awaited=awaited)
    if registration.handler is None:
        return "the handler is not given"
    return _step_for_handler(registration, event, registration.handler, owner.scope, resolver)


#: Decorators that turn any function into a coroutine function (the handler
#: is then awaited): fastapi-utils' / fastapi-restful's ``repeat_every(...)``.
COROUTINE_DECORATORS = frozenset({"fastapi_utils.tasks.repeat_every", "fastapi_restful.tasks.repeat_every"})


def _makes_coroutine_function(decorator: ast.expr, resolver: Resolver, scope: Scope) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return resolver.qualified_name(target, scope) in COROUTINE_DECORATORS


def _step_for_handler(
    registration: Registration, event: str, handler: ast.expr, scope: Scope, resolver: Resolver
) -> Step | str:
    if isinstance(handler, ast.Lambda):
        args = handler.args
        if args.posonlyargs or args.args or args.vararg or args.kwonlyargs or args.kwarg:
            return "a handler lambda takes arguments"
        return Step(event, registration, expression=handler.body)
    if isinstance(handler, (ast.Name, ast.Attribute)):
        definition = resolver.definition(handler, scope)
        if definition is not None and isinstance(definition.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if _required_parameters(definition.node):
                return f"{ast.unparse(handler)} takes arguments"
            return Step(event, registration, call=handler, awaited=isinstance(definition.node, ast.AsyncFunctionDef))
    if isinstance(handler, ast.Call):
        made = _made_handler(handler, resolver, scope)
        if made is not None:
            return Step(event, registration, call=handler, awaited=isinstance(made, ast.AsyncFunctionDef))
    return f"cannot tell whether {ast.unparse(handler)} is a coroutine function"


def _required_parameters(func: FunctionNode) -> bool:
    args = func.args
    positional = args.posonlyargs + args.args
    return len(positional) > len(args.defaults) or any(d is None for d in args.kw_defaults)


def _made_handler(call: ast.Call, resolver: Resolver, scope: Scope) -> FunctionNode | None:
    """``create_start_app_handler(app)``: a project function whose body only
    defines the handler and returns it (so calling it at start-up instead
    of at registration makes no difference)."""
    definition = resolver.definition(call.func, scope)
    if definition is None or not isinstance(definition.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    factory = definition.node
    if isinstance(factory, ast.AsyncFunctionDef):
        return None
    body = list(factory.body)
    if body and isinstance(body[0], ast.Expr) and literal_string(body[0].value) is not None:
        body = body[1:]
    if not body or not isinstance(body[-1], ast.Return) or not isinstance(body[-1].value, ast.Name):
        return None
    returned = body[-1].value.id
    defs = {s.name: s for s in body[:-1] if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))}
    if len(defs) != len(body) - 1 or returned not in defs or _required_parameters(defs[returned]):
        return None
    if any(not isinstance(arg, (ast.Name, ast.Attribute, ast.Constant)) for arg in call.args):
        return None
    return defs[returned]


def inlinable(func: FunctionNode) -> bool:
    """A decorated handler whose body can move into the lifespan as is."""
    args = func.args
    if args.posonlyargs or args.args or args.vararg or args.kwonlyargs or args.kwarg:
        return False
    return not any(
        isinstance(node, (ast.Return, ast.Yield, ast.YieldFrom, ast.Global, ast.Nonlocal)) for node in own_nodes(func)
    )


def plan_is_router(plan: Plan) -> bool:
    return plan.owner is not None and plan.owner.kind == API_ROUTER


def plan_is_app(plan: Plan) -> bool:
    return plan.owner is not None and plan.owner.kind == FASTAPI_APP
