"""The flake8 entry point: one ast walk per file, dispatched to the rules.

flake8 decides which codes are shown (``--select``, ``--ignore``,
``# noqa``, its ``per-file-ignores``); opt-in codes are kept out of its
defaults with ``extend_default_ignore``, as flake8-bugbear does for B9.
The plugin narrows further: target-gated codes are decided per file from
the versions its project declares (or ``--fastapi-target-version`` and
friends), and ``[tool.fastapi-prod]`` in ``pyproject.toml`` applies with
the same keys as the ``[flake8]`` section (a key given on flake8's command
line wins over it). A bad value there is reported on one line and its
default used: the other plugins' run goes on.
"""

from __future__ import annotations

import argparse
import ast
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar

from flake8_fastapi_prod import __version__
from flake8_fastapi_prod.context import analyze
from flake8_fastapi_prod.registry import OPT_IN, Selection, all_rules
from flake8_fastapi_prod.resolve import disable_cache, tune_gc
from flake8_fastapi_prod.versions import PACKAGES, Targets, targets_for

#: flake8 option name -> config key, for the settings both tables share.
_SHARED = ("select", "ignore", "extend_select", "extend_ignore")


class Checker:
    name = "flake8-fastapi-prod"
    version = __version__

    #: Target versions given by option or config: package -> (version, where).
    given_targets: ClassVar[dict[str, tuple[tuple[int, ...], str]]] = {}
    #: Every code the user named in select / extend-select / enable-extensions.
    named_codes: ClassVar[frozenset[str]] = frozenset()
    #: The FP selection from flake8's options and [tool.fastapi-prod].
    select: ClassVar[tuple[str, ...]] = ("FP",)
    ignore: ClassVar[tuple[str, ...]] = ()
    extend_select: ClassVar[tuple[str, ...]] = ()
    #: From [tool.fastapi-prod] (flake8 applies its own [flake8] ones).
    per_file_ignores: ClassVar[list[tuple[str, list[str]]]] = []
    exclude: ClassVar[tuple[str, ...]] = ()
    origins: ClassVar[dict[str, str]] = {}
    #: Whether checked files' summaries are kept for the files that ask about them.
    remember_files: ClassVar[bool] = False

    def __init__(self, tree: ast.Module, filename: str) -> None:
        self.tree = tree
        self.filename = filename

    @classmethod
    def add_options(cls, option_manager: Any) -> None:
        for package, example in (("fastapi", "0.110.0"), ("starlette", "0.46"), ("pydantic", "1.10")):
            option_manager.add_option(
                f"--{package}-target-version",
                default=None,
                parse_from_config=True,
                help=(
                    f"{package.capitalize()} version the code runs on (e.g. {example}). Codes whose fact holds "
                    "on some versions only are gated on it. (Default: read from the checked file's project: "
                    "a lock-file pin, else the lowest declared version, else the newest.)"
                ),
            )
        option_manager.add_option(
            "--fastapi-prod-no-cache",
            action="store_true",
            default=False,
            parse_from_config=True,
            help=(
                "flake8-fastapi-prod: do not read or write the cache of module summaries "
                "(.fastapi_prod_cache/ in the current directory; also FASTAPI_PROD_NO_CACHE=1)"
            ),
        )
        option_manager.add_option(
            "--fastapi-prod-show-settings",
            action="store_true",
            default=False,
            help="flake8-fastapi-prod: print the settings, the target versions and where they were found, and exit",
        )
        named = _pyproject_named_codes()
        option_manager.extend_default_ignore(
            [rule.code for rule in all_rules() if rule.default == OPT_IN and rule.code not in named]
        )

    @classmethod
    def parse_options(cls, options: argparse.Namespace) -> None:
        from flake8_fastapi_prod.config import Config, ConfigError, check_codes, flake8_section, fp_part, load_config

        tune_gc()
        if getattr(options, "fastapi_prod_no_cache", False):
            disable_cache()
        cls.given_targets = {}
        cls.per_file_ignores, cls.exclude = [], ()
        # Files read from stdin are not what is on disk: their summaries are not kept.
        cls.remember_files = "-" not in (getattr(options, "filenames", None) or [])
        flake8_values = {option: _tokens(getattr(options, option, None)) for option in _SHARED}
        flake8_values["enable_extensions"] = _tokens(getattr(options, "enable_extensions", None))
        try:
            for option, tokens in flake8_values.items():
                check_codes(tokens, f"--{option.replace('_', '-')}", others_allowed=True)
            per_file = _per_file_pairs(getattr(options, "per_file_ignores", None))
            check_codes([c for _, codes in per_file for c in codes], "--per-file-ignores", others_allowed=True)
        except ConfigError as error:
            raise SystemExit(f"flake8-fastapi-prod: error: {error}") from None

        config = Config()
        if not getattr(options, "isolated", False):
            config = load_config(strict=False, flake8=False)
        for problem in config.problems:
            print(f"flake8-fastapi-prod: {problem}; using the default", file=sys.stderr)

        on_command_line = _command_line_options(sys.argv[1:])
        values: dict[str, list[str]] = {}
        cls.origins = {}
        for option in _SHARED:
            mine = getattr(config, option)
            if option in on_command_line or not mine:
                values[option] = flake8_values[option]
                if flake8_values[option]:
                    cls.origins[option] = "flake8's command line" if option in on_command_line else "[flake8]"
            else:
                values[option] = list(mine)
                cls.origins[option] = config.origins.get(option.replace("_", "-"), "pyproject.toml")
        extend_select = values["extend_select"] + flake8_values["enable_extensions"]
        cls.select = tuple(fp_part(values["select"])) or ("FP",)
        cls.ignore = tuple(fp_part(values["ignore"] + values["extend_ignore"]))
        cls.extend_select = tuple(fp_part(extend_select))
        cls.named_codes = frozenset(cls.select + cls.extend_select)
        cls.per_file_ignores = config.per_file_ignores
        cls.exclude = tuple((config.exclude or []) + config.extend_exclude)

        given = dict(config.targets)
        for package in PACKAGES:
            raw = getattr(options, f"{package}_target_version", None)
            if raw:
                from flake8_fastapi_prod.versions import parse_version

                try:
                    given[package] = (parse_version(str(raw)), f"--{package}-target-version")
                except ValueError:
                    print(
                        f"flake8-fastapi-prod: --{package}-target-version: not a version: {raw!r}; "
                        "using the detected version",
                        file=sys.stderr,
                    )
        cls.given_targets = given
        cls._selection_cache = {}
        if getattr(options, "fastapi_prod_show_settings", False):
            if not getattr(options, "isolated", False):
                try:
                    found = flake8_section(Path.cwd())
                except ConfigError:
                    found = None
                config.source[:0] = [f"{found[0]} [flake8] (read by flake8)"] if found else []
            print(describe(config, list(getattr(options, "filenames", []) or [])), end="")
            raise SystemExit(0)

    _selection_cache: ClassVar[dict[tuple[Targets, tuple[str, ...]], Selection]] = {}

    def run(self) -> Iterator[tuple[int, int, str, type[Checker]]]:
        if self.exclude and _excluded(self.filename, self.exclude):
            return
        targets = targets_for(self.filename, self.given_targets)
        extra: tuple[str, ...] = ()
        if self.per_file_ignores:
            from flake8_fastapi_prod.config import fp_part, per_file_codes

            extra = tuple(fp_part(per_file_codes(self.filename, self.per_file_ignores)))
        selection = self._selection(targets, extra)
        source: bytes | None = None
        if self.remember_files:
            try:
                source = Path(self.filename).read_bytes()
            except OSError:
                source = None
        for finding in analyze(self.tree, self.filename, selection, source=source):
            yield finding.span.line, finding.span.col, f"{finding.code} {finding.message}", type(self)

    @classmethod
    def _selection(cls, targets: Targets, extra_ignore: tuple[str, ...]) -> Selection:
        key = (targets, extra_ignore)
        if key not in cls._selection_cache:
            cls._selection_cache[key] = _plugin_selection(
                targets, cls.named_codes, Selection(cls.select, cls.ignore + extra_ignore, cls.extend_select)
            )
        return cls._selection_cache[key]


