from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, FixSafety, Rule

VALIDATORS = frozenset(
    {"pydantic.validator", "pydantic.class_validators.validator", "pydantic.deprecated.class_validators.validator"}
)
ROOT_VALIDATORS = frozenset(
    {
        "pydantic.root_validator",
        "pydantic.class_validators.root_validator",
        "pydantic.deprecated.class_validators.root_validator",
    }
)
#: V1 ``@validator`` keywords the V2 decorator takes as they are, or drops.
_KEPT = frozenset({"check_fields"})
_DROPPED = frozenset({"allow_reuse", "whole"})
_INFO = "info"


class V1Validator(Rule):
    """A Pydantic V1 `@validator` or `@root_validator`.

    ## What it does
    Flags a method decorated with `pydantic.validator` or
    `pydantic.root_validator`, however they are imported (`import pydantic`,
    `from pydantic import validator as v`, `pydantic.class_validators`).
    The V1 API kept on purpose (`pydantic.v1.validator`) is not flagged.

    ## Why is this bad?
    Both are deprecated in Pydantic V2 and go away in V3. Their V1
    behaviour does not carry over everywhere: a `@root_validator` without
    `pre=True` must now say `skip_on_failure=True` or the class statement
    raises `PydanticUserError`, and `each_item=True` is gone from the V2
    decorators.

    ## Example
    ```python
    from pydantic import BaseModel, validator

    class Signup(BaseModel):
        email: str
        password: str
        password2: str

        @validator("email", pre=True)
        def lower(cls, v):
            return v.lower()

        @validator("password2")
        def same(cls, v, values):
            if v != values.get("password"):
                raise ValueError("passwords differ")
            return v
    ```

    ## Use instead
    ```python
    from pydantic import BaseModel, field_validator

    class Signup(BaseModel):
        email: str
        password: str
        password2: str

        @field_validator("email", mode="before")
        @classmethod
        def lower(cls, v):
            return v.lower()

        @field_validator("password2")
        @classmethod
        def same(cls, v, info):
            if v != info.data.get("password"):
                raise ValueError("passwords differ")
            return v
    ```

    ## Fix safety
    Safe, for the forms that translate one to one:
    - `@validator(fields..., pre=True|False, allow_reuse=..., check_fields=...)`
      on `(cls, v)` becomes `@field_validator(fields..., mode="before")`
      (no `mode` without `pre=True`) plus `@classmethod`; on
      `(cls, v, values)` the parameter becomes `info` and every read of
      `values` becomes `info.data` (the fields validated so far, as in V1).
    - `@root_validator(pre=True)` on `(cls, values)` becomes
      `@model_validator(mode="before")` plus `@classmethod`. In V2 the
      function receives the raw input, which is the same dict unless the
      model validates from attributes (`from_attributes=True`), where it is
      the object.

    No fix for a `@root_validator` without `pre=True` (a V2 after-validator
    receives the model instance, not a dict of values: the body must be
    rewritten), for `each_item=True` or `always=True` (V2 wants
    `validate_default=True` on the field), for a validator that takes
    `config`, `field` or `**kwargs`, or when `info` is already used in it.
    The `field_validator` / `model_validator` import is added; the old one
    is left for your import sorter or `F401`.
    """

    code = "FP303"
    name = "v1-validator"
    message = "{old} is the deprecated Pydantic V1 API; use {new}{note}"
    fix_safety = FixSafety.SAFE

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> Iterator[Finding]:
        for decorator in node.decorator_list:
            call = decorator if isinstance(decorator, ast.Call) else None
            qualname = ctx.qualified_name(call.func if call is not None else decorator)
            if qualname in VALIDATORS:
                yield self._validator(node, decorator, call, ctx)
            elif qualname in ROOT_VALIDATORS:
                yield self._root_validator(node, decorator, call, ctx)

    visit_AsyncFunctionDef = visit_FunctionDef

    def _validator(
        self, func: ast.FunctionDef | ast.AsyncFunctionDef, decorator: ast.expr, call: ast.Call | None, ctx: Context
    ) -> Finding:
        old, new = "@validator", "@field_validator(...) with @classmethod"
        reason = ""
        mode = None
        if call is None:
            reason = "a bare @validator has no fields"
        else:
            for keyword in call.keywords:
                if keyword.arg == "pre":
                    flag = _literal_bool(keyword.value)
                    if flag is None:
                        reason = "pre= is not a literal True or False"
                    elif flag:
                        mode = "before"
                elif keyword.arg in ("each_item", "always"):
                    if _literal_bool(keyword.value) is not False:
                        reason = f"{keyword.arg}= has no V2 decorator argument"
                elif keyword.arg == "whole":  # V1: whole=False means each_item=True
                    if _literal_bool(keyword.value) is not True:
                        reason = "whole= has no V2 decorator argument"
                elif keyword.arg not in _KEPT | _DROPPED:
                    reason = f"unknown argument {keyword.arg or '**'}"
        uses_values = False
        if not reason:
            params, reason = _positional_params(func, 2, 3)
            if not reason and len(params) == 3:
                if params[2] != "values":
                    reason = f"the validator takes {params[2]!r}"
                else:
                    uses_values = True
                    reason = _values_reason(func)
        return self._finding(func, decorator, ctx, old, new, reason, "validator", mode, uses_values=uses_values)

    def _root_validator(
        self, func: ast.FunctionDef | ast.AsyncFunctionDef, decorator: ast.expr, call: ast.Call | None, ctx: Context
    ) -> Finding:
        old = "@root_validator"
        pre = None
        reason = ""
        keywords = call.keywords if call is not None else []
        for keyword in keywords:
            if keyword.arg == "pre":
                pre = _literal_bool(keyword.value)
            elif keyword.arg not in ("allow_reuse", "skip_on_failure"):
                reason = f"unknown argument {keyword.arg or '**'}"
        if call is not None and call.args:
            reason = "positional arguments"
        if pre is not True:
            new = '@model_validator(mode="after")'
            reason = reason or "an after-validator receives the model, not a dict of values: rewrite the body"
            if not any(k.arg == "skip_on_failure" and _literal_bool(k.value) for k in keywords):
                reason += "; until then V2 refuses this class without skip_on_failure=True"
        else:
            new = '@model_validator(mode="before") with @classmethod'
            if not reason:
                _, reason = _positional_params(func, 2, 2)
        return self._finding(func, decorator, ctx, old, new, reason, "root", "before", uses_values=False)

    def _finding(
        self,
        func: ast.FunctionDef | ast.AsyncFunctionDef,
        decorator: ast.expr,
        ctx: Context,
        old: str,
        new: str,
        reason: str,
        kind: str,
        mode: str | None,
        *,
        uses_values: bool,
    ) -> Finding:
        new_name = "field_validator" if kind == "validator" else "model_validator"
        data: dict[str, Any] = {"kind": kind, "mode": mode, "decorator": _index(func, decorator)}
        spelled = decorator.func if isinstance(decorator, ast.Call) else decorator
        reference, needs_import = _reference(ctx, new_name, spelled)
        if reference is None:
            reason = reason or f"the name {new_name} is taken here"
        data["reference"], data["import"] = reference, needs_import
        old_import = _from_import(ctx, spelled)
        if old_import is not None:
            data["old_import"] = old_import
        positions = [i for i, d in enumerate(func.decorator_list) if isinstance(d, ast.Name) and d.id == "classmethod"]
        data["classmethod"] = not positions
        if any(i < data["decorator"] for i in positions):
            reason = reason or "@classmethod sits above the validator decorator"
        if data["classmethod"] and not ctx.name_is_free("classmethod"):
            reason = reason or "the name classmethod is rebound here"
        if uses_values:
            data["values"] = True
            annotation = _last_param(func).annotation
            if annotation is not None:
                info, data["import_info"] = _reference(ctx, "ValidationInfo", spelled)
                if info is None:
                    reason = reason or "the name ValidationInfo is taken here"
                data["info_annotation"] = info
        note = f" (no fix: {reason})" if reason else ""
        return self.report(decorator, target=func, fixable=not reason, fix_data=data, old=old, new=new, note=note)

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        from flake8_fastapi_prod.fix.edits import expression

        if not isinstance(node, cst.FunctionDef):
            return None
        data = finding.data()
        index = data["decorator"]
        if index >= len(node.decorators):
            return None
        if data["import"]:
            fix_ctx.add_import("pydantic", data["reference"])
        if data.get("import_info"):
            fix_ctx.add_import("pydantic", "ValidationInfo")
        if data.get("old_import"):
            fix_ctx.remove_import_if_unused(*data["old_import"])
        old = node.decorators[index]
        func = expression(data["reference"])
        if data["kind"] == "validator":
            assert isinstance(old.decorator, cst.Call)
            call = old.decorator.with_changes(func=func, args=_kept_args(list(old.decorator.args)))
        else:
            call = cst.Call(func=func, args=[])
        if data["mode"] is not None:
            from flake8_fastapi_prod.fix.edits import set_keyword

            call = set_keyword(call, "mode", cst.SimpleString(f'"{data["mode"]}"'))
        decorators = list(node.decorators)
        replacement = [old.with_changes(decorator=call)]
        if data["classmethod"]:
            replacement.append(cst.Decorator(decorator=cst.Name("classmethod")))
        decorators[index : index + 1] = replacement
        node = node.with_changes(decorators=decorators)
        if data.get("values"):
            node = _values_to_info(node, data.get("info_annotation"))
        return node


