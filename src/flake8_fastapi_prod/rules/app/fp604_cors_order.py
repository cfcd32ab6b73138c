from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, FixSafety, Gate, Rule
from flake8_fastapi_prod.resolve import ModuleInfo, Project, Resolver, Scope, literal_or_bound_once
from flake8_fastapi_prod.rules.app.common import (
    FASTAPI_APP,
    literal_string,
    owner_type,
    string_argument,
)
from flake8_fastapi_prod.rules.app.lifespan import known_other

CORS = frozenset({"fastapi.middleware.cors.CORSMiddleware", "starlette.middleware.cors.CORSMiddleware"})
APPS = frozenset({FASTAPI_APP, "starlette.applications.Starlette"})
MIDDLEWARE = frozenset({"starlette.middleware.Middleware", "fastapi.middleware.Middleware"})
#: Middleware that never answers a request itself: it only changes the
#: response it is given, so wrapping CORS with it loses no CORS header.
PASS_THROUGH = frozenset(
    {
        "starlette.middleware.gzip.GZipMiddleware",
        "fastapi.middleware.gzip.GZipMiddleware",
        "brotli_asgi.BrotliMiddleware",
        "starlette.middleware.sessions.SessionMiddleware",
        "uvicorn.middleware.proxy_headers.ProxyHeadersMiddleware",
    }
)
_PASS_THROUGH_BASES = frozenset({"starlette.middleware.base.BaseHTTPMiddleware", "builtins.object"})


def _passes_through(middleware: ast.expr | None, resolver: Resolver, scope: Scope) -> bool:
    """A middleware class that cannot send a response of its own: a known
    one, or a project class whose code builds no response (no ``*Response(``
    call, no ``{"type": ...}`` message, no ``raise``), only returns what
    ``call_next`` gave it, and has no base that could."""
    if middleware is None or isinstance(middleware, ast.Call):
        return False  # @app.middleware functions and helper calls: unknown
    if resolver.qualified_name(middleware, scope) in PASS_THROUGH:
        return True
    definition = resolver.definition(middleware, scope)
    if definition is None or not isinstance(definition.node, ast.ClassDef):
        return False
    cls = definition.node
    for base in cls.bases:
        if resolver.qualified_name(base, definition.scope) not in _PASS_THROUGH_BASES:
            return False
    if cls.keywords:
        return False
    from_call_next: set[str] = set()
    for node in ast.walk(cls):
        if isinstance(node, ast.Assign) and _is_call_next(node.value):
            from_call_next.update(t.id for t in node.targets if isinstance(t, ast.Name))
    for node in ast.walk(cls):
        if isinstance(node, (ast.Raise, ast.Yield, ast.YieldFrom)):
            return False
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name.lower().endswith("response"):
                return False
        if isinstance(node, ast.Dict) and any(
            isinstance(key, ast.Constant) and key.value == "type" for key in node.keys
        ):
            return False
        if isinstance(node, ast.Return) and node.value is not None:
            value = node.value
            if not (_is_call_next(value) or (isinstance(value, ast.Name) and value.id in from_call_next)):
                return False
    return True


def _is_call_next(expr: ast.expr) -> bool:
    """``await call_next(request)`` (BaseHTTPMiddleware.dispatch's parameter)."""
    if isinstance(expr, ast.Await):
        expr = expr.value
    return isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id == "call_next"


@dataclass
class Misorder:
    node: ast.AST  # the CORS registration
    other: str  # what wraps outside it
    movable: tuple[ast.stmt, ast.stmt] | None = None  # (CORS statement, last other statement), same body
    in_list: ast.List | None = None
    index: int = 0  # the CORS element's position in ``in_list``
    moving: tuple[int, ...] = ()  # every CORS element of ``in_list`` that moves to the front


