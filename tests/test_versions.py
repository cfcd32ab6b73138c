"""Target versions detected from realistic project layouts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from flake8_fastapi_prod.fix.engine import FixOptions, fix_source
from flake8_fastapi_prod.registry import Selection, get_rule
from flake8_fastapi_prod.versions import (
    STARLETTE_FOR_FASTAPI,
    clear_caches,
    find_project_root,
    spec_bound,
    starlette_for_fastapi,
    targets_for,
)

FP506_SOURCE = (
    "from fastapi import HTTPException, status\n\n\n"
    "def reject():\n    raise HTTPException(status_code=status.HTTP_422_UNPROCESSABLE_ENTITY)\n"
)


@pytest.fixture(autouse=True)
def _fresh() -> None:
    clear_caches()


def project(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("spec", "poetry", "version", "pinned"),
    [
        ("^1.9", True, (1, 9), False),
        ("~0.79.1", True, (0, 79, 1), False),
        ("1.10.2", True, (1, 10, 2), True),
        ("1.10.2", False, None, False),
        (">=2.5,<3", False, (2, 5), False),
        ("<2", False, (1,), False),
        ("<2.0.0", False, (1,), False),
        ("<0.48", False, (0, 47), False),
        ("<1", False, None, False),  # every 0.x release: says nothing
        ("<=1.10", False, (1, 10), False),
        ("==0.115.12", False, (0, 115, 12), True),
        ("==2.*", False, (2,), False),
        ("~=0.110.1", False, (0, 110, 1), False),
        ("!=1.8,!=1.8.1,>=1.7.4,<3", False, (1, 7, 4), False),
        (">=1.10 || ^2.0", True, (1, 10), False),
        ("*", True, None, False),
        ("", False, None, False),
        # PEP 508 allows space after the operator (argilla-server: "fastapi ~= 0.115.0")
        ("~= 0.115.0", False, (0, 115, 0), False),
        ("== 1.10.9", False, (1, 10, 9), True),
        (">= 2.0, < 3", True, (2, 0), False),
        (">= 0.100,  <0.200", False, (0, 100), False),
    ],
)
def test_lowest_bound_of_a_specifier(spec: str, poetry: bool, version: tuple[int, ...] | None, pinned: bool) -> None:
    bound = spec_bound(spec, poetry=poetry)
    assert bound.version == version and bound.pinned is pinned


def test_poetry_carets_give_a_pydantic_1_target(tmp_path: Path) -> None:
    """The service of issue 9: Poetry, pydantic ^1.9, fastapi ^0.79.1."""
    root = project(
        tmp_path,
        {
            "pyproject.toml": (
                '[tool.poetry]\nname = "svc"\n\n[tool.poetry.dependencies]\npython = "^3.9"\n'
                'fastapi = {version = "^0.79.1", extras = ["all"]}\npydantic = "^1.9"\n'
                'pydantic-settings = "^2.1"\nsqlmodel = "0.0.22"\n\n'
                '[tool.poetry.group.dev.dependencies]\npydantic = "^2.5"\n'
            ),
            "app/api/routes.py": "",
        },
    )
    targets = targets_for(root / "app" / "api" / "routes.py")
    assert targets.fastapi == (0, 79, 1) and targets.pydantic == (1, 9)
    assert targets.pydantic_v1
    assert targets.starlette == (0, 19, 1)  # fastapi 0.79.1 requires starlette==0.19.1
    assert 'pydantic = "^1.9"' in targets.source_of("pydantic")
    assert not targets.at_least("starlette", "0.48")


def test_fastapi_pin_alone_derives_starlette_and_closes_fp506(tmp_path: Path) -> None:
    root = project(tmp_path, {"requirements.txt": "fastapi[standard]==0.115.12\nuvicorn\n", "app/main.py": ""})
    targets = targets_for(root / "app" / "main.py")
    assert targets.fastapi == (0, 115, 12)
    # fastapi 0.115.12 requires starlette<0.47.0,>=0.40.0: the lowest is the target.
    assert targets.starlette == (0, 40, 0) and targets.below("starlette", "0.48")
    assert "starlette>=0.40.0" in targets.source_of("starlette")
    rule = get_rule("FP506")
    assert rule is not None
    assert not Selection(select=("FP",), targets=targets).enabled(rule)
    assert not Selection(select=("FP506",), targets=targets).enabled(rule)
    result = fix_source(FP506_SOURCE, str(root / "app" / "main.py"), FixOptions(Selection(targets=targets)))
    assert result.source == FP506_SOURCE and not result.fixed


def test_monorepo_gives_each_file_its_own_project(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    project(
        tmp_path,
        {
            "pyproject.toml": "[tool.ruff]\nline-length = 100\n",  # tool config only: not a project
            "services/legacy/pyproject.toml": (
                '[project]\nname = "legacy"\ndependencies = ["pydantic<2", "fastapi>=0.95"]\n'
            ),
            "services/legacy/legacy/app.py": "",
            "services/modern/requirements.txt": "fastapi>=0.120\npydantic>=2.7\n",
            "services/modern/src/modern/app.py": "",
        },
    )
    legacy = targets_for(tmp_path / "services" / "legacy" / "legacy" / "app.py")
    modern = targets_for(tmp_path / "services" / "modern" / "src" / "modern" / "app.py")
    assert legacy.pydantic == (1,) and legacy.fastapi == (0, 95)
    assert modern.pydantic == (2, 7) and modern.fastapi == (0, 120)
    assert modern.starlette == (0, 40, 0)
    assert legacy.root is not None and legacy.root.endswith("legacy")
    assert targets_for(tmp_path / "scripts" / "tool.py").fastapi is None


def test_the_working_directory_does_not_matter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project(tmp_path, {"a/requirements.txt": "pydantic==1.10.13\n", "a/x.py": "", "b/pyproject.toml": "[project]\n"})
    monkeypatch.chdir(tmp_path / "b")
    assert targets_for(tmp_path / "a" / "x.py").pydantic == (1, 10, 13)
    assert targets_for("x.py").pydantic is None


def test_lock_pin_wins_over_the_declared_range(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname = "svc"\ndependencies = ["fastapi>=0.100", "pydantic>=2"]\n',
            "uv.lock": (
                'version = 1\n\n[[package]]\nname = "fastapi"\nversion = "0.110.0"\nsource = { registry = "x" }\n\n'
                '[[package]]\nname = "pydantic"\nversion = "2.6.4"\n\n'
                '[[package]]\nname = "pydantic-settings"\nversion = "1.0.0"\n\n'
                '[[package]]\nname = "starlette"\nversion = "0.36.3"\n'
            ),
        },
    )
    targets = targets_for(root / "m.py")
    assert (targets.fastapi, targets.pydantic, targets.starlette) == ((0, 110, 0), (2, 6, 4), (0, 36, 3))
    assert "uv.lock" in targets.source_of("starlette")


def test_poetry_lock_and_uv_workspace_lock(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    project(
        tmp_path,
        {
            "poetry-svc/pyproject.toml": '[tool.poetry.dependencies]\npydantic = "^1.9"\n',
            "poetry-svc/poetry.lock": '[[package]]\nname = "pydantic"\nversion = "1.10.7"\ndescription = ""\n',
            "uv.lock": (
                '[manifest]\nmembers = [\n    "member",\n]\n\n[[package]]\nname = "pydantic"\nversion = "2.9.0"\n'
            ),
            "packages/member/pyproject.toml": '[project]\nname = "member"\ndependencies = ["pydantic>=2"]\n',
            "packages/other/pyproject.toml": '[project]\nname = "other"\ndependencies = ["pydantic>=2.1"]\n',
        },
    )
    assert targets_for(tmp_path / "poetry-svc" / "a.py").pydantic == (1, 10, 7)
    assert targets_for(tmp_path / "packages" / "member" / "a.py").pydantic == (2, 9, 0)
    assert targets_for(tmp_path / "packages" / "other" / "a.py").pydantic == (2, 1)  # not a workspace member


def test_requirements_includes_and_in_files(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "requirements/base.in": "fastapi>=0.109\n-c ../constraints.txt\n",
            "constraints.txt": "pydantic<2  # still on V1\n",
            "requirements-dev.txt": "-r requirements/base.in\npytest\npydantic==2.8.0\n",
            "MANIFEST.in": "include README.md\n",
        },
    )
    targets = targets_for(root / "app.py")
    assert targets.fastapi == (0, 109) and targets.pydantic == (1,)


def test_extras_and_groups_count_only_when_the_main_list_is_silent(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "pyproject.toml": (
                '[project]\nname = "lib"\ndependencies = ["fastapi>=0.100"]\n'
                '[project.optional-dependencies]\nv1 = ["pydantic>=1.10,<2"]\nv2 = ["pydantic>=2.4"]\n'
                '[dependency-groups]\ndev = ["fastapi==0.115.0"]\n'
            ),
        },
    )
    targets = targets_for(root / "lib.py")
    assert targets.fastapi == (0, 100) and targets.pydantic == (1, 10)


def test_setup_cfg_setup_py_and_pipfile(tmp_path: Path) -> None:
    cfg = project(tmp_path / "cfg", {"setup.cfg": "[options]\ninstall_requires =\n    pydantic>=1.8,<2\n"})
    py = project(
        tmp_path / "py", {"setup.py": "from setuptools import setup\nsetup(install_requires=['fastapi~=0.68.0'])\n"}
    )
    pip = project(tmp_path / "pip", {"Pipfile": '[packages]\nfastapi = "==0.99.1"\npydantic = "*"\n'})
    assert targets_for(cfg / "a.py").pydantic == (1, 8)
    assert targets_for(py / "a.py").fastapi == (0, 68, 0)
    assert targets_for(pip / "a.py").fastapi == (0, 99, 1) and targets_for(pip / "a.py").pydantic is None


def test_names_that_merely_contain_pydantic_do_not_count(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {"requirements.txt": "pydantic-settings==2.0.3\nsqlmodel==0.0.8\npydantic_core>=2\nfastapi-users>=10\n"},
    )
    targets = targets_for(root / "a.py")
    assert targets.pydantic is None and targets.fastapi is None and targets.starlette is None


def test_options_win_and_starlette_follows_the_fastapi_option(tmp_path: Path) -> None:
    root = project(tmp_path, {"requirements.txt": "fastapi==0.120.0\npydantic==2.9.0\n"})
    given = {"fastapi": ((0, 115, 12), "--fastapi-target-version"), "pydantic": ((1, 10), "config")}
    targets = targets_for(root / "a.py", given)
    assert targets.fastapi == (0, 115, 12) and targets.pydantic == (1, 10) and targets.starlette == (0, 40, 0)
    assert targets.source_of("fastapi") == "--fastapi-target-version"


def test_starlette_table_is_monotonic_and_covers_known_points() -> None:
    since = [row[0] for row in STARLETTE_FOR_FASTAPI]
    lowest = [row[1] for row in STARLETTE_FOR_FASTAPI]
    assert since == sorted(since) and lowest == sorted(lowest)
    assert starlette_for_fastapi((0, 79, 1))[0] == (0, 19, 1)
    assert starlette_for_fastapi((0, 115, 2))[0] == (0, 37, 2)
    assert starlette_for_fastapi((0, 115, 3))[0] == (0, 40, 0)
    assert starlette_for_fastapi((0, 165, 0))[0] == (1, 6, 0)


def test_detection_is_cached_per_root(tmp_path: Path) -> None:
    root = project(tmp_path, {"requirements.txt": "fastapi==0.110.0\n"})
    for index in range(50):
        (root / f"pkg{index}").mkdir()
    targets_for(root / "pkg0" / "a.py")
    before = find_project_root.cache_info().misses
    for index in range(50):
        for name in ("a.py", "b.py"):
            assert targets_for(root / f"pkg{index}" / name).fastapi == (0, 110, 0)
    from flake8_fastapi_prod.versions import detect_root

    assert detect_root.cache_info().currsize == 1
    assert find_project_root.cache_info().misses - before <= 49


def flake8(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flake8", *args], capture_output=True, text=True, cwd=cwd)


def test_plugin_uses_each_files_project(tmp_path: Path) -> None:
    project(
        tmp_path,
        {
            "old/requirements.txt": "fastapi==0.115.12\n",
            "old/app.py": FP506_SOURCE,
            "new/requirements.txt": "fastapi==0.165.0\n",
            "new/app.py": FP506_SOURCE,
        },
    )
    (tmp_path / ".git").mkdir()
    out = flake8("--select", "FP", ".", cwd=tmp_path).stdout
    assert "new/app.py:5:37: FP506" in out and "old/app.py" not in out


def test_project_root_stops_at_the_repository(tmp_path: Path) -> None:
    project(tmp_path, {"requirements.txt": "fastapi==0.100.0\n", "repo/pkg/a.py": ""})
    (tmp_path / "repo" / ".git").mkdir()
    assert find_project_root((tmp_path / "repo" / "pkg").resolve()) is None
    assert targets_for(tmp_path / "repo" / "pkg" / "a.py").fastapi is None


@pytest.mark.parametrize(
    ("starlette", "warning"),
    [
        ((0, 48), "DeprecationWarning on Starlette 0.48 - 1.3"),
        ((1, 4), "StarletteDeprecationWarning, shown by default"),
    ],
)
def test_fp506_names_the_warning_the_target_raises(starlette: tuple[int, ...], warning: str) -> None:
    import ast

    from flake8_fastapi_prod.context import analyze
    from flake8_fastapi_prod.resolve import Project
    from flake8_fastapi_prod.versions import Targets

    selection = Selection(select=("FP506",), targets=Targets(starlette=starlette))
    findings = analyze(ast.parse(FP506_SOURCE), "app.py", selection, project=Project())
    assert [f.message.split("(")[1].split(")")[0] for f in findings] == [warning]


def test_marker_alternatives_give_the_lowest(tmp_path: Path) -> None:
    """litellm's METADATA: one pydantic bound per Python version."""
    root = project(
        tmp_path,
        {
            "pyproject.toml": (
                '[project]\nname = "x"\ndependencies = [\n'
                "  \"pydantic>=2.11.0,<3.0.0 ; python_full_version < '3.14'\",\n"
                "  \"pydantic>=2.12.0,<3.0.0 ; python_full_version == '3.14.*'\",\n"
                '  "pydantic<2.99",\n'
                '  "fastapi<1",\n'
                "]\n"
            ),
        },
    )
    targets = targets_for(root / "a.py")
    assert targets.pydantic == (2, 11, 0)
    assert targets.fastapi is None  # "<1" allows every 0.x: says nothing


