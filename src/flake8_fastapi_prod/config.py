"""Configuration read the same way by the plugin, the fixer and ``check``.

Where a setting comes from, first that applies:

1. the command line (``fastapi-prod-fix --ignore FP101``, ``flake8
   --select FP``, ``--pydantic-target-version 1.10``);
2. ``[tool.fastapi-prod]`` in the first ``pyproject.toml`` found from the
   working directory upward;
3. the ``[flake8]`` section of the first of ``setup.cfg``, ``tox.ini`` or
   ``.flake8`` that has one (searched as flake8 searches);
4. the defaults; for the target versions, detection from the checked
   file's project (see :mod:`flake8_fastapi_prod.versions`).

Both tables take the same keys with the same meaning (:data:`KEYS`).
Only the FP part of ``select`` counts (``select = E,W,C90`` selects the
default FP codes); ``per-file-ignores`` and ``exclude`` match as flake8
matches them (its own ``flake8.utils`` functions do the matching).

A value the tools cannot use is a :class:`ConfigError` for the fixer
(exit 2); the flake8 plugin prints the same line and uses the default for
that key, so a typo never stops a flake8 run of the other plugins.
"""

from __future__ import annotations

import configparser
import difflib
import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from flake8_fastapi_prod.versions import PACKAGES, Version, parse_version

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

FLAKE8_FILES = ("setup.cfg", "tox.ini", ".flake8")
PYPROJECT_TABLE = "tool.fastapi-prod"

#: Every key of ``[tool.fastapi-prod]`` (and what it holds). Keys of the
#: ``[flake8]`` section that are not here belong to flake8 or other plugins.
KEYS: dict[str, str] = {
    "select": "codes",
    "ignore": "codes",
    "extend-select": "codes",
    "extend-ignore": "codes",
    "per-file-ignores": "per-file-ignores",
    "exclude": "paths",
    "extend-exclude": "paths",
    "fastapi-target-version": "version",
    "starlette-target-version": "version",
    "pydantic-target-version": "version",
    "unsafe-fixes": "bool",
    # fastapi-prod check only (file discovery); the fixer and flake8 ignore them.
    "respect-gitignore": "bool",
    "force-exclude": "bool",
}
CODE_KEYS = ("select", "ignore", "extend-select", "extend-ignore")
#: flake8's own pattern for a code or prefix (``flake8/defaults.py``).
VALID_CODE = re.compile(r"^[A-Z]{1,3}[0-9]{0,3}$")


class ConfigError(Exception):
    """A configuration value the tools cannot use."""


@dataclass
class Config:
    """The settings of one run, with where each came from.

    A ``None`` list means "not given here" (the next place decides).
    """

    select: list[str] | None = None
    ignore: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    extend_ignore: list[str] = field(default_factory=list)
    per_file_ignores: list[tuple[str, list[str]]] = field(default_factory=list)
    #: Normalized as flake8 normalizes them (absolute when they hold a "/").
    exclude: list[str] | None = None
    extend_exclude: list[str] = field(default_factory=list)
    #: Target versions given by configuration: package -> (version, where).
    targets: dict[str, tuple[Version, str]] = field(default_factory=dict)
    unsafe_fixes: bool = False
    #: fastapi-prod check only: None means not given here.
    respect_gitignore: bool | None = None
    force_exclude: bool | None = None
    #: The files read, in order.
    source: list[str] = field(default_factory=list)
    #: Problems skipped in lenient mode (the plugin prints them).
    problems: list[str] = field(default_factory=list)
    #: key -> where its value came from, for --show-settings.
    origins: dict[str, str] = field(default_factory=dict)

    @property
    def target_version(self) -> tuple[int, ...] | None:
        """The configured FastAPI target (compatibility)."""
        found = self.targets.get("fastapi")
        return found[0] if found else None


# -- code lists -----------------------------------------------------------------


def _codes(value: Any) -> list[str]:
    items = [str(v) for v in value] if isinstance(value, (list, tuple)) else re.split(r"[,\s]+", str(value))
    return [item.strip().upper() for item in items if item.strip()]


def known_code_prefix(token: str) -> bool:
    """``FP``, ``FP1``, ``FP10``, ``FP101``, also ``F``: a prefix of a code."""
    from flake8_fastapi_prod.registry import all_rules

    token = token.strip().upper()
    return any(rule.code.startswith(token) for rule in all_rules())


def is_fp_token(token: str) -> bool:
    """The token can select or ignore FP codes (``F`` and ``FP...``)."""
    token = token.strip().upper()
    return bool(token) and (token.startswith("FP") or "FP".startswith(token))


