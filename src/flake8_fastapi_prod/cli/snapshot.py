"""The run snapshot: a re-run of ``fastapi-prod check`` on an unchanged tree
answered from one file, before anything but this module is imported.

The per-file findings cache (:mod:`flake8_fastapi_prod.cli.findings`)
validates each file's entry by hashing the file and every module, lookup,
search and configuration file it consulted: correct, but each re-run pays
the imports of the whole tool, the settings, the tree walk and reading every
file. A run whose every file was answered by (or stored in) that cache
leaves, besides, one snapshot keyed by the command (arguments, current
folder, ``FASTAPI_PROD_*`` environment, Python): its output, its exit status,
and the file-system state everything above consulted:

- ``stats``: the ``os.stat`` signature (mode, inode, device, size, mtime and
  ctime in ns) of each file whose content mattered (the files checked, the
  modules they consulted, every file of the folders below), and of each
  folder whose listing mattered (the folders walked, searched, probed by a
  lookup, holding configuration files FP703 reads; the tool's own source
  folders), together with every regular file in such a folder;
- ``names``: for the folders above those (up to ``/``), the names in them
  that configuration discovery, target-version detection, package and
  project-root discovery and the lookups probe (``pyproject.toml``,
  ``setup.cfg``, ``requirements*.txt``, ``__init__.py``, ``.git``, ``src``,
  the top-level name looked up ...): their listing filtered to those names.
  (Unrelated entries coming and going there, as in ``/tmp``, do not matter.)

A re-run with the same command stats those paths and lists those folders;
when every answer is the same, it prints the stored output and exits with
the stored status. Any difference (a file edited, created, removed, a new
version of the tool) makes it run as before: the per-file cache then
re-checks what changed. A content change always changes the ctime, which no
one can set back, so a signature that matches means unchanged content; the
snapshot is written only when no recorded path changed within
``RACY_SECONDS`` before the run started (as git treats "racily clean"
files), so the content the run read is the content the signature stands for.
"""

from __future__ import annotations

import marshal
import os
import sys

TYPE_CHECKING = False  # typing itself is not imported on the replay path
if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterable, Sequence
    from typing import Any

try:  # the builtin module: hashlib would load OpenSSL (milliseconds)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - not CPython
    from hashlib import blake2b

#: Bumped whenever what a snapshot holds changes.
SCHEMA = 1
#: The snapshots' folder inside the cache folder.
FOLDER = "runs"
#: Snapshots kept (the least recently written go: pre-commit names new files each time).
MAX_SNAPSHOTS = 64
#: A path changed this recently (before the run started) is not trusted.
RACY_SECONDS = 2.0
#: Overrides ``RACY_SECONDS`` (tests, where every file is seconds old).
ENV_RACY_SECONDS = "FASTAPI_PROD_RACY_SECONDS"
#: Not part of the key: only says on stderr where the answer came from.
ENV_CACHE_STATS = "FASTAPI_PROD_CACHE_STATS"
#: :mod:`flake8_fastapi_prod.cache`'s names (kept in step by a test): that
#: module is not imported on this path.
ENV_NO_CACHE = "FASTAPI_PROD_NO_CACHE"
ENV_CACHE_DIR = "FASTAPI_PROD_CACHE_DIR"
CACHE_DIR_NAME = ".fastapi_prod_cache"

#: Names probed in a folder by configuration discovery (``config.py``),
#: target detection (``versions.py``), package / project-root discovery and
#: lookups (``resolve/project.py``) and the tree walk (``cli/files.py``).
_NAMES = frozenset(
    {
        "pyproject.toml",
        "setup.cfg",
        "tox.ini",
        ".flake8",
        "setup.py",
        "poetry.lock",
        "uv.lock",
        "pdm.lock",
        "Pipfile",
        "Pipfile.lock",
        ".git",
        ".gitignore",
        "__init__.py",
        "requirements",
        "src",
        "pyvenv.cfg",
        "Procfile",
    }
)
_PREFIXES = ("requirements", ".env", "Dockerfile")
_SUFFIXES = (".in", ".env", ".yml", ".yaml", ".toml", ".ini", ".cfg")

if TYPE_CHECKING:
    Signature = tuple[int, int, int, int, int, int]


def _relevant(name: str) -> bool:
    return name in _NAMES or name.startswith(_PREFIXES) or name.endswith(_SUFFIXES)


def _signature(result: os.stat_result) -> Signature:
    return (
        result.st_mode,
        result.st_ino,
        result.st_dev,
        result.st_size,
        result.st_mtime_ns,
        result.st_ctime_ns,
    )


def _listed(directory: str, extras: frozenset[str] | tuple[str, ...], predicate: bool) -> tuple[str, ...]:
    names = os.listdir(directory)
    return tuple(sorted(name for name in names if name in extras or (predicate and _relevant(name))))


def cache_disabled() -> bool:
    return os.environ.get(ENV_NO_CACHE, "").strip().lower() not in ("", "0", "false", "no")


