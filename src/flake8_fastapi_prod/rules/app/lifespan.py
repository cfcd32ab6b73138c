"""FP601's analysis: every startup / shutdown registration of a module, the
app or router it belongs to, and whether one lifespan can replace them.

The same planning runs for the report (``ast``) and inside the fix, which
re-plans on the code it is given so that positions always match.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass, field

from flake8_fastapi_prod.resolve import FunctionNode, ModuleInfo, Resolver, Scope, own_nodes
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
class Plan:
    owner: Owner | None
    registrations: list[Registration] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    problem: str | None = None  # why there is no fix
    has_lifespan: bool = False


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
    if not isinstance(receiver, ast.Name):
        return None
    bindings = registration.scope.lookup(receiver.id)
    if len(bindings) != 1 or bindings[0].kind not in ("assign", "annassign"):
        return None
    value = bindings[0].value
    if not isinstance(value, ast.Call):
        return None
    kind = constructed_owner(value, resolver, bindings[0].scope)
    if kind is None:
        return None
    if kind == API_ROUTER and registration.receiver is not receiver:
        return None
    return _owner_of_call(value, kind, module, bindings[0].scope)


def plan_module(module: ModuleInfo, resolver: Resolver, targets: Targets) -> list[Plan]:
    """One plan per app or router with registrations (and one per
    registration whose app cannot be found)."""
    plans: dict[int, Plan] = {}
    orphans: list[Plan] = []
    for registration in registrations_in(module, resolver):
        owner = owner_of(registration, module, resolver)
        if owner is None:
            orphans.append(Plan(None, [registration], problem=_no_owner(registration)))
            continue
        plan = plans.setdefault(id(owner.call), Plan(owner))
        plan.registrations.append(registration)
    for plan in plans.values():
        _decide(plan, module, resolver, targets)
    return sorted([*plans.values(), *orphans], key=lambda p: p.registrations[0].node.lineno)  # type: ignore[attr-defined]


def _no_owner(registration: Registration) -> str:
    receiver = registration.receiver
    name = ast.unparse(receiver) if receiver is not None else "the app"
    return f"{name} is not built by a FastAPI(...) / APIRouter(...) call in the same scope"


def _decide(plan: Plan, module: ModuleInfo, resolver: Resolver, targets: Targets) -> None:
    owner = plan.owner
    assert owner is not None
    keywords = {k.arg: k for k in owner.call.keywords}
    lifespan = keywords.get("lifespan")
    plan.has_lifespan = lifespan is not None and not _is_none(lifespan.value)
    plan.problem = _owner_problem(plan, owner, targets)
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
