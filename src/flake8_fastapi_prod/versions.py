"""The FastAPI, Starlette and Pydantic versions a checked file runs on.

A :class:`Targets` holds the lowest version of each library that the
file's project allows (``None``: unknown, which counts as the newest).
Rules ask it questions (``ctx.targets.below("pydantic", "2")``); the
registry gates whole codes on it (:class:`~flake8_fastapi_prod.registry.Default`).

Where a version comes from, for each library, first that applies:

1. an option (``--pydantic-target-version``) or a configuration key
   (``pydantic-target-version`` in ``[tool.fastapi-prod]`` or ``[flake8]``);
2. a pin in a lock file of the file's project: ``poetry.lock``,
   ``uv.lock`` (also a uv workspace's lock above a member), ``pdm.lock``,
   ``Pipfile.lock``, or an exact ``==`` pin in a requirements file
   (pip-compile output); several pins: the lowest;
3. the declared range: PEP 621 ``[project] dependencies``, Poetry's
   ``[tool.poetry.dependencies]`` (carets, tildes, ``||``), ``setup.cfg``
   ``install_requires``, ``Pipfile`` ``[packages]``, uv's
   ``constraint-dependencies`` / ``override-dependencies`` and the requirements
   files (``requirements*.txt``, ``requirements*.in``, ``*.in``,
   ``requirements/*.txt``, with ``-r`` / ``-c`` includes); all of these
   together are one range, and the target is the lowest version it
   allows (``>=2.5`` -> 2.5, ``^1.9`` -> 1.9); an upper bound alone means
   the release line below it (``<2`` -> 1, ``<=1.10`` -> 1.10);
4. when the library is named only in optional parts (extras, PEP 735
   ``[dependency-groups]``, Poetry groups, uv ``dev-dependencies``, PDM
   ``dev-dependencies``,
   ``requirements-dev.txt`` and other dev/test/doc requirement files):
   the lowest of their ranges;
5. Starlette only: the lowest Starlette the FastAPI target requires
   (:data:`STARLETTE_FOR_FASTAPI`, from FastAPI's published metadata);
6. otherwise unknown: the newest.

The project is the nearest directory above the checked file (not the
working directory) that declares dependencies: a ``pyproject.toml`` with
a ``[project]``, ``[tool.poetry]`` or ``[dependency-groups]`` table, a
``setup.cfg`` with ``[options]``, a ``setup.py``, a requirements file, a
lock file or a ``Pipfile``; the search stops at the repository root (the
directory holding ``.git``). Detection is cached per directory and per
project root, so a tree of many files reads each project once.
"""

from __future__ import annotations

import ast
import configparser
import json
import os
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

Version = tuple[int, ...]

PACKAGES = ("fastapi", "starlette", "pydantic")
#: Distributions that install these packages' code under another name.
ALIASES = {"fastapi-slim": "fastapi"}


def parse_version(text: str) -> Version:
    """``"0.112.2"`` -> ``(0, 112, 2)``; trailing non-digits are ignored."""
    parts: list[int] = []
    for piece in text.strip().lstrip("vV").split("."):
        match = re.match(r"\d+", piece)
        if not match:
            break
        parts.append(int(match.group()))
        if match.end() != len(piece):
            break  # "0rc1": the pre-release belongs to this release number
    if not parts:
        raise ValueError(f"not a version: {text!r}")
    return tuple(parts)


def as_version(version: str | Version) -> Version:
    return parse_version(version) if isinstance(version, str) else version


def format_version(version: Version | None) -> str:
    return "newest" if version is None else ".".join(map(str, version))


