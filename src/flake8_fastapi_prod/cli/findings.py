"""The per-file findings cache of ``fastapi-prod check``.

A file's findings depend on more than its own text: the settings (the
selection, the target versions detected for it, ``unsafe-fixes``), the
tool itself, and the other modules of the project its rules asked about.
An entry is keyed by the first three (the file's bytes, its path, its
package and project root, the effective selection and targets, the
fingerprint of the tool's whole source and of the Python running it) and
stores the diagnostics together with what the analysis consulted besides
the file:

- ``modules``: each other module it read (resolved path, content hash,
  package: relative imports inside it resolve against the package);
- ``lookups``: each dotted name it looked up in the project, from which
  folder, and the file found (or none): a module that appears later, or
  one that shadows it, changes the answer;
- ``searches``: each text search of the project (root, markers) and a hash
  of the list of files it looks into with their content hashes: a new file
  that starts matching, or a matching file that changes, changes it;
- ``globs``: the configuration files FP703 reads at the project root and
  next to the file (``.env``, YAML, TOML ...), hashed the same way.

An entry is used only when every one of these still holds; each file is
hashed once per run. Anything unreadable or malformed is a miss, never an
error. The entries live in the on-disk cache's ``findings`` namespace
(:mod:`flake8_fastapi_prod.cache`).

The :class:`~flake8_fastapi_prod.resolve.Project` keeps answers about
other modules from one checked file to the next (types of their names,
plain-data facts, rule memos built on their trees). A file that reuses one
would not record the modules it was derived from, so while dependencies
are recorded the kept types and facts carry what deriving them consulted
(:class:`_KeptAnswers`), and the rules' memos on other modules' trees
(some computed lazily, after the memo was stored) are dropped before each
file (:meth:`Recorder.begin_file`): the findings are the same.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable
from dataclasses import astuple, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from flake8_fastapi_prod import __version__
from flake8_fastapi_prod.cache import DiskCache, cache_disabled, content_key, default_directory, edited_since_import
from flake8_fastapi_prod.registry import Selection
from flake8_fastapi_prod.resolve import ModuleInfo, Project

NAMESPACE = "findings"
#: Bumped whenever what an entry holds changes.
SCHEMA = 1
#: FP703's configuration-file globs (its ``_CONFIG_GLOBS``; kept in step by a test).
CONFIG_GLOBS = (".env*", "*.env", "*.yml", "*.yaml", "*.toml", "*.ini", "*.cfg", "Dockerfile*", "Procfile")
GLOB_RULE = "FP703"


@cache
def tool_fingerprint() -> str:
    """The tool's version, every source file of the package and the
    Python version (``ast`` differs between them)."""
    digest = hashlib.sha256(f"{__version__}\0{sys.version}".encode())
    package = Path(__file__).resolve().parent.parent
    paths = sorted(package.rglob("*.py"))
    for path in paths:
        digest.update(str(path.relative_to(package)).encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"?")
    if edited_since_import(paths):
        digest.update(os.urandom(16))
    return digest.hexdigest()[:24]


def content_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def selection_text(selection: Selection, unsafe_fixes: bool) -> str:
    targets = selection.targets
    chosen = (selection.select, selection.ignore, selection.extend_select)
    return repr((*chosen, targets.fastapi, targets.starlette, targets.pydantic, unsafe_fixes))


@dataclass
class Dependencies:
    """What one analysis consulted besides the file (see the module doc)."""

    modules: set[str] = field(default_factory=set)
    lookups: dict[tuple[str, str], str | None] = field(default_factory=dict)
    searches: set[tuple[Path, tuple[bytes, ...]]] = field(default_factory=set)
    globs: set[str] = field(default_factory=set)


class State:
    """The run's view of the file system: each answer computed once."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._hashes: dict[str, str | None] = {}
        self._places: dict[str, tuple[str, str]] = {}
        self._lookups: dict[tuple[str, str], str | None] = {}
        self._searches: dict[tuple[Path, tuple[bytes, ...]], str] = {}
        self._globs: dict[str, str] = {}

    def file_hash(self, path: str, data: bytes | None = None) -> str | None:
        if path not in self._hashes:
            if data is None:
                try:
                    data = Path(path).read_bytes()
                except OSError:
                    self._hashes[path] = None
                    return None
            self._hashes[path] = content_digest(data)
        return self._hashes[path]

    def place(self, directory: str) -> tuple[str, str]:
        """(package, project root) of the modules in ``directory`` (both
        depend on the folder alone)."""
        place = self._places.get(directory)
        if place is None:
            module = ModuleInfo(None, os.path.join(directory, "__init__.py"), self.project)
            place = self._places[directory] = (module.package, str(module.project_root))
        return place

    def package(self, path: str) -> str:
        return self.place(os.path.dirname(path))[0]

    def lookup(self, dotted: str, directory: str) -> str | None:
        key = (dotted, directory)
        if key not in self._lookups:
            found = self.project._find_path(dotted, Path(directory, "__init__.py"))
            self._lookups[key] = None if found is None else str(found)
        return self._lookups[key]

    def search(self, root: Path, markers: tuple[bytes, ...]) -> str:
        key = (root, markers)
        if key not in self._searches:
            listed = [f"{path}\0{self.file_hash(str(path))}" for path in self.project.searched_files(root, markers)]
            self._searches[key] = content_digest("\n".join(listed).encode())
        return self._searches[key]

    def globs(self, directory: str) -> str:
        if directory not in self._globs:
            found: set[str] = set()
            for pattern in CONFIG_GLOBS:
                found.update(str(path) for path in Path(directory).glob(pattern) if path.is_file())
            listed = [f"{path}\0{self.file_hash(path)}" for path in sorted(found)]
            self._globs[directory] = content_digest("\n".join(listed).encode())
        return self._globs[directory]


