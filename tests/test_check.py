"""``fastapi-prod check`` and ``fastapi-prod rule`` as users run them:
exit codes, every output format, fixing, file selection, configuration
precedence, and the same findings as ``flake8 --select FP``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from flake8_fastapi_prod.cli import main
from flake8_fastapi_prod.fix.cli import main as fix_main

ROOT = Path(__file__).resolve().parent.parent
FLAGGED = "import time\n\n\nasync def handler():\n    time.sleep(1)\n"
CLEAN = "import asyncio\n\n\nasync def handler():\n    await asyncio.sleep(1)\n"
UNSAFE = (
    "from sqlalchemy.ext.asyncio import create_async_engine\n\n"
    "engine = create_async_engine('postgresql+asyncpg://h/db', echo=True)\n"
)
NO_FIX = "import requests\n\n\nasync def handler():\n    return requests.get('http://x')\n"
NON_ASCII = 'import time\n\n\nasync def handler():\n    s = "h\u00e9 \U0001d11e"; time.sleep(1)\n'


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- exit codes and the text formats ----------------------------------------------


def test_clean_tree_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "app.py", CLEAN)
    assert run(capsys, ".") == (0, "All checks passed!\n", "")


def test_findings_exit_1_with_fix_marker_and_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "a.py", FLAGGED)
    write(tmp_path / "b.py", UNSAFE)
    write(tmp_path / "c.py", NO_FIX)
    code, out, _ = run(capsys, "--output-format", "concise", ".")
    assert code == 1
    assert out.splitlines() == [
        "a.py:5:5: FP101 [*] time.sleep() inside async def blocks the event loop for every request; "
        "use await asyncio.sleep()",
        "b.py:3:59: FP206 create_async_engine(echo=True) logs every statement with its parameters; "
        "remove it or read it from settings",
        "c.py:5:12: FP102 requests.get() blocks the event loop inside async def; use httpx.AsyncClient",
        "Found 3 errors.",
        "[*] 1 fixable with `--fix` (1 unsafe fix available with `--fix --unsafe-fixes`).",
    ]
    code, out, _ = run(capsys, "--output-format", "concise", "--unsafe-fixes", "b.py")
    assert code == 1 and "FP206 [*]" in out and out.endswith("[*] 1 fixable with `--fix`.\n")
    code, out, _ = run(capsys, "--output-format", "concise", "b.py")
    assert out.endswith("Found 1 error.\n1 unsafe fix available with `--fix --unsafe-fixes`.\n")
    assert run(capsys, "--exit-zero", "-q", "a.py")[0] == 0


def test_missing_path_and_syntax_error_are_finding_lines_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "ok.py", FLAGGED)
    write(tmp_path / "broken.py", "def f(:\n    pass\n")
    os.symlink("loop", tmp_path / "loop")
    code, out, _ = run(capsys, "--output-format", "concise", "ok.py", "broken.py", "nope.py", "loop")
    assert code == 2
    lines = out.splitlines()
    assert "broken.py:1:7: E999 SyntaxError: invalid syntax" in lines
    assert "nope.py:1:1: E902 No such file or directory" in lines
    assert "loop:1:1: E902 Too many levels of symbolic links" in lines
    assert any(line.startswith("ok.py:5:5: FP101") for line in lines)
    assert run(capsys, "--exit-zero", "nope.py")[0] == 2  # errors are never waved through
    write(tmp_path / "only_broken" / "x.py", "x = (\n")
    assert run(capsys, "only_broken")[0] == 2


def test_full_format_shows_the_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "a.py", NON_ASCII)
    code, out, _ = run(capsys, "a.py")
    assert code == 1
    assert out.splitlines()[:7] == [
        "a.py:5:17: FP101 [*] time.sleep() inside async def blocks the event loop for every request; "
        "use await asyncio.sleep()",
        "  |",
        "3 |",
        "4 | async def handler():",
        '5 |     s = "h\u00e9 \U0001d11e"; time.sleep(1)',
        "  |                 ^^^^^^^^^^^^^ FP101",
        "  |",
    ]
    assert out.endswith("Found 1 error.\n[*] 1 fixable with `--fix`.\n")


def test_statistics(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "a.py", FLAGGED)
    write(tmp_path / "b.py", FLAGGED)
    write(tmp_path / "c.py", NO_FIX)
    code, out, _ = run(capsys, "--statistics", ".")
    assert code == 1
    assert out.splitlines()[:2] == ["2\tFP101\t[*] time-sleep-in-async", "1\tFP102\t[ ] blocking-http-in-async"]
    code, out, _ = run(capsys, "--statistics", "--output-format", "json", ".")
    assert json.loads(out)[0] == {
        "code": "FP101",
        "name": "time-sleep-in-async",
        "count": 2,
        "fixable": True,
        "fixable_count": 2,
    }


# -- machine formats --------------------------------------------------------------


def test_json_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "a.py", NON_ASCII)
    code, out, _ = run(capsys, "--output-format", "json", "a.py")
    (row,) = json.loads(out)
    assert code == 1
    assert row["code"] == "FP101" and row["name"] == "time-sleep-in-async"
    assert row["location"] == {"row": 5, "column": 17} and row["end_location"] == {"row": 5, "column": 30}
    assert row["fix"] == {"applicability": "safe", "applicable": True}
    assert row["filename"] == str(tmp_path / "a.py") and row["noqa_row"] == 5 and row["url"].endswith("#fp101")


def test_sarif_format_is_sarif_2_1_0_with_utf16_columns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "a.py", NON_ASCII)
    write(tmp_path / "broken.py", "x = (\n")
    code, out, _ = run(capsys, "--output-format", "sarif", ".")
    document = json.loads(out)
    assert code == 2
    assert document["version"] == "2.1.0" and document["$schema"].endswith("sarif-2.1.0.json")
    (run_,) = document["runs"]
    assert run_["columnKind"] == "utf16CodeUnits"
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["E999", "FP101"]
    assert rules[1]["name"] == "time-sleep-in-async" and rules[1]["helpUri"].endswith("#fp101")
    result = next(r for r in run_["results"] if r["ruleId"] == "FP101")
    assert rules[result["ruleIndex"]]["id"] == "FP101" and result["level"] == "error"
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "a.py"
    line = NON_ASCII.splitlines()[4]
    utf16 = len(line[: line.index("time")].encode("utf-16-le")) // 2
    assert location["region"] == {"startLine": 5, "startColumn": utf16 + 1, "endLine": 5, "endColumn": utf16 + 14}


def test_github_format_is_workflow_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "a,b.py", FLAGGED)
    code, out, _ = run(capsys, "--output-format", "github", ".")
    assert code == 1
    assert out == (
        "::error title=fastapi-prod (FP101),file=a%2Cb.py,line=5,col=5,endLine=5,endColumn=18::"
        "a,b.py:5:5: FP101 [*] time.sleep() inside async def blocks the event loop for every request; "
        "use await asyncio.sleep()\n"
    )


def test_gitlab_format_is_code_quality(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "a.py", FLAGGED + "    time.sleep(1)\n")
    code, out, _ = run(capsys, "--output-format", "gitlab", "a.py")
    rows = json.loads(out)
    assert code == 1 and len(rows) == 2
    for row in rows:
        assert set(row) == {"check_name", "description", "severity", "fingerprint", "location"}
        assert row["check_name"] == "FP101" and row["severity"] == "major"
        assert row["location"]["path"] == "a.py" and row["location"]["positions"]["begin"]["line"] in (5, 6)
    assert rows[0]["fingerprint"] != rows[1]["fingerprint"]  # same text on two lines: still distinct


# -- fixing ---------------------------------------------------------------------------


def test_fix_writes_what_the_fixer_writes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shop = ROOT / "examples" / "shop"
    for folder in ("check", "fixer"):
        subprocess.run(["cp", "-r", str(shop), str(tmp_path / folder)], check=True)
    code, out, _ = run(capsys, "--fix", "--output-format", "concise", "check")
    assert code == 1  # what has no fix is left
    assert fix_main(["-q", "fixer"]) == 0
    capsys.readouterr()
    for path in sorted((tmp_path / "fixer").rglob("*.py")):
        twin = tmp_path / "check" / path.relative_to(tmp_path / "fixer")
        assert twin.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), path
    assert "fixed, " in out.splitlines()[-1] or "fixed, " in out.splitlines()[-2]
    assert "[*]" not in out


@pytest.mark.parametrize("unsafe", [[], ["--unsafe-fixes"]])
def test_fix_marker_and_fix_agree_with_the_fixer_on_testdata(
    unsafe: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file has a ``[*]`` finding exactly when ``fastapi-prod-fix`` would
    change it, and ``check --fix`` writes what the fixer writes."""
    for folder in ("check", "fixer"):
        subprocess.run(["cp", "-r", str(ROOT / "testdata"), str(tmp_path / folder)], check=True)
    rows = json.loads(run(capsys, "--output-format", "json", *unsafe, "check")[1])
    marked = {
        os.path.relpath(row["filename"], tmp_path / "check") for row in rows if (row["fix"] or {}).get("applicable")
    }
    for path in sorted((tmp_path / "fixer").rglob("*.py")):
        name = str(path.relative_to(tmp_path / "fixer"))
        status = fix_main(["--check", "-q", *unsafe, str(path)])
        if status == 2:  # the fixer refused the file (check --fix reports it too)
            continue
        assert (status == 1) == (name in marked), name
    capsys.readouterr()
    run(capsys, "--fix", *unsafe, "check")
    fix_main(["-q", *unsafe, str(tmp_path / "fixer")])
    capsys.readouterr()
    for path in sorted((tmp_path / "fixer").rglob("*.py")):
        twin = tmp_path / "check" / path.relative_to(tmp_path / "fixer")
        assert twin.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), path