def _reference(ctx: Context, name: str, spelled: ast.expr) -> tuple[str | None, bool]:
    """How to name ``pydantic.<name>`` here, in the style the V1 decorator
    was spelled (``pydantic.validator`` -> ``pydantic.field_validator``),
    and whether an import must be added. (None, False): no way."""
    qualname = f"pydantic.{name}"
    if isinstance(spelled, ast.Attribute) and ctx.qualified_name(spelled.value) == "pydantic":
        return f"{ast.unparse(spelled.value)}.{name}", False
    if ctx.qualified_name(ast.Name(name)) == qualname:
        return name, False
    if ctx.name_is_free(name):
        return name, True
    found = ctx.reference_to(qualname)
    return found, False


def _from_import(ctx: Context, spelled: ast.expr) -> tuple[str, str] | None:
    """(module, name) of the ``from module import name`` (no ``as``) that
    binds a decorator spelled as a bare name."""
    if not isinstance(spelled, ast.Name):
        return None
    bindings = ctx.scope.lookup(spelled.id)
    if len(bindings) != 1 or not isinstance(bindings[0].node, ast.ImportFrom):
        return None
    statement = bindings[0].node
    if statement.level or statement.module is None:
        return None
    if not any(alias.name == spelled.id and alias.asname is None for alias in statement.names):
        return None
    return statement.module, spelled.id


