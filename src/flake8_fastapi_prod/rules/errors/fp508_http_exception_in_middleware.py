from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_fastapi_prod import knowledge as K
from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, Gate, Rule
from flake8_fastapi_prod.resolve import DefinitionKey, FunctionNode, ModuleInfo, definition_key, is_module_level
from flake8_fastapi_prod.rules.security.common import http_exception_class, resolver_for

#: ``except`` clauses that catch an HTTPException raised in their ``try``.
_CATCHING = frozenset({"Exception", "BaseException", "HTTPException", "StarletteHTTPException"})


def _is_http_middleware_decorator(decorator: ast.expr) -> bool:
    """``@app.middleware("http")`` (the call, before it decorates)."""
    return (
        isinstance(decorator, ast.Call)
        and isinstance(decorator.func, ast.Attribute)
        and decorator.func.attr == "middleware"
        and len(decorator.args) == 1
        and isinstance(decorator.args[0], ast.Constant)
        and decorator.args[0].value == "http"
    )


def _registered_name(call: ast.Call, parent: ast.AST | None) -> str | None:
    """The function ``call`` registers as HTTP middleware: ``fn`` of
    ``app.middleware("http")(fn)`` (``call`` is the inner call) or of
    ``add_middleware(BaseHTTPMiddleware, dispatch=fn)``."""
    if _is_http_middleware_decorator(call):
        registered = parent.args[0] if isinstance(parent, ast.Call) and parent.func is call and parent.args else None
        return registered.id if isinstance(registered, ast.Name) else None
    if isinstance(call.func, ast.Attribute) and call.func.attr == "add_middleware":
        for keyword in call.keywords:
            if keyword.arg == "dispatch" and isinstance(keyword.value, ast.Name):
                return keyword.value.id
    return None


def _registration_arguments(call: ast.Call) -> list[ast.expr]:
    """The function ``app.middleware("http")(fn)`` or
    ``add_middleware(BaseHTTPMiddleware, dispatch=fn)`` registers (a name
    or an attribute: ``middleware.rate_limit``)."""
    if _is_http_middleware_decorator(call.func) and call.args:
        return [call.args[0]]
    if isinstance(call.func, ast.Attribute) and call.func.attr == "add_middleware":
        return [k.value for k in call.keywords if k.arg == "dispatch"]
    return []


#: Text a module that registers a middleware function holds.
_REGISTRATION_MARKERS = (b"middleware",)
_REGISTRATION_STATEMENTS = (("middleware",),)


def _registered_definitions(module: ModuleInfo) -> frozenset[DefinitionKey]:
    """The functions (also imported ones) a module registers as HTTP middleware."""
    resolver = resolver_for(module)
    keys: set[DefinitionKey] = set()
    for call in module.nodes_mentioning(_REGISTRATION_STATEMENTS, ast.Call):
        for argument in _registration_arguments(call):
            definition = resolver.definition(argument, module.scope_of(call))
            if definition is not None and isinstance(definition.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                keys.add(definition_key(definition.scope.module, definition.node))
    return frozenset(keys)


def _registrations_of(module: ModuleInfo) -> frozenset[DefinitionKey]:
    """:func:`_registered_definitions`, kept for the run."""
    return module.fact("fp508.registered", lambda: _registered_definitions(module))


def _calls_second_parameter(function: FunctionNode) -> bool:
    """``async def mw(request, call_next)`` that calls ``call_next``: the
    shape of an HTTP middleware function, tested before any search."""
    params = function.args.posonlyargs + function.args.args
    if len(params) != 2:
        return False
    name = params[1].arg
    return any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == name for n in ast.walk(function)
    )


def _registered_elsewhere(function: FunctionNode, ctx: Context) -> bool:
    """A module-level function another module of the project registers
    (``app.middleware("http")(middleware.rate_limit)`` in ``main.py``)."""
    if not is_module_level(function, ctx.module) or not _calls_second_parameter(function):
        return False
    key = definition_key(ctx.module, function)
    return any(
        key in _registrations_of(other)
        for other in ctx.module.project.modules_mentioning(ctx.module, function.name, _REGISTRATION_MARKERS)
    )


