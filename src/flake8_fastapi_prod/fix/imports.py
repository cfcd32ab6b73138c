"""Adding and dropping imports the way isort (and Ruff's ``I001``) lays them out.

An added import lands where isort with default settings would put it:

- in its section (``__future__``, standard library, third party, first
  party, local/relative), sections in that order and one blank line apart;
  first party is the package the file is in and every top-level name in the
  project root or its ``src/`` folder (Ruff's ``src = [".", "src"]`` and
  ``detect-same-package``; the root is the nearest folder above the file
  with a ``pyproject.toml``, ``setup.py``, ``setup.cfg`` or ``.git``);
- within a section, ``import x`` statements before ``from x import y``
  ones, each sorted case-insensitively in natural order;
- merged into an existing ``from x import a, b`` (also a parenthesised,
  one-name-per-line one) at its sorted place: constants, then classes, then
  the rest (``order-by-type``); an aliased name gets its own statement, as
  isort's ``combine-as-imports = false`` wants; a line grown past the
  project's line length (``[tool.ruff]``, ``[tool.isort]`` or
  ``[tool.black]``, default 88) is wrapped one name per line;
- in the module's top-level import block (after a docstring, ``from
  __future__`` and leading comments), never inside ``if TYPE_CHECKING:`` or
  a function.

An import is dropped only when a fix made it unused: a name bound by an
import that the module read before the round of fixes and no longer reads
after it (``import time`` once ``time.sleep`` became ``asyncio.sleep``).
"Reads" is generous on purpose: any ``Name``, the strings of ``__all__``,
and names in string annotations (or any string in a subscript or in
``cast``/``TypeVar``/``NewType``/``ForwardRef``); an import line with a
``# noqa`` comment is kept. An import the module did not read before the
fix (one kept for its side effects, or already unused) is never touched.
The comments above a dropped statement stay.

libcst's AddImportsVisitor and RemoveImportsVisitor walk the whole tree
(the latter with scope analysis) once per file: on a 1,000-line module that
is most of a fix's cost. These edits touch ``module.body`` (and, only when
a nested import lost its last use, the blocks holding imports); whether a
name is read is answered by the stdlib ``ast``.
"""

from __future__ import annotations

import ast
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import libcst as cst

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

Request = tuple[str, str | None, str | None]  # module, name, asname

FUTURE, STDLIB, THIRD_PARTY, FIRST_PARTY, LOCAL = range(5)
DEFAULT_LINE_LENGTH = 88
_ROOT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg", ".git")
_STDLIB = frozenset(sys.stdlib_module_names)


# -- the project's import style ---------------------------------------------


@dataclass(frozen=True)
class ImportStyle:
    """How imports are grouped and wrapped for one file."""

    first_party: Callable[[str], bool] = lambda name: False
    line_length: int = DEFAULT_LINE_LENGTH

    def section(self, module: str, level: int = 0) -> int:
        if level:
            return LOCAL
        top = module.partition(".")[0]
        if top == "__future__":
            return FUTURE
        if top in _STDLIB:
            return STDLIB
        if self.first_party(top):
            return FIRST_PARTY
        return THIRD_PARTY


def style_for(filename: str | None) -> ImportStyle:
    """The import style for a file on disk (defaults for a name that is not one)."""
    if not filename or not os.path.isfile(filename):
        return ImportStyle()
    directory = Path(os.path.abspath(filename)).parent
    top_package = None
    top = directory
    if (directory / "__init__.py").exists():
        while (top.parent / "__init__.py").exists() and top.parent != top:
            top = top.parent
        top_package = top.name
    root = _project_root(directory, top)
    return ImportStyle(_FirstParty(root, top_package), _line_length(root))


@lru_cache(maxsize=256)
def _project_root(directory: Path, package: Path) -> Path:
    """The nearest folder with a project marker; without one, the folder
    holding the file's top-level package (or the file)."""
    for candidate in (directory, *directory.parents):
        if any((candidate / marker).exists() for marker in _ROOT_MARKERS):
            return candidate
    return package.parent if package != directory or (directory / "__init__.py").exists() else directory


@dataclass(frozen=True)
class _FirstParty:
    root: Path
    package: str | None

    def __call__(self, name: str) -> bool:
        return name == self.package or _in_sources(self.root, name)


