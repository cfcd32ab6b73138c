from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import ON_PYDANTIC2, Finding, FixSafety, Rule
from flake8_fastapi_prod.resolve import own_nodes

MODEL_VALIDATORS = frozenset({"pydantic.model_validator", "pydantic.functional_validators.model_validator"})


class AfterValidatorReturn(Rule):
    """A `@model_validator(mode="after")` method that does not return `self`.

    ## What it does
    Flags a method decorated with `pydantic.model_validator(mode="after")`
    that has no `return` at all, returns something other than its first
    parameter (`self`), or can reach the end of its body without a
    `return`.

    ## Why is this bad?
    The return value of an after-validator replaces the validated instance.
    Verified on pydantic 2.14.4: `Model(...)` warns "A custom validator is
    returning a value other than `self`" and `Model.model_validate(data)`
    returns `None`, so FastAPI bodies and `model_validate` callers get
    `None` instead of the model.

    ## Example
    ```python
    from pydantic import BaseModel, model_validator

    class Range(BaseModel):
        start: int
        end: int

        @model_validator(mode="after")
        def ordered(self):
            if self.start > self.end:
                raise ValueError("start after end")
    ```

    ## Use instead
    ```python
    from pydantic import BaseModel, model_validator

    class Range(BaseModel):
        start: int
        end: int

        @model_validator(mode="after")
        def ordered(self):
            if self.start > self.end:
                raise ValueError("start after end")
            return self
    ```

    ## Fix safety
    Safe when the method has no `return` at all: `return self` is appended.
    No fix when it returns something else on some path: decide what the
    validator should produce.
    """

    code = "FP306"
    name = "after-validator-not-returning-self"
    message = (
        '@model_validator(mode="after") method {name!r} {problem}: Pydantic 2 returns that instead of the model{note}'
    )
    default = ON_PYDANTIC2
    fix_safety = FixSafety.SAFE

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: Context) -> Iterator[Finding]:
        if not any(_is_after_validator(d, ctx) for d in node.decorator_list):
            return
        params = [*node.args.posonlyargs, *node.args.args]
        if not params or any(
            isinstance(d, ast.Name) and d.id in ("classmethod", "staticmethod") for d in node.decorator_list
        ):
            return
        me = params[0].arg
        returns = [n for n in own_nodes(node) if isinstance(n, ast.Return)]
        if not returns:
            if _is_stub(node.body):
                return
            yield self.report(
                node, fixable=True, fix_data={"self": me}, name=node.name, problem="returns None", note=""
            )
            return
        other = [r for r in returns if not (isinstance(r.value, ast.Name) and r.value.id == me)]
        if other:
            yield self.report(
                other[0], target=node, fixable=False, name=node.name, problem=f"does not return {me}", note=""
            )
        elif not _terminates(node.body):
            yield self.report(
                node,
                fixable=False,
                name=node.name,
                problem="can end without returning",
                note=" (no fix: some path has no return)",
            )

    visit_AsyncFunctionDef = visit_FunctionDef

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        import libcst as cst

        if not isinstance(node, cst.FunctionDef) or not isinstance(node.body, cst.IndentedBlock):
            return None
        statement = cst.SimpleStatementLine(body=[cst.Return(value=cst.Name(finding.data()["self"]))])
        return node.with_changes(body=node.body.with_changes(body=[*node.body.body, statement]))


def _is_after_validator(decorator: ast.expr, ctx: Context) -> bool:
    if not isinstance(decorator, ast.Call) or ctx.qualified_name(decorator.func) not in MODEL_VALIDATORS:
        return False
    return any(
        k.arg == "mode" and isinstance(k.value, ast.Constant) and k.value.value == "after" for k in decorator.keywords
    )


def _is_stub(body: list[ast.stmt]) -> bool:
    """``...`` / ``raise NotImplementedError``: an abstract or protocol stub."""
    statements = [
        s
        for s in body
        if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant) and isinstance(s.value.value, str))
    ]
    return len(statements) == 1 and (
        (
            isinstance(statements[0], ast.Expr)
            and isinstance(statements[0].value, ast.Constant)
            and statements[0].value.value is Ellipsis
        )
        or isinstance(statements[0], ast.Raise)
    )


def _terminates(body: list[ast.stmt]) -> bool:
    """The statements cannot fall off their end (constructs not understood
    count as terminating: precision first)."""
    if not body:
        return False
    last = body[-1]
    if isinstance(last, (ast.Return, ast.Raise)):
        return True
    if isinstance(last, ast.If):
        return _terminates(last.body) and _terminates(last.orelse)
    if isinstance(last, (ast.With, ast.AsyncWith)):
        return _terminates(last.body)
    if isinstance(last, ast.While):
        return isinstance(last.test, ast.Constant) and bool(last.test.value)
    return isinstance(last, (ast.Try, ast.Match))
