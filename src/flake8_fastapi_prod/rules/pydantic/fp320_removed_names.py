from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import ON_PYDANTIC2, Finding, FixSafety, Gate, Rule
from flake8_fastapi_prod.resolve import Scope
from flake8_fastapi_prod.rules.pydantic.common import (
    compat_guarded,
    import_qualname,
    note_pydantic_import,
    pydantic_bound_names,
    raw_dotted,
)
from flake8_fastapi_prod.rules.pydantic.v1_names import EXTRA_MEMBERS, REMOVED, V1Name, lookup

#: Fixes that rewrite each use of the name (the import goes once unused).
_USE_FIXES = frozenset({"ellipsis", "extra", "rename"})


#: V1 hooks of a custom type: (the V2 hook that replaces it, what, effect,
#: advice). Verified on 2.14.4: with only ``__get_validators__`` a model
#: using the type warns PydanticDeprecatedSince20 at class creation and
#: calls each yielded validator as ``validator(value, info)`` (a V1
#: ``validate(cls, v)`` raises TypeError at validation); with
#: ``__modify_schema__`` the model class raises PydanticUserError. A class
#: that also defines the V2 hook works (V2 ignores the V1 one).
_V1_HOOKS: dict[str, tuple[str, str, str, str]] = {
    "__get_validators__": (
        "__get_pydantic_core_schema__",
        "is deprecated",
        "PydanticDeprecatedSince20 where a model uses the type; each validator it yields is called with (value, info)",
        "; define __get_pydantic_core_schema__(cls, source, handler) returning e.g."
        " core_schema.no_info_plain_validator_function(cls.validate)",
    ),
    "__modify_schema__": (
        "__get_pydantic_json_schema__",
        "was removed",
        "PydanticUserError where a model uses the type",
        "; define __get_pydantic_json_schema__(cls, core_schema, handler): json_schema = handler(core_schema),"
        " update and return it",
    ),
}


