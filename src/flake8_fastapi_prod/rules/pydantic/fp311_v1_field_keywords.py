from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import ON_PYDANTIC2, Finding, FixSafety, Gate, Rule
from flake8_fastapi_prod.rules.pydantic.common import SETTINGS_BASES, pattern_fix

_FIELDS = frozenset({"pydantic.Field", "pydantic.fields.Field"})
_RENAMES = {"min_items": "min_length", "max_items": "max_length", "regex": "pattern"}
_V1_KEYWORDS = frozenset({*_RENAMES, "allow_mutation", "example", "const", "env", "unique_items", "include"})
_LITERALS = frozenset({"typing.Literal", "typing_extensions.Literal"})
_SQLMODEL_FIELD = "sqlmodel.Field"
#: ``sqlmodel.Field`` keeps V1 parameter names, but on Pydantic 2 it passes
#: them nowhere (verified on sqlmodel 0.0.14 and 0.0.50 with pydantic 2.14.4).
_SQLMODEL_EFFECT = {
    "regex": "sqlmodel.Field ignores it: the value is not validated",
    "const": "sqlmodel.Field ignores it",
    "allow_mutation": "sqlmodel.Field ignores it",
    "min_items": "sqlmodel 0.0.14 ignores it, later releases warn",
    "max_items": "sqlmodel 0.0.14 ignores it, later releases warn",
    "example": "TypeError from sqlmodel.Field at class creation",
}
_SQLMODEL_NEW = {
    "regex": 'schema_extra={"pattern": ...}',
    "const": "a Literal[...] annotation",
    "allow_mutation": "a frozen model or a validator",
    "min_items": "min_length=",
    "max_items": "max_length=",
    "example": 'schema_extra={"examples": [...]}',
}

_EFFECT = {
    "min_items": "deprecated, warns",
    "max_items": "deprecated, warns",
    "allow_mutation": "deprecated, warns",
    "example": "an unknown keyword: warns, and the schema has no example",
    "env": "an unknown keyword: warns, and the environment variable is not read",
    "regex": "PydanticUserError at class creation",
    "const": "PydanticUserError at class creation",
    "unique_items": "PydanticUserError at class creation",
    "include": "deprecated and ignored",
}
_NEW = {
    "min_items": "min_length=",
    "max_items": "max_length=",
    "regex": "pattern=",
    "allow_mutation": "frozen=",
    "example": "examples=[...]",
    "const": "a Literal[...] annotation",
    "env": "validation_alias=",
    "unique_items": "a set type",
    "include": "exclude= on the fields to leave out, or model_dump(include=...) where it is dumped",
}


