# select: FP302,FP303,FP306,FP312,FP313,FP314,FP319
# Models whose pydantic base is defined in another module of the project.
from typing import List

from pydantic import ConfigDict as CD
from pydantic import validator as check

from svc.schemas import base
from svc.schemas.base import ApiModel as Base
from svc.schemas.base import Settingsish

# Errors


class Item(Base):
    name = "item"  # error: FP319
    price: float = 0

    @check("name", pre=True)  # error: FP303
    def strip(cls, v):
        return v.strip()


class Listing(base.ApiModel):
    __root__: List[Item]  # error: FP313


class Tuned(Base):
    model_config = CD(anystr_upper=True, getter_dict=None)  # error: FP302, FP314

    code: str = "x"


class AppSettings(Settingsish):
    region = "eu"  # error: FP319


def check_runtime():
    assert Item(name=" pen ").name == "pen"
    assert AppSettings().region == "eu"
