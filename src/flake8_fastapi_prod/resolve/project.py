"""The project model: other modules of the project, known by their summaries.

Another module is parsed only when a name imported from it has to be
followed, and then only the statements that bind that name (partial mode);
summaries live for the run and, with a :class:`SummaryStore`, on disk.
"""

from __future__ import annotations

import ast
import bisect
import gc
import hashlib
import importlib.util
import os
import sys
from array import array
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, AnyStr, TypeVar

from flake8_fastapi_prod import knowledge as K
from flake8_fastapi_prod.cache import ENV_NO_CACHE, DiskCache, cache_disabled, content_key, default_directory
from flake8_fastapi_prod.resolve.names import (
    Binding,
    FunctionNode,
    Scope,
    ScopeNode,
    _BindingCollector,
    walk,
)

T = TypeVar("T")


class _LazyBindings(dict[str, list[Binding]]):
    """A partial module scope's bindings: a name's are made when it is
    first asked for; asking for all of them (``items()``, iteration) makes
    them all."""

    def __init__(self, scope: PartialModuleScope) -> None:
        super().__init__()
        self._scope = scope
        self._complete = False

    def _target(self) -> dict[str, list[Binding]] | None:
        """The full scope's bindings once the module left partial mode."""
        module = self._scope.module
        if module._scope is self._scope or self._scope.released:
            return None
        return module.scope.bindings

    def _has(self, name: object) -> bool:
        if dict.__contains__(self, name):
            return True
        if self._complete or not isinstance(name, str):
            return False
        found = self._scope.load(name)
        if found is None:
            return False
        dict.__setitem__(self, name, found)
        return True

    def _all(self) -> None:
        if not self._complete:
            summary = self._scope.module._summary
            for name in summary.where if summary is not None else ():
                self._has(name)
            self._complete = True

    def get(self, name: str, default: Any = None) -> Any:
        target = self._target()
        if target is not None:
            return target.get(name, default)
        return dict.get(self, name, default) if self._has(name) else default

    def __getitem__(self, name: str) -> list[Binding]:
        target = self._target()
        if target is not None:
            return target[name]
        if not self._has(name):
            raise KeyError(name)
        return dict.__getitem__(self, name)

    def __contains__(self, name: object) -> bool:
        target = self._target()
        if target is not None:
            return name in target
        return self._has(name)

    def items(self) -> Any:
        target = self._target()
        if target is not None:
            return target.items()
        self._all()
        return dict.items(self)

    def keys(self) -> Any:
        target = self._target()
        if target is not None:
            return target.keys()
        self._all()
        return dict.keys(self)

    def values(self) -> Any:
        target = self._target()
        if target is not None:
            return target.values()
        self._all()
        return dict.values(self)

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def __len__(self) -> int:
        return len(self.keys())


class PartialModuleScope(Scope):
    """The module scope of a module known by its summary: each name's
    bindings come from parsing just the top-level statements that bind it
    (what a cross-module question costs is then what it asks about, not
    the size of the other module). When a statement cannot be parsed on
    its own (the file changed since it was summarised), the whole module
    is parsed instead and the answer comes from it."""

    def __init__(self, node: ast.Module, module: ModuleInfo) -> None:
        super().__init__(node, None, module)
        self.released = False
        self.__dict__["bindings"] = _LazyBindings(self)

    def load(self, name: str) -> list[Binding] | None:
        module = self.module
        summary = module._summary
        indices = summary.indices(name) if summary is not None else None
        if not indices:
            return None
        statements = module._load_statements(indices)
        if statements is None:
            module.project.stats["partial-failed"] += 1
            _ = module.tree  # leaves partial mode
            found = module.scope.bindings.get(name)
            return list(found) if found else None
        collector = _BindingCollector(self)
        for statement in statements:
            collector.visit(statement)
        return collector.bindings.get(name) or None

    def release(self) -> None:
        self.released = True
        self.__dict__["bindings"] = {}


def is_library_name(dotted: str) -> bool:
    """A dotted name in the standard library or a known third-party
    package: never a project module (see :meth:`Project.find_module`)."""
    top = dotted.partition(".")[0]
    return top in sys.stdlib_module_names or top in K.THIRD_PARTY_ROOTS


def _project_root_candidates(path: Path) -> Iterator[Path]:
    directory = path.parent
    for _ in range(8):
        yield directory
        yield directory / "src"
        if directory.parent == directory:
            return
        directory = directory.parent