def misorders(module: ModuleInfo, resolver: Resolver) -> list[Misorder]:
    groups: dict[tuple[int, str], list[tuple[ast.AST, ast.expr | None, ast.stmt | None]]] = {}
    parents = module.parents
    for call in module.nodes(ast.Call):
        func = call.func
        middleware_class = string_argument(call, 0, "middleware_class")
        if isinstance(func, ast.Attribute) and func.attr == "add_middleware" and middleware_class is not None:
            scope = module.scope_of(call)
            if _is_app(func.value, resolver, scope):
                statement = parents.get(id(call))
                stmt: ast.stmt | None = statement if isinstance(statement, ast.Expr) else None
                groups.setdefault((id(scope), ast.unparse(func.value)), []).append((call, middleware_class, stmt))
    for func_def in module.nodes(ast.FunctionDef, ast.AsyncFunctionDef):
        for decorator in func_def.decorator_list:
            if (
                isinstance(decorator, ast.Call)
                and isinstance(decorator.func, ast.Attribute)
                and decorator.func.attr == "middleware"
            ):
                scope = module.scope_of(func_def)
                if _is_app(decorator.func.value, resolver, scope) and (
                    owner_type(decorator.func.value, resolver, scope) == FASTAPI_APP
                    or literal_string(string_argument(decorator, 0, "middleware_type")) == "http"
                ):
                    key = (id(scope), ast.unparse(decorator.func.value))
                    groups.setdefault(key, []).append((func_def, None, func_def))
    _add_helper_calls(module, resolver, groups)
    found: list[Misorder] = []
    for registrations in groups.values():
        registrations.sort(key=lambda r: (r[0].lineno, r[0].col_offset))  # type: ignore[attr-defined]
        for index, (node, middleware, stmt) in enumerate(registrations):
            scope = module.scope_of(node)
            if middleware is None or resolver.qualified_name(middleware, scope) not in CORS:
                continue
            following = [r for r in registrations[index + 1 :] if _may_follow(node, r[0], module)]
            if not _wrapped(following, module, resolver):
                continue
            later = [r for r in following if not _is_cors(r[1], resolver, module.scope_of(r[0]))]
            _, last_middleware, last_stmt = later[-1]
            if isinstance(last_middleware, ast.Call):
                other = f"the middleware {ast.unparse(last_middleware.func)}(...) adds"
            else:
                other = ast.unparse(last_middleware) if last_middleware is not None else "@app.middleware"
            movable = None
            if stmt is not None and isinstance(last_stmt, (ast.Expr, ast.FunctionDef, ast.AsyncFunctionDef)):
                body = _body_of(stmt, module)
                if body is not None and any(s is last_stmt for s in body):
                    movable = (stmt, last_stmt)
            found.append(Misorder(node, other, movable))
    for call in module.nodes(ast.Call):
        for keyword in call.keywords:
            if keyword.arg != "middleware":
                continue
            scope = module.scope_of(call)
            listed = literal_or_bound_once(keyword.value, scope, ast.List)
            if listed is None or resolver.qualified_name(call.func, scope) not in APPS:
                continue
            elements = listed.elts
            added = _added_later(call, module, groups, scope, resolver)
            start = len(found)
            for index, element in enumerate(elements):
                if not _is_cors_middleware(element, resolver, scope):
                    continue
                if added is not None and not _added_all_pass_through(call, module, groups, scope, resolver):
                    # add_middleware wraps outside the whole constructor list.
                    found.append(Misorder(element, f"{added} (added with add_middleware)"))
                elif _list_wrapped(elements[:index], resolver, scope):
                    first = elements[0]
                    other = ast.unparse(first.args[0]) if isinstance(first, ast.Call) and first.args else "another"
                    found.append(Misorder(element, other, in_list=listed, index=index))
            # One fix moves every wrapped CORS element of the list to the
            # front at once, in their order (one at a time, the first moved
            # would cover the others and leave them behind the wrapper).
            moving = tuple(m.index for m in found[start:] if m.in_list is listed)
            for misorder in found[start:]:
                misorder.moving = moving
    found.sort(key=lambda m: (m.node.lineno, m.node.col_offset))  # type: ignore[attr-defined]
    return found


_TERMINATORS = (ast.Return, ast.Raise, ast.Continue, ast.Break)
_EXCLUSIVE = (ast.If, ast.Match)


