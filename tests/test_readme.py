"""The README names only codes that exist."""

from __future__ import annotations

import re
from pathlib import Path

from flake8_fastapi_prod.registry import get_rule

README = Path(__file__).resolve().parent.parent / "README.md"


def test_every_code_the_readme_names_exists() -> None:
    text = README.read_text(encoding="utf-8")
    codes = set(re.findall(r"\bFP\d{3}\b", text))
    assert codes, "the README names codes"
    assert sorted(code for code in codes if get_rule(code) is None) == []


def test_prefixes_the_readme_names_select_something() -> None:
    from flake8_fastapi_prod.registry import all_rules

    text = README.read_text(encoding="utf-8")
    known = [rule.code for rule in all_rules()]
    for prefix in set(re.findall(r"\bFP\d{1,2}\b", text)):
        assert any(code.startswith(prefix) for code in known), prefix
