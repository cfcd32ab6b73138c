"""The findings cache of ``fastapi-prod check``: a re-run on an unchanged
tree answers from it, and any change that can change a file's findings
(its text, a module it consulted, a file a search of it now matches, the
settings) makes that file a miss. Each run is a process of its own, as a
user's is."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from flake8_fastapi_prod.cli import findings
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


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def check(root: Path, *args: str) -> tuple[str, int, int]:
    """One ``fastapi-prod check`` process: (stdout, hits, misses)."""
    env = {**os.environ, "FASTAPI_PROD_CACHE_DIR": str(root.parent / "cache"), "FASTAPI_PROD_CACHE_STATS": "1"}
    env.pop("FASTAPI_PROD_NO_CACHE", None)
    command = [sys.executable, "-m", "flake8_fastapi_prod.cli", "check", "--output-format", "concise", *args]
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    match = re.search(r"findings cache: (\d+) hits, (\d+) misses", done.stderr)
    hits, misses = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
    return done.stdout, hits, misses


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
    out, hits, misses = check(project)
    assert (hits, misses) == (0, 4)
    assert out == first
    assert check(project)[1:] == (4, 0)


def test_no_cache_neither_reads_nor_writes(project: Path) -> None:
    out = uncached(project)
    assert not (project.parent / "cache" / findings.NAMESPACE).exists()
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
