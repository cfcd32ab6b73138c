"""The Pydantic V1 -> V2 migration workflow of the README, end to end: one
``fastapi-prod-fix --select FP3`` run over a V1 service, a summary file by
file of what it rewrote and what is left, and the result imports and
behaves on the real Pydantic 2 without deprecation warnings."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from flake8_fastapi_prod.fix.cli import main
from flake8_fastapi_prod.registry import all_rules, get_rule
from tests.annotations import TESTDATA

pytest.importorskip("pydantic_settings")

SERVICE = {
    "app/__init__.py": "",
    "app/settings.py": """
        from pydantic import BaseSettings

        class Settings(BaseSettings):
            app_name = "svc"
            debug: bool = False

            class Config:
                env_prefix = "SVC_"

        settings = Settings()
    """,
    "app/base.py": """
        from pydantic import BaseModel, Extra

        class Base(BaseModel):
            class Config:
                orm_mode = True
                extra = Extra.forbid
                smart_union = True
    """,
    "app/models.py": """
        from typing import Generic, List, Optional, TypeVar

        import pydantic as pd
        from pydantic import root_validator, validator
        from pydantic.generics import GenericModel

        from app.base import Base

        T = TypeVar("T")

        class Item(Base):
            name: str
            price: float
            quantity: int = 1
            total: float = 0
            description: Optional[str]

            @validator("name", pre=True)
            def strip(cls, v):
                return v.strip()

            @validator("quantity")
            def positive(cls, v, values):
                if v <= 0:
                    raise ValueError(f"{values['name']}: quantity must be positive")
                return v

            @root_validator(skip_on_failure=True)
            def compute(cls, values):
                values["total"] = values["price"] * values["quantity"]
                return values

        class Page(GenericModel, Generic[T]):
            items: List[T]
            page = 1

        class Tags(pd.BaseModel):
            __root__: List[str]

            def __iter__(self):
                return iter(self.__root__)
    """,
    "app/api.py": """
        from app.models import Item, Page

        def create(payload: dict) -> dict:
            item = Item.parse_obj(payload)
            return item.dict()

        def first_page(items: list) -> Page[Item]:
            return Page[Item](items=items)
    """,
    "app/legacy.py": """
        from typing import List

        from pydantic import BaseModel, validator

        class Batch(BaseModel):
            sizes: List[int]

            @validator("sizes", each_item=True)
            def positive(cls, v):
                assert v > 0
                return v
    """,
}

#: Modules that must import on Pydantic 2 after the one run (legacy.py
#: keeps an each_item validator: reported, left for a human).
MIGRATED = ("app.settings", "app.base", "app.models", "app.api")

BEHAVIOUR = """
import warnings
warnings.simplefilter("error")
from types import SimpleNamespace
import app.settings, app.base, app.models, app.api
from app.models import Item, Page, Tags
item = Item(name="  pen ", price=2, quantity=3)
assert (item.name, item.total, item.description) == ("pen", 6.0, None), item
assert Item.model_validate(SimpleNamespace(name="a", price=1.0, quantity=1, total=0, description=None)).total == 1.0
try:
    Item(name="a", price=1, surprise=1)
except ValueError:
    pass
else:
    raise AssertionError("extra=forbid lost")
assert app.api.create({"name": "b", "price": 1.5, "quantity": 2})["total"] == 3.0
assert Page[int](items=["1"]).items == [1] and Page[int](items=[]).page == 1
assert list(Tags.model_validate(["x"])) == ["x"]
assert app.settings.settings.app_name == "svc"
print("ok")
"""


def _write(root: Path) -> None:
    for name, text in SERVICE.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    (root / "pyproject.toml").write_text('[project]\nname = "svc"\ndependencies = ["pydantic<2"]\n')


def test_one_run_takes_a_v1_service_to_v2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path)
    monkeypatch.chdir(tmp_path)
    code = main(["--select", "FP3", "--extend-select", "FP307", "--unsafe-fixes", "app"])
    assert code == 0
    err = capsys.readouterr().err
    # The summary: what was rewritten, then file by file what is left.
    assert "left for a human" in err
    assert re.search(r"app/base\.py: fixed \d+ \(FP301 1[^)]*\); left 1\n  \d+:\d+: TODO\(FP314\)", err), err
    assert re.search(r"app/legacy\.py: fixed 0; left 1\n  \d+:\d+: FP303 .*no fix: each_item=True", err), err
    summary = err.strip().splitlines()[-1]
    assert summary.startswith("fixed ") and "FP303 3" in summary and "1 TODO comment" in summary, summary

    models = (tmp_path / "app/models.py").read_text()
    assert '@model_validator(mode="after")' in models and "values = self.__dict__" in models
    assert "class Page(BaseModel, Generic[T]):" in models and "page: int = 1" in models
    assert "class Tags(pd.RootModel):" in models and "description: Optional[str] = None" in models

    env_path = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", BEHAVIOUR],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": env_path, "PATH": ""},
        check=False,
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr

    # A second run has nothing left to rewrite.
    assert main(["--select", "FP3", "--extend-select", "FP307", "--unsafe-fixes", "--check", "app"]) == 0


def test_every_todo_the_fixer_writes_names_a_code_that_exists() -> None:
    codes = {rule.code for rule in all_rules()}
    source_dir = Path(__file__).resolve().parent.parent / "src"
    written = {
        match
        for path in source_dir.rglob("*.py")
        for match in re.findall(r"TODO\((FP\d{3})\)", path.read_text(encoding="utf-8"))
    }
    written |= {
        match
        for path in TESTDATA.rglob("*.fixed")
        for match in re.findall(r"TODO\((FP\d{3})\)", path.read_text(encoding="utf-8"))
    }
    assert written, "no TODO(FPxxx) found: the test looks in the wrong place"
    assert written <= codes, f"TODO comments name codes that do not exist: {sorted(written - codes)}"
    assert all(get_rule(code) is not None for code in written)
