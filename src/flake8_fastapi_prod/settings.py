"""The settings of one run, resolved once, and their description.

:func:`resolve_settings` merges the command line over the configuration
(:mod:`flake8_fastapi_prod.config`); :class:`Settings` answers per file:
its selection (per-file-ignores applied, targets detected from the file's
project), whether it is excluded. :func:`describe_settings` is the one
text ``--show-settings`` prints, for ``fastapi-prod-fix``,
``fastapi-prod check`` and the flake8 plugin.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flake8_fastapi_prod.config import (
    Config,
    ConfigError,
    check_codes,
    fp_part,
    is_excluded,
    normalize_patterns,
    per_file_codes,
)
from flake8_fastapi_prod.registry import Selection, all_rules
from flake8_fastapi_prod.versions import (
    PACKAGES,
    Targets,
    Version,
    detected_for,
    format_version,
    iter_given,
    targets_for,
)

#: Folders ``fastapi-prod-fix`` skips unless ``exclude`` is given (flake8's
#: own default, plus virtualenvs, caches and build output). ``exclude``
#: replaces this list, ``extend-exclude`` adds to it, as in flake8.
DEFAULT_EXCLUDE = (
    ".svn",
    "CVS",
    ".bzr",
    ".hg",
    ".git",
    "__pycache__",
    ".tox",
    ".nox",
    ".eggs",
    "*.egg",
    "*.egg-info",
    ".venv",
    "venv",
    "node_modules",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    "build",
    "dist",
)


@dataclass
class Settings:
    select: tuple[str, ...] = ("FP",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: list[tuple[str, list[str]]] = field(default_factory=list)
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    #: Target versions given by option or configuration.
    given: dict[str, tuple[Version, str]] = field(default_factory=dict)
    unsafe_fixes: bool = False
    config: Config = field(default_factory=Config)
    #: setting -> where it came from.
    origins: dict[str, str] = field(default_factory=dict)

    def targets_for(self, path: str | Path | None) -> Targets:
        return targets_for(path, self.given)

    def base_selection(self) -> Selection:
        return Selection(self.select, self.ignore, self.extend_select)

    def selection_for(self, path: str) -> Selection:
        extra = tuple(fp_part(per_file_codes(path, self.per_file_ignores)))
        return Selection(self.select, self.ignore + extra, self.extend_select, self.targets_for(path))

    def excluded(self, path: str) -> bool:
        return is_excluded(path, self.exclude)


def _tokens(value: Any) -> list[str] | None:
    if value is None:
        return None
    items = value.split(",") if isinstance(value, str) else [p for v in value for p in str(v).split(",")]
    return [item.strip().upper() for item in items if item.strip()]


#: The command-line keys :func:`resolve_settings` takes (the lint and the fix
#: command lines both pass these).
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


def resolve_settings(config: Config, cli: Mapping[str, Any] | None = None) -> Settings:
    """Command line over configuration over defaults.

    ``cli`` keys (all optional, ``None`` = not given): ``select``,
    ``ignore``, ``extend_select``, ``extend_ignore`` (strings or lists),
    ``exclude``, ``extend_exclude`` (comma-separated strings, relative to
    the working directory), ``fastapi_target_version`` (and starlette,
    pydantic), ``unsafe_fixes``. Raises ConfigError for an unknown code or
    a bad version on the command line.
    """
    cli = dict(cli or {})
    origins: dict[str, str] = {}

    def pick(key: str, from_config: list[str] | None) -> list[str] | None:
        given = _tokens(cli.get(key))
        if given is not None:
            check_codes(given, f"--{key.replace('_', '-')}", others_allowed=False)
            origins[key] = "command line"
            return given
        if from_config is not None:
            origins[key] = config.origins.get(key.replace("_", "-"), "configuration")
        return from_config

    select = fp_part(pick("select", config.select) or []) or ["FP"]
    ignore = fp_part(
        (pick("ignore", config.ignore) or []) + config.extend_ignore + (_tokens(cli.get("extend_ignore")) or [])
    )
    check_codes(_tokens(cli.get("extend_ignore")) or [], "--extend-ignore", others_allowed=False)
    extend = _tokens(cli.get("extend_select")) or []
    check_codes(extend, "--extend-select", others_allowed=False)
    extend_select = fp_part(config.extend_select + extend)
    if cli.get("exclude") is not None:
        exclude = normalize_patterns(cli["exclude"])
        origins["exclude"] = "command line"
    elif config.exclude is not None:
        exclude = config.exclude
        origins["exclude"] = config.origins.get("exclude", "configuration")
    else:
        exclude = list(DEFAULT_EXCLUDE)
    exclude += config.extend_exclude
    if cli.get("extend_exclude"):
        exclude += normalize_patterns(cli["extend_exclude"])
    given = dict(config.targets)
    try:
        given.update(
            iter_given(
                (package, cli.get(f"{package}_target_version"), f"--{package}-target-version") for package in PACKAGES
            )
        )
    except ValueError as error:
        raise ConfigError(str(error)) from None
    return Settings(
        select=tuple(select),
        ignore=tuple(ignore),
        extend_select=tuple(extend_select),
        per_file_ignores=config.per_file_ignores,
        exclude=tuple(dict.fromkeys(exclude)),
        given=given,
        unsafe_fixes=bool(cli.get("unsafe_fixes")) or config.unsafe_fixes,
        config=config,
        origins=origins,
    )


def describe_settings(settings: Settings, paths: Sequence[str] = (), *, tool: str = "fastapi-prod") -> str:
    """What was found and where: configuration files, selection, and per
    project the target versions with the file each came from."""
    config = settings.config
    lines = [f"{tool} settings"]
    lines.append("configuration files: " + (", ".join(config.source) if config.source else "none found"))
    for problem in config.problems:
        lines.append(f"  problem (default used): {problem}")

    def origin(key: str) -> str:
        found = [
            settings.origins.get(name) or config.origins.get(name.replace("_", "-")) for name in (key, f"extend_{key}")
        ]
        where = ", ".join(dict.fromkeys(w for w in found if w))
        return f"  ({where})" if where else "  (default)"

    lines.append(f"select: {', '.join(settings.select)}{origin('select')}")
    lines.append(f"ignore: {', '.join(settings.ignore) or '-'}{origin('ignore')}")
    lines.append(f"extend-select: {', '.join(settings.extend_select) or '-'}")
    if settings.per_file_ignores:
        pairs = "; ".join(f"{pattern}:{','.join(codes)}" for pattern, codes in settings.per_file_ignores)
        lines.append(f"per-file-ignores: {pairs}")
    lines.append(f"exclude: {', '.join(settings.exclude) or '- (flake8 decides)'}{origin('exclude')}")
    lines.append(f"unsafe-fixes: {str(settings.unsafe_fixes).lower()}")
    for package, (version, where) in sorted(settings.given.items()):
        lines.append(f"{package}-target-version: {format_version(version)}  ({where})")
    seen: set[str | None] = set()
    for path in paths or [os.curdir]:
        probe = path if os.path.isfile(path) or path.endswith((".py", ".pyi")) else os.path.join(path, "__init__.py")
        detected = detected_for(probe)
        key = str(detected.root) if detected.root is not None else None
        if key in seen:
            continue
        seen.add(key)
        targets = settings.targets_for(probe)
        lines.append(f"project root for {path}: {detected.root or 'none found (nothing declared above it)'}")
        if detected.files:
            lines.append(f"  dependency files read: {', '.join(detected.files)}")
        for package in PACKAGES:
            lines.append(f"  {package}: {format_version(targets.version_of(package))}  ({targets.source_of(package)})")
        selection = settings.selection_for(probe)
        codes = [rule.code for rule in all_rules() if selection.enabled(rule)]
        lines.append(f"  codes reported: {', '.join(codes) or 'none'}")
        off = [f"{r.code} [{r.default}]" for r in all_rules() if not selection.enabled(r) and r.default.kind != "on"]
        if off:
            lines.append(f"  gated off here: {', '.join(off)}")
    return "\n".join(lines) + "\n"
