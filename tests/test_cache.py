"""Module summaries, the trees kept between files, and the on-disk cache."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flake8_fastapi_prod.cache import CACHE_DIR_NAME, ENV_NO_CACHE, DiskCache, cache_disabled
from flake8_fastapi_prod.context import analyze
from flake8_fastapi_prod.registry import Selection, all_rules, load_rules
from flake8_fastapi_prod.resolve import ModuleSummary, Project, SummaryStore

TESTDATA = Path(__file__).resolve().parent.parent / "testdata"


def _every_code() -> Selection:
    load_rules()
    return Selection(select=tuple(rule.code for rule in all_rules()))


def _findings(folder: Path, project: Project) -> list[tuple[str, str, int, int]]:
    found = []
    for path in sorted(folder.rglob("*.py")):
        findings = analyze(ast.parse(path.read_bytes()), str(path), _every_code(), project=project)
        found.extend((path.name, f.code, f.span.line, f.span.col) for f in findings)
    return found


@pytest.mark.parametrize("folder", sorted(p.name for p in TESTDATA.glob("*_project")))
def test_findings_are_the_same_from_summaries_on_disk(folder: str, tmp_path: Path) -> None:
    store = SummaryStore(DiskCache(tmp_path / "cache"))
    reference = _findings(TESTDATA / folder, Project())
    cold = Project(store)
    assert _findings(TESTDATA / folder, cold) == reference
    warm = Project(SummaryStore(DiskCache(tmp_path / "cache")))
    assert _findings(TESTDATA / folder, warm) == reference
    if cold.stats["summary-parsed"]:
        assert warm.stats["summary-disk"] == cold.stats["summary-parsed"]
        assert warm.stats["summary-parsed"] == 0


@pytest.mark.parametrize("folder", sorted(p.name for p in TESTDATA.glob("*_project")))
def test_findings_are_the_same_when_no_tree_is_kept(folder: str) -> None:
    project = Project()
    project.TREE_BUDGET = 0
    assert _findings(TESTDATA / folder, project) == _findings(TESTDATA / folder, Project())


@pytest.mark.parametrize("folder", sorted(p.name for p in TESTDATA.glob("*_project")))
def test_findings_are_the_same_in_partial_mode(folder: str, tmp_path: Path) -> None:
    """Every other module asked about statement by statement (partial
    mode), from a fresh summary and from one read back from disk."""
    reference = _findings(TESTDATA / folder, Project())
    for store in (None, SummaryStore(DiskCache(tmp_path / "cache")), SummaryStore(DiskCache(tmp_path / "cache"))):
        project = Project(store)
        project.KEEP_LOADED_TREE = 0
        project.TREE_BUDGET = 0
        assert _findings(TESTDATA / folder, project) == reference


def _package(root: Path) -> None:
    (root / "app").mkdir()
    (root / "app" / "__init__.py").write_text("")
    (root / "app" / "settings.py").write_text("from fastapi import FastAPI as F\nx = 1\nx = 2\napp = F()\n")


def test_summary_answers_without_parsing_again(tmp_path: Path) -> None:
    _package(tmp_path)
    store = SummaryStore(DiskCache(tmp_path / "cache"))
    Project(store).module_at(tmp_path / "app" / "settings.py")
    project = Project(store)
    module = project.module_at(tmp_path / "app" / "settings.py")
    assert module is not None
    assert module._tree is None  # from the store: not parsed
    assert module.summary.unique("F") == ("import", "fastapi.FastAPI")
    assert module.summary.unique("x") is None  # bound twice
    assert module.summary.unique("app") == ("assign", None)
    assert module._tree is None
    assert module.scope.bindings["app"][0].kind == "assign"  # its statement parsed on demand
    assert module._tree is None
    assert project.stats["statement-parsed"] == 1
    assert project.stats["tree-parsed"] == 0


def test_cache_folder_is_ignored_by_git_and_tagged(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path / CACHE_DIR_NAME)
    cache.put("summaries", "ab" * 32, {"a": 1})
    assert (tmp_path / CACHE_DIR_NAME / ".gitignore").read_text().splitlines()[-1] == "*"
    tag = (tmp_path / CACHE_DIR_NAME / "CACHEDIR.TAG").read_text()
    assert tag.startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert cache.get("summaries", "ab" * 32) == {"a": 1}
    assert not list((tmp_path / CACHE_DIR_NAME).rglob("*.tmp"))  # written atomically


CORRUPT = ["", "{", "[]", '{"schema": 1}', '{"schema": 1, "unparsable": false, "bindings": {"a": 1}}']


@pytest.mark.parametrize("text", CORRUPT)
def test_corrupt_entries_are_ignored(tmp_path: Path, text: str) -> None:
    _package(tmp_path)
    store = SummaryStore(DiskCache(tmp_path / "cache"))
    path = tmp_path / "app" / "settings.py"
    Project(store).module_at(path)
    for entry in (tmp_path / "cache").rglob("*.json"):
        entry.write_text(text)
    project = Project(store)
    module = project.module_at(path)
    assert module is not None and module.summary.unique("app") == ("assign", None)
    assert project.stats["summary-parsed"] == 1


def test_summary_json_round_trip() -> None:
    summary = ModuleSummary({"a": ("import", "x.y", 1), "b": ("assign", None, 2)})
    assert ModuleSummary.from_json(json.loads(json.dumps(summary.to_json()))) == summary


def test_unwritable_cache_folder_is_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    cache = DiskCache(blocker / "cache")
    cache.put("summaries", "cd" * 32, {"a": 1})
    assert cache.get("summaries", "cd" * 32) is None


def test_no_cache_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_NO_CACHE, "1")
    assert cache_disabled()
    assert SummaryStore.default() is None
    monkeypatch.setenv(ENV_NO_CACHE, "0")
    assert not cache_disabled()


# -- partial mode: a module known by its summary, asked name by name -------------

_STATEMENTS = [
    "import os",
    "import os.path as osp",
    "from fastapi import FastAPI, Depends as D",
    "from . import sibling",
    "x = 1",
    "x = 2",
    "a = b = f(1)",
    "c, (d, *e) = 1, (2, 3)",
    "y: int = 3",
    "z: str",
    "p = 1; q = 2",
    "total = (1 +\n    2)",
    "text = '''\nline\nx = 5\n'''",
    "s = \\\n    4",
    "def f(n):\n    global g\n    g = n\n    return n",
    "async def h():\n    return 1",
    "@D\n@decorate(1)\ndef decorated():\n    pass",
    "class C(Base):\n    attr = 1\n    def m(self):\n        return attr",
    "@dataclass\nclass K:\n    v: int = 0",
    "if TYPE_CHECKING:\n    from app.models import M\nelse:\n    M = None",
    "try:\n    import ujson as json\nexcept ImportError:\n    import json",
    "for i in range(3):\n    acc = i",
    "with open('f') as fh, ctx() as (u, w):\n    content = fh.read()",
    "while False:\n    loop_var = 1",
    "if (walrus := compute()):\n    pass",
    "x += 1",
    "del x",
    "match command:\n    case [first, *rest]:\n        matched = first",
    "__all__ = ['f']",
    "# a comment\n",
    "\n",
]


def _binding_facts(bindings: object) -> dict[str, list[tuple[str, str | None, str, int, int]]]:
    assert isinstance(bindings, dict)
    return {
        name: [(b.kind, b.qualname, type(b.node).__name__, b.node.lineno, b.node.col_offset) for b in found]
        for name, found in bindings.items()
        if found
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_STATEMENTS), min_size=1, max_size=12), st.sampled_from(["\n", "\r\n"]))
def test_partial_bindings_equal_full_bindings(tmp_path: Path, statements: list[str], newline: str) -> None:
    """Every module-level name's bindings, from its statements parsed alone,
    equal those of the whole module (kind, target, node, position)."""
    (tmp_path / "app").mkdir(exist_ok=True)
    (tmp_path / "app" / "__init__.py").write_text("")
    path = tmp_path / "app" / "mod.py"
    source = ("# -*- coding: utf-8 -*-\n" + "\n".join(statements) + "\n").replace("\n", newline)
    path.write_bytes(source.encode())
    full = Project()
    full.KEEP_LOADED_TREE = 10**9
    reference = full.module_at(path)
    partial = Project()
    module = partial.module_at(path)
    assert reference is not None and module is not None
    assert module._tree is None
    expected = _binding_facts(reference.scope.bindings)
    names = sorted(expected)
    # Name by name, in an order unlike the source's, then all at once.
    got = {name: _binding_facts({name: module.scope.bindings.get(name, [])}).get(name, []) for name in reversed(names)}
    assert {name: found for name, found in got.items() if found} == expected
    assert module._tree is None  # answered without parsing the whole module
    assert _binding_facts(dict(module.scope.bindings.items())) == expected


def test_partial_mode_reparses_a_module_changed_since_its_summary(tmp_path: Path) -> None:
    _package(tmp_path)
    path = tmp_path / "app" / "settings.py"
    project = Project()
    module = project.module_at(path)
    assert module is not None and module._tree is None
    path.write_text("from fastapi import FastAPI as F\n\n\napp = F(title='moved')\n")
    found = module.scope.bindings.get("app")
    assert found and found[0].kind == "assign" and found[0].node.lineno == 4
    assert project.stats["partial-failed"] == 1


def test_whole_module_questions_parse_only_marked_statements(tmp_path: Path) -> None:
    _package(tmp_path)
    path = tmp_path / "app" / "handlers.py"
    path.write_text(
        "from fastapi import FastAPI\n"
        "app = FastAPI()\n"
        "def unrelated():\n    return 1\n"
        "@app.exception_handler(ValueError)\n"
        "async def on_value_error(request, exc):\n    return None\n"
    )
    project = Project()
    module = project.module_at(path)
    assert module is not None
    calls = module.nodes_mentioning((("exception_handler",),), ast.Call)
    assert [ast.unparse(call) for call in calls] == ["app.exception_handler(ValueError)"]
    assert module._tree is None
    assert [type(s).__name__ for s in module.current_tree.body] == ["AsyncFunctionDef"]


def test_a_checked_module_is_remembered_until_it_is_rewritten(tmp_path: Path) -> None:
    _package(tmp_path)
    path = tmp_path / "app" / "settings.py"
    source = path.read_bytes()
    project = Project()
    analyze(ast.parse(source), str(path), _every_code(), project=project, source=source)
    assert project.stats["summary-remembered"] == 1
    module = project.module_at(path.resolve())
    assert module is not None and module.summary.unique("app") == ("assign", None)
    assert project.stats["summary-parsed"] == 0  # known without parsing it again
    assert module.scope.bindings["app"][0].node.lineno == 4
    project.forget(str(path))
    path.write_text("from fastapi import FastAPI as F\napp = F()\nlate = 1\n")
    again = project.module_at(path.resolve())
    assert again is not None and again.summary.unique("late") == ("assign", None)


def test_source_edited_during_the_run_gets_a_fingerprint_of_its_own(tmp_path: Path) -> None:
    """A development checkout edited while a process runs: the old code's
    answers must not be filed under the new source's fingerprint."""
    import os
    import time

    from flake8_fastapi_prod import IMPORTED_NS
    from flake8_fastapi_prod.cache import edited_since_import

    source = tmp_path / "rule.py"
    source.write_text("x = 1\n")
    second = 1_000_000_000
    os.utime(source, ns=(IMPORTED_NS - 60 * second, IMPORTED_NS - 60 * second))
    assert not edited_since_import([source])  # written before the process started
    os.utime(source, ns=(time.time_ns(), time.time_ns()))
    assert edited_since_import([source])  # written while it runs
    future = time.time_ns() + 3600 * second
    os.utime(source, ns=(future, future))
    assert not edited_since_import([source])  # a clock-skewed date is no edit
    assert not edited_since_import([tmp_path / "missing.py"])