def describe(config: Any, paths: Sequence[str]) -> str:
    """``--fastapi-prod-show-settings``: the same text as ``fastapi-prod-fix --show-settings``."""
    from flake8_fastapi_prod.settings import Settings, describe_settings

    settings = Settings(
        select=Checker.select,
        ignore=Checker.ignore,
        extend_select=Checker.extend_select,
        per_file_ignores=Checker.per_file_ignores,
        exclude=Checker.exclude,
        given=Checker.given_targets,
        config=config,
        origins=dict(Checker.origins),
    )
    return describe_settings(settings, paths, tool="flake8-fastapi-prod")


def _tokens(value: object) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        value = value.split(",")
    assert isinstance(value, (list, tuple))
    return [part.strip().upper() for item in value for part in str(item).split(",") if part.strip()]


def _per_file_pairs(value: object) -> list[tuple[str, list[str]]]:
    if not value:
        return []
    from flake8_fastapi_prod.config import ConfigError, parse_per_file_ignores

    try:
        return parse_per_file_ignores(value)
    except ConfigError:
        return []  # flake8 itself reports a malformed value


def _command_line_options(argv: Sequence[str]) -> set[str]:
    """The selection options given on flake8's command line (they win over
    ``[tool.fastapi-prod]``; flake8 merges them with ``[flake8]`` before
    the plugin sees them)."""
    found: set[str] = set()
    for arg in argv:
        for option in _SHARED:
            flag = "--" + option.replace("_", "-")
            if arg == flag or arg.startswith(flag + "="):
                found.add(option)
    return found