def test_fix_exit_codes_and_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = write(tmp_path / "a.py", FLAGGED)
    twin = write(tmp_path / "twin" / "a.py", FLAGGED)
    assert run(capsys, "--fix", "a.py") == (0, "Found 1 error (1 fixed, 0 remaining).\n", "")
    assert fix_main(["-q", str(twin)]) == 0
    assert target.read_text(encoding="utf-8") == twin.read_text(encoding="utf-8") != FLAGGED
    write(tmp_path / "b.py", FLAGGED + NO_FIX.replace("import requests\n", "import requests\n", 1))
    both = write(tmp_path / "c.py", "import requests\n" + FLAGGED + "    return requests.get('x')\n")
    code, out, _ = run(capsys, "--fix", "--output-format", "concise", "c.py")
    assert code == 1 and out.endswith("Found 2 errors (1 fixed, 1 remaining).\n")
    assert "await asyncio.sleep(1)" in both.read_text(encoding="utf-8")


def test_diff_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = write(tmp_path / "a.py", FLAGGED)
    code, out, err = run(capsys, "--diff", "a.py")
    assert code == 1
    assert "-    time.sleep(1)\n" in out and "+    await asyncio.sleep(1)\n" in out
    assert err == "Would fix 1 error.\n"
    assert target.read_text(encoding="utf-8") == FLAGGED
    write(tmp_path / "b.py", UNSAFE)
    assert run(capsys, "--diff", "b.py") == (
        0,
        "",
        "No errors would be fixed (1 fix available with `--unsafe-fixes`).\n",
    )