class RemovedPydanticName(Rule):
    """A name Pydantic 2 removed, moved or deprecated (`Required`, `Extra`, `pydantic.typing`, ...).

    ## What it does
    Flags imports and uses of the V1 names that Pydantic 2 removed (the
    import raises `PydanticImportError` or `ImportError`: `Required`,
    `NoneStr`, `NoneBytes`, `StrBytes`, `stricturl`, `validate_model`,
    `pydantic.error_wrappers.ErrorWrapper`, the V1 error classes of
    `pydantic.errors`, `pydantic.fields.ModelField` / `Undefined`,
    `pydantic.main.ModelMetaclass`, everything in `pydantic.typing`,
    `pydantic.datetime_parse`, `pydantic.validators`, `pydantic.schema`,
    ...) and the ones it deprecated (they import, then warn
    `PydanticDeprecatedSince20`: `PyObject`, `Extra`, `BaseConfig`,
    `pydantic.color.Color`, `pydantic.json.pydantic_encoder`,
    `pydantic.error_wrappers.ValidationError`, `pydantic.utils.to_camel`,
    `pydantic.utils.deep_update`, ...). The table is the migration guide's
    (pydantic's `_migration.py`), checked by importing every V1 public
    name on pydantic 2.14.4. Imported with `from pydantic... import`, or
    reached through `import pydantic as pd` (`pd.Required`). Names under
    `pydantic.v1` are right and never flagged; imports in a `try` that
    catches ImportError, or under an `if` on the Pydantic version, are a
    compatibility shim and are not flagged. `BaseSettings` (FP305),
    `GenericModel` (FP312), `Constrained*` (FP315), `parse_obj_as` & co.
    (FP316), `validate_arguments` (FP317) and `validator` (FP303) are
    reported by their own codes.

    Also flags the V1 hooks a custom type defines, without a fix:
    `__get_validators__` (deprecated; V2 calls each validator it yields as
    `validator(value, info)`, so a V1 `validate(cls, v)` raises TypeError
    at validation) and `__modify_schema__` (removed: a model using the
    type raises `PydanticUserError` at class creation). The message names
    the V2 hook, `__get_pydantic_core_schema__` /
    `__get_pydantic_json_schema__`. Not flagged when the class defines the
    V2 hook too (V2 then ignores the V1 one), when the module imports
    `pydantic.v1`, or under a version shim. Verified on 2.14.4.

    ## Why is this bad?
    A removed name makes the module fail at import on Pydantic 2 (with
    `from pydantic import Required`, FastAPI 0.99's own tutorial apps do
    not start after a migration that fixed everything else). A deprecated
    name warns at every use and goes in V3.

    ## Example
    ```python
    from pydantic import BaseModel, Extra, Field, Required

    class Item(BaseModel, extra=Extra.forbid):
        name: str = Field(Required, max_length=50)
    ```

    ## Use instead
    ```python
    from pydantic import BaseModel, Field

    class Item(BaseModel, extra="forbid"):
        name: str = Field(..., max_length=50)
    ```

    ## Fix safety
    Safe where the V2 spelling is the same object or value: `Required`
    becomes `...` (it was `Ellipsis` in V1), `Extra.forbid` / `.allow` /
    `.ignore` become `"forbid"` / `"allow"` / `"ignore"` (V1's `Extra` is a
    `str` enum), `PyObject` becomes `ImportString`,
    `pydantic.color.Color` is imported from `pydantic_extra_types.color`
    (add the `pydantic-extra-types` package; same behaviour, verified on
    named, hex and rgb colours), `pydantic.error_wrappers.ValidationError`
    from `pydantic`, `pydantic.utils.to_camel` / `to_lower_camel` /
    `version_info` from `pydantic.alias_generators` (as `to_pascal` /
    `to_camel`, the functions V2 already returns for the old names) and
    `pydantic.version`; `deep_update`, `lenient_issubclass` and the other
    `pydantic.utils` names V2 redirects to `pydantic.v1.utils` (warning
    each time) are imported from `pydantic.v1.utils`: the same object,
    without the warning. The import is dropped once nothing uses it. No fix
    for `pydantic_encoder`: `pydantic_core.to_jsonable_python` encodes
    `Decimal` as a string and `timedelta` as ISO 8601 where V1 wrote
    numbers, and raises `PydanticSerializationError` (a `ValueError`)
    instead of `TypeError` (verified on 2.14.4). No fix for the other
    names, which have no one-to-one V2 spelling.
    """

    code = "FP320"
    gates = {"Name": Gate(keys_from=pydantic_bound_names)}
    name = "removed-pydantic-name"
    message = "`{name}` {what} in Pydantic V2 ({effect}){home}{note}"
    default = ON_PYDANTIC2
    fix_safety = FixSafety.SAFE

    def _message(self, qualname: str, entry: V1Name, note: str = "") -> dict[str, str]:
        removed = entry.kind == REMOVED
        return {
            "name": qualname,
            "what": "was removed" if removed else "is deprecated",
            "effect": "import error" if removed else "PydanticDeprecatedSince20",
            "home": f"; use {entry.home}" if entry.home else "",
            "note": note,
        }

    # -- from pydantic import Required -------------------------------------------

    def visit_Import(self, node: ast.Import, ctx: Context) -> Iterator[Finding]:
        note_pydantic_import(node, ctx)
        return iter(())

    def visit_ImportFrom(self, node: ast.ImportFrom, ctx: Context) -> Iterator[Finding]:
        note_pydantic_import(node, ctx)
        module = node.module
        if node.level or not module or not (module == "pydantic" or module.startswith("pydantic.")):
            return
        entries = [(alias, lookup(f"{module}.{alias.name}")) for alias in node.names]
        if not any(entry for _, entry in entries) or compat_guarded(ctx):
            return
        module_level = ctx.scope is ctx.module.scope
        for alias, entry in entries:
            if entry is None:
                continue
            qualname = f"{module}.{alias.name}"
            fixable, note, data = False, "", {}
            if entry.fix == "move":
                only = len(node.names) == 1
                fixable = only or module_level
                note = "" if fixable else " (no fix: a local import of several names)"
                data = {"move": True, "only": only, "name": alias.name, "asname": alias.asname}
                data |= {"new_module": entry.new_module, "new_name": entry.new_name}
            elif entry.fix in _USE_FIXES:
                reason = self._unfixable_uses(alias, entry, ctx) if module_level else "a local import"
                fixable = not reason
                note = f" (no fix: {reason})" if reason else ""
                data = {"drop": True, "module": module, "name": alias.name}
            elif entry.kind == REMOVED:
                note = " (no fix: no one-to-one V2 spelling)"
            yield self.report(
                alias, target=node, fixable=fixable, fix_data=data, **self._message(qualname, entry, note)
            )

    def _unfixable_uses(self, alias: ast.alias, entry: V1Name, ctx: Context) -> str:
        if alias.asname:
            return "imported under another name"
        for name in ctx.module.nodes(ast.Name):
            if name.id != alias.name or not isinstance(name.ctx, ast.Load):
                continue
            scope = ctx.module.scope_of(name)
            if import_qualname(name.id, scope) is None:
                # The fixer keeps an import while its name is read anywhere.
                return f"the name {name.id} is also used for something else"
            if self._use_fix(name, entry, scope, ctx)[0] is None:
                return "a use has no V2 spelling"
        return ""

    # -- uses: Required, Extra.forbid, PyObject, pd.Required ---------------------

    def visit_Name(self, node: ast.Name, ctx: Context) -> Iterator[Finding]:
        if not isinstance(node.ctx, ast.Load) or node.id not in pydantic_bound_names(ctx):
            return
        qualname = import_qualname(node.id, ctx.scope)
        if qualname is not None and qualname.startswith("pydantic."):
            entry = lookup(qualname)
            if entry is not None and entry.fix in _USE_FIXES:
                yield from self._report_use(node, qualname, entry, ctx)
        # ``pydantic.fields.ModelField``, ``pd.Extra``: the attributes read
        # from this name, found from it (the walk's gates let through only
        # names bound to pydantic, not every attribute of the module).
        child: ast.expr = node
        for ancestor in reversed(ctx.ancestors):
            if not (isinstance(ancestor, ast.Attribute) and ancestor.value is child):
                break
            yield from self._attribute_use(ancestor, ctx)
            child = ancestor

    def _attribute_use(self, node: ast.Attribute, ctx: Context) -> Iterator[Finding]:
        qualname = raw_dotted(node, ctx.scope)
        if qualname is None or not qualname.startswith("pydantic."):
            return
        base = raw_dotted(node.value, ctx.scope)
        if base is None or lookup(base) is not None:
            return  # ``pydantic.Extra.forbid``: reported at ``pydantic.Extra``
        entry = lookup(qualname)
        if entry is None:
            return
        yield from self._report_use(node, qualname, entry, ctx)

    def _report_use(
        self, node: ast.Name | ast.Attribute, qualname: str, entry: V1Name, ctx: Context
    ) -> Iterator[Finding]:
        if compat_guarded(ctx):
            return
        target, data = self._use_fix(node, entry, ctx.scope, ctx)
        fixable = target is not None
        note = "" if fixable or not entry.fix else " (no fix here)"
        yield self.report(
            node,
            target=target if target is not None else node,
            fixable=fixable,
            fix_data=data,
            **self._message(qualname, entry, note),
        )

    def _use_fix(
        self, node: ast.Name | ast.Attribute, entry: V1Name, scope: Scope, ctx: Context
    ) -> tuple[ast.AST | None, dict[str, Any]]:
        """The node a use's fix rewrites and what it writes, or (None, {})."""
        parent = ctx.module.parents.get(id(node))
        if entry.fix == "ellipsis":
            return node, {"write": "..."}
        if entry.fix == "extra":
            if isinstance(parent, ast.Attribute) and parent.value is node and parent.attr in EXTRA_MEMBERS:
                outer = ctx.module.parents.get(id(parent))
                if isinstance(outer, ast.Attribute) and outer.value is parent:
                    return None, {}  # ``Extra.forbid.value``
                return parent, {"write": f'"{parent.attr}"'}
            return None, {}
        if entry.fix == "rename":
            if isinstance(node, ast.Attribute):
                return node, {"attr": entry.new_name}
            bound = import_qualname(entry.new_name, scope)
            if scope.lookup(entry.new_name) and bound not in (f"{entry.new_module}.{entry.new_name}",):
                return None, {}
            return node, {"write": entry.new_name, "import": (entry.new_module, entry.new_name)}
        if entry.fix == "move" and isinstance(node, ast.Attribute):
            top = entry.new_module.split(".")[0]
            if scope.lookup(top) and import_qualname(top, scope) != top:
                return None, {}
            return node, {"write": f"{entry.new_module}.{entry.new_name}", "import_module": entry.new_module}
        return None, {}

    # -- V1 hooks of custom types: __get_validators__, __modify_schema__ -------------

    def visit_FunctionDef(self, node: ast.FunctionDef, ctx: Context) -> Iterator[Finding]:
        hook = _V1_HOOKS.get(node.name)
        if hook is None:
            return
        cls = ctx.scope.node
        if not (ctx.scope.is_class and isinstance(cls, ast.ClassDef)):
            return
        replacement, what, effect, home = hook
        defined = {s.name for s in cls.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))}
        if replacement in defined or _imports_pydantic_v1(ctx) or compat_guarded(ctx):
            return  # V2 uses its own hook (a V1/V2 compatible type), or the type is for pydantic.v1
        yield self.report(node, fixable=False, name=node.name, what=what, effect=effect, home=home, note="")

    # -- fix ------------------------------------------------------------------------

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        data = finding.data()
        if data.get("move"):
            return _move_import(node, data, fix_ctx)
        if data.get("drop"):
            if not isinstance(node, cst.ImportFrom):
                return None
            fix_ctx.remove_import_if_unused(data["module"], data["name"])
            return node
        if not isinstance(node, (cst.Name, cst.Attribute)):
            return None
        if "attr" in data:
            if not isinstance(node, cst.Attribute):
                return None
            return node.with_changes(attr=cst.Name(data["attr"]))
        if "import" in data:
            fix_ctx.add_import(*data["import"])
        if "import_module" in data:
            fix_ctx.add_import(data["import_module"])
        replacement = cst.parse_expression(data["write"])
        return replacement.with_changes(lpar=node.lpar, rpar=node.rpar)


