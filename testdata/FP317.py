import pydantic
import pydantic as pd
import pydantic.decorator
from pydantic import validate_arguments
from pydantic.decorator import validate_arguments as checked

# Errors


@validate_arguments  # error: FP317
def repeat(text: str, count: int) -> str:
    return text * count


@validate_arguments(config=dict(arbitrary_types_allowed=True))  # error: FP317
def anything(value: object) -> object:
    return value


@pd.validate_arguments  # error: FP317
def double(x: int) -> int:
    return x * 2


@checked  # error: FP317
def triple(x: int) -> int:
    return x * 3


@pydantic.decorator.validate_arguments  # error: FP317
def quadruple(x: int) -> int:
    return x * 4


def plain(x: int) -> int:
    return x


wrapped = validate_arguments(plain)  # error: FP317
also = pydantic.validate_arguments(plain)  # error: FP317

# OK

from pydantic.v1 import validate_arguments as v1_validate


@v1_validate
def legacy(x: int) -> int:
    return x



def check_runtime() -> None:
    """The fixed module validates under Pydantic 2."""
    assert repeat("a", "3") == "aaa"
    assert double("2") == 4 and triple("1") == 3 and quadruple("1") == 4 and wrapped("5") == 5 and also("6") == 6
    try:
        repeat("a", "x")
    except pydantic.ValidationError:
        pass
    else:
        raise AssertionError("validated")
