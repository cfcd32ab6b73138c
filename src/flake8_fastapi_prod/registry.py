"""The one table of rules: codes, messages, defaults, docs and fixes.

A rule is a subclass of :class:`Rule` in a module under ``rules/<family>/``. Defining
the subclass registers it; nothing else needs to know about it. The flake8
plugin, the fixer, ``--explain``, ``--list-rules`` and the README table all
read :func:`all_rules`.
"""

from __future__ import annotations

import ast
import dataclasses
import enum
import importlib
import inspect
import pkgutil
import re
import textwrap
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from flake8_fastapi_prod.versions import NEWEST, Targets, parse_version

if TYPE_CHECKING:  # pragma: no cover - typing only
    from flake8_fastapi_prod.context import Context
    from flake8_fastapi_prod.fix.engine import FixContext


class FixSafety(enum.Enum):
    """Whether the fixer applies a rule's fix, and when."""

    NONE = "-"
    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True)
class Default:
    """When a code is reported without the user naming it.

    ``on``: always. ``opt_in``: only when selected by its full code
    (flake8's extended default ignore). ``target_below``: only when the
    ``package`` target is known and below ``version`` (the bug was fixed
    upstream there), or when the code is named. ``target_at_least``: only
    when the ``package`` target is ``version`` or newer (unknown counts as
    newest): the fact, or the name the fix writes, does not exist before.
    ``on_pydantic2``: on unless the project targets Pydantic 1; there it is
    a migration finding, reported only when the family (``FP3``) or the
    code is selected by name. ``opt_in_except``: opt-in, except for the
    findings the rule marks with ``Rule.reported_by_default`` (a spelling that
    fails outright on the target, say): those report whenever the code is
    selected at all (``FP``, ``FP6``), the others only when it is named.
    """

    kind: str
    version: tuple[int, ...] | None = None
    package: str = "fastapi"

    def __str__(self) -> str:
        if self.version is not None:
            version = ".".join(map(str, self.version))
            prefix = "target" if self.package == "fastapi" else self.package
            if self.kind == "target_below":
                return f"{prefix}<{version}"
            if self.kind == "target_at_least":
                return f"{prefix}>={version}"
        if self.kind == "on_pydantic2":
            return "on (pydantic>=2)"
        if self.kind == "opt_in_except":
            return "opt-in (partly on)"
        return self.kind.replace("_", "-")

    def gate_open(self, targets: Targets) -> bool:
        """Whether the target versions let the code report by default."""
        if self.kind == "target_below":
            return self.version is not None and targets.below(self.package, self.version)
        if self.kind == "target_at_least":
            return self.version is None or targets.at_least(self.package, self.version)
        if self.kind == "on_pydantic2":
            return not targets.pydantic_v1
        return True


ON = Default("on")
OPT_IN = Default("opt_in")
#: FP3xx: deprecated or broken API on Pydantic 2, migration findings on 1.
ON_PYDANTIC2 = Default("on_pydantic2")
#: Opt-in, but the findings a rule marks with ``Rule.reported_by_default`` are on.
OPT_IN_EXCEPT = Default("opt_in_except")


def target_below(version: str, package: str = "fastapi") -> Default:
    return Default("target_below", parse_version(version), package)


def target_at_least(version: str, package: str = "fastapi") -> Default:
    return Default("target_at_least", parse_version(version), package)


@dataclass(frozen=True)
class Span:
    """A source range in ``ast`` units: 1-based lines, UTF-8 byte columns."""

    line: int
    col: int
    end_line: int
    end_col: int

    @classmethod
    def of(cls, node: ast.AST) -> Span:
        return cls(
            node.lineno,  # type: ignore[attr-defined]
            node.col_offset,  # type: ignore[attr-defined]
            node.end_lineno or node.lineno,  # type: ignore[attr-defined]
            node.end_col_offset or 0,  # type: ignore[attr-defined]
        )


#: In a finding's message when its rule has a fix that does not apply there.
NO_FIX_MARK = " (no fix"


@dataclass(frozen=True)
class Finding:
    """One reported pitfall.

    ``target`` is the node the fix rewrites (by default the reported node);
    ``fix_data`` carries what detection learnt that the fix needs (names
    resolved through imports, for example). ``fixable`` is False when the
    rule has a fix but it does not apply here; ``fix_note`` then says why.
    """

    code: str
    span: Span
    message: str
    target: Span
    fixable: bool = False
    fix_data: tuple[tuple[str, Any], ...] = ()
    #: For an ``opt_in_except`` rule: reported even when the code is not named.
    by_default: bool = False

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def col(self) -> int:
        return self.span.col

    def data(self) -> dict[str, Any]:
        return dict(self.fix_data)


