"""The settings of one ``fastapi-prod check`` run (or one editor workspace).

Built on :mod:`flake8_fastapi_prod.settings` (the selection, targets and
excludes every entry point shares) and :mod:`flake8_fastapi_prod.config`
(the files). Precedence, highest first:

1. command-line flags (``--select``, ``--ignore``, ``--exclude``, ...), or
   in the language server the editor's settings;
2. ``--config KEY=VALUE`` overrides (TOML values, several allowed);
3. ``--config FILE`` (then no other file is read);
4. ``[tool.fastapi-prod]`` in the nearest ``pyproject.toml``;
5. the ``[flake8]`` section of the nearest ``setup.cfg`` / ``tox.ini`` / ``.flake8``;
6. the defaults (targets detected per file).

:func:`build_settings` is the one function that reads configuration here.
"""

from __future__ import annotations

import configparser
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flake8_fastapi_prod import config as config_module
from flake8_fastapi_prod.config import KEYS, Config, ConfigError, load_config
from flake8_fastapi_prod.registry import Selection
from flake8_fastapi_prod.settings import Settings as RunSettings
from flake8_fastapi_prod.settings import describe_settings, resolve_settings

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

#: The command-line keys :func:`flake8_fastapi_prod.settings.resolve_settings` takes.
CLI_KEYS = (
    "select",
    "ignore",
    "extend_select",
    "extend_ignore",
    "exclude",
    "extend_exclude",
    "fastapi_target_version",
    "starlette_target_version",
    "pydantic_target_version",
    "unsafe_fixes",
)


@dataclass
class Settings:
    """What a check needs per file: the shared settings plus file discovery."""

    run: RunSettings
    respect_gitignore: bool = True
    force_exclude: bool = False

    @property
    def unsafe_fixes(self) -> bool:
        return self.run.unsafe_fixes

    @unsafe_fixes.setter
    def unsafe_fixes(self, value: bool) -> None:
        self.run.unsafe_fixes = value

    def selection_for(self, path: str) -> Selection:
        """The codes reported in ``path``: per-file-ignores applied, targets
        detected from the file's project (as the plugin decides them)."""
        return self.run.selection_for(path)

    def excluded(self, path: str) -> bool:
        return self.run.excluded(path)

    def describe(self, paths: list[str]) -> str:
        text = describe_settings(self.run, paths, tool="fastapi-prod check")
        return (
            text
            + f"respect-gitignore: {str(self.respect_gitignore).lower()}\n"
            + f"force-exclude: {str(self.force_exclude).lower()}\n"
        )


def _normalised(values: Mapping[str, Any]) -> dict[str, Any]:
    return {str(key).replace("_", "-").lower(): value for key, value in values.items()}


def _apply_own_table(config: Config, values: dict[str, Any], origin: Path) -> None:
    """Values written as ``[tool.fastapi-prod]`` keys, checked the same way."""
    unknown = [key for key in values if key not in KEYS]
    if unknown:
        raise ConfigError(f"{origin}: unknown key {unknown[0]!r} (known keys: {', '.join(KEYS)})")
    config_module._apply(config, values, origin, True, True)


def read_config_file(path: Path) -> Config:
    """``--config FILE``: a ``pyproject.toml`` ([tool.fastapi-prod]), any
    other ``.toml`` (its top-level keys), or an ini file ([flake8])."""
    path = path.resolve()
    config = Config(source=[str(path)])
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
    if path.suffix == ".toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path}: cannot read: {error}") from None
        tool = data.get("tool")
        if path.name == "pyproject.toml" or (isinstance(tool, dict) and "fastapi-prod" in tool):
            data = tool.get("fastapi-prod", {}) if isinstance(tool, dict) else {}
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: [tool.fastapi-prod] must be a table")
        _apply_own_table(config, _normalised(data), path)
        return config
    parser = configparser.RawConfigParser()
    try:
        parser.read_string(text, source=str(path))
    except configparser.Error as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
    if not parser.has_section("flake8"):
        raise ConfigError(f"{path}: no [flake8] section")
    values = {k: v for k, v in _normalised(dict(parser.items("flake8"))).items() if k in KEYS}
    config_module._apply(config, values, path, False, True)
    return config


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
    client: Mapping[str, Any] | None = None,
    cli: Mapping[str, Any] | None = None,
    strict: bool = True,
) -> Settings:
    """Configuration files (or ``--config``), then ``client`` (an editor's
    settings, in config-key form) and ``cli`` (command-line values, see
    :data:`CLI_KEYS`) on top. ``strict=False`` (the editor): a bad value in
    a file keeps the default for that key (``config.problems`` says why)."""
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
    config = read_config_file(explicit) if explicit is not None else load_config(start, strict=strict)
    if overrides:
        _apply_own_table(config, inline_overrides(overrides), Path("--config"))
    if client:
        _apply_own_table(config, _normalised(client), Path("editor settings"))
    run = resolve_settings(config, cli)
    if cli is not None and cli.get("unsafe_fixes") is False:
        run.unsafe_fixes = False  # --no-unsafe-fixes over the configuration
    return Settings(
        run,
        respect_gitignore=config.respect_gitignore if config.respect_gitignore is not None else True,
        force_exclude=bool(config.force_exclude),
    )