def test_noqa_like_flake8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(
        tmp_path / "a.py",
        "import time\n\n\nasync def handler():\n"
        "    time.sleep(1)  # noqa: FP101\n"
        "    time.sleep(1)  # noqa:FP1\n"
        "    time.sleep(1)  # noqa\n"
        "    time.sleep(1)  # noqa: E501\n"
        '    time.sleep(1); x = """\n    """  # noqa: FP101\n',
    )
    write(tmp_path / "skipped.py", "# flake8: noqa\n" + FLAGGED)
    code, out, _ = run(capsys, "--output-format", "concise", ".")
    assert code == 1
    assert [line.split(": ")[0] for line in out.splitlines()[:-2]] == ["a.py:8:5"]


# -- files ------------------------------------------------------------------------------


def test_excludes_gitignore_and_show_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", "generated/\n*_pb2.py\n")
    for name in ("app/main.py", "app/api_pb2.py", "generated/x.py", ".venv/lib/y.py", "legacy/old.py", "stub.pyi"):
        write(tmp_path / name, FLAGGED)
    assert run(capsys, "--show-files", ".")[1].split() == ["app/main.py", "legacy/old.py"]
    assert run(capsys, "--show-files", "--extend-exclude", "legacy", ".")[1].split() == ["app/main.py"]
    shown = run(capsys, "--show-files", "--no-respect-gitignore", ".")[1].split()
    assert shown == ["app/api_pb2.py", "app/main.py", "generated/x.py", "legacy/old.py"]
    assert run(capsys, "--show-files", "--exclude", "", ".")[1].split()[0] == ".venv/lib/y.py"
    # A file named on the command line is checked, unless --force-exclude.
    assert run(capsys, "--show-files", "generated/x.py", "stub.pyi")[1].split() == ["generated/x.py", "stub.pyi"]
    assert run(capsys, "--show-files", "--force-exclude", "generated/x.py", "app/main.py")[1].split() == ["app/main.py"]
    code, out, _ = run(capsys, "-q", "--output-format", "concise", ".")
    assert code == 1 and len(out.splitlines()) == 2
    # A folder named on the command line that a .gitignore above it
    # ignores is still checked (only the .gitignore files inside it apply).
    write(tmp_path / "generated" / ".gitignore", "skip_*.py\n")
    write(tmp_path / "generated" / "skip_me.py", FLAGGED)
    assert run(capsys, "--show-files", "generated")[1].split() == ["generated/x.py"]
    (tmp_path / "empty").mkdir()
    code, out, err = run(capsys, "empty")
    assert code == 0 and "no Python files found under empty" in err


