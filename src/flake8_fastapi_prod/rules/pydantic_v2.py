"""What the Pydantic rules share: which classes are models, V1 config keys."""

from __future__ import annotations

import ast

from flake8_fastapi_prod.context import Context

MODEL_BASES = frozenset(
    {
        "pydantic.BaseModel",
        "pydantic.RootModel",
        "pydantic.generics.GenericModel",
        "pydantic_settings.BaseSettings",
        "pydantic.BaseSettings",
        "sqlmodel.SQLModel",
    }
)
SETTINGS_BASES = frozenset({"pydantic_settings.BaseSettings", "pydantic.BaseSettings"})

# pydantic 2.14, pydantic/_internal/_config.py: V2_RENAMED_KEYS, except
# allow_population_by_field_name, which maps to populate_by_name (valid on
# every 2.x; validate_by_name only exists from 2.11 on).
RENAMED_CONFIG_KEYS: dict[str, str] = {
    "allow_population_by_field_name": "populate_by_name",
    "anystr_lower": "str_to_lower",
    "anystr_strip_whitespace": "str_strip_whitespace",
    "anystr_upper": "str_to_upper",
    "keep_untouched": "ignored_types",
    "max_anystr_length": "str_max_length",
    "min_anystr_length": "str_min_length",
    "orm_mode": "from_attributes",
    "schema_extra": "json_schema_extra",
    "validate_all": "validate_default",
}
# pydantic 2.14 V2_REMOVED_KEYS, less allow_mutation (it became frozen).
REMOVED_CONFIG_KEYS = frozenset(
    {
        "copy_on_model_validation",
        "error_msg_templates",
        "fields",
        "getter_dict",
        "json_dumps",
        "json_loads",
        "post_init_call",
        "smart_union",
        "underscore_attrs_are_private",
    }
)


def model_kind(cls: ast.ClassDef, ctx: Context) -> str | None:
    """``"settings"``, ``"model"`` or None for a class statement seen in
    ``ctx.scope``. V1 models (``pydantic.v1``) are not V2 models."""
    bases = ctx.resolver.base_qualnames(cls, ctx.scope)
    if any(base.startswith("pydantic.v1.") for base in bases):
        return None
    if bases & SETTINGS_BASES:
        return "settings"
    if bases & MODEL_BASES:
        return "model"
    return None