class _Frame:
    """What one derivation consulted (see :class:`_KeptAnswers`)."""

    def __init__(self, key: object) -> None:
        self.key = key
        self.modules: set[str] = set()
        self.lookups: dict[tuple[str, str], str | None] = {}
        self.searches: set[tuple[Path, tuple[bytes, ...]]] = set()

    def merge(self, other: _Frame) -> None:
        self.modules |= other.modules
        self.lookups.update(other.lookups)
        self.searches |= other.searches


class _KeptAnswers(dict):  # type: ignore[type-arg]
    """An answer store the Project keeps for the whole run (``_ref_types``:
    types of other modules' names; ``facts``: plain-data facts about other
    modules) with, for each answer, what deriving it consulted: a later
    file that reuses the answer depends on those modules too.

    Both are used as ``if key not in kept`` (a miss opens a frame), then
    ``kept[key] = build()`` (closes it), then ``return kept[key]`` (a hit
    hands the frame's dependencies on). Keys start with the file name of
    the module the answer is about."""

    def __init__(self, recorder: Recorder, items: dict[Any, Any]) -> None:
        super().__init__(items)
        self.recorder = recorder
        self.derived: dict[object, _Frame] = {}
        #: Answers from before recording started: no dependencies known.
        self.unknown = set(items)

    def __contains__(self, key: object) -> bool:
        found = super().__contains__(key)
        if not found:
            frame = _Frame(key)
            if isinstance(key, tuple) and key and isinstance(key[0], str):
                frame.modules.add(key[0])  # the module whose name it is
            self.recorder.frames.append(frame)
        return found

    def __setitem__(self, key: object, value: object) -> None:
        frames = self.recorder.frames
        for index in range(len(frames) - 1, -1, -1):
            if frames[index].key == key:
                frame = frames.pop(index)
                self.derived[key] = frame
                self.recorder.add(frame)  # what the answer needed, for the file and any outer frame
                break
        super().__setitem__(key, value)

    def __getitem__(self, key: object) -> Any:
        frame = self.derived.get(key)
        if frame is not None:
            self.recorder.add(frame)
        elif key in self.unknown:
            self.recorder.incomplete = True
        return super().__getitem__(key)

    def clear(self) -> None:
        super().clear()
        self.derived.clear()
        self.unknown.clear()


class Recorder:
    """Records what a :class:`Project` is asked while a file is analysed,
    beyond what it records itself (``consulted``, ``searches``): the dotted
    names looked up, and the dependencies of the answers it keeps from one
    file to the next."""

    def __init__(self, project: Project) -> None:
        self.project = project
        #: The current file's own record (modules and searches come from the Project).
        self.file = _Frame(None)
        #: Derivations under way (innermost last).
        self.frames: list[_Frame] = []
        #: A kept answer of unknown origin was used: the file's record is not complete.
        self.incomplete = False
        #: What the last file analysed consulted (set by ``lint_text``).
        self.result: Dependencies | None = Dependencies()
        find_module, module_at, mentioning = project.find_module, project.module_at, project.modules_mentioning

        def recorded_find_module(dotted: str, near: ModuleInfo) -> ModuleInfo | None:
            found = find_module(dotted, near)
            key = (dotted, near.directory)
            path = project._found.get(key, False)
            if path is not False:  # False: never searched (a stdlib or third-party name)
                answer = None if path is None else str(path)
                self.file.lookups[key] = answer
                for frame in self.frames:
                    frame.lookups[key] = answer
            return found

        def recorded_module_at(path: Path) -> ModuleInfo | None:
            for frame in self.frames:
                frame.modules.add(str(path))
            return module_at(path)

        def recorded_mentioning(near: ModuleInfo, name: str, markers: tuple[bytes, ...]) -> list[ModuleInfo]:
            for frame in self.frames:
                frame.searches.add((near.project_root, markers))
            return mentioning(near, name, markers)

        # Instance attributes over the methods (the Project calls them through self).
        setattr(project, "find_module", recorded_find_module)  # noqa: B010
        setattr(project, "module_at", recorded_module_at)  # noqa: B010
        setattr(project, "modules_mentioning", recorded_mentioning)  # noqa: B010
        project._ref_types = _KeptAnswers(self, project._ref_types)
        project.facts = _KeptAnswers(self, project.facts)

    def add(self, frame: _Frame) -> None:
        self.file.merge(frame)
        for outer in self.frames:
            outer.merge(frame)

    def begin_file(self) -> None:
        """Before a file is analysed: nothing recorded yet. The rules' memos
        on other modules (built for an earlier file, some lazily) are
        dropped: a file reusing one would not see what it was built from."""
        self.file = _Frame(None)
        self.frames = []
        self.incomplete = False
        project = self.project
        project.begin_file()
        for module in project._modules.values():
            if module is not None and module.cache:
                module.cache = {}

    def dependencies(self, module_path: str, globs: Iterable[str]) -> Dependencies | None:
        """Right after ``analyze``: what it consulted (None: not known in full)."""
        if self.incomplete:
            return None
        project = self.project
        modules = {path for path in project.consulted | self.file.modules if path != module_path}
        return Dependencies(modules, dict(self.file.lookups), project.searches | self.file.searches, set(globs))