@lru_cache(maxsize=1024)
def _in_sources(root: Path, name: str) -> bool:
    for source in (root, root / "src"):
        if (source / name).is_dir() or (source / f"{name}.py").is_file() or (source / f"{name}.pyi").is_file():
            return True
    return False


@lru_cache(maxsize=256)
def _line_length(root: Path) -> int:
    for name, keys in (("ruff.toml", [()]), (".ruff.toml", [()]), ("pyproject.toml", [("tool", "ruff")])):
        path = root / name
        if path.is_file():
            try:
                data: Any = tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            for key in keys:
                table = data
                for part in key:
                    table = table.get(part, {}) if isinstance(table, dict) else {}
                if isinstance(table, dict) and isinstance(table.get("line-length"), int):
                    return int(table["line-length"])
            if name == "pyproject.toml":
                tool = data.get("tool", {}) if isinstance(data, dict) else {}
                for section, key_name in (("isort", "line_length"), ("black", "line-length")):
                    value = tool.get(section, {}).get(key_name) if isinstance(tool.get(section), dict) else None
                    if isinstance(value, int):
                        return value
    return DEFAULT_LINE_LENGTH


# -- sort keys as isort / Ruff order them ------------------------------------


def natural(text: str) -> tuple[tuple[int, int], ...]:
    """Natural order (``a9`` < ``a10``): a run of digits compares by value."""
    key: list[tuple[int, int]] = []
    for part in re.findall(r"\d+|\D", text):
        key.append((0x30, int(part)) if part[0].isdigit() else (ord(part), 0))
    return tuple(key)


def member_key(name: str, asname: str | None = None) -> tuple[Any, ...]:
    """A name's place in ``from x import ...``: constants, classes, the rest."""
    if len(name) > 1 and name.upper() == name and name.lower() != name:
        kind = 0
    elif name[:1].isupper():
        kind = 1
    else:
        kind = 2
    return (kind, natural(name.lower()), natural(name), asname is not None, natural(asname or ""))


def _module_key(module: str) -> tuple[Any, ...]:
    return (natural(module.lower()), natural(module))


# -- reading statements ------------------------------------------------------


def _dotted(expr: cst.BaseExpression | None) -> str:
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute):
        return f"{_dotted(expr.value)}.{expr.attr.value}"
    return ""


def _alias_names(alias: cst.ImportAlias) -> tuple[str, str | None]:
    asname = alias.asname.name if alias.asname is not None else None
    return _dotted(alias.name), _dotted(asname) if isinstance(asname, (cst.Name, cst.Attribute)) else None


def _binding(alias: cst.ImportAlias, from_import: bool) -> str:
    name, asname = _alias_names(alias)
    if asname:
        return asname
    return name if from_import else name.partition(".")[0]


def _imports(line: cst.CSTNode) -> list[cst.Import | cst.ImportFrom]:
    if isinstance(line, cst.SimpleStatementLine):
        return [s for s in line.body if isinstance(s, (cst.Import, cst.ImportFrom))]
    return []


def _is_import_line(line: cst.CSTNode) -> bool:
    return isinstance(line, cst.SimpleStatementLine) and len(_imports(line)) == len(line.body) > 0


def _from_module(statement: cst.ImportFrom) -> str | None:
    if statement.relative or statement.module is None or isinstance(statement.names, cst.ImportStar):
        return None
    return _dotted(statement.module)


def _statement_key(statement: cst.Import | cst.ImportFrom, style: ImportStyle) -> tuple[Any, ...]:
    if isinstance(statement, cst.Import):
        name, asname = _alias_names(statement.names[0])
        return (style.section(name), 0, (), _module_key(name), member_key(name, asname))
    level = len(statement.relative)
    module = _dotted(statement.module) if statement.module is not None else ""
    if isinstance(statement.names, cst.ImportStar):
        first: tuple[Any, ...] = ()
    else:
        first = member_key(*_alias_names(statement.names[0]))
    return (style.section(module, level), 1, -level, _module_key(module), first)


def _new_key(module: str, name: str | None, asname: str | None, style: ImportStyle) -> tuple[Any, ...]:
    if name is None:
        return (style.section(module), 0, (), _module_key(module), member_key(module, asname))
    return (style.section(module), 1, 0, _module_key(module), member_key(name, asname))


