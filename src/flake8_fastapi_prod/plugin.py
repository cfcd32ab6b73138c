"""The flake8 entry point: one ast walk per file, dispatched to the rules.

flake8 decides which codes are shown (``--select``, ``--ignore``,
``# noqa``); opt-in codes are kept out of its defaults with
``extend_default_ignore``, as flake8-bugbear does for B9. Target-gated codes
are decided here, from ``--fastapi-target-version``.
"""

from __future__ import annotations

import argparse
import ast
from collections.abc import Iterator
from typing import Any, ClassVar

from flake8_fastapi_prod import __version__
from flake8_fastapi_prod.context import analyze
from flake8_fastapi_prod.registry import OPT_IN, Selection, _longest_prefix, all_rules, default_allows
from flake8_fastapi_prod.resolve import disable_cache, tune_gc
from flake8_fastapi_prod.versions import Targets, detect_targets, parse_version


class Checker:
    name = "flake8-fastapi-prod"
    version = __version__

    #: Targets given by option or config; None: detected per file.
    forced_targets: ClassVar[Targets | None] = None
    #: Every code the user named in select / extend-select / enable-extensions.
    named_codes: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, tree: ast.Module, filename: str) -> None:
        self.tree = tree
        self.filename = filename

    @classmethod
    def add_options(cls, option_manager: Any) -> None:
        option_manager.add_option(
            "--fastapi-target-version",
            default=None,
            parse_from_config=True,
            help=(
                "FastAPI version the code runs on (e.g. 0.110.0). Codes for bugs "
                "fixed upstream are reported only for older targets. "
                "(Default: read from the project's declared dependency, else the newest.)"
            ),
        )
        option_manager.add_option(
            "--fastapi-prod-no-cache",
            action="store_true",
            default=False,
            parse_from_config=True,
            help=(
                "Do not read or write the cache of module summaries "
                "(.fastapi_prod_cache/ in the current directory; also FASTAPI_PROD_NO_CACHE=1)."
            ),
        )
        option_manager.extend_default_ignore([rule.code for rule in all_rules() if rule.default == OPT_IN])

    @classmethod
    def parse_options(cls, options: argparse.Namespace) -> None:
        from flake8_fastapi_prod.config import ConfigError, load_config

        cls.named_codes = frozenset(
            token.strip().upper()
            for option in ("select", "extend_select", "enable_extensions")
            for token in _tokens(getattr(options, option, None))
        )
        tune_gc()
        if getattr(options, "fastapi_prod_no_cache", False):
            disable_cache()
        raw = getattr(options, "fastapi_target_version", None)
        if raw:
            try:
                cls.forced_targets = Targets(fastapi=parse_version(raw), sources=(("fastapi", "option"),))
            except ValueError:
                raise SystemExit(f"flake8-fastapi-prod: --fastapi-target-version: not a version: {raw!r}") from None
            return
        try:
            # [tool.fastapi-prod] in pyproject.toml, else the declared dependency:
            # the same answer the fixer gets.
            config = load_config()
            if config.target_version_given and config.target_version is not None:
                cls.forced_targets = Targets(fastapi=config.target_version, sources=(("fastapi", "config"),))
        except ConfigError as error:
            raise SystemExit(f"flake8-fastapi-prod: {error}") from None

    def run(self) -> Iterator[tuple[int, int, str, type[Checker]]]:
        targets = self.forced_targets or detect_targets(self.filename)
        selection = _plugin_selection(targets, self.named_codes)
        for finding in analyze(self.tree, self.filename, selection):
            yield finding.span.line, finding.span.col, f"{finding.code} {finding.message}", type(self)


def _tokens(value: object) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        value = value.split(",")
    assert isinstance(value, (list, tuple))
    return [part for item in value for part in str(item).split(",") if part.strip()]


def _plugin_selection(targets: Targets, named: frozenset[str]) -> Selection:
    """Every code flake8 may show (it filters by code afterwards).

    Gated codes are decided here, because flake8 cannot: an opt-in code
    runs only when named by its full code (an explicit ``--select FP``
    outranks ``extend_default_ignore`` in flake8 7), a target-gated code by
    the target versions (see :func:`default_allows`).
    """
    named_tuple = tuple(sorted(named))
    codes = tuple(
        rule.code
        for rule in all_rules()
        if default_allows(rule.default, targets, _longest_prefix(rule.code, named_tuple), len(rule.code))
    )
    key = (codes, targets)
    if key not in _selection_cache:
        _selection_cache[key] = Selection(select=codes, targets=targets)
    return _selection_cache[key]


_selection_cache: dict[tuple[tuple[str, ...], Targets], Selection] = {}