_RECORDERS: dict[int, Recorder] = {}


def recorder_for(project: Project) -> Recorder:
    recorder = _RECORDERS.get(id(project))
    if recorder is None or recorder.project is not project:
        recorder = _RECORDERS[id(project)] = Recorder(project)
    return recorder


@dataclass(frozen=True)
class Cached:
    """A valid entry: the diagnostics (as ``Diagnostic`` fields, path
    excluded) and the context lines."""

    diagnostics: list[tuple[Any, ...]]
    lines: dict[int, str]


class FindingsCache:
    """Entries by key, validated against the run's :class:`State`."""

    def __init__(self, disk: DiskCache, project: Project) -> None:
        self.disk = disk
        self.state = State(project)
        #: path -> (content digest, key) computed this run.
        self.keys: dict[str, tuple[str, str]] = {}
        #: Files answered from the cache / checked, this run (counted by the caller).
        self.hits = 0
        self.misses = 0
        #: key -> the valid entries read or written this run (for the run snapshot).
        self.entries: dict[str, dict[str, Any]] = {}

    @classmethod
    def default(cls, project: Project) -> FindingsCache | None:
        return None if cache_disabled() else cls(DiskCache(default_directory()), project)

    def key(self, raw: bytes, path: str, selection: Selection, unsafe_fixes: bool) -> str:
        absolute = os.path.abspath(path)
        package, root = self.state.place(os.path.dirname(absolute))
        return content_key(
            NAMESPACE,
            str(SCHEMA),
            tool_fingerprint(),
            path,
            absolute,
            package,
            root,
            selection_text(selection, unsafe_fixes),
            raw,
        )

    def get(self, key: str) -> Cached | None:
        data = self.disk.get(NAMESPACE, key)
        try:
            cached = self._valid(data)
        except (TypeError, ValueError, KeyError, AttributeError, IndexError):
            cached = None
        if cached is not None:
            self.entries[key] = data  # type: ignore[assignment]
        return cached

    def _valid(self, data: object) -> Cached | None:
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            return None
        state = self.state
        for path, digest, package in data["modules"]:
            if state.file_hash(path) != digest or state.package(path) != package:
                return None
        for dotted, directory, found in data["lookups"]:
            if state.lookup(dotted, directory) != found:
                return None
        for root, markers, digest in data["searches"]:
            if state.search(Path(root), tuple(bytes.fromhex(m) for m in markers)) != digest:
                return None
        for directory, digest in data["globs"]:
            if state.globs(directory) != digest:
                return None
        diagnostics = [tuple(item) for item in data["diagnostics"]]
        for item in diagnostics:
            if len(item) != 9 or not all(isinstance(item[i], int) for i in (2, 3, 4, 5, 8)):
                return None
            if not (isinstance(item[0], str) and isinstance(item[1], str) and isinstance(item[7], bool)):
                return None
            if item[6] not in (None, "safe", "unsafe"):
                return None
        lines = {int(number): str(text) for number, text in data["lines"].items()}
        return Cached(diagnostics, lines)

    def put(
        self, key: str, diagnostics: Iterable[Any], lines: dict[int, str], dependencies: Dependencies
    ) -> dict[str, Any] | None:
        """Store an entry; returns it (None: a file it depends on vanished)."""
        state = self.state
        modules = []
        for path in sorted(dependencies.modules):
            digest = state.file_hash(path)
            if digest is None:
                return None  # vanished while checked: nothing safe to store
            modules.append([path, digest, state.package(path)])
        entry = {
            "schema": SCHEMA,
            "diagnostics": [list(astuple(d))[1:] for d in diagnostics],
            "lines": {str(number): text for number, text in lines.items()},
            "modules": modules,
            "lookups": [[dotted, folder, found] for (dotted, folder), found in sorted(dependencies.lookups.items())],
            "searches": [
                [str(root), [m.hex() for m in markers], state.search(root, markers)]
                for root, markers in sorted(dependencies.searches)
            ],
            "globs": [[directory, state.globs(directory)] for directory in sorted(dependencies.globs)],
        }
        self.disk.put(NAMESPACE, key, entry)
        self.entries[key] = entry
        return entry


def glob_directories(module: ModuleInfo) -> list[str]:
    """Where FP703 looks for configuration files for ``module``."""
    return sorted({str(module.project_root), str(module.path.parent)})
