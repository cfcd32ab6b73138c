"""The FP3xx fixes produce code that Pydantic 2 accepts and that behaves
as the V1 original meant.

Every ``.fixed`` twin of an FP3xx test file is executed under the real
Pydantic 2 with its deprecation warnings (and its config-key warnings)
raised as errors. What the fixer deliberately left alone (statements that
still carry a finding of the file's own codes: the "no fix" cases) is cut
out first, so that the fixed code is what runs. A twin may define
``check_runtime()``: it is called and asserts behaviour with sample data
(written with API that V1 and V2 share, so the same check holds for the
V1 original). New ``.fixed`` files are picked up without editing this
test.
"""

from __future__ import annotations

import ast
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import types
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from flake8_fastapi_prod.fix.engine import FixOptions, fix_source
from flake8_fastapi_prod.registry import Selection
from flake8_fastapi_prod.resolve import Project
from tests.annotations import TESTDATA, Case, case_for

pydantic = pytest.importorskip("pydantic")
if int(pydantic.VERSION.split(".")[0]) < 2:  # pragma: no cover - the test extras install 2.x
    pytest.skip("needs Pydantic 2", allow_module_level=True)
pytest.importorskip("pydantic_settings")

from pydantic.warnings import PydanticDeprecatedSince20  # noqa: E402


def _fixed_cases() -> list[tuple[Case, Path]]:
    found = []
    for twin in sorted(TESTDATA.rglob("*.py.fixed")):
        source = twin.with_name(twin.name.removesuffix(".fixed"))
        case = case_for(source)
        if case is not None and any(code.startswith("FP3") for code in case.codes):
            found.append((case, twin))
    return found


CASES = _fixed_cases()


def _any_schema(cls: type, source: Any, handler: Any) -> Any:
    from pydantic_core import core_schema

    return core_schema.any_schema()


#: A stub class takes any arguments and may annotate a model field.
_STUB_CLASS: dict[str, Any] = {
    "__init__": lambda self, *args, **kwargs: None,
    "__get_pydantic_core_schema__": classmethod(_any_schema),
}