def fp_part(tokens: Iterable[str]) -> list[str]:
    """The tokens of a flake8 selection that concern FP codes."""
    return [token for token in tokens if is_fp_token(token)]


def unknown_codes(tokens: Iterable[str], *, others_allowed: bool) -> list[str]:
    """Tokens that name no FP code. With ``others_allowed`` (flake8's own
    settings) only FP tokens are checked: other plugins' codes are legal."""
    bad: list[str] = []
    for token in tokens:
        token = token.strip().upper()
        if not token:
            continue
        if token.startswith("FP") or not others_allowed:
            if not VALID_CODE.match(token) or not known_code_prefix(token):
                bad.append(token)
        elif not VALID_CODE.match(token):
            bad.append(token)
    return list(dict.fromkeys(bad))


def check_codes(tokens: Iterable[str], where: str, *, others_allowed: bool) -> None:
    bad = unknown_codes(tokens, others_allowed=others_allowed)
    if bad:
        plural = "s" * (len(bad) > 1)
        raise ConfigError(f"{where}: unknown code{plural} {', '.join(bad)} (see fastapi-prod-fix --list-rules)")


# -- per-file-ignores and exclude, as flake8 does them ------------------------------


def parse_per_file_ignores(value: Any) -> list[tuple[str, list[str]]]:
    """flake8's ``pattern:CODE,CODE`` pairs; in TOML also a table
    ``{"tests/*" = ["FP101"]}`` or a list of ``"pattern:CODES"`` strings."""
    if isinstance(value, dict):
        return [(str(pattern), _codes(codes)) for pattern, codes in value.items()]
    from flake8 import exceptions, utils

    text = "\n".join(str(v) for v in value) if isinstance(value, (list, tuple)) else str(value)
    try:
        pairs = utils.parse_files_to_codes_mapping(text)
    except exceptions.ExecutionError:
        raise ConfigError(f"per-file-ignores: not 'pattern:CODES' pairs: {text.strip()!r}") from None
    return [(pattern, [code.upper() for code in codes]) for pattern, codes in pairs]


def per_file_codes(filename: str, pairs: Sequence[tuple[str, list[str]]]) -> list[str]:
    """The codes ``per-file-ignores`` adds for ``filename``, as flake8's
    StyleGuideManager picks them: of the patterns that match (the basename,
    or the absolute path against a pattern made absolute from the working
    directory when it holds a separator), only the longest applies."""
    from flake8 import utils

    best: tuple[int, list[str]] | None = None
    for pattern, codes in pairs:
        normalized = utils.normalize_path(pattern)
        if _matches(filename, [normalized]) and (best is None or len(normalized) > best[0]):
            best = (len(normalized), codes)
    return best[1] if best is not None else []


def _matches(path: str, patterns: Sequence[str]) -> bool:
    """flake8's ``utils.matches_filename`` without its logging."""
    import fnmatch

    if not patterns:
        return False
    basename = os.path.basename(path)
    if basename not in {".", ".."} and any(fnmatch.fnmatch(basename, p) for p in patterns):
        return True
    absolute = os.path.abspath(path)
    return any(fnmatch.fnmatch(absolute, p) for p in patterns)


def normalize_patterns(value: Any, parent: str = os.curdir) -> list[str]:
    """flake8's handling of ``exclude`` values: a comma-separated list; a
    pattern holding a separator is made absolute from ``parent`` (the
    config file's directory, or the working directory on the command line)."""
    from flake8 import utils

    items = (
        [str(v) for v in value] if isinstance(value, (list, tuple)) else utils.parse_comma_separated_list(str(value))
    )
    normalized: list[str] = utils.normalize_paths([item for item in items if item.strip()], parent)
    return normalized


def is_excluded(path: str, patterns: Sequence[str]) -> bool:
    """flake8's exclude test for one path (file or directory)."""
    return _matches(path, patterns)


# -- reading the files ------------------------------------------------------------


def _find_upward(start: Path, names: tuple[str, ...]) -> Path | None:
    for directory in (start, *start.parents):
        for name in names:
            candidate = directory / name
            if candidate.is_file():
                return candidate
    return None


def flake8_section(start: Path) -> tuple[Path, dict[str, str]] | None:
    """The ``[flake8]`` section flake8 itself would read from ``start``."""
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


