"""Apply fixes at the findings' positions, with libcst, until nothing is left.

Detection is the same ``analyze`` the flake8 plugin runs. Only a module with
a fixable finding is parsed by libcst. Each finding names the span of the
node its fix rewrites (in ``ast`` units: UTF-8 byte columns); the span is
converted to libcst's character columns and the fix runs on the node there.

Imports are the engine's part, not each fix's: a fix asks for the names it
writes (``fix_ctx.add_import``), and after each round the engine drops the
imports whose names the round's fixes stopped reading (see ``fix/imports.py``
for what counts as reading, and why nothing else is ever dropped). A fix may
still name an import to drop (``fix_ctx.remove_import_if_unused``); it is
dropped only if nothing reads it.

Output is checked with ``compile()``, not only ``ast.parse``: a repeated
keyword argument or an ``await`` outside an ``async def`` parses but does
not compile. Input that does not compile itself is held to ``ast.parse``.
"""

from __future__ import annotations

import ast
import difflib
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from flake8_fastapi_prod.context import analyze
from flake8_fastapi_prod.fix.imports import ImportEdits, ImportStyle, style_for, unread_imports
from flake8_fastapi_prod.registry import Finding, FixSafety, Rule, Selection, Span, get_rule
from flake8_fastapi_prod.resolve import PROJECT, Project

#: The target of a finding whose fix rewrites the whole module (``Span(0, 0, 0, 0)``):
#: the fix gets the ``cst.Module`` and applies every finding of its code at once.
MODULE_KEY = (0, 0, 0, 0)

#: Fix rounds before giving up: a later round fixes what an earlier exposed.
MAX_ROUNDS = 8

_NOQA = re.compile(
    r"#\s*noqa"
    r"(?::[\s]?(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?",
    re.IGNORECASE,
)


class FixError(Exception):
    """The fixer refused to produce output for a module."""


def noqa_suppresses(line: str, code: str) -> bool:
    """flake8's ``# noqa`` semantics: bare silences all, a list by prefix."""
    if "#" not in line:
        return False
    match = _NOQA.search(line)
    if match is None:
        return False
    codes = match.group("codes")
    if not codes:
        return True
    return any(code.startswith(c.strip().upper()) for c in re.split(r"[,\s]+", codes) if c.strip())


@dataclass
class FixOptions:
    selection: Selection
    unsafe_fixes: bool = False


@dataclass
class FixResult:
    source: str
    fixed: list[Finding] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.fixed)


def _applicable(finding: Finding, rule: type[Rule] | None, lines: Sequence[str], options: FixOptions) -> bool:
    if rule is None or not finding.fixable:
        return False
    if rule.fix_safety is FixSafety.UNSAFE and not options.unsafe_fixes:
        return False
    if rule.fix_safety is FixSafety.NONE:
        return False
    # A safe rule may mark one finding's fix unsafe (``fix_data["unsafe"]``).
    if not options.unsafe_fixes and finding.data().get("unsafe"):
        return False
    line = lines[finding.span.line - 1] if 0 < finding.span.line <= len(lines) else ""
    return not noqa_suppresses(line, finding.code)


def _not_suppressed(finding: Finding, lines: Sequence[str]) -> bool:
    line = lines[finding.span.line - 1] if 0 < finding.span.line <= len(lines) else ""
    return not noqa_suppresses(line, finding.code)


def fix_source(
    source: str,
    filename: str,
    options: FixOptions,
    *,
    project: Project | None = None,
    raw: bytes | None = None,
) -> FixResult:
    """Fix ``source`` until no applicable finding remains (or rounds run out).

    ``raw``: the bytes ``source`` was decoded from, when they are the
    file's content on disk (the project then keeps the module's summary
    for the files that ask about it, unless the fix changes the file).

    Raises SyntaxError when the input does not parse and FixError when a
    fix would produce code that does not compile (the input is then kept).
    """
    kept = False  # the file stays as it is on disk: its remembered summary holds
    try:
        result = _fix_rounds(source, filename, options, project, raw)
        kept = not result.changed
    finally:
        if raw is not None and not kept:
            (project or PROJECT).forget(filename)
    if result.changed:
        result.source = keep_final_newline(source, keep_newlines(source, result.source))
    return result


def keep_final_newline(original: str, fixed: str) -> str:
    """A file that ended with a newline still does (libcst drops a final
    lone ``\r`` of a file written with old Mac newlines)."""
    ending = "\r\n" if original.endswith("\r\n") else original[-1:]
    if ending in ("\r\n", "\r", "\n") and fixed and fixed[-1:] not in ("\r", "\n"):
        return fixed + ending
    return fixed


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def _ending(line: str) -> str:
    return line[len(line.rstrip("\r\n")) :]


def keep_newlines(original: str, fixed: str) -> str:
    """In a file with mixed newlines, give every line of ``fixed`` the
    newline its line had in ``original`` (libcst writes the first line's
    newline wherever a fix rebuilt whitespace); a changed or added line
    takes that of the line it replaces, or of the line before it. A file
    with one newline style is returned as it is."""
    before = _LINE.findall(original)
    endings = {_ending(line) for line in before} - {""}
    if len(endings) <= 1:
        return fixed
    after = _LINE.findall(fixed)
    matcher = difflib.SequenceMatcher(
        None, [line.rstrip("\r\n") for line in before], [line.rstrip("\r\n") for line in after], autojunk=False
    )
    out: list[str] = []
    last = _ending(before[0]) if before else "\n"
    for _tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for k, line in enumerate(after[j1:j2]):
            text, ending = line.rstrip("\r\n"), _ending(line)
            source = before[i1 + k] if i1 + k < i2 else None
            if ending and source is not None and _ending(source):
                ending = _ending(source)
            elif ending:
                ending = last
            out.append(text + ending)
            last = ending or last
    return "".join(out)


