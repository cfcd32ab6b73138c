from typing import Dict, List

import pydantic as pd
from pydantic import BaseModel, parse_obj_as, parse_raw_as, schema_of
from pydantic import tools
from pydantic.tools import parse_file_as, schema_json_of


class User(BaseModel):
    name: str


# Errors


def load(rows: List[dict]) -> List[User]:
    return parse_obj_as(List[User], rows)  # error: FP316


def load_raw(raw: bytes) -> Dict[str, int]:
    return parse_raw_as(Dict[str, int], raw)  # error: FP316


def load_file(path: str) -> List[User]:
    return parse_file_as(List[User], path)  # error: FP316


def schemas() -> tuple:
    one = schema_of(User)  # error: FP316
    two = schema_json_of(List[User], by_alias=False, indent=2)  # error: FP316
    three = tools.parse_obj_as(int, "3")  # error: FP316
    four = pd.parse_obj_as(User, {"name": "a"}).name  # error: FP316
    return one, two, three, four


# OK

from pydantic.v1 import parse_obj_as as v1_parse, BaseModel as V1Model


class Legacy(V1Model):
    name: str


def parse_obj_as_own(kind, value):
    return value


legacy = v1_parse(Legacy, {"name": "a"})
mine = parse_obj_as_own(int, "1")

import json
import tempfile


def check_runtime() -> None:
    """The fixed module works under Pydantic 2."""

    assert load([{"name": "a"}])[0].name == "a"
    assert load_raw(b'{"a": 1}') == {"a": 1}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump([{"name": "b"}], handle)
    assert load_file(handle.name)[0].name == "b"
    result = schemas()
    assert result[0]["title"] == "User" and result[2] == 3 and result[3] == "a"
    assert json.loads(result[1])["type"] == "array"
