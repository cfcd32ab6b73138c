"""Names Pydantic 2 removed, moved or deprecated: FP320's table.

Built from the migration guide's tables (pydantic 2.14,
``pydantic/_migration.py``: MOVED_IN_V2, DEPRECATED_MOVED_IN_V2,
REDIRECT_TO_V1, REMOVED_IN_V2) and checked name by name: every V1 public
name of every V1 module (``pydantic.v1.<module>``) was imported from
``pydantic.<module>`` on pydantic 2.14.4 in a fresh interpreter with
``-W error``. ``removed``: the import raises (PydanticImportError or
ImportError). ``deprecated``: it imports, and the import or the first use
warns (PydanticDeprecatedSince20).

Names other codes own are left out: ``BaseSettings`` (FP305),
``GenericModel`` (FP312), ``Constrained*`` (FP315), ``parse_obj_as`` & co.
(FP316), ``validate_arguments`` (FP317), ``validator`` /
``root_validator`` (FP303).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class V1Name:
    kind: str  # "removed" or "deprecated"
    home: str = ""  # where it lives in V2 / what to write instead, for the message
    #: How the fix rewrites it: "" (no fix), "ellipsis" (uses become ``...``),
    #: "extra" (``Extra.forbid`` uses become ``"forbid"``), "rename" (uses
    #: become ``new_name`` imported from ``new_module``), "move" (the import
    #: names ``new_module.new_name`` instead; uses unchanged).
    fix: str = ""
    new_module: str = ""
    new_name: str = ""


REMOVED = "removed"
DEPRECATED = "deprecated"

#: Names other codes report.
OWNED_ELSEWHERE: frozenset[str] = frozenset(
    {
        "pydantic.BaseSettings",
        "pydantic.env_settings.BaseSettings",
        "pydantic.generics.GenericModel",
        "pydantic.validate_arguments",
        "pydantic.decorator.validate_arguments",
        "pydantic.validator",
        "pydantic.root_validator",
        "pydantic.class_validators.validator",
        "pydantic.class_validators.root_validator",
        *(
            f"{module}.{name}"
            for module in ("pydantic", "pydantic.tools")
            for name in ("parse_obj_as", "parse_raw_as", "parse_file_as", "schema_of", "schema_json_of")
        ),
        *(
            f"{module}.Constrained{kind}"
            for module in ("pydantic", "pydantic.types")
            for kind in ("Bytes", "Date", "Decimal", "Float", "FrozenSet", "Int", "List", "Set", "Str")
        ),
    }
)

_OPTIONAL = "typing.Optional"

NAMES: dict[str, V1Name] = {
    # -- removed from the top-level package (and pydantic.types) ------------
    "pydantic.Required": V1Name(REMOVED, "`...` (Ellipsis) as the default", fix="ellipsis"),
    "pydantic.fields.Required": V1Name(REMOVED, "`...` (Ellipsis) as the default", fix="ellipsis"),
    **{
        f"{module}.{name}": V1Name(REMOVED, home)
        for module in ("pydantic", "pydantic.types")
        for name, home in (
            ("NoneStr", f"`{_OPTIONAL}[str]`"),
            ("NoneBytes", f"`{_OPTIONAL}[bytes]`"),
            ("StrBytes", "`typing.Union[str, bytes]`"),
            ("NoneStrBytes", f"`{_OPTIONAL}[typing.Union[str, bytes]]`"),
            ("JsonWrapper", ""),
            (
                "SecretField",
                "`pydantic.SecretStr` / `pydantic.SecretBytes`; a subclass becomes `pydantic.Secret[T]` (2.7+)",
            ),
        )
    },
    "pydantic.Protocol": V1Name(REMOVED),
    "pydantic.compiled": V1Name(REMOVED),
    "pydantic.version.compiled": V1Name(REMOVED),
    "pydantic.stricturl": V1Name(REMOVED, "`Annotated[AnyUrl, UrlConstraints(...)]`"),
    "pydantic.networks.stricturl": V1Name(REMOVED, "`Annotated[AnyUrl, UrlConstraints(...)]`"),
    "pydantic.create_model_from_namedtuple": V1Name(REMOVED, "`pydantic.TypeAdapter`"),
    "pydantic.create_model_from_typeddict": V1Name(REMOVED, "`pydantic.TypeAdapter`"),
    "pydantic.validate_model": V1Name(REMOVED, "`Model.model_validate(...)`"),
    "pydantic.main.validate_model": V1Name(REMOVED, "`Model.model_validate(...)`"),
    "pydantic.main.ModelMetaclass": V1Name(REMOVED, "no public V2 name"),
    "pydantic.main.Extra": V1Name(REMOVED, 'a string (`extra="forbid"`)'),
    "pydantic.main.BaseConfig": V1Name(REMOVED, "`pydantic.ConfigDict`"),
    # -- config ---------------------------------------------------------------
    **{
        f"pydantic.config.{name}": V1Name(REMOVED, "`pydantic.ConfigDict`")
        for name in ("get_config", "inherit_config", "prepare_config")
    },
    "pydantic.Extra": V1Name(DEPRECATED, 'a string (`extra="forbid"`)', fix="extra"),
    "pydantic.config.Extra": V1Name(DEPRECATED, 'a string (`extra="forbid"`)', fix="extra"),
    "pydantic.BaseConfig": V1Name(DEPRECATED, "`pydantic.ConfigDict`"),
    "pydantic.config.BaseConfig": V1Name(DEPRECATED, "`pydantic.ConfigDict`"),
    # -- moved ----------------------------------------------------------------
    "pydantic.PyObject": V1Name(
        DEPRECATED, "`pydantic.ImportString`", fix="rename", new_module="pydantic", new_name="ImportString"
    ),
    "pydantic.types.PyObject": V1Name(
        DEPRECATED, "`pydantic.ImportString`", fix="rename", new_module="pydantic", new_name="ImportString"
    ),
    "pydantic.color.Color": V1Name(
        DEPRECATED,
        "`pydantic_extra_types.color.Color` (package pydantic-extra-types)",
        fix="move",
        new_module="pydantic_extra_types.color",
        new_name="Color",
    ),
    "pydantic.error_wrappers.ValidationError": V1Name(
        DEPRECATED, "`pydantic.ValidationError`", fix="move", new_module="pydantic", new_name="ValidationError"
    ),
    "pydantic.utils.to_camel": V1Name(
        DEPRECATED,
        "`pydantic.alias_generators.to_pascal`",
        fix="move",
        new_module="pydantic.alias_generators",
        new_name="to_pascal",
    ),
    "pydantic.utils.to_lower_camel": V1Name(
        DEPRECATED,
        "`pydantic.alias_generators.to_camel`",
        fix="move",
        new_module="pydantic.alias_generators",
        new_name="to_camel",
    ),
    "pydantic.utils.version_info": V1Name(
        DEPRECATED,
        "`pydantic.version.version_info`",
        fix="move",
        new_module="pydantic.version",
        new_name="version_info",
    ),
    # pydantic_encoder -> to_jsonable_python is not the same function:
    # Decimal("1.5") gives 1.5 vs "1.5", timedelta 90.0 vs "PT1M30S", an
    # unknown type TypeError vs PydanticSerializationError (a ValueError).
    "pydantic.json.pydantic_encoder": V1Name(
        DEPRECATED,
        "`pydantic_core.to_jsonable_python` (not a drop-in: Decimal, timedelta and errors differ)",
    ),
    "pydantic.json.custom_pydantic_encoder": V1Name(DEPRECATED, "`pydantic_core.to_jsonable_python`"),
    "pydantic.json.timedelta_isoformat": V1Name(DEPRECATED),
    # -- pydantic.utils: V2 redirects these to pydantic.v1.utils and warns;
    # importing them from there is the same object without the warning --
    **{
        f"pydantic.utils.{name}": V1Name(
            DEPRECATED,
            f"`pydantic.v1.utils.{name}` (the object V2 returns for the old name)",
            fix="move",
            new_module="pydantic.v1.utils",
            new_name=name,
        )
        for name in (
            "deep_update",
            "GetterDict",
            "lenient_issubclass",
            "lenient_isinstance",
            "is_valid_field",
            "update_not_none",
            "import_string",
            "Representation",
            "ROOT_KEY",
            "smart_deepcopy",
            "sequence_like",
        )
    },
    "pydantic.error_wrappers.ErrorWrapper": V1Name(
        REMOVED, "`pydantic_core.PydanticCustomError` (raised in a validator)"
    ),
    # -- fields -------------------------------------------------------------------
    "pydantic.fields.ModelField": V1Name(REMOVED, "`pydantic.fields.FieldInfo` (`Model.model_fields`)"),
    "pydantic.fields.Undefined": V1Name(REMOVED, "`pydantic_core.PydanticUndefined`"),
    "pydantic.fields.UndefinedType": V1Name(REMOVED, "`pydantic_core.PydanticUndefinedType`"),
    "pydantic.fields.DeferredType": V1Name(REMOVED),
    "pydantic.fields.MAPPING_LIKE_SHAPES": V1Name(REMOVED),
    "pydantic.fields.is_finalvar_with_default_val": V1Name(REMOVED),
    # -- decorator: the module is a stub; this one has a V2 counterpart --------
    "pydantic.decorator.ValidatedFunction": V1Name(
        REMOVED,
        "`pydantic.validate_call`; `pydantic.v1.decorator.ValidatedFunction` keeps the V1 class (V1 models only)",
    ),
    "pydantic.fields.ErrorWrapper": V1Name(REMOVED),
    "pydantic.fields.Validator": V1Name(REMOVED),
    # -- dataclasses ----------------------------------------------------------
    **{
        f"pydantic.dataclasses.{name}": V1Name(REMOVED)
        for name in (
            "set_validation",
            "create_pydantic_model_from_dataclass",
            "is_builtin_dataclass",
            "make_dataclass_validator",
        )
    },
    # -- color ------------------------------------------------------------------
    "pydantic.color.ColorError": V1Name(REMOVED),
}

#: V1 modules that V2 keeps as empty stubs: every name not in NAMES (or
#: owned by another code) raises at import. Value: what V2 has instead.
STUB_MODULES: dict[str, str] = {
    "pydantic.typing": "`typing` / `typing_extensions`",
    "pydantic.utils": "",
    "pydantic.datetime_parse": "`pydantic.TypeAdapter(datetime).validate_python(...)`",
    "pydantic.validators": "",
    "pydantic.parse": "",
    "pydantic.schema": "`pydantic.json_schema` / `Model.model_json_schema()`",
    "pydantic.env_settings": "`pydantic_settings`",
    "pydantic.error_wrappers": "",
    "pydantic.class_validators": "",
    "pydantic.json": "`pydantic_core.to_jsonable_python`",
    "pydantic.tools": "`pydantic.TypeAdapter`",
    "pydantic.decorator": "`pydantic.validate_call`",
    "pydantic.generics": "",
    # Not even a stub: ModuleNotFoundError.
    "pydantic.annotated_types": "`pydantic.TypeAdapter` on the TypedDict / NamedTuple",
}

#: pydantic.errors: V2 keeps only its own errors; the V1 error classes
#: (``PydanticValueError``, ``MissingError``, ...) were all removed. These
#: are the V2 ones.
V2_ERRORS: frozenset[str] = frozenset(
    {
        "PydanticErrorCodes",
        "PydanticErrorMixin",
        "PydanticUserError",
        "PydanticUndefinedAnnotation",
        "PydanticImportError",
        "PydanticSchemaGenerationError",
        "PydanticInvalidForJsonSchema",
        "PydanticForbiddenQualifier",
    }
)

EXTRA_MEMBERS = frozenset({"allow", "ignore", "forbid"})


def lookup(qualname: str) -> V1Name | None:
    """The entry for a raw dotted name (``pydantic.config.Extra``), or None
    when the name is fine in V2 or another code reports it."""
    if qualname in OWNED_ELSEWHERE or qualname.startswith("pydantic.v1"):
        return None
    entry = NAMES.get(qualname)
    if entry is not None:
        return entry
    module, _, name = qualname.rpartition(".")
    if not name or name.startswith("__"):
        return None
    if module in STUB_MODULES:
        return V1Name(REMOVED, STUB_MODULES[module])
    if module == "pydantic.errors" and name not in V2_ERRORS and name[:1].isupper():
        return V1Name(REMOVED, "`ValueError` or `pydantic_core.PydanticCustomError` (raised in a validator)")
    if module == "pydantic.fields" and name.startswith("SHAPE_"):
        return V1Name(REMOVED)
    return None
