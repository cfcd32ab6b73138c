"""Adding and dropping imports at the top level of a module.

libcst's AddImportsVisitor and RemoveImportsVisitor walk the whole tree
(the latter with scope analysis) once per file: on a 1,000-line module that
is most of a fix's cost. Fixes only ever need top-level imports, so these
edits touch ``module.body`` alone; whether a dropped name is still used is
answered by the stdlib ``ast`` of the fixed code.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

import libcst as cst

Request = tuple[str, str | None, str | None]  # module, name, asname


@dataclass
class ImportEdits:
    added: list[Request]
    removed: list[tuple[str, str]]

    def apply(self, module: cst.Module) -> cst.Module:
        body: list[cst.BaseStatement] = list(module.body)
        for request in self.added:
            body = _add(body, *request)
        if self.removed:
            used = _names_used(module.with_changes(body=body).code)
            for module_name, name in self.removed:
                if name not in used:
                    body = _remove(body, module_name, name)
        return module.with_changes(body=body)


def _dotted(expr: cst.BaseExpression) -> str:
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute):
        return f"{_dotted(expr.value)}.{expr.attr.value}"
    return ""


def _alias_names(alias: cst.ImportAlias) -> tuple[str, str | None]:
    asname = alias.asname.name if alias.asname is not None else None
    return _dotted(alias.name), _dotted(asname) if isinstance(asname, (cst.Name, cst.Attribute)) else None


def _imports(line: cst.BaseStatement) -> list[cst.BaseSmallStatement]:
    if isinstance(line, cst.SimpleStatementLine):
        return [s for s in line.body if isinstance(s, (cst.Import, cst.ImportFrom))]
    return []


def _from_module(statement: cst.ImportFrom) -> str | None:
    if statement.relative or statement.module is None or isinstance(statement.names, cst.ImportStar):
        return None
    return _dotted(statement.module)


def _leading(body: list[cst.BaseStatement]) -> range:
    """Indices of the docstring and the import statements that open the
    module: an import further down may come after the code a fix changed."""
    end = 1 if body and _is_docstring(body[0]) else 0
    while end < len(body) and _imports(body[end]):
        end += 1
    return range(end)


def _present(body: list[cst.BaseStatement], module: str, name: str | None, asname: str | None) -> bool:
    for line in (body[i] for i in _leading(body)):
        for statement in _imports(line):
            if (
                name is None
                and isinstance(statement, cst.Import)
                and any(_alias_names(a) == (module, asname) for a in statement.names)
            ):
                return True
            if name is not None and isinstance(statement, cst.ImportFrom) and _from_module(statement) == module:
                assert not isinstance(statement.names, cst.ImportStar)
                if any(_alias_names(a) == (name, asname) for a in statement.names):
                    return True
    return False


def _add(body: list[cst.BaseStatement], module: str, name: str | None, asname: str | None) -> list[cst.BaseStatement]:
    if _present(body, module, name, asname):
        return body
    alias = cst.ImportAlias(
        name=cst.parse_expression(name or module),  # type: ignore[arg-type]
        asname=cst.AsName(name=cst.Name(asname)) if asname else None,
    )
    if name is not None:
        # Join an existing ``from module import ...`` of one statement per line.
        for index in _leading(body):
            line = body[index]
            if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
                continue
            statement = line.body[0]
            if isinstance(statement, cst.ImportFrom) and _from_module(statement) == module:
                body = list(body)
                body[index] = line.with_changes(body=[_append_alias(statement, alias)])
                return body
        new: cst.BaseSmallStatement = cst.ImportFrom(module=cst.parse_expression(module), names=[alias])  # type: ignore[arg-type]
    else:
        new = cst.Import(names=[alias])
    body = list(body)
    body.insert(_insertion_point(body), cst.SimpleStatementLine(body=[new]))
    return body


def _append_alias(statement: cst.ImportFrom, alias: cst.ImportAlias) -> cst.ImportFrom:
    assert not isinstance(statement.names, cst.ImportStar)
    names = list(statement.names)
    last = names[-1]
    if isinstance(last.comma, cst.Comma):  # a trailing comma: one name per line
        separator = names[-2].comma if len(names) >= 2 and isinstance(names[-2].comma, cst.Comma) else last.comma
        names[-1] = last.with_changes(comma=separator)
        names.append(alias.with_changes(comma=last.comma))
    else:
        names[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        names.append(alias)
    return statement.with_changes(names=names)


def _insertion_point(body: list[cst.BaseStatement]) -> int:
    """After the module's docstring and leading imports."""
    return len(_leading(body))


def _is_docstring(line: cst.BaseStatement) -> bool:
    return (
        isinstance(line, cst.SimpleStatementLine)
        and len(line.body) == 1
        and isinstance(line.body[0], cst.Expr)
        and isinstance(line.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def _remove(body: list[cst.BaseStatement], module: str, name: str) -> list[cst.BaseStatement]:
    for index, line in enumerate(body):
        if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
            continue
        statement = line.body[0]
        if not isinstance(statement, cst.ImportFrom) or _from_module(statement) != module:
            continue
        assert not isinstance(statement.names, cst.ImportStar)
        names = list(statement.names)
        # ``name`` is the name the import binds: ``from m import a as b`` is removed by "b".
        keep = [a for a in names if (_alias_names(a)[1] or _alias_names(a)[0]) != name]
        if len(keep) == len(names):
            continue
        body = list(body)
        if keep:
            keep[-1] = keep[-1].with_changes(comma=names[-1].comma)
            body[index] = line.with_changes(body=[statement.with_changes(names=keep)])
        elif not any(empty.comment for empty in line.leading_lines):
            del body[index]
        return body
    return body


def _names_used(code: str) -> set[str]:
    """Names the code reads, and the strings of ``__all__``."""
    used: set[str] = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Name):
            used.add(node.id)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.isidentifier():
            used.add(node.value)  # __all__, string annotations: keep to be safe
    return used
