# Spelling matrix, part C: harder resolver spellings across codes.
V1PIN = '[project]\nname = "svc"\nversion = "0"\ndependencies = ["pydantic>=1.10,<2", "fastapi==0.99.1"]\n'
C = {}

ORM_BASE = '''
from pydantic import BaseModel


class OrmBase(BaseModel):
    class Config:  # expect: FP301
        orm_mode = True
'''

C["FP301"] = {
"proj_chain3": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/a.py": "from pydantic import BaseModel\n\n\nclass A(BaseModel):\n    pass\n",
"app/b.py": "from .a import A\n\n\nclass B(A):\n    pass\n",
"app/c.py": '''
from .b import B


class C(B):
    x: int = 0

    class Config:  # expect: FP301
        orm_mode = True
''',
},
"proj_module_attr_base": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/schemas/__init__.py": "",
"app/schemas/base.py": "import pydantic\n\n\nclass Base(pydantic.BaseModel):\n    pass\n",
"app/m.py": '''
from app.schemas import base


class U(base.Base):
    x: int = 0

    class Config:  # expect: FP301
        orm_mode = True
''',
},
"proj_import_as_base": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/base.py": "from pydantic import BaseModel as _BM\n\n\nclass Base(_BM):\n    pass\n",
"app/m.py": '''
import app.base as b


class U(b.Base):
    x: int = 0

    class Config:  # expect: FP301
        orm_mode = True
''',
},
"proj_star": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/base.py": "from pydantic import BaseModel\n\n__all__ = ['Base']\n\n\nclass Base(BaseModel):\n    pass\n",
"app/m.py": '''
from .base import *


class U(Base):
    x: int = 0

    class Config:  # expect: FP301
        orm_mode = True
''',
},
"proj_orm_base_config_inherit": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/base.py": ORM_BASE,
"app/m.py": '''
from .base import OrmBase


class U(OrmBase):
    x: int = 0

    class Config(OrmBase.Config):  # expect: FP301
        allow_population_by_field_name = True
''',
},
"pos_generic_subscript_base": '''
from typing import Generic, TypeVar

from pydantic import BaseModel

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list = []


class IntPage(Page[int]):
    class Config:  # expect: FP301
        orm_mode = True
''',
"pos_relative_parent": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/core/__init__.py": "",
"app/core/model.py": "from pydantic import BaseModel\n\n\nclass CoreModel(BaseModel):\n    pass\n",
"app/api/__init__.py": "",
"app/api/v1/__init__.py": "",
"app/api/v1/schemas.py": '''
from ...core.model import CoreModel


class U(CoreModel):
    x: int = 0

    class Config:  # expect: FP301
        orm_mode = True
''',
},
"pos_sqlmodel_table": '''
from typing import Optional

from sqlmodel import Field, SQLModel


class Hero(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)

    class Config:  # expect: FP301
        arbitrary_types_allowed = True
''',
"pos_settings_pydantic_settings": '''
from pydantic_settings import BaseSettings


class S(BaseSettings):
    x: int = 0

    class Config:  # expect: FP301
        env_file = ".env"
''',
"neg_attrs": '''
import attr


@attr.s(auto_attribs=True)
class Point:
    x: int = 0

    class Config:
        frozen = True
''',
"neg_enum_config": '''
import enum


class Config(enum.Enum):
    A = 1


class Holder:
    Config = Config
''',
"proj_neg_cross_marshmallow": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/base.py": "from marshmallow import Schema\n\n\nclass Base(Schema):\n    pass\n",
"app/m.py": '''
from .base import Base


class U(Base):
    class Config:
        ordered = True
''',
},
}

