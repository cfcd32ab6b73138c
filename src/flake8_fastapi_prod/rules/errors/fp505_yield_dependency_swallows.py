from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cached_property
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, FixSafety, Rule
from flake8_fastapi_prod.resolve import (
    DefinitionKey,
    FunctionNode,
    ModuleInfo,
    Resolver,
    Scope,
    canonical,
    definition_key,
    is_module_level,
    own_nodes,
    walk,
    yields_in,
)
from flake8_fastapi_prod.rules.errors.handlers import (
    FASTAPI_HTTP_EXCEPTION,
    STARLETTE_HTTP_EXCEPTION,
    exception_name,
    handler_index,
)

DEPENDS = frozenset(
    {
        "fastapi.Depends",
        "fastapi.Security",
        "fastapi.params.Depends",
        "fastapi.params.Security",
        "fastapi.param_functions.Depends",
        "fastapi.param_functions.Security",
    }
)
#: Handlers of these catch the HTTPException an endpoint raises.
CATCHES_HTTP_EXCEPTION = frozenset(
    {"builtins.Exception", "builtins.BaseException", FASTAPI_HTTP_EXCEPTION, STARLETTE_HTTP_EXCEPTION}
)
CONTEXT_MANAGER_DECORATORS = frozenset({"contextlib.contextmanager", "contextlib.asynccontextmanager"})


#: Text one of which a module that declares a dependency must hold.
DEPENDS_MARKERS = (b"Depends", b"Security")


