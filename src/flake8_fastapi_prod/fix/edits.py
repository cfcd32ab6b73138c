"""libcst building blocks shared by the rules' fixes (never imported by the
flake8 plugin: rule modules import this inside their ``fix`` methods)."""

from __future__ import annotations

import libcst as cst


def awaited(expr: cst.BaseExpression, *, parens: bool) -> cst.Await:
    """``await expr``, parenthesised where the await feeds an attribute,
    subscript or call (``(await s.execute(q)).scalars()``)."""
    node = expr.with_changes(lpar=[], rpar=[]) if parens else expr
    if parens:
        return cst.Await(expression=node, lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return (
        cst.Await(expression=node, lpar=list(expr.lpar), rpar=list(expr.rpar))
        if expr.lpar
        else cst.Await(expression=node)
    )


def expression(text: str) -> cst.BaseExpression:
    return cst.parse_expression(text)


def set_keyword(call: cst.Call, name: str, value: cst.BaseExpression) -> cst.Call:
    """Add ``name=value`` to a call (replacing an existing ``name=``),
    keeping a trailing-comma, one-argument-per-line layout intact."""
    args = list(call.args)
    for index, arg in enumerate(args):
        if arg.keyword is not None and arg.keyword.value == name:
            args[index] = arg.with_changes(value=value)
            return call.with_changes(args=args)
    new_arg = cst.Arg(
        keyword=cst.Name(name),
        value=value,
        equal=cst.AssignEqual(whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")),
    )
    if not args:
        return call.with_changes(args=[new_arg])
    last = args[-1]
    if isinstance(last.comma, cst.Comma):
        # One argument per line with a trailing comma: the old last argument
        # takes the separator the others use, the new one the closing comma.
        if len(args) >= 2 and isinstance(args[-2].comma, cst.Comma):
            separator = args[-2].comma
        else:
            separator = cst.Comma(whitespace_after=call.whitespace_before_args)
        args[-1] = last.with_changes(comma=separator)
        args.append(new_arg.with_changes(comma=last.comma))
        return call.with_changes(args=args)
    # No trailing comma: the new argument follows the layout the call has
    # (the separator the other arguments use, else the opening paren's
    # newline and indent when the call is multi-line) and takes the
    # whitespace before the closing paren, which stays where it was.
    if len(args) >= 2 and isinstance(args[-2].comma, cst.Comma):
        separator = args[-2].comma
    elif isinstance(call.whitespace_before_args, cst.ParenthesizedWhitespace):
        separator = cst.Comma(whitespace_after=call.whitespace_before_args)
    else:
        separator = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    args[-1] = last.with_changes(comma=separator, whitespace_after_arg=cst.SimpleWhitespace(""))
    args.append(new_arg.with_changes(whitespace_after_arg=last.whitespace_after_arg))
    return call.with_changes(args=args)
