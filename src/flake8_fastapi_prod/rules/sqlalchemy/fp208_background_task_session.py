from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass

from flake8_fastapi_prod import knowledge as K
from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, Gate, Rule
from flake8_fastapi_prod.resolve import MAX_DEPTH, Binding, FunctionNode, Scope, yields_in
from flake8_fastapi_prod.versions import parse_version

BACKGROUND_TASKS = frozenset({"fastapi.BackgroundTasks", "starlette.background.BackgroundTasks"})

#: Values whose cleanup in a yield dependency breaks a task that uses them.
SESSION_TYPES = frozenset(
    {
        K.ASYNC_SESSION,
        K.SQLMODEL_ASYNC_SESSION,
        K.ASYNC_CONNECTION,
        K.SYNC_SESSION,
        K.SQLMODEL_SESSION,
        K.SYNC_CONNECTION,
    }
)

#: FastAPI releases that ran a yield dependency's exit code before the
#: background tasks (fastapi PR 10831 in 0.106.0, reverted in 0.118.0).
BROKEN_SINCE = parse_version("0.106.0")
FIXED_IN = parse_version("0.118.0")

_ANNOTATED = frozenset({"typing.Annotated", "typing_extensions.Annotated"})


@dataclass(frozen=True)
class _Dependency:
    name: str  # the dependency function's name
    function_scope: bool  # Depends(..., scope="function")


class SessionHandedToBackgroundTask(Rule):
    """A session from a `yield` dependency handed to `BackgroundTasks.add_task`.

    ## What it does
    Flags an argument of `background_tasks.add_task(fn, ...)`, where
    `background_tasks` is a `BackgroundTasks` parameter, that is a
    parameter of the same endpoint obtained from a generator ("yield")
    dependency, `db: Session = Depends(get_db)`,
    `db: Annotated[AsyncSession, Depends(get_db)]` or an alias of that
    `Annotated` (also imported from another project module), when the value
    is known to be a SQLAlchemy/SQLModel session or connection.

    It is reported when the dependency is declared
    `Depends(get_db, scope="function")` (any FastAPI version), or when the
    configured FastAPI target version is in [0.106.0, 0.118.0). Default: on,
    but the version window is checked by the rule itself (the catalogue
    default "target in [0.106.0, 0.118.0), or scope="function"" is not a
    plain `target<V` gate); an unset target means the newest FastAPI, where
    only the `scope="function"` cases are reported.

    ## Why is this bad?
    Background tasks run after the response is sent. FastAPI 0.106.0
    (PR 10831) moved the exit code of `yield` dependencies before that
    point, so on 0.106.0 - 0.117.x the session is closed (its transaction
    committed or rolled back) before the task uses it; 0.118.0 restored
    running the exit code after the response. `Depends(scope="function")`,
    available since FastAPI 0.121.0, asks for the early exit explicitly
    and reproduces the problem on current FastAPI (verified on 0.165: the
    dependency exits before the task runs).

    ## Example
    ```python
    from fastapi import BackgroundTasks, Depends
    from sqlalchemy.orm import Session, sessionmaker

    SessionLocal = sessionmaker()

    def get_db():
        db = SessionLocal()
        try:
            yield db
        finally:
            db.close()

    def send_report(db: Session) -> None: ...

    async def create(tasks: BackgroundTasks, db: Session = Depends(get_db, scope="function")):
        tasks.add_task(send_report, db)
    ```

    ## Use instead
    ```python
    from fastapi import BackgroundTasks
    from sqlalchemy.orm import sessionmaker

    SessionLocal = sessionmaker()

    def send_report() -> None:
        with SessionLocal() as db:
            ...

    async def create(tasks: BackgroundTasks):
        tasks.add_task(send_report)
    ```

    ## Fix safety
    No fix: the task has to open its own session.
    """

    code = "FP208"
    gates = {"Call": Gate(keys=frozenset({"add_task"}))}
    name = "session-handed-to-background-task"
    message = (
        "{session} comes from the yield dependency {dependency}() and is handed to a background task: "
        "{why}, so the task gets a closed session; open a new session inside the task"
    )

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        func = node.func
        if not isinstance(func, ast.Attribute) or func.attr != "add_task" or not node.args:
            return
        if ctx.type_of(func.value) not in BACKGROUND_TASKS:
            return
        targets = ctx.targets  # an unknown target is the newest: past the window
        in_window = targets.at_least("fastapi", BROKEN_SINCE) and targets.below("fastapi", FIXED_IN)
        passed = [*node.args[1:], *(k.value for k in node.keywords)]
        for argument in passed:
            if not isinstance(argument, ast.Name):
                continue
            dependency = _yield_dependency_of(argument.id, ctx)
            if dependency is None or not (dependency.function_scope or in_window):
                continue
            if ctx.type_of(argument) not in SESSION_TYPES:
                continue
            if dependency.function_scope:
                why = 'Depends(scope="function") runs its exit code before the response is sent'
            else:
                why = "on FastAPI 0.106.0-0.117.x its exit code runs before background tasks"
            yield self.report(argument, session=argument.id, dependency=dependency.name, why=why)


