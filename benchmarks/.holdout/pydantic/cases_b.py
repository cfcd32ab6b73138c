# Spelling matrix, part B: FP311-FP320.
V1PIN = '[project]\nname = "svc"\nversion = "0"\ndependencies = ["pydantic>=1.10,<2", "fastapi==0.99.1"]\n'
C = {}

C["FP311"] = {
"pos_regex": '''
from pydantic import BaseModel, Field


class U(BaseModel):
    code: str = Field(..., regex="^[A-Z]{3}$")  # expect: FP311
''',
"pos_pd_min_items": '''
from typing import List

import pydantic as pd


class U(pd.BaseModel):
    tags: List[str] = pd.Field(default_factory=list, min_items=1)  # expect: FP311
''',
"pos_fields_module": '''
from typing import List

import pydantic
from pydantic.fields import Field


class U(pydantic.BaseModel):
    tags: List[str] = Field([], max_items=3)  # expect: FP311
''',
"pos_example": '''
from pydantic import BaseModel, Field


class U(BaseModel):
    name: str = Field(..., example="Ada")  # expect: FP311
''',
"pos_const": '''
from typing import Literal

from pydantic import BaseModel, Field


class Cat(BaseModel):
    kind: Literal["cat"] = Field("cat", const=True)  # expect: FP311
''',
"pos_env_settings": '''
from pydantic import BaseSettings, Field  # expect: FP305


class S(BaseSettings):
    port: int = Field(8000, env="PORT")  # expect: FP311
''',
"pos_allow_mutation": '''
from pydantic import BaseModel, Field


class U(BaseModel):
    id: int = Field(..., allow_mutation=False)  # expect: FP311
''',
"pos_alias_F": '''
from pydantic import BaseModel
from pydantic import Field as F


class U(BaseModel):
    code: str = F(..., regex=r"\\d+")  # expect: FP311
''',
"pos_annotated": '''
from typing import Annotated

from pydantic import BaseModel, Field


class U(BaseModel):
    code: Annotated[str, Field(regex="^x")]  # expect: FP311
''',
"pos_multiline": '''
from pydantic import BaseModel, Field


class U(BaseModel):
    name: str = Field(
        ...,
        min_length=1,
        example="Ada",  # expect: FP311
    )
''',
"pos_pydantic_attr_fields": '''
import pydantic


class U(pydantic.BaseModel):
    name: str = pydantic.fields.Field("x", example="x")  # expect: FP311
''',
"neg_pattern": '''
from pydantic import BaseModel, Field


class U(BaseModel):
    code: str = Field(..., pattern="^[A-Z]{3}$", examples=["ABC"])
''',
"neg_dataclass_field": '''
from dataclasses import dataclass, field


@dataclass
class U:
    tags: list = field(default_factory=list, metadata={"regex": "x"})
''',
"neg_query_regex": '''
from fastapi import FastAPI, Query

app = FastAPI()


@app.get("/")
def search(q: str = Query(None, regex="^a")):
    return q
''',
"neg_local_field": '''
class Field:
    def __init__(self, **kw):
        self.kw = kw


f = Field(regex="x", example="y")
''',
"neg_v1_compat": '''
from pydantic.v1 import BaseModel, Field


class U(BaseModel):
    code: str = Field(..., regex="^x")
''',
"neg_marshmallow": '''
from marshmallow import Schema, fields


class S(Schema):
    code = fields.Str(metadata={"example": "x"})
''',
}

