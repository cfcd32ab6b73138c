"""What the FP70x rules share: which values are slowapi limiters, which
decorators are their ``limit`` calls, and the ``Limiter(...)`` call a
limiter was built by (also in another module of the project)."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flake8_fastapi_prod import knowledge as K
from flake8_fastapi_prod.resolve import Binding, FunctionNode, ModuleInfo, Resolver, Scope, own_nodes, single_binding
from flake8_fastapi_prod.rules.module_facts import import_nodes

if TYPE_CHECKING:  # pragma: no cover - typing only
    from flake8_fastapi_prod.context import Context

LIMITER = K.SLOWAPI_LIMITER
LIMIT_METHODS = frozenset({"limit", "shared_limit"})
GET_IPADDR = "slowapi.util.get_ipaddr"
REQUEST_CLASSES = frozenset({"fastapi.Request", "starlette.requests.Request", "fastapi.requests.Request"})
WEBSOCKET_CLASSES = frozenset({"fastapi.WebSocket", "starlette.websockets.WebSocket", "fastapi.websockets.WebSocket"})
RESPONSE_CLASSES = frozenset({"fastapi.Response", "starlette.responses.Response", "fastapi.responses.Response"})


def is_limiter_call(call: ast.Call, resolver: Resolver, scope: Scope) -> bool:
    return resolver.qualified_name(call.func, scope) == LIMITER


def _is_state_limiter(expr: ast.expr) -> bool:
    """``app.state.limiter`` / ``request.app.state.limiter``: where slowapi
    requires the limiter to be stored."""
    return (
        isinstance(expr, ast.Attribute)
        and expr.attr == "limiter"
        and isinstance(expr.value, ast.Attribute)
        and expr.value.attr == "state"
    )


def _last_name(expr: ast.expr) -> str | None:
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        return expr.attr
    return None


def limiter_kind(expr: ast.expr, resolver: Resolver, scope: Scope) -> str | None:
    """``"known"``: resolved to a slowapi ``Limiter``; ``"named"``: not
    resolved to anything, but named like one (``limiter``, ``rate_limiter``,
    ``app.state.limiter``); None otherwise."""
    found = resolver.type_of(expr, scope)
    if found == LIMITER:
        return "known"
    if found is not None:
        return None
    if _is_state_limiter(expr):
        return "known"
    qualname = resolver.qualified_name(expr, scope)
    if qualname is not None and qualname.split(".")[0] in ("flask_limiter", "limits", "aiolimiter"):
        return None
    if _made_by_something_else(expr, resolver, scope):
        return None
    name = _last_name(expr)
    if name is not None and "limiter" in name.lower() and not _imports_other_limiters(resolver.module):
        if isinstance(expr, ast.Name) and any(b.kind in ("param", "def", "class") for b in scope.lookup(expr.id)):
            return None
        return "named"
    return None


def _made_by_something_else(expr: ast.expr, resolver: Resolver, scope: Scope) -> bool:
    """``limiter = MyLimiter()`` / ``limiter = other_lib.Limiter()``: a name
    bound (here or in another module of the project) to a call of a known
    callable that is not slowapi's Limiter."""
    binding = single_binding(expr, resolver, scope)
    for _ in range(4):
        if binding is None or binding.kind != "import" or not binding.qualname:
            break
        binding = resolver.project_binding(binding.qualname, binding.scope.module)
    if binding is None or binding.kind not in ("assign", "annassign") or not isinstance(binding.value, ast.Call):
        return False
    here = resolver if binding.scope.module is resolver.module else Resolver(binding.scope.module)
    func = binding.value.func
    definition = here.definition(func, binding.scope)
    if definition is not None and isinstance(definition.node, ast.ClassDef):
        return LIMITER not in here.base_qualnames(definition.node, definition.scope)
    qualname = here.qualified_name(func, binding.scope)
    if qualname is not None and definition is None:
        # Another library's class (``flask_limiter.Limiter``); a factory
        # function (``get_limiter()``) may well return slowapi's.
        return qualname != LIMITER and qualname.rpartition(".")[2][:1].isupper()
    return False


_OTHER_LIMITER_ROOTS = ("flask", "flask_limiter", "quart", "quart_rate_limiter", "limits", "aiolimiter")


def _imports_other_limiters(module: ModuleInfo) -> bool:
    """A Flask / Quart module: a ``limiter.limit`` there is not slowapi's."""

    def build() -> bool:
        for node in import_nodes(module):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            if any(name.split(".")[0] in _OTHER_LIMITER_ROOTS for name in names):
                return True
        return False

    return module.memo("fp7-other-limiters", build)


@dataclass(frozen=True)
class LimitDecorator:
    index: int
    call: ast.Call
    receiver: ast.expr
    kind: str  # "known" or "named"


