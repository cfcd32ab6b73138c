"""Configuration, editor use, formatters and the opt-in / target-gated codes,
exercised through the real flake8 and fastapi-prod-fix entry points."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from flake8_fastapi_prod.config import detect_target_version, load_config
from flake8_fastapi_prod.fix.cli import main as fix_main
from flake8_fastapi_prod.registry import OPT_IN, Rule, Selection, all_rules, code_block, target_below
from flake8_fastapi_prod.versions import NEWEST, Targets

FLAGGED = "import time\n\n\nasync def handler():\n    time.sleep(1)\n"


def flake8(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flake8", *args], capture_output=True, text=True, cwd=cwd, input=stdin)


def test_fixer_reads_the_flake8_section(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "setup.cfg").write_text("[flake8]\nextend-ignore = FP101\n", encoding="utf-8")
    target = tmp_path / "app.py"
    target.write_text(FLAGGED, encoding="utf-8")
    assert fix_main(["--check", str(target)]) == 0
    assert flake8("--select", "FP", "app.py", cwd=tmp_path).stdout == ""


def test_per_file_ignores_mean_the_same_in_both(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tox.ini").write_text("[flake8]\nper-file-ignores =\n    legacy/*.py:FP101\n", encoding="utf-8")
    (tmp_path / "legacy").mkdir()
    for name in ("legacy/old.py", "new.py"):
        (tmp_path / name).write_text(FLAGGED, encoding="utf-8")
    linted = flake8("--select", "FP", ".", cwd=tmp_path).stdout
    assert "new.py:5:5: FP101" in linted and "old.py" not in linted
    assert fix_main(["--check", "legacy/old.py"]) == 0
    assert fix_main(["--check", "new.py"]) == 1


def test_pyproject_table_configures_the_fixer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.fastapi-prod]\nignore = ["FP101"]\nfastapi-target-version = "0.110.0"\n', encoding="utf-8"
    )
    config = load_config(tmp_path)
    assert config.ignore == ["FP101"] and config.target_version == (0, 110, 0)
    (tmp_path / "app.py").write_text(FLAGGED, encoding="utf-8")
    assert fix_main(["--check", "app.py"]) == 0


def test_bad_config_value_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.fastapi-prod]\nfastapi-target-version = "latest"\n')
    (tmp_path / "app.py").write_text(FLAGGED, encoding="utf-8")
    assert fix_main(["app.py"]) == 2
    err = capsys.readouterr().err
    assert "fastapi-target-version: not a version" in err and "Traceback" not in err
    result = flake8("--select", "FP", "app.py", cwd=tmp_path)
    assert "not a version" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("filename", "text", "version"),
    [
        ("requirements.txt", "uvicorn\nfastapi==0.110.2\n", (0, 110, 2)),
        ("requirements-prod.txt", "fastapi[standard]>=0.111\n", (0, 111)),
        ("pyproject.toml", '[project]\ndependencies = ["fastapi~=0.100.1", "x"]\n', (0, 100, 1)),
        ("pyproject.toml", '[tool.poetry.dependencies]\nfastapi = "^0.95.0"\n', (0, 95, 0)),
        ("requirements.txt", "starlette==0.37\n", None),
    ],
)
def test_target_version_from_declared_dependency(
    tmp_path: Path, filename: str, text: str, version: tuple[int, ...] | None
) -> None:
    (tmp_path / ".git").mkdir()  # stop the upward search here
    (tmp_path / filename).write_text(text, encoding="utf-8")
    detect_target_version.cache_clear()
    assert detect_target_version(tmp_path) == version


class _GatedRule(Rule):
    """Not registered (its code is not an FP code): only Selection's logic."""

    code = "XX001"
    default = target_below("0.112.2")


class _OptInRule(Rule):
    code = "XX002"
    default = OPT_IN


def test_target_gate_and_opt_in_selection() -> None:
    assert not Selection(select=("XX",), targets=NEWEST).enabled(_GatedRule)
    assert not Selection(select=("XX",), targets=Targets(fastapi=(0, 112, 2))).enabled(_GatedRule)
    assert Selection(select=("XX",), targets=Targets(fastapi=(0, 110, 0))).enabled(_GatedRule)
    assert Selection(select=("XX001",), targets=NEWEST).enabled(_GatedRule)
    assert not Selection(select=("XX",)).enabled(_OptInRule)
    assert Selection(select=("XX",), extend_select=("XX002",)).enabled(_OptInRule)
    assert not Selection(select=("XX",), extend_select=("XX002",), ignore=("XX002",)).enabled(_OptInRule)


