from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_fastapi_prod import knowledge as K
from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, Rule, target_at_least
from flake8_fastapi_prod.resolve import FunctionNode, Scope

_ROUTE_METHODS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "trace", "api_route"})
_ROUTE_OWNERS = frozenset({"fastapi.FastAPI", "fastapi.APIRouter"})
_ANNOTATED = frozenset({"typing.Annotated", "typing_extensions.Annotated"})


class V1ModelInRoute(Rule):
    """A `pydantic.v1` model used by a FastAPI route.

    ## What it does
    Flags a model of the `pydantic.v1` API (a project class deriving from
    `pydantic.v1.BaseModel`, in any module of the project) used by a path
    operation (`@app.get(...)`, `@router.post(...)`, `@router.api_route(...)`)
    as a body parameter, in `response_model=` (also inside `List[...]`,
    `Optional[...]`), as the return annotation when no `response_model=`
    is given, or as a parameter of a dependency the route declares with
    `Depends(dep)` (a dependency written in another module of the project
    is reported at the route's `Depends(...)`, its own dependencies not
    followed). `Annotated[V1Model, Depends(dep)]` and a dependency
    that returns a V1 model still work and are not flagged.

    ## Why is this bad?
    FastAPI 0.128.0 dropped `pydantic.v1` models: verified on 0.128.0 and
    0.165.0, the decorator raises `PydanticV1NotSupportedError` when the
    route is created (at import, also on an `APIRouter` before
    `include_router`); 0.127 only warns that `pydantic.v1` is deprecated
    (FastAPI's migration guide: "FastAPI 0.128.0 dropped support for
    pydantic.v1 as well").
    Reported when the FastAPI target is 0.128.0 or newer (unknown counts as
    newest).

    ## Example
    ```python
    from fastapi import FastAPI
    from pydantic.v1 import BaseModel

    app = FastAPI()

    class Item(BaseModel):
        name: str

    @app.post("/items")
    def create(item: Item) -> dict:
        return {"name": item.name}
    ```

    ## Use instead
    ```python
    from fastapi import FastAPI
    from pydantic import BaseModel

    app = FastAPI()

    class Item(BaseModel):
        name: str

    @app.post("/items")
    def create(item: Item) -> dict:
        return {"name": item.name}
    ```

    ## Fix safety
    No fix: the model has to be migrated to the V2 API (FP3xx fixes most
    of it once its import is `pydantic`).
    """

    code = "FP318"
    name = "v1-model-in-route"
    message = "{model} is a pydantic.v1 model used {where}: FastAPI >= 0.128.0 raises PydanticV1NotSupportedError"
    default = target_at_least("0.128.0")

    def visit_FunctionDef(self, node: FunctionNode, ctx: Context) -> Iterator[Finding]:
        decorators = [d for d in node.decorator_list if _is_route_decorator(d, ctx)]
        if not decorators:
            return
        scope = ctx.scope
        for decorator in decorators:
            assert isinstance(decorator, ast.Call)
            response_model = next((k for k in decorator.keywords if k.arg == "response_model"), None)
            if response_model is not None:
                model = _v1_model_in(response_model.value, scope, ctx)
                if model:
                    yield self.report(response_model.value, model=model, where="as response_model")
            elif node.returns is not None:
                model = _v1_model_in(node.returns, scope, ctx)
                if model:
                    yield self.report(node.returns, model=model, where="as the return annotation")
        yield from self._parameters(node, scope, ctx, "as a body parameter", 0)

    visit_AsyncFunctionDef = visit_FunctionDef

    def _parameters(
        self, func: FunctionNode, scope: Scope, ctx: Context, where: str, depth: int, anchor: ast.AST | None = None
    ) -> Iterator[Finding]:
        """Findings on ``func``'s parameters; with ``anchor`` (a dependency
        written in another module), one finding there instead."""
        args = func.args
        positional = args.posonlyargs + args.args
        defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
        pairs = list(zip(positional, defaults, strict=True)) + list(zip(args.kwonlyargs, args.kw_defaults, strict=True))
        for arg, default in pairs:
            dependency = _depends_target(default, arg.annotation, scope, ctx)
            if dependency is not None:
                if depth < 3 and anchor is None:
                    yield from self._dependency(dependency, scope, ctx, depth)
                continue
            if arg.annotation is None:
                continue
            model = _v1_model_in(arg.annotation, scope, ctx)
            if model and anchor is not None:
                yield self.report(anchor, model=model, where=where)
                return
            if model:
                yield self.report(arg.annotation, model=model, where=where)

    def _dependency(self, dependency: ast.expr, scope: Scope, ctx: Context, depth: int) -> Iterator[Finding]:
        definition = ctx.resolver.definition(dependency, scope)
        if definition is None or not isinstance(definition.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return
        if definition.scope.module is not ctx.module:
            # Written in another module: reported here, at the route's
            # ``Depends(...)`` (FastAPI reads the dependency's parameters when
            # the route is created); its own dependencies are not followed.
            where = f"by a parameter of the dependency {definition.node.name} (another module)"
            yield from self._parameters(definition.node, definition.scope, ctx, where, depth + 1, anchor=dependency)
            return
        yield from self._parameters(definition.node, definition.scope, ctx, "by a dependency's parameter", depth + 1)


def _is_route_decorator(decorator: ast.expr, ctx: Context) -> bool:
    if not (
        isinstance(decorator, ast.Call)
        and isinstance(decorator.func, ast.Attribute)
        and decorator.func.attr in _ROUTE_METHODS
    ):
        return False
    return ctx.type_of(decorator.func.value) in _ROUTE_OWNERS


def _depends_target(
    default: ast.expr | None, annotation: ast.expr | None, scope: Scope, ctx: Context
) -> ast.expr | None:
    """The dependency callable of ``= Depends(dep)`` or
    ``Annotated[T, Depends(dep)]``; ``Depends()`` depends on the annotation."""
    calls: list[tuple[ast.Call, ast.expr | None]] = []
    if isinstance(default, ast.Call):
        calls.append((default, annotation))
    if isinstance(annotation, ast.Subscript) and ctx.resolver.qualified_name(annotation.value, scope) in _ANNOTATED:
        elements = annotation.slice.elts if isinstance(annotation.slice, ast.Tuple) else [annotation.slice]
        calls.extend((e, elements[0]) for e in elements[1:] if isinstance(e, ast.Call))
    for call, typed in calls:
        if ctx.resolver.qualified_name(call.func, scope) in K.FASTAPI_DEPENDS:
            if call.args:
                return call.args[0]
            dependency = next((k.value for k in call.keywords if k.arg == "dependency"), None)
            return dependency if dependency is not None else (typed if typed is not None else _NO_TARGET)
    return None


#: ``Depends()`` with nothing to depend on: a dependency, but none to follow.
_NO_TARGET = ast.Constant(None)


def _v1_model_in(annotation: ast.expr, scope: Scope, ctx: Context) -> str:
    """The name of a pydantic.v1 model an annotation mentions, or ""."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            annotation = ast.parse(annotation.value.strip(), mode="eval").body
        except SyntaxError:
            return ""
    for node in ast.walk(annotation):
        if not isinstance(node, (ast.Name, ast.Attribute)):
            continue
        qualname = ctx.resolver.qualified_name(node, scope) or ""
        if qualname.startswith("pydantic.v1.") and qualname.rpartition(".")[2][:1].isupper():
            return qualname.rpartition(".")[2]
        definition = ctx.resolver.definition(node, scope)
        if definition is not None and isinstance(definition.node, ast.ClassDef):
            bases = ctx.resolver.base_qualnames(definition.node, definition.scope)
            if any(b.startswith("pydantic.v1.") for b in bases):
                return definition.node.name
    return ""
