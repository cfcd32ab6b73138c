"""Apply fixes at the findings' positions, with libcst, until nothing is left.

Detection is the same ``analyze`` the flake8 plugin runs. Only a module with
a fixable finding is parsed by libcst. Each finding names the span of the
node its fix rewrites (in ``ast`` units: UTF-8 byte columns); the span is
converted to libcst's character columns and the fix runs on the node there.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from flake8_fastapi_prod.context import analyze
from flake8_fastapi_prod.fix.imports import ImportEdits
from flake8_fastapi_prod.registry import Finding, FixSafety, Rule, Selection, Span, get_rule
from flake8_fastapi_prod.resolve import Project

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


def fix_source(source: str, filename: str, options: FixOptions, *, project: Project | None = None) -> FixResult:
    """Fix ``source`` until no applicable finding remains (or rounds run out).

    Raises SyntaxError when the input does not parse and FixError when a
    fix would produce code that does not parse (the input is then kept).
    """
    current = source
    fixed: list[Finding] = []
    for _ in range(MAX_ROUNDS):
        tree = ast.parse(current, filename=filename)
        findings = analyze(tree, filename, options.selection, project=project)
        lines = current.splitlines()
        todo = [f for f in findings if _applicable(f, get_rule(f.code), lines, options)]
        if not todo:
            remaining = [f for f in findings if _not_suppressed(f, lines)]
            return FixResult(current, fixed, remaining)
        updated, applied = apply_fixes(current, todo)
        if not applied or updated == current:
            remaining = [f for f in findings if _not_suppressed(f, lines)]
            return FixResult(current, fixed, remaining)
        try:
            ast.parse(updated, filename=filename)
        except SyntaxError as error:
            codes = ", ".join(sorted({f.code for f in applied}))
            raise FixError(
                f"fix for {codes} produced code that does not parse ({error.msg}); file left unchanged"
            ) from error
        fixed.extend(applied)
        current = updated
    raise FixError(f"fixes did not settle after {MAX_ROUNDS} rounds; file left unchanged")


class FixContext:
    """What a rule's fix may ask for besides rewriting its own node."""

    def __init__(self) -> None:
        self.imports = ImportEdits(added=[], removed=[])

    def add_import(self, module: str, name: str | None = None, asname: str | None = None) -> None:
        """Ensure ``import module`` / ``from module import name`` exists once."""
        request = (module, name, asname)
        if request not in self.imports.added:
            self.imports.added.append(request)

    def remove_import_if_unused(self, module: str, name: str) -> None:
        """Drop ``from module import name`` once nothing uses ``name``."""
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


def apply_fixes(source: str, findings: Sequence[Finding]) -> tuple[str, list[Finding]]:
    """One round: each finding's fix applied to the node at its target."""
    lines = source.splitlines()
    pending: dict[tuple[int, int, int, int], list[Finding]] = {}
    for finding in findings:
        pending.setdefault(_char_span(lines, finding.target), []).append(finding)
    module = cst.parse_module(source)
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    fix_ctx = FixContext()
    transformer = _ApplyFixes(pending, fix_ctx)
    updated = wrapper.visit(transformer)
    if not transformer.applied:
        return source, []
    updated = fix_ctx.imports.apply(updated)
    return updated.code, transformer.applied
