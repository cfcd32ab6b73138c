"""Shared helpers of the FP2xx (async SQLAlchemy) family: keyword lookups,
database URLs resolved from literals and module constants, and the libcst
edits the family's fixes share. No rules live here.

The plugin never imports libcst: the edit helpers import it inside.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any

from flake8_fastapi_prod import knowledge as K
from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.resolve import MAX_DEPTH, ModuleInfo, Scope, walk

CREATE_ASYNC_ENGINE = "sqlalchemy.ext.asyncio.create_async_engine"
ENGINE_FACTORIES = frozenset({"sqlalchemy.create_engine", CREATE_ASYNC_ENGINE, "sqlmodel.create_engine"})

#: ``URL.create(drivername, ...)`` under its public spellings.
URL_CREATE = frozenset({"sqlalchemy.URL.create", "sqlalchemy.engine.URL.create", "sqlalchemy.engine.url.URL.create"})
MAKE_URL = frozenset({"sqlalchemy.make_url", "sqlalchemy.engine.make_url", "sqlalchemy.engine.url.make_url"})

#: Session classes whose objects are asyncio sessions.
ASYNC_SESSION_TYPES = frozenset({K.ASYNC_SESSION, K.SQLMODEL_ASYNC_SESSION})


def keyword(call: ast.Call, name: str) -> ast.keyword | None:
    for item in call.keywords:
        if item.arg == name:
            return item
    return None


def has_double_star(call: ast.Call) -> bool:
    """``f(**options)``: any keyword may be in there."""
    return any(item.arg is None for item in call.keywords)


def is_literal(expr: ast.expr, value: object) -> bool:
    return isinstance(expr, ast.Constant) and type(expr.value) is type(value) and expr.value == value


@dataclass(frozen=True)
class DatabaseUrl:
    """A database URL whose scheme is written literally in the source.

    ``literal`` is the node that holds the scheme text (a string, an
    f-string, or the ``drivername`` of ``URL.create``); ``old`` is the exact
    text to replace there (``"postgresql+psycopg2://"``, or the whole
    drivername). ``constant`` names the variable the URL came through;
    ``local`` says the literal is in this module and nothing else here reads
    that variable, so rewriting it changes only this engine.
    """

    scheme: str
    literal: ast.expr
    old: str
    has_query: bool
    constant: str | None = None
    local: bool = True

    @property
    def dialect(self) -> str:
        return self.scheme.partition("+")[0].lower()

    @property
    def driver(self) -> str:
        return self.scheme.partition("+")[2].lower()


def url_argument(call: ast.Call) -> ast.expr | None:
    """The first argument of ``create_engine``/``create_async_engine``."""
    if call.args:
        first = call.args[0]
        return None if isinstance(first, ast.Starred) else first
    found = keyword(call, "url")
    return found.value if found is not None else None


def database_url(expr: ast.expr, ctx: Context) -> DatabaseUrl | None:
    """The URL ``expr`` evaluates to, when its scheme is known statically:
    a literal, an f-string or concatenation starting with a literal scheme,
    ``make_url(...)``/``URL.create(...)`` of one, or a variable bound once to
    one of those (a module constant, also imported from a project module)."""
    return _url(expr, ctx.scope, ctx, 0)


def _url(expr: ast.expr, scope: Scope, ctx: Context, depth: int) -> DatabaseUrl | None:
    if depth > MAX_DEPTH:
        return None
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return _from_text(expr.value, expr)
    if isinstance(expr, ast.JoinedStr):
        if expr.values and isinstance(expr.values[0], ast.Constant) and isinstance(expr.values[0].value, str):
            text = "".join(v.value for v in expr.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
            found = _from_text(expr.values[0].value, expr)
            if found is not None and "?" in text:
                return DatabaseUrl(found.scheme, found.literal, found.old, True)
            return found
        return None
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, (ast.Add, ast.Mod)):
        found = _url(expr.left, scope, ctx, depth + 1)
        # Whatever is appended may carry a query string.
        return None if found is None else _with_query(found)
    if isinstance(expr, ast.Call):
        return _url_from_call(expr, scope, ctx, depth)
    if isinstance(expr, ast.Name):
        return _url_from_name(expr.id, scope, ctx, depth)
    return None


def _url_from_call(call: ast.Call, scope: Scope, ctx: Context, depth: int) -> DatabaseUrl | None:
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr == "format" and isinstance(func.value, ast.Constant):
        found = _url(func.value, scope, ctx, depth + 1)
        return None if found is None else _with_query(found)
    qualname = ctx.resolver.qualified_name(func, scope)
    if qualname in MAKE_URL and call.args:
        return _url(call.args[0], scope, ctx, depth + 1)
    if qualname in URL_CREATE:
        drivername = call.args[0] if call.args else getattr(keyword(call, "drivername"), "value", None)
        if isinstance(drivername, ast.Constant) and isinstance(drivername.value, str) and drivername.value:
            has_query = len(call.args) > 6 or keyword(call, "query") is not None
            return DatabaseUrl(drivername.value, drivername, drivername.value, has_query)
    return None


def _url_from_name(name: str, scope: Scope, ctx: Context, depth: int) -> DatabaseUrl | None:
    bindings = scope.lookup(name)
    if len(bindings) != 1:
        return None
    binding = bindings[0]
    if binding.kind == "import" and binding.qualname:
        other = ctx.resolver.project_binding(binding.qualname, binding.scope.module)
        if other is None or other.kind not in ("assign", "annassign") or other.value is None:
            return None
        found = _url(other.value, other.scope, ctx, depth + 1)
        if found is None:
            return None
        return DatabaseUrl(found.scheme, found.literal, found.old, found.has_query, name, local=False)
    if binding.kind not in ("assign", "annassign") or binding.value is None:
        return None
    if not isinstance(binding.node, (ast.Assign, ast.AnnAssign)):
        return None  # a walrus or a type alias
    found = _url(binding.value, binding.scope, ctx, depth + 1)
    if found is None:
        return None
    local = found.local and binding.scope.module is ctx.module and _reads_of(name, ctx) == 1
    return DatabaseUrl(found.scheme, found.literal, found.old, found.has_query, name, local)


def _reads_of(name: str, ctx: Context) -> int:
    """How often the module reads ``name``; an ``__all__`` entry counts as a
    read (another module may import it)."""
    return ctx.module.memo("fp2xx.name_reads", lambda: _name_reads(ctx.module)).get(name, 0)


def _name_reads(module: ModuleInfo) -> dict[str, int]:
    counts: dict[str, int] = {}
    for node in module.nodes(ast.Name):
        if isinstance(node.ctx, ast.Load):
            counts[node.id] = counts.get(node.id, 0) + 1
    for node in module.nodes(ast.Assign, ast.AugAssign, ast.AnnAssign):
        if _assigns_dunder_all(node):
            for item in walk(node):
                if isinstance(item, ast.Constant) and isinstance(item.value, str):
                    counts[item.value] = counts.get(item.value, 0) + 1
    return counts


def _assigns_dunder_all(node: ast.Assign | ast.AugAssign | ast.AnnAssign) -> bool:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    return any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets)


def _with_query(found: DatabaseUrl) -> DatabaseUrl:
    return DatabaseUrl(found.scheme, found.literal, found.old, True, found.constant, found.local)


def _from_text(text: str, node: ast.expr) -> DatabaseUrl | None:
    scheme, separator, _ = text.partition("://")
    if not separator or not scheme or not all(c.isalnum() or c in "+_-." for c in scheme):
        return None
    return DatabaseUrl(scheme, node, scheme + "://", "?" in text)


# -- libcst edits (called from fixes only) -------------------------------------


def replace_in_string(node: Any, old: str, new: str) -> Any:
    """Replace the first ``old`` in a string literal, an f-string's leading
    text, or the first piece of an implicit concatenation; None when the
    text is not there as written."""
    import libcst as cst

    if isinstance(node, cst.SimpleString):
        quote_at = len(node.prefix)
        head, body = node.value[: quote_at + len(node.quote)], node.value[quote_at + len(node.quote) :]
        if not body.startswith(old):
            return None
        return node.with_changes(value=head + new + body[len(old) :])
    if isinstance(node, cst.FormattedString):
        if not node.parts or not isinstance(node.parts[0], cst.FormattedStringText):
            return None
        first = node.parts[0]
        if not first.value.startswith(old):
            return None
        parts = [first.with_changes(value=new + first.value[len(old) :]), *node.parts[1:]]
        return node.with_changes(parts=parts)
    if isinstance(node, cst.ConcatenatedString):
        left = replace_in_string(node.left, old, new)
        return None if left is None else node.with_changes(left=left)
    return None


def remove_keyword(call: Any, name: str) -> Any:
    """``f(a, name=x, b=y)`` -> ``f(a, b=y)``; the separator after the
    removed argument moves to the one before it when it was last."""
    import libcst as cst

    if not isinstance(call, cst.Call):
        return None
    args = list(call.args)
    index = next((i for i, arg in enumerate(args) if arg.keyword is not None and arg.keyword.value == name), None)
    if index is None:
        return None
    removed = args.pop(index)
    if index == len(args) and args:  # it was the last argument
        args[-1] = args[-1].with_changes(comma=removed.comma)
    return call.with_changes(args=args)
