"""One configuration for both tools: precedence, validation, flake8's
matching of per-file-ignores and exclude, the pre-commit hooks."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from flake8_fastapi_prod.config import ConfigError, load_config, per_file_codes
from flake8_fastapi_prod.fix.cli import main as fix_main
from flake8_fastapi_prod.versions import clear_caches

FLAGGED = "import time\n\n\nasync def handler():\n    time.sleep(1)\n"
FP502_SOURCE = (
    "from fastapi import FastAPI, Request\nfrom fastapi.exceptions import RequestValidationError\n"
    "from fastapi.responses import JSONResponse\n\napp = FastAPI()\n\n\n"
    "@app.exception_handler(RequestValidationError)\n"
    "async def handler(request: Request, exc: RequestValidationError):\n"
    '    return JSONResponse(status_code=422, content={"detail": exc.errors()})\n'
)
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    clear_caches()


def flake8(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flake8", *args], capture_output=True, text=True, cwd=cwd)


def fixer(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "flake8_fastapi_prod.fix", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- [tool.fastapi-prod] in the plugin --------------------------------------------


def test_pyproject_ignore_silences_flake8_too(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.fastapi-prod]\nignore = ["FP101"]\n')
    write(tmp_path / "app.py", FLAGGED)
    assert flake8("--select", "FP", "app.py", cwd=tmp_path).stdout == ""
    assert fix_main(["--check", "app.py"]) == 0


def test_pyproject_per_file_ignores_and_exclude_in_flake8(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[tool.fastapi-prod]\nper-file-ignores = {"tests/*" = ["FP1"]}\nextend-exclude = ["./migrations"]\n',
    )
    for name in ("tests/test_x.py", "migrations/m1.py", "app.py"):
        write(tmp_path / name, FLAGGED)
    out = flake8("--select", "FP", ".", cwd=tmp_path).stdout
    assert "app.py:5:5: FP101" in out and "tests" not in out and "migrations" not in out
    assert fix_main(["--check", "tests/test_x.py"]) == 0
    assert fix_main(["--check", "."]) == 1
    assert fix_main(["--check", "migrations"]) == 0


def test_pyproject_extend_select_reaches_an_opt_in_code_in_flake8(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.fastapi-prod]\nextend-select = ["FP207"]\n')
    write(
        tmp_path / "db.py",
        'from sqlalchemy.ext.asyncio import create_async_engine\n\nengine = create_async_engine("postgresql+asyncpg://db/x")\n',
    )
    assert "FP207" in flake8("--select", "FP", "db.py", cwd=tmp_path).stdout


def test_command_line_wins_over_pyproject_which_wins_over_flake8_section(tmp_path: Path) -> None:
    write(tmp_path / "setup.cfg", "[flake8]\nextend-ignore = FP105\nselect = FP2\n")
    write(tmp_path / "pyproject.toml", '[tool.fastapi-prod]\nselect = ["FP1"]\n')
    write(tmp_path / "app.py", FLAGGED)
    # pyproject's select (FP1) beats [flake8]'s (FP2): FP101 is fixed.
    assert fix_main(["--check", "app.py"]) == 1
    # the command line beats both
    assert fix_main(["--check", "--select", "FP2", "app.py"]) == 0
    assert flake8("app.py", "--select", "FP1", cwd=tmp_path).stdout.count("FP101") == 1
    assert "FP101" not in flake8("app.py", "--select", "FP2", cwd=tmp_path).stdout
    config = load_config(tmp_path)
    assert config.select == ["FP1"] and config.extend_ignore == ["FP105"]


# -- validation ------------------------------------------------------------------------


def test_unknown_codes_are_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "app.py", FLAGGED)
    assert fix_main(["--select", "FP999,FP1", "app.py"]) == 2
    assert "unknown code FP999" in capsys.readouterr().err
    assert fix_main(["--ignore", "E501", "app.py"]) == 2  # the fixer fixes FP codes only
    assert "unknown code E501" in capsys.readouterr().err
    write(tmp_path / "tox.ini", "[flake8]\nextend-ignore = E501,FP199\n")
    assert fix_main(["app.py"]) == 2
    assert "unknown code FP199" in capsys.readouterr().err
    result = flake8("--select", "FP", "app.py", cwd=tmp_path)
    assert "unknown code FP199" in result.stderr and result.returncode != 0


def test_flake8_accepts_other_plugins_codes_and_rejects_unknown_fp_ones(tmp_path: Path) -> None:
    write(tmp_path / "app.py", FLAGGED)
    assert "FP101" in flake8("--select", "FP,E,B950", "app.py", cwd=tmp_path).stdout
    result = flake8("--select", "FP,FP777", "app.py", cwd=tmp_path)
    assert result.returncode != 0 and "unknown code FP777" in result.stderr


def test_mistyped_key_gets_a_did_you_mean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "pyproject.toml", '[tool.fastapi-prod]\nextend-ingore = ["FP101"]\n')
    write(tmp_path / "app.py", FLAGGED)
    assert fix_main(["app.py"]) == 2
    err = capsys.readouterr().err
    assert "unknown key 'extend-ingore' (did you mean 'extend-ignore'?)" in err
    result = flake8("--select", "FP", "app.py", cwd=tmp_path)
    assert "did you mean 'extend-ignore'" in result.stderr and "FP101" in result.stdout


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("pydantic-target-version = 1.10", 'write the version as a string ("1.1" reads as a number)'),
        ('fastapi-target-version = "latest"', "not a version: 'latest'"),
        ("unsafe-fixes = 3", "expected true or false"),
        ('select = ["FP9"]', "unknown code FP9"),
        ("ignore = 101", "expected a list of codes"),
    ],
)
def test_bad_pyproject_value_is_one_line_and_never_stops_flake8(tmp_path: Path, toml: str, message: str) -> None:
    write(tmp_path / "pyproject.toml", f"[tool.fastapi-prod]\n{toml}\n")
    write(tmp_path / "app.py", FLAGGED + "x=1\n")
    linted = flake8("--select", "FP,E", "app.py", cwd=tmp_path)
    lines = [line for line in linted.stderr.splitlines() if message in line]
    assert len(lines) == 1 and "Traceback" not in linted.stderr
    assert "FP101" in linted.stdout and "E225" in linted.stdout  # the plugin and the others ran
    fixed = fixer("app.py", cwd=tmp_path)
    assert fixed.returncode == 2 and message in fixed.stderr and "Traceback" not in fixed.stderr
    assert fixed.stderr.count("\n") == 1


def test_unreadable_pyproject_is_one_line_in_flake8(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.fastapi-prod\n")
    write(tmp_path / "app.py", FLAGGED)
    linted = flake8("--select", "FP", "app.py", cwd=tmp_path)
    assert "cannot read" in linted.stderr and "FP101" in linted.stdout
    assert fixer("app.py", cwd=tmp_path).returncode == 2


def test_load_config_strict_raises() -> None:
    Path("pyproject.toml").write_text('[tool.fastapi-prod]\nselekt = ["FP1"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="did you mean 'select'"):
        load_config()
    assert load_config(strict=False).problems


# -- target versions as options and config --------------------------------------------


@pytest.mark.parametrize(
    "how",
    ["cli", "flake8-section", "pyproject"],
)
def test_pydantic_target_option_in_every_place(tmp_path: Path, how: str) -> None:
    write(tmp_path / "app.py", FP502_SOURCE)
    args: list[str] = []
    if how == "cli":
        args = ["--pydantic-target-version", "1.10"]
    elif how == "flake8-section":
        write(tmp_path / ".flake8", "[flake8]\npydantic-target-version = 1.10\n")
    else:
        write(tmp_path / "pyproject.toml", '[tool.fastapi-prod]\npydantic-target-version = "1.10"\n')
    assert "FP502" not in flake8("--select", "FP", *args, "app.py", cwd=tmp_path).stdout
    assert fix_main(["--check", *args, "app.py"]) == 0
    assert "FP502" in flake8("--select", "FP", "app.py", "--pydantic-target-version", "2.5", cwd=tmp_path).stdout
    assert fix_main(["--check", "--pydantic-target-version", "2.5", "app.py"]) == 1


def test_options_win_over_detection(tmp_path: Path) -> None:
    write(tmp_path / "requirements.txt", "pydantic==1.10.13\nfastapi==0.100.0\n")
    write(tmp_path / "app.py", FP502_SOURCE)
    assert "FP502" not in flake8("--select", "FP", "app.py", cwd=tmp_path).stdout
    assert "FP502" in flake8("--select", "FP", "--pydantic-target-version=2", "app.py", cwd=tmp_path).stdout
    assert fix_main(["--check", "app.py"]) == 0
    assert fix_main(["--check", "--pydantic-target-version", "2.0", "app.py"]) == 1


def test_show_settings_in_both_tools(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "svc" / "pyproject.toml", '[tool.poetry.dependencies]\nfastapi = "^0.79.1"\npydantic = "^1.9"\n')
    write(tmp_path / "svc" / "app.py", FLAGGED)
    write(tmp_path / "setup.cfg", "[flake8]\nextend-ignore = FP105\n")
    assert fix_main(["--show-settings", "svc/app.py"]) == 0
    out = capsys.readouterr().out
    assert "configuration files: " in out and "setup.cfg" in out
    assert 'fastapi: 0.79.1  (pyproject.toml [tool.poetry.dependencies] fastapi = "^0.79.1")' in out
    assert "starlette: 0.19.1  (the lowest fastapi 0.79.1 allows: starlette>=0.19.1" in out
    assert "pydantic: 1.9" in out and "ignore: FP105" in out and "FP506 [starlette>=0.48]" in out
    linted = flake8("--fastapi-prod-show-settings", "svc/app.py", cwd=tmp_path)
    assert linted.returncode == 0 and "pydantic: 1.9" in linted.stdout and "app.py:5:5" not in linted.stdout
    assert "flake8-fastapi-prod settings" in linted.stdout and "setup.cfg [flake8]" in linted.stdout
    assert "ignore: FP105  ([flake8])" in linted.stdout


# -- per-file-ignores and exclude: exactly flake8's matching -----------------------------


def _flake8_guide_codes(filename: str, value: str) -> list[str]:
    """What flake8's own StyleGuideManager extends the ignore list with."""
    import argparse

    from flake8 import style_guide
    from flake8.formatting.base import BaseFormatter

    options = argparse.Namespace(
        per_file_ignores=value,
        select=None,
        ignore=[],
        extend_select=[],
        extend_ignore=[],
        extended_default_select=["FP"],
        extended_default_ignore=[],
        disable_noqa=False,
        output_file=None,
        color="never",
        show_source=False,
        format="default",
        tee=False,
    )
    manager = style_guide.StyleGuideManager(options, BaseFormatter(options))
    guide = manager.style_guide_for(filename)
    return list(guide.options.extend_ignore)


