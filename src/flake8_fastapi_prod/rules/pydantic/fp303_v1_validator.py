from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import ON_PYDANTIC2, Finding, FixSafety, Rule
from flake8_fastapi_prod.resolve import Scope, own_nodes

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
    Both are deprecated in Pydantic V2 (verified on 2.14.4:
    `PydanticDeprecatedSince20` when the class is created) and go away in
    V3. Their V1 behaviour does not carry over everywhere: a
    `@root_validator` without `pre=True` must now say
    `skip_on_failure=True` or the class statement raises
    `PydanticUserError`, `each_item=True` is gone from the V2 decorators,
    and before-validators now run in reverse definition order (V1 ran them
    in order; verified on 1.10.27 and 2.14.4).

    ## Example
    ```python
    from pydantic import BaseModel, root_validator, validator

    class Order(BaseModel):
        quantity: int
        unit_price: float
        total: float = 0

        @validator("quantity", pre=True)
        def parse(cls, v):
            return int(v)

        @root_validator(skip_on_failure=True)
        def compute(cls, values):
            values["total"] = values["quantity"] * values["unit_price"]
            return values
    ```

    ## Use instead
    ```python
    from pydantic import BaseModel, field_validator, model_validator

    class Order(BaseModel):
        quantity: int
        unit_price: float
        total: float = 0

        @field_validator("quantity", mode="before")
        @classmethod
        def parse(cls, v):
            return int(v)

        @model_validator(mode="after")
        def compute(self):
            values = self.__dict__
            values["total"] = values["quantity"] * values["unit_price"]
            return self
    ```

    ## Fix safety
    Safe, for the forms whose V2 spelling means the same (each checked on
    pydantic 1.10.27 and 2.14.4 by the test suite):
    - `@validator(fields..., pre=..., allow_reuse=..., check_fields=...)`
      becomes `@field_validator(fields..., mode="before")` (no `mode`
      without `pre=True`) plus `@classmethod`. Of the V1 parameters after
      the value (positional or keyword-only), `values` becomes `info` and
      its reads `info.data` (the fields validated so far, as in V1),
      `field.name` becomes `info.field_name`, and an unused `config`,
      `field` or `**kwargs` is dropped. With `always=True`, the fields it
      names (declared in the class) get `validate_default=True`
      (`x: int = 0` becomes `x: int = Field(0, validate_default=True)`), so
      V2 runs the validator on the default as V1 did.
    - `@root_validator(pre=True)` on `(cls, values)` becomes
      `@model_validator(mode="before")` plus `@classmethod`. In V2 the
      function receives the raw input, which is the same dict unless the
      model validates from attributes or from another model instance.
    - `@root_validator` (with or without `skip_on_failure`) on
      `(cls, values)` that returns `values` on every path becomes
      `@model_validator(mode="after")` on `self`, its body starting with
      `values = self.__dict__` (the validated fields, the same dict V1
      passed; what the body writes into it lands in the instance without
      re-validation, as V1's returned dict did) and each `return values`
      becoming `return self`; `cls` in the body is bound to `type(self)`.
      A `@classmethod` under the `@root_validator` is dropped (V1 wrapped
      the function in `classmethod()` either way; on 2.14.4 an after
      validator that is a classmethod gets the model instance as its
      second argument and warns `PydanticDeprecatedSince212`).
      One that rebinds `values` or returns another dict keeps its V1 body
      unchanged as a nested `_validate(cls, values)`, called on
      `self.__dict__`; a new dict it returns updates the instance's fields
      (V1 made the returned dict the instance's `__dict__`).
      A `mode="before"` validator would be wrong here: it sees the raw
      input. Like V1's `skip_on_failure=True`, the V2 form does not run
      when a field failed (V1's default ran it with the failed fields
      missing from `values`).

    No fix (the finding says why) for `each_item=True` / `whole=False`,
    `always=True` on a field of a base class or on `x: T = None` after
    validation (V1 made that field Optional; V2 would reject the None
    default), a validator that reads `config`, `**kwargs` or `field` beyond
    `field.name`, a post root validator that can end without returning
    or runs on a model that allows extra fields (V1 passed the
    extras in `values`, V2 keeps them in `model_extra`), two pre validators
    of one field (or two pre root validators: V2 would run them in the
    other order), or when `info`/`self` is already used. The
    `field_validator` / `model_validator` import is added; the old one is
    removed once unused.
    """

    code = "FP303"
    name = "v1-validator"
    message = "{old} is the deprecated Pydantic V1 API; use {new}{note}"
    default = ON_PYDANTIC2
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

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        """The reuse form in a class body: ``_v = validator("x", allow_reuse=True)(helper)``."""
        inner = node.func
        if not isinstance(inner, ast.Call) or not isinstance(ctx.scope.node, ast.ClassDef):
            return
        qualname = ctx.qualified_name(inner.func)
        if qualname in ROOT_VALIDATORS:
            yield self.report(
                inner,
                fixable=False,
                old="@root_validator",
                new="@model_validator",
                note=" (no fix: a root validator applied to a shared function: rewrite it for V2)",
            )
            return
        if qualname not in VALIDATORS:
            return
        reason, mode = "", None
        for keyword in inner.keywords:
            if keyword.arg == "pre":
                flag = _literal_bool(keyword.value)
                reason = reason or ("" if flag is not None else "pre= is not a literal True or False")
                mode = "before" if flag else None
            elif keyword.arg not in _KEPT | _DROPPED:
                reason = reason or f"{keyword.arg or '**'}= has no V2 decorator argument here"
        if not inner.args or len(node.args) != 1 or node.keywords:
            reason = reason or "not the validator(fields...)(function) form"
        if not reason:
            reason = _helper_reason(node.args[0], ctx)
        if not reason and mode == "before":
            reason = _reuse_order_reason(node, inner, ctx)
        reference, needs_import = _reference(ctx, "field_validator", inner.func)
        if reference is None:
            reason = reason or "the name field_validator is taken here"
        data: dict[str, Any] = {"reuse": True, "reference": reference, "import": needs_import, "mode": mode}
        old_import = _from_import(ctx, inner.func)
        if old_import is not None:
            data["old_import"] = old_import
        note = f" (no fix: {reason})" if reason else ""
        yield self.report(
            inner,
            fixable=not reason,
            fix_data=data,
            old="validator(...)(function)",
            new="field_validator(...)(function)",
            note=note,
        )

    def _validator(
        self, func: ast.FunctionDef | ast.AsyncFunctionDef, decorator: ast.expr, call: ast.Call | None, ctx: Context
    ) -> Finding:
        old, new = "@validator", "@field_validator(...) with @classmethod"
        reason = ""
        mode = None
        always: bool | None = False
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
                elif keyword.arg == "each_item":
                    if _literal_bool(keyword.value) is not False:
                        reason = (
                            "each_item=True: a V2 field validator gets the whole value; loop over the items "
                            "in the body, or validate the item type (List[Annotated[X, AfterValidator(f)]])"
                        )
                elif keyword.arg == "always":
                    always = _literal_bool(keyword.value)
                    if always is None:
                        reason = "always= is not a literal True or False"
                elif keyword.arg == "whole":  # V1: whole=False means each_item=True
                    if _literal_bool(keyword.value) is not True:
                        reason = "whole=False: a V2 field validator gets the whole value (see each_item)"
                elif keyword.arg not in _KEPT | _DROPPED:
                    reason = f"unknown argument {keyword.arg or '**'}"
        plan: dict[str, Any] = {}
        if not reason:
            plan, reason = _validator_params(func)
        if not reason and mode == "before":
            reason = _order_reason(func, ctx)
        if not reason and always and call is not None:
            edits, reason = _always_plan(func, call, ctx, before=mode == "before")
            if edits:
                plan["fields"] = edits
                new += ", validate_default=True on the field"
        return self._finding(func, decorator, ctx, old, new, reason, "validator", mode, plan=plan)

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
                if pre is None:
                    reason = "pre= is not a literal True or False"
            elif keyword.arg not in ("allow_reuse", "skip_on_failure"):
                reason = f"unknown argument {keyword.arg or '**'}"
        if call is not None and call.args:
            reason = "positional arguments"
        plan: dict[str, Any] = {}
        if pre is not True:
            new = '@model_validator(mode="after") on self, with values = self.__dict__'
            mode = "after"
            if not reason:
                plan, reason = _post_root_plan(func, ctx)
        else:
            new = '@model_validator(mode="before") with @classmethod'
            mode = "before"
            if not reason:
                _, reason = _positional_params(func, 2, 2)
            if not reason:
                reason = _order_reason(func, ctx)
        return self._finding(func, decorator, ctx, old, new, reason, "root", mode, plan=plan)

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
        plan: dict[str, Any],
    ) -> Finding:
        new_name = "field_validator" if kind == "validator" else "model_validator"
        data: dict[str, Any] = {"kind": kind, "mode": mode, "decorator": _index(func, decorator), **plan}
        spelled = decorator.func if isinstance(decorator, ast.Call) else decorator
        reference, needs_import = _reference(ctx, new_name, spelled)
        if reference is None:
            reason = reason or f"the name {new_name} is taken here"
        data["reference"], data["import"] = reference, needs_import
        old_import = _from_import(ctx, spelled)
        if old_import is not None:
            data["old_import"] = old_import
        positions = [i for i, d in enumerate(func.decorator_list) if isinstance(d, ast.Name) and d.id == "classmethod"]
        if mode == "after":
            # V1 wrapped a root validator in classmethod() whether or not it
            # was one already, so ``@classmethod`` under ``@root_validator``
            # means the same as without it: the after validator on self drops it.
            data["classmethod"] = False
            data["drop_classmethod"] = positions
            if len(positions) > 1:
                reason = reason or "@classmethod twice on a post root validator"
        else:
            data["classmethod"] = not positions
        if any(i < data["decorator"] for i in positions):
            reason = reason or "@classmethod sits above the validator decorator"
        if data["classmethod"] and not ctx.name_is_free("classmethod"):
            reason = reason or "the name classmethod is rebound here"
        if plan.get("info") and plan.get("annotated"):
            info, data["import_info"] = _reference(ctx, "ValidationInfo", spelled)
            if info is None:
                reason = reason or "the name ValidationInfo is taken here"
            data["info_annotation"] = info
        if plan.get("fields"):
            field_ref, data["import_field"] = _reference(ctx, "Field", spelled)
            if field_ref is None and any(kind == "wrap" for _, kind in plan["fields"]):
                reason = reason or "the name Field is taken here"
            data["field_ref"] = field_ref
        note = f" (no fix: {reason})" if reason else ""
        # Fields get validate_default=True too: the fix rewrites the class.
        target = ctx.enclosing_class() if plan.get("fields") and not reason else func
        data["method"] = func.name
        return self.report(decorator, target=target, fixable=not reason, fix_data=data, old=old, new=new, note=note)

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        from flake8_fastapi_prod.fix.edits import expression, set_keyword

        data = finding.data()
        if data.get("fields"):
            return self._fix_class(node, data, fix_ctx)
        if data.get("reuse"):
            if not isinstance(node, cst.Call):
                return None
            if data["import"]:
                fix_ctx.add_import("pydantic", data["reference"])
            if data.get("old_import"):
                fix_ctx.remove_import_if_unused(*data["old_import"])
            call = node.with_changes(func=expression(data["reference"]), args=_kept_args(list(node.args)))
            if data["mode"] is not None:
                call = set_keyword(call, "mode", cst.SimpleString(f'"{data["mode"]}"'))
            return call
        if not isinstance(node, cst.FunctionDef):
            return None
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
            call = set_keyword(call, "mode", cst.SimpleString(f'"{data["mode"]}"'))
        decorators = list(node.decorators)
        for position in sorted(data.get("drop_classmethod", ()), reverse=True):
            if position > index:
                del decorators[position]
        replacement = [old.with_changes(decorator=call)]
        if data["classmethod"]:
            replacement.append(cst.Decorator(decorator=cst.Name("classmethod")))
        decorators[index : index + 1] = replacement
        node = node.with_changes(decorators=decorators)
        if data["kind"] == "validator":
            return _params_to_info(node, data)
        if data["mode"] == "after":
            return _post_root_to_after(node, data)
        return node

    def _fix_class(self, node: Any, data: dict[str, Any], fix_ctx: Any) -> Any:
        """``@validator(..., always=True)``: the method as above, and
        ``validate_default=True`` on the fields it validates."""
        import libcst as cst

        from flake8_fastapi_prod.fix.edits import expression, set_keyword

        if not isinstance(node, cst.ClassDef) or not isinstance(node.body, cst.IndentedBlock):
            return None
        edits = dict(data["fields"])
        method_data = {k: v for k, v in data.items() if k != "fields"}
        body = list(node.body.body)
        done = 0
        for position, statement in enumerate(body):
            if isinstance(statement, cst.FunctionDef) and statement.name.value == data["method"]:
                fixed = self.fix(statement, _with_data(method_data), fix_ctx)
                if fixed is None:
                    return None
                body[position] = fixed
                done += 1
            elif isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1:
                small = statement.body[0]
                if not (isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name)):
                    continue
                kind = edits.get(small.target.value)
                if kind is None or small.value is None:
                    continue
                if kind == "keyword" and isinstance(small.value, cst.Call):
                    value: cst.BaseExpression = set_keyword(small.value, "validate_default", cst.Name("True"))
                else:
                    value = cst.Call(
                        func=expression(data["field_ref"]),
                        args=[
                            cst.Arg(value=small.value),
                            cst.Arg(
                                keyword=cst.Name("validate_default"),
                                value=cst.Name("True"),
                                equal=cst.AssignEqual(
                                    whitespace_before=cst.SimpleWhitespace(""),
                                    whitespace_after=cst.SimpleWhitespace(""),
                                ),
                            ),
                        ],
                    )
                body[position] = statement.with_changes(body=[small.with_changes(value=value)])
                done += 1
        if done != 1 + len(edits):
            return None
        if data.get("import_field") and any(kind == "wrap" for kind in edits.values()):
            fix_ctx.add_import("pydantic", data["field_ref"])
        return node.with_changes(body=node.body.with_changes(body=body))


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


def _values_param(func: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.arg | None:
    return next((p for p in (*params_of(func)[2:], *func.args.kwonlyargs) if p.arg == "values"), None)


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
        elif isinstance(node, ast.arg) and node.arg == "values" and node is not _values_param(func):
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


def _helper_reason(helper: ast.expr, ctx: Context) -> str:
    """Why a function applied with ``validator(...)(helper)`` cannot keep
    its signature under V2 ("" when it takes ``(v)`` or ``(cls, v)``)."""
    definition = ctx.resolver.definition(helper, ctx.scope)
    if definition is None or not isinstance(definition.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return "the function applied is not a function of this project"
    args = definition.node.args
    params = [*args.posonlyargs, *args.args]
    if args.vararg or args.kwarg or args.kwonlyargs or args.defaults:
        return f"{definition.node.name} takes *args, **kwargs, keyword-only or default parameters"
    names = [p.arg for p in params]
    if names[:1] == ["cls"]:
        names = names[1:]
    if len(names) != 1:
        return f"{definition.node.name} takes {', '.join(names[1:]) or 'no value'}: V2 passes (value, info)"
    return ""


def _with_data(data: dict[str, Any]) -> Finding:
    """A stand-in finding that carries ``data`` to :meth:`V1Validator.fix`."""
    from flake8_fastapi_prod.registry import Span

    span = Span(1, 0, 1, 0)
    return Finding("FP303", span, "", span, True, tuple(sorted(data.items())))


PYDANTIC_FIELD = frozenset({"pydantic.Field", "pydantic.fields.Field"})


def _always_plan(
    func: ast.FunctionDef | ast.AsyncFunctionDef, call: ast.Call, ctx: Context, *, before: bool
) -> tuple[list[tuple[str, str]], str]:
    """``always=True``: V2 runs a field's validators on its default only with
    ``validate_default=True`` on the field. The edits, as (field, "keyword"
    for ``Field(...)`` / "wrap" for a plain default), or why not."""
    cls = ctx.enclosing_class()
    if cls is None:
        return [], "always=True outside a class"
    names = [a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    if len(names) != len(call.args) or "*" in names:
        return [], "always=True on fields not named one by one: set validate_default=True on each field"
    if sum(1 for s in cls.body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name == func.name) != 1:
        return [], f"{func.name} is defined twice"
    class_scope = ctx.scope
    edits: list[tuple[str, str]] = []
    for name in names:
        declared = [
            s
            for s in cls.body
            if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name) and s.target.id == name
        ]
        if len(declared) != 1:
            return [], f"always=True: field {name!r} is not declared in this class; give it validate_default=True"
        statement = declared[0]
        value = statement.value
        if value is None:
            continue  # required: there is no default to validate
        if isinstance(value, ast.Call) and ctx.resolver.qualified_name(value.func, class_scope) in PYDANTIC_FIELD:
            default = (
                value.args[0] if value.args else next((k.value for k in value.keywords if k.arg == "default"), None)
            )
            has_factory = any(k.arg == "default_factory" for k in value.keywords)
            if (default is None and not has_factory) or (
                isinstance(default, ast.Constant) and default.value is Ellipsis
            ):
                continue  # required
            if any(k.arg is None or k.arg == "validate_default" for k in value.keywords):
                return [], f"always=True: field {name!r} sets validate_default or passes **kwargs"
            edits.append((name, "keyword"))
        else:
            default = value
            edits.append((name, "wrap"))
        if (
            not before
            and isinstance(default, ast.Constant)
            and default.value is None
            and not _admits_none(statement.annotation, ctx)
        ):
            return [], (
                f"always=True on {name!r} = None: V1 made the field Optional and ran the validator on None; "
                "V2 validates the default against the annotation first: make it Optional and set validate_default=True"
            )
    return edits, ""


def _admits_none(annotation: ast.expr, ctx: Context) -> bool:
    from flake8_fastapi_prod.rules.pydantic.fp307_optional_without_default import _admits_none as admits

    return admits(annotation, ctx, ctx.scope, 0)


def _order_reason(func: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> str:
    """Pydantic 2 runs before-validators in reverse definition order (V1 ran
    them in order; verified on 1.10 and 2.14.4, also for V1 decorators run
    by V2): a pre validator that shares its field with another one keeps
    its V1 meaning only if they are reordered together, by hand."""
    cls = ctx.enclosing_class()
    if cls is None:
        return ""
    groups = ctx.module.memo(f"fp303-pre-validators:{id(cls)}", lambda: _pre_validators(cls, ctx))
    mine = groups.get(id(func))
    if mine is None:
        return ""
    for other, fields in groups.values():
        if other is func or ("<root>" in fields) != ("<root>" in mine[1]):
            continue
        if "*" in fields or "*" in mine[1] or fields & mine[1]:
            what = (
                "pre root validator"
                if "<root>" in fields
                else f"pre validator of {sorted(fields & mine[1] or fields)[0]!r}"
            )
            name = other.name if isinstance(other, (ast.FunctionDef, ast.AsyncFunctionDef)) else "a reuse form"
            return (
                f"another {what} ({name}) shares this one's input: V2 runs before-validators in "
                "reverse definition order (V1 in order); convert them together and swap their order"
            )
    return ""


def _reuse_order_reason(call: ast.Call, inner: ast.Call, ctx: Context) -> str:
    """``_v = validator("a", pre=True)(helper)``: like ``_order_reason``, a
    reason only when another pre validator of the class body shares a field
    (its decorated ones and the other reuse forms)."""
    cls = ctx.enclosing_class()
    if cls is None:
        return "a pre validator applied to a shared function outside a class body"
    fields = _validator_fields(inner)
    groups = ctx.module.memo(f"fp303-pre-validators:{id(cls)}", lambda: _pre_validators(cls, ctx))
    for key, (other, other_fields) in groups.items():
        if key == id(call) or "<root>" in other_fields:
            continue
        if "*" in fields or "*" in other_fields or fields & other_fields:
            name = other.name if isinstance(other, (ast.FunctionDef, ast.AsyncFunctionDef)) else "another reuse form"
            return (
                f"another pre validator ({name}) shares this one's input: V2 runs before-validators in "
                "reverse definition order (V1 in order); convert them together and swap their order"
            )
    return ""


def _validator_fields(call: ast.Call) -> set[str]:
    fields = {a.value for a in call.args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    if len(fields) != len(call.args):
        fields.add("*")
    return fields


def _pre_validators(cls: ast.ClassDef, ctx: Context) -> dict[int, tuple[Any, set[str]]]:
    """The class body's pre validators: decorated functions, keyed by the
    function, and ``_v = validator(..., pre=True)(helper)`` reuse forms,
    keyed by the outer call."""
    found: dict[int, tuple[Any, set[str]]] = {}
    for statement in cls.body:
        value = statement.value if isinstance(statement, (ast.Assign, ast.AnnAssign)) else None
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Call):
            inner = value.func
            pre = any(k.arg == "pre" and _literal_bool(k.value) for k in inner.keywords)
            if pre and ctx.qualified_name(inner.func) in VALIDATORS:
                found[id(value)] = (value, _validator_fields(inner))
            continue
        if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for decorator in statement.decorator_list:
            if not isinstance(decorator, ast.Call):
                continue
            qualname = ctx.qualified_name(decorator.func)
            pre = any(k.arg == "pre" and _literal_bool(k.value) for k in decorator.keywords)
            if not pre:
                continue
            if qualname in VALIDATORS:
                fields = {a.value for a in decorator.args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
                if len(fields) != len(decorator.args):
                    fields.add("*")
                found[id(statement)] = (statement, fields)
            elif qualname in ROOT_VALIDATORS:
                found[id(statement)] = (statement, {"<root>"})
    return found


def _validator_params(func: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[dict[str, Any], str]:
    """How a V1 validator's ``values`` / ``field`` / ``config`` / ``**kwargs``
    parameters map to V2's ``(cls, v, info)``: (plan, "") or ({}, why not)."""
    args = func.args
    params = [*args.posonlyargs, *args.args]
    if args.vararg:
        return {}, "the signature has *args"
    if args.defaults or any(d is not None for d in args.kw_defaults):
        return {}, "parameters have defaults"
    if len(params) < 2:
        return {}, f"the signature takes {len(params)} parameters"
    extra = [p.arg for p in (*params[2:], *args.kwonlyargs)]
    unknown = [name for name in extra if name not in ("values", "field", "config")]
    if unknown:
        return {}, f"the validator takes {unknown[0]!r}"
    loads = _loads(func)
    if args.kwarg is not None and args.kwarg.arg in loads:
        return {}, f"the validator reads **{args.kwarg.arg}"
    if "config" in extra and "config" in loads:
        return {}, "the validator reads config: V2 gives info.config, a dict of V2 keys"
    uses_field = "field" in extra and "field" in loads
    if uses_field:
        for node in ast.walk(func):
            if isinstance(node, ast.Name) and node.id == "field" and not _is_field_name(node, func):
                return {}, "the validator reads field beyond field.name: V2 gives only info.field_name"
    uses_values = "values" in extra and "values" in loads
    if uses_values:
        reason = _values_reason(func)
        if reason:
            return {}, reason
    if (uses_values or uses_field) and _INFO in _all_names(func):
        return {}, "the name info is already used"
    if uses_field and any(
        isinstance(n, ast.Name) and n.id == "field" and not isinstance(n.ctx, ast.Load) for n in ast.walk(func)
    ):
        return {}, "field is reassigned"
    values_param = _values_param(func)
    changed = len(params) > 2 or args.kwarg is not None or bool(args.kwonlyargs)
    plan: dict[str, Any] = {
        "params": changed,
        "info": uses_values or uses_field,
        "values": uses_values,
        "field": uses_field,
        "annotated": values_param is not None and values_param.annotation is not None and uses_values,
    }
    return plan, ""


def _loads(func: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    return {n.id for n in ast.walk(func) if isinstance(n, ast.Name)}


def _all_names(func: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    names = _loads(func)
    names |= {n.arg for n in ast.walk(func) if isinstance(n, ast.arg)}
    return names


def _is_field_name(node: ast.Name, func: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """``field`` read as ``field.name``."""
    for parent in ast.walk(func):
        if isinstance(parent, ast.Attribute) and parent.value is node:
            return parent.attr == "name" and isinstance(parent.ctx, ast.Load)
    return False


#: The name the V1 body keeps when a post root validator is wrapped.
_WRAPPED = "_validate"


def _post_root_plan(func: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> tuple[dict[str, Any], str]:
    """A post ``@root_validator`` on ``(cls, values)`` becomes an after
    model validator on ``self``. When every ``return`` gives ``values``
    back, its body starts ``values = self.__dict__``: the same dict of
    validated fields V1 passed (mutations of it land in the instance as
    V1's returned dict did). Otherwise (it rebinds ``values`` or returns
    another dict), the V1 body runs unchanged as a nested function on
    ``self.__dict__`` and what it returns goes into the instance."""
    params, reason = _positional_params(func, 2, 2)
    if reason:
        return {}, reason
    if isinstance(func, ast.AsyncFunctionDef):
        return {}, "an async root validator"
    cls_name, values_name = params
    names = _all_names(func)
    if "self" in names:
        return {}, "the name self is already used"
    returns = [n for n in own_nodes(func) if isinstance(n, ast.Return)]
    if not returns or any(r.value is None for r in returns) or not _ends_in_return(func.body):
        return {}, f"some path does not return {values_name}"
    for node in ast.walk(func):
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            return {}, "the validator declares global or nonlocal names"
    owner = ctx.enclosing_class()
    class_scope = ctx.scope
    outer = class_scope.parent if class_scope.parent is not None else class_scope
    if owner is not None and _allows_extra(owner, outer, ctx, 0):
        return {}, "the model allows extra fields: V1 passed them in values, V2 keeps them in model_extra"
    simple = all(isinstance(r.value, ast.Name) and r.value.id == values_name for r in returns)
    for node in ast.walk(func):
        if isinstance(node, ast.Name) and node.id == values_name and not isinstance(node.ctx, ast.Load):
            simple = False
        if isinstance(node, ast.arg) and node.arg == values_name and node is not params_of(func)[1]:
            simple = False
    if not simple:
        if _WRAPPED in names or any(isinstance(n, ast.Attribute) and n.attr == "__dict__" for n in ast.walk(func)):
            return {}, f"{values_name} is rebound and the name {_WRAPPED} is taken"
        return {"values_name": values_name, "wrap": True, "cls": None, "prelude": False}, ""
    reads = sum(1 for n in ast.walk(func) if isinstance(n, ast.Name) and n.id == values_name) - len(returns)
    return {"cls": cls_name if _reads(func, cls_name) else None, "values_name": values_name, "prelude": reads > 0}, ""


def params_of(func: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.arg]:
    return [*func.args.posonlyargs, *func.args.args]


def _reads(func: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(func))


def _ends_in_return(body: list[ast.stmt]) -> bool:
    if not body:
        return False
    last = body[-1]
    if isinstance(last, (ast.Return, ast.Raise)):
        return True
    if isinstance(last, ast.If):
        return _ends_in_return(last.body) and _ends_in_return(last.orelse)
    if isinstance(last, (ast.With, ast.AsyncWith)):
        return _ends_in_return(last.body)
    if isinstance(last, ast.Try):
        return (_ends_in_return(last.orelse) if last.orelse else _ends_in_return(last.body)) and all(
            _ends_in_return(h.body) for h in last.handlers
        )
    return False


def _allows_extra(cls: ast.ClassDef, scope: Scope, ctx: Context, depth: int) -> bool:
    """``extra`` set to anything but forbid/ignore in the class's config or
    in a project base's."""
    if depth > 8:
        return True
    for statement in cls.body:
        entries: list[tuple[str, ast.expr]] = []
        if isinstance(statement, ast.ClassDef) and statement.name == "Config":
            for inner in statement.body:
                if isinstance(inner, ast.Assign) and len(inner.targets) == 1 and isinstance(inner.targets[0], ast.Name):
                    entries.append((inner.targets[0].id, inner.value))
        elif isinstance(statement, (ast.Assign, ast.AnnAssign)) and statement.value is not None:
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            if any(isinstance(t, ast.Name) and t.id == "model_config" for t in targets):
                value = statement.value
                if isinstance(value, ast.Call):
                    entries.extend((k.arg, k.value) for k in value.keywords if k.arg)
                elif isinstance(value, ast.Dict):
                    entries.extend(
                        (k.value, v)
                        for k, v in zip(value.keys, value.values, strict=True)
                        if isinstance(k, ast.Constant) and isinstance(k.value, str)
                    )
        for key, value in entries:
            if key != "extra":
                continue
            text = (
                value.value
                if isinstance(value, ast.Constant)
                else value.attr
                if isinstance(value, ast.Attribute)
                else None
            )
            if text not in ("forbid", "ignore"):
                return True
    for base in cls.bases:
        target = base.value if isinstance(base, ast.Subscript) else base
        definition = ctx.resolver.definition(target, scope)
        if (
            definition is not None
            and isinstance(definition.node, ast.ClassDef)
            and _allows_extra(definition.node, definition.scope, ctx, depth + 1)
        ):
            return True
    return False


def _params_to_info(func: Any, data: dict[str, Any]) -> Any:
    """``(cls, v, values, field, config, **kwargs)`` -> ``(cls, v[, info])``;
    reads of ``values`` become ``info.data``, ``field.name`` becomes
    ``info.field_name``."""
    import libcst as cst

    if not data.get("params"):
        return func

    class Rename(cst.CSTTransformer):
        def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.BaseExpression:
            if original.value != "values" or not data["values"]:
                return updated
            return cst.Attribute(value=cst.Name(_INFO), attr=cst.Name("data"), lpar=updated.lpar, rpar=updated.rpar)

        def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.BaseExpression:
            if (
                data["field"]
                and isinstance(original.value, cst.Name)
                and original.value.value == "field"
                and original.attr.value == "name"
            ):
                return cst.Attribute(
                    value=cst.Name(_INFO), attr=cst.Name("field_name"), lpar=updated.lpar, rpar=updated.rpar
                )
            # Names that are not reads of the variable keep their text.
            return updated.with_changes(attr=original.attr)

        def leave_Arg(self, original: cst.Arg, updated: cst.Arg) -> cst.Arg:
            return updated.with_changes(keyword=original.keyword)

    params = func.params
    positional = list(params.params)
    kept = positional[:2]
    if data["info"]:
        annotation = None
        source = next((p for p in (*positional[2:], *params.kwonly_params) if p.name.value == "values"), None)
        if data.get("info_annotation") and source is not None and source.annotation is not None:
            annotation = source.annotation.with_changes(annotation=cst.parse_expression(data["info_annotation"]))
        template = positional[-1] if len(positional) > 2 else kept[-1]
        kept.append(
            template.with_changes(
                name=cst.Name(_INFO), annotation=annotation, default=None, equal=cst.MaybeSentinel.DEFAULT
            )
        )
    kept[-1] = kept[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    body = func.body.visit(Rename())
    new_params = params.with_changes(params=kept, star_arg=cst.MaybeSentinel.DEFAULT, kwonly_params=[], star_kwarg=None)
    return func.with_changes(params=new_params, body=body)


def _post_root_to_after(func: Any, data: dict[str, Any]) -> Any:
    """``def f(cls, values): ... return values`` -> ``def f(self):
    values = self.__dict__ ... return self``."""
    import libcst as cst

    values_name = data["values_name"]
    if data.get("wrap"):
        return _post_root_wrapped(func, values_name)

    class Returns(cst.CSTTransformer):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return False  # nested functions keep their returns

        def visit_Lambda(self, node: cst.Lambda) -> bool:
            return False

        def visit_ClassDef(self, node: cst.ClassDef) -> bool:
            return False

        def leave_Return(self, original: cst.Return, updated: cst.Return) -> cst.Return:
            if isinstance(original.value, cst.Name) and original.value.value == values_name:
                return updated.with_changes(value=cst.Name("self"))
            return updated

    first = func.params.params[0]
    params = func.params.with_changes(
        params=[first.with_changes(name=cst.Name("self"), annotation=None, comma=cst.MaybeSentinel.DEFAULT)]
    )
    body = func.body.visit(Returns())
    prelude = [cst.parse_statement(f"{values_name} = self.__dict__\n")] if data["prelude"] else []
    if data.get("cls"):
        prelude.insert(0, cst.parse_statement(f"{data['cls']} = type(self)\n"))
    statements = list(body.body)
    insert_at = 0
    if statements and _is_docstring(statements[0]):
        insert_at = 1
    statements[insert_at:insert_at] = prelude
    return func.with_changes(params=params, body=body.with_changes(body=statements), returns=None)


def _post_root_wrapped(func: Any, values_name: str) -> Any:
    """The V1 body, unchanged, as a nested ``_validate(cls, values)`` called
    on the instance's fields; a new dict it returns replaces their values
    (V1 made the returned dict the instance's ``__dict__``)."""
    import libcst as cst

    statements = list(func.body.body)
    docstring = [statements.pop(0)] if statements and _is_docstring(statements[0]) else []
    inner = func.with_changes(
        name=cst.Name(_WRAPPED),
        decorators=[],
        leading_lines=[],
        body=func.body.with_changes(body=statements),
    )
    tail = [
        cst.parse_statement(f"{values_name} = {_WRAPPED}(type(self), self.__dict__)\n"),
        cst.parse_statement(f"if {values_name} is not self.__dict__:\n    self.__dict__.update({values_name})\n"),
        cst.parse_statement("return self\n"),
    ]
    tail[0] = tail[0].with_changes(leading_lines=[cst.EmptyLine(indent=False)])
    first = func.params.params[0]
    params = func.params.with_changes(
        params=[first.with_changes(name=cst.Name("self"), annotation=None, comma=cst.MaybeSentinel.DEFAULT)]
    )
    body = func.body.with_changes(body=[*docstring, inner, *tail])
    return func.with_changes(params=params, body=body, returns=None)


def _is_docstring(statement: Any) -> bool:
    import libcst as cst

    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )
