from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import ON_PYDANTIC2, Finding, FixSafety, Gate, Rule
from flake8_fastapi_prod.rules.pydantic.common import (
    CONFIG_DICT_QUALNAMES,
    RENAMED_CONFIG_KEYS,
    SpanNode,
    config_dict_call,
    model_config_dicts,
    model_kind,
)


def v2_key(key: str) -> str | None:
    """The V2 name of a renamed V1 config key (``allow_mutation``: ``frozen``)."""
    return "frozen" if key == "allow_mutation" else RENAMED_CONFIG_KEYS.get(key)


class V1ConfigKey(Rule):
    """A Pydantic V1 config key in a V2 `ConfigDict` or `model_config` dict.

    ## What it does
    Flags a V1 key (`orm_mode`, `allow_population_by_field_name`,
    `anystr_strip_whitespace`, `schema_extra`, `validate_all`,
    `allow_mutation`, `max_anystr_length`, `min_anystr_length`,
    `keep_untouched`, `anystr_lower`, `anystr_upper`) given to
    `pydantic.ConfigDict(...)` or `pydantic_settings.SettingsConfigDict(...)`,
    or written as a key of a `model_config = {...}` dict in a model class.
    A `class Config` is FP301's.

    ## Why is this bad?
    Pydantic 2 does not translate V1 keys in a V2 config: verified on
    2.14.4, `ConfigDict(orm_mode=True)` only warns "Valid config keys have
    changed in V2" and `from_attributes` stays unset, so
    `Model.model_validate(orm_object)` fails.

    ## Example
    ```python
    from pydantic import BaseModel, ConfigDict

    class UserOut(BaseModel):
        model_config = ConfigDict(orm_mode=True)

        id: int
    ```

    ## Use instead
    ```python
    from pydantic import BaseModel, ConfigDict

    class UserOut(BaseModel):
        model_config = ConfigDict(from_attributes=True)

        id: int
    ```

    ## Fix safety
    Safe: the key is renamed (`orm_mode` -> `from_attributes`,
    `allow_population_by_field_name` -> `populate_by_name`, `schema_extra`
    -> `json_schema_extra`, `validate_all` -> `validate_default`, ...);
    `allow_mutation=False` becomes `frozen=True`. No fix when the V2 key is
    already given too. Keys with no V2 equivalent are FP314's.
    """

    code = "FP302"
    gates = {"Call": Gate(qualnames=CONFIG_DICT_QUALNAMES)}
    name = "v1-config-key"
    message = "V1 config key {key!r} is ignored by Pydantic V2; use {new!r}{note}"
    default = ON_PYDANTIC2
    fix_safety = FixSafety.SAFE

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        if config_dict_call(node, ctx) is None:
            return
        given = {k.arg for k in node.keywords if k.arg}
        for keyword in node.keywords:
            new = v2_key(keyword.arg or "")
            if keyword.arg is None or new is None:
                continue
            note = f" (no fix: {new} is given too)" if new in given else ""
            data = {"key": keyword.arg, "new": new, "value": _flipped(keyword.value)}
            if keyword.arg == "allow_mutation" and data["value"] is None:
                note = note or " (no fix: allow_mutation is not a literal True or False)"
            yield self.report(keyword, fixable=not note, fix_data=data, key=keyword.arg, new=new, note=note)

    def visit_ClassDef(self, node: ast.ClassDef, ctx: Context) -> Iterator[Finding]:
        dicts = model_config_dicts(node)
        if not dicts or model_kind(node, ctx) is None:
            return
        for mapping in dicts:
            given = {k.value for k in mapping.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}
            for key, value in zip(mapping.keys, mapping.values, strict=True):
                if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                    continue
                new = v2_key(key.value)
                if new is None:
                    continue
                note = f" (no fix: {new} is given too)" if new in given else ""
                data = {"key": key.value, "new": new, "value": _flipped(value), "dict": True}
                if key.value == "allow_mutation" and data["value"] is None:
                    note = note or " (no fix: allow_mutation is not a literal True or False)"
                yield self.report(
                    key, target=SpanNode(key, value), fixable=not note, fix_data=data, key=key.value, new=new, note=note
                )

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        data = finding.data()
        flipped = data["value"]
        if data.get("dict"):
            if not isinstance(node, cst.DictElement) or not isinstance(node.key, cst.SimpleString):
                return None
            quote = node.key.quote
            node = node.with_changes(key=node.key.with_changes(value=f"{quote}{data['new']}{quote}"))
        else:
            if not isinstance(node, cst.Arg) or node.keyword is None:
                return None
            node = node.with_changes(keyword=cst.Name(data["new"]))
        if data["key"] == "allow_mutation":
            node = node.with_changes(value=cst.Name(flipped))
        return node


def _flipped(value: ast.expr) -> str | None:
    """``allow_mutation=False`` is ``frozen=True``."""
    if isinstance(value, ast.Constant) and isinstance(value.value, bool):
        return str(not value.value)
    return None