def test_pdm_pipfile_lock_and_uv_overrides(tmp_path: Path) -> None:
    pdm = project(
        tmp_path / "pdm",
        {
            "pyproject.toml": '[project]\nname = "p"\ndependencies = ["fastapi>=0.100"]\n',
            "pdm.lock": '[[package]]\nname = "fastapi"\nversion = "0.101.1"\nrequires_python = ">=3.8"\n',
        },
    )
    pipenv = project(
        tmp_path / "pipenv",
        {
            "Pipfile": '[packages]\nfastapi = "*"\n',
            "Pipfile.lock": '{"default": {"fastapi": {"version": "==0.95.2"}, "pydantic": {"version": "==1.10.9"}}}',
        },
    )
    uv = project(
        tmp_path / "uv",
        {
            "pyproject.toml": (
                '[project]\nname = "u"\ndependencies = ["pydantic"]\n'
                '[tool.uv]\noverride-dependencies = ["pydantic==1.10.18"]\n'
            )
        },
    )
    assert targets_for(pdm / "a.py").fastapi == (0, 101, 1)
    assert (targets_for(pipenv / "a.py").fastapi, targets_for(pipenv / "a.py").pydantic) == ((0, 95, 2), (1, 10, 9))
    assert targets_for(uv / "a.py").pydantic == (1, 10, 18)


