from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import OPT_IN, Finding, FixSafety, Rule
from flake8_fastapi_prod.resolve import FunctionNode
from flake8_fastapi_prod.rules.app.params import DEPENDENCY_MARKERS, marker_of
from flake8_fastapi_prod.rules.app.routes import route_decorators
from flake8_fastapi_prod.rules.ratelimit.slowapi import name_to_write

#: FastAPI 0.95.0 added ``Annotated`` dependencies and parameters.
ANNOTATED_SINCE = (0, 95, 0)


def _moved_default(call: ast.Call, marker: str) -> ast.expr | None:
    """The default value ``Query("")`` / ``Query(default=5)`` carries, which
    moves out of ``Annotated`` (FastAPI rejects a default inside it:
    ruff#15043); ``...`` means required and leaves none (ruff#20800)."""
    if marker in DEPENDENCY_MARKERS:
        return None
    value: ast.expr | None = call.args[0] if call.args else None
    for keyword in call.keywords:
        if keyword.arg == "default":
            value = keyword.value
    if value is None or (isinstance(value, ast.Constant) and value.value is Ellipsis):
        return None
    return value


class NonAnnotatedDependency(Rule):
    """A route parameter declared with `= Depends(...)` / `= Query(...)` instead of `Annotated`.

    ## What it does
    Flags a parameter of a route handler whose default is a FastAPI marker
    call: `Depends`, `Security`, `Query`, `Path`, `Body`, `Header`,
    `Cookie`, `Form` or `File` (however imported). Parity with Ruff's
    FAST002. Opt-in.

    ## Why is this bad?
    FastAPI recommends `Annotated` since 0.95.0: the type and the marker
    stay together, the function keeps a real default (or none) when it is
    called outside FastAPI, and an alias such as `DbSession =
    Annotated[AsyncSession, Depends(get_db)]` can be shared.

    ## Example
    ```python
    from fastapi import Depends, FastAPI, Query

    app = FastAPI()

    def get_db():
        yield "db"

    @app.get("/items")
    async def read_items(db: str = Depends(get_db), q: str = Query("", max_length=50)):
        return []
    ```

    ## Use instead
    ```python
    from typing import Annotated

    from fastapi import Depends, FastAPI, Query

    app = FastAPI()

    def get_db():
        yield "db"

    @app.get("/items")
    async def read_items(db: Annotated[str, Depends(get_db)], q: Annotated[str, Query(max_length=50)] = ""):
        return []
    ```

    ## Fix safety
    Unsafe (the signature changes for direct callers: a `Depends` parameter
    loses its default). `x: T = Query(d, ...)` becomes
    `x: Annotated[T, Query(...)] = d`: the default moves out, because
    FastAPI refuses a default inside `Annotated` (`AssertionError: `Query`
    default value cannot be set in `Annotated``, ruff#15043); `Query(...)`
    stays required with no `= ...` (ruff#20800). `Annotated` is imported
    from `typing` when needed. A fix that cannot apply is never skipped
    silently (ruff#22188): the message says why, e.g. a parameter left
    without a default after one that keeps a default (reorder the
    parameters or make them keyword-only), no annotation to wrap, the name
    `Annotated` taken, or a FastAPI target older than 0.95.0.
    """

    code = "FP607"
    name = "non-annotated-dependency"
    message = "{param!r} uses = {marker}(...) as a default; declare it as {param}: Annotated[..., {marker}(...)]{note}"
    default = OPT_IN
    fix_safety = FixSafety.UNSAFE

    def visit_FunctionDef(self, node: FunctionNode, ctx: Context) -> Iterator[Finding]:
        if not route_decorators(node, ctx.resolver, ctx.scope):
            return
        args = node.args
        positional = [*args.posonlyargs, *args.args]
        defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
        pairs = [(p, d, True) for p, d in zip(positional, defaults, strict=True)]
        pairs += [(p, d, False) for p, d in zip(args.kwonlyargs, args.kw_defaults, strict=True)]
        spelled = name_to_write(ctx, "typing", "Annotated", ("typing_extensions.Annotated",))
        old_target = ctx.targets.below("fastapi", ANNOTATED_SINCE)
        found: list[tuple[ast.arg, str, str]] = []
        fixable_names: list[tuple[str, str]] = []
        default_before = False
        for param, default, is_positional in pairs:
            marker = marker_of(default, ctx.resolver, ctx.scope)
            if marker is None:
                default_before = default_before or (is_positional and default is not None)
                continue
            assert isinstance(default, ast.Call)
            moved = _moved_default(default, marker)
            note = ""
            if old_target:
                note = " (no fix: Annotated needs FastAPI 0.95.0 or newer)"
            elif param.annotation is None:
                note = " (no fix: the parameter has no annotation to wrap)"
            elif spelled is None:
                note = " (no fix: the name Annotated is taken here)"
            elif any(k.arg is None for k in default.keywords) or (
                marker in DEPENDENCY_MARKERS and len(default.args) > 1
            ):
                note = " (no fix: the marker's arguments are not all known)"
            elif is_positional and moved is None and default_before:
                note = (
                    " (no fix: it would lose its default after a parameter that keeps one; "
                    "reorder the parameters or make them keyword-only)"
                )
            if note:
                default_before = default_before or is_positional
            else:
                fixable_names.append((param.arg, marker))
                default_before = default_before or (is_positional and moved is not None)
            found.append((param, marker, note))
        for param, marker, note in found:
            yield self.report(
                param,
                target=node,
                fixable=not note,
                fix_data={
                    "params": tuple(fixable_names),
                    "spelled": spelled[0] if spelled else "",
                    "import_needed": bool(spelled and spelled[1]),
                },
                param=param.arg,
                marker=marker,
                note=note,
            )

    visit_AsyncFunctionDef = visit_FunctionDef

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        if not isinstance(node, cst.FunctionDef):
            return None
        data = finding.data()
        names = dict(data["params"])
        if not names:
            return None
        if data["import_needed"]:
            fix_ctx.add_import("typing", "Annotated")
        params = node.params
        changes: dict[str, list[cst.Param]] = {}
        for group in ("posonly_params", "params", "kwonly_params"):
            members = list(getattr(params, group))
            for index, param in enumerate(members):
                if param.name.value in names:
                    members[index] = _to_annotated(param, data["spelled"], names[param.name.value])
            changes[group] = members
        return node.with_changes(params=params.with_changes(**changes))


def _to_annotated(param: Any, annotated: str, marker: str) -> Any:
    import libcst as cst

    from flake8_fastapi_prod.fix.params import remove_args

    call = param.default
    assert isinstance(call, cst.Call) and param.annotation is not None
    default: cst.BaseExpression | None = None
    drop: list[int] = []
    if marker not in DEPENDENCY_MARKERS:
        for index, arg in enumerate(call.args):
            if (index == 0 and arg.keyword is None) or (arg.keyword is not None and arg.keyword.value == "default"):
                default, drop = arg.value, [index]
        if isinstance(default, cst.Ellipsis):
            default = None
    new_call = remove_args(call, drop)
    subscript = cst.Subscript(
        value=cst.parse_expression(annotated),
        slice=[
            cst.SubscriptElement(
                cst.Index(param.annotation.annotation),
                comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")),
            ),
            cst.SubscriptElement(cst.Index(new_call)),
        ],
    )
    changed = param.with_changes(annotation=param.annotation.with_changes(annotation=subscript))
    if default is None:
        return changed.with_changes(default=None, equal=cst.MaybeSentinel.DEFAULT)
    return changed.with_changes(default=default)
