# Spelling matrix, part A: FP301-FP310.  Markers: "# expect: FPxxx[,FPyyy]" must be
# reported on that line; "# maybe: FPxxx" may or may not (neither TP nor FP).
V1PIN = '[project]\nname = "svc"\nversion = "0"\ndependencies = ["pydantic>=1.10,<2", "fastapi==0.99.1"]\n'
C = {}

C["FP301"] = {
"pos_pd_alias": '''
import pydantic as pd


class User(pd.BaseModel):
    name: str

    class Config:  # expect: FP301
        orm_mode = True
''',
"pos_bm_alias": '''
from pydantic import BaseModel as BM


class Item(BM):
    id: int

    class Config:  # expect: FP301
        allow_population_by_field_name = True
''',
"pos_settings": '''
from pydantic import BaseSettings  # expect: FP305


class Settings(BaseSettings):
    debug: bool = False

    class Config:  # expect: FP301
        env_file = ".env"
        env_prefix = "APP_"
''',
"pos_settings_pd_attr": '''
import pydantic


class Settings(pydantic.BaseSettings):  # expect: FP305
    debug: bool = False

    class Config:  # expect: FP301
        case_sensitive = True
''',
"pos_sqlmodel": '''
from sqlmodel import SQLModel


class HeroBase(SQLModel):
    name: str

    class Config:  # expect: FP301
        arbitrary_types_allowed = True
''',
"pos_main_module": '''
from pydantic.main import BaseModel


class Event(BaseModel):
    kind: str

    class Config:  # expect: FP301
        anystr_strip_whitespace = True
''',
"pos_local_subclass": '''
from pydantic import BaseModel


class Base(BaseModel):
    pass


class Child(Base):
    x: int = 0

    class Config:  # expect: FP301
        validate_assignment = True
''',
"pos_mixin_first": '''
from pydantic import BaseModel


class TimestampMixin:
    def touch(self) -> None:
        pass


class Row(TimestampMixin, BaseModel):
    x: int = 0

    class Config:  # expect: FP301
        frozen = True
''',
"pos_extra": '''
from pydantic import BaseModel, Extra  # expect: FP320


class Strict(BaseModel):
    x: int = 0

    class Config:  # expect: FP301
        extra = Extra.forbid  # maybe: FP320
''',
"pos_generic": '''
from typing import Generic, List, TypeVar

from pydantic.generics import GenericModel  # expect-one: FP312

T = TypeVar("T")


class Page(GenericModel, Generic[T]):  # expect-one: FP312
    items: List[T] = []

    class Config:  # expect: FP301
        orm_mode = True
''',
"pos_class_alias": '''
import pydantic

Model = pydantic.BaseModel


class Out(Model):
    x: int = 0

    class Config:  # expect: FP301
        orm_mode = True
''',
"proj_cross_relative": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/schemas/__init__.py": "",
"app/schemas/base.py": '''
from pydantic import BaseModel


class AppModel(BaseModel):
    pass
''',
"app/schemas/user.py": '''
from .base import AppModel


class UserOut(AppModel):
    id: int

    class Config:  # expect: FP301
        orm_mode = True
''',
},
"proj_cross_absolute_settings": {
"pyproject.toml": V1PIN,
"svc/__init__.py": "",
"svc/core/__init__.py": "",
"svc/core/settings_base.py": '''
from pydantic import BaseSettings  # expect: FP305


class BaseAppSettings(BaseSettings):
    app_name: str = "svc"
''',
"svc/core/config.py": '''
from svc.core.settings_base import BaseAppSettings


class Settings(BaseAppSettings):
    debug: bool = False

    class Config:  # expect: FP301
        env_file = ".env"
''',
},
"proj_cross_reexport": {
"pyproject.toml": V1PIN,
"pkg/__init__.py": "",
"pkg/models/__init__.py": "from .base import Schema\n",
"pkg/models/base.py": '''
import pydantic as pd


class Schema(pd.BaseModel):
    pass
''',
"pkg/api.py": '''
from pkg.models import Schema


class Payload(Schema):
    x: int = 0

    class Config:  # expect: FP301
        orm_mode = True
''',
},
"neg_plain_class": '''
class Settings:
    class Config:
        env_file = ".env"
''',
"neg_marshmallow": '''
from marshmallow import Schema, fields


class UserSchema(Schema):
    name = fields.Str()

    class Config:
        ordered = True

    class Meta:
        ordered = True
''',
"neg_v2": '''
from pydantic import BaseModel, ConfigDict


class User(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    name: str
''',
"neg_v1_compat": '''
from pydantic.v1 import BaseModel


class Legacy(BaseModel):
    x: int = 0

    class Config:
        orm_mode = True
''',
"neg_pydantic_dataclass_config": '''
from pydantic.dataclasses import dataclass


class Config:
    arbitrary_types_allowed = True


@dataclass(config=Config)
class Point:
    x: int = 0
''',
"neg_dataclass": '''
from dataclasses import dataclass


@dataclass
class Job:
    name: str = ""

    class Config:
        retries = 3
''',
"proj_neg_cross_plain": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/base.py": '''
class Plain:
    pass