def _is_docstring(line: cst.CSTNode) -> bool:
    return (
        isinstance(line, cst.SimpleStatementLine)
        and len(line.body) == 1
        and isinstance(line.body[0], cst.Expr)
        and isinstance(line.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def _has_noqa(module: cst.Module, line: cst.CSTNode) -> bool:
    return "noqa" in module.code_for_node(line).lower()


def _leading_lines(statement: cst.BaseStatement) -> Sequence[cst.EmptyLine]:
    """Every statement class has them; BaseStatement does not declare them."""
    lines: Sequence[cst.EmptyLine] = getattr(statement, "leading_lines", ())
    return lines


def _blank() -> cst.EmptyLine:
    return cst.EmptyLine(indent=False)


def _split_leading(lines: Sequence[cst.EmptyLine]) -> tuple[list[cst.EmptyLine], list[cst.EmptyLine]]:
    """The blank lines before the first comment, and the comment onwards
    (isort keeps a comment with the statement below it)."""
    lines = list(lines)
    for index, line in enumerate(lines):
        if line.comment is not None:
            return lines[:index], lines[index:]
    return lines, []


# -- the edits ---------------------------------------------------------------


@dataclass
class ImportEdits:
    added: list[Request]
    removed: list[tuple[str, str]]
    style: ImportStyle = field(default_factory=ImportStyle)

    def apply(self, module: cst.Module, *, unread: Iterable[str | Binding] | None = None) -> cst.Module:
        """Drop the imports binding ``unread`` (what the caller found the
        fixes left unread: a ``(scope, name)`` binding, or a name at module
        level) and the ``removed`` ones nothing reads; then add ``added``."""
        bindings = {item if isinstance(item, tuple) else ((), item) for item in unread or ()}
        if self.removed:
            read = names_read(ast.parse(module.code))
            bindings |= {((), name) for _, name in self.removed if not read[name]}
        if bindings:
            module = drop_imports(module, bindings)
        body: list[cst.BaseStatement] = list(module.body)
        for request in self.added:
            body = add_import(body, *request, style=self.style)
        return module.with_changes(body=body)


def _header(body: Sequence[cst.BaseStatement]) -> Sequence[cst.BaseStatement]:
    """The statements before the module's first code: its docstring,
    imports and ``if``/``try`` blocks (``TYPE_CHECKING``, import shims). An
    import further down runs after code that may already need the name."""
    for index, line in enumerate(body):
        if not (_is_import_line(line) or isinstance(line, (cst.If, cst.Try)) or (index == 0 and _is_docstring(line))):
            return body[:index]
    return body


def _present(body: Sequence[cst.BaseStatement], module: str, name: str | None, asname: str | None) -> bool:
    """Whether the module's header imports it already (at top level: one
    inside ``if TYPE_CHECKING:`` does not bind at run time)."""
    for line in _header(body):
        for statement in _imports(line):
            if name is None and isinstance(statement, cst.Import):
                if any(_alias_names(a) == (module, asname) for a in statement.names):
                    return True
            elif name is not None and isinstance(statement, cst.ImportFrom) and _from_module(statement) == module:
                assert not isinstance(statement.names, cst.ImportStar)
                if any(_alias_names(a) == (name, asname) for a in statement.names):
                    return True
    return False


def _import_runs(body: Sequence[cst.BaseStatement]) -> list[range]:
    runs: list[range] = []
    start: int | None = None
    for index, line in enumerate(body):
        if _is_import_line(line):
            if start is None:
                start = index
        elif start is not None:
            runs.append(range(start, index))
            start = None
    if start is not None:
        runs.append(range(start, len(body)))
    return runs


def add_import(
    body: list[cst.BaseStatement],
    module: str,
    name: str | None,
    asname: str | None,
    *,
    style: ImportStyle | None = None,
) -> list[cst.BaseStatement]:
    style = style or ImportStyle()
    if _present(body, module, name, asname):
        return body
    runs = _import_runs(body)
    if name is not None and asname is None:
        merged = _merge(body, runs, module, name, style)
        if merged is not None:
            return merged
    alias = cst.ImportAlias(
        name=cst.parse_expression(name or module),  # type: ignore[arg-type]
        asname=cst.AsName(name=cst.Name(asname)) if asname else None,
    )
    statement: cst.BaseSmallStatement
    if name is None:
        statement = cst.Import(names=[alias])
    else:
        statement = cst.ImportFrom(module=cst.parse_expression(module), names=[alias])  # type: ignore[arg-type]
    new = cst.SimpleStatementLine(body=[statement])
    key = _new_key(module, name, asname, style)
    body = list(body)
    if not runs:
        return _insert_first_block(body, new)
    run = runs[0]
    keys = [_statement_key(_imports(body[i])[0], style) for i in run]
    position = next((i for i, k in zip(run, keys, strict=True) if k > key), run.stop)
    previous = keys[position - run.start - 1] if position > run.start else None
    following = keys[position - run.start] if position < run.stop else None
    section = key[0]
    if following is not None and following[0] == section:
        if previous is None or previous[0] != section:
            # First of its section: the blank line and the section's comment
            # (Ruff keeps a comment opening a block or section in place).
            new = new.with_changes(leading_lines=_leading_lines(body[position]))
            body[position] = body[position].with_changes(leading_lines=[])
    elif previous is not None and previous[0] == section:
        pass
    elif previous is None:
        blank, rest = _split_leading(_leading_lines(body[position]))
        new = new.with_changes(leading_lines=blank)
        body[position] = body[position].with_changes(leading_lines=[_blank(), *rest])
    else:
        new = new.with_changes(leading_lines=[_blank()])
    body.insert(position, new)
    return body


def _insert_first_block(body: list[cst.BaseStatement], new: cst.SimpleStatementLine) -> list[cst.BaseStatement]:
    """No import yet: after the docstring, followed by the blank lines isort
    puts after imports (two before a def or class, else one)."""
    position = 1 if body and _is_docstring(body[0]) else 0
    if position:
        new = new.with_changes(leading_lines=[_blank()])
    if position < len(body):
        following = body[position]
        blank, rest = _split_leading(_leading_lines(following))
        if position == 0:
            new = new.with_changes(leading_lines=blank)
        wanted = 2 if isinstance(following, (cst.FunctionDef, cst.ClassDef)) else 1
        body[position] = following.with_changes(leading_lines=[_blank() for _ in range(wanted)] + rest)
    body.insert(position, new)
    return body


def _merge(
    body: list[cst.BaseStatement], runs: list[range], module: str, name: str, style: ImportStyle
) -> list[cst.BaseStatement] | None:
    """Join an existing ``from module import ...`` (one statement on its
    line, no aliased names, no comment inside), in sorted place."""
    for index in [i for run in runs for i in run]:
        line = body[index]
        assert isinstance(line, cst.SimpleStatementLine)
        if len(line.body) != 1:
            continue
        statement = line.body[0]
        if not isinstance(statement, cst.ImportFrom) or _from_module(statement) != module:
            continue
        assert not isinstance(statement.names, cst.ImportStar)
        if any(a.asname is not None for a in statement.names):
            continue
        merged = _insert_alias(statement, name)
        new_line = line.with_changes(body=[merged])
        if merged.lpar is None and len(cst.Module(body=[new_line]).code.rstrip("\n")) > style.line_length:
            new_line = line.with_changes(body=[_wrapped(merged)], trailing_whitespace=line.trailing_whitespace)
        body = list(body)
        body[index] = new_line
        return body
    return None


def _insert_alias(statement: cst.ImportFrom, name: str) -> cst.ImportFrom:
    assert not isinstance(statement.names, cst.ImportStar)
    names = list(statement.names)
    alias = cst.ImportAlias(name=cst.Name(name))
    key = member_key(name)
    position = next((i for i, a in enumerate(names) if member_key(*_alias_names(a)) > key), len(names))
    separator = _separator(statement)
    if position == len(names):
        last = names[-1]
        names[-1] = last.with_changes(comma=separator)
        names.append(alias.with_changes(comma=last.comma))
    else:
        names.insert(position, alias.with_changes(comma=separator))
    return statement.with_changes(names=names)


def _separator(statement: cst.ImportFrom) -> cst.Comma:
    """The comma (and the line break after it) between two names here."""
    assert not isinstance(statement.names, cst.ImportStar)
    names = statement.names
    for alias in names[:-1]:
        if isinstance(alias.comma, cst.Comma):
            return alias.comma
    if isinstance(names[-1].comma, cst.Comma) and statement.lpar is not None:
        return cst.Comma(whitespace_after=statement.lpar.whitespace_after)
    return cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))