class HttpExceptionInMiddleware(Rule):
    """`raise HTTPException(...)` inside an HTTP middleware.

    ## What it does
    Flags `raise HTTPException(...)` (FastAPI's or Starlette's, a project
    subclass, or a name bound to one) directly in a function decorated
    with `@app.middleware("http")`, registered with
    `app.middleware("http")(fn)` or `add_middleware(BaseHTTPMiddleware,
    dispatch=fn)` (in its module, or for a module-level `(request,
    call_next)` function, in another module of the project that imports
    it), or in the `dispatch` method of a `BaseHTTPMiddleware`
    subclass. A raise inside a `try` of the same function that catches it
    (`except HTTPException` / `except Exception`) is not flagged.

    ## Why is this bad?
    Middleware runs outside the exception handlers FastAPI installs for
    routes. Verified on FastAPI 0.165 / Starlette 1.10: an
    `HTTPException(403)` raised in `@app.middleware("http")` or in a
    `BaseHTTPMiddleware.dispatch` gives the client `500 Internal Server
    Error`, also with an `exception_handler(HTTPException)` registered
    (fastapi#4653).

    ## Example
    ```python
    from fastapi import FastAPI, HTTPException, Request

    app = FastAPI()

    @app.middleware("http")
    async def require_key(request: Request, call_next):
        if "x-api-key" not in request.headers:
            raise HTTPException(status_code=401, detail="Missing API key")
        return await call_next(request)
    ```

    ## Use instead
    ```python
    from fastapi import FastAPI, Request
    from fastapi.responses import JSONResponse

    app = FastAPI()

    @app.middleware("http")
    async def require_key(request: Request, call_next):
        if "x-api-key" not in request.headers:
            return JSONResponse(status_code=401, content={"detail": "Missing API key"})
        return await call_next(request)
    ```

    ## Fix safety
    There is no fix: the response to return (status, body, headers) is the
    project's to write.
    """

    code = "FP508"
    name = "http-exception-in-middleware"
    message = (
        "{cls} raised in {where}: the client gets a 500, exception handlers do not run there; "
        "return a JSONResponse instead"
    )

    gates = {"Call": Gate(keys=frozenset({"middleware", "add_middleware"}))}

    def __init__(self) -> None:
        #: Names registered as HTTP middleware anywhere in the module, and
        #: the raises in other functions that such a registration would make
        #: findings: (raise, function name, exception class), decided in
        #: :meth:`finish`, once every registration has been seen.
        self._registered: set[str] = set()
        self._pending: list[tuple[ast.Raise, FunctionNode, str]] = []

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        name = _registered_name(node, ctx.parent)
        if name is not None:
            self._registered.add(name)
        return iter(())

    def visit_Raise(self, node: ast.Raise, ctx: Context) -> Iterator[Finding]:
        exc = node.exc
        if exc is None:
            return
        function = ctx.function()
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return
        where = self._middleware_kind(function, ctx)
        cls = self._exception_class(exc, ctx)
        if cls is None or ctx.in_try_catching(node, _CATCHING, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return
        if where is None:
            self._pending.append((node, function, cls))
            return
        yield self.report(node, cls=cls.rpartition(".")[2], where=where)

    def finish(self, ctx: Context) -> Iterator[Finding]:
        elsewhere: dict[int, bool] = {}
        for node, function, cls in self._pending:
            if function.name in self._registered:
                yield self.report(node, cls=cls.rpartition(".")[2], where="a function registered as HTTP middleware")
                continue
            if id(function) not in elsewhere:
                elsewhere[id(function)] = _registered_elsewhere(function, ctx)
            if elsewhere[id(function)]:
                yield self.report(
                    node, cls=cls.rpartition(".")[2], where="a function registered as HTTP middleware in another module"
                )

    def _middleware_kind(self, function: FunctionNode, ctx: Context) -> str | None:
        if any(_is_http_middleware_decorator(d) for d in function.decorator_list):
            return 'an @app.middleware("http") function'
        if function.name == "dispatch":
            cls = ctx.enclosing_class()
            scope = ctx.scope.parent
            if (
                cls is not None
                and scope is not None
                and scope.parent is not None
                and ctx.resolver.base_qualnames(cls, scope.parent) & K.BASE_HTTP_MIDDLEWARES
            ):
                return f"{cls.name}.dispatch (BaseHTTPMiddleware)"
        return None

    def _exception_class(self, exc: ast.expr, ctx: Context) -> str | None:
        if isinstance(exc, ast.Call):
            return http_exception_class(exc.func, ctx)
        if isinstance(exc, ast.Name):
            bindings = ctx.scope.lookup(exc.id)
            if len(bindings) == 1 and bindings[0].kind == "assign" and isinstance(bindings[0].value, ast.Call):
                return http_exception_class(bindings[0].value.func, ctx)
        return None
