"""Hypothesis properties of the plugin and the fixer.

Programs are generated two ways: hypothesmith's arbitrary valid Python (the
plugin must never raise on any of it), and a generator of FastAPI-shaped
modules built from the spellings the rules care about (aliased imports,
async and sync functions, sessions, models, handlers, non-ASCII text, noqa
comments), where the fixer has real work to do.
"""

from __future__ import annotations

import ast
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import hypothesmith
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from flake8_fastapi_prod.context import Context, Walker, analyze
from flake8_fastapi_prod.fix.cli import RunOptions, process_bytes, process_file
from flake8_fastapi_prod.fix.engine import FixOptions, fix_source
from flake8_fastapi_prod.plugin import Checker
from flake8_fastapi_prod.registry import Selection, all_rules
from flake8_fastapi_prod.resolve import ModuleInfo, Project
from tests.annotations import TESTDATA, all_cases

EVERY_CODE = Selection(select=tuple(rule.code for rule in all_rules()))
FIX_ALL = FixOptions(EVERY_CODE, unsafe_fixes=True)
PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
)

IMPORTS = [
    "import time",
    "import time as t",
    "from time import sleep",
    "from time import sleep as snooze",
    "import asyncio",
    "import asyncio as aio",
    "from asyncio import sleep as asleep",
    "from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine",
    "from sqlalchemy.ext.asyncio import AsyncSession as AS",
    "from typing import Annotated, Optional",
    "from fastapi import Depends, FastAPI, Request",
    "from fastapi.exceptions import RequestValidationError",
    "from fastapi.responses import JSONResponse",
    "from fastapi.security import APIKeyHeader, HTTPBearer",
    "from pydantic import BaseModel",
    "from pydantic import root_validator, validator",
    "import pydantic as pd",
    "from pydantic_settings import BaseSettings",
    "import requests",
    "import httpx",
]

STATEMENTS = [
    "time.sleep(1)",
    "t.sleep(0.5)",
    "sleep(2)",
    "snooze(3)",
    "await asyncio.sleep(1)",
    "x = 'héllo wörld 🎉'; time.sleep(1)",
    "label = 'naïve'  # ünïcode comment",
    "session.commit()",
    "await session.commit()",
    "session.add(item)",
    "result = session.execute(query).scalars().all()",
    "rows = (await session.execute(query)).all()",
    "total = session.scalar(query) or 0",
    "session.refresh(item)  # noqa: FP201",
    "time.sleep(1)  # noqa",
    "value = [sleep(i) for i in range(3)]",
    "gen = (sleep(i) for i in range(3))",
    "fn = lambda: time.sleep(1)",
    "requests.get('https://example.com')",
    "with httpx.Client() as client:\n        client.get('/')",
    "if item:\n        session.flush()\n    else:\n        pass",
    "try:\n        session.commit()\n    except Exception:\n        session.rollback()\n        raise",
    "return str(exc)",
    "return JSONResponse({'detail': str(exc)})",
    "return JSONResponse({'detail': f'bad: {exc}'})",
    "item = Item.parse_obj({'name': 'x'}); data = item.dict()",
    "return Signup.from_orm(row).json(indent=2)",
]

CLASSES = [
    "class Item(BaseModel):\n    name: str\n\n    class Config:\n        orm_mode = True\n",
    "class Conf(BaseSettings):\n    url: str = 'x'\n\n    class Config:\n        env_file = '.env'\n"
    "        fields = {'url': {'env': 'URL'}}\n",
    "class Plain:\n    class Config:\n        orm_mode = True\n",
    "class Signup(BaseModel):\n    a: str\n    b: str\n\n"
    "    @validator('a', pre=True, allow_reuse=True)\n    def low(cls, v):\n        return v.lower()\n\n"
    "    @validator('b')\n    def same(cls, v, values):\n        return v if v == values.get('a') else None\n\n"
    "    @root_validator(pre=True)\n    def fill(cls, values):\n        return values\n\n"
    "    @root_validator\n    def after(cls, values):\n        return values\n",
    "class Old(pd.BaseModel):\n    x: int\n\n    @pd.validator(\n        'x',\n        pre=True,\n    )\n"
    "    def pos(cls, v):\n        return v\n\n    def dump(self):\n        return self.dict(exclude_none=True)\n",
    "class Repo:\n    def __init__(self, session: AsyncSession):\n        self.session = session\n\n"
    "    async def save(self, item):\n        self.session.add(item)\n        self.session.commit()\n",
]

