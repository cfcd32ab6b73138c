from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import OPT_IN, Finding, Rule
from flake8_fastapi_prod.resolve import Binding, FunctionNode, Resolver, Scope, own_nodes
from flake8_fastapi_prod.rules.app.routes import route_decorators

#: Constructors of the containers a cache or counter is kept in (a ``set``
#: is left out: it is how FP106's fix keeps task references alive).
CONTAINER_CALLS = frozenset(
    {
        "dict",
        "list",
        "collections.defaultdict",
        "collections.OrderedDict",
        "collections.Counter",
        "collections.deque",
        "cachetools.TTLCache",
        "cachetools.LRUCache",
    }
)
#: Words in a container's name that say it holds secrets: kept in this
#: process's memory on purpose (writing them to Redis or the database is
#: what a secret store avoids), not a cache or a counter. Seen on
#: langflow-base's migration API: ``_secrets`` holds a destination's
#: passwords "in this worker's memory, and nowhere else".
SECRET_WORDS = ("secret", "credential", "password", "passwd")
MUTATING_METHODS = frozenset(
    {"append", "extend", "insert", "update", "setdefault", "pop", "popitem", "remove", "appendleft", "__setitem__"}
)


def _container(value: ast.expr | None, resolver: Resolver, scope: Scope) -> str | None:
    if isinstance(value, (ast.Dict, ast.DictComp)):
        return "dict"
    if isinstance(value, (ast.List, ast.ListComp)):
        return "list"
    if isinstance(value, ast.Call):
        func = value.func
        if isinstance(func, ast.Name) and func.id in ("dict", "list") and not scope.lookup(func.id):
            return func.id
        qualname = resolver.qualified_name(func, scope)
        if qualname in CONTAINER_CALLS:
            return qualname.rpartition(".")[2]
    return None


def _module_container(name: str, scope: Scope, resolver: Resolver) -> str | None:
    """The container kind when ``name`` is a module-level dict/list, here
    or imported from another module of the project."""
    bindings = scope.lookup(name)
    if len(bindings) != 1:
        return None
    binding: Binding | None = bindings[0]
    if binding is not None and binding.kind == "import" and binding.qualname:
        binding = resolver.project_binding(binding.qualname, resolver.module)
    if binding is None or binding.kind not in ("assign", "annassign") or binding.scope.parent is not None:
        return None
    if binding.kind == "annassign" and binding.annotation is not None and "Final" in ast.unparse(binding.annotation):
        return None
    here = resolver if binding.scope.module is resolver.module else Resolver(binding.scope.module)
    return _container(binding.value, here, binding.scope)


def _root_name(expr: ast.expr) -> str | None:
    """``X`` of ``X``, ``X[a]``, ``X[a][b]``."""
    while isinstance(expr, ast.Subscript):
        expr = expr.value
    return expr.id if isinstance(expr, ast.Name) else None


def _mutated_name(node: ast.AST) -> tuple[str, ast.AST] | None:
    """``X[k] = v`` / ``X[k] += 1`` / ``del X[k]`` / ``X.append(v)``: (X, node)."""
    targets: list[ast.expr] = []
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
        targets = [node.target]
    elif isinstance(node, ast.Delete):
        targets = node.targets
    for target in targets:
        if isinstance(target, ast.Subscript):
            root = _root_name(target)
            if root is not None:
                return root, node
    if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
        return node.target.id, node  # ``items += [...]`` under ``global items``
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATING_METHODS:
        root = _root_name(node.func.value)
        if root is not None:
            return root, node
    return None


class ModuleStateInRoute(Rule):
    """A module-level dict or list used as a cache or counter by a route handler.

    ## What it does
    Flags a route handler (`@app.get(...)`, `@router.post(...)`, ...) that
    mutates a module-level `dict` / `list` (a literal, `dict()`,
    `defaultdict`, `OrderedDict`, `Counter`, `deque`, also imported from
    another module of the project): `CACHE[key] = value`, `HITS[ip] += 1`,
    `del SESSIONS[token]`, `ITEMS.append(item)`, `.update`, `.setdefault`,
    `.pop`. One finding per handler and container. A module-level `set`
    is not flagged: that is how a service keeps references to its
    background tasks (FP106's fix), not shared request state; nor is a
    container named for secrets (`_secrets`, `CREDENTIALS`, `passwords`):
    holding them in one process's memory only is deliberate (langflow
    keeps a migration destination's passwords so), and moving them to
    Redis would be the worse design.

    ## Why is this bad?
    Each `uvicorn --workers N` / gunicorn worker, and each replica, is a
    process with its own copy of the module: a cache filled by one worker
    is missed by the others, a counter or a rate limit kept there counts per
    worker, and everything is lost on restart (seed 002: "--workers N
    forks processes, can't share in-memory state. Use Redis or DB for any
    shared state (rate-limit counters, cache)").

    ## Example
    ```python
    from fastapi import FastAPI

    app = FastAPI()
    VIEWS: dict[str, int] = {}

    @app.post("/pages/{slug}/view")
    async def count_view(slug: str) -> int:
        VIEWS[slug] = VIEWS.get(slug, 0) + 1
        return VIEWS[slug]
    ```

    ## Use instead
    ```python
    from fastapi import FastAPI, Request

    app = FastAPI()

    @app.post("/pages/{slug}/view")
    async def count_view(slug: str, request: Request) -> int:
        return await request.app.state.redis.incr(f"views:{slug}")
    ```

    ## Fix safety
    No fix. Opt-in: a single-process service (or a deliberate per-process
    memo) may do this on purpose.
    """

    code = "FP705"
    name = "module-state-in-route"
    message = (
        "route handler {func}() mutates the module-level {kind} {name!r}: each worker process has its own copy, "
        "so this cache/counter is not shared and is lost on restart; keep it in Redis or the database"
    )
    default = OPT_IN

    def visit_FunctionDef(self, node: FunctionNode, ctx: Context) -> Iterator[Finding]:
        if not route_decorators(node, ctx.resolver, ctx.scope):
            return
        body_scope = ctx.module.scope_for(node, ctx.scope)
        reported: set[str] = set()
        for child in own_nodes(node):
            found = _mutated_name(child)
            if found is None or found[0] in reported:
                continue
            name, where = found
            if any(word in name.lower() for word in SECRET_WORDS):
                continue
            kind = _module_container(name, body_scope, ctx.resolver)
            if kind is None:
                continue
            reported.add(name)
            yield self.report(where, func=node.name, kind=kind, name=name)

    visit_AsyncFunctionDef = visit_FunctionDef
