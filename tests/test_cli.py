"""fastapi-prod-fix as users run it: modes, exit codes, bad input, file care."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from flake8_fastapi_prod.fix.cli import main

FLAGGED = "import time\n\n\nasync def handler():\n    time.sleep(1)\n"
FIXED = "import asyncio\n\n\nasync def handler():\n    await asyncio.sleep(1)\n"
CLEAN = "import asyncio\n\n\nasync def handler():\n    await asyncio.sleep(1)\n"


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No config of this repository leaks into the runs."""
    monkeypatch.chdir(tmp_path)


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def test_write_mode_fixes_in_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = write(tmp_path / "app.py", FLAGGED)
    assert main([str(target)]) == 0
    assert target.read_text(encoding="utf-8") == FIXED
    assert "fixed 1 finding in 1 file (FP101 1)" in capsys.readouterr().err


def test_diff_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = write(tmp_path / "app.py", FLAGGED)
    assert main(["--diff", str(target)]) == 0
    out = capsys.readouterr().out
    assert "-    time.sleep(1)" in out and "+    await asyncio.sleep(1)" in out
    assert target.read_text(encoding="utf-8") == FLAGGED


def test_check_exits_1_when_something_would_change(tmp_path: Path) -> None:
    flagged = write(tmp_path / "a.py", FLAGGED)
    clean = write(tmp_path / "b.py", CLEAN)
    assert main(["--check", str(flagged)]) == 1
    assert main(["--check", str(clean)]) == 0
    assert main(["--check", "--diff", str(flagged)]) == 1
    assert flagged.read_text(encoding="utf-8") == FLAGGED


def test_check_prints_one_line_per_file_not_the_diff(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "a.py", FLAGGED)
    write(tmp_path / "b.py", FLAGGED + "\n\nasync def other():\n    time.sleep(2)\n")
    write(tmp_path / "c.py", CLEAN)
    assert main(["--check", "-j", "1", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines() == [
        f"would fix 1 finding in {tmp_path / 'a.py'}",
        f"would fix 2 findings in {tmp_path / 'b.py'}",
    ]
    assert "---" not in out and "@@" not in out


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("spelling", [".", "./app", "absolute", "app/routes.py"])
def test_diff_applies_with_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spelling: str) -> None:
    repo = tmp_path / "repo"
    (repo / "app").mkdir(parents=True)
    routes = write(repo / "app" / "routes.py", FLAGGED)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    monkeypatch.chdir(repo)
    path = str(repo) if spelling == "absolute" else spelling
    result = subprocess.run(
        [sys.executable, "-m", "flake8_fastapi_prod.fix", "--diff", path], capture_output=True, cwd=repo, check=False
    )
    assert result.returncode == 0, result.stderr
    patch = result.stdout
    assert patch.startswith(b"--- a/app/routes.py\n+++ b/app/routes.py\n")
    check = subprocess.run(["git", "apply", "--check", "-"], input=patch, cwd=repo, capture_output=True, check=False)
    assert check.returncode == 0, check.stderr
    subprocess.run(["git", "apply", "-"], input=patch, cwd=repo, check=True)
    assert routes.read_text(encoding="utf-8") == FIXED


def test_stdin_with_paths_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = write(tmp_path / "a.py", FLAGGED)
    assert main(["-", str(target)]) == 2
    assert "'-' (stdin) cannot be combined with other paths" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == FLAGGED


def test_a_directory_without_python_files_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "docs"
    empty.mkdir()
    (empty / "index.md").write_text("# hi\n", encoding="utf-8")
    assert main([str(empty)]) == 0
    assert f"{empty}: no Python files found" in capsys.readouterr().err
    assert main([str(tmp_path / "missing")]) == 2
    assert "no such file or directory" in capsys.readouterr().err


@pytest.mark.parametrize(("value", "ok"), [("auto", True), ("3", True), ("0", False), ("many", False)])
def test_jobs_option(value: str, ok: bool) -> None:
    from flake8_fastapi_prod.fix.cli import build_parser

    parser = build_parser()
    if ok:
        jobs = parser.parse_args(["-j", value, "x.py"]).jobs
        assert jobs == (os.cpu_count() or 1 if value == "auto" else int(value))
    else:
        with pytest.raises(SystemExit):
            parser.parse_args(["-j", value, "x.py"])
    assert parser.parse_args(["x.py"]).jobs == (os.cpu_count() or 1), "the default is every core"


def test_parallel_output_order_is_the_serial_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for index in range(9):
        body = FLAGGED if index % 3 else CLEAN
        write(tmp_path / f"m{index}.py", body + "\n" * index)
    write(tmp_path / "broken.py", "def f(:\n")
    outputs = []
    for jobs in ("1", "3"):
        assert main(["--diff", "-j", jobs, str(tmp_path)]) == 2
        captured = capsys.readouterr()
        outputs.append((captured.out, captured.err))
    assert outputs[0] == outputs[1]
    assert outputs[0][0].index("m1.py") < outputs[0][0].index("m2.py") < outputs[0][0].index("m8.py")


def test_clean_file_is_untouched_byte_for_byte(tmp_path: Path) -> None:
    target = write(tmp_path / "clean.py", CLEAN)
    before = target.stat()
    assert main([str(target)]) == 0
    after = target.stat()
    assert target.read_bytes() == CLEAN.encode()
    assert before.st_mtime_ns == after.st_mtime_ns and before.st_ino == after.st_ino


def test_unparseable_file_is_reported_and_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = write(tmp_path / "broken.py", "def f(:\n")
    good = write(tmp_path / "good.py", FLAGGED)
    assert main([str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"{broken}: error: cannot parse" in err
    assert "Traceback" not in err
    assert broken.read_text(encoding="utf-8") == "def f(:\n"
    assert good.read_text(encoding="utf-8") == FIXED


def test_undecodable_file_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "latin.py"
    bad.write_bytes(b"x = '\xe9'\n")
    assert main([str(bad)]) == 2
    assert f"{bad}: error: cannot decode" in capsys.readouterr().err


def test_missing_path_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "nope.py")]) == 2
    assert "no such file or directory" in capsys.readouterr().err


