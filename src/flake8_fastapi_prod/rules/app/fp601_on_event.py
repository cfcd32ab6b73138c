from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, FixSafety, Gate, Rule
from flake8_fastapi_prod.rules.app.lifespan import ROUTER_LIFESPAN, Plan, Registration, plan_module

#: The target of a whole-module fix (see ``fix.engine.MODULE_KEY``).
_MODULE = ast.Pass(lineno=0, col_offset=0, end_lineno=0, end_col_offset=0)


class OnEventHandler(Rule):
    """A startup or shutdown handler instead of a lifespan.

    ## What it does
    Flags `@app.on_event("startup" | "shutdown")` (also called as
    `app.on_event("startup")(handler)`), `app.add_event_handler(...)`,
    `app.router.add_event_handler(...)` and `FastAPI(on_startup=[...],
    on_shutdown=[...])`, on a `FastAPI` app or an `APIRouter` (however
    imported, built at module level or in a factory such as `def
    create_app() -> FastAPI`, or received as an annotated parameter); on a
    receiver of unknown type only `on_event` / `add_event_handler` with a
    literal `"startup"` / `"shutdown"`.

    ## Why is this bad?
    Verified on FastAPI 0.165 / Starlette 1.10:

    - `on_event` is deprecated (`DeprecationWarning`).
    - `app.add_event_handler(...)` no longer exists: `AttributeError:
      'FastAPI' object has no attribute 'add_event_handler'` when the
      module is imported (Starlette 1.0 removed it; FastAPI 0.115 /
      Starlette 0.46 still had it). `app.router.add_event_handler` and
      `on_event` still work.
    - With `lifespan=` also given to the app, the handlers registered on
      the app (by decorator or `on_startup=`) silently never run.
    - A router's `on_event` handlers run twice once the router is included
      into an app that has no lifespan (FastAPI 0.112.2 to 0.165 verified;
      once on 0.112.1): `include_router` both copies them to the app and
      merges the router's own lifespan, which runs them again.

    ## Example
    ```python
    from fastapi import FastAPI

    app = FastAPI()

    @app.on_event("startup")
    async def connect():
        app.state.ready = True
    ```

    ## Use instead
    ```python
    from contextlib import asynccontextmanager

    from fastapi import FastAPI

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.ready = True
        yield

    app = FastAPI(lifespan=lifespan)
    ```

    ## Fix safety
    Safe, when every handler of the app (or router) is registered by a
    statement beside the constructor, in the same module or factory body,
    and the constructor has no `lifespan=` and no `**kwargs`. One
    `@asynccontextmanager` lifespan, defined right before the constructor,
    runs the startup handlers in FastAPI's order (the constructor's
    `on_startup=` first, then the registrations in source order), `yield`,
    then the shutdown handlers; the constructor gets `lifespan=`, the
    decorators, `add_event_handler` calls and `on_startup=` / `on_shutdown=`
    go. A decorated handler's body moves into the lifespan (its docstring
    and comments become comments) unless it is used elsewhere, returns
    early, uses `global` or would clash with another handler's names: it
    is then kept, undecorated, and called. A handler registered by name
    (also one imported from another module) is called by that name: a
    coroutine function is awaited, a plain function called. The lifespan's
    parameter takes the app variable's name, so handlers that set
    `app.state` keep working. A router gets its own `APIRouter(lifespan=)`
    (FastAPI 0.112.2 or later; no fix for an older target), which runs once
    instead of twice. When any handler of the app cannot be moved, none is
    (a handler left behind would never run), and the finding says why.

    Handlers registered inside a helper function (`def register_events(app):
    @app.on_event("startup") ...`, `app.add_event_handler("startup",
    connect_db)`) move too, when the helper is a module-level function of
    the app parameter alone, called once, as a statement beside the app's
    constructor in the same module, with its registrations directly in its
    body: the lifespan is built from them right before the helper (it
    replaces a helper that did nothing else; the rest of a helper that does
    more stays, and so does its call), the constructor gets `lifespan=`.
    Several such helpers on one app share one lifespan, in call order
    (registration order is what FastAPI ran). A helper called once from
    another module of the project (FastAPI-template's `lifetime.py`) is
    fixed in its own module only, the caller untouched: its handlers go
    into a lifespan right before it, and the helper does
    `app.include_router(APIRouter(lifespan=...))`, which FastAPI merges
    into the app's lifespan (FastAPI 0.112.2 or later; verified on 0.165).
    Several such helpers on one app nest in call order, so at most one of
    them may hold shutdown handlers. Not fixed, and the finding says which
    applies: the helper is used by more than one module, is called more
    than once or its result is used, takes
    more than the app, or its handler reads one of its locals, or `__all__`
    exports it; the app also has handlers registered elsewhere (by its own
    decorators, by another helper, by a helper's helper, or by tortoise-orm's
    `register_tortoise`, which uses `on_event` in 0.20.1 and wraps the
    router's lifespan in 1.1.9: verified); the app is built by a factory in
    another scope (`app = create_app()`, then `@app.on_event`). Verified by
    starting the fixed code under FastAPI 0.165 / Starlette 1.10 with a
    TestClient: startup effects before the first request, shutdown effects
    on exit, in the original order.
    """

    code = "FP601"
    #: The walk shows whether the module may register a handler at all
    #: (``.on_event`` / ``.add_event_handler`` / ``on_startup=`` / ``on_shutdown=``).
    gates = {
        "Attribute": Gate(keys=frozenset({"on_event", "add_event_handler"})),
        "keyword": Gate(keys=frozenset({"on_startup", "on_shutdown"})),
    }
    may_register = False
    name = "on-event-handler"
    message = "{text}{note}"
    fix_safety = FixSafety.SAFE

    def visit_Attribute(self, node: ast.Attribute, ctx: Context) -> Iterator[Finding]:
        self.may_register = True
        return iter(())

    def visit_keyword(self, node: ast.keyword, ctx: Context) -> Iterator[Finding]:
        self.may_register = True
        return iter(())

    def finish(self, ctx: Context) -> Iterator[Finding]:
        if not self.may_register:
            return
        data = {
            "filename": ctx.module.filename,
            "fastapi": ctx.targets.fastapi,
            "starlette": ctx.targets.starlette,
        }
        for plan in plan_module(ctx.module, ctx.resolver, ctx.targets):
            for registration in plan.registrations:
                text, note = _describe(plan, registration, ctx)
                yield self.report(
                    registration.node,
                    target=_MODULE,
                    fixable=plan.problem is None and bool(plan.steps),
                    fix_data=data,
                    text=text,
                    note=note,
                )

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        from flake8_fastapi_prod.fix.lifespan import rewrite

        if not isinstance(node, cst.Module):
            return None
        return rewrite(node, finding.data(), node.code, fix_ctx)