def _move_import(node: Any, data: dict[str, Any], fix_ctx: Any) -> Any:
    import libcst as cst

    if not isinstance(node, cst.ImportFrom) or isinstance(node.names, cst.ImportStar):
        return None
    name, new_name = data["name"], data["new_name"]
    asname = data["asname"] or (name if new_name != name else None)
    new_alias = cst.ImportAlias(name=cst.Name(new_name), asname=cst.AsName(name=cst.Name(asname)) if asname else None)
    if data["only"]:
        return node.with_changes(
            module=cst.parse_expression(data["new_module"]),
            relative=[],
            names=[new_alias.with_changes(comma=node.names[0].comma)],
        )
    names = [a for a in node.names if not (isinstance(a.name, cst.Name) and a.name.value == name)]
    if len(names) == len(node.names):
        return None
    names[-1] = names[-1].with_changes(comma=node.names[-1].comma)
    fix_ctx.add_import(data["new_module"], new_name, asname)
    return node.with_changes(names=names)


def _imports_pydantic_v1(ctx: Context) -> bool:
    """The module imports from ``pydantic.v1``: its custom types serve V1 models."""

    def build() -> bool:
        for node in ast.walk(ctx.module.tree):
            if isinstance(node, ast.ImportFrom) and not node.level and node.module:
                if node.module == "pydantic.v1" or node.module.startswith("pydantic.v1."):
                    return True
                if node.module == "pydantic" and any(a.name == "v1" for a in node.names):
                    return True
            elif isinstance(node, ast.Import) and any(
                a.name == "pydantic.v1" or a.name.startswith("pydantic.v1.") for a in node.names
            ):
                return True
        return False

    return ctx.module.memo("pydantic-imports-v1", build)