def _pyproject_named_codes() -> set[str]:
    """Opt-in codes ``[tool.fastapi-prod]`` selects by full code: they must
    not be in flake8's extended default ignore (read before flake8 parses
    its options, so any problem is left for parse_options to report)."""
    from flake8_fastapi_prod.config import ConfigError, _codes, pyproject_table

    try:
        found = pyproject_table(Path.cwd())
    except (ConfigError, OSError):
        return set()
    if found is None:
        return set()
    named: set[str] = set()
    for key in ("select", "extend-select"):
        value = found[1].get(key)
        if isinstance(value, (str, list)):
            named.update(_codes(value))
    return named


def _excluded(filename: str, patterns: Sequence[str]) -> bool:
    """``[tool.fastapi-prod] exclude`` in the plugin: the file or one of its
    folders below the working directory matches, as flake8's walk tests them."""
    from flake8_fastapi_prod.config import is_excluded

    path = os.path.abspath(filename)
    cwd = os.getcwd()
    while True:
        if is_excluded(path, patterns):
            return True
        parent = os.path.dirname(path)
        if parent in (path, cwd) or not parent.startswith(cwd):
            return False
        path = parent


def _plugin_selection(targets: Targets, named: frozenset[str], base: Selection | None = None) -> Selection:
    """The codes the plugin reports for a file (flake8 filters by code
    afterwards, but cannot decide gated codes): the FP part of the
    selection, opt-in codes only when named by their full code (an explicit
    ``--select FP`` outranks ``extend_default_ignore`` in flake8 7, so the
    plugin must hold them back itself), target-gated codes by the file's
    targets (see :func:`default_allows`)."""
    base = base or Selection(select=("FP",), extend_select=tuple(sorted(named)))
    return Selection(base.select, base.ignore, base.extend_select, targets)
