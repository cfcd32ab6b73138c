"""The fixer's import edits (fix/imports.py): isort's place for what a fix
adds, and only what a fix left unread dropped."""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import libcst as cst
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flake8_fastapi_prod.fix.imports import ImportEdits, ImportStyle, names_read, style_for, unread_imports

RUFF = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
needs_ruff = pytest.mark.skipif(not Path(RUFF).exists(), reason="ruff is not installed (lint extras)")


def edit(
    source: str,
    added: list[tuple[str, str | None, str | None]],
    unread: tuple[str, ...] = (),
    style: ImportStyle | None = None,
) -> str:
    module = cst.parse_module(source)
    return ImportEdits(added=list(added), removed=[], style=style or ImportStyle()).apply(module, unread=unread).code


def ruff_import_findings(source: str, tmp: Path, name: str = "mod.py") -> list[str]:
    """``ruff check --select I,F401`` with default settings (``--isolated``)."""
    (tmp / name).write_text(source, encoding="utf-8")
    result = subprocess.run(
        [RUFF, "check", "--isolated", "--select", "I,F401", "--output-format", "json", "--exit-zero", name],
        cwd=tmp,
        capture_output=True,
        text=True,
        check=True,
    )
    return sorted(f"{d['code']} {d['message']}" for d in json.loads(result.stdout))


def ruff_sorted(source: str, tmp: Path) -> str:
    (tmp / "mod.py").write_text(source, encoding="utf-8")
    subprocess.run([RUFF, "check", "--isolated", "--select", "I", "--fix", "-q", "mod.py"], cwd=tmp, check=False)
    return (tmp / "mod.py").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("source", "request_", "expected"),
    [
        # Joins an existing `from module import ...` in sorted place.
        (
            "from pydantic import BaseModel\n",
            ("pydantic", "ConfigDict", None),
            "from pydantic import BaseModel, ConfigDict\n",
        ),
        (
            "from pydantic import BaseModel, field_validator\n",
            ("pydantic", "ValidationInfo", None),
            "from pydantic import BaseModel, ValidationInfo, field_validator\n",
        ),
        (
            "from pydantic import Field\n",
            ("pydantic", "BaseModel", None),
            "from pydantic import BaseModel, Field\n",
        ),
        # One name per line with a trailing comma keeps that layout.
        (
            "from pydantic import (\n    BaseModel,\n    Field,\n)\n",
            ("pydantic", "ConfigDict", None),
            "from pydantic import (\n    BaseModel,\n    ConfigDict,\n    Field,\n)\n",
        ),
        (
            "from pydantic import (\n    Field,\n)\n",
            ("pydantic", "BaseModel", None),
            "from pydantic import (\n    BaseModel,\n    Field,\n)\n",
        ),
        (
            "from pydantic import (\n    BaseModel,\n)\n",
            ("pydantic", "field_validator", None),
            "from pydantic import (\n    BaseModel,\n    field_validator,\n)\n",
        ),
        # A line grown past 88 columns is wrapped as isort wraps it.
        (
            "from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, validator\n",
            ("pydantic", "model_validator", None),
            "from pydantic import (\n    BaseModel,\n    ConfigDict,\n    Field,\n    ValidationError,\n"
            "    field_validator,\n    model_validator,\n    validator,\n)\n",
        ),
        # Already imported: nothing changes.
        ("import asyncio\n", ("asyncio", None, None), "import asyncio\n"),
        ("from a import b as c\n", ("a", "b", "c"), "from a import b as c\n"),
        # An aliased name gets its own statement (combine-as-imports = false).
        (
            "from pydantic_settings import SettingsConfigDict\n",
            ("pydantic_settings", "BaseSettings", "Base"),
            "from pydantic_settings import BaseSettings as Base\nfrom pydantic_settings import SettingsConfigDict\n",
        ),
        # The standard library block, sorted, before the third-party one.
        (
            '"""Doc."""\nimport os\n\nimport fastapi\n\nx = 1\n',
            ("asyncio", None, None),
            '"""Doc."""\nimport asyncio\nimport os\n\nimport fastapi\n\nx = 1\n',
        ),
        (
            '"""Doc."""\n\nimport time\n\nfrom fastapi import FastAPI\n\napp = FastAPI()\n',
            ("asyncio", None, None),
            '"""Doc."""\n\nimport asyncio\nimport time\n\nfrom fastapi import FastAPI\n\napp = FastAPI()\n',
        ),
        # No standard-library block yet: a new one, before the third party.
        (
            '"""Doc."""\n\nfrom fastapi import FastAPI\n\napp = FastAPI()\n',
            ("asyncio", None, None),
            '"""Doc."""\n\nimport asyncio\n\nfrom fastapi import FastAPI\n\napp = FastAPI()\n',
        ),
        # After `from __future__`, straight imports before from-imports.
        (
            "from __future__ import annotations\n\nimport os\nfrom typing import Any\n\nx = 1\n",
            ("asyncio", None, None),
            "from __future__ import annotations\n\nimport asyncio\nimport os\nfrom typing import Any\n\nx = 1\n",
        ),
        (
            "from __future__ import annotations\n\nx = 1\n",
            ("asyncio", None, None),
            "from __future__ import annotations\n\nimport asyncio\n\nx = 1\n",
        ),
        # Third party after the standard library, before first party and local.
        (
            "import os\n\nfrom fastapi import FastAPI\n\nfrom .db import engine\n\nx = 1\n",
            ("pydantic_settings", "BaseSettings", None),
            "import os\n\nfrom fastapi import FastAPI\nfrom pydantic_settings import BaseSettings\n\n"
            "from .db import engine\n\nx = 1\n",
        ),
        (
            "import os\n\nfrom .db import engine\n\nx = 1\n",
            ("fastapi.encoders", "jsonable_encoder", None),
            "import os\n\nfrom fastapi.encoders import jsonable_encoder\n\nfrom .db import engine\n\nx = 1\n",
        ),
        # A comment above an import stays with it.
        (
            "# stdlib\nimport os\n\n# web\nimport starlette\n",
            ("fastapi", None, None),
            "# stdlib\nimport os\n\n# web\nimport fastapi\nimport starlette\n",
        ),
        # Never inside `if TYPE_CHECKING:`.
        (
            "import os\n\nif TYPE_CHECKING:\n    from fastapi import Request\n",
            ("asyncio", None, None),
            "import asyncio\nimport os\n\nif TYPE_CHECKING:\n    from fastapi import Request\n",
        ),
        # No import yet.
        (
            '"""Doc."""\n\n\ndef f():\n    pass\n',
            ("asyncio", None, None),
            '"""Doc."""\n\nimport asyncio\n\n\ndef f():\n    pass\n',
        ),
        ("x = 1\n", ("asyncio", None, None), "import asyncio\n\nx = 1\n"),
        # A relative import of the same name is another module.
        (
            "from .pydantic import BaseModel\n",
            ("pydantic", "BaseModel", None),
            "from pydantic import BaseModel\n\nfrom .pydantic import BaseModel\n",
        ),
    ],
)
def test_add(source: str, request_: tuple[str, str | None, str | None], expected: str) -> None:
    assert edit(source, [request_]) == expected
    cst.parse_module(expected)