_REGISTRY: dict[str, type[Rule]] = {}


@dataclass(frozen=True)
class Gate:
    """A test the walk makes before calling a visitor, far cheaper than the
    call: the visitor runs only when the node's key is in ``keys`` (or in
    the container ``keys_from(ctx)`` gives for the module, read live, so a
    set the rule grows during the walk counts), or matches ``key_pattern``
    (calls only: ``re.search``), or, for a call, when the qualified name of
    its callee is in ``qualnames``.

    The key of an ``ast.Name`` is its ``id``, of an ``ast.Attribute`` its
    ``attr``, of an ``ast.keyword`` its ``arg``, of an ``ast.Call`` its callee's (``f(...)``: ``f``,
    ``x.f(...)``: ``f``; any other callee has none). With ``parent_types``
    the node's parent must also be of one of them. A gate must only say
    what the visitor's own first test already implies: it may let through
    more nodes, never fewer.
    """

    keys: frozenset[str] = frozenset()
    qualnames: frozenset[str] = frozenset()
    keys_from: Callable[[Context], Container[str]] | None = None
    parent_types: frozenset[type[ast.AST]] = frozenset()
    key_pattern: re.Pattern[str] | None = None


class Rule:
    """Base class of every rule; the class docstring is the rule's docs.

    Subclasses set ``code``, ``name`` (a slug), ``message`` (a format string
    over the keyword arguments given to :meth:`report`), ``default`` and
    ``fix_safety``, and define ``visit_<NodeType>(self, node, ctx)``
    generators. A rule instance lives for one file; ``finish(ctx)`` runs
    after the walk for module-wide rules.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    message: ClassVar[str]
    default: ClassVar[Default] = ON
    fix_safety: ClassVar[FixSafety] = FixSafety.NONE
    #: Filled in by ``__init_subclass__``: node type name -> method name.
    visitors: ClassVar[dict[str, str]] = {}
    #: Node type name (``"Call"``, ``"Name"``, ``"Attribute"``) -> the
    #: :class:`Gate` in front of that visitor: most nodes never reach it.
    gates: ClassVar[dict[str, Gate]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not re.fullmatch(r"FP\d{3}", cls.__dict__.get("code", "")):
            return  # an abstract helper base
        if cls.code in _REGISTRY and _REGISTRY[cls.code] is not cls:
            existing = _REGISTRY[cls.code].__qualname__
            raise RuntimeError(f"{cls.code} registered twice: {existing} and {cls.__qualname__}")
        cls.visitors = {attr[len("visit_") :]: attr for attr in dir(cls) if attr.startswith("visit_")}
        _REGISTRY[cls.code] = cls

    def report(
        self,
        node: ast.AST,
        *,
        target: ast.AST | None = None,
        fixable: bool | None = None,
        fix_data: dict[str, Any] | None = None,
        **message_args: Any,
    ) -> Finding:
        """Build a finding at ``node``; the message is formatted from kwargs."""
        has_fix = self.fix_safety is not FixSafety.NONE
        message = self.message.format(**message_args)
        if has_fix and fixable is False and NO_FIX_MARK not in message:
            message += f"{NO_FIX_MARK} here)"  # readers (fp-json) tell a finding's fix by this mark
        return Finding(
            code=self.code,
            span=Span.of(node),
            message=message,
            target=Span.of(target if target is not None else node),
            fixable=has_fix if fixable is None else (fixable and has_fix),
            fix_data=tuple(sorted((fix_data or {}).items())),
        )

    @staticmethod
    def reported_by_default(finding: Finding) -> Finding:
        """Mark a finding of an ``opt_in_except`` rule that reports without
        the code being named (see :data:`OPT_IN_EXCEPT`)."""
        return dataclasses.replace(finding, by_default=True)

    def finish(self, ctx: Context) -> Iterator[Finding]:
        return iter(())

    # The fixer calls this with the libcst node at ``finding.target``; the
    # plugin never does, so rule modules import libcst inside their fixes.
    def fix(self, node: Any, finding: Finding, fix_ctx: FixContext) -> Any:
        raise NotImplementedError(f"{self.code} has no fix")

    # -- docs -------------------------------------------------------------

    @classmethod
    def docs(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return cls.docs().split("\n\n", 1)[0].replace("\n", " ")

    @classmethod
    def doc_section(cls, heading: str) -> str:
        return doc_sections(cls.docs()).get(heading, "")


DOC_HEADINGS = ("What it does", "Why is this bad?", "Example", "Use instead", "Fix safety")


def doc_sections(docs: str) -> dict[str, str]:
    """Split docs written under ``## Heading`` lines into a mapping."""
    sections: dict[str, str] = {}
    current: str | None = None
    lines: list[str] = []
    for line in docs.splitlines():
        if line.startswith("## "):
            if current is not None:
                sections[current] = "\n".join(lines).strip()
            current, lines = line[3:].strip(), []
        elif current is not None:
            lines.append(line)
    if current is not None:
        sections[current] = "\n".join(lines).strip()
    return sections