def cache_directory() -> str:
    configured = os.environ.get(ENV_CACHE_DIR, "").strip()
    return os.path.abspath(configured) if configured else os.path.join(os.getcwd(), CACHE_DIR_NAME)


def eligible(args: argparse.Namespace) -> bool:
    """A plain report of files on disk (no fixing, no stdin, no listing)."""
    return not (
        args.fix
        or args.diff
        or args.no_cache
        or args.show_settings
        or args.show_files
        or "-" in args.paths
        or cache_disabled()
    )


def run_key(argv: Sequence[str]) -> str:
    environment = sorted(
        (name, value)
        for name, value in os.environ.items()
        if name.startswith("FASTAPI_PROD_") and name not in (ENV_CACHE_STATS, ENV_RACY_SECONDS)
    )
    text = repr((SCHEMA, sys.version, sys.executable, __file__, os.getcwd(), list(argv), environment))
    return blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def _path(key: str) -> str:
    return os.path.join(cache_directory(), FOLDER, f"{key}.marshal")


def replay(key: str) -> int | None:
    """Print the stored output of the run ``key`` names and return its exit
    status, when nothing it consulted changed; else None (run as usual)."""
    try:
        with open(_path(key), "rb") as handle:
            data = marshal.load(handle)
        if not isinstance(data, dict) or data.get("schema") != SCHEMA or data.get("key") != key:
            return None
        stat = os.stat
        for path, signature in data["stats"]:
            if _signature(stat(path)) != signature:
                return None
        for directory, extras, predicate, present in data["names"]:
            if _listed(directory, extras, predicate) != present:
                return None
        output, code, files = data["stdout"], data["code"], data["files"]
        if not (isinstance(output, str) and isinstance(code, int) and isinstance(files, int)):
            return None
    except (OSError, ValueError, TypeError, KeyError, EOFError, IndexError, AttributeError):
        return None  # unreadable or malformed: run as usual
    if os.environ.get(ENV_CACHE_STATS):
        print(f"fastapi-prod: findings cache: {files} hits, 0 misses (run snapshot)", file=sys.stderr)
    sys.stdout.write(output)
    sys.stdout.flush()
    return code


# -- writing (after a full run; everything is imported by then) -----------------------


class _Inputs:
    """The paths a run consulted, gathered for its snapshot."""

    def __init__(self, exclude: str) -> None:
        #: Folders whose whole listing matters (their mtime says).
        self.folders: set[str] = set()
        #: Files whose content matters.
        self.files: set[str] = set()
        #: Folders where only some names matter: the extra names (beyond ``_relevant``).
        self.names: dict[str, set[str]] = {}
        self.exclude = exclude.rstrip(os.sep) + os.sep

    def _excluded(self, path: str) -> bool:
        return (path + os.sep).startswith(self.exclude)

    def folder(self, path: str) -> None:
        path = os.path.abspath(path)
        if not self._excluded(path):
            self.folders.add(path)

    def file(self, path: str) -> None:
        path = os.path.abspath(path)
        if not self._excluded(path):
            self.files.add(path)

    def probe(self, directory: str, *names: str) -> None:
        self.names.setdefault(os.path.abspath(directory), set()).update(names)


def _signatures(paths: Iterable[str]) -> list[tuple[str, Signature]] | None:
    out = []
    for path in sorted(paths):
        try:
            out.append((path, _signature(os.stat(path))))
        except OSError:
            return None  # vanished: nothing safe to store
    return out


def _search_walk(inputs: _Inputs, root: str) -> None:
    """The folders a project search walks (``resolve.project.project_folders``),
    with the folders it skips for holding a ``pyvenv.cfg``."""
    from flake8_fastapi_prod.resolve.project import MAX_SCANNED_FILES, project_folders

    count = 0
    for directory, files, venvs in project_folders(root):
        inputs.folder(directory)
        for venv in venvs:
            inputs.folder(venv)  # skipped while it holds pyvenv.cfg
        count += len(files)
        if count > MAX_SCANNED_FILES:
            return


