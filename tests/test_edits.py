"""``fix.edits.set_keyword``: an added keyword follows the call's layout."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import libcst as cst
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flake8_fastapi_prod.fix.edits import set_keyword


def add(source: str, name: str = "default", value: str = "None") -> str:
    module = cst.parse_module(source)

    class Add(cst.CSTTransformer):
        def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
            return set_keyword(updated, name, cst.parse_expression(value))

    return module.visit(Add()).code


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # Multi-line, no trailing comma: one argument per line, same indent,
        # closing paren where it was, no trailing whitespace.
        (
            'f(\n    description="The a."\n)\n',
            'f(\n    description="The a.",\n    default=None\n)\n',
        ),
        (
            "f(\n    a=1,\n    b=2\n)\n",
            "f(\n    a=1,\n    b=2,\n    default=None\n)\n",
        ),
        # Multi-line with a trailing comma.
        ("f(\n    a=1,\n)\n", "f(\n    a=1,\n    default=None,\n)\n"),
        # Hanging indent: the separator the other arguments use.
        ("f(a=1,\n  b=2)\n", "f(a=1,\n  b=2,\n  default=None)\n"),
        # Closing paren on its own line after a one-line argument list.
        ("f(a=1, b=2\n)\n", "f(a=1, b=2, default=None\n)\n"),
        # One line.
        ("f(a=1)\n", "f(a=1, default=None)\n"),
        ("f()\n", "f(default=None)\n"),
        # Replacing an existing keyword keeps everything else.
        ("f(\n    default=1\n)\n", "f(\n    default=None\n)\n"),
    ],
)
def test_set_keyword_follows_layout(source: str, expected: str) -> None:
    assert add(source) == expected


def test_fp307_fix_on_multiline_field(tmp_path: Path) -> None:
    """The case found on a real service (Pydantic 1 project, FP307 named)."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\ndependencies = ["pydantic<2"]\n')
    model = tmp_path / "m.py"
    model.write_text(
        "from typing import Optional\n\nfrom pydantic import BaseModel, Field\n\n\n"
        'class M(BaseModel):\n    a: Optional[int] = Field(\n        description="The a."\n    )\n'
    )
    fixer = Path(sys.executable).with_name("fastapi-prod-fix")
    subprocess.run(
        [str(fixer), "--select", "FP3", "--extend-select", "FP307", "--unsafe-fixes", str(model)],
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    expected = '    a: Optional[int] = Field(\n        description="The a.",\n        default=None\n    )\n'
    assert model.read_text().endswith(expected)


NAMES = st.sampled_from(["a", "b", "c", "title", "description"])


@st.composite
def calls(draw: st.DrawFn) -> str:
    names = draw(st.lists(NAMES, unique=True, max_size=4))
    args = [f"{n}={i}" for i, n in enumerate(names)]
    if draw(st.booleans()) and args:  # one per line
        indent = " " * draw(st.sampled_from([4, 8]))
        trailing = "," if draw(st.booleans()) else ""
        body = f",\n{indent}".join(args)
        return f"f(\n{indent}{body}{trailing}\n{' ' * (len(indent) - 4)})\n"
    return "f(" + ", ".join(args) + ")\n"


@settings(max_examples=80, deadline=None)
@given(calls())
def test_set_keyword_property(source: str) -> None:
    fixed = add(source, "extra", "1")
    call = ast.parse(fixed).body[0].value  # type: ignore[attr-defined]
    original = ast.parse(source).body[0].value  # type: ignore[attr-defined]
    # Same keywords plus the new one, last.
    assert [k.arg for k in call.keywords] == [k.arg for k in original.keywords] + ["extra"]
    lines = fixed.splitlines()
    # No trailing whitespace; the closing paren stays on the line it had.
    assert all(line == line.rstrip() for line in lines)
    assert lines[-1].strip().endswith(")") and source.splitlines()[-1].strip()[-1] == ")"
    if "\n" in source.rstrip("\n"):
        assert lines[-1] == source.splitlines()[-1]
        # One argument per line, all with the same indent.
        indents = {len(line) - len(line.lstrip()) for line in lines[1:-1]}
        assert len(indents) == 1 and len(lines) == len(source.splitlines()) + 1
    else:
        assert len(lines) == 1