def test_parallel_equals_serial(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for index in range(40):
        write(tmp_path / f"pkg{index % 3}" / f"m{index}.py", FLAGGED if index % 2 else NO_FIX)
    serial = run(capsys, "-j", "1", "--output-format", "json", ".")
    parallel = run(capsys, "-j", "2", "--output-format", "json", ".")
    assert serial == parallel and serial[0] == 1 and len(json.loads(serial[1])) == 40


def test_progress_only_on_a_terminal(tmp_path: Path) -> None:
    import pty

    for index in range(60):
        write(tmp_path / f"m{index}.py", CLEAN)
    command = [sys.executable, "-m", "flake8_fastapi_prod.cli", "check", "-j", "1", "."]
    piped = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)
    assert piped.returncode == 0 and piped.stderr == ""
    main_fd, child_fd = pty.openpty()
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=child_fd, cwd=tmp_path) as process:
        os.close(child_fd)
        output = process.communicate()[0]
        seen = b""
        try:
            while chunk := os.read(main_fd, 65536):
                seen += chunk
        except OSError:
            pass
    os.close(main_fd)
    assert process.returncode == 0 and output == b"All checks passed!\n"
    assert b"Checking 60/60 files" in seen


def test_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO(FLAGGED))
    code, out, _ = run(capsys, "--output-format", "concise", "--stdin-filename", "app/x.py", "-")
    assert code == 1 and out.startswith("app/x.py:5:5: FP101 [*]")


# -- configuration ------------------------------------------------------------------------