def pyproject_table(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """``[tool.fastapi-prod]`` of the first ``pyproject.toml`` above ``start``."""
    path = _find_upward(start, ("pyproject.toml",))
    if path is None:
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
    tool = data.get("tool")
    table = tool.get("fastapi-prod") if isinstance(tool, dict) else None
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [{PYPROJECT_TABLE}] must be a table")
    return path, table


def load_config(start: Path | None = None, *, strict: bool = True, flake8: bool = True) -> Config:
    """Read ``[flake8]`` (unless ``flake8=False``: the plugin gets that
    section from flake8 itself), then ``[tool.fastapi-prod]`` on top.

    ``strict``: the first problem raises :class:`ConfigError` (the fixer);
    otherwise each problem is recorded in ``problems`` and its key keeps the
    default (the plugin).
    """
    start = (start or Path.cwd()).resolve()
    config = Config()

    def guarded(action: Any, *args: Any) -> Any:
        try:
            return action(*args)
        except ConfigError as error:
            if strict:
                raise
            config.problems.append(str(error))
            return None

    if flake8:
        found = guarded(flake8_section, start)
        if found is not None:
            path, section = found
            config.source.append(str(path))
            values = {key.replace("_", "-"): value for key, value in section.items()}
            guarded(_apply, config, {k: v for k, v in values.items() if k in KEYS}, path, False, strict)
    table = guarded(pyproject_table, start)
    if table is not None:
        path, values = table
        config.source.append(str(path))
        unknown = [key for key in values if key not in KEYS]
        for key in unknown:
            guess = difflib.get_close_matches(key, list(KEYS), n=1)
            hint = f" (did you mean {guess[0]!r}?)" if guess else f" (known keys: {', '.join(KEYS)})"
            guarded(_raise, f"{path}: [{PYPROJECT_TABLE}] unknown key {key!r}{hint}")
        guarded(_apply, config, {k: v for k, v in values.items() if k in KEYS}, path, True, strict)
    return config


def _raise(message: str) -> None:
    raise ConfigError(message)


def _apply(config: Config, values: dict[str, Any], path: Path, own_table: bool, strict: bool) -> None:
    """Apply one file's values; in lenient mode a bad key is skipped."""
    label = f"{path} [{PYPROJECT_TABLE}]" if own_table else f"{path} [flake8]"
    problems: list[str] = []
    for key, value in values.items():
        try:
            _apply_one(config, key, value, path, label, own_table)
        except ConfigError as error:
            if strict:
                raise
            problems.append(str(error))
        else:
            config.origins[key] = label
    config.problems.extend(problems)


def _apply_one(config: Config, key: str, value: Any, path: Path, label: str, own_table: bool) -> None:
    where = f"{label} {key}"
    kind = KEYS[key]
    if kind == "codes":
        if own_table and not isinstance(value, (str, list)):
            raise ConfigError(f"{where}: expected a list of codes, got {value!r}")
        codes = _codes(value)
        check_codes(codes, where, others_allowed=not own_table)
        setattr(config, key.replace("-", "_"), codes)
    elif kind == "per-file-ignores":
        pairs = parse_per_file_ignores(value)
        check_codes([c for _, codes in pairs for c in codes], where, others_allowed=not own_table)
        config.per_file_ignores = pairs
    elif kind == "paths":
        if own_table and not isinstance(value, (str, list)):
            raise ConfigError(f"{where}: expected a list of patterns, got {value!r}")
        setattr(config, key.replace("-", "_"), normalize_patterns(value, str(path.parent)))
    elif kind == "version":
        if isinstance(value, float):
            raise ConfigError(f'{where}: write the version as a string ("{value}" reads as a number)')
        try:
            version = parse_version(str(value))
        except ValueError:
            raise ConfigError(f"{where}: not a version: {value!r}") from None
        config.targets[key.removesuffix("-target-version")] = (version, where)
    elif kind == "bool":
        attribute = key.replace("-", "_")
        if isinstance(value, bool):
            setattr(config, attribute, value)
        elif str(value).strip().lower() in ("1", "true", "yes", "on", "0", "false", "no", "off"):
            setattr(config, attribute, str(value).strip().lower() in ("1", "true", "yes", "on"))
        else:
            raise ConfigError(f"{where}: expected true or false, got {value!r}")


def target_packages() -> tuple[str, ...]:
    return PACKAGES


@lru_cache(maxsize=8)
def detect_target_version(start: Path | None = None) -> tuple[int, ...] | None:
    """The FastAPI target detected for ``start`` (compatibility)."""
    from flake8_fastapi_prod.versions import targets_for

    return targets_for((start or Path.cwd()) / "__probe__.py").fastapi
