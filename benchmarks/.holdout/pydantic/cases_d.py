# Spelling matrix, part D: project layouts, settings values, SQLModel Field.
V1PIN = '[project]\nname = "svc"\nversion = "0"\ndependencies = ["pydantic>=1.10,<2", "fastapi==0.99.1"]\n'
C = {}

C["FP301"] = {
"proj_src_layout": {
"pyproject.toml": V1PIN,
"src/app/__init__.py": "",
"src/app/base.py": "from pydantic import BaseModel\n\n\nclass Base(BaseModel):\n    pass\n",
"src/app/m.py": '''
from app.base import Base


class U(Base):
    x: int = 0

    class Config:  # expect: FP301
        orm_mode = True
''',
},
"proj_no_pyproject": {
"app/__init__.py": "",
"app/base.py": "from pydantic import BaseModel\n\n\nclass Base(BaseModel):\n    pass\n",
"app/m.py": '''
from app.base import Base


class U(Base):
    x: int = 0

    class Config:  # expect: FP301
        orm_mode = True
''',
},
"proj_script_style": {
"requirements.txt": "pydantic==1.10.13\n",
"models_base.py": "from pydantic import BaseModel\n\n\nclass Base(BaseModel):\n    pass\n",
"models.py": '''
from models_base import Base


class U(Base):
    x: int = 0

    class Config:  # expect: FP301
        orm_mode = True
''',
},
"pos_baseconfig": '''
from pydantic import BaseConfig, BaseModel  # expect: FP320


class U(BaseModel):
    x: int = 0

    class Config(BaseConfig):  # expect: FP301
        orm_mode = True
''',
}

C["FP303"] = {
"pos_stacked_classmethod": '''
from pydantic import BaseModel, validator


class U(BaseModel):
    x: int = 0

    @validator("x")  # expect: FP303
    @classmethod
    def check(cls, v):
        return v
''',
"pos_alias_base": '''
import pydantic as pd
from pydantic import validator

Schema = pd.BaseModel


class U(Schema):
    x: int = 0

    @validator("x")  # expect: FP303
    def check(cls, v):
        return v
''',
}

C["FP304"] = {
"proj_settings_instance": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/config.py": '''
from pydantic import BaseSettings  # expect: FP305


class Settings(BaseSettings):
    debug: bool = False


settings = Settings()
''',
"app/main.py": '''
from app.config import settings

print(settings.dict())  # expect: FP304
''',
},
"pos_lru_cache": '''
from functools import lru_cache

from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    debug: bool = False


@lru_cache()
def get_settings() -> Settings:
    return Settings()


print(get_settings().dict())  # expect: FP304
''',
"pos_init_attr": '''
from pydantic import BaseModel


class Cfg(BaseModel):
    x: int = 0


class Service:
    def __init__(self, cfg: Cfg):
        self.cfg = cfg

    def dump(self) -> dict:
        return self.cfg.dict()  # expect: FP304
''',
"pos_module_call": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/schemas.py": "from pydantic import BaseModel\n\n\nclass Item(BaseModel):\n    id: int\n",
"app/api.py": '''
from app import schemas


def dump(d: dict) -> dict:
    return schemas.Item(**d).dict()  # expect: FP304
''',
},
"neg_settings_dict_attr": '''
import os

env = dict(os.environ)
copy = env.copy()
''',
}

C["FP305"] = {
"neg_try_v1_first": '''
try:
    from pydantic import BaseSettings
except ImportError:
    from pydantic_settings import BaseSettings


class S(BaseSettings):
    x: int = 0
''',
}

C["FP307"] = {
"proj_typing_alias": {
"pyproject.toml": V1PIN,
"app/__init__.py": "",
"app/m.py": "import typing as t\n\nfrom pydantic import BaseModel\n\n\nclass U(BaseModel):\n    x: t.Optional[int]  # expect: FP307\n",
},
}

C["FP311"] = {
"pos_sqlmodel_regex": '''
from sqlmodel import Field, SQLModel


class Hero(SQLModel):
    name: str = Field(..., regex="^[A-Z]")  # expect: FP311
''',
"pos_sqlmodel_example": '''
from sqlmodel import Field, SQLModel


class Hero(SQLModel):
    name: str = Field(..., example="Ada")  # expect: FP311
''',
"pos_sqlmodel_min_items": '''
from typing import List

import sqlmodel


class Hero(sqlmodel.SQLModel):
    tags: List[str] = sqlmodel.Field(default_factory=list, min_items=1)  # expect: FP311
''',
"neg_sqlmodel": '''
from typing import Optional

from sqlmodel import Field, SQLModel


class Hero(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(index=True, max_length=20, schema_extra={"pattern": "^A"})
''',
}

C["FP316"] = {
"pos_pd_tools": '''
import pydantic as pd

x = pd.tools.parse_obj_as(int, "1")  # expect: FP316
''',
}

C["FP317"] = {
"pos_async": '''
from pydantic import validate_arguments


@validate_arguments  # expect: FP317
async def add(a: int, b: int) -> int:
    return a + b
''',
}

C["FP319"] = {
"pos_sqlmodel_table": '''
from typing import Optional

from sqlmodel import Field, SQLModel


class Hero(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    power = "flight"  # expect: FP319
''',
}

C["FP302"] = {
"pos_alias_base": '''
import pydantic as pd

Schema = pd.BaseModel


class U(Schema):
    model_config = {"orm_mode": True}  # expect: FP302
''',
}
