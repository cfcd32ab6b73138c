from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod import knowledge as K
from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, FixSafety, Rule
from flake8_fastapi_prod.rules.security.challenge import SCHEME_CHALLENGES, function_challenges, looks_like_token_auth
from flake8_fastapi_prod.rules.security.common import (
    HTTP_EXCEPTION_GATE,
    http_exception_class,
    keyword_value,
    status_code_of,
)

HEADER = "www-authenticate"


def _may_be_401(status: ast.expr) -> bool:
    """A cheap look before resolving: ``401``, ``status.HTTP_401_...``,
    ``HTTPStatus.UNAUTHORIZED``, or a constant's name."""
    if isinstance(status, ast.Constant):
        return status.value == 401
    if isinstance(status, ast.Attribute):
        return "401" in status.attr or "UNAUTHORIZED" in status.attr.upper()
    return isinstance(status, ast.Name)


def _is_super_init(node: ast.Call) -> bool:
    func = node.func
    return isinstance(func, ast.Attribute) and func.attr == "__init__" and isinstance(func.value, ast.Call)


def _super_init_of_http_exception(node: ast.Call, ctx: Context) -> str | None:
    """``super().__init__(status_code=401, ...)`` in ``__init__`` of a
    project subclass of HTTPException."""
    func = node.func
    if not (
        isinstance(func, ast.Attribute)
        and func.attr == "__init__"
        and isinstance(func.value, ast.Call)
        and isinstance(func.value.func, ast.Name)
        and func.value.func.id == "super"
    ):
        return None
    cls = ctx.enclosing_class()
    function = ctx.function()
    if cls is None or not isinstance(function, ast.FunctionDef) or function.name != "__init__":
        return None
    class_scope = ctx.scope.parent
    if class_scope is None or class_scope.parent is None:
        return None
    bases = ctx.resolver.base_qualnames(cls, class_scope.parent) & K.HTTP_EXCEPTION_CLASSES
    return sorted(bases)[0] if bases else None


def _module_challenges(ctx: Context) -> set[str]:
    """The challenges of the scheme instances a module makes at top level."""
    found: set[str] = set()
    for statement in ctx.module.tree.body:
        value = statement.value if isinstance(statement, (ast.Assign, ast.AnnAssign)) else None
        if isinstance(value, ast.Call):
            challenge = SCHEME_CHALLENGES.get(ctx.resolver.qualified_name(value.func, ctx.module.scope) or "")
            if challenge:
                found.add(challenge)
    return found


def _merged(found: set[str]) -> set[str]:
    """``Basic`` (from an ``HTTPBasicCredentials`` annotation) and
    ``Basic realm="x"`` (from the scheme) are one challenge: the precise one."""
    by_scheme: dict[str, set[str]] = {}
    for challenge in found:
        by_scheme.setdefault(challenge.partition(" ")[0], set()).add(challenge)
    merged = set()
    for scheme, spellings in by_scheme.items():
        precise = spellings - {scheme}
        merged |= precise if len(precise) == 1 else spellings
    return merged


def challenge_for(ctx: Context, in_exception_init: bool) -> tuple[str | None, str]:
    """The challenge to write, or None and why not."""
    functions = [
        (scope.node, scope.parent)
        for scope in reversed(ctx.scopes)
        if isinstance(scope.node, (ast.FunctionDef, ast.AsyncFunctionDef)) and scope.parent is not None
    ]
    for function, defined_in in functions:
        found = _merged(set(function_challenges(function, defined_in)))
        if len(found) > 1:
            return None, f"its dependencies use several schemes ({', '.join(sorted(found))})"
        if found:
            return found.pop(), ""
    if in_exception_init:
        found = _module_challenges(ctx)
        if len(found) == 1:
            return found.pop(), ""
    if functions and looks_like_token_auth(functions[0][0]):
        return "Bearer", ""
    return None, "no authentication scheme found for this function"