@pytest.mark.parametrize(
    "filename",
    [
        "app/tests/test_a.py",
        "./app/tests/test_a.py",
        "tests/test_a.py",
        "legacy/old.py",
        "legacy/sub/old.py",
        "conftest.py",
        "main.py",
    ],
)
@pytest.mark.parametrize("absolute", [False, True])
def test_per_file_ignores_match_as_flake8_matches(tmp_path: Path, filename: str, absolute: bool) -> None:
    value = "app/tests/*:FP101\nlegacy/*.py:FP1,FP2\n*/tests/*:FP5\nconftest.py:FP4\n./main.py:FP6"
    name = str(tmp_path / filename) if absolute else filename
    from flake8_fastapi_prod.config import parse_per_file_ignores

    assert per_file_codes(name, parse_per_file_ignores(value)) == _flake8_guide_codes(name, value)


def test_relative_and_absolute_paths_give_the_same_fix(tmp_path: Path) -> None:
    write(tmp_path / "tox.ini", "[flake8]\nper-file-ignores =\n    legacy/*.py:FP101\n")
    old = write(tmp_path / "legacy" / "old.py", FLAGGED)
    assert fix_main(["--check", "legacy/old.py"]) == 0
    assert fix_main(["--check", str(old)]) == 0
    assert flake8("--select", "FP", str(old), cwd=tmp_path).stdout == ""
    assert flake8("--select", "FP", "legacy/old.py", cwd=tmp_path).stdout == ""