def test_fp208_follows_the_detected_fastapi(tmp_path: Path) -> None:
    """FP208's window [0.106.0, 0.118.0) is read from the project's pin."""
    from flake8_fastapi_prod.registry import code_block

    rule = get_rule("FP208")
    assert rule is not None
    example = code_block(rule.doc_section("Example")).replace(', scope="function"', "")
    assert "scope" not in example
    project(tmp_path / "in-window", {"requirements.txt": "fastapi==0.110.0\n", "app.py": example})
    project(tmp_path / "fixed", {"requirements.txt": "fastapi==0.118.0\n", "app.py": example})
    (tmp_path / ".git").mkdir()
    out = flake8("--select", "FP208", ".", cwd=tmp_path).stdout
    assert "in-window/app.py" in out and "fixed/app.py" not in out


def test_a_short_lower_bound_opens_an_at_least_gate(tmp_path: Path) -> None:
    """``fastapi>=0.128`` declares a 0.128.0 target: FP318 reports there."""
    pyproject = '[project]\nname = "svc"\nversion = "0"\ndependencies = ["fastapi>=0.128", "pydantic>=2.5"]\n'
    root = project(tmp_path, {"pyproject.toml": pyproject, "app/main.py": ""})
    targets = targets_for(root / "app" / "main.py")
    assert targets.fastapi == (0, 128)
    rule = get_rule("FP318")
    assert rule is not None and Selection(targets=targets).enabled(rule)


