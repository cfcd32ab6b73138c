from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import ON_PYDANTIC2, Finding, FixSafety, Gate, Rule
from flake8_fastapi_prod.rules.pydantic.common import import_qualname, note_pydantic_import, pydantic_bound_names

_NAMES = ("parse_obj_as", "parse_raw_as", "parse_file_as", "schema_of", "schema_json_of")
_QUALNAMES = {f"{module}.{name}": name for module in ("pydantic", "pydantic.tools") for name in _NAMES}
_REMOVED = frozenset({"parse_raw_as", "parse_file_as"})
_NEW = {
    "parse_obj_as": "TypeAdapter(T).validate_python(obj)",
    "parse_raw_as": "TypeAdapter(T).validate_json(data)",
    "parse_file_as": "TypeAdapter(T).validate_json(pathlib.Path(path).read_bytes())",
    "schema_of": "TypeAdapter(T).json_schema()",
    "schema_json_of": "json.dumps(TypeAdapter(T).json_schema())",
}
#: Keywords that pass straight to TypeAdapter.json_schema().
_SCHEMA_KEYWORDS = frozenset({"by_alias", "ref_template", "schema_generator"})


class ParseObjAs(Rule):
    """`parse_obj_as` & co.: the V1 functions that `TypeAdapter` replaces.

    ## What it does
    Flags calls (and other uses) of `parse_obj_as`, `parse_raw_as`,
    `parse_file_as`, `schema_of` and `schema_json_of` imported from
    `pydantic` or `pydantic.tools` (any import style: `from pydantic import
    tools; tools.parse_obj_as(...)`, `import pydantic as pd;
    pd.parse_obj_as(...)`). The same names from `pydantic.v1`, where they
    are right, and a project's own function of the same name are not
    flagged.

    ## Why is this bad?
    Verified on pydantic 2.14.4: `parse_obj_as`, `schema_of` and
    `schema_json_of` warn `PydanticDeprecatedSince20` at every call and go
    in V3; `parse_raw_as` and `parse_file_as` were removed: the import
    raises `PydanticImportError`.

    ## Example
    ```python
    from pydantic import BaseModel, parse_obj_as

    class User(BaseModel):
        name: str

    def load(rows: list[dict]) -> list[User]:
        return parse_obj_as(list[User], rows)
    ```

    ## Use instead
    ```python
    from pydantic import BaseModel, TypeAdapter

    class User(BaseModel):
        name: str

    def load(rows: list[dict]) -> list[User]:
        return TypeAdapter(list[User]).validate_python(rows)
    ```

    ## Fix safety
    Safe: the call becomes what V2's deprecated function runs:
    `parse_obj_as(T, x)` `TypeAdapter(T).validate_python(x)`,
    `parse_raw_as(T, b)` `TypeAdapter(T).validate_json(b)` (JSON-mode
    validation, which a strict model treats differently from V1's
    `json.loads` + Python validation), `parse_file_as(T, p)`
    `TypeAdapter(T).validate_json(pathlib.Path(p).read_bytes())` (V1
    unpickled a `.pkl` file: not kept), `schema_of(T)`
    `TypeAdapter(T).json_schema()` and `schema_json_of(T)`
    `json.dumps(TypeAdapter(T).json_schema())`; `TypeAdapter` (and `json`,
    `pathlib`) are imported and the old import is dropped once unused. No
    fix when `T` names a `pydantic.v1` model (verified: `TypeAdapter` on
    one warns and then raises `TypeError`; so does V2's `parse_obj_as`),
    for `title=`, `type_name=`, `content_type=`, `proto=`,
    `json_loads=`-style arguments, or where `TypeAdapter` names something
    else.
    """

    code = "FP316"
    gates = {
        "Call": Gate(keys=frozenset(_NAMES), keys_from=pydantic_bound_names),
        "Name": Gate(keys_from=pydantic_bound_names),
    }
    name = "parse-obj-as"
    message = "{name}() is {what} in Pydantic V2; use {new}{note}"
    default = ON_PYDANTIC2
    fix_safety = FixSafety.SAFE

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        func = node.func
        if not (isinstance(func, ast.Name) and func.id in pydantic_bound_names(ctx)) and not (
            isinstance(func, ast.Attribute) and func.attr in _NAMES
        ):
            return
        name = _QUALNAMES.get(ctx.qualified_name(node.func) or "")
        if name is None:
            return
        reason = self._unfixable(node, name, ctx)
        data: dict[str, Any] = {}
        if not reason:
            data = {"name": name, "adapter": ctx.reference_to("pydantic.TypeAdapter") or "TypeAdapter"}
            func = node.func
            raw = import_qualname(func.id, ctx.scope) if isinstance(func, ast.Name) else None
            if raw is not None and isinstance(func, ast.Name):
                data["drop"] = raw.rpartition(".")[0]
                data["local"] = func.id
        yield self._finding(node, name, reason, data)

    def visit_Name(self, node: ast.Name, ctx: Context) -> Iterator[Finding]:
        # A use that is not a call (``map(parse_obj_as, ...)``): no fix.
        if node.id not in pydantic_bound_names(ctx) or (isinstance(ctx.parent, ast.Call) and ctx.parent.func is node):
            return
        if isinstance(node.ctx, ast.Load):
            name = _QUALNAMES.get(ctx.qualified_name(node) or "")
            if name is not None:
                yield self._finding(node, name, "not called here", {})

    def _finding(self, node: ast.AST, name: str, reason: str, data: dict[str, Any]) -> Finding:
        what = "removed (PydanticImportError at import)" if name in _REMOVED else "deprecated"
        note = f" (no fix: {reason})" if reason else ""
        return self.report(node, fixable=not reason, fix_data=data, name=name, what=what, new=_NEW[name], note=note)

    def _unfixable(self, call: ast.Call, name: str, ctx: Context) -> str:
        if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
            return "*args / **kwargs"
        wanted = 1 if name in ("schema_of", "schema_json_of") else 2
        if len(call.args) != wanted:
            return "not the plain (type, value) call"
        allowed = _SCHEMA_KEYWORDS if name.startswith("schema") else frozenset()
        extra = [k.arg for k in call.keywords if k.arg not in allowed]
        if extra and name != "schema_json_of":
            return f"{extra[0]}= has no TypeAdapter counterpart"
        if name == "schema_json_of" and "title" in extra:
            return "title= has no TypeAdapter counterpart"
        if _names_v1_model(call.args[0], ctx):
            return "a pydantic.v1 model: TypeAdapter raises TypeError on it"
        adapter = ctx.reference_to("pydantic.TypeAdapter")
        if adapter is None and ctx.scope.lookup("TypeAdapter"):
            return "the name TypeAdapter is taken here"
        module = {"schema_json_of": "json", "parse_file_as": "pathlib"}.get(name)
        if module and ctx.scope.lookup(module) and ctx.qualified_name(ast.Name(module)) != module:
            return f"the name {module} is taken here"
        return ""

    def visit_Import(self, node: ast.Import, ctx: Context) -> Iterator[Finding]:
        note_pydantic_import(node, ctx)
        return iter(())

    def visit_ImportFrom(self, node: ast.ImportFrom, ctx: Context) -> Iterator[Finding]:
        note_pydantic_import(node, ctx)
        return iter(())

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        if not isinstance(node, cst.Call):
            return None
        data = finding.data()
        name, adapter = data["name"], data["adapter"]
        if adapter == "TypeAdapter":
            fix_ctx.add_import("pydantic", "TypeAdapter")
        if "drop" in data:
            fix_ctx.remove_import_if_unused(data["drop"], data["local"])
        type_arg = node.args[0].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        made = cst.Call(cst.parse_expression(adapter), args=[type_arg])
        rest = [a for a in node.args[1:]]
        if rest:
            rest[-1] = rest[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        if name == "parse_obj_as":
            return _method(made, "validate_python", rest[:1], node)
        if name == "parse_raw_as":
            return _method(made, "validate_json", rest[:1], node)
        if name == "parse_file_as":
            fix_ctx.add_import("pathlib")
            path = rest[0].value
            path_call = cst.Call(cst.parse_expression("pathlib.Path"), args=[cst.Arg(path)])
            read = cst.Call(cst.Attribute(value=path_call, attr=cst.Name("read_bytes")))
            return _method(made, "validate_json", [cst.Arg(read)], node)
        schema_args = [a for a in node.args[1:] if a.keyword is not None and a.keyword.value in _SCHEMA_KEYWORDS]
        dumps_args = [a for a in node.args[1:] if a.keyword is not None and a.keyword.value not in _SCHEMA_KEYWORDS]
        schema = _method(made, "json_schema", _tidy(schema_args), node)
        if name == "schema_of":
            return schema
        fix_ctx.add_import("json")
        return cst.Call(
            cst.parse_expression("json.dumps"),
            args=[cst.Arg(schema.with_changes(lpar=[], rpar=[])), *_tidy(dumps_args)],
            lpar=node.lpar,
            rpar=node.rpar,
        )


def _tidy(args: list[Any]) -> list[Any]:
    import libcst as cst

    out = [a.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))) for a in args]
    if out:
        out[-1] = out[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return out


def _method(receiver: Any, method: str, args: list[Any], original: Any) -> Any:
    import libcst as cst

    return cst.Call(
        func=cst.Attribute(value=receiver, attr=cst.Name(method)), args=args, lpar=original.lpar, rpar=original.rpar
    )


def _names_v1_model(expr: ast.expr, ctx: Context) -> bool:
    """The type expression mentions a ``pydantic.v1`` model (``list[V1]``)."""
    for node in ast.walk(expr):
        if not isinstance(node, (ast.Name, ast.Attribute)):
            continue
        qualname = ctx.qualified_name(node) or ""
        if qualname.startswith("pydantic.v1."):
            return True
        definition = ctx.resolver.definition(node, ctx.scope)
        if definition is not None and isinstance(definition.node, ast.ClassDef):
            bases = ctx.resolver.base_qualnames(definition.node, definition.scope)
            if any(b.startswith("pydantic.v1.") for b in bases):
                return True
    return False
