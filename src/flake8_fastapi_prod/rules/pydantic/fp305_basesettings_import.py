from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import ON_PYDANTIC2, Finding, FixSafety, Gate, Rule
from flake8_fastapi_prod.rules.pydantic.common import compat_guarded

#: Where Pydantic V1 code imports BaseSettings from.
V1_MODULES = frozenset({"pydantic", "pydantic.env_settings"})


class BaseSettingsFromPydantic(Rule):
    """`BaseSettings` imported from `pydantic`.

    ## What it does
    Flags `from pydantic import BaseSettings` (also with `as`, and from
    `pydantic.env_settings`) and `pydantic.BaseSettings` used through
    `import pydantic`. A deliberate V1/V2 compatibility shim is not
    flagged: a `try` that catches `ImportError` (or broader) and imports
    from `pydantic_settings` in one of its branches, or an `if` (statement
    or expression) that tests the Pydantic version (`PYDANTIC_V2`,
    `pydantic.VERSION`, `hasattr(pydantic, "BaseSettings")`) or imports
    from `pydantic_settings` in its other branch. Other guards are
    flagged: `if TYPE_CHECKING:`, an unrelated condition, a `try` whose
    handler only re-raises or falls back to something other than
    `pydantic_settings` (on V2 the settings class is then not the
    settings class). On a project that targets Pydantic 1 the import is
    right and is a migration finding (`--select FP3`).

    ## Why is this bad?
    Pydantic V2 moved settings to the `pydantic-settings` package: the import
    raises `PydanticImportError: BaseSettings has been moved to the
    pydantic-settings package` and the application does not start.

    ## Example
    ```python
    from pydantic import BaseSettings, Field

    class Settings(BaseSettings):
        database_url: str = Field(...)
    ```

    ## Use instead
    ```python
    from pydantic import Field
    from pydantic_settings import BaseSettings

    class Settings(BaseSettings):
        database_url: str = Field(...)
    ```

    ## Fix safety
    Safe: the name is imported from `pydantic_settings` instead (keeping an
    `as` alias), or `pydantic.BaseSettings` becomes
    `pydantic_settings.BaseSettings` with `import pydantic_settings`
    added. No fix for a function-local import of several names. Add
    `pydantic-settings` to the project's dependencies.
    """

    code = "FP305"
    gates = {"Attribute": Gate(keys=frozenset({"BaseSettings"}))}
    name = "basesettings-from-pydantic"
    message = (
        "BaseSettings is not in pydantic V2 (PydanticImportError at import); "
        "import it from pydantic_settings (package pydantic-settings){note}"
    )
    default = ON_PYDANTIC2
    fix_safety = FixSafety.SAFE

    def visit_ImportFrom(self, node: ast.ImportFrom, ctx: Context) -> Iterator[Finding]:
        if node.level or node.module not in V1_MODULES or _guarded(ctx):
            return
        for alias in node.names:
            if alias.name == "BaseSettings":
                only = len(node.names) == 1
                # Splitting a function-local import would add a module-level one.
                fixable = only or ctx.scope is ctx.module.scope
                note = "" if fixable else " (no fix: a local import of several names)"
                data = {"asname": alias.asname, "only": only}
                yield self.report(node, fixable=fixable, fix_data=data, note=note)

    def visit_Attribute(self, node: ast.Attribute, ctx: Context) -> Iterator[Finding]:
        if node.attr != "BaseSettings" or ctx.qualified_name(node.value) not in V1_MODULES or _guarded(ctx):
            return
        fixable = ctx.name_is_free("pydantic_settings") or ctx.qualified_name(ast.Name("pydantic_settings")) == (
            "pydantic_settings"
        )
        note = "" if fixable else " (no fix: the name pydantic_settings is taken here)"
        yield self.report(node, fixable=fixable, fix_data={"attribute": True}, note=note)

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        data = finding.data()
        if data.get("attribute"):
            if not isinstance(node, cst.Attribute):
                return None
            fix_ctx.add_import("pydantic_settings")
            return node.with_changes(value=cst.Name("pydantic_settings"))
        if not isinstance(node, cst.ImportFrom) or isinstance(node.names, cst.ImportStar):
            return None
        if data["only"]:
            return node.with_changes(module=cst.Name("pydantic_settings"), relative=[])
        names = [a for a in node.names if not (isinstance(a.name, cst.Name) and a.name.value == "BaseSettings")]
        if len(names) == len(node.names):
            return None
        names[-1] = names[-1].with_changes(comma=node.names[-1].comma)
        fix_ctx.add_import("pydantic_settings", "BaseSettings", data["asname"])
        return node.with_changes(names=names)


def _guarded(ctx: Context) -> bool:
    """A V1/V2 shim: a ``try`` / ``except ImportError`` that also imports
    from pydantic_settings, or an ``if`` on the Pydantic version."""
    return compat_guarded(ctx, ("pydantic_settings",))