MODULE_LEVEL = [
    "key_a = APIKeyHeader(name='X-A')",
    "key_b = APIKeyHeader(name='X-B')",
    "bearer = HTTPBearer()",
    "app = FastAPI()",
    "Session = async_sessionmaker(create_async_engine('sqlite+aiosqlite://'), expire_on_commit=False)",
    "DbSession = Annotated[AsyncSession, Depends(lambda: None)]",
]

PARAMS = [
    "",
    "session: AsyncSession",
    "session: AS",
    "session: DbSession",
    "request: Request, exc: RequestValidationError",
    "session",
]


@st.composite
def fastapi_modules(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(IMPORTS), min_size=1, max_size=8, unique=True))
    parts += draw(st.lists(st.sampled_from(MODULE_LEVEL), max_size=4, unique=True))
    parts += draw(st.lists(st.sampled_from(CLASSES), max_size=2, unique=True))
    for index in range(draw(st.integers(1, 4))):
        keyword = draw(st.sampled_from(["async def", "def"]))
        params = draw(st.sampled_from(PARAMS))
        body = draw(st.lists(st.sampled_from(STATEMENTS), min_size=1, max_size=6))
        decorator = draw(st.sampled_from(["", "@app.exception_handler(RequestValidationError)\n"]))
        lines = "\n".join(f"    {statement}" for statement in body)
        parts.append(f"{decorator}{keyword} handler_{index}({params}):\n{lines}\n")
    return "\n\n".join(parts) + "\n"


def parses(source: str) -> bool:
    try:
        ast.parse(source)
    except SyntaxError:
        return False
    return True


def compiles(source: str) -> bool:
    """More than parsing: a repeated keyword argument or an ``await``
    outside an ``async def`` parse but do not compile."""
    try:
        compile(source, "generated.py", "exec", dont_inherit=True)
    except SyntaxError:
        return False
    return True


@given(hypothesmith.from_grammar())
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
def test_plugin_never_raises_on_arbitrary_python(source: str) -> None:
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        assume(False)
        return
    list(Checker(tree, "generated.py").run())


#: The singletons the walk skips on purpose: no rule visits them.
SINGLETONS = (ast.expr_context, ast.boolop, ast.operator, ast.unaryop, ast.cmpop)

#: One of every statement, expression and pattern of Python 3.11.
EVERY_NODE_TYPE = """
import a.b as c
from . import d as e
from .f import *
global_name: int = 1
x = y = [*z, (w := 1)] if u else {**v, "k": -u} or not u
x += 1 + 2 @ 3
del x[1:2:3], x.y
assert x, f"{x!r:>{width}} {y=}"
print(*args, key=value, **kwargs)
lambda q, /, r=1, *s, t, u=2, **k: (yield), (yield from q), {q for q in r if q}, {q: r for q, r in s}
gen = (a async for a in b)
lst = [await c for c in d]
if {1, 2}:
    pass
elif x:
    pass
while x < y <= z is not w in v:
    break
else:
    continue
for i, j in k:
    pass
else:
    pass
with a as (b, c), d:
    raise E from F
try:
    pass
except A:
    pass
else:
    pass
finally:
    pass
match command:
    case [1, *rest] | {"k": 2, **others}:
        pass
    case Point(1, y=2) if guard:
        pass
    case None | True | "s" | -1 | 1 + 2j | a.b as bound:
        pass
    case _:
        pass
@decorator(arg)
class C(Base, metaclass=M):
    attr: "C" = ...

    @property
    async def method(self, *, key: int = 0) -> None:
        nonlocal_holder = 1
        def inner():
            nonlocal nonlocal_holder
            global global_name
        async with self.lock as held:
            async for item in self.items:
                await item
        return ~x if x else +x
""" + ("try:\n    pass\nexcept* (A, B) as err:\n    pass\n" if sys.version_info >= (3, 11) else "")


def assert_walk_complete(source: str) -> None:
    tree = ast.parse(source)
    visited: list[int] = []

    def record(node: ast.AST, ctx: object) -> list[object]:
        visited.append(id(node))
        return []

    walker = Walker([], Context(ModuleInfo(tree, "generated.py", Project()), EVERY_CODE))
    walker.dispatch = {node_type: [record] for node_type in {type(node) for node in ast.walk(tree)}}
    walker.run(tree)
    expected = [id(node) for node in ast.walk(tree) if not isinstance(node, SINGLETONS)]
    assert sorted(visited) == sorted(expected)
    assert len(visited) == len(set(visited))