def test_a_short_version_equals_its_zero_padded_form() -> None:
    """``fastapi>=0.128`` is a 0.128.0 target: FP318 (target>=0.128.0) reports."""
    from flake8_fastapi_prod.versions import Targets

    targets = Targets(fastapi=(0, 128), starlette=None, pydantic=(2,))
    assert targets.at_least("fastapi", "0.128.0") and not targets.below("fastapi", "0.128.0")
    assert targets.below("fastapi", "0.128.1") and not targets.below("pydantic", "2.0")
    assert Targets(fastapi=(0, 127, 9), starlette=None, pydantic=(1, 10)).below("fastapi", "0.128")


def test_fp208_window_compares_short_versions_padded() -> None:
    """``fastapi>=0.118`` is 0.118.0, where the FP208 fix landed: outside the
    window (a raw tuple comparison put ``(0, 118)`` below ``(0, 118, 0)``)."""
    import ast
    from pathlib import Path

    from flake8_fastapi_prod.context import analyze
    from flake8_fastapi_prod.registry import Selection
    from flake8_fastapi_prod.resolve import Project
    from flake8_fastapi_prod.versions import Targets

    path = Path(__file__).parent.parent / "testdata" / "FP208.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))

    def lines(fastapi: tuple[int, ...] | None) -> set[int]:
        targets = Targets(fastapi=fastapi, starlette=None, pydantic=None)
        found = analyze(tree, str(path), Selection(("FP208",), (), (), targets), project=Project())
        return {f.line for f in found}

    in_window = lines((0, 110))
    assert in_window == lines((0, 106)) and in_window > lines((0, 118, 0))
    assert lines((0, 118)) == lines((0, 118, 0)) == lines(None)