def test_no_paths_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "give at least one path" in capsys.readouterr().err


def test_explain_and_list_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--explain", "fp201"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("FP201 (unawaited-async-session-call)") and "## Why is this bad?" in text
    assert main(["--explain", "FP999"]) == 2
    assert main(["--list-rules"]) == 0
    assert "FP101" in capsys.readouterr().out


def test_select_and_ignore(tmp_path: Path) -> None:
    target = write(tmp_path / "app.py", FLAGGED)
    assert main(["--check", "--ignore", "FP101", str(target)]) == 0
    assert main(["--check", "--select", "FP2", str(target)]) == 0
    assert main(["--check", "--select", "FP1", str(target)]) == 1


def test_noqa_is_honoured(tmp_path: Path) -> None:
    bare = write(tmp_path / "a.py", FLAGGED.replace("sleep(1)", "sleep(1)  # noqa"))
    coded = write(tmp_path / "b.py", FLAGGED.replace("sleep(1)", "sleep(1)  # noqa: FP101"))
    other = write(tmp_path / "c.py", FLAGGED.replace("sleep(1)", "sleep(1)  # noqa: FP201"))
    assert main(["--check", str(bare)]) == 0
    assert main(["--check", str(coded)]) == 0
    assert main(["--check", str(other)]) == 1


def test_crlf_bom_and_mode_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "win.py"
    target.write_bytes(b"\xef\xbb\xbf" + FLAGGED.replace("\n", "\r\n").encode())
    os.chmod(target, 0o750)
    assert main([str(target)]) == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:] == FIXED.replace("\n", "\r\n").encode()
    assert stat.S_IMODE(target.stat().st_mode) == 0o750


def test_pep263_encoding_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "latin.py"
    source = "# -*- coding: latin-1 -*-\nimport time\n\n\nasync def f():\n    x = 'café'\n    time.sleep(1)\n"
    target.write_bytes(source.encode("latin-1"))
    assert main([str(target)]) == 0
    assert target.read_bytes().decode("latin-1") == source.replace("import time\n", "import asyncio\n").replace(
        "    time.sleep(1)", "    await asyncio.sleep(1)"
    )


def test_symlink_target_is_written_and_link_kept(tmp_path: Path) -> None:
    real = write(tmp_path / "real.py", FLAGGED)
    link = tmp_path / "link.py"
    link.symlink_to(real)
    assert main([str(link)]) == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == FIXED


def test_stdin_to_stdout(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "flake8_fastapi_prod.fix", "-"],
        input=FLAGGED.encode(),
        capture_output=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0
    assert result.stdout.decode() == FIXED


def test_stdin_that_does_not_parse_is_echoed(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "flake8_fastapi_prod.fix", "-", "--stdin-display-name", "app.py"],
        input=b"def f(:\n",
        capture_output=True,
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert result.stdout == b"def f(:\n"
    assert result.stderr.decode().startswith("app.py: error: cannot parse")


def test_parallel_jobs_give_the_same_result(tmp_path: Path) -> None:
    for index in range(6):
        write(tmp_path / f"m{index}.py", FLAGGED)
    assert main(["-j", "2", str(tmp_path)]) == 0
    assert all((tmp_path / f"m{i}.py").read_text(encoding="utf-8") == FIXED for i in range(6))


def test_directories_skip_virtualenvs(tmp_path: Path) -> None:
    venv = tmp_path / ".venv" / "lib"
    venv.mkdir(parents=True)
    inside = write(venv / "dep.py", FLAGGED)
    assert main([str(tmp_path)]) == 0
    assert inside.read_text(encoding="utf-8") == FLAGGED


def test_broken_pipe_is_quiet(tmp_path: Path) -> None:
    for index in range(40):
        write(tmp_path / f"m{index}.py", FLAGGED * 20)
    result = subprocess.run(
        f"{sys.executable} -m flake8_fastapi_prod.fix --diff . | head -1",
        shell=True,
        capture_output=True,
        cwd=tmp_path,
    )
    assert b"Traceback" not in result.stderr


def test_mixed_newlines_are_kept_line_by_line(tmp_path: Path) -> None:
    target = tmp_path / "mixed.py"
    target.write_bytes(b"import time\r\n\nimport fastapi\r\n\r\n\r\nasync def handler():\n    time.sleep(1)\r\n")
    assert main([str(target)]) == 0
    assert target.read_bytes() == (
        b"import asyncio\r\n\nimport fastapi\r\n\r\n\r\nasync def handler():\n    await asyncio.sleep(1)\r\n"
    )


def test_a_fix_that_would_not_compile_leaves_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """compile(), not only ast.parse: a repeated keyword parses."""
    from flake8_fastapi_prod.fix import engine

    target = write(tmp_path / "app.py", FLAGGED)
    real = engine.apply_fixes

    def repeated_keyword(source: str, findings: object, **kwargs: object) -> tuple[str, list[object]]:
        code, applied = real(source, findings, **kwargs)  # type: ignore[arg-type]
        return code + "print(end='', end='')\n", applied  # type: ignore[return-value]

    monkeypatch.setattr(engine, "apply_fixes", repeated_keyword)
    assert main(["-j", "1", str(target)]) == 2
    assert "produced code that does not compile" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == FLAGGED
