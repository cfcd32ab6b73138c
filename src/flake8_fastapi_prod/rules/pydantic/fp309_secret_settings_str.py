from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, Rule
from flake8_fastapi_prod.rules.pydantic.common import model_kind, secret_name

#: Settings of the V1 API kept on purpose: their secrets print all the same.
_V1_SETTINGS = frozenset({"pydantic.v1.BaseSettings", "pydantic.v1.env_settings.BaseSettings"})
_OPTIONALS = frozenset({"typing.Optional", "typing_extensions.Optional"})
_UNIONS = frozenset({"typing.Union", "typing_extensions.Union"})
_SECRET_TYPES = frozenset({"pydantic.SecretStr", "pydantic.types.SecretStr", "pydantic.SecretBytes"})


def settings_fields(node: ast.ClassDef, ctx: Context) -> Iterator[ast.AnnAssign]:
    """The annotated fields of a settings class (``BaseSettings``, V1 or V2)."""
    if model_kind(node, ctx) != "settings" and not ctx.resolver.base_qualnames(node, ctx.scope) & _V1_SETTINGS:
        return
    for statement in node.body:
        target = statement.target if isinstance(statement, ast.AnnAssign) else None
        if isinstance(target, ast.Name) and not target.id.startswith("_"):
            yield statement  # type: ignore[misc]


def annotation_kind(annotation: ast.expr, ctx: Context) -> str:
    """``"str"``, ``"secret"`` (SecretStr), or ``""`` for anything else,
    through ``Optional[...]``, ``... | None`` and ``Annotated[...]``."""
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        try:
            annotation = ast.parse(annotation.value, mode="eval").body
        except SyntaxError:
            return ""
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):
        members = [m for m in (annotation.left, annotation.right) if not _none(m)]
        return annotation_kind(members[0], ctx) if len(members) == 1 else ""
    if isinstance(annotation, ast.Subscript):
        wrapper = ctx.qualified_name(annotation.value)
        elements = list(annotation.slice.elts) if isinstance(annotation.slice, ast.Tuple) else [annotation.slice]
        if wrapper in _OPTIONALS or wrapper in ("typing.Annotated", "typing_extensions.Annotated"):
            return annotation_kind(elements[0], ctx)
        if wrapper in _UNIONS:
            members = [m for m in elements if not _none(m)]
            return annotation_kind(members[0], ctx) if len(members) == 1 else ""
        return ""
    if isinstance(annotation, ast.Name) and annotation.id == "str" and not ctx.scope.lookup("str"):
        return "str"
    if ctx.qualified_name(annotation) in _SECRET_TYPES:
        return "secret"
    return ""


def _none(expr: ast.expr) -> bool:
    return isinstance(expr, ast.Constant) and expr.value is None


class SecretSettingsStr(Rule):
    """A settings field whose name says secret, typed `str`.

    ## What it does
    Flags a field of a settings class (`pydantic_settings.BaseSettings`,
    V1's `pydantic.BaseSettings` or `pydantic.v1.BaseSettings`, also
    through project base classes) whose
    name says it holds a secret (`*secret*`, `*password*`, `*token*`,
    `*_key`, `database_url`, in any case) and that is annotated `str`
    (also `Optional[str]`, `str | None`). Names about a secret rather than
    holding one are not flagged: `token_url`, `password_min_length`,
    `api_key_header`, `access_token_expire_minutes`, `public_key`.

    ## Why is this bad?
    A `str` field prints: `repr(settings)`, a log line, an error report or
    a debug page show the secret in clear. `SecretStr` prints `**********`
    and hands the value out only through `.get_secret_value()` (seed 003).

    ## Example
    ```python
    from pydantic_settings import BaseSettings

    class Settings(BaseSettings):
        secret_key: str
    ```

    ## Use instead
    ```python
    from pydantic import SecretStr
    from pydantic_settings import BaseSettings

    class Settings(BaseSettings):
        secret_key: SecretStr
    ```

    ## Fix safety
    No fix: every read of the field must become `.get_secret_value()`.
    """

    code = "FP309"
    name = "secret-settings-str"
    message = "settings field {name} holds a secret but is typed str (it prints in logs and reprs); use SecretStr"

    def visit_ClassDef(self, node: ast.ClassDef, ctx: Context) -> Iterator[Finding]:
        for field in settings_fields(node, ctx):
            assert isinstance(field.target, ast.Name)
            name = field.target.id
            if secret_name(name) and annotation_kind(field.annotation, ctx) == "str":
                yield self.report(field, name=name)
