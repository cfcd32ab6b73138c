"""The on-disk cache: facts derived from a file's content, kept between runs
and shared by the worker processes of one run (as mypy and Ruff keep one).

Entries are JSON files named by a key that hashes everything the fact
depends on (the file's bytes, the tool's code, the entry's schema), so an
entry is never stale: a changed file or a new version of the tool simply
asks for other keys. Writes are atomic (a temporary file renamed into
place), so concurrent workers never see half an entry; an entry that cannot
be read or decoded counts as missing. Nothing here ever fails a run: when
the folder cannot be created or written, the cache is simply not used.

The folder is ``.fastapi_prod_cache/`` in the current directory (it holds
its own ``.gitignore``, so git ignores it, and a ``CACHEDIR.TAG``); delete it
at any time. ``FASTAPI_PROD_CACHE_DIR`` names another folder,
``FASTAPI_PROD_NO_CACHE=1`` (or ``--no-cache`` / ``--fastapi-prod-no-cache``)
turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from flake8_fastapi_prod import __version__

CACHE_DIR_NAME = ".fastapi_prod_cache"
ENV_NO_CACHE = "FASTAPI_PROD_NO_CACHE"
ENV_CACHE_DIR = "FASTAPI_PROD_CACHE_DIR"
_GITIGNORE = "# Created by flake8-fastapi-prod: the whole folder is a cache.\n*\n"
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by flake8-fastapi-prod.\n"
    "# For information about cache directory tags, see https://bford.info/cachedir/\n"
)


def cache_disabled() -> bool:
    """``FASTAPI_PROD_NO_CACHE`` is set to anything but empty / 0 / false / no."""
    return os.environ.get(ENV_NO_CACHE, "").strip().lower() not in ("", "0", "false", "no")


def default_directory() -> Path:
    configured = os.environ.get(ENV_CACHE_DIR, "").strip()
    return Path(configured) if configured else Path.cwd() / CACHE_DIR_NAME


@cache
def code_fingerprint() -> str:
    """The tool's version and the source of the modules that derive cached
    facts: a development checkout that changes them never reads an entry
    an older version wrote."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    paths = [package / name for name in ("resolve/names.py", "resolve/project.py", "cache.py")]
    for path in paths:
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(path.name.encode())
    if edited_since_import(paths):
        digest.update(os.urandom(16))
    return digest.hexdigest()[:16]


def edited_since_import(paths: Iterable[Path]) -> bool:
    """Whether a source file changed since this process imported the
    package: what it wrote would be filed under the new source's
    fingerprint with the old code's answers, so it writes under a
    fingerprint of its own instead (nobody reads those entries)."""
    from flake8_fastapi_prod import IMPORTED_NS

    now = time.time_ns()  # a file dated in the future was not edited during the run
    for path in paths:
        try:
            if IMPORTED_NS <= path.stat().st_mtime_ns <= now:
                return True
        except OSError:
            continue
    return False


def content_key(*parts: bytes | str) -> str:
    digest = hashlib.sha256(code_fingerprint().encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


class DiskCache:
    """JSON entries by namespace and key under one folder."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._usable: bool | None = None
        self.reads = 0
        self.hits = 0
        self.writes = 0

    def _entry(self, namespace: str, key: str) -> Path:
        return self.directory / namespace / key[:2] / f"{key}.json"

    def get(self, namespace: str, key: str) -> object | None:
        self.reads += 1
        try:
            data: object = json.loads(self._entry(namespace, key).read_bytes())
        except (OSError, ValueError, RecursionError):
            return None
        self.hits += 1
        return data

    def put(self, namespace: str, key: str, data: object) -> None:
        if not self._ready():
            return
        path = self._entry(namespace, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _atomic_write(path, json.dumps(data, separators=(",", ":")).encode())
        except (OSError, ValueError, TypeError):
            return
        self.writes += 1

    def _ready(self) -> bool:
        """Create the folder with its ``.gitignore`` and ``CACHEDIR.TAG`` once."""
        if self._usable is None:
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
                for name, text in (
                    (".gitignore", "# Created by flake8-fastapi-prod.\n*\n"),
                    ("CACHEDIR.TAG", _CACHEDIR_TAG),
                ):
                    if not (self.directory / name).exists():
                        _atomic_write(self.directory / name, text.encode())
                self._usable = True
            except OSError:
                self._usable = False
        return self._usable


def _atomic_write(path: Path, data: bytes) -> None:
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