class Project:
    """Other modules of the project: a summary of each (its module-level
    names), and the parsed trees of the few that a rule looked into.

    Most questions about another module ("does it bind this name once, and
    as what?") are answered from its summary, which is small, is kept for
    the whole run and, with a :class:`SummaryStore`, is shared with the
    other workers of the run and with later runs. A module's tree is parsed
    only when a rule needs more (a definition's node, a value to infer a
    type from); trees are kept while the current file is checked and, between
    files, only up to ``TREE_BUDGET`` bytes of source, so memory (and the
    garbage collector's work over it) stays flat however large the tree.
    """

    #: Modules (summaries) kept at once: memory stays flat however large the tree.
    MAX_MODULES = 4096
    #: Checked modules' summaries are kept only while fewer summaries than
    #: this are held (about 6-10 KB each): memory stays flat on a huge tree.
    MAX_REMEMBERED = 600
    #: Source bytes of other modules whose parsed trees are kept from one
    #: checked file to the next (the rest are parsed again when needed).
    TREE_BUDGET = 400_000
    #: A module loaded for its summary keeps its parsed tree (while the tree
    #: budget allows) only up to this size in bytes; a larger one is asked
    #: about in partial mode.
    KEEP_LOADED_TREE = 0
    #: Bytes of searched files' text kept for the run.
    TEXT_BUDGET = 1_500_000

    def __init__(self, store: SummaryStore | None = None) -> None:
        self._modules: OrderedDict[str, ModuleInfo | None] = OrderedDict()
        self._found: dict[tuple[str, str], Path | None] = {}
        #: A folder -> the roots a module name is searched from (see _project_root_candidates).
        self._candidates: dict[Path, tuple[Path, ...]] = {}
        self._tops: dict[tuple[Path, str], bool] = {}
        #: File-system answers every module of the run shares (see ``real_path``, ``is_package_dir``).
        self._real_dirs: dict[str, str] = {}
        self._package_dirs: dict[str, bool] = {}
        self._mentioning: dict[tuple[Path, tuple[bytes, ...]], list[Path]] = {}
        #: Modules whose trees are parsed, least recently used first, with their source size.
        self._parsed: OrderedDict[str, tuple[ModuleInfo, int]] = OrderedDict()
        self._parsed_size = 0
        #: Files that text searches look into, by path (see ``_text_of``).
        self._texts: dict[Path, bytes] = {}
        self._texts_size = 0
        #: The on-disk summary cache (None: summaries live in this process only).
        self.store = store
        #: Types of other modules' module-level names (see ``Resolver._type_of_ref``).
        self._ref_types: dict[tuple[str, str, int], str | None] = {}
        #: What the run cost: summaries from memory / disk / parsed, trees parsed, searches.
        self.stats: Counter[str] = Counter()
        #: Scopes of modules that left partial mode during the current file (see
        #: ``ModuleInfo._retire_partial``), kept alive until the next file.
        self._retired: list[object] = []
        #: Plain-data facts about other modules (no nodes), kept for the run
        #: when their trees are released: see ``ModuleInfo.fact``.
        self.facts: dict[tuple[str, str, str], object] = {}
        #: What the file being checked depends on besides its own text, since
        #: ``begin_file``: the other modules asked about (resolved paths) and
        #: the text searches made (project root, markers), whose answer is the
        #: set of files that ``searched_files`` lists. A findings cache keys
        #: on these (see ``cli/lint.py``).
        self.consulted: set[str] = set()
        self.searches: set[tuple[Path, tuple[bytes, ...]]] = set()

    #: Whether folders' real paths and ``__init__.py`` files are taken as
    #: fixed for the run (a long-lived process watching the disk says no).
    KEEP_FOLDER_FACTS = True

    def real_path(self, path: str) -> str:
        """``os.path.realpath(path)``, each folder's answer kept for the run."""
        directory, name = os.path.split(path)
        real = self._real_dirs.get(directory) if self.KEEP_FOLDER_FACTS else None
        if real is None:
            real = self._real_dirs[directory] = os.path.realpath(directory)
        joined = os.path.join(real, name)
        return os.path.realpath(joined) if os.path.islink(joined) else joined

    def is_package_dir(self, directory: str) -> bool:
        """Whether the folder holds an ``__init__.py``, kept for the run."""
        found = self._package_dirs.get(directory) if self.KEEP_FOLDER_FACTS else None
        if found is None:
            found = self._package_dirs[directory] = os.path.isfile(os.path.join(directory, "__init__.py"))
        return found

    def module_at(self, path: Path) -> ModuleInfo | None:
        key = str(path)
        self.consulted.add(key)
        if key in self._modules:
            self._modules.move_to_end(key)
            self.stats["summary-memory"] += 1
            return self._modules[key]
        module = self._modules[key] = self._load(path)
        if len(self._modules) > self.MAX_MODULES:
            self._drop_parsed(self._modules.popitem(last=False)[1])
        return module

    def _load(self, path: Path) -> ModuleInfo | None:
        """The module at ``path`` with its summary, from the store when its
        content was summarised before, else from a parse (whose tree is
        then kept like any other)."""
        try:
            source = path.read_bytes()
        except OSError:
            return None
        module = ModuleInfo(None, str(path), self)
        module.expression_bindings = b":=" in source
        key = self.store.key(source, module.package) if self.store is not None else None
        if key is not None and self.store is not None:
            cached = self.store.get(key)
            if cached is not None:
                self.stats["summary-disk"] += 1
                if cached.unparsable:
                    return None
                module._summary = cached
                return module
        tree = _parse(source, str(path))
        self.stats["summary-parsed"] += 1
        if tree is None:
            if key is not None and self.store is not None:
                self.store.put(key, ModuleSummary({}, unparsable=True))
            return None
        module._tree = tree
        module._summary = summarize(module, source)
        if key is not None and self.store is not None:
            self.store.put(key, module._summary)
        if len(source) > self.KEEP_LOADED_TREE:
            # A large module: what rules ask of it is parsed statement by
            # statement from here on (see ``PartialModuleScope``).
            module._release()
        else:
            self._keep_parsed(module, len(source))
        return module

    def remember(self, checked: ModuleInfo, source: bytes) -> None:
        """Keep the summary of a module just checked (``source``: the text
        its tree was parsed from), so that a later file asking about it is
        answered without parsing it again."""
        key = str(checked.resolved_path)
        if key in self._modules or len(self._modules) >= self.MAX_REMEMBERED:
            return  # a fixed bound: a larger tree's later files are summarised when asked about
        module = ModuleInfo(None, key, self)  # named as module_at names what it loads
        module._summary = summarize(checked, source)
        self._modules[key] = module
        self.stats["summary-remembered"] += 1
        if self.store is not None:
            self.store.put(self.store.key(source, checked.package), module._summary)
        if len(self._modules) > self.MAX_MODULES:
            self._modules.popitem(last=False)

    def forget(self, filename: str) -> None:
        """Drop what is known of a module whose file is being rewritten."""
        key = str(Path(os.path.abspath(filename)).resolve())
        self._drop_parsed(self._modules.pop(key, None))

    def _drop_parsed(self, module: ModuleInfo | None) -> None:
        """Release a module no longer held, if its tree or statements are kept."""
        if module is not None and module.filename in self._parsed:
            self._parsed_size -= self._parsed.pop(module.filename)[1]
            module._release()

    def _materialize(self, module: ModuleInfo) -> ast.Module:
        """Parse a summarised module again because a rule needs its tree."""
        self.stats["tree-parsed"] += 1
        try:
            source = module.path.read_bytes()
        except OSError:
            source = b""
        if b":=" in source:  # changed since it was summarised: walk expressions too
            module.expression_bindings = True
        tree = _parse(source, module.filename)
        if tree is None:  # changed since it was summarised: an empty module, never a crash
            tree = ast.Module(body=[], type_ignores=[])
        self._keep_parsed(module, len(source))
        return tree

    def _keep_parsed(self, module: ModuleInfo, size: int) -> None:
        previous = self._parsed.get(module.filename)
        self._parsed_size += size - (previous[1] if previous is not None else 0)
        self._parsed[module.filename] = (module, size)
        self._parsed.move_to_end(module.filename)

    def begin_file(self) -> None:
        """Called between checked files: drop the least recently parsed trees
        beyond ``TREE_BUDGET`` (no rule holds a node of them any more)."""
        self.consulted = set()
        self.searches = set()
        self._retired = []
        while self._parsed_size > self.TREE_BUDGET and self._parsed:
            _, (module, size) = self._parsed.popitem(last=False)
            module._release()
            self._parsed_size -= size
            self.stats["tree-released"] += 1

    def _text_of(self, path: Path) -> bytes | None:
        """A searched file's bytes: kept for the run up to ``TEXT_BUDGET``
        bytes in all (searches of a project look into the same files again
        and again), read again beyond that."""
        text = self._texts.get(path)
        if text is None:
            try:
                text = path.read_bytes()
            except OSError:
                return None
            if self._texts_size + len(text) <= self.TEXT_BUDGET:
                self._texts[path] = text
                self._texts_size += len(text)
        return text

    def searched_files(self, root: Path, markers: tuple[bytes, ...]) -> list[Path]:
        """The files a search of ``root`` for ``markers`` looked into (see
        :meth:`modules_mentioning`), computed once per run."""
        key = (root, markers)
        if key not in self._mentioning:
            self._mentioning[key] = _files_mentioning(root, markers)
        return self._mentioning[key]

    def find_module(self, dotted: str, near: ModuleInfo) -> ModuleInfo | None:
        """A project module by its dotted name, searched from ``near``'s
        folder upward.

        Answers are cached per directory: a file system probe per distinct
        name and folder, however often rules ask.
        """
        if is_library_name(dotted):
            return None
        key = (dotted, near.directory)
        if key not in self._found:
            self._found[key] = self._find_path(dotted, near.path)
        path = self._found[key]
        if path is None or path == near.resolved_path:
            return None  # not in the project, or the file being checked
        return self.module_at(path)

    def _find_path(self, dotted: str, near: Path) -> Path | None:
        parts = dotted.split(".")
        relative = Path(*parts)
        candidates = self._candidates.get(near.parent)
        if candidates is None:
            candidates = self._candidates[near.parent] = tuple(_project_root_candidates(near))
        for root in candidates:
            if not self._has_top(root, parts[0]):
                continue
            for candidate in (root / relative.with_suffix(".py"), root / relative / "__init__.py"):
                if candidate.is_file():
                    return Path(self.real_path(str(candidate)))
        return None

    def _has_top(self, root: Path, top: str) -> bool:
        """Whether ``root`` holds a package or module named ``top``: one
        probe per folder and top-level name, shared by every dotted name
        under it (most names are not in the project at all)."""
        key = (root, top)
        found = self._tops.get(key)
        if found is None:
            found = self._tops[key] = os.path.isdir(root / top) or os.path.isfile(root / f"{top}.py")
        return found

    def modules_mentioning(self, near: ModuleInfo, name: str, markers: tuple[bytes, ...]) -> list[ModuleInfo]:
        """The other modules of ``near``'s project whose source holds
        ``name`` and one of ``markers``: the few that may use a definition
        of ``near`` in a given way (``Depends(get_db)``), found by a text
        search before anything is parsed.

        The project is the folder holding ``near``'s top-level package, or
        for a module outside any package the nearest folder above it with
        ``pyproject.toml``, ``setup.cfg``, ``setup.py`` or ``.git``. A
        project of more than ``MAX_SCANNED_FILES`` files is not searched:
        the answer is then "none", never a guess.
        """
        root = near.project_root
        key = (root, markers)
        files = self.searched_files(root, markers)
        self.searches.add(key)
        self.stats["search"] += 1
        needle = name.encode()
        found: list[ModuleInfo] = []
        for path in files:
            if path == near.resolved_path:
                continue
            text = self._text_of(path)
            if text is None or needle not in text:
                continue
            module = self.module_at(path)
            if module is not None:
                found.append(module)
        self.stats["search-modules"] += len(found)
        return found