class UnauthorizedWithoutWwwAuthenticate(Rule):
    """An `HTTPException` with status 401 and no `WWW-Authenticate` header.

    ## What it does
    Flags `HTTPException(status_code=401, ...)` (FastAPI's or Starlette's,
    or a project subclass called the same way) whose `headers` do not hold
    `WWW-Authenticate`. The status is read as `401`,
    `status.HTTP_401_UNAUTHORIZED` (`fastapi.status` or `starlette.status`),
    `HTTPStatus.UNAUTHORIZED` or a constant holding one of them, passed
    positionally or as `status_code=`; also `super().__init__(401, ...)`
    in the `__init__` of a project subclass of `HTTPException`. Headers that are not a dict literal
    (a variable, a call) are not judged.

    ## Why is this bad?
    RFC 9110 (section 15.5.2) requires a 401 response to carry a
    `WWW-Authenticate` challenge; clients and proxies that follow it (and
    the OAuth2 password flow of `/docs`) do not know how to authenticate
    without it. FastAPI adds nothing itself: verified on FastAPI 0.165 /
    Starlette 1.10, `raise HTTPException(401, "no")` answers 401 with no
    `WWW-Authenticate` header; with `headers={"WWW-Authenticate": "Bearer"}`
    the header is sent (FastAPI's own `OAuth2PasswordBearer` does the same).

    ## Example
    ```python
    from fastapi import HTTPException, status

    def reject():
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Not authenticated")
    ```

    ## Use instead
    ```python
    from fastapi import HTTPException, status

    def reject():
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Not authenticated",
            headers={"WWW-Authenticate": "Bearer"},
        )
    ```

    ## Fix safety
    Safe: the header is added as `headers={"WWW-Authenticate": ...}`, or
    the entry is added to a `headers` dict literal that lacks it; only a
    response header is added. The challenge is the one the enclosing
    function's authentication sends itself (read from FastAPI 0.165's
    `fastapi.security`, and checked under TestClient): the security schemes
    among its `Depends`/`Security` parameters, `dependencies=[...]` and
    `Annotated` metadata, followed through project dependency functions,
    or a scheme instance it calls. `HTTPBasic` gives `Basic` (`Basic
    realm="x"` with a literal `realm=`), `HTTPBearer`, `OAuth2PasswordBearer`,
    `OAuth2AuthorizationCodeBearer` and `OpenIdConnect` give `Bearer`,
    `HTTPDigest` `Digest`. `APIKey*` schemes have no standard challenge;
    the fix writes `APIKey`, the custom one FastAPI's own `APIKey*` 401s
    send (FastAPI 0.165), so the route answers like its dependency. In the
    `__init__` of an `HTTPException` subclass, the one scheme the module
    makes is used. With no scheme found, a function whose names or strings
    mention a token, JWT or bearer gets `Bearer`. Otherwise (a 401 outside
    any authentication, such as a `PermissionError` mapped to 401) and
    when the dependencies use several schemes (Basic and Bearer: which
    challenge to send, and whether browsers should prompt, is the author's
    choice) the finding has no fix and the message says why.
    """

    code = "FP408"
    gates = {"Call": HTTP_EXCEPTION_GATE}
    name = "unauthorized-without-www-authenticate"
    message = "{cls}(401) without a WWW-Authenticate header (RFC 9110 requires it on a 401); {advice}"
    fix_safety = FixSafety.SAFE

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        status = keyword_value(node, "status_code", 0)
        if status is None or not _may_be_401(status):
            return
        if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
            return
        cls = http_exception_class(node.func, ctx) or _super_init_of_http_exception(node, ctx)
        if cls is None or status_code_of(status, ctx) != 401:
            return
        headers = keyword_value(node, "headers", 2)
        if headers is not None and not (isinstance(headers, ast.Constant) and headers.value is None):
            if not isinstance(headers, ast.Dict) or None in headers.keys:
                return  # computed headers: cannot tell
            for key in headers.keys:
                if not isinstance(key, ast.Constant) or not isinstance(key.value, str):
                    return
                if key.value.lower() == HEADER:
                    return
        challenge, why = challenge_for(ctx, cls is not None and node.func is not None and _is_super_init(node))
        if challenge is None:
            advice = f"add the challenge of the scheme it authenticates with (no fix: {why})"
            yield self.report(node, fixable=False, cls=cls.rpartition(".")[2], advice=advice)
            return
        header = repr(challenge) if '"' in challenge else f'"{challenge}"'
        advice = f'add headers={{"WWW-Authenticate": {header}}}'
        yield self.report(node, fix_data={"challenge": header}, cls=cls.rpartition(".")[2], advice=advice)

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        from flake8_fastapi_prod.fix.edits import set_keyword

        if not isinstance(node, cst.Call):
            return None
        challenge = dict(finding.fix_data).get("challenge")
        if not isinstance(challenge, str):
            return None
        entry = cst.DictElement(cst.SimpleString('"WWW-Authenticate"'), cst.SimpleString(challenge))
        for index, arg in enumerate(node.args):
            is_headers = (arg.keyword is not None and arg.keyword.value == "headers") or (
                arg.keyword is None and index == 2
            )
            if not is_headers:
                continue
            if isinstance(arg.value, cst.Dict):
                elements = list(arg.value.elements)
                if elements and elements[-1].comma is cst.MaybeSentinel.DEFAULT:
                    elements[-1] = elements[-1].with_changes(
                        comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
                    )
                elements.append(entry)
                args = list(node.args)
                args[index] = arg.with_changes(value=arg.value.with_changes(elements=elements))
                return node.with_changes(args=args)
            if isinstance(arg.value, cst.Name) and arg.value.value == "None":
                args = list(node.args)
                args[index] = arg.with_changes(value=cst.Dict([entry]))
                return node.with_changes(args=args)
            return None
        return set_keyword(node, "headers", cst.Dict([entry]))