def _wrapped(statement: cst.ImportFrom) -> cst.ImportFrom:
    """Ruff's and isort's wrapping of a long import: one name per line,
    four spaces in, a trailing comma."""
    assert not isinstance(statement.names, cst.ImportStar)
    line_break = cst.ParenthesizedWhitespace(
        first_line=cst.TrailingWhitespace(), indent=True, last_line=cst.SimpleWhitespace("    ")
    )
    closing = cst.ParenthesizedWhitespace(first_line=cst.TrailingWhitespace(), indent=True)
    names = [a.with_changes(comma=cst.Comma(whitespace_after=line_break)) for a in statement.names]
    names[-1] = names[-1].with_changes(comma=cst.Comma(whitespace_after=closing))
    return statement.with_changes(names=names, lpar=cst.LeftParen(whitespace_after=line_break), rpar=cst.RightParen())


# -- dropping imports a fix left unused -------------------------------------


#: Where a name is bound: the names of the enclosing functions (``()`` for
#: the module, even inside a top-level ``if``/``try``), and the name.
Scope = tuple[str, ...]
Binding = tuple[Scope, str]


def drop_imports(module: cst.Module, bindings: set[Binding]) -> cst.Module:
    """Remove the import statements' aliases that bind ``bindings``."""
    return module.visit(_DropImports(module, bindings))