''',
"app/things.py": '''
from .base import Plain


class Thing(Plain):
    class Config:
        verbose = True
''',
},
"neg_django_like": '''
class Model:
    pass


class Article(Model):
    class Config:
        ordering = ["-id"]
''',
}

C["FP302"] = {
"pos_configdict": '''
from pydantic import BaseModel, ConfigDict


class U(BaseModel):
    model_config = ConfigDict(orm_mode=True)  # expect: FP302
''',
"pos_pd_configdict": '''
import pydantic as pd


class U(pd.BaseModel):
    model_config = pd.ConfigDict(allow_population_by_field_name=True)  # expect: FP302
''',
"pos_dict_literal": '''
from pydantic import BaseModel


class U(BaseModel):
    model_config = {"orm_mode": True}  # expect: FP302
''',
"pos_settings_configdict": '''
from pydantic_settings import BaseSettings, SettingsConfigDict


class S(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", validate_all=True)  # expect: FP302
''',
"pos_cd_alias": '''
from pydantic import BaseModel
from pydantic import ConfigDict as CD


class U(BaseModel):
    model_config = CD(anystr_strip_whitespace=True)  # expect: FP302
''',
"pos_multiline": '''
from pydantic import BaseModel, ConfigDict


class U(BaseModel):
    model_config = ConfigDict(
        from_attributes=True,
        schema_extra={"example": {"a": 1}},  # expect: FP302
    )
''',
"pos_module_level": '''
from pydantic import BaseModel, ConfigDict

BASE_CONFIG = ConfigDict(orm_mode=True)  # expect: FP302


class U(BaseModel):
    model_config = BASE_CONFIG
''',
"pos_sqlmodel_dict": '''
from sqlmodel import SQLModel


class HeroRead(SQLModel):
    model_config = {"orm_mode": True}  # expect: FP302
    name: str
''',
"pos_allow_mutation": '''
from pydantic import BaseModel, ConfigDict


class Frozen(BaseModel):
    model_config = ConfigDict(allow_mutation=False)  # expect: FP302
''',
"pos_config_module": '''
from pydantic import BaseModel
from pydantic.config import ConfigDict


class U(BaseModel):
    model_config = ConfigDict(max_anystr_length=10)  # expect: FP302
''',
"proj_cross_dict": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/base.py": '''
from pydantic import BaseModel


class Base(BaseModel):
    pass
''',
"app/out.py": '''
from .base import Base


class Out(Base):
    model_config = {"validate_all": True}  # expect: FP302
''',
},
"neg_v2_keys": '''
from pydantic import BaseModel, ConfigDict


class U(BaseModel):
    model_config = ConfigDict(from_attributes=True, populate_by_name=True)
''',
"neg_plain_dict_in_class": '''
class Repo:
    model_config = {"orm_mode": True}
''',
"neg_module_dict": '''
config = {"orm_mode": True, "validate_all": False}
''',
"neg_local_configdict": '''
class ConfigDict(dict):
    pass


settings = ConfigDict(orm_mode=True)
''',
"neg_settings_v2": '''
from pydantic_settings import BaseSettings, SettingsConfigDict


class S(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_", env_file=".env")
''',
}

C["FP303"] = {
"pos_plain": '''
from pydantic import BaseModel, validator


class U(BaseModel):
    name: str

    @validator("name")  # expect: FP303
    def strip(cls, v):
        return v.strip()
''',
"pos_pd_pre": '''
import pydantic as pd


class U(pd.BaseModel):
    tags: list = []

    @pd.validator("tags", pre=True)  # expect: FP303
    def split(cls, v):
        return v.split(",") if isinstance(v, str) else v
''',
"pos_class_validators": '''
from pydantic import BaseModel
from pydantic.class_validators import validator


class U(BaseModel):
    age: int

    @validator("age")  # expect: FP303
    def positive(cls, v):
        assert v > 0
        return v
''',
"pos_root_pre": '''
from pydantic import BaseModel, root_validator


class U(BaseModel):
    a: int = 0

    @root_validator(pre=True)  # expect: FP303
    def fill(cls, values):
        values.setdefault("a", 1)
        return values
''',
"pos_root_bare": '''
from pydantic import BaseModel, root_validator


class U(BaseModel):
    a: int = 0
    b: int = 0

    @root_validator  # expect: FP303
    def check(cls, values):
        if values.get("a") == values.get("b"):
            raise ValueError("same")
        return values
''',
"pos_root_skip": '''
import pydantic


class U(pydantic.BaseModel):
    a: int = 0

    @pydantic.root_validator(skip_on_failure=True)  # expect: FP303
    def check(cls, values):
        return values
''',
"pos_star_always": '''
from pydantic import BaseModel, validator


class U(BaseModel):
    a: str = ""

    @validator("*", pre=True, always=True)  # expect: FP303
    def empty_none(cls, v):
        return v or None
''',
"pos_each_item": '''
from typing import List

from pydantic import BaseModel, validator


class U(BaseModel):
    tags: List[str] = []

    @validator("tags", each_item=True)  # expect: FP303
    def lower(cls, v):
        return v.lower()
''',
"pos_values": '''
from pydantic import BaseModel, validator


class U(BaseModel):
    password: str
    password2: str

    @validator("password2")  # expect: FP303
    def match(cls, v, values, **kwargs):
        if v != values.get("password"):
            raise ValueError("mismatch")
        return v
''',
"pos_settings": '''
from typing import Optional

from pydantic import BaseSettings, validator  # expect: FP305


class S(BaseSettings):
    db_host: str = "localhost"
    db_uri: Optional[str] = None

    @validator("db_uri", pre=True)  # expect: FP303
    def build(cls, v, values):
        return v or f"postgresql://{values['db_host']}"
''',
"pos_alias_import": '''
from pydantic import BaseModel
from pydantic import validator as v


class U(BaseModel):
    x: int = 0

    @v("x")  # expect: FP303
    def check(cls, value):
        return value
''',
"pos_reuse_assign": '''
from pydantic import BaseModel, validator


def normalize(name: str) -> str:
    return name.strip()


class U(BaseModel):
    name: str

    _normalize = validator("name", allow_reuse=True)(normalize)  # expect: FP303
''',
"pos_sqlmodel": '''
from sqlmodel import SQLModel
from pydantic import validator


class HeroCreate(SQLModel):
    name: str

    @validator("name")  # expect: FP303
    def no_blank(cls, v):
        return v
''',
"proj_cross_base": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/base.py": '''
from pydantic import BaseModel


class Base(BaseModel):
    pass
''',
"app/user.py": '''
from pydantic import validator

from .base import Base


class User(Base):
    email: str

    @validator("email")  # expect: FP303
    def lower(cls, v):
        return v.lower()
''',
},
"neg_local_validator": '''
def validator(*fields):
    def deco(fn):
        return fn
    return deco


class Form:
    @validator("name")
    def check(self, v):
        return v
''',
"neg_attrs": '''
import attr


@attr.s
class Point:
    x = attr.ib()

    @x.validator
    def _check_x(self, attribute, value):
        if value < 0:
            raise ValueError("negative")
''',
"neg_marshmallow": '''
from marshmallow import Schema, fields, validates


class S(Schema):
    name = fields.Str()

    @validates("name")
    def check(self, value):
        pass
''',
"neg_v2": '''
from pydantic import BaseModel, field_validator, model_validator


class U(BaseModel):
    a: int = 0

    @field_validator("a")
    @classmethod
    def check(cls, v):
        return v

    @model_validator(mode="after")
    def whole(self):
        return self
''',
"neg_v1_compat": '''
from pydantic.v1 import BaseModel, validator


class U(BaseModel):
    a: int = 0

    @validator("a")
    def check(cls, v):
        return v
''',
"neg_wtforms": '''
from wtforms import Form, StringField, validators


class LoginForm(Form):
    name = StringField("name", [validators.InputRequired()])
''',
}

C["FP304"] = {
"pos_parse_obj_pd": '''
import pydantic as pd


class User(pd.BaseModel):
    id: int


def load(data: dict) -> User:
    return User.parse_obj(data)  # expect: FP304
''',
"pos_param_dict": '''
from pydantic import BaseModel


class User(BaseModel):
    id: int


def dump(user: User) -> dict:
    return user.dict()  # expect: FP304
''',
"pos_instance_json": '''
from pydantic import BaseModel


class User(BaseModel):
    id: int


u = User(id=1)
payload = u.json()  # expect: FP304
''',
"pos_loop_list": '''
from typing import List

from pydantic import BaseModel


class User(BaseModel):
    id: int


def dump_all(users: List[User]) -> list:
    out = []
    for u in users:
        out.append(u.dict())  # expect: FP304
    return out
''',
"pos_loop_builtin_list": '''
from pydantic import BaseModel


class User(BaseModel):
    id: int


def dump_all(users: list[User]) -> list:
    return [u.dict(exclude_none=True) for u in users]  # expect: FP304
''',
"pos_element": '''
from pydantic import BaseModel


class User(BaseModel):
    id: int


def first(users: list[User]) -> dict:
    return users[0].dict()  # expect: FP304
''',
"pos_return_annotation": '''
from pydantic import BaseModel


class User(BaseModel):
    id: int


def get_user() -> User:
    return User(id=1)


def handler() -> str:
    user = get_user()
    return user.json()  # expect: FP304
''',
"pos_return_annotation_async": '''
from pydantic import BaseModel


class User(BaseModel):
    id: int


async def fetch_user(uid: int) -> User:
    return User(id=uid)


async def handler() -> dict:
    user = await fetch_user(1)
    return user.dict()  # expect: FP304
''',
"pos_schema": '''
from pydantic import BaseModel


class User(BaseModel):
    id: int


schema = User.schema()  # expect: FP304
schema_s = User.schema_json(indent=2)  # expect: FP304
''',
"pos_forward_refs": '''
from __future__ import annotations

from typing import List, Optional

from pydantic import BaseModel


class Node(BaseModel):
    children: List[Node] = []
    parent: Optional[Node] = None


Node.update_forward_refs()  # expect: FP304
''',
"pos_construct": '''
from pydantic import BaseModel


class User(BaseModel):
    id: int


u = User.construct(id=1)  # expect: FP304
''',
"pos_fields": '''
from pydantic import BaseModel


class User(BaseModel):
    id: int


names = list(User.__fields__)  # expect: FP304


def changed(u: User) -> set:
    return u.__fields_set__  # expect: FP304
''',
"pos_class_alias_parse": '''
from pydantic import BaseModel


class User(BaseModel):
    id: int


UserModel = User
u = UserModel.parse_obj({"id": 1})  # expect: FP304
''',
"pos_from_orm": '''
from pydantic import BaseModel


class UserOut(BaseModel):
    id: int

    class Config:  # expect: FP301
        orm_mode = True


def to_out(row) -> UserOut:
    return UserOut.from_orm(row)  # expect: FP304
''',
"pos_copy": '''
from pydantic import BaseModel


class User(BaseModel):
    id: int
    name: str = ""


def rename(user: User, name: str) -> User:
    return user.copy(update={"name": name})  # expect: FP304
''',
"pos_settings_dict": '''
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    debug: bool = False


settings = Settings()
print(settings.dict())  # expect: FP304
''',
"pos_sqlmodel_dict": '''
from typing import Optional

from sqlmodel import Field, SQLModel


class Hero(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str


def to_json(hero: Hero) -> dict:
    return hero.dict()  # expect: FP304
''',
"pos_optional_param": '''
from typing import Optional

from pydantic import BaseModel


class User(BaseModel):
    id: int


def dump(user: Optional[User]) -> dict:
    if user is None:
        return {}
    return user.dict()  # expect: FP304
''',
"pos_self": '''
from pydantic import BaseModel


class User(BaseModel):
    id: int

    def to_row(self) -> dict:
        return self.dict(exclude={"id"})  # expect: FP304
''',
"pos_cls_classmethod": '''
import json

from pydantic import BaseModel


class User(BaseModel):
    id: int

    @classmethod
    def from_file(cls, path: str) -> "User":
        with open(path) as f:
            return cls.parse_obj(json.load(f))  # expect: FP304
''',
"pos_parse_raw_file": '''
from pydantic import BaseModel


class User(BaseModel):
    id: int


a = User.parse_raw('{"id": 1}')  # expect: FP304
b = User.parse_file("user.json")  # expect: FP304
''',
"proj_cross": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/schemas.py": '''
from pydantic import BaseModel


class Item(BaseModel):
    id: int
''',
"app/service.py": '''
from typing import List

from .schemas import Item


def load(rows: list) -> List[Item]:
    return [Item.parse_obj(r) for r in rows]  # expect: FP304


def dump(items: List[Item]) -> list:
    return [i.dict() for i in items]  # expect: FP304
''',
},
"proj_cross_return": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/schemas.py": '''
from pydantic import BaseModel


class Item(BaseModel):
    id: int
''',
"app/repo.py": '''
from .schemas import Item


def get_item(i: int) -> Item:
    return Item(id=i)
''',
"app/api.py": '''
from .repo import get_item


def show(i: int) -> str:
    item = get_item(i)
    return item.json()  # expect: FP304
''',
},
"neg_unknown": '''
def dump(data):
    return data.dict()
''',
"neg_httpx": '''
import httpx


def fetch() -> dict:
    response = httpx.get("https://example.com")
    return response.json()


async def afetch(client: httpx.AsyncClient) -> dict:
    r = await client.get("/x")
    return r.json()
''',
"neg_requests": '''
import requests

data = requests.get("https://example.com").json()
''',
"neg_request_json": '''
from fastapi import FastAPI, Request

app = FastAPI()


@app.post("/")
async def hook(request: Request):
    body = await request.json()
    return body
''',
"neg_dict_copy": '''
payload = {"a": 1}
other = payload.copy()
''',
"neg_v1_compat": '''
from pydantic.v1 import BaseModel


class User(BaseModel):
    id: int


u = User.parse_obj({"id": 1})
d = u.dict()
''',
"neg_v2": '''
from pydantic import BaseModel


class User(BaseModel):
    id: int


u = User.model_validate({"id": 1})
d = u.model_dump()
''',
"neg_own_parse_obj": '''
class Cfg:
    @classmethod
    def parse_obj(cls, data):
        return cls()

    def dict(self):
        return {}


c = Cfg.parse_obj({})
d = c.dict()
''',
"neg_response_annot": '''
from httpx import Response


def parse(resp: Response) -> dict:
    return resp.json()
''',
"neg_dataclass": '''
from dataclasses import dataclass, asdict


@dataclass
class P:
    x: int = 0

    def dict(self):
        return asdict(self)


p = P()
d = p.dict()
''',
}

C["FP305"] = {
"pos_plain": '''
from pydantic import BaseSettings  # expect: FP305


class S(BaseSettings):
    debug: bool = False
''',
"pos_multi": '''
from pydantic import BaseModel, BaseSettings, Field  # expect: FP305


class S(BaseSettings):
    debug: bool = Field(False)
''',
"pos_alias": '''
from pydantic import BaseSettings as _Base  # expect: FP305


class S(_Base):
    debug: bool = False
''',
"pos_pd_attr": '''
import pydantic as pd


class S(pd.BaseSettings):  # expect: FP305
    debug: bool = False
''',
"pos_env_settings": '''
from pydantic.env_settings import BaseSettings  # expect: FP305


class S(BaseSettings):
    debug: bool = False
''',
"pos_function_level": '''
def get_settings():
    from pydantic import BaseSettings  # expect: FP305

    class S(BaseSettings):
        debug: bool = False

    return S()
''',
"pos_parenthesized": '''
from pydantic import (  # expect-one: FP305
    BaseModel,
    BaseSettings,  # expect-one: FP305
    Field,
)


class S(BaseSettings):
    debug: bool = Field(False)
''',
"pos_settings_source": '''
from pydantic import BaseSettings  # expect: FP305
from pydantic.env_settings import SettingsSourceCallable  # maybe: FP305,FP320


class S(BaseSettings):
    x: int = 0
''',
"pos_type_checking_only": '''
import typing

if typing.TYPE_CHECKING:
    pass

from pydantic import BaseSettings  # expect: FP305


class S(BaseSettings):
    x: int = 0
''',
"neg_v2": '''
from pydantic_settings import BaseSettings


class S(BaseSettings):
    debug: bool = False
''',
"neg_v1_compat": '''
from pydantic.v1 import BaseSettings


class S(BaseSettings):
    debug: bool = False
''',
"neg_try_guard": '''
try:
    from pydantic_settings import BaseSettings
except ImportError:
    from pydantic import BaseSettings


class S(BaseSettings):
    debug: bool = False
''',
"neg_if_guard": '''
import pydantic

if pydantic.VERSION.startswith("2"):
    from pydantic_settings import BaseSettings
else:
    from pydantic import BaseSettings


class S(BaseSettings):
    debug: bool = False
''',
"neg_project_module": '''
from myproject.config import BaseSettings


class S(BaseSettings):
    debug: bool = False
''',
}

C["FP306"] = {
"pos_raise_only": '''
from pydantic import BaseModel, model_validator


class R(BaseModel):
    a: int = 0
    b: int = 0

    @model_validator(mode="after")  # expect-one: FP306
    def check(self):  # expect-one: FP306
        if self.a > self.b:
            raise ValueError("a > b")
''',
"pos_pd_attr": '''
import pydantic as pd


class R(pd.BaseModel):
    a: int = 0

    @pd.model_validator(mode="after")  # expect-one: FP306
    def check(self):  # expect-one: FP306
        assert self.a >= 0
''',
"pos_return_none": '''
from pydantic import BaseModel, model_validator


class R(BaseModel):
    a: int = 0

    @model_validator(mode="after")  # expect-one: FP306
    def check(self):  # expect-one: FP306
        if self.a < 0:
            raise ValueError("neg")
        return None  # expect-one: FP306
''',
"pos_settings": '''
from pydantic import model_validator
from pydantic_settings import BaseSettings


class S(BaseSettings):
    a: int = 0

    @model_validator(mode="after")  # expect-one: FP306
    def check(self):  # expect-one: FP306
        print(self.a)
''',
"pos_alias": '''
from pydantic import BaseModel
from pydantic import model_validator as mv


class R(BaseModel):
    a: int = 0

    @mv(mode="after")  # expect-one: FP306
    def check(self):  # expect-one: FP306
        self.a += 0
''',
"pos_functional_validators": '''
from pydantic import BaseModel
from pydantic.functional_validators import model_validator


class R(BaseModel):
    a: int = 0

    @model_validator(mode="after")  # expect-one: FP306
    def check(self):  # expect-one: FP306
        pass
''',
"proj_cross": {
"pyproject.toml": '[project]\nname = "svc"\nversion = "0"\ndependencies = ["pydantic>=2.5"]\n',
"app/__init__.py": "",
"app/base.py": '''
from pydantic import BaseModel


class Base(BaseModel):
    pass
''',
"app/m.py": '''
from pydantic import model_validator

from .base import Base


class M(Base):
    a: int = 0

    @model_validator(mode="after")  # expect-one: FP306
    def check(self):  # expect-one: FP306
        if not self.a:
            raise ValueError("x")
''',
},
"neg_returns_self": '''
from pydantic import BaseModel, model_validator


class R(BaseModel):
    a: int = 0

    @model_validator(mode="after")
    def check(self):
        if self.a < 0:
            raise ValueError("neg")
        return self
''',
"neg_before": '''
from pydantic import BaseModel, model_validator


class R(BaseModel):
    a: int = 0

    @model_validator(mode="before")
    @classmethod
    def fill(cls, data):
        return data
''',
"neg_wrap": '''
from pydantic import BaseModel, model_validator


class R(BaseModel):
    a: int = 0

    @model_validator(mode="wrap")
    @classmethod
    def w(cls, data, handler):
        return handler(data)
''',
"neg_local_decorator": '''
def model_validator(mode):
    def deco(fn):
        return fn
    return deco


class R:
    @model_validator(mode="after")
    def check(self):
        pass
''',
"neg_return_self_try": '''
from pydantic import BaseModel, model_validator


class R(BaseModel):
    a: int = 0

    @model_validator(mode="after")
    def check(self):
        try:
            int(self.a)
        finally:
            pass
        return self
''',
}

C["FP307"] = {
"pos_config_marker": '''
from typing import Optional

from pydantic import BaseModel


class U(BaseModel):
    nickname: Optional[str]  # expect: FP307

    class Config:  # expect: FP301
        orm_mode = True
''',
"pos_union_none": '''
from typing import Union

from pydantic import BaseModel, validator


class U(BaseModel):
    age: Union[int, None]  # expect: FP307

    @validator("age")  # expect: FP303
    def check(cls, v):
        return v
''',
"pos_pipe_none": '''
from pydantic import BaseModel, root_validator


class U(BaseModel):
    age: int | None  # expect: FP307

    @root_validator(pre=True)  # expect: FP303
    def fill(cls, values):
        return values
''',
"pos_typing_attr": '''
import typing

import pydantic as pd


class U(pd.BaseModel):
    bio: typing.Optional[str]  # expect: FP307

    class Config:  # expect: FP301
        anystr_strip_whitespace = True
''',
"pos_field_no_default": '''
from typing import Optional

from pydantic import BaseModel, Field


class U(BaseModel):
    bio: Optional[str] = Field(description="free text")  # expect: FP307

    class Config:  # expect: FP301
        orm_mode = True
''',
"proj_v1_pin": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/models.py": '''
from typing import Optional

from pydantic import BaseModel


class U(BaseModel):
    id: int
    email: Optional[str]  # expect: FP307
''',
},
"proj_v1_pin_settings": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/config.py": '''
from typing import Optional

from pydantic import BaseSettings  # expect: FP305


class Settings(BaseSettings):
    sentry_dsn: Optional[str]  # expect: FP307
''',
},
"proj_v1_pin_cross_base": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/base.py": '''
from pydantic import BaseModel


class Base(BaseModel):
    pass
''',
"app/models.py": '''
from typing import Optional

from .base import Base


class U(Base):
    email: Optional[str]  # expect: FP307
''',
},
"proj_v1_pin_sqlmodel": {
"pyproject.toml": '[project]\nname = "svc"\nversion = "0"\ndependencies = ["pydantic<2", "sqlmodel==0.0.8"]\n',
"app/__init__.py": "",
"app/models.py": '''
from typing import Optional

from sqlmodel import Field, SQLModel


class HeroBase(SQLModel):
    name: str
    secret_name: Optional[str]  # expect: FP307


class Hero(HeroBase, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
''',
},
"neg_default_none": '''
from typing import Optional

from pydantic import BaseModel


class U(BaseModel):
    nickname: Optional[str] = None

    class Config:  # expect: FP301
        orm_mode = True
''',
"neg_v2_native": '''
from typing import Optional

from pydantic import BaseModel, ConfigDict, field_validator


class U(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    nickname: Optional[str]

    @field_validator("nickname")
    @classmethod
    def c(cls, v):
        return v
''',
"neg_field_ellipsis": '''
from typing import Optional

from pydantic import BaseModel, Field


class U(BaseModel):
    nickname: Optional[str] = Field(...)

    class Config:  # expect: FP301
        orm_mode = True
''',
"proj_neg_dataclass": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/dc.py": '''
from dataclasses import dataclass
from typing import Optional


@dataclass
class D:
    x: Optional[int]
''',
},
"proj_neg_classvar_typeddict": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/m.py": '''
from typing import ClassVar, Optional, TypedDict

from pydantic import BaseModel


class U(BaseModel):
    cache: ClassVar[Optional[dict]]


class TD(TypedDict):
    x: Optional[int]
''',
},
}

C["FP308"] = {
"pos_param": '''
from pydantic import BaseModel
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class UserORM(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)


class UserOut(BaseModel):
    id: int


def to_out(row: UserORM) -> UserOut:
    return UserOut.model_validate(row)  # expect: FP308
''',
"pos_session_get": '''
import pydantic as pd
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import declarative_base
from sqlalchemy import Column, Integer

Base = declarative_base()


class UserORM(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)


class UserOut(pd.BaseModel):
    id: int


async def show(session: AsyncSession, uid: int) -> UserOut:
    row = await session.get(UserORM, uid)
    return UserOut.model_validate(row)  # expect: FP308
''',
"pos_loop": '''
from pydantic import BaseModel
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class UserORM(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)


class UserOut(BaseModel):
    id: int


def to_out(rows: list[UserORM]) -> list[UserOut]:
    return [UserOut.model_validate(r) for r in rows]  # expect: FP308
''',
"proj_cross": {
"pyproject.toml": '[project]\nname = "svc"\nversion = "0"\ndependencies = ["pydantic>=2.5", "sqlalchemy>=2"]\n',
"app/__init__.py": "",
"app/db.py": '''
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ItemORM(Base):
    __tablename__ = "items"
    id: Mapped[int] = mapped_column(primary_key=True)
''',
"app/schemas.py": '''
from pydantic import BaseModel


class ItemOut(BaseModel):
    id: int
''',
"app/api.py": '''
from .db import ItemORM
from .schemas import ItemOut


def show(item: ItemORM) -> ItemOut:
    return ItemOut.model_validate(item)  # expect: FP308
''',
},
"neg_from_attributes": '''
from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class UserORM(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int


def to_out(row: UserORM) -> UserOut:
    return UserOut.model_validate(row)


def to_out2(row: UserORM) -> UserOut:
    return UserOut.model_validate(row, from_attributes=True)
''',
"neg_dict": '''
from pydantic import BaseModel


class UserOut(BaseModel):
    id: int


def to_out(row: dict) -> UserOut:
    return UserOut.model_validate(row)
''',
"neg_inherited": '''
from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class UserORM(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)


class OrmModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class UserOut(OrmModel):
    id: int


def to_out(row: UserORM) -> UserOut:
    return UserOut.model_validate(row)
''',
}

C["FP309"] = {
"pos_secret_key": '''
from pydantic import BaseSettings  # expect: FP305


class Settings(BaseSettings):
    secret_key: str  # expect: FP309
''',
"pos_database_url": '''
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    database_url: str  # expect: FP309
''',
"pos_token": '''
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    github_token: str  # expect: FP309
''',
"pos_field_env": '''
from pydantic import BaseSettings, Field  # expect: FP305


class Settings(BaseSettings):
    db_password: str = Field(..., env="DB_PASSWORD")  # expect: FP309,FP311
''',
"pos_pd_attr": '''
import pydantic as pd


class Settings(pd.BaseSettings):  # expect: FP305
    api_key: str  # expect: FP309
''',
"pos_client_secret": '''
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env")
    oauth_client_secret: str  # expect: FP309
''',
"proj_cross": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/base.py": '''
from pydantic import BaseSettings  # expect: FP305


class AppSettings(BaseSettings):
    name: str = "svc"
''',
"app/config.py": '''
from .base import AppSettings


class Settings(AppSettings):
    jwt_secret: str  # expect: FP309
''',
},
"pos_aws": '''
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    aws_secret_access_key: str  # expect: FP309
''',
"neg_int": '''
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    token_expire_minutes: int = 30
''',
"neg_secretstr": '''
from pydantic import SecretStr
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    secret_key: SecretStr
''',
"neg_body_model": '''
from pydantic import BaseModel


class Login(BaseModel):
    username: str
    password: str
''',
"neg_plain": '''
class Settings:
    secret_key: str = "x"
''',
"neg_dataclass": '''
from dataclasses import dataclass


@dataclass
class Settings:
    api_key: str
''',
}

C["FP310"] = {
"pos_str_default": '''
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    secret_key: str = "changeme"  # expect: FP309,FP310
''',
"pos_secretstr_default": '''
from pydantic import SecretStr
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    jwt_secret: SecretStr = "dev-secret"  # expect: FP310
''',
"pos_v1_settings": '''
from pydantic import BaseSettings  # expect: FP305


class Settings(BaseSettings):
    database_url: str = "postgresql://u:p@localhost/db"  # expect: FP309,FP310
''',
"pos_field_default": '''
from pydantic import BaseSettings, Field  # expect: FP305


class Settings(BaseSettings):
    db_password: str = Field("postgres", env="DB_PASSWORD")  # expect: FP309,FP310,FP311
''',
"pos_field_default_kw": '''
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    api_key: SecretStr = Field(default="abc123")  # expect: FP310
''',
"pos_pd_attr": '''
import pydantic as pd


class Settings(pd.BaseSettings):  # expect: FP305
    access_token: pd.SecretStr = "t0k3n"  # expect: FP310
''',
"proj_cross": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/base.py": '''
from pydantic import BaseSettings  # expect: FP305


class AppSettings(BaseSettings):
    name: str = "svc"
''',
"app/config.py": '''
from pydantic import SecretStr

from .base import AppSettings


class Settings(AppSettings):
    secret_key: SecretStr = "insecure"  # expect: FP310
''',
},
"neg_empty": '''
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    secret_key: str = ""  # expect: FP309
''',
"neg_none": '''
from typing import Optional

from pydantic import SecretStr
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    secret_key: Optional[SecretStr] = None
''',
"neg_required_field": '''
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    secret_key: SecretStr = Field(..., validation_alias="SECRET_KEY")
''',
"neg_body_model": '''
from pydantic import BaseModel


class Example(BaseModel):
    password: str = "hunter2"
''',
}