def test_every_node_type_sample_covers_the_grammar() -> None:
    """The sample below must hold every node class, or the walk test
    above proves less than it claims."""
    present = {type(node) for node in ast.walk(ast.parse(EVERY_NODE_TYPE))}
    concrete = {
        cls
        for cls in vars(ast).values()
        if isinstance(cls, type) and issubclass(cls, (ast.stmt, ast.expr, ast.pattern)) and cls._fields
    }
    missing = {cls.__name__ for cls in concrete - present}
    deprecated = {"Num", "Str", "Bytes", "NameConstant", "Ellipsis"}
    later_pythons = {"TypeAlias"} | ({"TryStar"} if sys.version_info < (3, 11) else set())
    assert missing - deprecated - later_pythons == set()


@pytest.mark.parametrize(
    "path", [None, *sorted(TESTDATA.rglob("*.py"))], ids=lambda p: "every-node-type" if p is None else p.name
)
def test_the_walk_reaches_every_node(path: Path | None) -> None:
    """The walker's table of fields to skip never hides a node from a rule."""
    assert_walk_complete(EVERY_NODE_TYPE if path is None else path.read_text(encoding="utf-8"))


@given(hypothesmith.from_grammar())
@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_walk_reaches_every_node_of_arbitrary_python(source: str) -> None:
    try:
        ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        assume(False)
        return
    assert_walk_complete(source)


@given(fastapi_modules())
@PROPERTY_SETTINGS
def test_plugin_never_raises_on_fastapi_shaped_code(source: str) -> None:
    assume(parses(source))
    list(Checker(ast.parse(source), "generated.py").run())


@given(fastapi_modules())
@PROPERTY_SETTINGS
def test_fix_output_compiles_and_is_idempotent(source: str) -> None:
    assume(compiles(source))
    once = fix_source(source, "generated.py", FIX_ALL, project=Project())
    assert compiles(once.source)
    twice = fix_source(once.source, "generated.py", FIX_ALL, project=Project())
    assert twice.source == once.source
    assert not twice.fixed


#: Middleware registrations on one app, for FP604's fixes: two CORS
#: middlewares (told apart by their origins), ones that may answer a request
#: themselves, a pass-through one, an ``@app.middleware`` function.
REGISTRATIONS = [
    "app.add_middleware(CORSMiddleware, allow_origins=['https://a.example'])",
    "app.add_middleware(CORSMiddleware, allow_origins=['https://b.example'])",
    "app.add_middleware(TrustedHostMiddleware, allowed_hosts=['example.com'])",
    "app.add_middleware(GZipMiddleware)",
    "app.add_middleware(Gate)",
    "@app.middleware('http')\nasync def timing(request, call_next):\n    return await call_next(request)",
    "if flag:\n    app.add_middleware(Gate)",
]
LISTED = [
    "Middleware(CORSMiddleware, allow_origins=['https://a.example'])",
    "Middleware(CORSMiddleware, allow_origins=['https://b.example'])",
    "Middleware(TrustedHostMiddleware, allowed_hosts=['example.com'])",
    "Middleware(GZipMiddleware)",
    "Middleware(Gate)",
]
MIDDLEWARE_HEAD = (
    "from fastapi import FastAPI\n"
    "from fastapi.middleware.cors import CORSMiddleware\n"
    "from fastapi.middleware.gzip import GZipMiddleware\n"
    "from fastapi.middleware.trustedhost import TrustedHostMiddleware\n"
    "from starlette.middleware import Middleware\n"
    "from gates import Gate\n\n"
    "flag = True\n"
)
FIX_FP604 = FixOptions(Selection(select=("FP604",)), unsafe_fixes=True)


@st.composite
def middleware_stacks(draw: st.DrawFn) -> str:
    listed = draw(st.lists(st.sampled_from(LISTED), max_size=4))
    added = draw(st.lists(st.sampled_from(REGISTRATIONS), max_size=6))
    body = f"app = FastAPI(middleware=[{', '.join(listed)}])\n" if listed else "app = FastAPI()\n"
    body += "".join(line + "\n" for line in added)
    if draw(st.booleans()):
        inner = "".join("    " + line + "\n" for line in body.splitlines())
        body = f"def create_app():\n{inner}    return app\n"
    return MIDDLEWARE_HEAD + body


def cors_order(source: str) -> list[str]:
    return re.findall(r"https://([ab])\.example", source)