C["FP312"] = {
"pos_import": '''
from typing import Generic, TypeVar

from pydantic.generics import GenericModel  # expect-one: FP312

T = TypeVar("T")


class Page(GenericModel, Generic[T]):  # expect-one: FP312
    items: list = []
''',
"pos_alias": '''
from typing import Generic, TypeVar

from pydantic.generics import GenericModel as GM  # expect-one: FP312

T = TypeVar("T")


class Resp(GM, Generic[T]):  # expect-one: FP312
    data: T
''',
"pos_module_attr": '''
from typing import Generic, TypeVar

import pydantic.generics

T = TypeVar("T")


class Resp(pydantic.generics.GenericModel, Generic[T]):  # expect: FP312
    data: T
''',
"pos_module_alias": '''
from typing import Generic, TypeVar

from pydantic import generics as pg

T = TypeVar("T")


class Resp(pg.GenericModel, Generic[T]):  # expect: FP312
    data: T
''',
"pos_multi_import": '''
from typing import Generic, Optional, TypeVar

from pydantic import BaseModel
from pydantic.generics import GenericModel  # expect-one: FP312

T = TypeVar("T")


class Err(BaseModel):
    msg: str


class Resp(GenericModel, Generic[T]):  # expect-one: FP312
    data: Optional[T] = None
    error: Optional[Err] = None
''',
"proj_cross": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/generic.py": '''
from typing import Generic, TypeVar

from pydantic.generics import GenericModel  # expect-one: FP312

T = TypeVar("T")


class Envelope(GenericModel, Generic[T]):  # expect-one: FP312
    data: T
''',
"app/use.py": '''
from .generic import Envelope


class IntEnvelope(Envelope[int]):
    pass
''',
},
"neg_v1_compat": '''
from typing import Generic, TypeVar

from pydantic.v1.generics import GenericModel

T = TypeVar("T")


class Resp(GenericModel, Generic[T]):
    data: T
''',
"neg_v2": '''
from typing import Generic, TypeVar

from pydantic import BaseModel

T = TypeVar("T")


class Resp(BaseModel, Generic[T]):
    data: T
''',
"neg_local": '''
from typing import Generic, TypeVar

T = TypeVar("T")


class GenericModel:
    pass


class Resp(GenericModel, Generic[T]):
    pass
''',
}

C["FP313"] = {
"pos_list": '''
from typing import List

from pydantic import BaseModel


class Item(BaseModel):
    id: int


class Items(BaseModel):
    __root__: List[Item]  # expect: FP313
''',
"pos_pd_dict": '''
from typing import Dict

import pydantic as pd


class Mapping(pd.BaseModel):
    __root__: Dict[str, int]  # expect: FP313
''',
"pos_default": '''
from typing import List

from pydantic import BaseModel


class Tags(BaseModel):
    __root__: List[str] = []  # expect: FP313
''',
"pos_bm_alias": '''
from pydantic import BaseModel as BM


class Ids(BM):
    __root__: list[int]  # expect: FP313
''',
"pos_local_subclass": '''
from pydantic import BaseModel


class Base(BaseModel):
    pass


class Ids(Base):
    __root__: list[int]  # expect: FP313
''',
"proj_cross": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/base.py": '''
from pydantic import BaseModel


class Base(BaseModel):
    pass
''',
"app/m.py": '''
from .base import Base


class Ids(Base):
    __root__: list[int]  # expect: FP313
''',
},
"pos_generic": '''
from typing import Generic, List, TypeVar

from pydantic.generics import GenericModel  # expect-one: FP312

T = TypeVar("T")


class ListOf(GenericModel, Generic[T]):  # expect-one: FP312
    __root__: List[T]  # expect: FP313
''',
"neg_plain": '''
class Weird:
    __root__: list = []
''',
"neg_v1_compat": '''
from pydantic.v1 import BaseModel


class Ids(BaseModel):
    __root__: list[int]
''',
"neg_rootmodel": '''
from pydantic import RootModel


class Ids(RootModel[list[int]]):
    pass
''',
}

C["FP314"] = {
"pos_fields": '''
from pydantic import BaseModel


class U(BaseModel):
    name: str = ""

    class Config:  # expect: FP301
        fields = {"name": "userName"}  # expect: FP314
''',
"pos_getter_dict": '''
from pydantic import BaseModel
from pydantic.utils import GetterDict  # maybe: FP320


class MyGetter(GetterDict):
    pass


class U(BaseModel):
    id: int = 0

    class Config:  # expect: FP301
        orm_mode = True
        getter_dict = MyGetter  # expect: FP314
''',
"pos_smart_union": '''
import pydantic as pd


class U(pd.BaseModel):
    x: int = 0

    class Config:  # expect: FP301
        smart_union = True  # expect: FP314
''',
"pos_underscore": '''
from pydantic import BaseModel


class U(BaseModel):
    x: int = 0

    class Config:  # expect: FP301
        underscore_attrs_are_private = True  # expect: FP314
''',
"pos_copy_on": '''
from pydantic import BaseModel as BM


class U(BM):
    x: int = 0

    class Config:  # expect: FP301
        copy_on_model_validation = "none"  # expect: FP314
''',
"pos_json_loads": '''
import orjson
from pydantic import BaseModel


class U(BaseModel):
    x: int = 0

    class Config:  # expect: FP301
        json_loads = orjson.loads  # expect: FP314
        json_dumps = orjson.dumps  # expect: FP314
''',
"pos_settings": '''
from pydantic import BaseSettings  # expect: FP305


class S(BaseSettings):
    x: int = 0

    class Config:  # expect: FP301
        env_file = ".env"
        fields = {"x": {"env": "X_VALUE"}}  # expect: FP314
''',
"pos_configdict": '''
from pydantic import BaseModel, ConfigDict


class U(BaseModel):
    model_config = ConfigDict(smart_union=True)  # expect: FP314
''',
"proj_cross": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/base.py": '''
from pydantic import BaseModel


class Base(BaseModel):
    pass
''',
"app/m.py": '''
from .base import Base


class U(Base):
    x: int = 0

    class Config:  # expect: FP301
        underscore_attrs_are_private = True  # expect: FP314
''',
},
"neg_json_encoders": '''
from datetime import datetime

from pydantic import BaseModel


class U(BaseModel):
    at: datetime = datetime(2020, 1, 1)

    class Config:  # expect: FP301
        json_encoders = {datetime: lambda d: d.isoformat()}  # maybe: FP314
''',
"neg_plain": '''
class Job:
    class Config:
        fields = ["a", "b"]
        smart_union = True
''',
"neg_v1_compat": '''
from pydantic.v1 import BaseModel


class U(BaseModel):
    x: int = 0

    class Config:
        smart_union = True
''',
}

C["FP315"] = {
"pos_conlist": '''
from pydantic import BaseModel, conlist


class U(BaseModel):
    ids: conlist(int, min_items=1)  # expect: FP315
''',
"pos_pd_conlist": '''
import pydantic as pd


class U(pd.BaseModel):
    ids: pd.conlist(str, max_items=5) = []  # expect: FP315
''',
"pos_constr": '''
from pydantic import BaseModel, constr


class U(BaseModel):
    code: constr(regex="^[a-z]+$")  # expect: FP315
''',
"pos_conset": '''
from pydantic import BaseModel, conset


class U(BaseModel):
    ids: conset(int, min_items=1)  # expect: FP315
''',
"pos_types_module": '''
from pydantic import BaseModel
from pydantic.types import constr


class U(BaseModel):
    code: constr(strip_whitespace=True, regex=r"^\\w+$")  # expect: FP315
''',
"pos_module_alias": '''
from pydantic import BaseModel, constr

Slug = constr(regex="^[a-z-]+$")  # expect: FP315


class U(BaseModel):
    slug: Slug
''',
"pos_constrained_str": '''
from pydantic import ConstrainedStr  # expect-one: FP315


class Name(ConstrainedStr):  # expect-one: FP315
    max_length = 10
''',
"pos_constrained_int_attr": '''
import pydantic


class Port(pydantic.ConstrainedInt):  # expect: FP315
    ge = 1
    le = 65535
''',
"pos_alias_func": '''
from pydantic import BaseModel
from pydantic import conlist as cl


class U(BaseModel):
    ids: cl(int, min_items=1, max_items=3)  # expect: FP315
''',
"neg_v2": '''
from pydantic import BaseModel, conlist, constr


class U(BaseModel):
    ids: conlist(int, min_length=1)
    code: constr(pattern="^x")
''',
"neg_v1_compat": '''
from pydantic.v1 import BaseModel, conlist, constr


class U(BaseModel):
    ids: conlist(int, min_items=1)
    code: constr(regex="^x")
''',
"neg_local": '''
def constr(**kw):
    return str


Code = constr(regex="x")
''',
}

C["FP316"] = {
"pos_parse_obj_as": '''
from typing import List

from pydantic import BaseModel, parse_obj_as


class U(BaseModel):
    id: int


users = parse_obj_as(List[U], [{"id": 1}])  # expect: FP316
''',
"pos_pd_attr": '''
from typing import List

import pydantic as pd


class U(pd.BaseModel):
    id: int


users = pd.parse_obj_as(List[U], [])  # expect: FP316
''',
"pos_tools_parse_raw": '''
from typing import List

from pydantic.tools import parse_raw_as  # maybe: FP316


def load(s: str) -> List[int]:
    return parse_raw_as(List[int], s)  # expect: FP316
''',
"pos_schema_of": '''
from typing import List

from pydantic import schema_of, schema_json_of

a = schema_of(List[int])  # expect: FP316
b = schema_json_of(List[int], title="ids")  # expect: FP316
''',
"pos_parse_file_as": '''
from typing import Dict

from pydantic import parse_file_as  # maybe: FP316

cfg = parse_file_as(Dict[str, int], "cfg.json")  # expect: FP316
''',
"pos_alias": '''
from typing import List

from pydantic import parse_obj_as as poa

ids = poa(List[int], ["1"])  # expect: FP316
''',
"pos_in_function": '''
from typing import List

import pydantic


class Item(pydantic.BaseModel):
    id: int


def load(rows: list) -> List[Item]:
    return pydantic.parse_obj_as(List[Item], rows)  # expect: FP316
''',
"pos_pydantic_tools_attr": '''
import pydantic.tools

x = pydantic.tools.parse_obj_as(int, "1")  # expect: FP316
''',
"neg_v1_compat": '''
from typing import List

from pydantic.v1 import parse_obj_as

ids = parse_obj_as(List[int], ["1"])
''',
"neg_local": '''
def parse_obj_as(tp, data):
    return data


x = parse_obj_as(int, 1)
''',
"neg_typeadapter": '''
from typing import List

from pydantic import TypeAdapter

ids = TypeAdapter(List[int]).validate_python(["1"])
''',
}

C["FP317"] = {
"pos_plain": '''
from pydantic import validate_arguments


@validate_arguments  # expect: FP317
def add(a: int, b: int) -> int:
    return a + b
''',
"pos_pd_attr": '''
import pydantic as pd


@pd.validate_arguments  # expect: FP317
def add(a: int, b: int) -> int:
    return a + b
''',
"pos_config": '''
from pydantic import validate_arguments


@validate_arguments(config=dict(arbitrary_types_allowed=True))  # expect: FP317
def add(a: int, b: int) -> int:
    return a + b
''',
"pos_decorator_module": '''
from pydantic.decorator import validate_arguments


@validate_arguments  # expect: FP317
def add(a: int, b: int) -> int:
    return a + b
''',
"pos_call_form": '''
from pydantic import validate_arguments


def add(a: int, b: int) -> int:
    return a + b


checked_add = validate_arguments(add)  # expect: FP317
''',
"pos_alias": '''
from pydantic import validate_arguments as va


@va  # expect: FP317
def add(a: int, b: int) -> int:
    return a + b
''',
"pos_method": '''
import pydantic


class Calc:
    @pydantic.validate_arguments  # expect: FP317
    def add(self, a: int, b: int) -> int:
        return a + b
''',
"neg_v2": '''
from pydantic import validate_call


@validate_call
def add(a: int, b: int) -> int:
    return a + b
''',
"neg_local": '''
def validate_arguments(fn):
    return fn


@validate_arguments
def add(a, b):
    return a + b
''',
"neg_v1_compat": '''
from pydantic.v1 import validate_arguments


@validate_arguments
def add(a: int, b: int) -> int:
    return a + b
''',
}

C["FP318"] = {
"pos_body": '''
from fastapi import FastAPI
from pydantic.v1 import BaseModel

app = FastAPI()


class Item(BaseModel):
    name: str


@app.post("/items")
def create(item: Item):  # expect: FP318
    return {}
''',
"pos_response_model": '''
from fastapi import APIRouter
from pydantic.v1 import BaseModel

router = APIRouter()


class Item(BaseModel):
    name: str


@router.get("/items", response_model=Item)  # expect: FP318
def read():
    return {"name": "x"}
''',
"pos_return_annotation": '''
from fastapi import FastAPI
from pydantic.v1 import BaseModel

app = FastAPI()


class Item(BaseModel):
    name: str


@app.get("/item")
def read() -> Item:  # expect: FP318
    return Item(name="x")
''',
"pos_module_alias": '''
import fastapi
import pydantic.v1 as pv1

app = fastapi.FastAPI()


class Item(pv1.BaseModel):
    name: str


@app.put("/item")
async def upd(item: Item):  # expect: FP318
    return {}
''',
"pos_list_response": '''
from typing import List

from fastapi import FastAPI
from pydantic import v1

app = FastAPI()


class Item(v1.BaseModel):
    name: str


@app.get("/items", response_model=List[Item])  # expect: FP318
def read():
    return []
''',
"proj_cross": {
"pyproject.toml": '[project]\nname = "svc"\nversion = "0"\ndependencies = ["fastapi>=0.128", "pydantic>=2.5"]\n',
"app/__init__.py": "",
"app/legacy.py": '''
from pydantic.v1 import BaseModel


class Legacy(BaseModel):
    x: int
''',
"app/routes.py": '''
from fastapi import APIRouter

from .legacy import Legacy

router = APIRouter()


@router.post("/legacy")
def post(body: Legacy):  # expect: FP318
    return {}
''',
},
"neg_v2": '''
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Item(BaseModel):
    name: str


@app.post("/items", response_model=Item)
def create(item: Item) -> Item:
    return item
''',
"neg_depends": '''
from typing import Annotated

from fastapi import Depends, FastAPI
from pydantic.v1 import BaseModel

app = FastAPI()


class Cfg(BaseModel):
    x: int = 0


def get_cfg() -> Cfg:
    return Cfg()


@app.get("/")
def read(cfg: Annotated[Cfg, Depends(get_cfg)]):
    return {"x": cfg.x}
''',
"neg_internal": '''
from fastapi import FastAPI
from pydantic.v1 import BaseModel

app = FastAPI()


class Cfg(BaseModel):
    x: int = 0


@app.get("/")
def read():
    return Cfg().dict()
''',
}

C["FP319"] = {
"pos_str": '''
from pydantic import BaseModel


class U(BaseModel):
    name = "John Doe"  # expect: FP319
''',
"pos_pd_int": '''
import pydantic as pd


class U(pd.BaseModel):
    retries = 3  # expect: FP319
''',
"pos_field_call": '''
from pydantic import BaseModel, Field


class U(BaseModel):
    name = Field("x", description="n")  # expect: FP319
''',
"pos_override": '''
from pydantic import BaseModel


class Base(BaseModel):
    kind: str = "base"


class Child(Base):
    kind = "child"  # expect: FP319
''',
"pos_settings": '''
from pydantic import BaseSettings  # expect: FP305


class S(BaseSettings):
    app_name = "svc"  # expect: FP319
    debug = False  # expect: FP319
''',
"pos_settings_v2": '''
from pydantic_settings import BaseSettings


class S(BaseSettings):
    port = 8000  # expect: FP319
''',
"pos_bm_alias_float": '''
from pydantic import BaseModel as BM


class U(BM):
    ratio = 0.5  # expect: FP319
''',
"pos_sqlmodel": '''
from sqlmodel import SQLModel


class HeroBase(SQLModel):
    team = "none"  # expect: FP319
''',
"proj_cross": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/base.py": '''
from pydantic import BaseModel


class Base(BaseModel):
    pass
''',
"app/m.py": '''
from .base import Base


class U(Base):
    version = "1"  # expect: FP319
''',
},
"pos_list_default": '''
from pydantic import BaseModel


class U(BaseModel):
    tags = []  # expect: FP319
''',
"neg_private_classvar": '''
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, PrivateAttr


class U(BaseModel):
    model_config = ConfigDict(frozen=True)
    _cache = {}
    _p = PrivateAttr(default=1)
    registry: ClassVar[dict] = {}

    def method(self):
        return 1

    @property
    def p(self):
        return 1

    class Inner:
        pass
''',
"neg_plain": '''
class U:
    name = "John"
''',
"neg_sqlmodel_tablename": '''
from typing import Optional

from sqlmodel import Field, SQLModel


class Hero(SQLModel, table=True):
    __tablename__ = "heroes"
    id: Optional[int] = Field(default=None, primary_key=True)
''',
"neg_dataclass": '''
from dataclasses import dataclass


@dataclass
class U:
    name = "x"
''',
"neg_v1_compat": '''
from pydantic.v1 import BaseModel


class U(BaseModel):
    name = "x"
''',
}

C["FP320"] = {
"pos_required": '''
from pydantic import BaseModel, Field, Required  # expect: FP320


class U(BaseModel):
    x: int = Field(Required)  # maybe: FP320
''',
"pos_pd_required": '''
import pydantic as pd


class U(pd.BaseModel):
    x: int = pd.Field(pd.Required)  # expect: FP320
''',
"pos_nonestr": '''
from pydantic import BaseModel, NoneStr  # expect: FP320


class U(BaseModel):
    x: NoneStr = None  # maybe: FP320
''',
"pos_error_wrapper": '''
from pydantic.error_wrappers import ErrorWrapper  # expect: FP320
''',
"pos_typing": '''
from pydantic.typing import AnyCallable  # expect: FP320
''',
"pos_pyobject": '''
from pydantic import BaseModel, PyObject  # expect: FP320


class U(BaseModel):
    fn: PyObject = "math.cos"  # maybe: FP320
''',
"pos_color": '''
from pydantic.color import Color  # expect: FP320
''',
"pos_pydantic_encoder": '''
import json

from pydantic.json import pydantic_encoder  # expect: FP320

s = json.dumps({}, default=pydantic_encoder)  # maybe: FP320
''',
"pos_deep_update": '''
from pydantic.utils import deep_update  # expect: FP320

x = deep_update({}, {})  # maybe: FP320
''',
"pos_ew_validationerror": '''
from pydantic.error_wrappers import ValidationError  # expect: FP320
''',
"pos_json_attr": '''
import json

import pydantic.json

s = json.dumps({}, default=pydantic.json.pydantic_encoder)  # expect: FP320
''',
"pos_extra_pd": '''
import pydantic as pd


class U(pd.BaseModel):
    x: int = 0

    class Config:  # expect: FP301
        extra = pd.Extra.forbid  # expect: FP320
''',
"neg_v1_compat": '''
from pydantic.v1 import Required, NoneStr
from pydantic.v1.json import pydantic_encoder
''',
"neg_v2_names": '''
from pydantic import ValidationError
from pydantic_extra_types.color import Color
from pydantic_core import to_jsonable_python
''',
"neg_project_utils": '''
from myproject.utils import deep_update
from myproject.json import pydantic_encoder
''',
"neg_local_required": '''
Required = object()


def f(x=Required):
    return x
''',
}
