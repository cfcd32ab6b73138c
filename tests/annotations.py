"""Reading the annotated test data: ``# error: FP101`` on flagged lines."""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

from flake8_fastapi_prod.registry import Selection
from flake8_fastapi_prod.versions import PACKAGES, Targets, parse_version

TESTDATA = Path(__file__).resolve().parent.parent / "testdata"
_ERROR = re.compile(r"#\s*error:\s*(?P<codes>FP\d{3}(?:\s*,\s*FP\d{3})*)")
_SELECT = re.compile(r"^#\s*select:\s*(?P<codes>[A-Z0-9, ]+)$", re.M)
#: ``# fastapi-target-version: 0.110.0`` (likewise starlette-, pydantic-) in a
#: file's head sets the targets it is checked against.
_TARGET = re.compile(r"^#\s*(?P<package>fastapi|starlette|pydantic)-target-version:\s*(?P<version>[\d.]+)$", re.M)
_CODE_IN_NAME = re.compile(r"^(FP\d{3})")


@dataclass(frozen=True)
class Case:
    path: Path
    codes: tuple[str, ...]
    targets: Targets

    @property
    def id(self) -> str:
        return str(self.path.relative_to(TESTDATA))

    def selection(self) -> Selection:
        return Selection(select=self.codes, targets=self.targets)


def expected_findings(source: str) -> set[tuple[int, str]]:
    """(line, code) for every ``# error:`` comment (read as tokens, so the
    same text inside a string does not count)."""
    expected: set[tuple[int, str]] = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            match = _ERROR.search(token.string)
            if match:
                for code in match.group("codes").split(","):
                    expected.add((token.start[0], code.strip()))
    return expected


def case_for(path: Path) -> Case | None:
    """A test case, or None for a support module of a multi-module project."""
    head = path.read_text(encoding="utf-8")[:2000]
    select = _SELECT.search(head)
    name_code = _CODE_IN_NAME.match(path.name)
    if select:
        codes = tuple(c.strip() for c in select.group("codes").split(",") if c.strip())
    elif name_code and path.parent == TESTDATA:
        codes = (name_code.group(1),)
    else:
        return None
    versions = {match.group("package"): parse_version(match.group("version")) for match in _TARGET.finditer(head)}
    assert set(versions) <= set(PACKAGES)
    return Case(path, codes, Targets(**versions))


def all_cases() -> list[Case]:
    cases = [case_for(path) for path in sorted(TESTDATA.rglob("*.py"))]
    return [case for case in cases if case is not None]