@needs_ruff
def test_the_expected_layouts_are_ruff_clean(tmp_path: Path) -> None:
    """The layouts test_add expects are what Ruff's I001 wants."""
    sources = [
        "from pydantic import BaseModel, ValidationInfo, field_validator\n",
        "from pydantic import (\n    BaseModel,\n    ConfigDict,\n    Field,\n    ValidationError,\n"
        "    field_validator,\n    model_validator,\n    validator,\n)\n",
        "from pydantic_settings import BaseSettings as Base\nfrom pydantic_settings import SettingsConfigDict\n",
        '"""Doc."""\n\nimport asyncio\n\nfrom fastapi import FastAPI\n\napp = FastAPI()\n',
        "from pydantic import BaseModel\n\nfrom .pydantic import BaseModel as B\n",
        '"""Doc."""\n\nimport asyncio\n\n\ndef f():\n    pass\n',
    ]
    for source in sources:
        assert ruff_sorted(source, tmp_path) == source


def test_first_party_from_the_project_layout(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.ruff]\nline-length = 100\n", encoding="utf-8")
    (tmp_path / "src" / "shop").mkdir(parents=True)
    (tmp_path / "src" / "shop" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "helpers.py").write_text("", encoding="utf-8")
    module = tmp_path / "src" / "shop" / "api.py"
    module.write_text("", encoding="utf-8")
    style = style_for(str(module))
    assert style.line_length == 100
    assert style.section("shop.db") == style.section("helpers") > style.section("fastapi") > style.section("os")
    source = "import os\n\nfrom shop.db import engine\n\nx = 1\n"
    assert edit(source, [("fastapi", "Depends", None)], style=style) == (
        "import os\n\nfrom fastapi import Depends\n\nfrom shop.db import engine\n\nx = 1\n"
    )


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
        ("import os, validator\nx = 1\n", "import os\nx = 1\n"),
        # A comment above a dropped statement stays.
        ("import os\n# why\nfrom pydantic import validator\nx = 1\n", "import os\n# why\nx = 1\n"),
        ("# header\nfrom pydantic import validator\nx = 1\n", "# header\nx = 1\n"),
        # A noqa comment on the line: kept.
        (
            "from pydantic import validator  # noqa: F401\nx = 1\n",
            "from pydantic import validator  # noqa: F401\nx = 1\n",
        ),
        # An aliased import binds another name.
        ("from pydantic import validator as v\nx = 1\n", "from pydantic import validator as v\nx = 1\n"),
        # The blank lines between sections survive a dropped block.
        (
            '"""D."""\n\nimport validator\n\nfrom fastapi import FastAPI\n\nx = 1\n',
            '"""D."""\n\nfrom fastapi import FastAPI\n\nx = 1\n',
        ),
        (
            "import os\n\nimport validator\n\nfrom . import x\n\n\ndef f(): ...\n",
            "import os\n\nfrom . import x\n\n\ndef f(): ...\n",
        ),
        ("import os\n\nimport validator\n\n\ndef f(): ...\n", "import os\n\n\ndef f(): ...\n"),
    ],
)
def test_drop_unread(source: str, expected: str) -> None:
    assert edit(source, [], ("validator",)) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("def f():\n    import validator\n\n    return 1\n", "def f():\n    return 1\n"),
        ("def f():\n    import validator\n", "def f():\n    pass\n"),
        (
            "def f():\n    if x:\n        import validator\n    return 1\n",
            "def f():\n    if x:\n        pass\n    return 1\n",
        ),
        # Another function's import of the same name is another binding.
        ("def g():\n    import validator\n", "def g():\n    import validator\n"),
        ("import validator\n", "import validator\n"),
    ],
)
def test_drop_unread_in_a_function(source: str, expected: str) -> None:
    module = cst.parse_module(source)
    assert ImportEdits([], []).apply(module, unread={(("f",), "validator")}).code == expected


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        # time.sleep -> asyncio.sleep: the module's `import time` is unread.
        (
            "import time\nasync def f():\n    time.sleep(1)\n",
            "import time\nasync def f():\n    await x()\n",
            {((), "time")},
        ),
        # Still read elsewhere: kept.
        (
            "import time\ndef f():\n    time.sleep(1)\n    time.time()\n",
            "import time\ndef f():\n    time.time()\n",
            set(),
        ),
        # Unread before the fix (side effects, or already unused): kept.
        ("import app.models\nimport time\nx = 1\n", "import app.models\nimport time\nx = 2\n", set()),
        # A function's own import: read elsewhere in the module does not count.
        (
            "import time\ndef g():\n    time.time()\nasync def f():\n    import time\n    time.sleep(1)\n",
            "import time\ndef g():\n    time.time()\nasync def f():\n    import time\n    await x()\n",
            {(("f",), "time")},
        ),
        # Named in __all__ or a string annotation after the fix: kept.
        ("from m import a\n__all__ = ['a']\na()\n", "from m import a\n__all__ = ['a']\n", set()),
        ("from m import a\ndef f(x: 'a'): a()\n", "from m import a\ndef f(x: 'a'): ...\n", set()),
        ("from __future__ import annotations\nx = annotations\n", "from __future__ import annotations\n", set()),
    ],
)
def test_unread_imports(before: str, after: str, expected: set[tuple[tuple[str, ...], str]]) -> None:
    assert unread_imports(ast.parse(before), ast.parse(after)) == expected


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("__all__ = ['validator']\n", "validator"),
        ("__all__ += ('validator',)\n", "validator"),
        ("__all__.append('validator')\n", "validator"),
        ("def f(x: 'validator.Thing') -> None: ...\n", "validator"),
        ("def f() -> 'list[validator]': ...\n", "validator"),
        ("x: Optional['validator'] = None\n", "validator"),
        ("y = cast('validator', z)\n", "validator"),
        ("T = TypeVar('T', bound='validator')\n", "validator"),
        ("print(validator)\n", "validator"),
    ],
)
def test_names_read_counts_strings_where_python_reads_them(source: str, name: str) -> None:
    assert names_read(ast.parse(source))[name]