def _spelling(registration: Registration) -> str:
    event = registration.event or "event"
    if registration.form == "keyword":
        return f"{registration.keyword}="
    if registration.form == "add_event_handler":
        return f'add_event_handler("{event}", ...)'
    return f'on_event("{event}")'


def _describe(plan: Plan, registration: Registration, ctx: Context) -> tuple[str, str]:
    spelling = _spelling(registration)
    owner = plan.owner
    receiver = registration.receiver
    is_router = owner is not None and owner.kind == "fastapi.APIRouter"
    on_app_object = (
        registration.form == "add_event_handler"
        and receiver is not None
        and not (isinstance(receiver, ast.Attribute) and receiver.attr == "router")
        and not is_router
        and (owner is not None or ctx.resolver.type_of(receiver, registration.scope) == "fastapi.FastAPI")
        and ctx.targets.at_least("starlette", "1.0")
    )
    note = "" if plan.problem is None else f" (no fix: {plan.problem})"
    if on_app_object:
        text = (
            "FastAPI.add_event_handler no longer exists on Starlette 1.x (AttributeError at start-up); "
            "move the handler into a lifespan"
        )
    elif plan.has_lifespan and not is_router:
        text = f"the handler registered with {spelling} never runs: the app also has lifespan="
        return text, "; move it into that lifespan (no fix)"
    elif is_router and ctx.targets.at_least("fastapi", ROUTER_LIFESPAN):
        text = (
            f"{spelling} on an APIRouter is deprecated, and the handler runs twice once the router is "
            "included into an app without lifespan; use APIRouter(lifespan=...)"
        )
    else:
        text = f"{spelling} is deprecated; move the handler into a lifespan"
    return text, note
