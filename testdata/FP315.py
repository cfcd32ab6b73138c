from typing import List

import pydantic
import pydantic as pd
from pydantic import BaseModel, conlist, conset, constr
from pydantic import confrozenset as frozen_of
from pydantic.types import constr as type_constr

# Errors


class Order(BaseModel):
    items: conlist(int, min_items=1, max_items=10)  # error: FP315
    tags: conset(str, max_items=5)  # error: FP315
    frozen: frozen_of(int, min_items=1) = frozenset({1})  # error: FP315
    code: constr(regex=r"^[A-Z]{3}$") = "ABC"  # error: FP315
    name: constr(min_length=1, regex="[a-z]+") = "abc"  # error: FP315
    either: type_constr(regex="a|b") = "a"  # error: FP315
    aliased: pd.conlist(str, min_items=1) = ["x"]  # error: FP315
    dotted: pydantic.constr(  # error: FP315
        strip_whitespace=True,
        regex=r"\d+",  # the pattern, anchored
    ) = "1"


Codes = List[constr(regex="^x")]  # error: FP315

# OK

from pydantic.v1 import conlist as v1_conlist, constr as v1_constr


class Modern(BaseModel):
    items: conlist(int, min_length=1)
    code: constr(pattern="^[A-Z]+$") = "A"
    legacy: int = 0


LegacyItems = v1_conlist(int, min_items=1)
LegacyCode = v1_constr(regex="a")


def conlist_like(x, min_items=0):
    return x


conlist_like([1], min_items=1)



def check_runtime() -> None:
    """The fixed module validates under Pydantic 2."""
    order = Order(items=[1], tags={"a"}, either="bx")
    assert order.name == "abc"
    try:
        Order(items=[1], tags=set(), name="1abc")
    except pydantic.ValidationError:
        pass
    else:
        raise AssertionError("V1 anchored [a-z]+ at the start: 1abc must fail")
