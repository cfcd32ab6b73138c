"""The settings of one ``fastapi-prod check`` run (or of one editor workspace).

Precedence, highest first:

1. command-line flags (``--select``, ``--ignore``, ``--exclude``, ...);
2. ``--config KEY=VALUE`` overrides (TOML values, several allowed);
3. ``--config FILE`` (then no other file is read);
4. ``[tool.fastapi-prod]`` in the nearest ``pyproject.toml``;
5. the ``[flake8]`` section of the nearest ``setup.cfg`` / ``tox.ini`` / ``.flake8``;
6. the defaults (``select = ["FP"]``, targets detected per file).

All configuration files are read through :mod:`flake8_fastapi_prod.config`;
:func:`file_config` is the one place that does so.
"""

from __future__ import annotations

import configparser
import fnmatch
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flake8_fastapi_prod import config as config_module
from flake8_fastapi_prod.config import Config, ConfigError
from flake8_fastapi_prod.registry import Selection
from flake8_fastapi_prod.versions import Targets, detect_targets, parse_version

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

#: Never descended into when a directory is walked: flake8's default
#: ``exclude`` and Ruff's, together.
DEFAULT_EXCLUDE = (
    ".bzr",
    ".direnv",
    ".eggs",
    ".git",
    ".git-rewrite",
    ".hg",
    ".ipynb_checkpoints",
    ".mypy_cache",
    ".nox",
    ".pants.d",
    ".pyenv",
    ".pytest_cache",
    ".pytype",
    ".ruff_cache",
    ".svn",
    ".tox",
    ".venv",
    ".vscode",
    "CVS",
    "__pycache__",
    "__pypackages__",
    "_build",
    "buck-out",
    "*.egg",
    "node_modules",
    "site-packages",
    "venv",
)


@dataclass
class Settings:
    select: list[str] = field(default_factory=lambda: ["FP"])
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    per_file_ignores: list[tuple[str, list[str]]] = field(default_factory=list)
    #: Targets from an option or a config file; None: detected per file.
    forced_targets: Targets | None = None
    unsafe_fixes: bool = False
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    extend_exclude: list[str] = field(default_factory=list)
    respect_gitignore: bool = True
    force_exclude: bool = False
    #: Folder that relative patterns (exclude, per-file-ignores) start from.
    root: str = field(default_factory=os.getcwd)
    sources: list[str] = field(default_factory=list)
    _selections: dict[tuple[tuple[str, ...], Targets], Selection] = field(default_factory=dict, repr=False)

    # -- per file ---------------------------------------------------------

    def targets_for(self, path: str) -> Targets:
        return self.forced_targets or detect_targets(path)

    def selection_for(self, path: str) -> Selection:
        """The codes reported in ``path``: flake8's per-file-ignores semantics."""
        extra: list[str] = []
        for pattern, codes in self.per_file_ignores:
            if path_matches(path, [pattern], self.root):
                extra.extend(codes)
        key = (tuple(extra), self.targets_for(path))
        selection = self._selections.get(key)
        if selection is None:
            selection = self._selections[key] = Selection(
                tuple(self.select), tuple(self.ignore) + tuple(extra), tuple(self.extend_select), key[1]
            )
        return selection

    def excluded(self, path: str) -> bool:
        return path_matches(path, self.exclude + self.extend_exclude, self.root)

    def describe(self) -> list[str]:
        targets = self.forced_targets
        lines = [
            f"config files: {', '.join(self.sources) if self.sources else '(none)'}",
            f"select: {self.select}",
            f"extend-select: {self.extend_select}",
            f"ignore: {self.ignore}",
            f"per-file-ignores: {[p + ':' + ','.join(c) for p, c in self.per_file_ignores]}",
            f"unsafe-fixes: {str(self.unsafe_fixes).lower()}",
            f"exclude: {self.exclude}",
            f"extend-exclude: {self.extend_exclude}",
            f"respect-gitignore: {str(self.respect_gitignore).lower()}",
            f"force-exclude: {str(self.force_exclude).lower()}",
            f"root: {self.root}",
        ]
        if targets is None:
            lines.append("targets: detected per file from the declared dependencies")
        else:
            lines.extend(f"target {line}" for line in targets.describe())
        return lines


def path_matches(path: str, patterns: list[str], root: str) -> bool:
    """flake8's rule: a pattern matches the file's base name, or, with a
    ``/`` in it, the absolute path (relative patterns start at ``root``)."""
    if not patterns:
        return False
    basename = os.path.basename(path)
    absolute = os.path.abspath(path)
    for pattern in patterns:
        if basename not in (".", "..") and fnmatch.fnmatch(basename, pattern):
            return True
        if "/" in pattern or os.sep in pattern:
            full = os.path.normpath(os.path.join(root, pattern))
            if fnmatch.fnmatch(absolute, full) or fnmatch.fnmatch(absolute, full.rstrip("/") + "/*"):
                return True
    return False


# -- reading -----------------------------------------------------------------


def _list(value: Any) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in re.split(r"[,\n]", str(value)) if part.strip()]


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "true", "yes", "on")


@dataclass
class _FileValues:
    """One source of configuration: the keys of config.Config plus the
    file-discovery keys only this command has."""

    config: Config
    raw: dict[str, Any]
    directory: str


def _normalised(values: dict[str, Any]) -> dict[str, Any]:
    return {key.replace("_", "-").lower(): value for key, value in values.items()}