@given(middleware_stacks())
@PROPERTY_SETTINGS
def test_fp604_fix_settles_keeps_cors_order_and_is_idempotent(source: str) -> None:
    """Any stack, two CORS middlewares included: the fix settles (no "did
    not settle" error), leaves nothing fixable, keeps the CORS middlewares
    in their order within the list and within the added ones, and fixing
    again changes nothing."""
    once = fix_source(source, "generated.py", FIX_FP604, project=Project())
    assert compiles(once.source)
    assert not [f for f in once.remaining if f.fixable]
    for before, after in zip(source.split("app = FastAPI"), once.source.split("app = FastAPI"), strict=True):
        listed_before, _, added_before = before.partition("\n")
        listed_after, _, added_after = after.partition("\n")
        assert cors_order(listed_before) == cors_order(listed_after)
        assert cors_order(added_before) == cors_order(added_after)
    twice = fix_source(once.source, "generated.py", FIX_FP604, project=Project())
    assert twice.source == once.source
    assert not twice.fixed


@given(fastapi_modules())
@PROPERTY_SETTINGS
def test_nothing_fixable_means_byte_identical(source: str) -> None:
    assume(parses(source))
    findings = analyze(ast.parse(source), "generated.py", EVERY_CODE, project=Project())
    assume(not any(f.fixable for f in findings))
    raw = source.encode("utf-8")
    outcome = process_bytes(raw, "generated.py", RunOptions(FIX_ALL, "write"))
    assert not outcome.changed and outcome.output is None


@given(fastapi_modules(), st.sampled_from(["\r\n", "\n"]), st.booleans())
@PROPERTY_SETTINGS
def test_newlines_and_bom_are_kept(source: str, newline: str, bom: bool) -> None:
    assume(parses(source))
    raw = (b"\xef\xbb\xbf" if bom else b"") + source.replace("\n", newline).encode("utf-8")
    outcome = process_bytes(raw, "generated.py", RunOptions(FIX_ALL, "write"))
    assert not outcome.error
    if not outcome.changed:
        return
    assert outcome.output is not None
    output = outcome.output
    assert output.startswith(b"\xef\xbb\xbf") == bom
    text = output.decode("utf-8-sig")
    if newline == "\r\n":
        assert "\n" not in text.replace("\r\n", "")
    reference = fix_source(source, "generated.py", FIX_ALL, project=Project()).source
    assert text == reference.replace("\n", newline)


@given(fastapi_modules(), st.sampled_from(["é", "日本語", "🎉🎉", "Ω≈ç√"]))
@PROPERTY_SETTINGS
def test_non_ascii_text_before_a_finding_keeps_positions_right(source: str, text: str) -> None:
    """Put non-ASCII text before every statement on its line: ast's byte
    columns and libcst's character columns then differ, and a fix applied at
    the wrong place would leave the finding or break the code."""
    shifted = source.replace("\n    ", f"\n    _ = '{text}'; ")
    assume(compiles(shifted))
    fixed = fix_source(shifted, "generated.py", FIX_ALL, project=Project())
    assert compiles(fixed.source)
    assert fixed.source.count(text) == shifted.count(text)
    again = fix_source(fixed.source, "generated.py", FIX_ALL, project=Project())
    assert again.source == fixed.source


CASES = all_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
@given(newline=st.sampled_from(["\n", "\r\n"]), prefix=st.sampled_from(["", "# ünïcödé header\n", "\n\n"]))
@settings(max_examples=4, deadline=None)
def test_fixer_on_test_data_variants(case: object, newline: str, prefix: str) -> None:
    from tests.annotations import Case

    assert isinstance(case, Case)
    source = prefix + case.path.read_text(encoding="utf-8")
    raw = source.replace("\n", newline).encode("utf-8")
    options = RunOptions(FixOptions(case.selection(), unsafe_fixes=True), "write")
    outcome = process_bytes(raw, str(case.path), options)
    assert not outcome.error
    output = outcome.output if outcome.changed and outcome.output is not None else raw
    assert compiles(output.decode("utf-8"))
    second = process_bytes(output, str(case.path), options)
    assert not second.changed, "fixing twice changed the file again"


# -- files, encodings and newlines -------------------------------------------


@given(fastapi_modules())
@PROPERTY_SETTINGS
def test_nothing_fixable_means_the_file_is_not_touched(source: str) -> None:
    """Through the file path: bytes, inode and mtime stay."""
    assume(parses(source))
    findings = analyze(ast.parse(source), "generated.py", EVERY_CODE, project=Project())
    assume(not any(f.fixable for f in findings))
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "generated.py"
        path.write_bytes(source.encode("utf-8"))
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
        before = path.stat()
        outcome = process_file(str(path), RunOptions(FIX_ALL, "write"))
        after = path.stat()
        assert not outcome.changed and not outcome.error
        assert path.read_bytes() == source.encode("utf-8")
        assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