C["FP304"] = {
"pos_type_param": '''
from typing import Type, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


def load(model: Type[M], data: dict) -> M:
    return model.parse_obj(data)  # expect: FP304
''',
"pos_type_basemodel": '''
from pydantic import BaseModel


def load(model: type[BaseModel], data: dict) -> BaseModel:
    return model.parse_obj(data)  # expect: FP304
''',
"pos_basemodel_param": '''
import pydantic


def dump(m: pydantic.BaseModel) -> dict:
    return m.dict(by_alias=True)  # expect: FP304
''',
"pos_chain": '''
from pydantic import BaseModel


class U(BaseModel):
    id: int


d = U.parse_obj({"id": 1}).dict()  # expect: FP304,FP304
j = U(id=1).json()  # expect: FP304
''',
"pos_super_dict": '''
from pydantic import BaseModel


class U(BaseModel):
    id: int

    def dict(self, **kwargs):
        kwargs.setdefault("exclude_none", True)
        return super().dict(**kwargs)  # expect: FP304
''',
"pos_field_attr": '''
from pydantic import BaseModel


class User(BaseModel):
    id: int


class Order(BaseModel):
    user: User


def user_of(order: Order) -> dict:
    return order.user.dict()  # expect: FP304
''',
"pos_dict_values": '''
from pydantic import BaseModel


class User(BaseModel):
    id: int


def dump(users: dict[str, User]) -> list:
    return [u.dict() for u in users.values()]  # expect: FP304
''',
"pos_enumerate": '''
from typing import List

from pydantic import BaseModel


class User(BaseModel):
    id: int


def dump(users: List[User]) -> list:
    out = []
    for i, u in enumerate(users):
        out.append((i, u.json()))  # expect: FP304
    return out
''',
"pos_method_return": '''
from pydantic import BaseModel


class User(BaseModel):
    id: int


class Repo:
    def get(self, uid: int) -> User:
        return User(id=uid)


def show(repo: Repo) -> dict:
    u = repo.get(1)
    return u.dict()  # expect: FP304
''',
"pos_depends_param": '''
from fastapi import Depends, FastAPI
from pydantic import BaseModel

app = FastAPI()


class User(BaseModel):
    id: int


def current_user() -> User:
    return User(id=1)


@app.get("/me")
def me(user: User = Depends(current_user)):
    return user.dict()  # expect: FP304
''',
"pos_isinstance": '''
from pydantic import BaseModel


class User(BaseModel):
    id: int


def dump(x: object) -> dict:
    if isinstance(x, User):
        return x.dict()  # expect: FP304
    return {}
''',
"pos_body_param": '''
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class ItemIn(BaseModel):
    name: str


@app.post("/items")
async def create(item: ItemIn):
    data = item.dict(exclude_unset=True)  # expect: FP304
    return data
''',
"pos_orm_mode_from_orm_cross": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/base.py": ORM_BASE,
"app/schemas.py": "from .base import OrmBase\n\n\nclass UserOut(OrmBase):\n    id: int\n",
"app/api.py": '''
from .schemas import UserOut


def out(row):
    return UserOut.from_orm(row)  # expect: FP304
''',
},
"pos_module_attr_class": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/schemas.py": "from pydantic import BaseModel\n\n\nclass Item(BaseModel):\n    id: int\n",
"app/api.py": '''
from app import schemas


def load(d: dict):
    return schemas.Item.parse_obj(d)  # expect: FP304
''',
},
"pos_sqlmodel_from_orm": '''
from typing import Optional

from sqlmodel import Field, SQLModel


class Hero(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)


class HeroRead(SQLModel):
    id: int


def read(h: Hero) -> HeroRead:
    return HeroRead.from_orm(h)  # expect: FP304
''',
"neg_testclient": '''
from fastapi import FastAPI
from fastapi.testclient import TestClient

app = FastAPI()
client = TestClient(app)


def test_root():
    r = client.get("/")
    assert r.json() == {}
''',
"neg_list_copy": '''
from pydantic import BaseModel


class User(BaseModel):
    id: int


def dup(users: list[User]) -> list[User]:
    return users.copy()
''',
"neg_aiohttp": '''
import aiohttp


async def get() -> dict:
    async with aiohttp.ClientSession() as session:
        async with session.get("http://x") as resp:
            return await resp.json()
''',
"neg_dict_of_models_copy": '''
from pydantic import BaseModel


class User(BaseModel):
    id: int


def dup(users: dict[str, User]) -> dict:
    return users.copy()
''',
"neg_orjson": '''
import orjson


def f(b: bytes):
    return orjson.loads(b)
''',
"neg_marshmallow": '''
from marshmallow import Schema, fields


class S(Schema):
    x = fields.Int()


data = S().dump({"x": 1})
js = S().dumps({"x": 1})
''',
"neg_shadowed": '''
from pydantic import BaseModel


class User(BaseModel):
    id: int


def f(user: User):
    user = {"id": 1}
    return user.copy()
''',
}

