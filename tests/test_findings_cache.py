"""The findings cache of ``fastapi-prod check``: a re-run on an unchanged
tree answers from it, and any change that can change a file's findings
(its text, a module it consulted, a file a search of it now matches, the
settings) makes that file a miss. Each run is a process of its own, as a
user's is.

Every test runs twice: with the run snapshot (:mod:`flake8_fastapi_prod.cli.snapshot`)
written after each run (its "racily clean" delay off: the files here are
milliseconds old), and without it: either way the same hits, misses and
output."""

from __future__ import annotations

import json
import marshal
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import flake8_fastapi_prod
from flake8_fastapi_prod import cache
from flake8_fastapi_prod.cli import FORMATS, findings, output, snapshot
from flake8_fastapi_prod.rules.ratelimit import fp703_in_memory_limiter

DEPS = (
    "from typing import Annotated\n\n"
    "from fastapi import Depends\n"
    "from sqlalchemy.ext.asyncio import AsyncSession\n\n\n"
    "async def get_db():\n    yield None\n\n\n"
    "DbSession = Annotated[AsyncSession, Depends(get_db)]\n"
)
ROUTES = "from app.deps import DbSession\n\n\nasync def create(db: DbSession):\n    db.add(1)\n    db.commit()\n"
SETTINGS = (
    "from pydantic_settings import BaseSettings\n\n\n"
    "class AppSettings(BaseSettings):\n"
    "    debug: bool = False\n\n"
    "    class Config:\n"
    '        env_prefix = "APP_"\n'
)
WORKER = (
    "from svc.settings import AppSettings\n\n\n"
    "class WorkerSettings(AppSettings):\n"
    "    class Config(AppSettings.Config):\n"
    '        env_prefix = "WORKER_"\n'
)
FLAGGED = "import time\n\n\nasync def handler():\n    time.sleep(1)\n"


