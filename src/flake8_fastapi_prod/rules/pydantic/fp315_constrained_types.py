from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import Any

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import ON_PYDANTIC2, Finding, FixSafety, Gate, Rule
from flake8_fastapi_prod.rules.pydantic.common import compat_guarded, pattern_fix, rename_keywords

_ITEMS = {"min_items": "min_length", "max_items": "max_length"}
#: V1 keyword -> V2 keyword ("" when V2 has none), per constrained-type function.
_RENAMES: dict[str, dict[str, str]] = {
    "conlist": {**_ITEMS, "unique_items": ""},
    "conset": _ITEMS,
    "confrozenset": _ITEMS,
    "constr": {"regex": "pattern", "curtail_length": ""},
}
_V1_KEYWORDS = frozenset({"min_items", "max_items", "unique_items", "regex", "curtail_length"})
_FUNCTIONS = {f"{module}.{name}": name for module in ("pydantic", "pydantic.types") for name in _RENAMES}
_CLASSES = {
    f"{module}.Constrained{kind}": kind
    for module in ("pydantic", "pydantic.types")
    for kind in ("Bytes", "Date", "Decimal", "Float", "FrozenSet", "Int", "List", "Set", "Str")
}
_CLASS_HOME = {
    "Str": "Annotated[str, StringConstraints(...)]",
    "Bytes": "conbytes(...) / Annotated[bytes, Field(...)]",
    "Int": "conint(...) / Annotated[int, Field(...)]",
    "Float": "confloat(...) / Annotated[float, Field(...)]",
    "Decimal": "condecimal(...)",
    "Date": "condate(...)",
    "List": "conlist(...)",
    "Set": "conset(...)",
    "FrozenSet": "confrozenset(...)",
}
_NO_V2 = {
    "unique_items": "unique_items= has no V2 counterpart (use a set)",
    "curtail_length": "curtail_length= has no V2 counterpart",
}


class V1ConstrainedType(Rule):
    """A V1 constrained type: `conlist(min_items=)`, `constr(regex=)`, `ConstrainedStr` subclasses.

    ## What it does
    Flags `conlist` / `conset` / `confrozenset` called with `min_items=` or
    `max_items=` (also `conlist(unique_items=)`), `constr` called with
    `regex=` or `curtail_length=`, and classes that subclass V1's
    `ConstrainedStr`, `ConstrainedInt`, `ConstrainedFloat`,
    `ConstrainedDecimal`, `ConstrainedBytes`, `ConstrainedDate`,
    `ConstrainedList`, `ConstrainedSet` or `ConstrainedFrozenSet`, from
    `pydantic` or `pydantic.types`, through any import alias.
    `pydantic.v1` is right and never flagged.

    ## Why is this bad?
    Verified on pydantic 2.14.4: `conlist(int, min_items=1)` and
    `constr(regex="...")` raise `TypeError: unexpected keyword argument`
    where the annotation is evaluated (at import, in a model body), and
    `from pydantic import ConstrainedStr` raises `PydanticImportError`.

    ## Example
    ```python
    from pydantic import BaseModel, conlist, constr

    class Order(BaseModel):
        items: conlist(int, min_items=1, max_items=10)
        code: constr(regex=r"^[A-Z]{3}$")
    ```

    ## Use instead
    ```python
    from pydantic import BaseModel, conlist, constr

    class Order(BaseModel):
        items: conlist(int, min_length=1, max_length=10)
        code: constr(pattern=r"^[A-Z]{3}$")
    ```

    ## Fix safety
    Safe: `min_items` / `max_items` become `min_length` / `max_length`,
    `regex` becomes `pattern`. V1 matched `regex` with `re.match` (anchored
    at the start) and V2 searches the string (verified: `regex="abc"`
    rejects `"xabc"` on 1.10, `pattern="abc"` accepts it on 2.14), so a
    pattern that does not start with `^` is written `^(?:...)`. No fix for
    a pattern that is not a string literal, one with lookaround or
    backreferences (V2's Rust regex engine rejects them at class creation:
    set `regex_engine="python-re"`), `unique_items=`, `curtail_length=`,
    or a `Constrained*` subclass (rewrite it as an `Annotated` type).
    """

    code = "FP315"
    gates = {"Call": Gate(qualnames=frozenset(_FUNCTIONS))}
    name = "v1-constrained-type"
    message = "{what} raises in Pydantic V2 ({effect}); use {new}{note}"
    default = ON_PYDANTIC2
    fix_safety = FixSafety.SAFE

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        if not any(k.arg in _V1_KEYWORDS for k in node.keywords):
            return
        function = _FUNCTIONS.get(ctx.qualified_name(node.func) or "")
        if function is None:
            return
        table = _RENAMES[function]
        v1 = [k for k in node.keywords if k.arg in table]
        if not v1:
            return
        given = {k.arg for k in node.keywords}
        renames: dict[str, str] = {}
        anchor = False
        reasons: list[str] = []
        for keyword in v1:
            assert keyword.arg is not None
            new = table[keyword.arg]
            if not new:
                reasons.append(_NO_V2[keyword.arg])
                continue
            if new in given:
                reasons.append(f"both {keyword.arg}= and {new}= are given")
                continue
            if new == "pattern":
                how, reason = pattern_fix(keyword.value)
                if reason:
                    reasons.append(reason)
                    continue
                anchor = how == "anchor"
            renames[keyword.arg] = new
        what = f"{function}({', '.join(f'{k.arg}=' for k in v1)})"
        new_text = ", ".join(f"{new}=" for new in renames.values()) or "the V2 keywords"
        note = f" (no fix: {'; '.join(reasons)})" if reasons else ""
        yield self.report(
            node,
            fixable=not reasons,
            fix_data={"renames": tuple(renames.items()), "anchor": anchor},
            what=what,
            effect="TypeError: unexpected keyword argument",
            new=new_text,
            note=note,
        )

    def visit_ClassDef(self, node: ast.ClassDef, ctx: Context) -> Iterator[Finding]:
        for base in node.bases:
            kind = _CLASSES.get(ctx.qualified_name(base) or "")
            if kind is not None and not compat_guarded(ctx):
                yield self.report(
                    node,
                    fixable=False,
                    what=f"subclassing Constrained{kind}",
                    effect="PydanticImportError: removed",
                    new=_CLASS_HOME[kind],
                    note=" (no fix)",
                )
                return

    def fix(self, node: Any, finding: Finding, fix_ctx: Any) -> Any:
        data = finding.data()
        return rename_keywords(node, dict(data["renames"]), ("pattern",) if data["anchor"] else ())