def limit_decorators(func: FunctionNode, resolver: Resolver, scope: Scope) -> list[LimitDecorator]:
    """``@limiter.limit(...)`` / ``@limiter.shared_limit(...)`` on ``func``."""
    found: list[LimitDecorator] = []
    for index, decorator in enumerate(func.decorator_list):
        if not (
            isinstance(decorator, ast.Call)
            and isinstance(decorator.func, ast.Attribute)
            and decorator.func.attr in LIMIT_METHODS
        ):
            continue
        receiver = decorator.func.value
        kind = limiter_kind(receiver, resolver, scope)
        if kind is not None:
            found.append(LimitDecorator(index, decorator, receiver, kind))
    return found


def limiter_construction(expr: ast.expr, resolver: Resolver, scope: Scope) -> ast.Call | None:
    """The ``Limiter(...)`` call the limiter ``expr`` names was built by,
    followed through names, imports from other modules of the project and
    ``app.state.limiter = limiter``."""
    found = limiter_construction_site(expr, resolver, scope)
    return None if found is None else found[0]


#: A ``Limiter(...)`` call, the resolver of its module and the scope it is in.
ConstructionSite = tuple[ast.Call, Resolver, Scope]


def limiter_construction_site(
    expr: ast.expr, resolver: Resolver, scope: Scope, depth: int = 0
) -> ConstructionSite | None:
    """:func:`limiter_construction`, with where the call is (to read its
    arguments' names there)."""
    if depth > 6:
        return None
    if isinstance(expr, ast.Call):
        if is_limiter_call(expr, resolver, scope):
            return expr, resolver, scope
        # ``limiter = build_limiter()``: the one Limiter(...) the project function returns.
        definition = resolver.definition(expr.func, scope)
        if definition is None or not isinstance(definition.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return None
        module = definition.scope.module
        here = resolver if module is resolver.module else Resolver(module)
        body_scope = module.scope_for(definition.node, definition.scope)
        found = {
            id(site[0]): site
            for node in own_nodes(definition.node)
            if isinstance(node, ast.Return) and node.value is not None
            for site in [limiter_construction_site(node.value, here, body_scope, depth + 1)]
            if site is not None
        }
        return next(iter(found.values())) if len(found) == 1 else None
    if isinstance(expr, ast.Name):
        bindings = scope.lookup(expr.id)
        if len(bindings) != 1:
            return None
        return _from_binding(bindings[0], resolver, depth)
    if _is_state_limiter(expr):
        return _state_assignment(resolver.module, depth)
    if isinstance(expr, ast.Attribute):
        qualname = resolver.qualified_name(expr, scope)
        if qualname is not None:
            binding = resolver.project_binding(qualname, resolver.module)
            if binding is not None:
                return _from_binding(binding, resolver, depth)
    return None


def _from_binding(binding: Binding, resolver: Resolver, depth: int) -> ConstructionSite | None:
    module = binding.scope.module
    here = resolver if module is resolver.module else Resolver(module)
    if binding.kind in ("assign", "annassign") and binding.value is not None:
        return limiter_construction_site(binding.value, here, binding.scope, depth + 1)
    if binding.kind == "import" and binding.qualname:
        other = here.project_binding(binding.qualname, module)
        if other is not None:
            return _from_binding(other, here, depth + 1)
    return None


def _state_assignment(module: ModuleInfo, depth: int) -> ConstructionSite | None:
    """The one ``<app>.state.limiter = value`` of the module, resolved."""
    values = [
        node.value for node in module.nodes(ast.Assign) if any(_is_state_limiter(target) for target in node.targets)
    ]
    if len(values) != 1:
        return None
    resolver = Resolver(module)
    return limiter_construction_site(values[0], resolver, module.scope_of(values[0]), depth + 1)


def keyword(call: ast.Call, name: str) -> ast.keyword | None:
    for item in call.keywords:
        if item.arg == name:
            return item
    return None


def has_var_keywords(call: ast.Call) -> bool:
    return any(item.arg is None for item in call.keywords)


def name_to_write(ctx: Context, module: str, name: str, also: tuple[str, ...] = ()) -> tuple[str, bool] | None:
    """How a fix spells ``module.name`` here: through an existing import
    (``Request``, ``fastapi.Request``; ``also`` lists other homes of the same
    class), else ``name`` with a new ``from module import name`` (False when
    no import is needed). None when ``name`` is taken by something else."""
    for qualname in (f"{module}.{name}", *also):
        existing = ctx.reference_to(qualname)
        if existing is not None:
            return existing, False
    if ctx.name_is_free(name) and not ctx.module.scope.bindings.get(name):
        return name, True
    return None


def all_params(func: FunctionNode) -> list[ast.arg]:
    args = func.args
    return [*args.posonlyargs, *args.args, *args.kwonlyargs]


def param_named(func: FunctionNode, name: str) -> ast.arg | None:
    for param in all_params(func):
        if param.arg == name:
            return param
    return None


def has_default(func: FunctionNode, param: ast.arg) -> bool:
    args = func.args
    positional = [*args.posonlyargs, *args.args]
    if param in positional:
        return positional.index(param) >= len(positional) - len(args.defaults)
    if param in args.kwonlyargs:
        return args.kw_defaults[args.kwonlyargs.index(param)] is not None
    return False