#: Answers ``Project._ref_types`` keeps at most.
_MAX_REF_TYPES = 100_000
#: Facts ``Project.facts`` keeps at most.
_MAX_FACTS = 50_000
#: Files searched at most by ``Project.modules_mentioning``.
MAX_SCANNED_FILES = 5000
#: Folders that hold no module of the project itself.
_NOT_PROJECT_DIRS = frozenset({"node_modules", "site-packages", "__pycache__", "venv", "env", "build", "dist"})
_PROJECT_MARKERS = ("pyproject.toml", "setup.cfg", "setup.py", ".git")


def project_folders(root: str | Path) -> Iterator[tuple[str, list[str], list[str]]]:
    """The folders a project search walks, top down: (folder, the names of
    its ``.py`` files, its subfolders skipped for holding a ``pyvenv.cfg``).
    Hidden folders and those of ``_NOT_PROJECT_DIRS`` are not entered."""
    for directory, subdirs, files in os.walk(root):
        kept: list[str] = []
        venvs: list[str] = []
        for name in subdirs:
            if name.startswith(".") or name in _NOT_PROJECT_DIRS:
                continue
            path = os.path.join(directory, name)
            if os.path.isfile(os.path.join(path, "pyvenv.cfg")):
                venvs.append(path)
            else:
                kept.append(name)
        subdirs[:] = kept
        yield directory, [name for name in files if name.endswith(".py")], venvs