class _DropImports(cst.CSTTransformer):
    def __init__(self, module: cst.Module, bindings: set[Binding]) -> None:
        super().__init__()
        self.module = module
        self.bindings = bindings
        self.names: set[str] = set()
        self.stack: list[tuple[str, bool]] = []  # (name, is a function)

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> bool:
        return False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self.stack.append((node.name.value, True))
        return True

    def leave_FunctionDef(self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef) -> cst.FunctionDef:
        self.stack.pop()
        return updated_node

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        self.stack.append((node.name.value, False))
        return True

    def leave_ClassDef(self, original_node: cst.ClassDef, updated_node: cst.ClassDef) -> cst.ClassDef:
        self.stack.pop()
        return updated_node

    def _scope_names(self) -> set[str]:
        if self.stack and not self.stack[-1][1]:
            return set()  # a class body: its imports are attributes
        scope = tuple(name for name, _ in self.stack)
        return {name for where, name in self.bindings if where == scope}

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        self.names = self._scope_names()
        body, comments = self._prune(updated_node.body)
        return updated_node.with_changes(body=body, footer=[*comments, *updated_node.footer])

    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        self.names = self._scope_names()
        if not self.names:
            return updated_node
        body, comments = self._prune(updated_node.body)
        if not body:
            body = [cst.SimpleStatementLine(body=[cst.Pass()], leading_lines=comments)]
            comments = []
        return updated_node.with_changes(body=body, footer=[*comments, *updated_node.footer])

    def _prune(self, body: Sequence[cst.BaseStatement]) -> tuple[list[cst.BaseStatement], list[cst.EmptyLine]]:
        """The statements kept, and the comments of dropped trailing ones."""
        result: list[cst.BaseStatement] = []
        if not self.names:
            return list(body), []
        carried: list[cst.EmptyLine] | None = None
        for line in body:
            if _is_import_line(line) and not _has_noqa(self.module, line):
                assert isinstance(line, cst.SimpleStatementLine)
                kept = [s for s in (self._prune_statement(s) for s in _imports(line)) if s is not None]
                if not kept:
                    carried = _join_leading(carried, list(line.leading_lines), first_in_block=not result)
                    continue
                if len(kept) != len(line.body):
                    last = line.body[-1]
                    kept[-1] = kept[-1].with_changes(semicolon=last.semicolon)
                line = line.with_changes(body=kept)
            if carried is not None:
                joined = _join_leading(carried, list(_leading_lines(line)), first_in_block=not result)
                line = line.with_changes(leading_lines=joined)
                carried = None
            result.append(line)
        comments = [line for line in carried or () if line.comment is not None]
        return result, comments

    def _prune_statement(self, statement: cst.Import | cst.ImportFrom) -> cst.Import | cst.ImportFrom | None:
        if isinstance(statement, cst.ImportFrom) and isinstance(statement.names, cst.ImportStar):
            return statement
        if (
            isinstance(statement, cst.ImportFrom)
            and statement.module is not None
            and _dotted(statement.module) == "__future__"
        ):
            return statement
        from_import = isinstance(statement, cst.ImportFrom)
        names = list(statement.names)  # type: ignore[arg-type]
        keep = [a for a in names if _binding(a, from_import) not in self.names]
        if len(keep) == len(names):
            return statement
        if not keep:
            return None
        keep[-1] = keep[-1].with_changes(comma=names[-1].comma)
        if isinstance(statement, cst.ImportFrom) and statement.lpar is None:
            keep[-1] = keep[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return statement.with_changes(names=keep)


def _join_leading(
    first: list[cst.EmptyLine] | None, second: list[cst.EmptyLine], *, first_in_block: bool = False
) -> list[cst.EmptyLine]:
    """The lines above a dropped statement joined to those of the next one:
    a run of blank lines across the join keeps the longer run's length
    (the dropped statement's own, when it opened its block)."""
    if first is None:
        return second
    lead, trail = _trailing_blanks(first)
    second_blank = 0
    while second_blank < len(second) and second[second_blank].comment is None:
        second_blank += 1
    # The existing blank lines, not new ones: each keeps its own newline.
    keep_first = (first_in_block and not lead) or trail > second_blank
    blanks = first[len(lead) :] if keep_first else second[:second_blank]
    return [*lead, *blanks, *second[second_blank:]]


def _trailing_blanks(lines: list[cst.EmptyLine]) -> tuple[list[cst.EmptyLine], int]:
    count = 0
    while count < len(lines) and lines[len(lines) - 1 - count].comment is None:
        count += 1
    return lines[: len(lines) - count], count


# -- which names a module reads ----------------------------------------------


def unread_imports(before: ast.Module, after: ast.Module, also: Iterable[str] = ()) -> set[Binding]:
    """The import bindings of ``after`` that ``before`` read in their scope
    and ``after`` no longer does (or that are in ``also`` and unread).

    A module-level import counts as read when its name is read anywhere in
    the module; a function's import, when read in that function (nested
    functions included). Functions are matched by their names' path."""
    also = set(also)
    bindings = _import_bindings(after)
    if not bindings:
        return set()
    reads_before = _scoped_reads(before, {scope for scope, _ in bindings})
    reads_after = _scoped_reads(after, {scope for scope, _ in bindings})
    unread: set[Binding] = set()
    for scope, name in bindings:
        if reads_after.get(scope, Counter())[name]:
            continue
        if reads_before.get(scope, Counter())[name] or (not scope and name in also):
            unread.add((scope, name))
    return unread


def _import_bindings(tree: ast.Module) -> set[Binding]:
    found: set[Binding] = set()

    def visit(node: ast.AST, scope: Scope, in_class: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                visit(child, (*scope, child.name), False)
            elif isinstance(child, ast.ClassDef):
                visit(child, (*scope, child.name), True)
            elif isinstance(child, ast.Import) and not in_class:
                found.update((scope, a.asname or a.name.partition(".")[0]) for a in child.names)
            elif isinstance(child, ast.ImportFrom) and not in_class and child.module != "__future__":
                found.update((scope, a.asname or a.name) for a in child.names if a.name != "*")
            elif isinstance(child, ast.stmt):
                visit(child, scope, in_class)

    visit(tree, (), False)
    return found


def _scoped_reads(tree: ast.Module, scopes: set[Scope]) -> dict[Scope, Counter[str]]:
    reads: dict[Scope, Counter[str]] = {}
    if () in scopes:
        reads[()] = names_read(tree)
    wanted = {scope for scope in scopes if scope}
    if not wanted:
        return reads
    prefixes = {scope[:i] for scope in wanted for i in range(1, len(scope))}

    def visit(node: ast.AST, scope: Scope) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                inner = (*scope, child.name)
                if inner in wanted:
                    reads.setdefault(inner, Counter()).update(names_read(child))
                if inner in prefixes:
                    visit(child, inner)
            elif isinstance(child, ast.stmt):
                visit(child, scope)

    visit(tree, ())
    return reads


_TYPING_CALLS = frozenset({"cast", "TypeVar", "NewType", "ForwardRef", "TypeAliasType", "ParamSpec", "TypeVarTuple"})
_STRING_EXPRESSION = re.compile(r"^[\w\s.,\[\]|()'\"=-]*$")


def names_read(tree: ast.AST) -> Counter[str]:
    """How often each name of ``tree``'s scope (a module's, or a function's)
    is read: generously, also stored or deleted names, ``__all__`` strings
    and names in string annotations. A read inside a nested function that
    binds the name itself (a parameter, an assignment, an import) reads
    that function's own name and is not counted."""
    counts = _scope_reads(tree)
    strings: list[ast.Constant] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.arg) and node.annotation is not None:
            strings.extend(_strings(node.annotation))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns is not None:
            strings.extend(_strings(node.returns))
        elif isinstance(node, ast.AnnAssign):
            strings.extend(_strings(node.annotation))
        elif isinstance(node, ast.Subscript):
            strings.extend(_strings(node.slice))
        elif isinstance(node, ast.Call) and _call_name(node.func) in _TYPING_CALLS:
            for argument in [*node.args, *(k.value for k in node.keywords)]:
                strings.extend(_strings(argument))
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and _assigns_all(node):
            if node.value is not None:
                strings.extend(_strings(node.value))
        elif isinstance(node, ast.Call) and _extends_all(node):
            for argument in node.args:
                strings.extend(_strings(argument))
    for constant in strings:
        counts.update(_names_in_string(constant.value))
    return counts


_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


def _scope_reads(root: ast.AST) -> Counter[str]:
    counts: Counter[str] = Counter()

    def visit(node: ast.AST, shadowed: frozenset[str]) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, _FUNCTIONS):
                # Decorators, defaults and annotations run in this scope.
                outer: list[ast.AST] = [*getattr(child, "decorator_list", []), child.args]
                returns = getattr(child, "returns", None)
                if returns is not None:
                    outer.append(returns)
                for part in outer:
                    visit_node(part, shadowed)
                inner = shadowed | _function_locals(child)
                for statement in child.body if isinstance(child.body, list) else [child.body]:
                    visit_node(statement, inner)
            elif isinstance(child, ast.arg):
                if child.annotation is not None:
                    visit_node(child.annotation, shadowed)
            else:
                visit_node(child, shadowed)

    def visit_node(node: ast.AST, shadowed: frozenset[str]) -> None:
        if isinstance(node, ast.Name):
            if node.id not in shadowed:
                counts[node.id] += 1
            return
        if isinstance(node, _FUNCTIONS):
            holder = ast.Module(body=[], type_ignores=[])
            holder.body = [node]  # type: ignore[list-item]
            visit(holder, shadowed)
            return
        visit(node, shadowed)

    visit(root, frozenset())
    return counts