def code_block(section: str) -> str:
    """The first fenced Python block of a docs section."""
    match = re.search(r"```(?:python|py)?\n(.*?)```", section, re.S)
    return textwrap.dedent(match.group(1)) if match else ""


_loaded = False


def load_rules() -> None:
    global _loaded
    if _loaded:
        return
    from flake8_fastapi_prod import rules

    # One subpackage per family (event_loop, sqlalchemy, pydantic, ...), one
    # module per rule; importing a module registers the rules it defines.
    for module in pkgutil.walk_packages(rules.__path__, prefix=f"{rules.__name__}."):
        importlib.import_module(module.name)
    _loaded = True


def all_rules() -> list[type[Rule]]:
    load_rules()
    return [_REGISTRY[code] for code in sorted(_REGISTRY)]


def get_rule(code: str) -> type[Rule] | None:
    load_rules()
    return _REGISTRY.get(code.upper())


@dataclass
class Selection:
    """Which codes to report: flake8-style prefixes, longest match wins.

    ``targets`` are the library versions the checked file runs on; gated
    codes (see :class:`Default`) are decided from them.
    """

    select: tuple[str, ...] = ("FP",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    targets: Targets = NEWEST
    _cache: dict[str, bool] = field(default_factory=dict)

    @property
    def target_version(self) -> tuple[int, ...] | None:
        """The FastAPI target (``None``: newest)."""
        return self.targets.fastapi

    def with_targets(self, targets: Targets) -> Selection:
        if targets == self.targets:
            return self
        return Selection(self.select, self.ignore, self.extend_select, targets)

    def enabled(self, rule: type[Rule]) -> bool:
        if rule.code not in self._cache:
            self._cache[rule.code] = self._decide(rule)
        return self._cache[rule.code]

    def _decide(self, rule: type[Rule]) -> bool:
        code = rule.code
        selected = _longest_prefix(code, self.select + self.extend_select)
        ignored = _longest_prefix(code, self.ignore)
        if selected < 0 or ignored >= selected:  # a tie goes to ignore, as in flake8
            return False
        return default_allows(rule.default, self.targets, selected, len(code))

    def named(self, rule: type[Rule]) -> bool:
        """Whether the code is selected by its full code (and not ignored)."""
        code = rule.code
        selected = _longest_prefix(code, self.select + self.extend_select)
        return selected >= len(code) and _longest_prefix(code, self.ignore) < selected

    def keeps(self, rule: type[Rule], finding: Finding) -> bool:
        """Whether an enabled rule's finding is reported: an ``opt_in_except``
        rule's findings need the code named, unless marked ``by_default``."""
        return rule.default.kind != "opt_in_except" or finding.by_default or self.named(rule)


def default_allows(default: Default, targets: Targets, named_length: int, code_length: int = 5) -> bool:
    """Whether a selected code reports, given its default and the targets.

    ``named_length`` is the length of the longest selecting prefix the user
    gave (``FP`` is 2, ``FP3`` is 3, ``FP301`` is 5).
    """
    named = named_length >= code_length
    if default.kind == "opt_in":
        return named  # opt-in codes need their full code named
    if default.kind == "target_below":
        return default.gate_open(targets) or named
    if default.kind == "on_pydantic2":
        return default.gate_open(targets) or named_length >= 3  # "FP3": the migration
    return default.gate_open(targets)


def target_gate_open(default: Default, target: tuple[int, ...] | None) -> bool:
    """A FastAPI-target-gated rule applies when the target is known and older."""
    return default.gate_open(Targets(fastapi=target))


def _longest_prefix(code: str, prefixes: tuple[str, ...]) -> int:
    best = -1
    for prefix in prefixes:
        prefix = prefix.strip().upper()
        if prefix and code.startswith(prefix):
            best = max(best, len(prefix))
    return best