def _yield_dependency_of(name: str, ctx: Context) -> _Dependency | None:
    """``name`` is a parameter of the enclosing function whose value comes
    from ``Depends(generator_function)``."""
    function = ctx.function()
    bindings = ctx.scope.lookup(name)
    if len(bindings) != 1 or bindings[0].kind != "param" or bindings[0].scope.node is not function:
        return None
    found = _depends_call(bindings[0], ctx)
    if found is None:
        return None
    depends, scope = found
    if not depends.args:
        return None
    definition = ctx.resolver.definition(depends.args[0], scope)
    if definition is None or not isinstance(definition.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    if not _is_generator(definition.node):
        return None
    scope_keyword = next((k for k in depends.keywords if k.arg == "scope"), None)
    function_scope = (
        scope_keyword is not None
        and isinstance(scope_keyword.value, ast.Constant)
        and scope_keyword.value.value == "function"
    )
    return _Dependency(definition.node.name, function_scope)


def _depends_call(binding: Binding, ctx: Context) -> tuple[ast.Call, Scope] | None:
    """The ``Depends(...)`` call of a parameter (its default, or the
    metadata of its ``Annotated`` annotation or alias), with the scope it is
    written in."""
    default = binding.value
    if isinstance(default, ast.Call) and ctx.resolver.qualified_name(default.func, binding.scope) in K.FASTAPI_DEPENDS:
        return default, binding.scope
    if binding.annotation is None:
        return None
    return _depends_in_annotation(binding.annotation, binding.scope, ctx, 0)


def _depends_in_annotation(
    annotation: ast.expr, scope: Scope, ctx: Context, depth: int
) -> tuple[ast.Call, Scope] | None:
    if depth > MAX_DEPTH:
        return None
    resolver = ctx.resolver
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            parsed = ast.parse(annotation.value.strip(), mode="eval").body
        except SyntaxError:
            return None
        return _depends_in_annotation(parsed, scope, ctx, depth + 1)
    if isinstance(annotation, ast.Subscript):
        if resolver.qualified_name(annotation.value, scope) not in _ANNOTATED:
            return None
        elements = annotation.slice.elts if isinstance(annotation.slice, ast.Tuple) else [annotation.slice]
        for element in elements[1:]:
            if isinstance(element, ast.Call) and resolver.qualified_name(element.func, scope) in K.FASTAPI_DEPENDS:
                return element, scope
        return None
    if isinstance(annotation, ast.Name):  # an alias: DbSession = Annotated[...]
        bindings = scope.lookup(annotation.id)
        if len(bindings) != 1:
            return None
        binding = bindings[0]
        if binding.kind in ("assign", "annassign") and binding.value is not None:
            return _depends_in_annotation(binding.value, binding.scope, ctx, depth + 1)
        if binding.kind == "import" and binding.qualname:
            other = resolver.project_binding(binding.qualname, binding.scope.module)
            for _ in range(MAX_DEPTH):  # re-exports: from .deps import DbSession
                if other is None or other.kind != "import" or not other.qualname:
                    break
                other = resolver.project_binding(other.qualname, other.scope.module)
            if other is not None and other.kind in ("assign", "annassign") and other.value is not None:
                return _depends_in_annotation(other.value, other.scope, ctx, depth + 1)
    return None


def _is_generator(function: FunctionNode) -> bool:
    return yields_in(function.body)
