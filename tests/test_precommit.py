"""The ``fastapi-prod`` pre-commit hook: fixes, then fails only on what is left."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from flake8_fastapi_prod.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXABLE = "import time\n\n\nasync def handler():\n    time.sleep(1)\n"
LEFT = "import requests\n\n\nasync def handler():\n    return requests.get('http://x')\n"


def hook(hook_id: str) -> dict[str, object]:
    """The hook's entry and args, read from .pre-commit-hooks.yaml (flat YAML)."""
    hooks: dict[str, dict[str, object]] = {}
    current: dict[str, object] = {}
    for line in (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8").splitlines():
        key, _, value = line.strip().lstrip("- ").partition(": ")
        if line.startswith("- id:"):
            current = hooks.setdefault(value, {})
        elif key in ("entry", "args"):
            current[key] = value
    return hooks[hook_id]


def hook_argv(hook_id: str) -> list[str]:
    spec = hook(hook_id)
    args = str(spec.get("args", "[]")).strip("[]")
    return [*shlex.split(str(spec["entry"])), *[a.strip() for a in args.split(",") if a.strip()]]


def test_hook_command_fixes_then_fails_on_what_is_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    argv = hook_argv("fastapi-prod")
    assert argv[:2] == ["fastapi-prod", "check"] and "--fix" in argv and "--force-exclude" in argv
    (tmp_path / "a.py").write_text(FIXABLE, encoding="utf-8")
    (tmp_path / "b.py").write_text(LEFT, encoding="utf-8")
    assert main([*argv[1:], "a.py"]) == 0  # fixed: nothing left
    assert "await asyncio.sleep(1)" in (tmp_path / "a.py").read_text(encoding="utf-8")
    assert main([*argv[1:], "a.py", "b.py"]) == 1  # only the finding without a fix fails it
    out = capsys.readouterr().out
    assert "b.py:5:12: FP102" in out and "a.py" not in out
    (tmp_path / ".gitignore").write_text("b.py\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    assert main([*argv[1:], "b.py"]) == 0  # --force-exclude: staged but ignored files are skipped


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_pre_commit_try_repo(tmp_path: Path) -> None:
    """A real ``pre-commit try-repo`` of this checkout (installs the hook's
    environment from the working tree, as a user's pre-commit would)."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "app.py").write_text(FIXABLE, encoding="utf-8")
    (project / "left.py").write_text(LEFT, encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "GIT_AUTHOR_NAME": "t"}
    git = ["git", "-c", "user.email=t@example.invalid", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], cwd=project, check=True)
    subprocess.run([*git, "add", "."], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "init"], cwd=project, check=True)

    def try_repo(*files: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "fastapi-prod", "--files", *files]
        return subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, timeout=600)

    fixed = try_repo("app.py")
    # pre-commit fails a hook that modified files (so they are re-staged);
    # the hook itself found nothing left.
    assert "files were modified by this hook" in fixed.stdout, fixed.stdout + fixed.stderr
    assert "exit code" not in fixed.stdout and "(1 fixed, 0 remaining)" in fixed.stdout
    assert "await asyncio.sleep(1)" in (project / "app.py").read_text(encoding="utf-8")
    clean = try_repo("app.py")
    assert clean.returncode == 0 and "Passed" in clean.stdout, clean.stdout
    left = try_repo("left.py")
    assert left.returncode == 1 and "exit code: 1" in left.stdout and "left.py:5:12: FP102" in left.stdout
