"""Facts found in other modules of the project (resolve.project.Project)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from flake8_fastapi_prod import resolve
from flake8_fastapi_prod.context import analyze
from flake8_fastapi_prod.registry import Selection
from flake8_fastapi_prod.resolve import ModuleInfo, Project

DEPS = """\
from collections.abc import Iterator


def get_db() -> Iterator[object]:
    db = object()
    try:
        yield db
    except Exception:
        pass
"""

ROUTES = """\
from fastapi import Depends

from app.deps import get_db


def items(db=Depends(get_db)):
    return []
"""


def project_root(path: Path) -> Path:
    return ModuleInfo(ast.parse(""), str(path), Project()).project_root


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def fp505_lines(path: Path, source: str | None = None) -> list[int]:
    text = path.read_text(encoding="utf-8") if source is None else source
    findings = analyze(ast.parse(text), str(path), Selection(select=("FP505",)), project=Project())
    return [finding.span.line for finding in findings]


def test_project_root_is_above_the_top_package(tmp_path: Path) -> None:
    write(tmp_path, {"src/app/__init__.py": "", "src/app/api/__init__.py": "", "src/app/api/routes.py": ""})
    assert project_root(tmp_path / "src/app/api/routes.py") == tmp_path / "src"


def test_project_root_without_packages_is_the_marked_folder(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": "", "app/routers/items.py": "", "app/db.py": ""})
    assert project_root(tmp_path / "app/db.py") == tmp_path


def test_a_dependency_used_in_another_module_is_found(tmp_path: Path) -> None:
    write(tmp_path, {"app/__init__.py": "", "app/deps.py": DEPS, "app/routes.py": ROUTES})
    assert fp505_lines(tmp_path / "app/deps.py") == [8]


def test_without_packages_the_marked_project_is_searched(tmp_path: Path) -> None:
    write(tmp_path, {"pyproject.toml": "", "app/deps.py": DEPS, "app/routers/items.py": ROUTES})
    assert fp505_lines(tmp_path / "app/deps.py") == [8]


def test_an_unsaved_buffer_whose_lines_moved_still_matches(tmp_path: Path) -> None:
    """The editor's text differs from the file on disk that routes.py
    resolves to: definitions are matched by file and name, not line."""
    write(tmp_path, {"app/__init__.py": "", "app/deps.py": DEPS, "app/routes.py": ROUTES})
    buffer = '"""Three new lines."""\n\n\n' + DEPS
    assert fp505_lines(tmp_path / "app/deps.py", buffer) == [11]


@pytest.mark.parametrize("ignored", [".venv/lib/routes.py", "node_modules/x/routes.py", "env/site-packages/routes.py"])
def test_environments_and_hidden_folders_are_not_searched(tmp_path: Path, ignored: str) -> None:
    write(tmp_path, {"pyproject.toml": "", "deps.py": DEPS, ignored: ROUTES.replace("app.deps", "deps")})
    assert fp505_lines(tmp_path / "deps.py") == []
    # The same module in a searched folder is found.
    write(tmp_path, {"api/routes.py": ROUTES.replace("app.deps", "deps")})
    assert fp505_lines(tmp_path / "deps.py") == [8]


def test_a_folder_holding_a_virtualenv_is_not_searched(tmp_path: Path) -> None:
    routes = ROUTES.replace("app.deps", "deps")
    write(tmp_path, {"pyproject.toml": "", "deps.py": DEPS, "myenv/pyvenv.cfg": "", "myenv/routes.py": routes})
    assert fp505_lines(tmp_path / "deps.py") == []
    (tmp_path / "myenv/pyvenv.cfg").unlink()
    assert fp505_lines(tmp_path / "deps.py") == [8]


def test_a_project_too_large_to_search_gives_no_answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, {"app/__init__.py": "", "app/deps.py": DEPS, "app/routes.py": ROUTES})
    write(tmp_path, {f"app/m{i}.py": "" for i in range(5)})
    monkeypatch.setattr(resolve.project, "MAX_SCANNED_FILES", 4)
    assert fp505_lines(tmp_path / "app/deps.py") == []


def test_the_search_is_cached_per_project(tmp_path: Path) -> None:
    write(tmp_path, {"app/__init__.py": "", "app/deps.py": DEPS, "app/routes.py": ROUTES})
    project = Project()
    module = ModuleInfo(ast.parse(DEPS), str(tmp_path / "app/deps.py"), project)
    first = project.modules_mentioning(module, "get_db", (b"Depends",))
    (tmp_path / "app/late.py").write_text(ROUTES, encoding="utf-8")
    again = project.modules_mentioning(module, "get_db", (b"Depends",))
    assert [m.path.name for m in first] == [m.path.name for m in again] == ["routes.py"]
