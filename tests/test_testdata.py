"""Each annotated test file: exactly the annotated findings, no others; and
for fixable codes, the fixer's output equals the ``.fixed`` twin."""

from __future__ import annotations

import ast

import pytest

from flake8_fastapi_prod.context import analyze
from flake8_fastapi_prod.fix.engine import FixOptions, fix_source
from flake8_fastapi_prod.resolve import Project
from tests.annotations import Case, all_cases, expected_findings

CASES = all_cases()


def findings_of(case: Case, source: str) -> set[tuple[int, str]]:
    tree = ast.parse(source)
    found = analyze(tree, str(case.path), case.selection(), project=Project())
    return {(f.line, f.code) for f in found}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_annotated_findings(case: Case) -> None:
    source = case.path.read_text(encoding="utf-8")
    expected = expected_findings(source)
    actual = findings_of(case, source)
    lines = source.splitlines()
    missed = sorted(expected - actual)
    extra = sorted(actual - expected)
    report = [f"missed {c} at {n}: {lines[n - 1].strip()}" for n, c in missed]
    report += [f"false alarm {c} at {n}: {lines[n - 1].strip()}" for n, c in extra]
    assert not report, "\n".join(report)


FIXED_CASES = [c for c in CASES if c.path.with_name(c.path.name + ".fixed").exists()]


@pytest.mark.parametrize("case", FIXED_CASES, ids=[c.id for c in FIXED_CASES])
def test_fix_matches_fixed_twin(case: Case) -> None:
    source = case.path.read_text(encoding="utf-8")
    twin = case.path.with_name(case.path.name + ".fixed").read_text(encoding="utf-8")
    options = FixOptions(case.selection(), unsafe_fixes=True)
    result = fix_source(source, str(case.path), options, project=Project())
    assert result.source == twin
    again = fix_source(twin, str(case.path), options, project=Project())
    assert not again.fixed, "fixing the fixed file changed it again"
    assert again.source == twin
    assert not [f for f in again.remaining if f.fixable], "fixable findings remain in the fixed file"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_gates_drop_no_finding(case: Case, monkeypatch: pytest.MonkeyPatch) -> None:
    """A visitor's gate only says what its first test implies: with every
    gate off (each visitor sees every node of its type) the findings are
    the same."""
    import flake8_fastapi_prod.context as context

    source = case.path.read_text(encoding="utf-8")
    gated = findings_of(case, source)
    monkeypatch.setattr(context, "USE_GATES", False)
    assert findings_of(case, source) == gated