def _files_mentioning(root: Path, markers: tuple[bytes, ...]) -> list[Path]:
    paths: list[str] = []
    for directory, files, _ in project_folders(root):
        paths.extend(os.path.join(directory, name) for name in files)
        if len(paths) > MAX_SCANNED_FILES:
            return []
    found: list[Path] = []
    real_dirs: dict[str, str] = {}
    for path in sorted(paths, key=lambda path: path.split(os.sep)):  # the order of Path objects
        try:
            with open(path, "rb") as file:
                text = file.read()
        except OSError:
            continue
        if any(marker in text for marker in markers):
            directory, name = os.path.split(path)
            real_dir = real_dirs.get(directory)
            if real_dir is None:
                real_dir = real_dirs[directory] = os.path.realpath(directory)
            real = os.path.join(real_dir, name)
            found.append(Path(os.path.realpath(real) if os.path.islink(real) else real))
    return found


#: Bumped whenever what a summary holds changes: older cache entries are ignored.
SUMMARY_SCHEMA = 2

#: A top-level statement's place: first line (its first decorator's, for a
#: decorated definition), last line, and the statement's own line and column.
StatementSpan = tuple[int, int, int, int]


@dataclass(frozen=True)
class ModuleSummary:
    """A module's module-level names: for each, how many bindings it has and
    the kind and import target of the first (what ``Resolver.project_binding``
    needs to know before it looks at a node), and where in the source the
    top-level statements that bind it are (so that a rule that needs a
    binding's node parses those statements, not the module)."""

    bindings: dict[str, tuple[str, str | None, int]]
    unparsable: bool = False
    #: Every top-level statement's span, in source order, flat (four ints a
    #: statement: summaries of every module of a large tree stay small).
    statements: array[int] = field(default_factory=lambda: array("i"))
    #: Name -> index into ``statements`` of the statement binding it, or
    #: indices when several do.
    where: dict[str, int | tuple[int, ...]] = field(default_factory=dict)
    #: A digest of the source the summary was made from.
    digest: str = ""

    def unique(self, name: str) -> tuple[str, str | None] | None:
        """(kind, qualname) of ``name``'s one binding, None unless exactly one."""
        entry = self.bindings.get(name)
        if entry is None or entry[2] != 1:
            return None
        return entry[0], entry[1]

    def to_json(self) -> dict[str, object]:
        return {
            "schema": SUMMARY_SCHEMA,
            "unparsable": self.unparsable,
            "bindings": self.bindings,
            "statements": self.statements.tolist(),
            "where": self.where,
            "digest": self.digest,
        }

    @classmethod
    def from_json(cls, data: object) -> ModuleSummary | None:
        """None for anything but a well-formed entry of this schema."""
        if not isinstance(data, dict) or data.get("schema") != SUMMARY_SCHEMA:
            return None
        raw = data.get("bindings")
        unparsable = data.get("unparsable")
        raw_statements = data.get("statements")
        raw_where = data.get("where")
        digest = data.get("digest")
        if not (
            isinstance(raw, dict)
            and isinstance(unparsable, bool)
            and isinstance(raw_statements, list)
            and isinstance(raw_where, dict)
            and isinstance(digest, str)
        ):
            return None
        bindings: dict[str, tuple[str, str | None, int]] = {}
        for name, entry in raw.items():
            if not (isinstance(entry, list) and len(entry) == 3):
                return None
            kind, qualname, count = entry
            if not (isinstance(kind, str) and (qualname is None or isinstance(qualname, str)) and type(count) is int):
                return None
            bindings[sys.intern(name)] = (sys.intern(kind), _interned(qualname), count)
        if len(raw_statements) % 4 or not all(type(n) is int and 0 <= n < 2**31 for n in raw_statements):
            return None
        count = len(raw_statements) // 4
        where: dict[str, int | tuple[int, ...]] = {}
        for name, indices in raw_where.items():
            if type(indices) is int and 0 <= indices < count:
                where[name] = indices
            elif isinstance(indices, list) and all(type(i) is int and 0 <= i < count for i in indices):
                where[name] = tuple(indices)
            else:
                return None
        return cls(bindings, unparsable, array("i", raw_statements), where, digest)

    @property
    def statement_count(self) -> int:
        return len(self.statements) // 4

    def span(self, index: int) -> StatementSpan:
        first, last, lineno, col = self.statements[4 * index : 4 * index + 4]
        return first, last, lineno, col

    def indices(self, name: str) -> tuple[int, ...]:
        """The statements that bind ``name`` (none for an unbound name)."""
        found = self.where.get(name)
        if found is None:
            return ()
        return (found,) if isinstance(found, int) else found


