from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod import knowledge as K
from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, FixSafety, Rule
from flake8_fastapi_prod.resolve import FunctionNode, Scope
from flake8_fastapi_prod.rules.app.routes import route_decorators

#: ``-> AsyncIterator[Item]`` on a generator endpoint streams JSON lines when
#: no response_model is given (fastapi 0.165 ``get_stream_item_type``).
_STREAMS = K.GENERATOR_TYPES


def _normalised(expr: ast.expr) -> str:
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        try:
            expr = ast.parse(expr.value.strip(), mode="eval").body
        except SyntaxError:
            return "<unparsable>"
    return ast.dump(expr, annotate_fields=False, include_attributes=False)


#: ``typing`` aliases of builtin generics: ``List[Item]`` is ``list[Item]``.
_BUILTIN_ALIASES = {
    "typing.List": "builtins.list",
    "typing.Dict": "builtins.dict",
    "typing.Set": "builtins.set",
    "typing.FrozenSet": "builtins.frozenset",
    "typing.Tuple": "builtins.tuple",
    "typing.Type": "builtins.type",
}


def _resolved(expr: ast.expr, ctx: Context) -> str | None:
    """The type expression with every name replaced by what it refers to
    (``schemas.Item`` and ``Item`` imported from ``app.schemas`` agree), or
    None when a name does not resolve."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        try:
            expr = ast.parse(expr.value.strip(), mode="eval").body
        except SyntaxError:
            return None
    if isinstance(expr, (ast.Name, ast.Attribute)):
        qualname = ctx.qualified_name(expr)
        if qualname is None and isinstance(expr, ast.Name) and not ctx.scope.lookup(expr.id):
            qualname = f"builtins.{expr.id}"
        return None if qualname is None else _BUILTIN_ALIASES.get(qualname, qualname)
    if isinstance(expr, ast.Subscript):
        value, inner = _resolved(expr.value, ctx), _resolved(expr.slice, ctx)
        return None if value is None or inner is None else f"{value}[{inner}]"
    if isinstance(expr, ast.Tuple):
        parts = [_resolved(element, ctx) for element in expr.elts]
        return None if any(p is None for p in parts) else ", ".join(p for p in parts if p is not None)
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.BitOr):
        left, right = _resolved(expr.left, ctx), _resolved(expr.right, ctx)
        return None if left is None or right is None else f"{left} | {right}"
    if isinstance(expr, ast.Constant) and expr.value is None:
        return "None"
    return None


def _same_type(model: ast.expr, returns: ast.expr, normalised_returns: str, ctx: Context) -> bool:
    if _normalised(model) == normalised_returns:
        return True
    left = _resolved(model, ctx)
    return left is not None and left == _resolved(returns, ctx)


def _future_annotations(ctx: Context) -> bool:
    return ctx.module.memo(
        "future-annotations",
        lambda: any(
            isinstance(node, ast.ImportFrom)
            and node.module == "__future__"
            and any(alias.name == "annotations" for alias in node.names)
            for node in ctx.module.tree.body
        ),
    )


def _names_resolve_globally(annotation: ast.expr, scope: Scope) -> bool:
    """Every name in a (string) annotation is bound at module level or is a
    builtin: FastAPI evaluates string annotations in the module's globals."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            annotation = ast.parse(annotation.value.strip(), mode="eval").body
        except SyntaxError:
            return False
    for node in ast.walk(annotation):
        if isinstance(node, ast.Name):
            bindings = scope.lookup(node.id)
            if bindings and any(b.scope.parent is not None for b in bindings):
                return False
    return True


class RedundantResponseModel(Rule):
    """`response_model=X` repeating the return annotation `-> X`.

    ## What it does
    Flags `response_model=` on a route decorator when it is the same type
    as the handler's return annotation (the same expression, a string
    annotation included). Parity with Ruff's FAST001. Not flagged: an
    annotation that is a `Response` class (FastAPI then uses no model), a
    stream type (`-> AsyncIterator[Item]`: without `response_model` a
    generator endpoint streams JSON lines, with it FastAPI 0.165 raises
    `FastAPIError: Invalid args for response field!` at import, so the two
    are not the same program), and, under `from
    __future__ import annotations`, an annotation naming a class defined
    inside a function (FastAPI could not evaluate it once `response_model`
    is gone).

    ## Why is this bad?
    Since FastAPI 0.89 the return annotation is the response model; saying
    it twice lets the two drift apart. Verified on FastAPI 0.165: with and
    without the repeated `response_model` the responses and the OpenAPI
    document are identical for a model (a returned subclass instance is
    filtered to the annotated class's fields either way), `Union[...]`,
    `list[Model]`, `Optional[Model]` returning None, `-> None` and
    `dict[str, int]`, with and without `from __future__ import annotations`.
    A `response_model=Base` with `-> Sub` is different (it filters) and is
    not flagged.

    ## Example
    ```python
    from fastapi import FastAPI
    from pydantic import BaseModel

    class Item(BaseModel):
        name: str

    app = FastAPI()

    @app.get("/items/{name}", response_model=Item)
    async def read_item(name: str) -> Item:
        return Item(name=name)
    ```

    ## Use instead
    ```python
    from fastapi import FastAPI
    from pydantic import BaseModel

    class Item(BaseModel):
        name: str

    app = FastAPI()

    @app.get("/items/{name}")
    async def read_item(name: str) -> Item:
        return Item(name=name)
    ```

    ## Fix safety
    Safe: removes the `response_model=` argument; FastAPI then reads the
    same model from the annotation (verified above).
    """

    code = "FP606"
    name = "redundant-response-model"
    message = "response_model={model} repeats the return annotation of {func}(); remove it"
    fix_safety = FixSafety.SAFE

    def visit_FunctionDef(self, node: FunctionNode, ctx: Context) -> Iterator[Finding]:
        if node.returns is None:
            return
        returns: str | None = None  # normalised when a route has a response_model
        for route in route_decorators(node, ctx.resolver, ctx.scope):
            if not route.is_http:
                continue
            keyword = route.keyword("response_model")
            if keyword is None:
                continue
            if returns is None:
                returns = _normalised(node.returns)
            if not _same_type(keyword.value, node.returns, returns, ctx):
                continue
            if isinstance(keyword.value, ast.Constant) and keyword.value.value is None:
                continue  # ``response_model=None`` with ``-> None``: explicit, harmless
            annotation = node.returns
            base = annotation.value if isinstance(annotation, ast.Subscript) else annotation
            base_name = ctx.qualified_name(base) or ""
            if base_name in _STREAMS or base_name.rpartition(".")[2].endswith("Response"):
                continue
            if isinstance(base, (ast.Name, ast.Attribute)):
                last = base.id if isinstance(base, ast.Name) else base.attr
                if last.endswith("Response"):
                    continue
            if (_future_annotations(ctx) or isinstance(annotation, ast.Constant)) and not _names_resolve_globally(
                annotation, ctx.scope
            ):
                continue
            yield self.report(keyword, target=route.call, model=ast.unparse(keyword.value), func=node.name)

    visit_AsyncFunctionDef = visit_FunctionDef

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        from flake8_fastapi_prod.fix.params import remove_keyword

        if not isinstance(node, cst.Call):
            return None
        return remove_keyword(node, "response_model")
