"""flake8 formatters for dashboards: ``--format=fp-sarif`` and ``--format=fp-json``.

Registered under ``flake8.report``; they format every code flake8 reports
(not only FP ones) and describe the FP rules from the registry.
"""

from __future__ import annotations

import json
import os
from typing import Any

from flake8.formatting.base import BaseFormatter
from flake8.violation import Violation

from flake8_fastapi_prod import __version__
from flake8_fastapi_prod.registry import NO_FIX_MARK, FixSafety, get_rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def sarif_rule(code: str) -> dict[str, Any]:
    """A SARIF ``reportingDescriptor`` for a code, from the rule's docs
    (shared with ``fastapi-prod check --output-format sarif``)."""
    rule = get_rule(code)
    if rule is None:
        return {"id": code}
    return {
        "id": code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary()},
        "fullDescription": {"text": rule.doc_section("What it does")},
        "help": {"text": rule.docs(), "markdown": rule.docs()},
        "properties": {
            "fix": rule.fix_safety.value if rule.fix_safety is not FixSafety.NONE else "none",
            "default": str(rule.default),
        },
    }


class _CollectingFormatter(BaseFormatter):
    """Collects violations and writes one document when flake8 stops."""

    def after_init(self) -> None:
        self.violations: list[Violation] = []

    def handle(self, error: Violation) -> None:
        self.violations.append(error)

    def format(self, error: Violation) -> str | None:
        return None

    def document(self) -> Any:
        raise NotImplementedError

    def stop(self) -> None:
        self._write(json.dumps(self.document(), indent=2, sort_keys=False))
        super().stop()


def _uri(filename: str) -> str:
    path = os.path.relpath(filename) if os.path.isabs(filename) else filename
    return path.replace(os.sep, "/")


def finding_fix(code: str, message: str) -> str | None:
    """This finding's fix: ``"safe"`` or ``"unsafe"`` when ``fastapi-prod-fix``
    fixes it (``--unsafe-fixes`` for the latter), ``"none"`` when its rule has
    no fix or the fix does not apply here, None for another plugin's code."""
    rule = get_rule(code)
    if rule is None:
        return None
    if rule.fix_safety is FixSafety.NONE or NO_FIX_MARK in message:
        return "none"
    return str(rule.fix_safety.value)


class JsonFormatter(_CollectingFormatter):
    """A JSON list of findings: path, line, column, code, message, fix (this
    finding's: ``safe``, ``unsafe``, ``none``; null for other plugins)."""

    def document(self) -> Any:
        items = []
        for violation in self.violations:
            items.append(
                {
                    "path": _uri(violation.filename),
                    "line": violation.line_number,
                    "column": violation.column_number,
                    "code": violation.code,
                    "message": violation.text,
                    "fix": finding_fix(violation.code, violation.text),
                }
            )
        return items


class SarifFormatter(_CollectingFormatter):
    """SARIF 2.1.0, as code-scanning dashboards read it."""

    def document(self) -> Any:
        codes = sorted({v.code for v in self.violations})
        rules = [sarif_rule(code) for code in codes]
        index = {code: i for i, code in enumerate(codes)}
        results = [
            {
                "ruleId": v.code,
                "ruleIndex": index[v.code],
                "level": "warning",
                "message": {"text": f"{v.code} {v.text}"},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(v.filename)},
                            "region": {"startLine": v.line_number, "startColumn": max(1, v.column_number)},
                        }
                    }
                ],
            }
            for v in self.violations
        ]
        driver = {
            "name": "flake8-fastapi-prod",
            "version": __version__,
            "informationUri": "https://pypi.org/project/flake8-fastapi-prod/",
            "rules": rules,
        }
        return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{"tool": {"driver": driver}, "results": results}]}