def _fix_rounds(
    source: str, filename: str, options: FixOptions, project: Project | None, raw: bytes | None = None
) -> FixResult:
    current = source
    fixed: list[Finding] = []
    tree = ast.parse(current, filename=filename)
    style: ImportStyle | None = None
    must_compile: bool | None = None
    for round_no in range(MAX_ROUNDS):
        findings = analyze(tree, filename, options.selection, project=project, source=raw if round_no == 0 else None)
        lines = current.splitlines()
        todo = [f for f in findings if _applicable(f, get_rule(f.code), lines, options)]
        if not todo:
            remaining = [f for f in findings if _not_suppressed(f, lines)]
            return FixResult(current, fixed, remaining)
        if style is None:
            style = style_for(filename)
            must_compile = _compiles(tree, filename)
        updated, applied = apply_fixes(current, todo, tree=tree, style=style)
        if not applied or updated == current:
            remaining = [f for f in findings if _not_suppressed(f, lines)]
            return FixResult(current, fixed, remaining)
        codes = ", ".join(sorted({f.code for f in applied}))
        try:
            tree = ast.parse(updated, filename=filename)
            if must_compile:
                _compile(tree, filename)
        except SyntaxError as error:
            raise FixError(
                f"fix for {codes} produced code that does not compile ({error.msg}); file left unchanged"
            ) from error
        fixed.extend(applied)
        current = updated
    raise FixError(f"fixes did not settle after {MAX_ROUNDS} rounds; file left unchanged")


def _compile(tree: ast.Module, filename: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SyntaxWarnings are the user's linter's business
        compile(tree, filename, "exec", dont_inherit=True)


def _compiles(tree: ast.Module, filename: str) -> bool:
    try:
        _compile(tree, filename)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


class FixContext:
    """What a rule's fix may ask for besides rewriting its own node."""

    def __init__(self, style: ImportStyle | None = None) -> None:
        self.imports = ImportEdits(added=[], removed=[], style=style or ImportStyle())

    def add_import(self, module: str, name: str | None = None, asname: str | None = None) -> None:
        """Ensure ``import module`` / ``from module import name`` exists once."""
        request = (module, name, asname)
        if request not in self.imports.added:
            self.imports.added.append(request)

    def stopped_using(self, *names: str) -> None:
        """Say the fix no longer reads ``names``: their module-level imports
        are dropped if nothing reads them after the round. Optional: the
        engine finds the names a round stopped reading by itself."""
        for name in names:
            self.remove_import_if_unused("", name)

    def remove_import_if_unused(self, module: str, name: str) -> None:
        """Drop ``from module import name`` once nothing uses ``name`` (not
        needed for a name the fix stopped reading: the engine drops those)."""
        if (module, name) not in self.imports.removed:
            self.imports.removed.append((module, name))


def _char_column(lines: Sequence[str], line: int, byte_col: int) -> int:
    if not 0 < line <= len(lines):
        return byte_col
    text = lines[line - 1]
    if text.isascii():
        return byte_col
    return len(text.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))


def _char_span(lines: Sequence[str], span: Span) -> tuple[int, int, int, int]:
    return (
        span.line,
        _char_column(lines, span.line, span.col),
        span.end_line,
        _char_column(lines, span.end_line, span.end_col),
    )


class _ApplyFixes(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, pending: dict[tuple[int, int, int, int], list[Finding]], fix_ctx: FixContext) -> None:
        super().__init__()
        self.pending = pending
        self.fix_ctx = fix_ctx
        self.applied: list[Finding] = []

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode) -> cst.CSTNode:  # type: ignore[override]
        if not self.pending:
            return updated_node
        if isinstance(original_node, cst.Module):
            key = MODULE_KEY
        else:
            position = self.get_metadata(PositionProvider, original_node, None)
            if position is None:
                return updated_node
            key = (position.start.line, position.start.column, position.end.line, position.end.column)
        findings = self.pending.get(key)
        if not findings:
            return updated_node
        for finding in list(findings):
            rule = get_rule(finding.code)
            assert rule is not None
            replacement = rule().fix(updated_node, finding, self.fix_ctx)
            if replacement is None:
                continue  # not the node this fix rewrites (same span, other type)
            consumed = [f for f in findings if f.code == finding.code] if key == MODULE_KEY else [finding]
            for done in consumed:
                findings.remove(done)
            self.applied.extend(consumed)
            if not findings:
                del self.pending[key]
            return replacement  # type: ignore[no-any-return]
        return updated_node


def apply_fixes(
    source: str,
    findings: Sequence[Finding],
    *,
    tree: ast.Module | None = None,
    style: ImportStyle | None = None,
) -> tuple[str, list[Finding]]:
    """One round: each finding's fix applied to the node at its target, then
    the imports: those the fixes asked for added, those they left unread
    dropped. ``tree`` is ``source``'s ast when the caller has it."""
    lines = source.splitlines()
    pending: dict[tuple[int, int, int, int], list[Finding]] = {}
    for finding in findings:
        pending.setdefault(_char_span(lines, finding.target), []).append(finding)
    module = cst.parse_module(source)
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    fix_ctx = FixContext(style)
    transformer = _ApplyFixes(pending, fix_ctx)
    updated = wrapper.visit(transformer)
    if not transformer.applied:
        return source, []
    explicit = [name for _, name in fix_ctx.imports.removed]
    unread = unread_imports(tree if tree is not None else ast.parse(source), ast.parse(updated.code), explicit)
    edits = ImportEdits(fix_ctx.imports.added, [], fix_ctx.imports.style)
    updated = edits.apply(updated, unread=unread)
    return updated.code, transformer.applied