def _interned(text: str | None) -> str | None:
    """The qualified names summaries hold repeat across modules: one copy each."""
    return None if text is None else sys.intern(text)


def source_digest(source: bytes) -> str:
    return hashlib.blake2b(source, digest_size=16).hexdigest()


def summarize(module: ModuleInfo, source: bytes | None = None) -> ModuleSummary:
    """``module``'s summary, from its full tree (``source``: the text the
    tree was parsed from, whose digest partial loads check)."""
    tree = module.tree
    spans: list[StatementSpan] = []
    for statement in tree.body:
        decorators = getattr(statement, "decorator_list", None) or ()
        first = min([statement.lineno, *(d.lineno for d in decorators)])
        end = statement.end_lineno or statement.lineno
        spans.append((first, end, statement.lineno, statement.col_offset))
    # Where each statement starts (a decorated one at its first decorator's
    # line): two simple statements may share a line (``a = 1; b = 2``).
    starts = [(first, 0) if first < lineno else (lineno, col) for first, _, lineno, col in spans]
    bindings = module.scope.bindings
    where: dict[str, int | tuple[int, ...]] = {}
    for name, found in bindings.items():
        if found:
            indices = {
                bisect.bisect_right(starts, (getattr(b.node, "lineno", 0), getattr(b.node, "col_offset", 0))) - 1
                for b in found
            }
            found_at = tuple(sorted(i for i in indices if i >= 0))
            where[name] = found_at[0] if len(found_at) == 1 else found_at
    return ModuleSummary(
        {
            sys.intern(name): (found[0].kind, _interned(found[0].qualname), len(found))
            for name, found in bindings.items()
            if found
        },
        statements=array("i", [n for span in spans for n in span]),
        where=where,
        digest=source_digest(source) if source is not None else "",
    )


@dataclass(frozen=True)
class ProjectRef:
    """A module-level name of another module, known from its summary: what
    it is bound to, without parsing the module."""

    kind: str
    qualname: str | None
    module: ModuleInfo
    name: str

    def binding(self) -> Binding | None:
        """The binding itself (parses the module if needed); None if the
        file changed since it was summarised and no longer binds the name once."""
        found = self.module.scope.bindings.get(self.name, [])
        return found[0] if len(found) == 1 else None


class SummaryStore:
    """Module summaries on disk, by content (see :mod:`flake8_fastapi_prod.cache`)."""

    NAMESPACE = "summaries"

    def __init__(self, cache: DiskCache) -> None:
        self.cache = cache

    @classmethod
    def default(cls) -> SummaryStore | None:
        """The store in the default cache folder, None when caching is off."""
        return None if cache_disabled() else cls(DiskCache(default_directory()))

    def key(self, source: bytes, package: str) -> str:
        # The package is the one input besides the text: relative imports
        # resolve against it.
        return content_key(str(SUMMARY_SCHEMA), package, source)

    def get(self, key: str) -> ModuleSummary | None:
        data = self.cache.get(self.NAMESPACE, key)
        return None if data is None else ModuleSummary.from_json(data)

    def put(self, key: str, summary: ModuleSummary) -> None:
        self.cache.put(self.NAMESPACE, key, summary.to_json())


#: The oldest generation's collection threshold set by :func:`tune_gc`.
GC_OLDEST_THRESHOLD = 100


def tune_gc() -> None:
    """Fewer full garbage collections in a lint run (flake8, the fixer).

    A run allocates a tree per checked file and frees it a moment later;
    with CPython's default thresholds that churn triggers a full collection
    every few files, each walking everything alive (on a large service,
    about a third of the plugin's cost). The youngest generations still
    collect as usual. Measured on litellm's proxy: full collections 78 ->
    8, 3.6 s -> 0.2 s CPU, the same peak memory.
    """
    young, middle, oldest = gc.get_threshold()
    if young and oldest < GC_OLDEST_THRESHOLD:
        gc.set_threshold(young, middle, GC_OLDEST_THRESHOLD)