C["FP309"] = {
"pos_upper": '''
import secrets

from pydantic import BaseSettings  # expect: FP305


class Settings(BaseSettings):
    SECRET_KEY: str = secrets.token_urlsafe(32)  # expect: FP309
    POSTGRES_PASSWORD: str  # expect: FP309
    FIRST_SUPERUSER_PASSWORD: str  # expect: FP309
''',
"pos_reexport": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/core/__init__.py": "from .base import BaseAppSettings\n",
"app/core/base.py": "from pydantic import BaseSettings  # expect: FP305\n\n\nclass BaseAppSettings(BaseSettings):\n    pass\n",
"app/config.py": '''
from app.core import BaseAppSettings


class Settings(BaseAppSettings):
    redis_password: str  # expect: FP309
''',
},
"neg_upper_int": '''
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    ACCESS_TOKEN_EXPIRE_MINUTES: int = 60
''',
}

C["FP310"] = {
"pos_upper": '''
from pydantic import BaseSettings  # expect: FP305


class Settings(BaseSettings):
    POSTGRES_PASSWORD: str = "postgres"  # expect: FP309,FP310
''',
"neg_computed": '''
import secrets

from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    SECRET_KEY: str = secrets.token_urlsafe(32)  # expect: FP309
''',
}

C["FP318"] = {
"pos_dependency_param": '''
from fastapi import Depends, FastAPI
from pydantic.v1 import BaseModel

app = FastAPI()


class Filters(BaseModel):
    q: str = ""


def get_filters(f: Filters):  # expect: FP318
    return f


@app.get("/")
def read(f=Depends(get_filters)):
    return {}
''',
"proj_cross_response_model": {
"pyproject.toml": '[project]\nname = "svc"\nversion = "0"\ndependencies = ["fastapi>=0.128", "pydantic>=2.5"]\n',
"app/__init__.py": "",
"app/legacy.py": "import pydantic.v1 as v1\n\n\nclass Legacy(v1.BaseModel):\n    x: int\n",
"app/routes.py": '''
from fastapi import APIRouter

from app.legacy import Legacy

router = APIRouter()


@router.get("/legacy", response_model=Legacy)  # expect: FP318
def get():
    return {"x": 1}
''',
},
}

C["FP319"] = {
"pos_generic": '''
from typing import Generic, TypeVar

from pydantic.generics import GenericModel  # expect-one: FP312

T = TypeVar("T")


class Resp(GenericModel, Generic[T]):  # expect-one: FP312
    ok = True  # expect: FP319
''',
"proj_chain": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/a.py": "import pydantic as pd\n\n\nclass A(pd.BaseModel):\n    kind: str = 'a'\n",
"app/b.py": "from .a import A\n\n\nclass B(A):\n    pass\n",
"app/c.py": '''
from .b import B


class C(B):
    kind = "c"  # expect: FP319
''',
},
"neg_enum": '''
import enum


class Color(str, enum.Enum):
    red = "red"
''',
}

C["FP313"] = {
"proj_chain": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/a.py": "import pydantic as pd\n\n\nclass A(pd.BaseModel):\n    pass\n",
"app/b.py": "from .a import A\n\n\nclass B(A):\n    pass\n",
"app/c.py": "from typing import List\n\nfrom .b import B\n\n\nclass C(B):\n    __root__: List[int]  # expect: FP313\n",
},
}

C["FP303"] = {
"pos_root_module": '''
import pydantic
from pydantic import BaseModel


class U(BaseModel):
    a: int = 0

    @pydantic.class_validators.root_validator(pre=True)  # expect: FP303
    def f(cls, values):
        return values
''',
"pos_check_fields": '''
from pydantic import BaseModel, validator


class Mixin(BaseModel):
    @validator("name", check_fields=False)  # expect: FP303
    def strip(cls, v):
        return v.strip()
''',
"proj_chain": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/a.py": "import pydantic as pd\n\n\nclass A(pd.BaseModel):\n    pass\n",
"app/b.py": "from .a import A\n\n\nclass B(A):\n    pass\n",
"app/c.py": '''
from pydantic import root_validator

from .b import B


class C(B):
    @root_validator(pre=True)  # expect: FP303
    def fill(cls, values):
        return values
''',
},
}

C["FP307"] = {
"proj_chain_v1": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/a.py": "import pydantic as pd\n\n\nclass A(pd.BaseModel):\n    pass\n",
"app/b.py": "from .a import A\n\n\nclass B(A):\n    pass\n",
"app/c.py": "from typing import Optional\n\nfrom .b import B\n\n\nclass C(B):\n    x: Optional[int]  # expect: FP307\n",
},
"proj_requirements_pin": {
"requirements.txt": "pydantic==1.10.13\nfastapi==0.99.1\n",
"app/__init__.py": "",
"app/m.py": "from typing import Optional\n\nimport pydantic as pd\n\n\nclass U(pd.BaseModel):\n    x: Optional[int]  # expect: FP307\n",
},
}
