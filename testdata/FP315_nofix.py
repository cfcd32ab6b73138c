import pydantic
from pydantic import BaseModel, ConstrainedInt, ConstrainedStr, conlist, constr
from pydantic.types import ConstrainedList as CList

PATTERN = "^[a-z]+$"

# Errors


class Name(ConstrainedStr):  # error: FP315
    max_length = 10


class Age(ConstrainedInt):  # error: FP315
    ge = 0


class Items(CList):  # error: FP315
    min_items = 1


class Money(pydantic.ConstrainedDecimal):  # error: FP315
    max_digits = 10


class Model(BaseModel):
    unique: conlist(int, unique_items=True)  # error: FP315
    dynamic: constr(regex=PATTERN)  # error: FP315
    look: constr(regex=r"^(?!admin)\w+$")  # error: FP315
    cut: constr(curtail_length=5)  # error: FP315
    both: conlist(int, min_items=1, min_length=2)  # error: FP315

# OK


class SubName(Name):  # reported at Name, its base
    pass