#: FastAPI version -> the lowest Starlette it requires, from the
#: ``Requires-Dist: starlette...`` line of each FastAPI wheel's METADATA on
#: PyPI (``pip download --no-deps fastapi==X``; the change points found by
#: bisecting the releases 0.30.0 - 0.165.0, 86 wheels read on 2026-12-01).
#: A row holds from its FastAPI version up to the next row's; the string is
#: the requirement of that first version (upper bounds move within a row).
STARLETTE_FOR_FASTAPI: tuple[tuple[Version, Version, str], ...] = (
    ((0, 30, 0), (0, 11, 1), "starlette >=0.11.1,<=0.12.0"),
    ((0, 41, 0), (0, 12, 9), "starlette >=0.12.9,<=0.12.9"),
    ((0, 50, 0), (0, 13, 2), "starlette ==0.13.2"),
    ((0, 57, 0), (0, 13, 4), "starlette ==0.13.4"),
    ((0, 60, 1), (0, 13, 6), "starlette ==0.13.6"),
    ((0, 65, 0), (0, 14, 2), "starlette ==0.14.2"),
    ((0, 69, 0), (0, 15, 0), "starlette ==0.15.0"),
    ((0, 70, 0), (0, 16, 0), "starlette ==0.16.0"),
    ((0, 71, 0), (0, 17, 1), "starlette ==0.17.1"),
    ((0, 76, 0), (0, 18, 0), "starlette ==0.18.0"),
    ((0, 77, 0), (0, 19, 0), "starlette==0.19.0"),
    ((0, 77, 1), (0, 19, 1), "starlette==0.19.1"),
    ((0, 85, 0), (0, 20, 4), "starlette==0.20.4"),
    ((0, 87, 0), (0, 21, 0), "starlette==0.21.0"),
    ((0, 88, 0), (0, 22, 0), "starlette==0.22.0"),
    ((0, 91, 0), (0, 24, 0), "starlette<0.25.0,>=0.24.0"),
    ((0, 92, 0), (0, 25, 0), "starlette<0.26.0,>=0.25.0"),
    ((0, 94, 0), (0, 26, 0), "starlette<0.27.0,>=0.26.0"),
    ((0, 94, 1), (0, 26, 1), "starlette<0.27.0,>=0.26.1"),
    ((0, 95, 2), (0, 27, 0), "starlette<0.28.0,>=0.27.0"),
    ((0, 107, 0), (0, 28, 0), "starlette<0.29.0,>=0.28.0"),
    ((0, 108, 0), (0, 29, 0), "starlette<0.33.0,>=0.29.0"),
    ((0, 109, 0), (0, 35, 0), "starlette<0.36.0,>=0.35.0"),
    ((0, 109, 2), (0, 36, 3), "starlette<0.37.0,>=0.36.3"),
    ((0, 110, 1), (0, 37, 2), "starlette<0.38.0,>=0.37.2"),
    ((0, 115, 3), (0, 40, 0), "starlette<0.42.0,>=0.40.0"),
    ((0, 134, 0), (0, 46, 0), "starlette>=0.46.0"),
    ((0, 164, 0), (1, 6, 0), "starlette>=1.6.0"),
)


def starlette_for_fastapi(fastapi: Version) -> tuple[Version, str]:
    """The lowest Starlette that FastAPI ``fastapi`` requires, and the
    requirement it comes from. Older than the table (FastAPI < 0.30): its
    first row, an upper estimate."""
    found = STARLETTE_FOR_FASTAPI[0]
    for row in STARLETTE_FOR_FASTAPI:
        if fastapi >= row[0]:
            found = row
    return found[1], found[2]


@dataclass(frozen=True)
class Targets:
    """The lowest version of each library the checked code must run on.

    ``None`` means unknown, which is read as the newest release: a gate
    that needs an old version stays closed, one that needs a new version
    is open. ``sources`` says where each version came from, for
    ``--show-settings``.
    """

    fastapi: Version | None = None
    starlette: Version | None = None
    pydantic: Version | None = None
    sources: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    #: The project root the versions were read from (None: none found).
    root: str | None = field(default=None, compare=False)

    def version_of(self, package: str) -> Version | None:
        if package not in PACKAGES:
            raise ValueError(f"no target for {package!r}")
        value: Version | None = getattr(self, package)
        return value

    def below(self, package: str, version: str | Version) -> bool:
        """The target is known and older than ``version``."""
        target = self.version_of(package)
        return target is not None and target < as_version(version)

    def at_least(self, package: str, version: str | Version) -> bool:
        """The target is ``version`` or newer; unknown counts as newest."""
        return not self.below(package, version)

    @property
    def pydantic_v1(self) -> bool:
        """The project still targets Pydantic 1."""
        return self.below("pydantic", (2,))

    def source_of(self, package: str) -> str:
        return dict(self.sources).get(package, "not declared (newest assumed)")

    def overridden(self, **versions: Version | None) -> Targets:
        """These targets with the given packages replaced (options win)."""
        given = {name: value for name, value in versions.items() if value is not None}
        if not given:
            return self
        sources = dict(self.sources)
        sources.update({name: "option" for name in given})
        return replace(self, **given, sources=tuple(sorted(sources.items())))  # type: ignore[arg-type]

    def describe(self) -> list[str]:
        return [f"{name}: {format_version(self.version_of(name))} ({self.source_of(name)})" for name in PACKAGES]