def test_config_precedence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "a.py", FLAGGED + NO_FIX.split("\n", 1)[1].replace("async def handler", "async def other"))
    (tmp_path / "a.py").write_text("import requests\n" + (tmp_path / "a.py").read_text(), encoding="utf-8")

    def codes(*args: str) -> list[str]:
        out = run(capsys, "--output-format", "json", *args, "a.py")[1]
        return sorted(row["code"] for row in json.loads(out))

    assert codes() == ["FP101", "FP102"]
    write(tmp_path / "setup.cfg", "[flake8]\nextend-ignore = FP101\n")
    assert codes() == ["FP102"]  # [flake8]
    write(tmp_path / "pyproject.toml", '[tool.fastapi-prod]\nignore = ["FP102"]\n')
    assert codes() == []  # [tool.fastapi-prod] on top of [flake8]: ignore FP102, extend-ignore FP101
    write(tmp_path / "other.toml", 'ignore = ["FP101"]\n')
    assert codes("--config", "other.toml") == ["FP102"]  # --config FILE: no discovery
    assert codes("--config", "other.toml", "--config", "ignore = []") == ["FP101", "FP102"]  # KEY=VALUE over FILE
    # flags over --config KEY=VALUE
    assert codes("--config", "other.toml", "--config", "ignore = ['FP101']", "--ignore", "FP102") == ["FP101"]
    assert codes("--config", "ignore = ['FP101']", "--ignore", "FP102") == []  # setup.cfg's extend-ignore stays
    assert codes("--extend-select", "FP207") == []
    settings = run(capsys, "--show-settings")[1]
    assert f"configuration files: {tmp_path / 'setup.cfg'}, {tmp_path / 'pyproject.toml'}" in settings
    assert "ignore: FP102, FP101" in settings and "respect-gitignore: true" in settings
    shown = run(capsys, "--show-settings", "--pydantic-target-version", "1.10", "--no-respect-gitignore")[1]
    assert "pydantic-target-version: 1.10  (--pydantic-target-version)" in shown
    assert "respect-gitignore: false" in shown
    write(tmp_path / "pyproject.toml", "[tool.fastapi-prod]\nrespect-gitignore = false\nforce-exclude = true\n")
    shown = run(capsys, "--show-settings")[1]
    assert "respect-gitignore: false" in shown and "force-exclude: true" in shown


def test_bad_config_is_a_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "a.py", FLAGGED)
    write(tmp_path / "pyproject.toml", '[tool.fastapi-prod]\nfastapi-target-version = "latest"\n')
    code, _, err = run(capsys, "a.py")
    assert code == 2 and "not a version" in err and "Traceback" not in err
    code, _, err = run(capsys, "--config", "missing.toml", "a.py")
    assert code == 2 and "missing.toml: no such file" in err


def test_per_file_ignores_and_target_version(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "tox.ini", "[flake8]\nper-file-ignores =\n    legacy/*.py:FP101\n")
    write(tmp_path / "legacy" / "old.py", FLAGGED)
    write(tmp_path / "new.py", FLAGGED)
    out = run(capsys, "--output-format", "concise", ".")[1]
    assert "new.py:5:5: FP101" in out and "old.py" not in out


# -- the same findings as flake8 ---------------------------------------------------------------


def _flake8_findings(paths: list[str], cwd: Path) -> Counter[tuple[str, int, str]]:
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--select", "FP", "--format=%(path)s|%(row)d|%(code)s", *paths],
        capture_output=True,
        text=True,
        cwd=cwd,
    )
    rows = [line.split("|") for line in result.stdout.splitlines()]
    return Counter((os.path.normpath(path), int(row), code) for path, row, code in rows)


