"""The ``WWW-Authenticate`` challenge of the authentication a function uses
(FP408's fix): the security schemes among its dependencies, followed
through project dependency functions, else a look at its code for token
(JWT / bearer) handling."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from flake8_fastapi_prod import knowledge as K
from flake8_fastapi_prod.resolve import Binding, Scope
from flake8_fastapi_prod.rules.security.common import resolver_for

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)

#: Each FastAPI security class -> the challenge its own 401 sends (read from
#: FastAPI 0.165's ``fastapi/security``: ``HTTPBasic`` ``Basic`` (or
#: ``Basic realm="..."``), ``HTTPBearer``/``OAuth2*``/``OpenIdConnect``
#: ``Bearer``, ``HTTPDigest`` ``Digest``, ``APIKey*`` the custom ``APIKey``).
SCHEME_CHALLENGES: dict[str, str] = {
    "fastapi.security.HTTPBasic": "Basic",
    "fastapi.security.HTTPBearer": "Bearer",
    "fastapi.security.HTTPDigest": "Digest",
    "fastapi.security.OAuth2PasswordBearer": "Bearer",
    "fastapi.security.OAuth2AuthorizationCodeBearer": "Bearer",
    "fastapi.security.OAuth2": "Bearer",
    "fastapi.security.OpenIdConnect": "Bearer",
    "fastapi.security.APIKeyHeader": "APIKey",
    "fastapi.security.APIKeyQuery": "APIKey",
    "fastapi.security.APIKeyCookie": "APIKey",
}

#: Credential types a parameter may be annotated with.
CREDENTIAL_CHALLENGES: dict[str, str] = {
    "fastapi.security.HTTPBasicCredentials": "Basic",
    "fastapi.security.OAuth2PasswordRequestForm": "Bearer",
}

_TOKEN_WORDS = re.compile(r"token|jwt|bearer", re.IGNORECASE)
_MAX_DEPTH = 3


def _scheme_of_call(call: ast.Call, scope: Scope) -> str | None:
    cls = resolver_for(scope.module).qualified_name(call.func, scope)
    challenge = SCHEME_CHALLENGES.get(cls or "")
    if challenge == "Basic":
        for keyword in call.keywords:
            if (
                keyword.arg == "realm"
                and isinstance(keyword.value, ast.Constant)
                and isinstance(keyword.value.value, str)
                and re.fullmatch(r"[\w .,:;/@()\-]*", keyword.value.value)
            ):
                return f'Basic realm="{keyword.value.value}"'
    return challenge


def _binding_of(expr: ast.expr, scope: Scope) -> Binding | None:
    resolver = resolver_for(scope.module)
    if isinstance(expr, ast.Name):
        bindings = scope.lookup(expr.id)
        if len(bindings) != 1:
            return None
        binding = bindings[0]
        if binding.kind == "import" and binding.qualname:
            return resolver.project_binding(binding.qualname, scope.module)
        return binding
    if isinstance(expr, ast.Attribute):
        base = resolver.qualified_name(expr.value, scope)
        if base:
            return resolver.project_binding(f"{base}.{expr.attr}", scope.module)
    return None


def _challenges_of_dependency(expr: ast.expr, scope: Scope, depth: int) -> Iterator[str]:
    """What ``Depends(expr)`` authenticates with."""
    if isinstance(expr, ast.Call):
        challenge = _scheme_of_call(expr, scope)
        if challenge:
            yield challenge
        return
    cls = resolver_for(scope.module).qualified_name(expr, scope)
    if cls in SCHEME_CHALLENGES:
        yield SCHEME_CHALLENGES[cls]
        return
    binding = _binding_of(expr, scope)
    if binding is None:
        return
    if binding.kind in ("assign", "annassign") and isinstance(binding.value, ast.Call):
        challenge = _scheme_of_call(binding.value, binding.scope)
        if challenge:
            yield challenge
    elif binding.kind == "def" and isinstance(binding.node, _FUNCTIONS) and depth < _MAX_DEPTH:
        yield from function_challenges(binding.node, binding.scope, depth + 1)


def function_challenges(
    function: ast.FunctionDef | ast.AsyncFunctionDef, scope: Scope, depth: int = 0
) -> Iterator[str]:
    """The challenges of the schemes a function's parameters, decorators
    (``dependencies=[...]``) and dependency functions use; ``scope`` is the
    one the function is defined in."""
    resolver = resolver_for(scope.module)
    args = function.args
    params = [*args.posonlyargs, *args.args, *args.kwonlyargs]
    places: list[ast.expr] = [p.annotation for p in params if p.annotation is not None]
    places += [d for d in (*args.defaults, *args.kw_defaults) if d is not None]
    places += function.decorator_list
    for place in places:
        for node in ast.walk(place):
            if isinstance(node, ast.Call) and node.args:
                if resolver.qualified_name(node.func, scope) in K.FASTAPI_DEPENDS:
                    yield from _challenges_of_dependency(node.args[0], scope, depth)
            elif isinstance(node, (ast.Name, ast.Attribute)):
                credential = CREDENTIAL_CHALLENGES.get(resolver.qualified_name(node, scope) or "")
                if credential:
                    yield credential
    # A scheme instance called in the body: ``await oauth2_scheme(request)``.
    for node in ast.walk(function):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and depth == 0:
            binding = _binding_of(node.func, scope)
            if (
                binding is not None
                and binding.kind in ("assign", "annassign")
                and isinstance(binding.value, ast.Call)
                and binding.scope.parent is None
            ):
                challenge = _scheme_of_call(binding.value, binding.scope)
                if challenge:
                    yield challenge


def looks_like_token_auth(function: ast.AST) -> bool:
    """A name, attribute or string mentioning a token, JWT or bearer."""
    for node in ast.walk(function):
        if isinstance(node, ast.Name):
            text = node.id
        elif isinstance(node, ast.Attribute):
            text = node.attr
        elif isinstance(node, ast.arg):
            text = node.arg
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        elif isinstance(node, _FUNCTIONS):
            text = node.name
        else:
            continue
        if _TOKEN_WORDS.search(text):
            return True
    return False