def gather(
    *,
    files: Sequence[str],
    walked: Iterable[str],
    entries: Sequence[dict[str, Any]],
    paths: Sequence[str],
    config_args: Sequence[str],
) -> _Inputs:
    """What the run's answer depends on (see the module doc)."""
    from pathlib import Path

    import flake8_fastapi_prod
    from flake8_fastapi_prod.resolve.project import _project_root_candidates

    inputs = _Inputs(os.path.realpath(cache_directory()))
    for path in files:
        inputs.file(path)
    for directory in walked:
        inputs.folder(directory)
    for given in paths:
        if os.path.isdir(given):
            inputs.folder(given)
        elif os.path.exists(given):
            inputs.file(given)
        else:
            inputs.probe(os.path.dirname(os.path.abspath(given)), os.path.basename(given))
    for item in config_args:
        if os.path.isfile(item):
            inputs.file(item)
    package = os.path.dirname(os.path.abspath(flake8_fastapi_prod.__file__))
    for directory, subdirs, _ in os.walk(package):
        subdirs[:] = [name for name in subdirs if name != "__pycache__"]
        inputs.folder(directory)
    lookups: set[tuple[str, str, str | None]] = set()
    roots: set[str] = set()
    for entry in entries:
        for path, _digest, _package in entry["modules"]:
            inputs.file(path)
        lookups.update((dotted, directory, found) for dotted, directory, found in entry["lookups"])
        roots.update(root for root, _markers, _digest in entry["searches"])
        for directory, _digest in entry["globs"]:
            inputs.folder(directory)
    is_dir: dict[str, bool] = {}

    def isdir(path: str) -> bool:
        if path not in is_dir:
            is_dir[path] = os.path.isdir(path)
        return is_dir[path]

    candidates: dict[str, list[str]] = {}
    for dotted, directory, found in lookups:
        if directory not in candidates:
            near = Path(directory, "__init__.py")
            candidates[directory] = [str(root) for root in _project_root_candidates(near) if isdir(str(root))]
        parts = dotted.split(".")
        for top in candidates[directory]:  # ``src`` absent: its parent's listing says
            inputs.probe(top, parts[0], parts[0] + ".py")
            for part in parts:
                top = os.path.join(top, part)
                if not isdir(top):
                    break
                inputs.folder(top)
        if found is not None:
            inputs.file(found)
    for searched in sorted(roots):
        _search_walk(inputs, searched)
    return inputs


def write(key: str, inputs: _Inputs, *, stdout: str, code: int, files: int, started_ns: int) -> bool:
    """Store the snapshot (False: not stored, something changed too recently
    or could not be read)."""
    try:
        racy = float(os.environ.get(ENV_RACY_SECONDS, RACY_SECONDS))
    except ValueError:
        racy = RACY_SECONDS
    limit = started_ns - int(racy * 1e9)
    stats: set[str] = set(inputs.files)
    names: dict[str, tuple[set[str], bool]] = {}
    try:
        folders = set(inputs.folders)
        for folder in list(folders):
            if os.path.isdir(os.path.join(folder, "requirements")):
                folders.add(os.path.join(folder, "requirements"))
        for folder in folders:
            stats.add(folder)
            with os.scandir(folder) as listing:
                stats.update(item.path for item in listing if item.is_file() and not inputs._excluded(item.path))
        # Above all of those, up to the root: only the names that are probed.
        probed = dict(inputs.names)
        for path in [*stats, *probed, os.getcwd(), os.path.realpath(os.getcwd())]:
            for variant in {path, os.path.realpath(path)}:
                directory = os.path.dirname(variant)
                while directory not in probed:
                    probed[directory] = set()
                    parent = os.path.dirname(directory)
                    if parent == directory:
                        break
                    directory = parent
        for directory, extras in probed.items():
            if inputs._excluded(directory) or not os.path.isdir(directory):
                continue
            if directory not in folders:
                names[directory] = (extras, True)
            git = os.path.join(directory, ".git")
            if os.path.isdir(git):  # .git/info/exclude is read with the .gitignore files
                names[git] = ({"info"}, False)
                info = os.path.join(git, "info")
                if os.path.isdir(info):
                    names[info] = ({"exclude"}, False)
        listed = []
        for directory, (extras, predicate) in sorted(names.items()):
            present = _listed(directory, frozenset(extras), predicate)
            listed.append((directory, tuple(sorted(extras)), predicate, present))
            if predicate and os.stat(directory).st_mtime_ns >= limit:
                return False  # an entry came or went while the run read the folder (not .git's own churn)
            for name in present:
                path = os.path.join(directory, name)
                if os.path.isfile(path):
                    stats.add(path)
                elif name == "requirements" and os.path.isdir(path):
                    stats.add(path)
                    with os.scandir(path) as listing:
                        stats.update(item.path for item in listing if item.is_file())
        signed = _signatures(stats)
        if signed is None or any(s[4] >= limit or s[5] >= limit for _, s in signed):
            return False
        data = {
            "schema": SCHEMA,
            "key": key,
            "stats": signed,
            "names": listed,
            "stdout": stdout,
            "code": code,
            "files": files,
        }
        blob = marshal.dumps(data)
    except (OSError, ValueError):
        return False
    from pathlib import Path

    from flake8_fastapi_prod.cache import DiskCache, _atomic_write

    disk = DiskCache(Path(cache_directory()))
    if not disk._ready():
        return False
    target = Path(_path(key))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _atomic_write(target, blob)
    except OSError:
        return False
    _prune(str(target.parent))
    return True


def _prune(folder: str) -> None:
    import contextlib

    try:
        with os.scandir(folder) as listing:
            kept = [(item.stat().st_mtime_ns, item.path) for item in listing if item.name.endswith(".marshal")]
    except OSError:
        return
    for _, path in sorted(kept)[: max(0, len(kept) - MAX_SNAPSHOTS)]:
        with contextlib.suppress(OSError):
            os.unlink(path)
