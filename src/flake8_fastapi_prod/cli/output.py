"""Output formats of ``fastapi-prod check``.

``full`` (default) and ``concise`` are Ruff's habits: ``path:line:col: CODE
[*] message`` (columns count characters, 1-based; ``[*]``: ``--fix`` fixes
it with the current settings), then a summary. ``json`` follows Ruff's JSON
keys; ``sarif`` is SARIF 2.1.0; ``github`` writes GitHub Actions workflow
commands; ``gitlab`` writes GitLab's Code Quality report.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Sequence
from typing import Any

from flake8_fastapi_prod import __version__
from flake8_fastapi_prod.cli.lint import IO_ERROR, SYNTAX_ERROR, Diagnostic, FileResult, byte_to_char, char_to_utf16
from flake8_fastapi_prod.registry import get_rule

FORMATS = ("full", "concise", "json", "sarif", "github", "gitlab")
DOCS_URL = "https://pypi.org/project/flake8-fastapi-prod/"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def rule_url(code: str) -> str:
    """Where a code's documentation is (``fastapi-prod rule CODE`` prints it)."""
    return f"{DOCS_URL}#{code.lower()}"


def rule_name(code: str) -> str:
    if code == IO_ERROR:
        return "io-error"
    if code == SYNTAX_ERROR:
        return "syntax-error"
    rule = get_rule(code)
    return rule.name if rule is not None else code


class Located:
    """A diagnostic with its display columns (1-based characters)."""

    def __init__(self, diagnostic: Diagnostic, lines: dict[int, str]) -> None:
        self.d = diagnostic
        self.lines = lines
        start_text = lines.get(diagnostic.line, "")
        end_text = lines.get(diagnostic.end_line, "")
        self.col = byte_to_char(start_text, diagnostic.col) + 1
        self.end_col = byte_to_char(end_text, diagnostic.end_col) + 1
        self.col16 = char_to_utf16(start_text, self.col - 1) + 1
        self.end_col16 = char_to_utf16(end_text, self.end_col - 1) + 1

    def header(self) -> str:
        d = self.d
        mark = "[*] " if d.applicable else ""
        return f"{d.path}:{d.line}:{self.col}: {d.code} {mark}{d.message}"


def located(results: Sequence[FileResult]) -> list[Located]:
    items = [Located(d, result.lines) for result in results for d in result.diagnostics]
    items.sort(key=lambda item: (item.d.path, item.d.line, item.col, item.d.code))
    return items


# -- text ----------------------------------------------------------------------


def concise(items: list[Located]) -> str:
    return "".join(item.header() + "\n" for item in items)


def full(items: list[Located]) -> str:
    chunks: list[str] = []
    for item in items:
        d = item.d
        out = [item.header()]
        numbers = [n for n in range(d.line - 2, d.end_line + 3) if n in item.lines]
        while numbers and numbers[-1] > d.end_line and not item.lines[numbers[-1]].strip():
            numbers.pop()
        if numbers:
            width = len(str(numbers[-1]))
            gutter = " " * width + " |"
            out.append(gutter)
            for number in numbers:
                text = item.lines[number]
                out.append(f"{number:>{width}} | {text}".rstrip())
                if number == d.line:
                    start = item.col - 1
                    end = item.end_col - 1 if d.end_line == d.line else len(text)
                    carets = "^" * max(1, end - start)
                    out.append(f"{gutter} {' ' * start}{carets} {d.code}")
            out.append(gutter)
        if d.fix == "unsafe" and not d.applicable:
            out.append("  = note: an unsafe fix is available with `--fix --unsafe-fixes`")
        chunks.append("\n".join(out) + "\n")
    return "\n".join(chunks)


def _plural(count: int, word: str, suffix: str = "s") -> str:
    return f"{count} {word}{suffix if count != 1 else ''}"


def summary(items: list[Located], fixed: int, *, fix_mode: bool, unsafe_fixes: bool) -> str:
    """Ruff's closing lines: counts, fixable, and unsafe fixes held back."""
    remaining = len(items)
    applicable = sum(1 for item in items if item.d.applicable)
    hidden = sum(1 for item in items if item.d.fix == "unsafe" and not item.d.applicable)
    lines: list[str] = []
    if remaining == 0 and fixed == 0:
        return "All checks passed!\n"
    if fixed:
        lines.append(f"Found {_plural(remaining + fixed, 'error')} ({fixed} fixed, {remaining} remaining).")
    else:
        lines.append(f"Found {_plural(remaining, 'error')}.")
    unsafe_hint = f"{_plural(hidden, 'unsafe fix', 'es')} available with `--fix --unsafe-fixes`"
    if applicable and hidden:
        lines.append(f"[*] {applicable} fixable with `--fix` ({unsafe_hint}).")
    elif applicable:
        lines.append(f"[*] {applicable} fixable with `--fix`.")
    elif hidden:
        lines.append(unsafe_hint[0].upper() + unsafe_hint[1:] + ".")
    return "\n".join(lines) + "\n"


