from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import ON_PYDANTIC2, Finding, Gate, Rule
from flake8_fastapi_prod.rules.pydantic.common import (
    CONFIG_DICT_QUALNAMES,
    DEPRECATED_CONFIG_ADVICE,
    REMOVED_CONFIG_ADVICE,
    config_dict_call,
    model_config_dicts,
    model_kind,
)


class RemovedConfigKey(Rule):
    """A Pydantic V1 config key that has no V2 equivalent.

    ## What it does
    Flags the V1 config keys Pydantic 2 removed (`fields`, `getter_dict`,
    `smart_union`, `underscore_attrs_are_private`,
    `copy_on_model_validation`, `error_msg_templates`, `json_loads`,
    `json_dumps`, `post_init_call`) in a model's `class Config`, in
    `ConfigDict(...)` / `SettingsConfigDict(...)`, or in a
    `model_config = {...}` dict, and `json_encoders`, which V2 still
    applies but deprecates. The message says what to do instead.

    ## Why is this bad?
    Pydantic 2 ignores these keys (verified on 2.14.4: a UserWarning "Valid
    config keys have changed in V2" at class creation, then the key has no
    effect): `fields = {"id": {"alias": "ID"}}` no longer sets the alias,
    `json_loads` is never called. `json_encoders` still works on 2.14.4
    (applied by `model_dump_json()` and `model_dump(mode="json")`), but
    warns `PydanticDeprecatedSince20` at the creation of the model and of
    every subclass that inherits the config, so a migrated tree keeps
    warning at import; V3 removes it.

    ## Example
    ```python
    from pydantic import BaseModel, ConfigDict

    class Event(BaseModel):
        model_config = ConfigDict(fields={"id": {"alias": "ID"}})

        id: int
    ```

    ## Use instead
    ```python
    from pydantic import BaseModel, Field

    class Event(BaseModel):
        id: int = Field(alias="ID")
    ```

    ## Fix safety
    No fix: the replacement depends on what the key did. FP301's fix of a
    `class Config` writes a `# TODO(FP314)` comment with the dropped key in
    place of the key, so the V2 code does not silently keep it. It keeps
    `json_encoders` in the `ConfigDict` (it still works), and FP314 then
    reports it there: a serializer per type (`@field_serializer` on the
    fields of that type, or `Annotated[T, PlainSerializer(f,
    when_used="json")]`) is a per-field rewrite no code does for you.
    """

    code = "FP314"
    gates = {"Call": Gate(qualnames=CONFIG_DICT_QUALNAMES)}
    name = "removed-config-key"
    message = "config key {key!r} {what}: {advice}"
    default = ON_PYDANTIC2

    def _key(self, node: ast.AST, key: object) -> Iterator[Finding]:
        if key in REMOVED_CONFIG_ADVICE:
            what = "has no Pydantic V2 equivalent and is ignored"
            yield self.report(node, key=key, what=what, advice=REMOVED_CONFIG_ADVICE[str(key)])
        elif key in DEPRECATED_CONFIG_ADVICE:
            what = "is deprecated in Pydantic V2"
            yield self.report(node, key=key, what=what, advice=DEPRECATED_CONFIG_ADVICE[str(key)])

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        if config_dict_call(node, ctx) is None:
            return
        for keyword in node.keywords:
            yield from self._key(keyword, keyword.arg)

    def visit_ClassDef(self, node: ast.ClassDef, ctx: Context) -> Iterator[Finding]:
        configs = [s for s in node.body if isinstance(s, ast.ClassDef) and s.name == "Config"]
        dicts = model_config_dicts(node)
        if not (configs or dicts) or model_kind(node, ctx) is None:
            return
        for config in configs:
            for statement in config.body:
                targets = (
                    statement.targets
                    if isinstance(statement, ast.Assign)
                    else [statement.target]
                    if isinstance(statement, ast.AnnAssign)
                    else []
                )
                for target in targets:
                    if isinstance(target, ast.Name):
                        yield from self._key(statement, target.id)
        for mapping in dicts:
            for key in mapping.keys:
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    yield from self._key(key, key.value)
