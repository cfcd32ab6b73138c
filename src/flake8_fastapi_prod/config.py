"""Configuration read the same way by the plugin and the fixer.

The fixer reads the ``[flake8]`` section of the first of ``setup.cfg``,
``tox.ini`` or ``.flake8`` that has one (searching from the working
directory upward, as flake8 does), then ``[tool.fastapi-prod]`` in
``pyproject.toml`` on top. The FastAPI target version, when not given,
comes from the project's declared dependency.
"""

from __future__ import annotations

import configparser
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from flake8_fastapi_prod.versions import parse_version

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

FLAKE8_FILES = ("setup.cfg", "tox.ini", ".flake8")
_FASTAPI_REQUIREMENT = re.compile(
    r"""(?:^\s*|["'])fastapi(?:\[[^\]]*\])?\s*(?P<op>==|>=|~=|===|\^|~|>)\s*v?(?P<version>\d+(?:\.\d+)*)""",
    re.IGNORECASE | re.MULTILINE,
)


# Poetry: fastapi = "^0.110.0" or fastapi = { version = ">=0.110", extras = [...] }
_POETRY_REQUIREMENT = re.compile(
    r"""^\s*fastapi\s*=\s*(?:\{[^}\n]*?version\s*=\s*)?["']\s*[\^~>=]*\s*v?(?P<version>\d+(?:\.\d+)*)""",
    re.IGNORECASE | re.MULTILINE,
)


class ConfigError(Exception):
    """A configuration value the tools cannot use."""


@dataclass
class Config:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    extend_ignore: list[str] = field(default_factory=list)
    per_file_ignores: list[tuple[str, list[str]]] = field(default_factory=list)
    target_version: tuple[int, ...] | None = None
    #: True when the target came from configuration, not detection.
    target_version_given: bool = False
    unsafe_fixes: bool = False
    source: list[str] = field(default_factory=list)  # the files read, for messages


def _codes(value: Any) -> list[str]:
    items = [str(v) for v in value] if isinstance(value, (list, tuple)) else re.split(r"[,\s]+", str(value))
    return [item.strip().upper() for item in items if item.strip()]


def parse_per_file_ignores(value: Any) -> list[tuple[str, list[str]]]:
    """flake8's ``path/glob:CODE,CODE`` pairs (also a TOML table)."""
    if isinstance(value, dict):
        return [(str(pattern), _codes(codes)) for pattern, codes in value.items()]
    pairs: list[tuple[str, list[str]]] = []
    for chunk in re.split(r"\n|(?<=[0-9A-Z])\s+(?=\S+:)", str(value)):
        if ":" not in chunk:
            continue
        pattern, _, codes = chunk.strip().partition(":")
        if pattern.strip():
            pairs.append((pattern.strip(), _codes(codes)))
    return pairs


def _find_upward(start: Path, names: tuple[str, ...]) -> Path | None:
    for directory in (start, *start.parents):
        for name in names:
            candidate = directory / name
            if candidate.is_file():
                return candidate
    return None


def _flake8_section(start: Path) -> tuple[Path, dict[str, str]] | None:
    for directory in (start, *start.parents):
        for name in FLAKE8_FILES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            parser = configparser.RawConfigParser()
            try:
                parser.read(candidate, encoding="utf-8")
            except (configparser.Error, UnicodeDecodeError) as error:
                raise ConfigError(f"{candidate}: cannot read: {error}") from None
            if parser.has_section("flake8"):
                return candidate, dict(parser.items("flake8"))
    return None


def _pyproject_table(start: Path) -> tuple[Path, dict[str, Any]] | None:
    path = _find_upward(start, ("pyproject.toml",))
    if path is None:
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
    table = data.get("tool", {}).get("fastapi-prod")
    return (path, table) if isinstance(table, dict) else None


def load_config(start: Path | None = None) -> Config:
    start = (start or Path.cwd()).resolve()
    config = Config()
    found = _flake8_section(start)
    if found is not None:
        path, section = found
        config.source.append(str(path))
        _apply(config, {key.replace("_", "-"): value for key, value in section.items()}, path)
    table = _pyproject_table(start)
    if table is not None:
        path, values = table
        config.source.append(str(path))
        _apply(config, {key.replace("_", "-"): value for key, value in values.items()}, path)
    if config.target_version is None:
        config.target_version = detect_target_version(start)
    return config


def _apply(config: Config, values: dict[str, Any], path: Path) -> None:
    for key in ("select", "ignore", "extend-select", "extend-ignore"):
        if key in values:
            setattr(config, key.replace("-", "_"), _codes(values[key]))
    if "per-file-ignores" in values:
        config.per_file_ignores = parse_per_file_ignores(values["per-file-ignores"])
    if "fastapi-target-version" in values:
        raw = str(values["fastapi-target-version"])
        try:
            config.target_version = parse_version(raw)
            config.target_version_given = True
        except ValueError:
            raise ConfigError(f"{path}: fastapi-target-version: not a version: {raw!r}") from None
    if "unsafe-fixes" in values:
        config.unsafe_fixes = str(values["unsafe-fixes"]).lower() in ("1", "true", "yes", "on")


@lru_cache(maxsize=8)
def detect_target_version(start: Path | None = None) -> tuple[int, ...] | None:
    """The lowest FastAPI version the project declares it runs on.

    ``fastapi==0.110.0``, ``fastapi>=0.110`` and ``fastapi~=0.110.1`` all give
    the version named: the code must work there. Nothing declared: None,
    meaning the newest, so gated codes stay off.
    """
    start = (start or Path.cwd()).resolve()
    for directory in (start, *start.parents):
        candidates = [directory / "pyproject.toml", *sorted(directory.glob("requirements*.txt"))]
        for candidate in candidates:
            if not candidate.is_file():
                continue
            try:
                text = candidate.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            match = _FASTAPI_REQUIREMENT.search(text) or _POETRY_REQUIREMENT.search(text)
            if match:
                return parse_version(match.group("version"))
        if (directory / ".git").exists():
            break
    return None