NEWEST = Targets()


# -- requirement specifiers ---------------------------------------------------


@dataclass(frozen=True)
class Bound:
    """What one requirement says about a package's lowest version."""

    version: Version | None  # None: no usable bound ("*", a URL, "!=" only)
    pinned: bool = False  # an exact "==X" (a lock-level fact)
    #: Only an upper bound was given: ``version`` is the release line below it.
    upper_only: bool = False


_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$", re.S)
_CLAUSE = re.compile(r"(===|==|!=|~=|<=|>=|<|>|\^|~|=)?\s*v?([0-9][0-9A-Za-z.*+!-]*)")


def canonical_name(name: str) -> str:
    """PEP 503 normalisation (``Pydantic_Settings`` -> ``pydantic-settings``)."""
    name = re.sub(r"[-_.]+", "-", name).lower()
    return ALIASES.get(name, name)


def parse_requirement(text: str) -> tuple[str, str] | None:
    """``"fastapi[standard]>=0.110; python_version>'3.8'"`` -> (name, spec)."""
    text = text.split(";", 1)[0].strip()
    match = _NAME.match(text)
    if match is None:
        return None
    rest = match.group(3).strip()
    if rest.startswith("@"):
        return canonical_name(match.group(1)), ""  # a direct URL: no version
    if rest.startswith("(") and rest.endswith(")"):
        rest = rest[1:-1]
    return canonical_name(match.group(1)), rest


def _below(version: Version) -> Version | None:
    """The release line just below an exclusive upper bound: 2 -> 1, 0.48 ->
    0.47; ``<1`` says nothing (every 0.x release): None."""
    parts = list(version)
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    if parts[-1] == 0 or parts == [1]:
        return None
    parts[-1] -= 1
    return tuple(parts)


def spec_bound(spec: str, *, poetry: bool = False) -> Bound:
    """The lowest version a PEP 440 (or Poetry) specifier allows.

    Poetry's ``||`` alternatives give the lowest of them; a bare version is
    an exact pin in Poetry, not in PEP 440 (where it is invalid).
    """
    if "||" in spec:
        bounds = [spec_bound(part, poetry=poetry) for part in spec.split("||")]
        known = [b for b in bounds if b.version is not None]
        return min(known, key=lambda b: b.version or ()) if known else Bound(None)
    lower: Version | None = None
    upper: Version | None = None
    pinned = False
    # PEP 508 allows space between an operator and its version (``~= 0.115.0``).
    spec = re.sub(r"(===|==|!=|~=|<=|>=|<|>|\^|~|=)\s+(?=v?[0-9])", r"\1", spec.strip())
    for clause in re.split(r"[,\s]+(?=[<>=!~^0-9])", spec):
        clause = clause.strip().strip(",")
        if not clause or clause == "*":
            continue
        match = _CLAUSE.fullmatch(clause.replace(" ", ""))
        if match is None:
            continue
        op, raw = match.group(1) or ("==" if poetry else ""), match.group(2)
        if not op:
            continue
        try:
            version = parse_version(raw.rstrip(".*"))
        except ValueError:
            continue
        if op in ("==", "===", "="):
            if "*" in raw:
                lower = max(lower or version, version)
            else:
                lower, pinned = version, True
        elif op in (">=", ">", "~=", "^", "~"):
            lower = max(lower or version, version)
        elif op == "<":
            below = _below(version)
            if below is not None:
                upper = min(upper or below, below)
        elif op == "<=":
            upper = min(upper or version, version)
    if lower is not None:
        return Bound(lower, pinned)
    return Bound(upper, upper_only=upper is not None)


# -- the files of a project ---------------------------------------------------