@pytest.mark.parametrize(
    ("setting", "cli"),
    [
        ("exclude = ./migrations,.git", []),
        ("extend-exclude = migrations", []),
        ("extend-exclude = */migrations/*", []),
        ("", ["--extend-exclude", "./migrations"]),
        ("", ["--exclude", "migrations"]),
    ],
)
def test_exclude_matches_flake8(tmp_path: Path, setting: str, cli: list[str]) -> None:
    write(tmp_path / "setup.cfg", f"[flake8]\n{setting}\n")
    for name in ("migrations/0001_init.py", "app/migrations/0002.py", "app/main.py"):
        write(tmp_path / name, FLAGGED)
    names = ["migrations/0001_init.py", "app/migrations/0002.py", "app/main.py"]
    for given in (["."], names):  # a tree, and files passed one by one as pre-commit does
        for name in names:
            write(tmp_path / name, FLAGGED)
        linted = flake8("--select", "FP", *cli, *given, cwd=tmp_path).stdout
        lint_files = {os.path.normpath(line.split(":")[0]) for line in linted.splitlines()}
        fixer(*cli, *given, cwd=tmp_path)
        fix_files = {name for name in names if (tmp_path / name).read_text(encoding="utf-8") != FLAGGED}
        assert lint_files == fix_files, (given, linted)
        assert "app/main.py" in fix_files