def diff_summary(items: list[Located], would_fix: int) -> str:
    hidden = sum(1 for item in items if item.d.fix == "unsafe" and not item.d.applicable)
    if not would_fix:
        return "No errors would be fixed" + (
            f" ({_plural(hidden, 'fix', 'es')} available with `--unsafe-fixes`).\n" if hidden else ".\n"
        )
    text = f"Would fix {_plural(would_fix, 'error')}"
    if hidden:
        text += f" ({_plural(hidden, 'additional fix', 'es')} available with `--unsafe-fixes`)"
    return text + ".\n"


def statistics(items: list[Located], output_format: str) -> str:
    counts: Counter[str] = Counter(item.d.code for item in items)
    fixable: Counter[str] = Counter(item.d.code for item in items if item.d.applicable)
    order = sorted(counts, key=lambda code: (-counts[code], code))
    if output_format == "json":
        rows = [
            {
                "code": code,
                "name": rule_name(code),
                "count": counts[code],
                "fixable": fixable[code] > 0,
                "fixable_count": fixable[code],
            }
            for code in order
        ]
        return json.dumps(rows, indent=2) + "\n"
    if not order:
        return ""
    width = len(str(counts[order[0]]))
    return "".join(
        f"{counts[code]:>{width}}\t{code}\t{'[*]' if fixable[code] else '[ ]'} {rule_name(code)}\n" for code in order
    )


# -- machine formats -------------------------------------------------------------


def _uri(path: str) -> str:
    relative = os.path.relpath(path) if os.path.isabs(path) else path
    return relative.replace(os.sep, "/")


def json_document(items: list[Located]) -> list[dict[str, Any]]:
    rows = []
    for item in items:
        d = item.d
        rows.append(
            {
                "cell": None,
                "code": d.code,
                "end_location": {"column": item.end_col, "row": d.end_line},
                "filename": os.path.abspath(d.path),
                "fix": None if d.fix is None else {"applicability": d.fix, "applicable": d.applicable},
                "location": {"column": item.col, "row": d.line},
                "message": d.message,
                "name": rule_name(d.code),
                "noqa_row": d.noqa_line or d.line,
                "severity": "error",
                "url": None if d.is_error else rule_url(d.code),
            }
        )
    return rows


def sarif_document(items: list[Located]) -> dict[str, Any]:
    from flake8_fastapi_prod.report import sarif_rule

    codes = sorted({item.d.code for item in items})
    rules = []
    for code in codes:
        descriptor = sarif_rule(code)
        if get_rule(code) is not None:
            descriptor["helpUri"] = rule_url(code)
        else:
            descriptor["shortDescription"] = {"text": "the file could not be read or parsed"}
        rules.append(descriptor)
    index = {code: i for i, code in enumerate(codes)}
    results = []
    for item in items:
        d = item.d
        results.append(
            {
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": "error",
                "message": {"text": f"{d.code} {d.message}"},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(d.path)},
                            "region": {
                                "startLine": d.line,
                                "startColumn": item.col16,
                                "endLine": d.end_line,
                                "endColumn": max(item.end_col16, item.col16),
                            },
                        }
                    }
                ],
                "properties": {"fix": d.fix or "none", "fixable": d.applicable},
            }
        )
    driver = {
        "name": "fastapi-prod",
        "fullName": "flake8-fastapi-prod",
        "version": __version__,
        "informationUri": DOCS_URL,
        "rules": rules,
    }
    run = {"tool": {"driver": driver}, "columnKind": "utf16CodeUnits", "results": results}
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(items: list[Located]) -> str:
    """GitHub Actions workflow commands: one ``::error`` annotation each."""
    out = []
    for item in items:
        d = item.d
        properties = ",".join(
            f"{key}={_escape_property(str(value))}"
            for key, value in (
                ("title", f"fastapi-prod ({d.code})"),
                ("file", _uri(d.path)),
                ("line", d.line),
                ("col", item.col),
                ("endLine", d.end_line),
                ("endColumn", item.end_col),
            )
        )
        out.append(f"::error {properties}::{_escape_data(item.header())}\n")
    return "".join(out)


def gitlab(items: list[Located]) -> list[dict[str, Any]]:
    """GitLab Code Quality: a fingerprint stable while the line's text is."""
    seen: Counter[str] = Counter()
    rows = []
    for item in items:
        d = item.d
        basis = "\0".join((d.code, _uri(d.path), d.message, item.lines.get(d.line, "").strip()))
        seen[basis] += 1
        fingerprint = hashlib.sha256(f"{basis}\0{seen[basis]}".encode()).hexdigest()[:16]
        rows.append(
            {
                "check_name": d.code,
                "description": f"{d.code}: {d.message}",
                "severity": "blocker" if d.is_error else "major",
                "fingerprint": fingerprint,
                "location": {
                    "path": _uri(d.path),
                    "positions": {
                        "begin": {"line": d.line, "column": item.col},
                        "end": {"line": d.end_line, "column": item.end_col},
                    },
                },
            }
        )
    return rows


def render(items: list[Located], output_format: str) -> str:
    if output_format == "concise":
        return concise(items)
    if output_format == "full":
        return full(items)
    if output_format == "json":
        return json.dumps(json_document(items), indent=2) + "\n"
    if output_format == "sarif":
        return json.dumps(sarif_document(items), indent=2) + "\n"
    if output_format == "github":
        return github(items)
    if output_format == "gitlab":
        return json.dumps(gitlab(items), indent=2) + "\n"
    raise ValueError(output_format)
