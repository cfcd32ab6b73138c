from typing import Generic, List, Optional, TypeVar

import pydantic
import pydantic.generics
from pydantic import BaseModel
from pydantic.generics import GenericModel
from pydantic.generics import GenericModel as GM
from pydantic.v1.generics import GenericModel as V1GenericModel

T = TypeVar("T")
K = TypeVar("K")

# Errors


class Page(GenericModel, Generic[T]):  # error: FP312
    items: List[T]
    total: int


class Response(GM, Generic[T]):  # error: FP312
    data: Optional[T] = None
    error: Optional[str] = None


class Pair(pydantic.generics.GenericModel, Generic[T, K]):  # error: FP312
    first: T
    second: K


# OK


class Modern(BaseModel, Generic[T]):
    value: T


class KeptOnV1(V1GenericModel, Generic[T]):
    value: T


def use() -> int:
    return Page[int](items=[1], total=1).total + len(Modern[str](value="a").value)


def check_runtime():
    """Parametrised models validate with their type arguments, as in V1."""
    assert Page[int](items=["1", 2], total=2).items == [1, 2]
    assert Response[str](data="x").data == "x"
    pair = Pair[int, str](first="1", second="b")
    assert (pair.first, pair.second) == (1, "b")