class _Stubs(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Third-party modules the test data imports that are not installed
    (``acme_sdk``): any attribute is a fresh class."""

    def __init__(self, roots: set[str]) -> None:
        self.roots = roots

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if fullname.partition(".")[0] not in self.roots:
            return None
        return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        module = types.ModuleType(spec.name)
        module.__path__ = []

        def attribute(name: str) -> Any:
            if name.startswith("__"):
                raise AttributeError(name)
            return type(name, (), dict(_STUB_CLASS))

        module.__getattr__ = attribute  # type: ignore[method-assign]
        return module

    def exec_module(self, module: types.ModuleType) -> None:
        return None


def _missing_roots(tree: ast.Module, project_roots: set[str]) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names = [node.module]
        for name in names:
            root = name.partition(".")[0]
            if root in project_roots or root in sys.modules:
                continue
            if importlib.util.find_spec(root) is None:
                roots.add(root)
    return roots


def _without_findings(tree: ast.Module, lines: set[int]) -> ast.Module:
    """Drop each class member or module statement that holds a line with a
    finding the fixer left (a "no fix" case); an emptied body gets ``pass``."""

    def holds(node: ast.stmt) -> bool:
        start = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
        return any(start <= line <= (node.end_lineno or node.lineno) for line in lines)

    def prune(body: list[ast.stmt]) -> list[ast.stmt]:
        kept: list[ast.stmt] = []
        for statement in body:
            if not holds(statement):
                kept.append(statement)
            elif isinstance(statement, ast.ClassDef) and not lines & _header_lines(statement):
                statement.body = prune(statement.body) or [ast.Pass()]
                kept.append(statement)
        return kept

    tree.body = prune(tree.body)
    return ast.fix_missing_locations(tree)


def _header_lines(node: ast.ClassDef) -> set[int]:
    """The lines of a class's decorators and of its ``class ...:`` header."""
    first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
    return set(range(first, node.body[0].lineno))


def migrated(path: Path, source: str) -> ast.Module:
    """``source`` after the rest of the migration (every FP3xx fix, as
    ``fastapi-prod-fix --select FP3 --unsafe-fixes`` runs it), without the
    statements that still carry an FP3xx finding."""
    selection = Selection(select=("FP3",))
    result = fix_source(source, str(path), FixOptions(selection, unsafe_fixes=True), project=Project())
    tree = ast.parse(result.source, filename=str(path))
    # FP314's json_encoders finding names code that still runs on 2.14 (it
    # only warns, and the warning is ignored below): the statement stays.
    cut = {f.line for f in result.remaining if not (f.code == "FP314" and "'json_encoders'" in f.message)}
    return _without_findings(tree, cut)


class _ProjectModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """A multi-module test project's own modules, each as the migration
    leaves it: its ``.fixed`` twin when it has one, migrated and pruned."""

    def __init__(self, root: Path, roots: set[str]) -> None:
        self.root = root
        self.roots = roots

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if fullname.partition(".")[0] not in self.roots:
            return None
        base = self.root.joinpath(*fullname.split("."))
        for candidate, package in ((base / "__init__.py", True), (base.with_suffix(".py"), False)):
            if candidate.is_file():
                spec = importlib.machinery.ModuleSpec(fullname, self, origin=str(candidate), is_package=package)
                if package:
                    spec.submodule_search_locations = [str(base)]
                return spec
        return None

    def exec_module(self, module: types.ModuleType) -> None:
        spec = module.__spec__
        assert spec is not None and spec.origin is not None
        path = Path(spec.origin)
        twin = path.with_name(path.name + ".fixed")
        source = (twin if twin.exists() else path).read_text(encoding="utf-8")
        module.__file__ = str(path)
        exec(compile(migrated(path, source), str(path), "exec", dont_inherit=True), module.__dict__)


@pytest.fixture
def isolated_modules() -> Iterator[None]:
    before = set(sys.modules)
    if "sqlmodel" in sys.modules:  # each file defines its own tables ("hero" twice is an error)
        sys.modules["sqlmodel"].SQLModel.metadata.clear()
    yield
    for name in set(sys.modules) - before:
        if name.startswith("fixed_") or name.partition(".")[0] in _PROJECT_ROOTS:
            del sys.modules[name]


_PROJECT_ROOTS: set[str] = set()


@pytest.mark.parametrize(("case", "twin"), CASES, ids=[str(t.relative_to(TESTDATA)) for _, t in CASES])
def test_fixed_twin_runs_on_pydantic2(
    case: Case, twin: Path, monkeypatch: pytest.MonkeyPatch, isolated_modules: None
) -> None:
    project_dir = case.path.parent
    while (project_dir / "__init__.py").is_file():
        project_dir = project_dir.parent
    in_project = project_dir != TESTDATA
    roots = {p.name.removesuffix(".py") for p in project_dir.iterdir()} if in_project else set()
    _PROJECT_ROOTS.update(roots)
    tree = migrated(case.path, twin.read_text(encoding="utf-8"))
    finders: list[Any] = [_Stubs(_missing_roots(tree, roots))]
    if in_project:
        finders.append(_ProjectModules(project_dir, roots))
    monkeypatch.setattr(sys, "meta_path", [*finders, *sys.meta_path])
    with warnings.catch_warnings():
        warnings.simplefilter("error", PydanticDeprecatedSince20)
        # "Valid config keys have changed in V2", "A custom validator is
        # returning a value other than `self`": a fix that leaves either is wrong.
        warnings.filterwarnings("error", category=UserWarning, module="pydantic")
        # json_encoders still works on 2.14 but warns: FP314 reports it, no code rewrites it.
        warnings.filterwarnings("ignore", message="`json_encoders` is deprecated", category=PydanticDeprecatedSince20)
        if in_project:
            dotted = ".".join(case.path.relative_to(project_dir).with_suffix("").parts)
            namespace = importlib.import_module(dotted).__dict__
        else:
            namespace = {"__name__": f"fixed_{case.path.stem}", "__file__": str(twin)}
            exec(compile(tree, str(twin), "exec", dont_inherit=True), namespace)
        check = namespace.get("check_runtime")
        if callable(check):
            check()


def test_the_runtime_test_covers_every_fixable_fp3_code() -> None:
    from flake8_fastapi_prod.registry import FixSafety, all_rules

    covered = {code for case, _ in CASES for code in case.codes}
    fixable = {r.code for r in all_rules() if r.code.startswith("FP3") and r.fix_safety is not FixSafety.NONE}
    assert fixable <= covered, f"no .fixed twin runs on Pydantic 2 for {sorted(fixable - covered)}"