def _from_values(values: dict[str, Any], origin: Path) -> _FileValues:
    values = _normalised(values)
    config = Config()
    config_module._apply(config, values, origin)
    return _FileValues(config, values, str(origin.parent))


def read_config_file(path: Path) -> _FileValues:
    """``--config FILE``: a ``pyproject.toml`` ([tool.fastapi-prod]), any
    other ``.toml`` (its top-level keys), or an ini file ([flake8])."""
    path = path.resolve()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None
    if path.suffix == ".toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path}: cannot read: {error}") from None
        if path.name == "pyproject.toml":
            data = data.get("tool", {}).get("fastapi-prod", {})
        elif isinstance(data.get("tool"), dict) and "fastapi-prod" in data["tool"]:
            data = data["tool"]["fastapi-prod"]
        return _from_values(dict(data), path)
    parser = configparser.RawConfigParser()
    try:
        parser.read_string(text, source=str(path))
    except configparser.Error as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
    for section in ("fastapi-prod", "flake8"):
        if parser.has_section(section):
            return _from_values(dict(parser.items(section)), path)
    raise ConfigError(f"{path}: no [flake8] or [fastapi-prod] section")


def file_config(start: Path, explicit: Path | None = None) -> tuple[Config, dict[str, Any], list[str], str | None]:
    """The configuration files' settings: (config, raw keys, files, folder).

    The one function that reads configuration: discovery is
    ``config.load_config``'s; the raw keys add the file-discovery settings
    (``exclude``, ``extend-exclude``, ``respect-gitignore``) flake8 and the
    fixer do not have.
    """
    if explicit is not None:
        values = read_config_file(explicit)
        config = values.config
        if not config.target_version_given:
            config.target_version = None
        return config, values.raw, [str(explicit.resolve())], values.directory
    config = config_module.load_config(start)
    raw: dict[str, Any] = {}
    directory: str | None = None
    flake8_section = config_module._flake8_section(start.resolve())
    if flake8_section is not None:
        raw.update(_normalised(flake8_section[1]))
        directory = str(flake8_section[0].parent)
    table = config_module._pyproject_table(start.resolve())
    if table is not None:
        raw.update(_normalised(table[1]))
        directory = str(table[0].parent)
    return config, raw, list(config.source), directory


def inline_overrides(items: list[str]) -> dict[str, Any]:
    """``--config 'ignore = ["FP101"]'``: each item one TOML assignment."""
    values: dict[str, Any] = {}
    for item in items:
        try:
            values.update(tomllib.loads(item))
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"--config {item!r}: not a TOML 'key = value' ({error})") from None
    return _normalised(values)


def build_settings(
    *,
    start: Path | None = None,
    config_args: list[str] | None = None,
    client: dict[str, Any] | None = None,
) -> Settings:
    """Settings from the files and ``--config`` items; ``client`` (already
    in config-key form) overrides them, as command-line flags do."""
    start = start or Path.cwd()
    explicit: Path | None = None
    overrides: list[str] = []
    for item in config_args or []:
        if "=" in item and not Path(item).is_file():
            overrides.append(item)
        elif explicit is not None:
            raise ConfigError("--config: give one file (and any number of KEY=VALUE overrides)")
        else:
            explicit = Path(item)
            if not explicit.is_file():
                raise ConfigError(f"--config {item}: no such file")
    config, raw, sources, directory = file_config(start, explicit)
    settings = Settings(sources=sources, root=directory or str(start.resolve()))
    _merge_config(settings, config, raw)
    layered = inline_overrides(overrides)
    layered.update(_normalised(client or {}))
    if layered:
        origin = Path(settings.root) / "--config"
        values = _from_values(layered, origin)
        _merge_config(settings, values.config, values.raw, override=True)
    return settings


def _merge_config(settings: Settings, config: Config, raw: dict[str, Any], *, override: bool = False) -> None:
    if "select" in raw or (not override and config.select):
        settings.select = list(config.select) or settings.select
    if "extend-select" in raw:
        settings.extend_select = [*settings.extend_select, *config.extend_select] if override else config.extend_select
    if "ignore" in raw:
        settings.ignore = list(config.ignore)
    if "extend-ignore" in raw:
        settings.ignore = [*settings.ignore, *config.extend_ignore]
    if "per-file-ignores" in raw:
        settings.per_file_ignores = list(config.per_file_ignores)
    if config.target_version_given and config.target_version is not None:
        settings.forced_targets = Targets(fastapi=config.target_version, sources=(("fastapi", "config"),))
    if "unsafe-fixes" in raw:
        settings.unsafe_fixes = config.unsafe_fixes
    if "exclude" in raw:
        settings.exclude = _list(raw["exclude"])
    if "extend-exclude" in raw:
        settings.extend_exclude = [*settings.extend_exclude, *_list(raw["extend-exclude"])]
    if "respect-gitignore" in raw:
        settings.respect_gitignore = _bool(raw["respect-gitignore"])
    if "force-exclude" in raw:
        settings.force_exclude = _bool(raw["force-exclude"])


def target_from_option(value: str | None) -> Targets | None:
    if not value:
        return None
    try:
        return Targets(fastapi=parse_version(value), sources=(("fastapi", "option"),))
    except ValueError:
        raise ConfigError(f"--fastapi-target-version: not a version: {value!r}") from None