@pytest.mark.parametrize("paths", [["testdata"], ["examples/shop"]])
def test_same_findings_as_flake8(
    paths: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    out = run(capsys, "--output-format", "json", *paths)[1]
    ours = Counter(
        (os.path.relpath(row["filename"], ROOT), row["location"]["row"], row["code"]) for row in json.loads(out)
    )
    theirs = _flake8_findings(paths, ROOT)
    assert ours == theirs and sum(ours.values()) > 10


# -- rule -----------------------------------------------------------------------------------


def test_rule_docs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rule", "FP201"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# FP201 unawaited-async-session-call\n") and "## What it does" in out
    assert main(["rule", "--all", "--output-format", "json"]) == 0
    rules = json.loads(capsys.readouterr().out)
    assert {"code", "name", "summary", "default", "fix", "url", "explanation"} <= set(rules[0])
    assert [r["code"] for r in rules] == sorted(r["code"] for r in rules) and len(rules) > 20
    assert main(["rule", "fp101", "--output-format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["fix"] == "safe"
    assert main(["rule", "FP999"]) == 2
    assert "no rule" in capsys.readouterr().err


def test_console_script_and_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "flake8_fastapi_prod.cli", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout.startswith("fastapi-prod ")
    assert main([]) == 2
    with pytest.raises(SystemExit) as raised:
        main(["check", "--output-format", "xml"])
    assert raised.value.code == 2


# -- the README's claims about flake8 and Ruff ------------------------------------------------


def test_flake8_select_fp_alone_passes_on_a_missing_path_but_not_with_e902_e999(tmp_path: Path) -> None:
    write(tmp_path / "broken.py", "def f(:\n")

    def flake8(*args: str) -> int:
        return subprocess.run([sys.executable, "-m", "flake8", *args], capture_output=True, cwd=tmp_path).returncode

    assert flake8("--select", "FP", "missing.py") == 0
    assert flake8("--select", "FP", "broken.py") == 0
    assert flake8("--select", "FP,E902,E999", "missing.py") == 1
    assert flake8("--select", "FP,E902,E999", "broken.py") == 1


def _ruff() -> str:
    ruff = Path(sys.executable).with_name("ruff")
    if not ruff.exists():
        pytest.skip("ruff is not installed (the lint extras)")
    return str(ruff)


def test_ruff_keeps_noqa_fp_with_external(tmp_path: Path) -> None:
    write(tmp_path / "a.py", "import time\n\n\nasync def h():\n    time.sleep(1)  # noqa: FP101\n")
    lint = '[tool.ruff.lint]\nselect = ["RUF100", "RUF102"]\n'

    def ruff() -> str:
        command = [_ruff(), "check", "--no-cache", "--output-format", "concise", "a.py"]
        return subprocess.run(command, capture_output=True, text=True, cwd=tmp_path).stdout

    write(tmp_path / "pyproject.toml", lint)
    assert "Invalid rule code in `# noqa`: FP101" in ruff()
    write(tmp_path / "pyproject.toml", lint + 'external = ["FP"]\n')
    assert ruff() == "All checks passed!\n"


def test_readme_ruff_overlap_table_holds(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Each pair in the README's table: Ruff reports the rule on a line we
    report the code on (test data, Ruff's rules as the README names them)."""
    monkeypatch.chdir(ROOT)
    command = [_ruff(), "check", "--isolated", "--select", "ASYNC,RUF006", "--output-format", "json"]
    ruff_rows = json.loads(subprocess.run([*command, "testdata"], capture_output=True, text=True).stdout)
    ruff_lines: dict[tuple[str, int], set[str]] = {}
    for row in ruff_rows:
        ruff_lines.setdefault((row["filename"], row["location"]["row"]), set()).add(row["code"])
    ours = json.loads(run(capsys, "--output-format", "json", "testdata")[1])
    pairs = {
        (row["code"], code) for row in ours for code in ruff_lines.get((row["filename"], row["location"]["row"]), ())
    }
    table = {
        ("FP101", "ASYNC251"),
        ("FP102", "ASYNC210"),
        ("FP102", "ASYNC212"),
        ("FP103", "ASYNC220"),
        ("FP103", "ASYNC221"),
        ("FP103", "ASYNC230"),
        ("FP103", "ASYNC240"),
        ("FP106", "RUF006"),
    }
    assert table <= pairs
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for fp, ruff in table:
        assert ruff in readme and fp in readme