def test_names_read_ignores_prose() -> None:
    assert not names_read(ast.parse("'''Sleep for a time.'''\nlog('time')\n"))["time"]


# -- against Ruff: an added import never makes a sorted block unsorted -------

STDLIB = ["asyncio", "os", "sys", "typing", "collections.abc", "datetime", "json", "contextlib"]
THIRD = ["fastapi", "pydantic", "sqlalchemy", "starlette.exceptions", "pydantic_settings", "httpx", "anyio"]
NAMES = ["Any", "BaseModel", "CONST", "Field", "abc", "dump", "Zeta", "X1", "X10", "X9", "field_validator"]


@st.composite
def import_lines(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        module = draw(st.sampled_from(STDLIB + THIRD + [".local", "..up"]))
        if module.startswith(".") or draw(st.booleans()):
            names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=4, unique=True))
            lines.append(f"from {module} import {', '.join(names)}")
        else:
            lines.append(f"import {module}")
    head = draw(st.sampled_from(["", '"""Doc."""\n', "from __future__ import annotations\n", "# comment\n"]))
    tail = draw(st.sampled_from(["x = 1\n", "def f():\n    pass\n", "class A:\n    pass\n"]))
    return head + "\n".join(lines) + "\n\n" + tail


@needs_ruff
@given(
    source=import_lines(),
    module=st.sampled_from(STDLIB + THIRD),
    name=st.one_of(st.none(), st.sampled_from(NAMES)),
    asname=st.sampled_from([None, None, "alias"]),
)
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_an_added_import_keeps_a_sorted_file_sorted(
    tmp_path_factory: pytest.TempPathFactory, source: str, module: str, name: str | None, asname: str | None
) -> None:
    tmp = tmp_path_factory.mktemp("ruff")
    clean = ruff_sorted(source, tmp)
    if ruff_import_findings(clean, tmp):  # e.g. an unused import: not what this tests
        clean = ruff_sorted(clean, tmp)
    before = [f for f in ruff_import_findings(clean, tmp) if f.startswith("I")]
    assert not before
    added = edit(clean, [(module, name, asname)])
    after = [f for f in ruff_import_findings(added, tmp) if f.startswith("I")]
    assert not after, f"{clean!r}\n->\n{added!r}\nruff wants:\n{ruff_sorted(added, tmp)!r}"