@pytest.fixture(autouse=True, params=["snapshot", "per-file"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """``snapshot``: every run may leave one; ``per-file``: none is written."""
    monkeypatch.setenv(snapshot.ENV_RACY_SECONDS, "-1e6" if request.param == "snapshot" else "1e6")
    return str(request.param)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """One ``fastapi-prod check`` process."""
    env = {**os.environ, "FASTAPI_PROD_CACHE_DIR": str(root.parent / "cache"), "FASTAPI_PROD_CACHE_STATS": "1"}
    env.pop("FASTAPI_PROD_NO_CACHE", None)
    command = [sys.executable, "-m", "flake8_fastapi_prod.cli", "check", "--output-format", "concise", *args]
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=120)


def check(root: Path, *args: str) -> tuple[str, int, int]:
    """One ``fastapi-prod check`` process: (stdout, hits, misses)."""
    done = run(root, *args)
    assert done.returncode in (0, 1), done.stderr
    match = re.search(r"findings cache: (\d+) hits, (\d+) misses", done.stderr)
    hits, misses = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
    return done.stdout, hits, misses


def replayed(root: Path, *args: str) -> bool:
    """The next run answers from the run snapshot (and says the same)."""
    done = run(root, *args)
    assert done.returncode in (0, 1), done.stderr
    return "(run snapshot)" in done.stderr


def uncached(root: Path, *args: str) -> str:
    return check(root, "--no-cache", *args)[0]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    write(root / "pyproject.toml", '[project]\nname = "proj"\ndependencies = ["fastapi>=0.115"]\n')
    write(root / "app" / "__init__.py", "")
    write(root / "app" / "deps.py", DEPS)
    write(root / "app" / "routes.py", ROUTES)
    write(root / "app" / "flagged.py", FLAGGED)
    return root


def test_rerun_on_unchanged_tree_hits(project: Path) -> None:
    first, hits, misses = check(project)
    assert (hits, misses) == (0, 4)
    assert "FP201" in first and "FP101" in first
    again, hits, misses = check(project)
    assert (hits, misses) == (4, 0)
    assert again == first == uncached(project)


def test_changed_file_misses(project: Path) -> None:
    check(project)
    write(project / "app" / "flagged.py", FLAGGED.replace("time.sleep(1)", "pass"))
    out, hits, misses = check(project)
    assert (hits, misses) == (3, 1)
    assert "FP101" not in out
    assert out == uncached(project)


def test_consulted_module_change_misses(project: Path) -> None:
    first, _, _ = check(project)
    assert "routes.py:6:5: FP201" in first
    write(project / "app" / "deps.py", DEPS.replace("Annotated[AsyncSession,", "Annotated[int,"))
    out, _, misses = check(project)
    assert misses == 2  # deps.py itself and routes.py, which asked about it
    assert "FP201" not in out
    assert out == uncached(project)


def test_module_appearing_where_a_lookup_found_none_misses(project: Path) -> None:
    (project / "app" / "deps.py").unlink()
    first, _, _ = check(project)
    assert "FP201" not in first
    write(project / "app" / "deps.py", DEPS)
    out, _, misses = check(project)
    assert misses == 2
    assert "routes.py:6:5: FP201" in out
    assert out == uncached(project)


def test_new_file_matching_a_search_misses(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    write(root / "pyproject.toml", '[project]\nname = "svc"\ndependencies = ["pydantic>=2"]\n')
    write(root / "svc" / "__init__.py", "")
    write(root / "svc" / "settings.py", SETTINGS)
    first, _, _ = check(root, "--select", "FP301")
    assert "settings.py" in first and "worker.py" not in first
    write(root / "svc" / "worker.py", WORKER)
    out, _, misses = check(root, "--select", "FP301")
    assert misses == 2  # worker.py, and settings.py whose Config is now used there
    assert "used in worker.py" in out and "used in worker.py" not in first
    assert out == uncached(root, "--select", "FP301")


def test_settings_change_misses(project: Path) -> None:
    check(project)
    out, hits, misses = check(project, "--ignore", "FP101")
    assert (hits, misses) == (0, 4)
    assert "FP101" not in out
    out, hits, misses = check(project, "--fastapi-target-version", "0.100")
    assert hits == 0
    assert out == uncached(project, "--fastapi-target-version", "0.100")


def test_corrupt_entries_miss_and_do_not_crash(project: Path) -> None:
    first, _, _ = check(project)
    entries = list((project.parent / "cache" / findings.NAMESPACE).rglob("*.json"))
    assert len(entries) == 4
    payloads = [b"{not json", b"[]", json.dumps({"schema": findings.SCHEMA, "modules": [[1]]}).encode(), b""]
    for entry, payload in zip(entries, payloads, strict=True):
        entry.write_bytes(payload)
    shutil.rmtree(project.parent / "cache" / snapshot.FOLDER, ignore_errors=True)  # it would answer
    out, hits, misses = check(project)
    assert (hits, misses) == (0, 4)
    assert out == first
    assert check(project)[1:] == (4, 0)


def test_no_cache_neither_reads_nor_writes(project: Path) -> None:
    out = uncached(project)
    assert not (project.parent / "cache" / findings.NAMESPACE).exists()
    assert not (project.parent / "cache" / snapshot.FOLDER).exists()
    check(project)
    assert check(project, "--no-cache")[1:] == (0, 0)
    assert out == check(project)[0]


def test_fix_after_a_cached_run_gives_the_same_output(project: Path, tmp_path: Path) -> None:
    check(project)
    twin = tmp_path / "twin"
    subprocess.run(["cp", "-r", str(project), str(twin)], check=True)
    out, hits, _ = check(project, "--fix")
    assert hits == 2  # the files without a fix the fixer applies
    assert out == uncached(twin, "--fix")
    for name in ("deps.py", "routes.py", "flagged.py"):
        assert (project / "app" / name).read_bytes() == (twin / "app" / name).read_bytes()
    assert "await asyncio.sleep(1)" in (project / "app" / "flagged.py").read_text()
    again, hits, misses = check(project)
    assert misses == 2  # the fixed files
    assert again == uncached(project)


def test_fp703_configuration_file_change_misses(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    write(root / "pyproject.toml", '[project]\nname = "proj"\n')
    write(root / "limits.py", "from slowapi import Limiter\n\nlimiter = Limiter(key_func=lambda r: r)\n")
    first, _, _ = check(root, "--select", "FP703")
    assert "FP703" in first
    write(root / ".env", "RATELIMIT_STORAGE_URL=redis://cache:6379\n")
    out, _, misses = check(root, "--select", "FP703")
    assert misses == 1
    assert "FP703" not in out


def test_config_globs_follow_fp703() -> None:
    assert findings.CONFIG_GLOBS == fp703_in_memory_limiter._CONFIG_GLOBS
    assert fp703_in_memory_limiter.InMemoryLimiter.code == findings.GLOB_RULE


def test_kept_answer_derived_from_another_module_carries_its_dependencies(tmp_path: Path) -> None:
    """The type of ``app.db.session`` is derived once (from ``app.base``) and
    kept for the run: the second file that uses it depends on ``app.base``
    as much as the first."""
    root = tmp_path / "proj"
    write(root / "pyproject.toml", '[project]\nname = "proj"\n')
    write(root / "app" / "__init__.py", "")
    base = "from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine\n\n"
    write(root / "app" / "base.py", base + 'SessionFactory = async_sessionmaker(create_async_engine("sqlite://"))\n')
    write(root / "app" / "db.py", "from app.base import SessionFactory\n\nsession = SessionFactory()\n")
    for name in ("a.py", "b.py"):
        write(root / "app" / name, "from app.db import session\n\n\nasync def f():\n    session.commit()\n")
    first, _, _ = check(root, "-j", "1")
    assert "a.py:5:5: FP201" in first and "b.py:5:5: FP201" in first
    sync = "from sqlalchemy import create_engine\nfrom sqlalchemy.orm import sessionmaker\n\n"
    write(root / "app" / "base.py", sync + 'SessionFactory = sessionmaker(create_engine("sqlite://"))\n')
    out, hits, misses = check(root, "-j", "1")
    assert (hits, misses) == (1, 4)  # only __init__.py is unaffected
    assert "FP201" not in out
    assert out == uncached(root)


# -- the run snapshot -----------------------------------------------------------------


def snapshot_only(mode: str) -> None:
    if mode != "snapshot":
        pytest.skip("about the run snapshot")


def test_snapshot_answers_an_unchanged_rerun(project: Path, mode: str) -> None:
    first = run(project)
    again = run(project)
    assert (again.stdout, again.returncode) == (first.stdout, first.returncode) == (again.stdout, 1)
    assert ("(run snapshot)" in again.stderr) is (mode == "snapshot")
    assert "findings cache: 4 hits, 0 misses" in again.stderr
    for args in (("--exit-zero",), ("--statistics",), ("--output-format", "json"), ("-q",)):
        first = run(project, *args)
        again = run(project, *args)
        assert (again.stdout, again.returncode) == (first.stdout, first.returncode)
        assert ("(run snapshot)" in again.stderr) is (mode == "snapshot")


def _edit_file(root: Path) -> None:
    write(root / "app" / "flagged.py", FLAGGED.replace("time.sleep(1)", "pass"))


def _new_file(root: Path) -> None:
    write(root / "app" / "more.py", FLAGGED)


def _removed_file(root: Path) -> None:
    (root / "app" / "flagged.py").unlink()


def _pyproject_table(root: Path) -> None:
    text = (root / "pyproject.toml").read_text()
    write(root / "pyproject.toml", text + '\n[tool.fastapi-prod]\nignore = ["FP101"]\n')


def _flake8_section_above(root: Path) -> None:
    write(root.parent / "tox.ini", "[flake8]\nextend-ignore = FP101\n")


def _gitignore(root: Path) -> None:
    write(root / ".gitignore", "app/flagged.py\n")


def _same_bytes_touched(root: Path) -> None:
    path = root / "app" / "flagged.py"
    path.write_bytes(path.read_bytes())


@pytest.mark.parametrize(
    "change",
    [_edit_file, _new_file, _removed_file, _pyproject_table, _flake8_section_above, _gitignore, _same_bytes_touched],
)
def test_snapshot_not_used_after_a_change(project: Path, mode: str, change: object) -> None:
    snapshot_only(mode)
    check(project)
    assert replayed(project)
    change(project)  # type: ignore[operator]
    assert not replayed(project)
    assert check(project)[0] == uncached(project)
    assert replayed(project)  # the run after the change left its own


def test_snapshot_not_used_after_a_consulted_module_outside_the_paths_changes(project: Path, mode: str) -> None:
    snapshot_only(mode)
    first, _, _ = check(project, "app/routes.py")
    assert "FP201" in first
    assert replayed(project, "app/routes.py")
    write(project / "app" / "deps.py", DEPS.replace("Annotated[AsyncSession,", "Annotated[int,"))
    assert not replayed(project, "app/routes.py")
    assert "FP201" not in check(project, "app/routes.py")[0]


def test_snapshot_not_used_when_a_module_appears_where_a_lookup_found_none(project: Path, mode: str) -> None:
    snapshot_only(mode)
    (project / "app" / "deps.py").unlink()
    check(project, "app/routes.py")
    assert replayed(project, "app/routes.py")
    write(project / "app" / "deps.py", DEPS)
    assert not replayed(project, "app/routes.py")
    assert "routes.py:6:5: FP201" in check(project, "app/routes.py")[0]


def test_snapshot_survives_unrelated_entries_above_the_project(project: Path, mode: str) -> None:
    snapshot_only(mode)
    check(project)
    write(project.parent / "notes.md", "unrelated\n")
    (project.parent / "scratch").mkdir()
    assert replayed(project)


def test_snapshot_keeps_the_exit_status_of_a_file_that_does_not_parse(project: Path, mode: str) -> None:
    snapshot_only(mode)
    write(project / "app" / "broken.py", "def (:\n")
    first = run(project)
    again = run(project)
    assert first.returncode == again.returncode == 2
    assert "E999" in first.stdout and again.stdout == first.stdout
    assert "(run snapshot)" in again.stderr


def test_no_snapshot_for_a_missing_path_or_a_fix(project: Path, mode: str) -> None:
    snapshot_only(mode)
    assert run(project, "app", "nope.py").returncode == 2
    assert "(run snapshot)" not in run(project, "app", "nope.py").stderr
    run(project, "--diff")
    assert "(run snapshot)" not in run(project, "--diff").stderr


def test_snapshot_records_the_tool_and_the_files(project: Path, mode: str) -> None:
    snapshot_only(mode)
    check(project)
    (path,) = (project.parent / "cache" / snapshot.FOLDER).glob("*.marshal")
    data = marshal.loads(path.read_bytes())
    recorded = {name for name, _ in data["stats"]}
    package = Path(flake8_fastapi_prod.__file__).resolve().parent
    assert {str(package / "__init__.py"), str(package / "cli" / "snapshot.py")} <= recorded
    assert {str(project / "app" / name) for name in ("__init__.py", "deps.py", "routes.py", "flagged.py")} <= recorded
    assert str(project / "pyproject.toml") in recorded
    assert not any(name.startswith(str(project.parent / "cache")) for name in recorded)


def test_snapshot_waits_until_the_files_have_settled(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the real delay, files written milliseconds ago leave no snapshot
    (a change within the same clock tick could go unseen)."""
    monkeypatch.delenv(snapshot.ENV_RACY_SECONDS)
    check(project)
    assert not replayed(project)
    assert not list((project.parent / "cache" / snapshot.FOLDER).glob("*"))


def test_replay_imports_nothing_else(project: Path, mode: str) -> None:
    snapshot_only(mode)
    check(project)
    script = (
        "import sys\nfrom flake8_fastapi_prod.cli import main\n"
        "code = main(['check', '--output-format', 'concise'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('flake8_fastapi_prod')), file=sys.stderr)\n"
        "print(sorted(m for m in ('libcst', 'pathspec', 'tomllib', 'ast', 'pathlib') if m in sys.modules), "
        "file=sys.stderr)\n"
    )
    env = {**os.environ, "FASTAPI_PROD_CACHE_DIR": str(project.parent / "cache")}
    done = subprocess.run([sys.executable, "-c", script], cwd=project, env=env, capture_output=True, text=True)
    ours, others = done.stderr.strip().splitlines()[-2:]
    assert ours == repr(["flake8_fastapi_prod", "flake8_fastapi_prod.cli", "flake8_fastapi_prod.cli.snapshot"])
    assert others == "[]"
    assert done.stdout == check(project)[0]


def test_snapshot_names_follow_the_cache_module(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert (snapshot.ENV_NO_CACHE, snapshot.ENV_CACHE_DIR) == (cache.ENV_NO_CACHE, cache.ENV_CACHE_DIR)
    assert snapshot.CACHE_DIR_NAME == cache.CACHE_DIR_NAME
    assert FORMATS == output.FORMATS
    monkeypatch.chdir(tmp_path)
    for value in (None, "elsewhere", str(tmp_path / "abs")):
        if value is None:
            monkeypatch.delenv(cache.ENV_CACHE_DIR, raising=False)
        else:
            monkeypatch.setenv(cache.ENV_CACHE_DIR, value)
        assert snapshot.cache_directory() == str(cache.default_directory().absolute())
    for value in ("", "0", "1", "yes", "false"):
        monkeypatch.setenv(cache.ENV_NO_CACHE, value)
        assert snapshot.cache_disabled() is cache.cache_disabled()


def test_snapshots_are_pruned(project: Path, mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    snapshot_only(mode)
    folder = project.parent / "cache" / snapshot.FOLDER
    folder.mkdir(parents=True)
    for number in range(snapshot.MAX_SNAPSHOTS + 5):
        (folder / f"{number:032x}.marshal").write_bytes(b"")
        os.utime(folder / f"{number:032x}.marshal", ns=(number * 10**9, number * 10**9))
    check(project)
    assert replayed(project)
    left = sorted(path.name for path in folder.glob("*.marshal"))
    assert len(left) == snapshot.MAX_SNAPSHOTS
    assert f"{0:032x}.marshal" not in left and f"{snapshot.MAX_SNAPSHOTS + 4:032x}.marshal" in left


@pytest.mark.parametrize(
    "payload", [b"", b"garbage", marshal.dumps([1, 2]), marshal.dumps({"schema": snapshot.SCHEMA})]
)
def test_corrupt_snapshot_runs_as_usual(project: Path, mode: str, payload: bytes) -> None:
    snapshot_only(mode)
    first, _, _ = check(project)
    (path,) = (project.parent / "cache" / snapshot.FOLDER).glob("*.marshal")
    key = path.stem
    data = marshal.loads(path.read_bytes())
    if payload == b"":
        data["stats"] = [[1, 2]]  # malformed inside
        payload = marshal.dumps(data)
    path.write_bytes(payload)
    assert not replayed(project)
    assert check(project) == (first, 4, 0)
    assert marshal.loads((project.parent / "cache" / snapshot.FOLDER / f"{key}.marshal").read_bytes())["key"] == key