class V1FieldKeyword(Rule):
    """A V1 keyword of `Field(...)`: `min_items`, `max_items`, `regex`, `allow_mutation`, `example`, `const`, `env`.

    ## What it does
    Flags `pydantic.Field(...)` (through any import alias, also
    `pydantic.fields.Field`) called with a keyword that Pydantic 2 removed
    or renamed: `min_items`, `max_items`, `regex`, `allow_mutation`,
    `example`, `const`, `env`, `unique_items`, `include`. Also
    `sqlmodel.Field(...)` with `regex`, `example`, `min_items`,
    `max_items`, `const` or `allow_mutation`: it still takes the V1 names,
    but on Pydantic 2 passes them nowhere. `pydantic.v1.Field` is not
    flagged.

    ## Why is this bad?
    Verified on pydantic 2.14.4: `regex=`, `const=` and `unique_items=`
    raise `PydanticUserError` when the model class is created (the module
    does not import); `min_items`, `max_items` and `allow_mutation` warn
    `PydanticDeprecatedSince20`; `example=` and `env=` are unknown keywords
    that warn and do nothing (no schema example; a settings field no
    longer reads the environment variable the V1 code named). `include=`
    warns `PydanticDeprecatedSince20` twice and does nothing: V1 dumped
    only the named sub-fields, V2 dumps the whole value (fields the V1
    code kept out of a response or request body now go out).

    On SQLModel (verified on sqlmodel 0.0.14 and 0.0.50 with pydantic
    2.14.4) `sqlmodel.Field(regex=)`, `const=` and `allow_mutation=` are
    silently ignored (a value the V1 code rejected is accepted),
    `min_items=` / `max_items=` are ignored on 0.0.14 and warn later, and
    `example=` raises `TypeError` when the class is created.

    ## Example
    ```python
    from pydantic import BaseModel, Field

    class Item(BaseModel):
        tags: list[str] = Field(default_factory=list, max_items=5)
        sku: str = Field(..., regex=r"^[A-Z0-9]+$", example="AB12")
        id: int = Field(0, allow_mutation=False)
    ```

    ## Use instead
    ```python
    from pydantic import BaseModel, Field

    class Item(BaseModel):
        tags: list[str] = Field(default_factory=list, max_length=5)
        sku: str = Field(..., pattern=r"^[A-Z0-9]+$", examples=["AB12"])
        id: int = Field(0, frozen=True)
    ```

    ## Fix safety
    Safe: `min_items` / `max_items` become `min_length` / `max_length`,
    `allow_mutation=False` `frozen=True` (V1 enforced it only with
    `validate_assignment`; V2 always does), `example=x` `examples=[x]`,
    `regex` `pattern` (V1 matched at the start of the string, V2 searches:
    a pattern that does not start with `^` is written `^(?:...)`; no fix
    for a non-literal pattern or one with lookaround or backreferences,
    which V2's regex engine rejects). Unsafe: `const=True` becomes a
    `Literal[<default>]` annotation (literal defaults only; the JSON schema
    changes), and `env=` in a settings class becomes `validation_alias=`
    (`AliasChoices(...)` for a list): the field then no longer accepts its
    own name as an init keyword unless `populate_by_name=True`. No fix for
    `unique_items` (use a set type), `include=` (no field-level V2
    equivalent) or `env=` outside a settings class. On `sqlmodel.Field`:
    `min_items` / `max_items` become `min_length` / `max_length`,
    `regex=p` `schema_extra={"pattern": p}` (anchored as above) and
    `example=x` `schema_extra={"examples": [x]}` (both verified to
    validate and to reach the JSON schema on 0.0.14 and 0.0.50; no fix
    when `schema_extra=` is given or both are), `const=True` as above; no
    fix for `allow_mutation` (sqlmodel.Field has no `frozen=`).
    """

    code = "FP311"
    gates = {"Call": Gate(qualnames=_FIELDS | {_SQLMODEL_FIELD})}
    name = "v1-field-keyword"
    message = "Field({keyword}=) is V1 ({effect} in Pydantic V2); use {new}{note}"
    default = ON_PYDANTIC2
    fix_safety = FixSafety.SAFE

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        if not any(k.arg in _V1_KEYWORDS for k in node.keywords):
            return
        qualname = ctx.qualified_name(node.func)
        if qualname == _SQLMODEL_FIELD:
            yield from self._sqlmodel(node, ctx)
            return
        if qualname not in _FIELDS:
            return
        given = {k.arg for k in node.keywords}
        for keyword in node.keywords:
            if keyword.arg not in _V1_KEYWORDS:
                continue
            target, data, reason = self._plan(keyword, node, given, ctx)
            note = f" (no fix: {reason})" if reason else ""
            yield self.report(
                keyword,
                target=target if target is not None else keyword,
                fixable=not reason,
                fix_data=data,
                keyword=keyword.arg,
                effect=_EFFECT[keyword.arg],
                new=_NEW[keyword.arg],
                note=note,
            )

    def _sqlmodel(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        """``sqlmodel.Field(regex=...)``: the V1 names it still takes do
        nothing on Pydantic 2 (``example=`` raises)."""
        given = {k.arg for k in node.keywords}
        extras = [k.arg for k in node.keywords if k.arg in ("regex", "example")]
        for keyword in node.keywords:
            arg = keyword.arg
            if arg not in _SQLMODEL_EFFECT:
                continue
            target: ast.AST = keyword
            data: dict[str, Any] = {}
            reason = ""
            if arg in ("min_items", "max_items"):
                new = _RENAMES[arg]
                reason = f"both {arg}= and {new}= are given" if new in given else ""
                data = {"op": "rename", "new": new}
            elif arg in ("regex", "example"):
                if "schema_extra" in given:
                    reason = "schema_extra= is given too"
                elif len(extras) > 1:
                    reason = "both regex= and example= go into one schema_extra="
                elif arg == "regex":
                    how, reason = pattern_fix(keyword.value)
                    data = {"op": "schema_extra", "key": "pattern", "anchor": how == "anchor"}
                else:
                    data = {"op": "schema_extra", "key": "examples"}
            elif arg == "const":
                planned, data, reason = self._plan(keyword, node, given, ctx)
                target = planned if planned is not None else keyword
            else:
                reason = "sqlmodel.Field has no frozen="
            note = f" (no fix: {reason})" if reason else ""
            yield self.report(
                keyword,
                target=target,
                fixable=not reason,
                fix_data=data if not reason else {},
                keyword=arg,
                effect=_SQLMODEL_EFFECT[arg],
                new=_SQLMODEL_NEW[arg],
                note=note,
            )

    def _plan(
        self, keyword: ast.keyword, call: ast.Call, given: set[str | None], ctx: Context
    ) -> tuple[ast.AST | None, dict[str, Any], str]:
        arg, value = keyword.arg, keyword.value
        assert arg is not None
        if arg in _RENAMES:
            new = _RENAMES[arg]
            if new in given:
                return None, {}, f"both {arg}= and {new}= are given"
            data: dict[str, Any] = {"op": "rename", "new": new}
            if arg == "regex":
                how, reason = pattern_fix(value)
                if reason:
                    return None, {}, reason
                data["anchor"] = how == "anchor"
            return keyword, data, ""
        if arg == "allow_mutation":
            if not (isinstance(value, ast.Constant) and isinstance(value.value, bool)):
                return None, {}, "allow_mutation is not a literal True/False"
            return keyword, {"op": "frozen", "frozen": not value.value}, ""
        if arg == "example":
            if "examples" in given:
                return None, {}, "examples= is given too"
            return keyword, {"op": "example"}, ""
        if arg == "unique_items":
            return None, {}, "V2 has no unique_items; use a set type"
        if arg == "include":
            return None, {}, "V2 has no field-level include: the whole value is dumped"
        if arg == "env":
            cls = ctx.enclosing_class()
            if cls is None or not ctx.resolver.base_qualnames(cls, _outer(ctx)) & SETTINGS_BASES:
                return None, {}, "env= outside a settings class"
            if "validation_alias" in given or "alias" in given:
                return None, {}, "the field has an alias already"
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                return keyword, {"op": "env", "unsafe": True}, ""
            if isinstance(value, (ast.List, ast.Tuple)) and all(
                isinstance(e, ast.Constant) and isinstance(e.value, str) for e in value.elts
            ):
                if ctx.scope.lookup("AliasChoices") and ctx.qualified_name(ast.Name("AliasChoices")) != (
                    "pydantic.AliasChoices"
                ):
                    return None, {}, "the name AliasChoices is taken here"
                return keyword, {"op": "env", "choices": True, "unsafe": True}, ""
            return None, {}, "env= is not a literal"
        # const
        if isinstance(value, ast.Constant) and value.value is False:
            return call, {"op": "drop"}, ""
        if not (isinstance(value, ast.Constant) and value.value is True):
            return None, {}, "const is not a literal True"
        statement = ctx.parent
        if not (isinstance(statement, ast.AnnAssign) and statement.value is call):
            return None, {}, "the Field is not the default of an annotated field"
        default = call.args[0] if call.args else next((k.value for k in call.keywords if k.arg == "default"), None)
        if not (isinstance(default, ast.Constant) and isinstance(default.value, (str, int, bool))):
            return None, {}, "the default is not a str/int/bool literal"
        literal = self._literal_name(ctx)
        if literal is None:
            return None, {}, "the name Literal is taken here"
        return statement, {"op": "const", "literal": literal, "unsafe": True}, ""

    def _literal_name(self, ctx: Context) -> str | None:
        reference = ctx.reference_to("typing.Literal") or ctx.reference_to("typing_extensions.Literal")
        if reference is not None:
            return reference
        return "Literal" if not ctx.scope.lookup("Literal") else None

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        data = finding.data()
        op = data["op"]
        if op == "const":
            return _const_to_literal(node, data["literal"], fix_ctx)
        if op == "drop":
            return _without_const(node) if isinstance(node, cst.Call) else None
        if not isinstance(node, cst.Arg) or node.keyword is None:
            return None
        if op == "rename":
            from flake8_fastapi_prod.rules.pydantic.common import anchored_string

            value = anchored_string(node.value) if data.get("anchor") else node.value
            if value is None:
                return None
            return node.with_changes(keyword=cst.Name(data["new"]), value=value)
        if op == "schema_extra":
            # sqlmodel: ``regex=r"..."`` -> ``schema_extra={"pattern": r"..."}``
            from flake8_fastapi_prod.rules.pydantic.common import anchored_string

            value = anchored_string(node.value) if data.get("anchor") else node.value
            if value is None:
                return None
            if data["key"] == "examples":
                value = cst.List([cst.Element(value)])
            entry = cst.DictElement(cst.SimpleString(f'"{data["key"]}"'), value)
            return node.with_changes(keyword=cst.Name("schema_extra"), value=cst.Dict([entry]))
        if op == "frozen":
            return node.with_changes(keyword=cst.Name("frozen"), value=cst.Name(str(data["frozen"])))
        if op == "example":
            value = cst.List([cst.Element(node.value)])
            return node.with_changes(keyword=cst.Name("examples"), value=value)
        if op == "env":
            value = node.value
            if data.get("choices"):
                assert isinstance(value, (cst.List, cst.Tuple))
                fix_ctx.add_import("pydantic", "AliasChoices")
                args = [cst.Arg(e.value) for e in value.elements]
                value = cst.Call(cst.Name("AliasChoices"), args=_commas(args))
            return node.with_changes(keyword=cst.Name("validation_alias"), value=value)
        return None


def _outer(ctx: Context) -> Any:
    """The scope the enclosing class statement is in."""
    for index in range(len(ctx.scopes) - 1, 0, -1):
        if isinstance(ctx.scopes[index].node, ast.ClassDef):
            return ctx.scopes[index - 1]
    return ctx.module.scope


def _commas(args: list[Any]) -> list[Any]:
    import libcst as cst

    return [
        a.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))) if i < len(args) - 1 else a
        for i, a in enumerate(args)
    ]


def _const_to_literal(node: Any, literal: str, fix_ctx: Any) -> Any:
    import libcst as cst

    if not isinstance(node, cst.AnnAssign) or not isinstance(node.value, cst.Call):
        return None
    call = node.value
    default = call.args[0].value if call.args and call.args[0].keyword is None else None
    if default is None:
        default = next((a.value for a in call.args if a.keyword is not None and a.keyword.value == "default"), None)
    if default is None:
        return None
    if literal == "Literal":
        fix_ctx.add_import("typing", "Literal")
    annotation = cst.Subscript(
        value=cst.parse_expression(literal), slice=[cst.SubscriptElement(cst.Index(default.deep_clone()))]
    )
    return node.with_changes(annotation=node.annotation.with_changes(annotation=annotation), value=_without_const(call))


def _without_const(call: Any) -> Any:
    args = [a for a in call.args if not (a.keyword is not None and a.keyword.value == "const")]
    if args and len(args) < len(call.args):
        args[-1] = args[-1].with_changes(comma=call.args[-1].comma)
    return call.with_changes(args=args)