OPT_IN_RULES = [rule for rule in all_rules() if rule.default == OPT_IN]


@pytest.mark.parametrize("rule", OPT_IN_RULES, ids=[r.code for r in OPT_IN_RULES])
def test_opt_in_codes_are_off_until_named(rule: type[Rule], tmp_path: Path) -> None:
    (tmp_path / "example.py").write_text(code_block(rule.doc_section("Example")), encoding="utf-8")
    assert rule.code not in flake8("--select", "FP", "example.py", cwd=tmp_path).stdout
    assert rule.code in flake8("--select", "FP", "--extend-select", rule.code, "example.py", cwd=tmp_path).stdout
    assert rule.code in flake8("--select", f"FP,{rule.code}", "example.py", cwd=tmp_path).stdout


def test_editor_stdin_uses_display_name_for_project_resolution(tmp_path: Path) -> None:
    """The buffer imports an alias from a sibling module on disk: resolution
    follows the display name's folder."""
    package = tmp_path / "app"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "deps.py").write_text(
        "from typing import Annotated\nfrom fastapi import Depends\n"
        "from sqlalchemy.ext.asyncio import AsyncSession\n\n"
        "async def get_db():\n    yield None\n\n"
        "DbSession = Annotated[AsyncSession, Depends(get_db)]\n",
        encoding="utf-8",
    )
    buffer = "from .deps import DbSession\n\n\nasync def save(session: DbSession):\n    session.commit()\n"
    result = flake8("--select", "FP", "--stdin-display-name", "app/routes.py", "-", cwd=tmp_path, stdin=buffer)
    assert "app/routes.py:5:5: FP201 AsyncSession.commit() is not awaited" in result.stdout


def test_sarif_and_json_formatters(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(FLAGGED, encoding="utf-8")
    sarif = json.loads(flake8("--select", "FP", "--format", "fp-sarif", "app.py", cwd=tmp_path).stdout)
    run = sarif["runs"][0]
    assert sarif["version"] == "2.1.0"
    assert run["tool"]["driver"]["rules"][0]["id"] == "FP101"
    location = run["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "app.py" and location["region"]["startLine"] == 5
    items = json.loads(flake8("--select", "FP", "--format", "fp-json", "app.py", cwd=tmp_path).stdout)
    assert items == [
        {
            "path": "app.py",
            "line": 5,
            "column": 5,
            "code": "FP101",
            "message": items[0]["message"],
            "fix": "safe",
        }
    ]
    assert items[0]["message"].startswith("time.sleep() inside async def")


def test_pre_commit_hooks_name_installed_commands() -> None:
    root = Path(__file__).resolve().parent.parent
    hooks = (root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    pyproject = (root / "pyproject.toml").read_text(encoding="utf-8")
    assert "entry: flake8\n" in hooks and "args: [--select=FP,E902,E999]" in hooks
    assert "entry: fastapi-prod-fix\n" in hooks and 'fastapi-prod-fix = "' in pyproject


def test_json_fix_describes_the_finding_not_the_rule(tmp_path: Path) -> None:
    """``fix`` is this finding's: a rule's fix that does not apply here (the
    name asyncio is taken) or a rule without a fix give ``none``."""
    source = (
        "import time\n\nimport requests\n\n\nasync def a():\n    time.sleep(1)\n\n\n"
        "async def b():\n    asyncio = 1\n    time.sleep(asyncio)\n\n\n"
        "async def c():\n    requests.get('https://example.com')\n"
    )
    (tmp_path / "app.py").write_text(source, encoding="utf-8")
    items = json.loads(flake8("--select", "FP", "--format", "fp-json", "app.py", cwd=tmp_path).stdout)
    by_line = {item["line"]: (item["code"], item["fix"]) for item in items}
    assert by_line[7] == ("FP101", "safe")
    assert by_line[12] == ("FP101", "none")
    assert by_line[16] == ("FP102", "none")
    assert "(no fix" in next(item["message"] for item in items if item["line"] == 12)
