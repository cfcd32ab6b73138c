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
from flake8_fastapi_prod.registry import OPT_IN, Selection, all_rules, parse_version, target_gate_open


class Checker:
    name = "flake8-fastapi-prod"
    version = __version__

    target_version: ClassVar[tuple[int, ...] | None] = None

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
        option_manager.extend_default_ignore([rule.code for rule in all_rules() if rule.default == OPT_IN])

    @classmethod
    def parse_options(cls, options: argparse.Namespace) -> None:
        from flake8_fastapi_prod.config import detect_target_version

        raw = getattr(options, "fastapi_target_version", None)
        if raw:
            try:
                cls.target_version = parse_version(raw)
            except ValueError:
                raise SystemExit(f"flake8-fastapi-prod: --fastapi-target-version: not a version: {raw!r}") from None
        else:
            cls.target_version = detect_target_version()

    def run(self) -> Iterator[tuple[int, int, str, type[Checker]]]:
        selection = _plugin_selection(self.target_version)
        for finding in analyze(self.tree, self.filename, selection):
            yield finding.span.line, finding.span.col, f"{finding.code} {finding.message}", type(self)


def _plugin_selection(target: tuple[int, ...] | None) -> Selection:
    """Everything flake8 may show; target-gated codes only for old targets.

    flake8 filters by code afterwards, so every rule it could show runs,
    except the target-gated ones whose bug the target no longer has.
    """
    codes = tuple(
        rule.code
        for rule in all_rules()
        if rule.default.kind != "target_below" or target_gate_open(rule.default, target)
    )
    return _selection_cache.setdefault((codes, target), Selection(select=codes, target_version=target))


_selection_cache: dict[tuple[tuple[str, ...], tuple[int, ...] | None], Selection] = {}