@dataclass
class _Declared:
    """What a project's files say about one package.

    A requirement with an environment marker (``pydantic>=2.11;
    python_version < '3.14'``) is one alternative: the target is the lowest
    of them, each joined with the unmarked requirements.
    """

    pins: list[tuple[Version, str]] = field(default_factory=list)
    main: list[tuple[Bound, str, bool]] = field(default_factory=list)
    optional: dict[str, list[tuple[Bound, str, bool]]] = field(default_factory=dict)

    def add(self, kind: str, bound: Bound, where: str, marked: bool = False) -> None:
        if bound.version is None:
            return
        if bound.pinned and kind in ("main", "lock") and not marked:
            self.pins.append((bound.version, where))
        elif kind in ("main", "lock"):
            self.main.append((bound, where, marked))
        else:
            self.optional.setdefault(kind, []).append((bound, where, marked))

    @staticmethod
    def _lowest(entries: list[tuple[Bound, str, bool]]) -> tuple[Version, str]:
        real = [entry for entry in entries if not entry[0].upper_only]
        if not real:  # upper bounds only: the line below the tightest of them
            return min((b.version or (), w) for b, w, _ in entries)
        entries = real
        plain = [(b.version or (), w) for b, w, marked in entries if not marked]
        base = max(plain) if plain else None
        choices = [(max(base, (b.version or (), w)) if base else (b.version or (), w)) for b, w, m in entries if m]
        return min(choices) if choices else base  # type: ignore[return-value]

    def result(self) -> tuple[Version, str] | None:
        if self.pins:
            return min(self.pins)
        if self.main:
            return self._lowest(self.main)
        groups = [self._lowest(entries) for entries in self.optional.values()]
        return min(groups) if groups else None


_DEV_FILE = re.compile(r"(dev|test|doc|lint|ci|type|check|bench|example)", re.I)
_LOCK_ENTRY = re.compile(r'^\[\[package\]\]\s*\nname\s*=\s*"([^"]+)"\s*\nversion\s*=\s*"([^"]+)"', re.M)
_UV_MEMBERS = re.compile(r"^\[manifest\]\s*\nmembers\s*=\s*\[([^\]]*)\]", re.M)
MAX_INCLUDE_DEPTH = 8
#: Lock files above a file larger than this are not read (a generated
#: monorepo lock is still well below it).
MAX_LOCK_BYTES = 32 * 1024 * 1024


def _read_text(path: Path) -> str | None:
    try:
        if path.stat().st_size > MAX_LOCK_BYTES:
            return None
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def _read_toml(path: Path) -> dict[str, Any] | None:
    text = _read_text(path)
    if text is None:
        return None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None


