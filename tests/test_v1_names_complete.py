"""FP320's table covers every V1 public name that Pydantic 2 removed or deprecated.

Every public name of every V1 module (``pydantic.v1.<module>``, which is
pydantic 1.10 shipped inside pydantic 2) is looked up on ``pydantic.<module>``
of the installed Pydantic 2: a name that fails to import, or warns
PydanticDeprecatedSince20, must be in FP320's table or owned by another code.
"""

from __future__ import annotations

import importlib
import pkgutil
import warnings

import pytest

from flake8_fastapi_prod.rules.pydantic.v1_names import OWNED_ELSEWHERE, REMOVED, lookup

pydantic = pytest.importorskip("pydantic")
if not pydantic.VERSION.startswith("2."):
    pytest.skip("needs Pydantic 2", allow_module_level=True)

_NOT_PUBLIC = {"TYPE_CHECKING", "T"}


def _v1_public_names() -> list[tuple[str, str]]:
    import pydantic.v1 as v1

    modules = ["pydantic"] + [
        f"pydantic.{info.name}"
        for info in pkgutil.iter_modules(v1.__path__)
        if not info.name.startswith("_") and info.name != "mypy"
    ]
    names = []
    for module in modules:
        v1_module = importlib.import_module(module.replace("pydantic", "pydantic.v1", 1))
        exported = getattr(v1_module, "__all__", None)
        for name in exported or vars(v1_module):
            if name.startswith("_") or name in _NOT_PUBLIC:
                continue
            value = getattr(v1_module, name, None)
            defined_here = getattr(value, "__module__", None) == v1_module.__name__
            if exported or defined_here or (name.isupper() and not isinstance(value, type(importlib))):
                names.append((module, name))
    return names


def _fails_or_warns(module: str, name: str) -> bool:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            getattr(importlib.import_module(module), name)
        except Exception:
            return True
    return any("pydantic" in type(w.message).__module__ for w in caught)


def test_every_removed_or_deprecated_v1_name_is_in_the_table() -> None:
    names = _v1_public_names()
    assert len(names) > 300
    missing = [
        f"{module}.{name}"
        for module, name in names
        if _fails_or_warns(module, name)
        and lookup(f"{module}.{name}") is None
        and f"{module}.{name}" not in OWNED_ELSEWHERE
    ]
    assert missing == []


def _fails(module: str, name: str) -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            getattr(importlib.import_module(module), name)
        except Exception:
            return True
    return False


def test_names_the_table_calls_removed_fail_to_import() -> None:
    # "deprecated" entries may warn only at use (subclassing BaseConfig), so
    # only the "removed" half is checked both ways.
    wrong = [
        f"{module}.{name}"
        for module, name in _v1_public_names()
        if (entry := lookup(f"{module}.{name}")) is not None and entry.kind == REMOVED and not _fails(module, name)
    ]
    assert wrong == []