@given(fastapi_modules(), st.sampled_from(["latin-1", "cp1252", "utf-8"]))
@PROPERTY_SETTINGS
def test_a_pep263_encoding_is_kept(source: str, encoding: str) -> None:
    source = source.replace("🎉", "é").replace("ü", "é").replace("ï", "é").replace("ö", "é")
    assume(parses(source))
    header = f"# -*- coding: {encoding} -*-\n"
    raw = (header + source).encode(encoding)
    outcome = process_bytes(raw, "generated.py", RunOptions(FIX_ALL, "write"))
    assert not outcome.error
    output = outcome.output if outcome.changed and outcome.output is not None else raw
    assert output.startswith(header.encode("ascii"))
    reference = fix_source(header + source, "generated.py", FIX_ALL, project=Project()).source
    assert output == reference.encode(encoding)


@given(fastapi_modules(), st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=1, max_size=40))
@PROPERTY_SETTINGS
def test_mixed_newlines_are_kept_line_by_line(source: str, endings: list[str]) -> None:
    """Each line the fix did not change keeps its own newline; no newline
    style the file did not have appears."""
    assume(parses(source))
    lines = source.split("\n")
    mixed = "".join(line + endings[i % len(endings)] for i, line in enumerate(lines[:-1])) + lines[-1]
    assume(parses(mixed))
    raw = mixed.encode("utf-8")
    outcome = process_bytes(raw, "generated.py", RunOptions(FIX_ALL, "write"))
    assert not outcome.error
    if not outcome.changed:
        return
    assert outcome.output is not None
    out_lines = outcome.output.decode("utf-8").splitlines(keepends=True)
    in_lines = mixed.splitlines(keepends=True)
    used = {line[len(line.rstrip("\r\n")) :] for line in in_lines} | {""}
    assert {line[len(line.rstrip("\r\n")) :] for line in out_lines} <= used
    matcher = difflib.SequenceMatcher(
        None, [line.rstrip("\r\n") for line in in_lines], [line.rstrip("\r\n") for line in out_lines], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            assert in_lines[i1:i2] == out_lines[j1:j2]


# -- imports as a careful human writes them ----------------------------------

RUFF = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))


def ruff(source: str, directory: Path, *args: str) -> list[str]:
    path = directory / "generated.py"
    path.write_text(source, encoding="utf-8")
    result = subprocess.run(
        [RUFF, "check", "--isolated", "--no-cache", "--output-format", "json", "--exit-zero", *args, path.name],
        cwd=directory,
        capture_output=True,
        text=True,
        check=True,
    )
    found = []
    for item in json.loads(result.stdout):
        message = item["message"]
        if item["code"] == "F401":
            match = re.match(r"`([^`]*)`", message)
            message = match.group(1).rsplit(".", 1)[-1] if match else message
        found.append(f"{item['code']} {message}")
    return sorted(found)


@pytest.mark.skipif(not Path(RUFF).exists(), reason="ruff is not installed (lint extras)")
@given(fastapi_modules())
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_imports_stay_sorted_and_no_used_import_is_removed(source: str) -> None:
    """On an isort-clean module: after fixing, ``ruff --select I,F401,F821``
    finds nothing new. I001: added imports are where isort puts them; F401:
    every import the fixes left unused is gone; F821: no import a name still
    needs was removed."""
    assume(compiles(source))
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        (folder / "generated.py").write_text(source, encoding="utf-8")
        subprocess.run(
            [RUFF, "check", "--isolated", "--no-cache", "--select", "I", "--fix", "-q", "generated.py"],
            cwd=folder,
            check=False,
        )
        clean = (folder / "generated.py").read_text(encoding="utf-8")
        assume(compiles(clean))
        before = Counter(ruff(clean, folder, "--select", "I,F401,F821"))
        assert not [f for f in before if f.startswith("I")]
        fixed = fix_source(clean, str(folder / "generated.py"), FIX_ALL, project=Project()).source
        after = Counter(ruff(fixed, folder, "--select", "I,F401,F821"))
        assert sorted((after - before).elements()) == [], fixed


def test_a_file_with_old_mac_newlines_keeps_its_final_newline() -> None:
    """Found by the property above: libcst dropped the last ``\\r``."""
    raw = b"import time\r\r\rasync def handler():\r    time.sleep(1)\r"
    outcome = process_bytes(raw, "generated.py", RunOptions(FIX_ALL, "write"))
    assert outcome.changed and outcome.output is not None
    assert outcome.output.endswith(b"asyncio.sleep(1)\r")
    assert b"\n" not in outcome.output