def _block_path(node: ast.AST, module: ModuleInfo) -> list[tuple[ast.AST, list[ast.stmt], int]]:
    """From ``node``'s statement outwards: (compound statement or module /
    function, the body list holding the statement, its index there)."""
    parents = module.parents
    path: list[tuple[ast.AST, list[ast.stmt], int]] = []
    current: ast.AST | None = node
    while current is not None and not isinstance(current, ast.stmt):
        current = parents.get(id(current))
    in_case = _match_case_bodies(module)
    while current is not None:
        if id(current) in in_case:  # a statement of a ``case`` block
            match, case_body = in_case[id(current)]
            path.append((match, case_body, next(i for i, s in enumerate(case_body) if s is current)))
            current = match
            continue
        parent = parents.get(id(current), module.tree)
        if parent is None:
            break
        for name in ("body", "orelse", "finalbody", "handlers"):
            body = getattr(parent, name, None)
            if isinstance(body, list):
                for position, item in enumerate(body):
                    if item is current:
                        path.append((parent, body, position))
        if isinstance(parent, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            break
        current = parent
    return path


def _match_case_bodies(module: ModuleInfo) -> dict[int, tuple[ast.Match, list[ast.stmt]]]:
    """Statement id -> (the ``match``, the ``case`` body holding it)."""

    def build() -> dict[int, tuple[ast.Match, list[ast.stmt]]]:
        found: dict[int, tuple[ast.Match, list[ast.stmt]]] = {}
        for match in module.nodes(ast.Match):
            for case in match.cases:
                for stmt in case.body:
                    found[id(stmt)] = (match, case.body)
        return found

    return module.memo("fp604.match_cases", build)


def _may_follow(first: ast.AST, later: ast.AST, module: ModuleInfo) -> bool:
    """Whether ``later`` (a registration after ``first`` in the source) can
    run after ``first`` on one path: not in the other branch of an ``if`` /
    ``match`` that holds both, nor behind a ``return`` / ``raise`` that ends
    ``first``'s block."""
    first_path = _block_path(first, module)
    later_path = _block_path(later, module)
    later_bodies = {id(body): position for _, body, position in later_path}
    for owner, body, position in first_path:
        if id(body) in later_bodies:
            return True  # the shared block: ``later`` comes after ``first``'s part of it
        if any(isinstance(stmt, _TERMINATORS) for stmt in body[position + 1 :]):
            return False  # ``first``'s block ends before ``later`` is reached
        if isinstance(owner, _EXCLUSIVE) and any(item[0] is owner for item in later_path):
            return False  # another branch of the same ``if`` / ``match``
    return True


def _add_helper_calls(
    module: ModuleInfo,
    resolver: Resolver,
    groups: dict[tuple[int, str], list[tuple[ast.AST, ast.expr | None, ast.stmt | None]]],
) -> None:
    """``setup_middleware(app)`` after ``app.add_middleware(CORSMiddleware)``:
    a project function (of any module) that adds middleware to the
    parameter it passes the app to counts as a registration at the call."""
    if not groups:
        return
    names = {name for _, name in groups}
    for call in module.nodes(ast.Call):
        if not any(isinstance(arg, ast.Name) and arg.id in names for arg in call.args):
            continue
        scope = module.scope_of(call)
        for position, arg in enumerate(call.args):
            if not isinstance(arg, ast.Name) or (id(scope), arg.id) not in groups:
                continue
            definition = resolver.definition(call.func, scope)
            if definition is None or not isinstance(definition.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            params = definition.node.args.posonlyargs + definition.node.args.args
            if position < len(params) and _adds_middleware(definition.node, params[position].arg):
                statement = module.parents.get(id(call))
                stmt = statement if isinstance(statement, ast.Expr) else None
                groups[(id(scope), arg.id)].append((call, call, stmt))


def _adds_middleware(func: ast.FunctionDef | ast.AsyncFunctionDef, param: str) -> bool:
    """``param.add_middleware(...)`` or ``@param.middleware(...)`` in ``func``."""
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("add_middleware", "middleware")
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == param
        for node in ast.walk(func)
    )


def _added_later(
    call: ast.Call,
    module: ModuleInfo,
    groups: dict[tuple[int, str], list[tuple[ast.AST, ast.expr | None, ast.stmt | None]]],
    scope: Scope,
    resolver: Resolver,
) -> str | None:
    """What the last ``add_middleware`` / ``@app.middleware`` on the app this
    constructor call builds adds, if any."""
    statement = module.parents.get(id(call))
    if not isinstance(statement, (ast.Assign, ast.AnnAssign)) or statement.value is not call:
        return None
    targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
    if len(targets) != 1 or not isinstance(targets[0], ast.Name):
        return None
    registrations = [
        r for r in groups.get((id(scope), targets[0].id)) or [] if not _is_cors(r[1], resolver, module.scope_of(r[0]))
    ]
    if not registrations:
        return None
    _, middleware, _ = registrations[-1]
    return ast.unparse(middleware) if middleware is not None else "@app.middleware"


def _added_all_pass_through(
    call: ast.Call,
    module: ModuleInfo,
    groups: dict[tuple[int, str], list[tuple[ast.AST, ast.expr | None, ast.stmt | None]]],
    scope: Scope,
    resolver: Resolver,
) -> bool:
    statement = module.parents.get(id(call))
    if not isinstance(statement, (ast.Assign, ast.AnnAssign)):
        return False
    targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
    if len(targets) != 1 or not isinstance(targets[0], ast.Name):
        return False
    registrations = groups.get((id(scope), targets[0].id)) or []
    return bool(registrations) and not _wrapped(registrations, module, resolver)


def _wrapped(
    outer: list[tuple[ast.AST, ast.expr | None, ast.stmt | None]], module: ModuleInfo, resolver: Resolver
) -> bool:
    """Whether the registrations added after a CORS one (``outer``, inner to
    outer) leave it without an outermost CORS: one of them may answer a
    request itself and no CORS middleware is added after that one. Another
    CORS middleware outside the answering one adds its headers to what it
    sends (and answers preflights itself), so the app is covered."""
    kinds = [
        "cors"
        if _is_cors(m, resolver, module.scope_of(n))
        else "pass"
        if _passes_through(m, resolver, module.scope_of(n))
        else "wraps"
        for n, m, _ in outer
    ]
    last_cors = max((i for i, kind in enumerate(kinds) if kind == "cors"), default=-1)
    return "wraps" in kinds[last_cors + 1 :]


def _list_wrapped(before: list[ast.expr], resolver: Resolver, scope: Scope) -> bool:
    """The same for the elements listed before a CORS one in
    ``middleware=[...]`` (outermost first)."""
    for element in before:
        if _is_cors_middleware(element, resolver, scope):
            return False
        if not _is_pass_through_element(element, resolver, scope):
            return True
    return False


def _is_cors(middleware: ast.expr | None, resolver: Resolver, scope: Scope) -> bool:
    """A registration's middleware class is CORSMiddleware."""
    return (
        middleware is not None
        and not isinstance(middleware, ast.Call)
        and resolver.qualified_name(middleware, scope) in CORS
    )


def _is_pass_through_element(element: ast.expr, resolver: Resolver, scope: Scope) -> bool:
    """``Middleware(GZipMiddleware, ...)`` listed before the CORS one."""
    return (
        isinstance(element, ast.Call)
        and resolver.qualified_name(element.func, scope) in MIDDLEWARE
        and _passes_through(string_argument(element, 0, "cls"), resolver, scope)
    )


def _is_app(receiver: ast.expr, resolver: Resolver, scope: Scope) -> bool:
    """A FastAPI or Starlette app (same middleware order), or a receiver of
    unknown type that is not known to be something else."""
    if owner_type(receiver, resolver, scope) == FASTAPI_APP or resolver.type_of(receiver, scope) in APPS:
        return True
    return resolver.type_of(receiver, scope) is None and not known_other(receiver, resolver, scope)


def _is_cors_middleware(element: ast.expr, resolver: Resolver, scope: Any) -> bool:
    return (
        isinstance(element, ast.Call)
        and resolver.qualified_name(element.func, scope) in MIDDLEWARE
        and (cls := string_argument(element, 0, "cls")) is not None
        and resolver.qualified_name(cls, scope) in CORS
    )


def _body_of(stmt: ast.stmt, module: ModuleInfo) -> list[ast.stmt] | None:
    parent = module.parents.get(id(stmt), module.tree)
    for name in ("body", "orelse", "finalbody"):
        body = getattr(parent, name, None)
        if isinstance(body, list) and any(s is stmt for s in body):
            return body
    return None


class CORSMiddlewareOrder(Rule):
    """`CORSMiddleware` that is not the outermost middleware.

    ## What it does
    Flags `app.add_middleware(CORSMiddleware, ...)` when another
    `app.add_middleware(...)` or `@app.middleware("http")` on the same app
    comes after it (in the same module or factory) on a path that can run
    after it: a registration in the other branch of the same `if` / `match`,
    or behind a `return` / `raise` that ends the CORS call's block, does
    not count (`if debug: add CORS` / `else: add TrustedHost` adds one of
    them). A CORS call in each branch, followed by another middleware
    after the `if`, is reported in both. Also a
    `Middleware(CORSMiddleware, ...)` that is not the first element of
    `FastAPI(middleware=[...])`. Middleware that never answers a request
    itself does not count, nor does one with another `CORSMiddleware`
    outside it (two CORS middlewares are redundant, not misordered: the
    outer one adds its headers to every response and answers preflights).

    ## Why is this bad?
    `add_middleware` wraps the app built so far: the last one added is the
    outermost, while in `middleware=[...]` the first is the outermost.
    Verified on FastAPI 0.165 / Starlette 1.10 with a middleware answering
    401: with CORS added first (or listed second) the 401 reached the
    browser without `access-control-allow-origin`, so the front end saw a
    CORS error instead of the 401; with CORS added last (or listed first)
    the header was there. An unhandled exception's 500 never carries CORS
    headers either way (it is sent by the outermost error middleware).

    ## Example
    ```python
    from fastapi import FastAPI
    from fastapi.middleware.cors import CORSMiddleware
    from fastapi.middleware.trustedhost import TrustedHostMiddleware

    app = FastAPI()
    app.add_middleware(CORSMiddleware, allow_origins=["https://example.com"])
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=["example.com"])
    ```

    ## Use instead
    ```python
    from fastapi import FastAPI
    from fastapi.middleware.cors import CORSMiddleware
    from fastapi.middleware.trustedhost import TrustedHostMiddleware

    app = FastAPI()
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=["example.com"])
    app.add_middleware(CORSMiddleware, allow_origins=["https://example.com"])
    ```

    ## Fix safety
    Unsafe: the CORS statement moves after the last other registration of
    the same body (an `add_middleware` call or an `@app.middleware`
    function; a `Middleware(CORSMiddleware)` element moves to the front of
    the list; several CORS middlewares move together and keep their order,
    so the same configuration still answers preflights, verified with a
    TestClient). That changes what every other middleware sees (preflight
    requests no longer reach them), and the CORS arguments are evaluated
    later. No fix when the later registration is in another block, or when
    the CORS middleware is in `middleware=[...]` and another is added with
    `add_middleware`.
    """

    code = "FP604"
    name = "cors-middleware-order"
    message = (
        "CORSMiddleware is not outermost: {other} wraps it, so a response that middleware sends itself "
        "(a 401, a 429, an error) reaches the browser without CORS headers; {advice}{note}"
    )
    fix_safety = FixSafety.UNSAFE
    #: The walk shows whether the module may register middleware at all
    #: (``.add_middleware`` / ``.middleware`` / ``middleware=``).
    gates = {
        "Attribute": Gate(keys=frozenset({"add_middleware", "middleware"})),
        "keyword": Gate(keys=frozenset({"middleware"})),
    }
    may_register = False

    def visit_Attribute(self, node: ast.Attribute, ctx: Context) -> Iterator[Finding]:
        self.may_register = True
        return iter(())

    def visit_keyword(self, node: ast.keyword, ctx: Context) -> Iterator[Finding]:
        self.may_register = True
        return iter(())

    def finish(self, ctx: Context) -> Iterator[Finding]:
        if not self.may_register:
            return
        for misorder in misorders(ctx.module, ctx.resolver):
            if (
                misorder.in_list is None
                and misorder.movable is None
                and isinstance(misorder.node, ast.Call)
                and misorder.other.endswith("(added with add_middleware)")
            ):
                yield self.report(
                    misorder.node,
                    other=misorder.other,
                    fixable=False,
                    advice="add it with add_middleware after the others",
                    note=" (no fix: it is in the constructor's middleware=[...])",
                )
            elif misorder.in_list is not None:
                yield self.report(
                    misorder.node,
                    target=misorder.in_list,
                    fix_data={"list": True, "index": misorder.index, "moving": misorder.moving},
                    other=misorder.other,
                    advice="list it first in middleware=[...]",
                    note="",
                )
            else:
                note = "" if misorder.movable else " (no fix: the later registration is not a statement beside it)"
                yield self.report(
                    misorder.node,
                    target=_MODULE,
                    fixable=misorder.movable is not None,
                    fix_data={"line": misorder.node.lineno, "filename": ctx.module.filename},  # type: ignore[attr-defined]
                    other=misorder.other,
                    advice="add it last",
                    note=note,
                )

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        data = finding.data()
        if isinstance(node, cst.List) and data.get("list"):
            return _cors_first(node, data["index"], tuple(data.get("moving", ())))
        if isinstance(node, cst.Module):
            return _move_cors_last(node, data.get("filename", "<fix>"))
        return None


_MODULE = ast.Pass(lineno=0, col_offset=0, end_lineno=0, end_col_offset=0)


def _cors_first(node: Any, index: int, moving: tuple[int, ...] = ()) -> Any:
    """The elements at ``moving`` (the CORS middlewares that detection found
    wrapped; ``index`` alone in older findings) move to the front in their
    order; each position keeps its comma."""
    elements = list(node.elements)
    moving = moving or (index,)
    if not all(0 < i < len(elements) for i in moving):
        return None
    ordered = [elements[i] for i in moving] + [e for i, e in enumerate(elements) if i not in moving]
    commas = [e.comma for e in elements]
    return node.with_changes(elements=[e.with_changes(comma=c) for e, c in zip(ordered, commas, strict=True)])


def _move_cors_last(module: Any, filename: str) -> Any:
    """Re-plan on the module's code, then move each movable CORS statement.

    The plan is made under the file's own path, so that what other modules
    of its project tell (a helper that adds middleware, a middleware class
    defined there) is read from that project, as detection read it, and not
    from the working directory. Several CORS statements moving after one
    registration keep their own order (the last one added stays outermost).
    """
    import libcst as cst
    from libcst.metadata import MetadataWrapper, PositionProvider

    from flake8_fastapi_prod.fix.engine import noqa_suppresses

    code = module.code
    lines = code.splitlines()
    info = ModuleInfo(ast.parse(code), filename, Project())
    moves = [
        m.movable
        for m in misorders(info, Resolver(info))
        if m.movable is not None and not noqa_suppresses(lines[m.node.lineno - 1], "FP604")  # type: ignore[attr-defined]
    ]
    if not moves:
        return None
    # Last first: each is inserted right after its target, so the earlier
    # ones end up before the later ones, as they were.
    pairs = {(cors.lineno, cors.col_offset): (last.lineno, last.col_offset) for cors, last in reversed(moves)}

    class Move(cst.CSTTransformer):
        METADATA_DEPENDENCIES = (PositionProvider,)

        def _reorder(self, original: Any, updated: Any) -> list[Any]:
            starts = []
            for statement in original:
                position = self.get_metadata(PositionProvider, statement).start
                starts.append((position.line, position.column))
            result = list(updated)
            for cors_at, last_at in pairs.items():
                if cors_at in starts and last_at in starts:
                    moving = result[starts.index(cors_at)]
                    result_starts = [s for s in starts]
                    index = result_starts.index(cors_at)
                    del result[index]
                    del result_starts[index]
                    target = result_starts.index(last_at)
                    result.insert(target + 1, moving)
                    result_starts.insert(target + 1, cors_at)
                    starts = result_starts
            return result

        def leave_IndentedBlock(self, original_node: Any, updated_node: Any) -> Any:
            return updated_node.with_changes(body=self._reorder(original_node.body, updated_node.body))

        def leave_Module(self, original_node: Any, updated_node: Any) -> Any:
            return updated_node.with_changes(body=self._reorder(original_node.body, updated_node.body))

    updated = MetadataWrapper(cst.parse_module(code)).visit(Move())
    return None if updated.code == code else updated