class DependencyIndex:
    """The project functions a module uses as ``Depends(fn)`` / ``Security(fn)``
    (``named``: only those called that, or imported under another name)."""

    def __init__(self, module: ModuleInfo, resolver: Resolver, named: str | None = None) -> None:
        self.module = module
        self.resolver = resolver
        self.named = named

    def _markers(self) -> tuple[tuple[str, ...], ...]:
        """Text every statement with a wanted ``Depends(...)`` call holds:
        ``Depends`` or ``Security`` or a name the module imports one of them
        as, and (``named``) the function's name or a name it is imported as."""
        summary = self.module._summary
        imported = [
            (name, canonical(qualname))
            for name, (kind, qualname, _) in (summary.bindings.items() if summary is not None else ())
            if kind == "import" and qualname
        ]
        depends = tuple(marker.decode() for marker in DEPENDS_MARKERS)
        depends += tuple(name for name, qualname in imported if qualname in DEPENDS)
        if self.named is None:
            return (depends,)
        suffix = "." + self.named
        named = (self.named, *(name for name, qualname in imported if qualname.endswith(suffix)))
        return (depends, named)

    @cached_property
    def dependencies(self) -> set[DefinitionKey]:
        found: set[DefinitionKey] = set()
        for node in self.module.nodes_mentioning(self._markers(), ast.Call):
            scope = self.module.scope_of(node)
            if self.resolver.qualified_name(node.func, scope) not in DEPENDS:
                continue
            target = node.args[0] if node.args else None
            for keyword in node.keywords:
                if keyword.arg == "dependency":
                    target = keyword.value
            if target is None:
                continue
            definition = self.resolver.definition(target, scope)
            if definition is not None and isinstance(definition.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found.add(definition_key(definition.scope.module, definition.node))
        return found


def dependency_index(module: ModuleInfo, resolver: Resolver | None = None) -> DependencyIndex:
    return module.memo("fp505-dependencies", lambda: DependencyIndex(module, resolver or Resolver(module)))


def _used_in(other: ModuleInfo, key: DefinitionKey) -> bool:
    """Whether another module uses the function ``key`` names as a
    dependency (kept for the run)."""
    return other.fact(
        f"fp505.uses:{key}", lambda: key in DependencyIndex(other, Resolver(other), named=key[1]).dependencies
    )


def used_as_dependency(node: FunctionNode, ctx: Context) -> bool:
    """``Depends(node)`` in this module, or (for a module-level function)
    in any other module of the project that names it."""
    key = definition_key(ctx.module, node)
    if key in dependency_index(ctx.module, ctx.resolver).dependencies:
        return True
    if not is_module_level(node, ctx.module):
        return False
    return any(
        _used_in(other, key) for other in ctx.module.project.modules_mentioning(ctx.module, node.name, DEPENDS_MARKERS)
    )


class YieldDependencySwallowsException(Rule):
    """A dependency with `yield` whose `except` around the `yield` neither re-raises nor raises.

    ## What it does
    Flags the `except` blocks of a `try` whose body holds the `yield` of a
    generator function used as a dependency (`Depends(fn)`,
    `Security(fn)`, also inside `Annotated[...]`), when the block catches
    what an endpoint raises (bare `except:`, `except Exception`,
    `except BaseException`, `except HTTPException`, or an exception the
    module registers a handler for) and some path through it ends without
    `raise`. A `try` around setup code before the `yield`, `finally:`
    blocks, and `except SomeSpecificError:` that does not catch those are
    not flagged.

    The dependency may be used in its own module or in any other module of
    the project (`get_db` in `app/db.py`, `Depends(get_db)` in
    `app/routers/items.py`): for a module-level generator that swallows,
    the modules of the project that name it next to `Depends` or
    `Security` are parsed and their `Depends(...)` calls resolved through
    their imports, so a same-named function elsewhere or the name in a
    docstring does not count. The project is the folder holding the
    module's top-level package (for a module outside any package, the
    nearest folder above with `pyproject.toml`, `setup.cfg`, `setup.py` or
    `.git`); one of more than 5,000 files is not searched.

    ## Why is this bad?
    Whatever the endpoint raises is thrown into the dependency at its
    `yield`. A block that swallows it leaves FastAPI without a response:
    verified on FastAPI 0.165, an endpoint's `HTTPException(400, "bad
    input")` becomes `500 Internal Server Error` and the server logs
    `FastAPIError: Response not awaited. There's a high chance that the
    application code is raising an exception and a dependency with yield
    has a block with a bare except, or a block with except Exception, and
    is not raising the exception again.` With `raise` at the end of the
    block (or a `try/finally`) the client gets the 400. A specific
    `except` that does not match the raised exception lets it through, so
    it is harmless.

    ## Example
    ```python
    from fastapi import Depends, FastAPI

    app = FastAPI()

    def get_db():
        db = SessionLocal()
        try:
            yield db
        except Exception:
            db.rollback()
        finally:
            db.close()

    @app.get("/items")
    def items(db=Depends(get_db)):
        return db.query(Item).all()
    ```

    ## Use instead
    ```python
    from fastapi import Depends, FastAPI

    app = FastAPI()

    def get_db():
        db = SessionLocal()
        try:
            yield db
        except Exception:
            db.rollback()
            raise
        finally:
            db.close()

    @app.get("/items")
    def items(db=Depends(get_db)):
        return db.query(Item).all()
    ```

    ## Fix safety
    Safe: `raise` is appended to the block (a lone `pass` becomes `raise`),
    so the exception propagates after the block's clean-up, which is what
    FastAPI expects. No fix when the block already raises on some path or
    ends in `return` / `continue` / `break`: the intent is then unclear.
    """

    code = "FP505"
    name = "yield-dependency-swallows-exception"
    message = (
        "yield dependency {function}(): `{clause}` around the yield does not re-raise, so an HTTPException "
        "from the endpoint becomes a 500 (FastAPIError: Response not awaited); add `raise`{note}"
    )
    fix_safety = FixSafety.SAFE

    def __init__(self) -> None:
        #: Generator functions seen in the walk, with the scope they are defined in.
        self.generators: dict[int, tuple[FunctionNode, Scope]] = {}

    def visit_Yield(self, node: ast.Yield | ast.YieldFrom, ctx: Context) -> Iterator[Finding]:
        func = ctx.function()
        if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)) and id(func) not in self.generators:
            parent = ctx.scope.parent
            if ctx.scope.node is func and parent is not None:
                self.generators[id(func)] = (func, parent)
        return iter(())

    visit_YieldFrom = visit_Yield

    def finish(self, ctx: Context) -> Iterator[Finding]:
        for func, parent in self.generators.values():
            yield from self._check(func, parent, ctx)

    def _check(self, node: FunctionNode, parent: Scope, ctx: Context) -> Iterator[Finding]:
        # Local facts first; whether the function is a dependency (which may
        # mean a search of the project) is asked only when a block swallows.
        body = list(own_nodes(node))
        if not any(isinstance(n, ast.Try) and n.handlers and yields_in(n.body) for n in body):
            return
        decorators = (ctx.resolver.qualified_name(_decorator_target(d), parent) for d in node.decorator_list)
        if any(name in CONTEXT_MANAGER_DECORATORS for name in decorators):
            return
        scope = ctx.module.scope_for(node, parent)
        swallowing = [
            handler
            for statement in body
            if isinstance(statement, ast.Try) and yields_in(statement.body)
            for handler in statement.handlers
            if self._catches_endpoint_errors(handler, ctx, scope) and not _always_raises(handler.body)
        ]
        if not swallowing or not used_as_dependency(node, ctx):
            return
        for handler in swallowing:
            fixable, note = True, ""
            if any(isinstance(n, ast.Raise) for stmt in handler.body for n in walk(stmt)):
                fixable, note = False, " (no fix: the block raises on some paths only)"
            elif isinstance(handler.body[-1], (ast.Return, ast.Continue, ast.Break)):
                fixable, note = False, " (no fix: the block ends in a jump)"
            yield self.report(
                handler,
                fixable=fixable,
                fix_data={"function": node.name},
                function=node.name,
                clause=_clause(handler),
                note=note,
            )

    def _catches_endpoint_errors(self, handler: ast.ExceptHandler, ctx: Context, scope: Any) -> bool:
        if handler.type is None:
            return True
        types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
        handled = CATCHES_HTTP_EXCEPTION | (handler_index(ctx.module, ctx.resolver).registered - {"status:500"})
        return any(exception_name(t, ctx.resolver, scope) in handled for t in types)

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        if not isinstance(node, cst.ExceptHandler):
            return None
        raise_line = cst.SimpleStatementLine(body=[cst.Raise()])
        body = node.body
        if isinstance(body, cst.SimpleStatementSuite):
            statements = list(body.body)
            if len(statements) == 1 and isinstance(statements[0], cst.Pass):
                return node.with_changes(body=body.with_changes(body=[cst.Raise()]))
            return node.with_changes(body=body.with_changes(body=[*statements, cst.Raise()]))
        lines = list(body.body)
        if len(lines) == 1 and _is_lone_pass(lines[0]):
            only = lines[0]
            assert isinstance(only, cst.SimpleStatementLine)
            return node.with_changes(body=body.with_changes(body=[only.with_changes(body=[cst.Raise()])]))
        return node.with_changes(body=body.with_changes(body=[*lines, raise_line]))


def _is_lone_pass(line: Any) -> bool:
    import libcst as cst

    return isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1 and isinstance(line.body[0], cst.Pass)


def _decorator_target(decorator: ast.expr) -> ast.expr:
    return decorator.func if isinstance(decorator, ast.Call) else decorator


def _always_raises(statements: list[ast.stmt]) -> bool:
    """Every path through these statements ends in ``raise``."""
    for statement in statements:
        if isinstance(statement, ast.Raise):
            return True
        if isinstance(statement, (ast.Return, ast.Continue, ast.Break)):
            return False
        if isinstance(statement, ast.If) and _always_raises(statement.body) and _always_raises(statement.orelse):
            return True
        if isinstance(statement, (ast.With, ast.AsyncWith)) and _always_raises(statement.body):
            return True
        if isinstance(statement, ast.Try):
            if _always_raises(statement.finalbody):
                return True
            body_raises = _always_raises(statement.body) or _always_raises(statement.orelse)
            if body_raises and all(_always_raises(h.body) for h in statement.handlers):
                return True
    return False


def _clause(handler: ast.ExceptHandler) -> str:
    if handler.type is None:
        return "except:"
    return f"except {ast.unparse(handler.type)}:"
