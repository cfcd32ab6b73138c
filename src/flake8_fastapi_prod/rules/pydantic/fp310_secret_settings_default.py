from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, Rule
from flake8_fastapi_prod.rules.pydantic.common import secret_name
from flake8_fastapi_prod.rules.pydantic.fp309_secret_settings_str import annotation_kind, settings_fields

_FIELDS = frozenset({"pydantic.Field", "pydantic.fields.Field"})
_SECRET_TYPES = frozenset({"pydantic.SecretStr", "pydantic.types.SecretStr", "pydantic.SecretBytes"})


class SecretSettingsDefault(Rule):
    """A secret settings field with a literal default.

    ## What it does
    Flags a secret-named field of a settings class (the names FP309 reads:
    `*secret*`, `*password*`, `*token*`, `*_key`, `database_url`) typed
    `str` or `SecretStr` whose default is a non-empty string literal: `=
    "changeme"`, `= SecretStr("dev")`, `= Field("dev")`,
    `= Field(default="dev")`. A `None` or empty default, a default read
    from elsewhere (`os.environ[...]`), and a `default_factory` are not
    flagged.

    ## Why is this bad?
    A secret with a default is never required: a deployment that forgets
    to set it starts with the value from the source code, which everyone
    with access to the repository knows (seed 003: secrets are required,
    fail fast at start-up).

    ## Example
    ```python
    from pydantic import SecretStr
    from pydantic_settings import BaseSettings

    class Settings(BaseSettings):
        secret_key: SecretStr = SecretStr("change-me")
    ```

    ## Use instead
    ```python
    from pydantic import SecretStr
    from pydantic_settings import BaseSettings

    class Settings(BaseSettings):
        secret_key: SecretStr
    ```

    ## Fix safety
    No fix: removing the default makes start-up fail where the variable is
    not set, which is the point but must be a deliberate change.
    """

    code = "FP310"
    name = "secret-settings-default"
    message = "settings field {name} is a secret with a literal default; make it required (no default)"

    def visit_ClassDef(self, node: ast.ClassDef, ctx: Context) -> Iterator[Finding]:
        for field in settings_fields(node, ctx):
            assert isinstance(field.target, ast.Name)
            name = field.target.id
            if field.value is None or not secret_name(name):
                continue
            if annotation_kind(field.annotation, ctx) not in ("str", "secret"):
                continue
            if _literal_default(field.value, ctx):
                yield self.report(field.value, name=name)


def _literal_default(value: ast.expr, ctx: Context) -> bool:
    if isinstance(value, ast.Constant):
        return isinstance(value.value, str) and value.value.strip() != ""
    if isinstance(value, ast.Call):
        qualname = ctx.qualified_name(value.func)
        if qualname in _SECRET_TYPES and len(value.args) == 1:
            return _literal_default(value.args[0], ctx)
        if qualname in _FIELDS:
            default = (
                value.args[0] if value.args else next((k.value for k in value.keywords if k.arg == "default"), None)
            )
            return default is not None and _literal_default(default, ctx)
    return False
