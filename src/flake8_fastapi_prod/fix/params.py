"""libcst edits of a function's parameters and decorators (FP7xx and FP608
fixes): add a parameter keeping the signature's layout, annotate one, move
a decorator."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

AnyFunction = cst.FunctionDef


def _new_param(name: str, annotation: str | None, default: str | None = None) -> cst.Param:
    return cst.Param(
        name=cst.Name(name),
        annotation=cst.Annotation(cst.parse_expression(annotation)) if annotation else None,
        equal=cst.AssignEqual(
            whitespace_before=cst.SimpleWhitespace(" " if annotation else ""),
            whitespace_after=cst.SimpleWhitespace(" " if annotation else ""),
        )
        if default is not None
        else cst.MaybeSentinel.DEFAULT,
        default=cst.parse_expression(default) if default is not None else None,
    )


def _separator(func: cst.FunctionDef) -> cst.Comma:
    """The comma between parameters: ``, `` or, when the signature has one
    parameter per line, a comma and the line break with its indent."""
    whitespace = func.whitespace_before_params
    if isinstance(whitespace, cst.ParenthesizedWhitespace):
        return cst.Comma(whitespace_after=whitespace)
    return cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))


def insert_param(
    func: cst.FunctionDef,
    name: str,
    annotation: str | None,
    *,
    after: str | None = None,
    keyword_only: bool = False,
    default: str | None = None,
) -> cst.FunctionDef:
    """Add ``name: annotation`` first among the ordinary parameters, right
    after the parameter ``after``, or last among the keyword-only ones."""
    params = func.params
    new = _new_param(name, annotation, default)
    if keyword_only:
        kwonly = list(params.kwonly_params)
        star = params.star_arg
        if not kwonly and not isinstance(star, (cst.Param, cst.ParamStar)):
            star = cst.ParamStar()
        return func.with_changes(params=params.with_changes(kwonly_params=_append(func, kwonly, new), star_arg=star))
    ordinary = list(params.params)
    if after is not None:
        for group in ("posonly_params", "params", "kwonly_params"):
            members: list[cst.Param] = list(getattr(params, group))
            for index, param in enumerate(members):
                if param.name.value == after:
                    members = _insert_after(func, members, index, new)
                    return func.with_changes(params=params.with_changes(**{group: members}))
        raise ValueError(f"no parameter {after}")
    if ordinary:
        first = ordinary[0]
        new = new.with_changes(comma=first.comma if isinstance(first.comma, cst.Comma) else _separator(func))
    ordinary.insert(0, new)
    return func.with_changes(params=params.with_changes(params=ordinary))


def _insert_after(func: cst.FunctionDef, members: list[cst.Param], index: int, new: cst.Param) -> list[cst.Param]:
    members = list(members)
    before = members[index]
    if isinstance(before.comma, cst.Comma):
        # ``a, b`` -> ``a, new, b``; a trailing comma moves to the new last one.
        is_last = index == len(members) - 1
        if is_last:
            new = new.with_changes(comma=before.comma)
            members[index] = before.with_changes(comma=_separator(func))
        else:
            new = new.with_changes(comma=before.comma)
    members.insert(index + 1, new)
    return members


def _append(func: cst.FunctionDef, members: list[cst.Param], new: cst.Param) -> list[cst.Param]:
    if members and isinstance(members[-1].comma, cst.Comma):
        return _insert_after(func, members, len(members) - 1, new)
    return [*members, new]


def annotate_param(func: cst.FunctionDef, name: str, annotation: str) -> cst.FunctionDef:
    params = func.params
    for group in ("posonly_params", "params", "kwonly_params"):
        members: list[cst.Param] = list(getattr(params, group))
        for index, param in enumerate(members):
            if param.name.value == name:
                members[index] = param.with_changes(annotation=cst.Annotation(cst.parse_expression(annotation)))
                if param.default is not None and isinstance(param.equal, cst.AssignEqual):
                    members[index] = members[index].with_changes(
                        equal=cst.AssignEqual(
                            whitespace_before=cst.SimpleWhitespace(" "), whitespace_after=cst.SimpleWhitespace(" ")
                        )
                    )
                return func.with_changes(params=params.with_changes(**{group: members}))
    raise ValueError(f"no parameter {name}")


def move_decorators(func: cst.FunctionDef, moving: Sequence[int], below: int) -> cst.FunctionDef:
    """Move the decorators at the indices ``moving`` (each above ``below``)
    to just under the decorator at ``below``, keeping their order and
    their comments; the first decorator's leading lines stay first."""
    decorators = list(func.decorators)
    first = decorators[0]
    lines = list(first.leading_lines)
    blank = 0
    while blank < len(lines) and lines[blank].comment is None:
        blank += 1
    moved = [decorators[i] for i in moving]
    kept = [d for i, d in enumerate(decorators) if i not in set(moving)]
    anchor = kept.index(decorators[below])
    result = kept[: anchor + 1] + moved + kept[anchor + 1 :]
    if result[0] is not first:
        # Blank lines before the function stay before it; comments travel
        # with the decorator they sit on.
        result = [d.with_changes(leading_lines=lines[blank:]) if d is first else d for d in result]
        result[0] = result[0].with_changes(leading_lines=[*lines[:blank], *result[0].leading_lines])
    return func.with_changes(decorators=result)


def remove_args(call: cst.Call, drop: Sequence[int]) -> cst.Call:
    """Drop the arguments at the indices ``drop``, keeping the layout: the
    new last argument takes the old last one's comma (a trailing comma of a
    one-per-line call stays)."""
    args = list(call.args)
    if not drop:
        return call
    last_comma = args[-1].comma
    kept = [arg for index, arg in enumerate(args) if index not in set(drop)]
    if kept and len(args) - 1 in set(drop):
        kept[-1] = kept[-1].with_changes(comma=last_comma)
    if not kept:
        return call.with_changes(args=[], whitespace_before_args=cst.SimpleWhitespace(""))
    return call.with_changes(args=kept)


def remove_keyword(call: cst.Call, name: str) -> cst.Call | None:
    drop = [i for i, arg in enumerate(call.args) if arg.keyword is not None and arg.keyword.value == name]
    return remove_args(call, drop) if drop else None