def disable_cache() -> None:
    """``--no-cache``: this process and the workers it starts neither read
    nor write the on-disk cache."""
    os.environ[ENV_NO_CACHE] = "1"
    PROJECT.store = None


#: One cache for the whole process: flake8 checks many files per process.
PROJECT = Project(SummaryStore.default())


def _parse_text(source: str, filename: str) -> ast.Module | None:
    try:
        return ast.parse(source, filename=filename)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _parse(source: bytes, filename: str) -> ast.Module | None:
    try:
        return ast.parse(source, filename=filename)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


#: Facts built from a module's tree, dropped with it (see ``ModuleInfo._release``).
_TREE_FACTS = ("top_level_ids", "_scope_statements", "_nodes_by_type", "parents")


class ModuleInfo:
    """One parsed module and the lazily built facts about it.

    A module of the project other than the one being checked may be known
    by its summary alone (``tree`` None until a rule needs it). Its
    ``scope`` is then *partial*: a name's bindings are made, when first
    asked for, from the top-level statements that bind it, parsed on their
    own from the source (see :class:`PartialModuleScope`); only a rule that
    asks for the whole ``tree`` (``nodes()``, a walk) parses the module.
    """

    def __init__(self, tree: ast.Module | None, filename: str, project: Project | None = None) -> None:
        self._tree = tree
        self.filename = filename
        self.project = project if project is not None else PROJECT
        self._summary: ModuleSummary | None = None
        self._scope: Scope | None = None
        self._scopes: dict[int, Scope] = {}
        self._scope_at: dict[tuple[int, int], Scope] = {}
        #: Module-wide facts that several rules share, built on first use.
        self.cache: dict[str, object] = {}
        #: Partial mode: the module of the statements parsed so far, by index.
        self._partial: ast.Module | None = None
        self._statement_nodes: dict[int, ast.stmt] = {}
        self._lines: list[str] | None = None
        self._loaded_chars = 0
        #: Whether an expression of the module may bind a name (``:=``):
        #: True unless its text is known to hold no ``:=``; binding
        #: collection then walks statements only.
        self.expression_bindings = True
        #: The module's source, when the checker gave it (the text the tree
        #: was parsed from): see :meth:`may_mention`.
        self.text: bytes | None = None
        #: may_mention() answers, for the text object they were computed from.
        self._mentions_of: bytes | None = None
        self._mentions: dict[tuple[str, ...], bool] = {}

    @property
    def tree(self) -> ast.Module:
        tree = self._tree
        if tree is None:
            if self._partial is not None:
                self._retire_partial()
            tree = self._tree = self.project._materialize(self)
        return tree

    @property
    def scope(self) -> Scope:
        scope = self._scope
        if scope is None:
            summary = self._summary
            if self._tree is None and summary is not None and summary.statements and summary.digest:
                partial = self._partial = ast.Module(body=[], type_ignores=[])
                scope = self._scope = PartialModuleScope(partial, self)
                self._scopes[id(partial)] = scope
                self.project._keep_parsed(self, 0)
                return scope
            tree = self.tree
            scope = self._scope = Scope(tree, None, self)
            self._scopes[id(tree)] = scope
        return scope

    @property
    def summary(self) -> ModuleSummary:
        """What other modules ask of this one, without its tree."""
        if self._summary is None:
            self._summary = summarize(self)
        return self._summary

    @property
    def current_tree(self) -> ast.Module:
        """The tree as far as it is parsed: the whole module, or in partial
        mode the top-level statements loaded so far."""
        if self._tree is None and self._partial is not None:
            return self._partial
        return self.tree

    def _load_statements(self, indices: tuple[int, ...]) -> list[ast.stmt] | None:
        """The top-level statements at ``indices`` (partial mode), parsed
        from their own lines on first use; None when the source changed
        since the summary was made, or a statement does not parse alone."""
        found: list[ast.stmt] = []
        added = False
        for index in indices:
            node = self._statement_nodes.get(index)
            if node is None:
                node = self._parse_statement(index)
                if node is None:
                    return None
                self._statement_nodes[index] = node
                added = True
            found.append(node)
        if added and self._partial is not None:
            self._partial.body = [self._statement_nodes[i] for i in sorted(self._statement_nodes)]
            for name in ("top_level_ids", "_scope_statements", "parents"):
                self.__dict__.pop(name, None)
            self._scope_at = {}
            self.project._keep_parsed(self, self._loaded_chars)
        return found

    def _source_lines(self) -> list[str] | None:
        """The source lines of a module in partial mode, None when the file
        changed since its summary was made."""
        lines = self._lines
        if lines is None and self._summary is not None:
            try:
                source = self.path.read_bytes()
            except OSError:
                return None
            if source_digest(source) != self._summary.digest:
                return None
            try:
                lines = self._lines = importlib.util.decode_source(source).split("\n")
            except (SyntaxError, UnicodeDecodeError, LookupError):
                return None
        return lines

    def nodes_mentioning(self, markers: tuple[tuple[str, ...], ...], *types: type[ast.AST]) -> list[Any]:
        """:meth:`nodes`, for a question whose every answer lies in a
        top-level statement whose text holds, for each group of
        ``markers``, one of the group (a registration
        ``app.exception_handler(...)`` holds ``exception_handler``): a
        module known by its summary parses just those statements. With the
        whole tree at hand, every node of the types (a superset: callers
        check each node as before)."""
        summary = self._summary
        if self._tree is not None and self.text is not None:
            return self._tree_nodes_mentioning(self._tree, self.text, markers, types)
        if self._tree is not None or summary is None or not summary.statements or not summary.digest:
            return self.nodes(*types)
        _ = self.scope  # partial mode
        lines = self._source_lines()
        statements = None
        if lines is not None and self._partial is not None:
            indices = tuple(
                index
                for index, (first, last, _, _) in enumerate(map(summary.span, range(summary.statement_count)))
                if _mentions(lines[first - 1 : last], markers)
            )
            statements = self._load_statements(indices)
        if statements is None:
            return self.nodes(*types)
        wanted = set(types)
        return [node for statement in statements for node in walk(statement) if type(node) in wanted]

    @staticmethod
    def _tree_nodes_mentioning(
        tree: ast.Module, text: bytes, markers: tuple[tuple[str, ...], ...], types: tuple[type[ast.AST], ...]
    ) -> list[Any]:
        """:meth:`nodes_mentioning` for a module whose tree and text are at
        hand (the checked one): the top-level statements whose lines hold
        the markers are walked, not the module."""
        groups = tuple(tuple(marker.encode() for marker in group) for group in markers)
        if not _mentions([text], groups):
            return []
        lines = text.splitlines()  # as the tokenizer counts lines: LF, CRLF and a lone CR
        wanted = set(types)
        found: list[Any] = []
        for statement in tree.body:
            first = min([statement.lineno, *(d.lineno for d in getattr(statement, "decorator_list", ()))])
            if _mentions(lines[first - 1 : statement.end_lineno or statement.lineno], groups):
                found.extend(node for node in walk(statement) if type(node) in wanted)
        return found

    def _parse_statement(self, index: int) -> ast.stmt | None:
        summary = self._summary
        if summary is None or index >= summary.statement_count:
            return None
        lines = self._source_lines()
        if lines is None:
            return None
        first, last, lineno, col = summary.span(index)
        text = "\n".join(lines[first - 1 : last])
        # Blank lines before the statement keep every position as in the module.
        tree = _parse_text("\n" * (first - 1) + text, self.filename)
        if tree is None:
            return None
        self.project.stats["statement-parsed"] += 1
        self._loaded_chars += len(text)
        for statement in tree.body:
            if statement.lineno == lineno and statement.col_offset == col:
                return statement
        return None

    def _retire_partial(self) -> None:
        """Partial mode ends because a rule needs the whole tree. The
        partial scopes stay alive (and answer through the new full scope)
        until the file being checked is done: answers cached under their
        ids must not be found by a new object given the same id."""
        self.project._retired.append((self._scope, self._scopes, self._partial))
        self._reset_tree_state()

    def _reset_tree_state(self) -> None:
        self._scope = None
        self._scopes = {}
        self._scope_at = {}
        self.cache = {}
        self._partial = None
        self._statement_nodes = {}
        self._lines = None
        self._loaded_chars = 0
        for name in _TREE_FACTS:
            self.__dict__.pop(name, None)

    def may_mention(self, *words: str) -> bool:
        """False only when the module's text is known and holds none of
        ``words``: a test far cheaper than a question answered from the
        whole tree (:meth:`nodes`), which a False answer makes moot."""
        text = self.text
        if text is None:
            return True
        # Memoised for the text at hand: rules ask once per node or function.
        if self._mentions_of is not text:
            self._mentions_of, self._mentions = text, {}
        found = self._mentions.get(words)
        if found is None:
            found = self._mentions[words] = any(word.encode() in text for word in words)
        return found

    def _release(self) -> None:
        """Forget the tree and everything built from it (the summary stays).

        Scopes and bindings refer to each other; the references are cut
        here so that the tree is freed at once instead of waiting, as
        garbage, for a full collection (whose cost grows with what is alive).
        """
        self._tree = None
        self.text = None
        for scope in self._scopes.values():
            scope.__dict__.pop("bindings", None)
            if isinstance(scope, PartialModuleScope):
                scope.release()
        self._reset_tree_state()

    @cached_property
    def path(self) -> Path:
        return Path(os.path.abspath(self.filename))

    @cached_property
    def top_level_ids(self) -> frozenset[int]:
        return frozenset(id(statement) for statement in self.current_tree.body)

    @cached_property
    def directory(self) -> str:
        return str(self.path.parent)

    @cached_property
    def resolved_path(self) -> Path:
        return Path(self.project.real_path(str(self.path)))

    @cached_property
    def project_root(self) -> Path:
        """The folder the project's own imports start from: the one holding
        the top-level package, or for a module outside any package the
        nearest folder above with a project marker (``pyproject.toml``,
        ...), else the module's own folder."""
        if self.package:
            return self.path.parents[len(self.package.split("."))]
        directory = self.path.parent
        for candidate in [directory, *directory.parents][:8]:
            if any((candidate / marker).exists() for marker in _PROJECT_MARKERS):
                return candidate
        return directory

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """A module-wide fact that rules share, built on first use."""
        if key not in self.cache:
            self.cache[key] = build()
        return self.cache[key]  # type: ignore[return-value]

    def fact(self, key: str, build: Callable[[], T]) -> T:
        """Like :meth:`memo`, for plain data only (names, definition keys:
        never a node), and kept by the project for the whole run, after
        this module's tree is released: what a whole-module question about
        another module answers (the handlers it registers, the
        dependencies it declares) costs one parse per run, not one per
        checked file that asks."""
        digest = self._summary.digest if self._summary is not None else ""
        facts = self.project.facts
        fact_key = (self.filename, digest, key)
        if fact_key not in facts:
            if len(facts) > _MAX_FACTS:
                facts.clear()
            facts[fact_key] = build()
        else:
            self.project.stats["fact-memo"] += 1
        return facts[fact_key]  # type: ignore[return-value]

    @cached_property
    def package(self) -> str:
        """This module's package, from the ``__init__.py`` files around it."""
        parts: list[str] = []
        directory = os.path.dirname(str(self.path))
        is_package_dir = self.project.is_package_dir
        while is_package_dir(directory):
            parent = os.path.dirname(directory)
            if parent == directory:
                break
            parts.append(os.path.basename(directory))
            directory = parent
        return ".".join(reversed(parts))

    def absolute_module(self, module: str | None, level: int) -> str:
        if level == 0:
            return module or ""
        package = self.package.split(".") if self.package else []
        if level > 1:
            package = package[: len(package) - (level - 1)]
        base = ".".join(package)
        if module:
            return f"{base}.{module}" if base else module
        return base

    def scope_for(self, node: ScopeNode, parent: Scope) -> Scope:
        scope = self._scopes.get(id(node))
        if scope is None:
            if node is self._tree or (node is self._partial and node is not None):
                return self.scope
            scope = Scope(node, parent, self)
            self._scopes[id(node)] = scope
        return scope

    @cached_property
    def _scope_statements(self) -> list[tuple[tuple[int, int], tuple[int, int], ast.ClassDef | FunctionNode]]:
        """(start, end, node) of every def and class, from a walk over
        statements only: far cheaper than a parent map of every node."""
        found: list[tuple[tuple[int, int], tuple[int, int], ast.ClassDef | FunctionNode]] = []
        stack: list[ast.AST] = [self.current_tree]
        while stack:
            node = stack.pop()
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                end = (node.end_lineno or node.lineno, node.end_col_offset or 0)
                found.append(((node.lineno, node.col_offset), end, node))
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.stmt, ast.excepthandler, ast.match_case)):
                    stack.append(child)
        found.sort(key=lambda item: item[0])
        return found

    @cached_property
    def _nodes_by_type(self) -> dict[type[ast.AST], list[ast.AST]]:
        index: dict[type[ast.AST], list[ast.AST]] = {}
        for node in walk(self.tree):
            index.setdefault(type(node), []).append(node)
        return index

    def nodes(self, *types: type[ast.AST]) -> list[Any]:
        """Every node of the given exact types in the module, from one walk
        shared by all the module-wide questions rules ask."""
        index = self._nodes_by_type
        return [node for node_type in types for node in index.get(node_type, ())]

    @cached_property
    def parents(self) -> dict[int, ast.AST]:
        """Child id -> parent, for the rare rule that must look upward from
        a node found by a lookup rather than by the walk."""
        result: dict[int, ast.AST] = {}
        if self._tree is None and self._partial is not None:
            for parent in walk(self._partial):
                for child in ast.iter_child_nodes(parent):
                    result[id(child)] = parent
            return result
        for nodes in self._nodes_by_type.values():
            for parent in nodes:
                for child in ast.iter_child_nodes(parent):
                    result[id(child)] = parent
        return result

    def scope_of(self, node: ast.AST) -> Scope:
        """The scope whose code contains ``node``, found from its position
        (a node inside a lambda is given the lambda's enclosing scope)."""
        position = (getattr(node, "lineno", 0), getattr(node, "col_offset", 0))
        cached = self._scope_at.get(position)
        if cached is not None:
            return cached
        scope = self.scope
        for start, end, scope_node in self._scope_statements:
            if start > position:
                break
            if start < position <= end and _inside_body(scope_node, position):
                scope = self.scope_for(scope_node, scope)
        self._scope_at[position] = scope
        return scope


def _mentions(lines: Sequence[AnyStr], markers: tuple[tuple[AnyStr, ...], ...]) -> bool:
    """For each group of markers, one of it in one of the lines (text or bytes)."""
    return all(any(marker in line for line in lines for marker in group) for group in markers)


def _inside_body(node: ast.ClassDef | FunctionNode, position: tuple[int, int]) -> bool:
    """Past the header: decorators, bases and defaults belong outside."""
    first = node.body[0]
    return position >= (first.lineno, first.col_offset)


DefinitionKey = tuple[str, str, int]


def definition_key(module: ModuleInfo, node: ast.ClassDef | FunctionNode) -> DefinitionKey:
    """Names a definition the same way from every module that resolves it
    (each has its own parse of the defining file, which may not even be
    the text being checked: an editor buffer, a file being fixed). A
    module-level definition is named by file and name, so that its line
    may move; a nested one by its line as well."""
    line = 0 if is_module_level(node, module) else node.lineno
    return (str(module.resolved_path), node.name, line)


def is_module_level(node: ast.stmt, module: ModuleInfo) -> bool:
    """A statement directly in the module body: what other modules can import."""
    return id(node) in module.top_level_ids
