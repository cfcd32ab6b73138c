import pydantic
import pydantic as pd
from pydantic import BaseModel, Extra, Field, Required  # error: FP320, FP320
from pydantic import PyObject  # error: FP320
from pydantic.color import Color  # error: FP320
from pydantic.error_wrappers import ValidationError  # error: FP320
from pydantic.utils import to_camel, to_lower_camel as lower  # error: FP320, FP320
from pydantic.utils import deep_update  # error: FP320

# Errors


class Item(BaseModel, extra=Extra.forbid):  # error: FP320
    name: str = Field(Required, max_length=50)  # error: FP320
    price: float = Required  # error: FP320
    loader: PyObject = "math.cos"  # error: FP320
    colour: Color = Color("red")
    other: str = pd.Required  # error: FP320


class Legacy(BaseModel):
    model_config = {"extra": pydantic.Extra.allow}  # error: FP320


def names(x: str) -> str:
    try:
        return to_camel(x) + lower(x)
    except ValidationError:
        return ""


other_color = pydantic.color.Color("blue")  # error: FP320
wrapped = pd.error_wrappers.ValidationError  # error: FP320
loader_type = pd.PyObject  # error: FP320
merged = deep_update({"a": {"b": 1}}, {"a": {"c": 2}})
assert merged == {"a": {"b": 1, "c": 2}}
is_sub = pydantic.utils.lenient_issubclass(int, object)  # error: FP320

# OK

from pydantic import ImportString, ConfigDict, ValidationError as V2Error
from pydantic.v1 import Required as V1Required, Extra as V1Extra
from pydantic.v1.typing import AnyCallable as V1Dict
from pydantic.v1.color import Color as V1Color
import pydantic.v1 as pv1

try:
    from pydantic import Required as ShimRequired
except ImportError:
    ShimRequired = ...

if pydantic.VERSION.startswith("1."):
    from pydantic.typing import AnyCallable
else:
    from typing import Callable as AnyCallable


class Modern(BaseModel):
    model_config = ConfigDict(extra="forbid")
    loader: ImportString = "math.cos"
    kept: str = pv1.Required if False else "x"
    also: str = pydantic.Field("x")


def fine():
    return pydantic.fields.FieldInfo, pydantic.alias_generators.to_camel, V1Extra.forbid, V1Required, V1Dict, V1Color



def check_runtime() -> None:
    """The fixed module validates under Pydantic 2."""
    assert Item(name="a", price=1.0, other="o").loader is not None
    assert names("foo_bar") == "FooBarfooBar"