class _Reader:
    """Collects the declarations of one project root."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.packages: dict[str, _Declared] = {name: _Declared() for name in PACKAGES}
        self.read: list[str] = []

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def add(self, name: str, spec: str, kind: str, where: str, *, poetry: bool = False, marked: bool = False) -> None:
        if name in self.packages:
            self.packages[name].add(kind, spec_bound(spec, poetry=poetry), where, marked)

    def add_requirement(self, text: str, kind: str, where: str) -> None:
        parsed = parse_requirement(text)
        if parsed is not None:
            self.add(parsed[0], parsed[1], kind, f"{where}: {text.strip()}", marked=";" in text)

    # pyproject.toml ---------------------------------------------------------

    def pyproject(self, data: dict[str, Any], path: Path) -> None:
        where = self.rel(path)
        project = data.get("project")
        if isinstance(project, dict):
            for item in _strings(project.get("dependencies")):
                self.add_requirement(item, "main", f"{where} [project] dependencies")
            extras = project.get("optional-dependencies")
            if isinstance(extras, dict):
                for extra, items in extras.items():
                    for item in _strings(items):
                        self.add_requirement(item, f"extra:{extra}", f"{where} [project.optional-dependencies] {extra}")
        groups = data.get("dependency-groups")
        if isinstance(groups, dict):
            for group, items in groups.items():
                for item in _strings(items):
                    self.add_requirement(item, f"group:{group}", f"{where} [dependency-groups] {group}")
        tool = _table(data, "tool")
        uv = _table(tool, "uv")
        for item in _strings(uv.get("dev-dependencies")):
            self.add_requirement(item, "group:uv-dev", f"{where} [tool.uv] dev-dependencies")
        for key in ("constraint-dependencies", "override-dependencies"):  # they bound the one environment
            for item in _strings(uv.get(key)):
                self.add_requirement(item, "main", f"{where} [tool.uv] {key}")
        pdm = _table(tool, "pdm")
        for group, items in _table(pdm, "dev-dependencies").items():
            for item in _strings(items):
                self.add_requirement(item, f"group:{group}", f"{where} [tool.pdm.dev-dependencies] {group}")
        poetry = _table(tool, "poetry")
        self.poetry_table(poetry.get("dependencies"), "main", f"{where} [tool.poetry.dependencies]")
        self.poetry_table(poetry.get("dev-dependencies"), "group:dev", f"{where} [tool.poetry.dev-dependencies]")
        poetry_groups = poetry.get("group")
        if isinstance(poetry_groups, dict):
            for group, table in poetry_groups.items():
                if isinstance(table, dict):
                    label = f"{where} [tool.poetry.group.{group}.dependencies]"
                    self.poetry_table(table.get("dependencies"), f"group:{group}", label)

    def poetry_table(self, table: Any, kind: str, where: str) -> None:
        if not isinstance(table, dict):
            return
        for raw_name, value in table.items():
            name = canonical_name(str(raw_name))
            if name not in self.packages:
                continue
            specs = value if isinstance(value, list) else [value]
            for spec in specs:
                if isinstance(spec, dict):
                    kind_here = "extra:poetry" if spec.get("optional") is True and kind == "main" else kind
                    spec = spec.get("version", "")
                else:
                    kind_here = kind
                if isinstance(spec, str):
                    self.add(name, spec, kind_here, f'{where} {raw_name} = "{spec}"', poetry=True)

    # requirements files ------------------------------------------------------

    def requirements(self, path: Path, kind: str, depth: int = 0, seen: set[Path] | None = None) -> None:
        seen = seen if seen is not None else set()
        resolved = path.resolve()
        if resolved in seen or depth > MAX_INCLUDE_DEPTH:
            return
        seen.add(resolved)
        text = _read_text(path)
        if text is None:
            return
        self.read.append(self.rel(path))
        where = self.rel(path)
        for line in text.replace("\\\n", " ").splitlines():
            line = re.split(r"(?:^|\s)#", line, maxsplit=1)[0].strip()
            if not line:
                continue
            include = re.match(r"^(?:-r|--requirement|-c|--constraint)(?:\s+|=)(\S+)", line)
            if include:
                self.requirements(path.parent / include.group(1), kind, depth + 1, seen)
                continue
            if line.startswith("-"):
                continue  # -e, --hash, --index-url, ...
            self.add_requirement(line.split(" --", 1)[0], kind, where)

    # other formats ------------------------------------------------------------

    def setup_cfg(self, path: Path) -> bool:
        parser = configparser.RawConfigParser()
        try:
            parser.read(path, encoding="utf-8")
        except (configparser.Error, UnicodeDecodeError):
            return False
        if not parser.has_section("options"):
            return False
        where = self.rel(path)
        for line in parser.get("options", "install_requires", fallback="").splitlines():
            if line.strip():
                self.add_requirement(line, "main", f"{where} install_requires")
        if parser.has_section("options.extras_require"):
            for extra, value in parser.items("options.extras_require"):
                for line in value.splitlines():
                    if line.strip():
                        self.add_requirement(line, f"extra:{extra}", f"{where} extras_require {extra}")
        return True

    def setup_py(self, path: Path) -> None:
        """Literal ``install_requires=[...]`` / ``extras_require={...}`` of ``setup()``."""
        text = _read_text(path)
        if text is None:
            return
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError):
            return
        where = self.rel(path)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            for keyword in node.keywords:
                if keyword.arg == "install_requires":
                    for item in _literal_strings(keyword.value):
                        self.add_requirement(item, "main", f"{where} install_requires")
                elif keyword.arg == "extras_require" and isinstance(keyword.value, ast.Dict):
                    for key, value in zip(keyword.value.keys, keyword.value.values, strict=True):
                        label = str(key.value) if isinstance(key, ast.Constant) else "extra"
                        for item in _literal_strings(value):
                            self.add_requirement(item, f"extra:{label}", f"{where} extras_require {label}")

    def pipfile(self, data: dict[str, Any], path: Path) -> None:
        where = self.rel(path)
        for section, kind in (("packages", "main"), ("dev-packages", "group:dev")):
            table = data.get(section)
            if not isinstance(table, dict):
                continue
            for raw_name, value in table.items():
                spec = value.get("version", "") if isinstance(value, dict) else value
                if isinstance(spec, str):
                    self.add(canonical_name(str(raw_name)), spec, kind, f'{where} [{section}] {raw_name} = "{spec}"')

    def lock(self, path: Path, project_name: str | None = None) -> bool:
        """Pins of ``poetry.lock`` / ``uv.lock`` / ``pdm.lock``; a workspace's
        ``uv.lock`` above the root counts only when it lists the project."""
        text = _read_text(path)
        if text is None:
            return False
        if path.parent != self.root:
            members = _UV_MEMBERS.search(text)
            names = {canonical_name(m) for m in re.findall(r'"([^"]+)"', members.group(1))} if members else set()
            if project_name is None or canonical_name(project_name) not in names:
                return False
        self.read.append(self.rel(path))
        for name, version in _LOCK_ENTRY.findall(text):
            name = canonical_name(name)
            if name in self.packages:
                try:
                    self.packages[name].pins.append((parse_version(version), f"{self.rel(path)}: {name} {version}"))
                except ValueError:
                    continue
        return True

    def pipfile_lock(self, path: Path) -> None:
        text = _read_text(path)
        if text is None:
            return
        try:
            data = json.loads(text)
        except ValueError:
            return
        self.read.append(self.rel(path))
        table = data.get("default") if isinstance(data, dict) else None
        if isinstance(table, dict):
            for raw_name, entry in table.items():
                if isinstance(entry, dict) and isinstance(entry.get("version"), str):
                    name = canonical_name(raw_name)
                    self.add(name, entry["version"], "lock", f"{self.rel(path)}: {raw_name} {entry['version']}")


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _strings(value: Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _literal_strings(node: ast.expr) -> list[str]:
    if isinstance(node, (ast.List, ast.Tuple)):
        return [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return []


def _requirement_files(root: Path) -> list[Path]:
    files: list[Path] = []
    for pattern in ("requirements*.txt", "requirements*.in", "*.in", "requirements/*.txt", "requirements/*.in"):
        files.extend(p for p in sorted(root.glob(pattern)) if p.is_file() and p.name != "MANIFEST.in")
    return list(dict.fromkeys(files))


def _declares(pyproject: dict[str, Any] | None) -> bool:
    if pyproject is None:
        return False
    tool = _table(pyproject, "tool")
    return "project" in pyproject or "dependency-groups" in pyproject or "poetry" in tool


_PROJECT_FILES = ("setup.py", "poetry.lock", "uv.lock", "pdm.lock", "Pipfile", "Pipfile.lock")


@lru_cache(maxsize=4096)
def _is_project_root(directory: Path) -> bool:
    if _declares(_pyproject(directory)):
        return True
    if any((directory / name).is_file() for name in _PROJECT_FILES):
        return True
    if (directory / "setup.cfg").is_file() and _setup_cfg_has_options(directory / "setup.cfg"):
        return True
    return bool(_requirement_files(directory))


@lru_cache(maxsize=4096)
def _pyproject(directory: Path) -> dict[str, Any] | None:
    path = directory / "pyproject.toml"
    return _read_toml(path) if path.is_file() else None


def _setup_cfg_has_options(path: Path) -> bool:
    text = _read_text(path) or ""
    return re.search(r"^\[options\]", text, re.M) is not None


@lru_cache(maxsize=4096)
def find_project_root(directory: Path) -> Path | None:
    """The nearest directory at or above ``directory`` that declares
    dependencies; the search stops at the repository root."""
    for candidate in (directory, *directory.parents):
        if _is_project_root(candidate):
            return candidate
        if (candidate / ".git").exists():
            return None
    return None


@dataclass(frozen=True)
class Detected:
    """What one project root declares: per package (version, where)."""

    root: Path | None
    found: tuple[tuple[str, tuple[Version, str]], ...] = ()
    files: tuple[str, ...] = ()

    @property
    def versions(self) -> dict[str, tuple[Version, str]]:
        return dict(self.found)


@lru_cache(maxsize=1024)
def detect_root(root: Path) -> Detected:
    reader = _Reader(root)
    data = _pyproject(root)
    if data is not None:
        reader.read.append(reader.rel(root / "pyproject.toml"))
        reader.pyproject(data, root / "pyproject.toml")
    if (root / "setup.cfg").is_file() and reader.setup_cfg(root / "setup.cfg"):
        reader.read.append(reader.rel(root / "setup.cfg"))
    if (root / "setup.py").is_file():
        reader.read.append(reader.rel(root / "setup.py"))
        reader.setup_py(root / "setup.py")
    if (root / "Pipfile").is_file():
        pipfile = _read_toml(root / "Pipfile")
        if pipfile is not None:
            reader.read.append(reader.rel(root / "Pipfile"))
            reader.pipfile(pipfile, root / "Pipfile")
    for path in _requirement_files(root):
        kind = "group:" + path.stem if _DEV_FILE.search(path.stem) else "main"
        reader.requirements(path, kind)
    for lock_name in ("poetry.lock", "uv.lock", "pdm.lock"):
        if (root / lock_name).is_file():
            reader.lock(root / lock_name)
    if (root / "Pipfile.lock").is_file():
        reader.pipfile_lock(root / "Pipfile.lock")
    if not (root / "uv.lock").is_file():
        name = _table(data or {}, "project").get("name")
        for parent in root.parents:
            if (parent / "uv.lock").is_file() and reader.lock(parent / "uv.lock", str(name) if name else None):
                break
            if (parent / ".git").exists():
                break
    versions: list[tuple[str, tuple[Version, str]]] = []
    for package, declared in reader.packages.items():
        found = declared.result()
        if found is not None:
            versions.append((package, found))
    return Detected(root, tuple(versions), tuple(dict.fromkeys(reader.read)))


def _start_directory(path: str | Path | None) -> Path:
    start = Path(path) if path is not None else Path.cwd()
    start = start.absolute()
    if start.suffix in (".py", ".pyi") or start.is_file() or not start.exists():
        start = start.parent
    return start


def detected_for(path: str | Path | None) -> Detected:
    """What the project holding ``path`` declares (cached per directory)."""
    if isinstance(path, str) and path.endswith((".py", ".pyi")):
        # The checker asks once per file: a module's folder, as a string, is
        # the key (``_start_directory`` takes the folder of a .py path as is).
        folder = os.path.join(os.getcwd(), os.path.dirname(path))
        if folder not in _DETECTED_BY_FOLDER:
            _DETECTED_BY_FOLDER[folder] = _detected_in(_start_directory(path))
        return _DETECTED_BY_FOLDER[folder]
    return _detected_in(_start_directory(path))


_DETECTED_BY_FOLDER: dict[str, Detected] = {}


@lru_cache(maxsize=4096)
def _detected_in(directory: Path) -> Detected:
    root = find_project_root(directory)
    return detect_root(root) if root is not None else Detected(None)


#: Given versions: package -> (version, where it was given).
Given = Mapping[str, tuple[Version, str]]


def targets_for(path: str | Path | None = None, given: Given | None = None) -> Targets:
    """The targets of the file at ``path``: options, then detection."""
    return _targets(detected_for(path), tuple(sorted((given or {}).items())))


@lru_cache(maxsize=1024)
def _targets(detected: Detected, given: tuple[tuple[str, tuple[Version, str]], ...]) -> Targets:
    chosen: dict[str, tuple[Version, str]] = dict(detected.versions)
    chosen.update(dict(given))
    if "starlette" not in chosen and "fastapi" in chosen:
        fastapi, _ = chosen["fastapi"]
        starlette, _ = starlette_for_fastapi(fastapi)
        chosen["starlette"] = (
            starlette,
            f"the lowest fastapi {format_version(fastapi)} allows: starlette>={format_version(starlette)} "
            "(FastAPI's published metadata)",
        )
    return Targets(
        fastapi=chosen.get("fastapi", (None, ""))[0],
        starlette=chosen.get("starlette", (None, ""))[0],
        pydantic=chosen.get("pydantic", (None, ""))[0],
        sources=tuple(sorted((name, where) for name, (_, where) in chosen.items())),
        root=str(detected.root) if detected.root is not None else None,
    )


def detect_targets(path: str | Path | None = None) -> Targets:
    """The targets the project holding ``path`` declares (no options)."""
    return targets_for(path)


def clear_caches() -> None:
    """Forget what was read (for long-lived processes after files change)."""
    for cached in (_pyproject, _is_project_root, find_project_root, detect_root, _detected_in, _targets):
        cached.cache_clear()
    _DETECTED_BY_FOLDER.clear()


def iter_given(values: Iterable[tuple[str, str | None, str]]) -> dict[str, tuple[Version, str]]:
    """``[(package, "1.10", "--pydantic-target-version")]`` -> Given; raises
    ValueError naming the option for a value that is not a version."""
    given: dict[str, tuple[Version, str]] = {}
    for package, raw, where in values:
        if raw is None or str(raw).strip() == "":
            continue
        try:
            given[package] = (parse_version(str(raw)), where)
        except ValueError:
            raise ValueError(f"{where}: not a version: {raw!r}") from None
    return given
