"""The registry, the docs, the README and the test data name the same codes."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from flake8_fastapi_prod import docs
from flake8_fastapi_prod.context import analyze
from flake8_fastapi_prod.registry import (
    DOC_HEADINGS,
    FixSafety,
    Rule,
    Selection,
    all_rules,
    code_block,
    doc_sections,
)
from flake8_fastapi_prod.resolve import Project
from tests.annotations import TESTDATA, all_cases

ROOT = Path(__file__).resolve().parent.parent
RULES = all_rules()
IDS = [rule.code for rule in RULES]


def codes_found(rule: type[Rule], source: str) -> list[str]:
    tree = ast.parse(source)
    findings = analyze(tree, "docs_example.py", Selection(select=(rule.code,)), project=Project())
    return [f.code for f in findings]


def test_registry_is_not_empty() -> None:
    assert len(RULES) >= 5


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_docs_have_every_heading(rule: type[Rule]) -> None:
    sections = doc_sections(rule.docs())
    missing = [h for h in DOC_HEADINGS if not sections.get(h)]
    assert not missing, f"{rule.code} docs lack {missing}"
    assert rule.summary(), f"{rule.code} docs have no summary line"


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_docs_example_triggers_and_use_instead_does_not(rule: type[Rule]) -> None:
    example = code_block(rule.doc_section("Example"))
    fixed = code_block(rule.doc_section("Use instead"))
    assert example and fixed, f"{rule.code}: Example and Use instead need a python code block"
    assert rule.code in codes_found(rule, example), f"{rule.code}: the docs Example does not trigger it"
    assert rule.code not in codes_found(rule, fixed), f"{rule.code}: the docs Use instead triggers it"


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_every_code_has_test_data(rule: type[Rule]) -> None:
    cases = [c for c in all_cases() if rule.code in c.codes]
    assert cases, f"{rule.code} has no test data in {TESTDATA}"
    flagged = [c for c in cases if any(code == rule.code for _, code in _expected(c.path))]
    assert flagged, f"{rule.code}: no test file expects a finding"


@pytest.mark.parametrize("rule", [r for r in RULES if r.fix_safety is not FixSafety.NONE], ids=lambda r: r.code)
def test_every_fixable_code_has_a_fixed_twin(rule: type[Rule]) -> None:
    twins = [c for c in all_cases() if rule.code in c.codes and c.path.with_name(c.path.name + ".fixed").exists()]
    assert twins, f"{rule.code} has a fix but no .fixed twin in testdata/"


def _expected(path: Path) -> set[tuple[int, str]]:
    from tests.annotations import expected_findings

    return expected_findings(path.read_text(encoding="utf-8"))


def test_readme_rule_table_is_generated_from_the_registry() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert docs.with_table(readme) == readme, "README rule table is stale: run python -m flake8_fastapi_prod.docs"
    for rule in RULES:
        assert f"| {rule.code} |" in readme


def test_codes_and_names_are_unique_and_well_formed() -> None:
    names = [rule.name for rule in RULES]
    assert len(set(names)) == len(names)
    for rule in RULES:
        assert rule.name.replace("-", "").isalnum() and rule.name.islower(), rule.name
        assert not rule.message.endswith("."), f"{rule.code}: messages do not end with a period"


def test_plugin_never_imports_libcst() -> None:
    program = (
        "import ast, sys\n"
        "from flake8_fastapi_prod.plugin import Checker\n"
        "from flake8_fastapi_prod.registry import all_rules\n"
        "all_rules()\n"
        "tree = ast.parse('import time\\nasync def f():\\n    time.sleep(1)\\n')\n"
        "assert list(Checker(tree, 'x.py').run())\n"
        "assert 'libcst' not in sys.modules, sorted(m for m in sys.modules if 'libcst' in m)\n"
    )
    subprocess.run([sys.executable, "-c", program], check=True)


def test_flake8_runs_the_plugin(tmp_path: Path) -> None:
    source = tmp_path / "app.py"
    source.write_text("import time as t\n\nasync def handler():\n    t.sleep(1)\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--select", "FP", str(source)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stderr
    assert ":4:5: FP101 time.sleep()" in result.stdout
