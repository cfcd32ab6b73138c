"""After fixing, ``ruff check --select I,F401`` finds nothing it did not find
before: on every ``.fixed`` twin of the test data, and on the bundled
example app fixed by the command line.

Ruff runs with its default settings (``--isolated``) from the folder that
holds the files, so its first-party detection (``src = [".", "src"]``,
same-package) sees the layout the fixer sees; the line length is the one
the fixer found for the file (this repository's 120 for the test data)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from flake8_fastapi_prod.fix.cli import main
from flake8_fastapi_prod.fix.imports import style_for
from tests.annotations import TESTDATA

ROOT = Path(__file__).resolve().parent.parent
RUFF = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
pytestmark = pytest.mark.skipif(not Path(RUFF).exists(), reason="ruff is not installed (lint extras)")


def import_findings(root: Path, line_length: int = 88) -> dict[str, Counter[str]]:
    """Per file, the I001 blocks and the F401 names (by the bound name, so a
    rewritten module path of a still-unused import is not "new")."""
    options = ["--isolated", "--no-cache", "--line-length", str(line_length), "--select", "I,F401"]
    result = subprocess.run(
        [RUFF, "check", *options, "--output-format", "json", "--exit-zero", "."],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, Counter[str]] = {}
    for item in json.loads(result.stdout):
        name = Path(item["filename"]).resolve().relative_to(root.resolve()).as_posix()
        message = item["message"]
        if item["code"] == "F401":
            match = re.match(r"`([^`]*)`", message)
            message = match.group(1).rsplit(".", 1)[-1] if match else message
        found.setdefault(name, Counter())[f"{item['code']} {message}"] += 1
    return found


def new_findings(before: dict[str, Counter[str]], after: dict[str, Counter[str]]) -> dict[str, list[str]]:
    added = {name: sorted((after[name] - before.get(name, Counter())).elements()) for name in after}
    return {name: items for name, items in added.items() if items}


TWINS = sorted(TESTDATA.rglob("*.py.fixed"))


def test_fixed_twins_add_no_import_findings(tmp_path: Path) -> None:
    copy = tmp_path / "testdata"
    shutil.copytree(TESTDATA, copy, ignore=shutil.ignore_patterns("*.fixed", "__pycache__"))
    line_length = style_for(str(TWINS[0].with_suffix(""))).line_length
    before = import_findings(copy, line_length)
    for twin in TWINS:
        shutil.copyfile(twin, copy / twin.relative_to(TESTDATA).with_suffix(""))
    after = import_findings(copy, line_length)
    assert new_findings(before, after) == {}
    assert len(TWINS) >= 20


def test_fixing_the_example_adds_no_import_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shop = tmp_path / "shop"
    shutil.copytree(ROOT / "examples" / "shop", shop, ignore=shutil.ignore_patterns("__pycache__"))
    before = import_findings(shop)
    monkeypatch.chdir(shop)
    assert main(["-q", "-j", "1", "--unsafe-fixes", "."]) == 0
    after = import_findings(shop)
    assert new_findings(before, after) == {}
    original = ROOT / "examples"
    changed = [p for p in shop.rglob("*.py") if p.read_bytes() != (original / p.relative_to(tmp_path)).read_bytes()]
    assert changed, "the example has fixable findings: the test proves something"