def test_default_skipped_folders_are_documented_and_overridable(tmp_path: Path) -> None:
    write(tmp_path / ".venv" / "lib" / "x.py", FLAGGED)
    write(tmp_path / "build" / "gen.py", FLAGGED)
    assert fix_main(["--check", "."]) == 0
    assert fix_main(["--check", "--exclude", ".git", "."]) == 1
    help_text = fixer("--help", cwd=tmp_path).stdout
    assert ".venv" in help_text and "node_modules" in help_text
    assert ".venv" in (ROOT / "README.md").read_text(encoding="utf-8")


# -- pre-commit hooks ---------------------------------------------------------------


def _hooks() -> dict[str, list[str]]:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    hooks: dict[str, list[str]] = {}
    for block in text.split("\n- id: ")[0:]:
        entry = re.search(r"^\s*entry: (.+)$", block, re.M)
        args = re.search(r"^\s*args: \[(.*)\]$", block, re.M)
        if entry:
            command = shlex.split(entry.group(1))
            command += [a.strip() for a in args.group(1).split(",")] if args and args.group(1).strip() else []
            hooks[command[0]] = command
    return hooks


@pytest.mark.parametrize(
    "cfg",
    [
        "[flake8]\nselect = E,W,C90\n",
        "[flake8]\nselect = FP2,E\n",
        "[flake8]\nextend-ignore = FP105\nper-file-ignores = legacy/*:FP101\n",
        "",
    ],
)
def test_pre_commit_hooks_select_the_same_codes(tmp_path: Path, cfg: str) -> None:
    """The lint hook passes after the fix hook on fixable findings, from
    any [flake8] selection: both read the same settings."""
    hooks = _hooks()
    lint, fix = hooks["flake8"], hooks["fastapi-prod-fix"]
    write(tmp_path / "setup.cfg", cfg)
    files = [
        write(tmp_path / "app.py", FLAGGED),
        write(tmp_path / "legacy" / "old.py", FLAGGED),
        write(tmp_path / "loop.py", "import asyncio\n\n\nasync def f():\n    return asyncio.get_event_loop()\n"),
    ]
    names = [str(p.relative_to(tmp_path)) for p in files]
    before = subprocess.run([sys.executable, "-m", *lint, *names], capture_output=True, text=True, cwd=tmp_path)
    subprocess.run([sys.executable, "-m", "flake8_fastapi_prod.fix", *fix[1:], *names], cwd=tmp_path, check=False)
    after = subprocess.run([sys.executable, "-m", *lint, *names], capture_output=True, text=True, cwd=tmp_path)
    assert after.stdout == "", (before.stdout, after.stdout)


def test_fixer_takes_only_the_fp_part_of_a_selection(tmp_path: Path) -> None:
    write(tmp_path / "setup.cfg", "[flake8]\nselect = E,W,C90\n")
    write(tmp_path / "app.py", FLAGGED)
    assert fix_main(["--check", "app.py"]) == 1
    write(tmp_path / "setup.cfg", "[flake8]\nselect = E,FP2\n")
    assert fix_main(["--check", "app.py"]) == 0


ROUTES = """\
from fastapi import FastAPI

app = FastAPI()


@app.route("/old")
async def old(request):
    return None


app.add_route("/new", old)
"""


@pytest.mark.parametrize(
    ("args", "lines"),
    [
        ((), [6]),  # flake8's defaults
        (("--select", "FP"), [6]),
        (("--select", "FP6"), [6]),
        (("--select", "FP610"), [6, 11]),
        (("--extend-select", "FP610"), [6, 11]),
        (("--select", "FP", "--extend-ignore", "FP610"), []),
        (("--select", "FP", "--starlette-target-version", "0.50"), []),
        (("--select", "FP610", "--starlette-target-version", "0.50"), [6, 11]),
    ],
)
def test_a_partly_opt_in_code_reports_its_default_findings(
    tmp_path: Path, args: tuple[str, ...], lines: list[int]
) -> None:
    """FP610 is opt-in, except `@app.route` on Starlette 1.x (an import-time
    crash): that finding reports whenever the code is selected at all."""
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\ndependencies = ["fastapi==0.165.0"]\n')
    write(tmp_path / "app.py", ROUTES)
    out = flake8(*args, "app.py", cwd=tmp_path).stdout
    assert [int(line.split(":")[1]) for line in out.splitlines() if "FP610" in line] == lines


@pytest.mark.parametrize(("select", "lines"), [(("FP",), [6]), (("FP6",), [6]), (("FP610",), [6, 11]), (("FP1",), [])])
def test_a_partly_opt_in_code_in_the_standalone_selection(select: tuple[str, ...], lines: list[int]) -> None:
    import ast

    from flake8_fastapi_prod.context import analyze
    from flake8_fastapi_prod.registry import Selection

    found = analyze(ast.parse(ROUTES), "app.py", Selection(select=select))
    assert [f.line for f in found if f.code == "FP610"] == lines
