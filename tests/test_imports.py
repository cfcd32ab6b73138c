"""The fixer's top-level import edits (fix/imports.py)."""

from __future__ import annotations

import libcst as cst
import pytest

from flake8_fastapi_prod.fix.imports import ImportEdits


def edit(
    source: str, added: list[tuple[str, str | None, str | None]], removed: tuple[tuple[str, str], ...] = ()
) -> str:
    module = cst.parse_module(source)
    return ImportEdits(added=list(added), removed=list(removed)).apply(module).code


@pytest.mark.parametrize(
    ("source", "request_", "expected"),
    [
        # Joins an existing `from module import ...`, at the end.
        (
            "from pydantic import BaseModel\n",
            ("pydantic", "ConfigDict", None),
            "from pydantic import BaseModel, ConfigDict\n",
        ),
        # One name per line with a trailing comma keeps that layout.
        (
            "from pydantic import (\n    BaseModel,\n    Field,\n)\n",
            ("pydantic", "ConfigDict", None),
            "from pydantic import (\n    BaseModel,\n    Field,\n    ConfigDict,\n)\n",
        ),
        # Already imported: nothing changes.
        ("import asyncio\n", ("asyncio", None, None), "import asyncio\n"),
        ("from a import b as c\n", ("a", "b", "c"), "from a import b as c\n"),
        # A new statement goes after the leading imports, not before a docstring.
        (
            '"""Doc."""\nimport os\n\nx = 1\n',
            ("asyncio", None, None),
            '"""Doc."""\nimport os\nimport asyncio\n\nx = 1\n',
        ),
        ('"""Doc."""\n\nx = 1\n', ("asyncio", None, None), '"""Doc."""\nimport asyncio\n\nx = 1\n'),
        (
            "x = 1\n",
            ("pydantic_settings", "BaseSettings", "Base"),
            "from pydantic_settings import BaseSettings as Base\nx = 1\n",
        ),
        # A relative import of the same name is another module.
        (
            "from .pydantic import BaseModel\n",
            ("pydantic", "BaseModel", None),
            "from .pydantic import BaseModel\nfrom pydantic import BaseModel\n",
        ),
    ],
)
def test_add(source: str, request_: tuple[str, str | None, str | None], expected: str) -> None:
    assert edit(source, [request_]) == expected
    cst.parse_module(expected)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "from pydantic import BaseModel, validator\nclass A(BaseModel): ...\n",
            "from pydantic import BaseModel\nclass A(BaseModel): ...\n",
        ),
        (
            "from pydantic import (\n    validator,\n    BaseModel,\n)\nBaseModel\n",
            "from pydantic import (\n    BaseModel,\n)\nBaseModel\n",
        ),
        ("from pydantic import validator\nx = 1\n", "x = 1\n"),
        # Still used: kept.
        ("from pydantic import validator\nvalidator('a')\n", "from pydantic import validator\nvalidator('a')\n"),
        # Named in __all__: kept.
        (
            "from pydantic import validator\n__all__ = ['validator']\n",
            "from pydantic import validator\n__all__ = ['validator']\n",
        ),
        # A comment above the statement is not dropped with it.
        (
            "import os\n# why\nfrom pydantic import validator\nx = 1\n",
            "import os\n# why\nfrom pydantic import validator\nx = 1\n",
        ),
        ("# header\nfrom pydantic import validator\nx = 1\n", "# header\nx = 1\n"),
        # An aliased import is another binding.
        ("from pydantic import validator as v\nx = 1\n", "from pydantic import validator as v\nx = 1\n"),
    ],
)
def test_remove_if_unused(source: str, expected: str) -> None:
    assert edit(source, [], (("pydantic", "validator"),)) == expected
