"""Which files a run checks: paths given, directories walked.

A directory is walked for ``*.py`` files (flake8's default ``filename``),
skipping what ``exclude`` / ``extend-exclude`` name and, unless
``respect-gitignore = false``, what the ``.gitignore`` files of the tree
(and of its git repository above it, with ``.git/info/exclude``) ignore.
A path named on the command line is checked even when excluded, unless
``force-exclude`` is set (pre-commit passes every staged file by name).
Symbolic links to directories are not followed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pathspec

from flake8_fastapi_prod.cli.settings import Settings


@dataclass(frozen=True)
class Missing:
    """A path given that cannot be checked: reported as E902."""

    path: str
    reason: str


class _Ignores:
    """The ``.gitignore`` specs in force at a folder, each with its base."""

    def __init__(self) -> None:
        self._cache: dict[str, pathspec.GitIgnoreSpec | None] = {}

    def spec_at(self, directory: str) -> pathspec.GitIgnoreSpec | None:
        if directory not in self._cache:
            lines: list[str] = []
            for name in (".gitignore", os.path.join(".git", "info", "exclude")):
                try:
                    with open(os.path.join(directory, name), encoding="utf-8", errors="replace") as handle:
                        lines.extend(handle.read().splitlines())
                except OSError:
                    continue
            self._cache[directory] = pathspec.GitIgnoreSpec.from_lines(lines) if lines else None
        return self._cache[directory]

    def ignored(self, path: str, is_dir: bool, bases: Sequence[str]) -> bool:
        """Whether any spec from ``bases`` (outermost first) ignores ``path``;
        a deeper ``.gitignore`` decides over a shallower one, as in git."""
        verdict = False
        for base in bases:
            spec = self.spec_at(base)
            if spec is None:
                continue
            relative = os.path.relpath(path, base).replace(os.sep, "/")
            if relative.startswith(".."):
                continue
            if is_dir:
                relative += "/"
            result = spec.check_file(relative)
            if result.include is not None:
                verdict = bool(result.include)
        return verdict


def _git_bases(directory: str) -> list[str]:
    """The folders from the git repository's root down to ``directory``
    (only ``directory`` itself outside a repository)."""
    chain: list[str] = []
    current = os.path.abspath(directory)
    while True:
        chain.append(current)
        if os.path.exists(os.path.join(current, ".git")):
            return list(reversed(chain))
        parent = os.path.dirname(current)
        if parent == current:
            return [os.path.abspath(directory)]
        current = parent


def discover(
    paths: Sequence[str], settings: Settings, walked: set[str] | None = None
) -> tuple[list[str], list[Missing]]:
    """(files to check, in a stable order; paths that cannot be checked).
    ``walked``: gets the absolute folders whose listing the walk read."""
    files: list[str] = []
    missing: list[Missing] = []
    ignores = _Ignores()
    seen: set[str] = set()
    for given in paths:
        try:
            os.stat(given)
        except OSError as error:
            reason = os.strerror(error.errno) if error.errno else str(error)
            missing.append(Missing(given, reason))
            continue
        if os.path.isdir(given):
            for path in _walk(given, settings, ignores, walked):
                if path not in seen:
                    seen.add(path)
                    files.append(path)
            continue
        if settings.force_exclude and _excluded_file(given, settings, ignores):
            continue
        given = os.path.normpath(given)
        if given not in seen:
            seen.add(given)
            files.append(given)
    return files, missing


def _excluded_file(path: str, settings: Settings, ignores: _Ignores) -> bool:
    if settings.excluded(path):
        return True
    absolute = os.path.abspath(path)
    parts = Path(absolute).parts
    for depth in range(1, len(parts)):
        if settings.excluded(os.path.join(*parts[: depth + 1])) and depth + 1 < len(parts):
            return True
    if settings.respect_gitignore:
        directory = os.path.dirname(absolute)
        bases = _git_bases(directory)
        return ignores.ignored(absolute, False, bases)
    return False


def _walk(top: str, settings: Settings, ignores: _Ignores, walked: set[str] | None = None) -> Iterator[str]:
    top_bases = _git_bases(top) if settings.respect_gitignore else []
    if len(top_bases) > 1 and ignores.ignored(os.path.abspath(top), True, top_bases[:-1]):
        # The folder named on the command line is itself ignored by a
        # .gitignore above it (``.cache/`` ...): the user asked for it, so
        # only the .gitignore files inside it apply.
        top_bases = top_bases[-1:]
    if settings.force_exclude and os.path.normpath(top) not in (".", "..") and settings.excluded(top):
        return
    bases_of: dict[str, list[str]] = {os.path.abspath(top): top_bases}
    for root, dirs, names in os.walk(top):
        absolute_root = os.path.abspath(root)
        if walked is not None:
            walked.add(absolute_root)
        bases = bases_of.get(absolute_root, top_bases)
        if settings.respect_gitignore and absolute_root not in bases:
            bases = [*bases, absolute_root]
        kept = []
        for name in sorted(dirs):
            path = os.path.join(root, name)
            if settings.excluded(path):
                continue
            absolute = os.path.join(absolute_root, name)
            if settings.respect_gitignore and ignores.ignored(absolute, True, bases):
                continue
            bases_of[absolute] = [*bases, absolute]
            kept.append(name)
        dirs[:] = kept
        for name in sorted(names):
            if not name.endswith(".py"):
                continue
            path = os.path.join(root, name)
            if settings.excluded(path):
                continue
            if settings.respect_gitignore and ignores.ignored(os.path.join(absolute_root, name), False, bases):
                continue
            yield os.path.normpath(path)