def _function_locals(function: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> frozenset[str]:
    """The names a function binds itself (not those it declares global or
    nonlocal); nested functions and classes are not entered."""
    arguments = function.args
    bound = {a.arg for a in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]}
    bound |= {a.arg for a in (arguments.vararg, arguments.kwarg) if a is not None}
    declared: set[str] = set()
    stack: list[ast.AST] = list(function.body) if isinstance(function.body, list) else [function.body]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
            stack.extend(node.decorator_list)
            continue
        if isinstance(node, ast.Lambda):
            continue
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            bound.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).partition(".")[0] for a in node.names if a.name != "*")
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            declared.update(node.names)
        stack.extend(ast.iter_child_nodes(node))
    return frozenset(bound - declared)


def _strings(node: ast.AST) -> list[ast.Constant]:
    return [n for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _call_name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _assigns_all(node: ast.Assign | ast.AugAssign | ast.AnnAssign) -> bool:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    return any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets)


def _extends_all(node: ast.Call) -> bool:
    func = node.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr in ("append", "extend", "__iadd__")
        and isinstance(func.value, ast.Name)
        and func.value.id == "__all__"
    )


@lru_cache(maxsize=4096)
def _names_in_string(text: str) -> tuple[str, ...]:
    if len(text) > 1000 or not _STRING_EXPRESSION.match(text):
        return ()
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError):
        return ()
    found = [node.id for node in ast.walk(tree) if isinstance(node, ast.Name)]
    found += [name for constant in _strings(tree) for name in _names_in_string(constant.value)]
    return tuple(found)