def _index(func: ast.FunctionDef | ast.AsyncFunctionDef, decorator: ast.expr) -> int:
    return next(i for i, d in enumerate(func.decorator_list) if d is decorator)


def _literal_bool(expr: ast.expr) -> bool | None:
    if isinstance(expr, ast.Constant) and isinstance(expr.value, bool):
        return expr.value
    return None


def _positional_params(func: ast.FunctionDef | ast.AsyncFunctionDef, low: int, high: int) -> tuple[list[str], str]:
    args = func.args
    params = [a.arg for a in (*args.posonlyargs, *args.args)]
    if args.vararg or args.kwarg or args.kwonlyargs:
        return params, "the signature has *args, **kwargs or keyword-only parameters"
    if args.defaults:
        return params, "parameters have defaults"
    if not low <= len(params) <= high:
        return params, f"the signature takes {len(params)} parameters"
    return params, ""


def _last_param(func: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.arg:
    return [*func.args.posonlyargs, *func.args.args][-1]


def _values_reason(func: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    """Why ``values`` cannot become ``info.data`` here ("" when it can)."""
    for node in ast.walk(func):
        if isinstance(node, ast.Name):
            if node.id == _INFO:
                return "the name info is already used"
            if node.id == "values" and not isinstance(node.ctx, ast.Load):
                return "values is reassigned"
        elif isinstance(node, ast.arg) and node.arg == _INFO:
            return "the name info is already used"
        elif isinstance(node, ast.arg) and node.arg == "values" and node is not _last_param(func):
            return "values is rebound in a nested function"
        elif isinstance(node, (ast.Global, ast.Nonlocal)) and "values" in node.names:
            return "values is declared global"
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node is not func:
            if node.name in ("values", _INFO):
                return "values is rebound in the body"
        elif isinstance(node, ast.alias) and (node.asname or node.name.split(".")[0]) in ("values", _INFO):
            return "values is rebound by an import"
        elif isinstance(node, ast.ExceptHandler) and node.name in ("values", _INFO):
            return "values is rebound by except"
        elif isinstance(node, ast.MatchAs | ast.MatchStar) and node.name in ("values", _INFO):
            return "values is rebound by a match pattern"
        elif isinstance(node, ast.MatchClass) and "values" in node.kwd_attrs:
            return "a match pattern names an attribute values"
    return ""


def _kept_args(args: list[Any]) -> list[Any]:
    """The V1 arguments V2 keeps; the last one kept takes the separator of
    the last one given, so the closing parenthesis stays where it was."""
    kept = [a for a in args if a.keyword is None or a.keyword.value in _KEPT]
    if kept and args and kept[-1] is not args[-1]:
        kept[-1] = kept[-1].with_changes(comma=args[-1].comma)
    return kept


def _values_to_info(func: Any, annotation: str | None) -> Any:
    """``values`` (the third parameter) becomes ``info``; each read of
    ``values`` in the body becomes ``info.data``."""
    import libcst as cst

    class Rename(cst.CSTTransformer):
        def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.BaseExpression:
            if original.value != "values":
                return updated
            return cst.Attribute(value=cst.Name(_INFO), attr=cst.Name("data"), lpar=updated.lpar, rpar=updated.rpar)

        # Names that are not reads of the variable keep their text.
        def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.Attribute:
            return updated.with_changes(attr=original.attr)

        def leave_Arg(self, original: cst.Arg, updated: cst.Arg) -> cst.Arg:
            return updated.with_changes(keyword=original.keyword)

    params = func.params
    positional = list(params.params)
    last = positional[-1]
    new_annotation = None
    if annotation is not None and last.annotation is not None:
        new_annotation = last.annotation.with_changes(annotation=cst.parse_expression(annotation))
    positional[-1] = last.with_changes(name=cst.Name(_INFO), annotation=new_annotation)
    body = func.body.visit(Rename())
    return func.with_changes(params=params.with_changes(params=positional), body=body)