@pytest.mark.parametrize(
    ("source", "count"),
    [
        ("def f(loop):\n    return loop()\n", 0),
        ("def f():\n    loop = 1\n    return loop\n", 0),
        ("def f():\n    from asyncio import loop\n    return loop()\n", 0),
        ("def f():\n    global loop\n    loop = 1\n", 1),
        ("def f(x=loop):\n    return x\n", 1),
        ("@loop\ndef f(): ...\n", 1),
        ("def f():\n    return loop()\n", 1),
        ("f = lambda loop: loop\n", 0),
        ("def outer(loop):\n    def inner():\n        return loop\n", 0),
        ("loop = 1\n", 1),
    ],
)
def test_a_nested_function_s_own_name_is_not_the_module_s(source: str, count: int) -> None:
    assert names_read(ast.parse(source))["loop"] == count


def test_a_function_s_reads_of_its_own_import_count_in_its_scope() -> None:
    tree = ast.parse("async def f():\n    import time\n    time.sleep(1)\n")
    function = tree.body[0]
    assert names_read(function)["time"] == 1


def test_a_name_a_fix_says_it_stopped_using_is_dropped_only_when_unread() -> None:
    from flake8_fastapi_prod.fix.engine import FixContext

    fix_ctx = FixContext()
    fix_ctx.stopped_using("validator", "BaseModel")
    also = [name for _, name in fix_ctx.imports.removed]
    before = ast.parse("from pydantic import BaseModel, validator\n")
    after = ast.parse("from pydantic import BaseModel, validator\nclass A(BaseModel): ...\n")
    assert unread_imports(before, after, also) == {((), "validator")}


def test_an_import_below_the_first_code_does_not_count_as_present() -> None:
    """The class body runs before the late import binds the name."""
    source = (
        "from pydantic import BaseModel\n\n\nclass A(BaseModel):\n    x: ImportString\n\n\n"
        "from pydantic import ImportString\n"
    )
    assert edit(source, [("pydantic", "ImportString", None)]).startswith(
        "from pydantic import BaseModel, ImportString\n"
    )
    shim = "try:\n    import orjson\nexcept ImportError:\n    orjson = None\nimport asyncio\n\nx = 1\n"
    assert edit(shim, [("asyncio", None, None)]) == shim
