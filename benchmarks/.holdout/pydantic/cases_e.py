# Spelling matrix, part E: FP308 query results, FP315 classes, FP309 Optional.
C = {}
ORM = '''
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from pydantic import BaseModel


class Base(DeclarativeBase):
    pass


class UserORM(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)


class UserOut(BaseModel):
    id: int
'''
C["FP308"] = {
"pos_scalar_one": ORM + '''

async def one(session: AsyncSession) -> UserOut:
    result = await session.execute(select(UserORM))
    user = result.scalar_one()
    return UserOut.model_validate(user)  # expect: FP308
''',
"pos_scalars_all": ORM + '''

def many(session: Session) -> list:
    return [UserOut.model_validate(u) for u in session.scalars(select(UserORM)).all()]  # expect: FP308
''',
"pos_session_get_sync": ORM + '''

def one(session: Session, uid: int) -> UserOut:
    user = session.get(UserORM, uid)
    return UserOut.model_validate(user)  # expect: FP308
''',
"pos_constructor": ORM + '''

def fresh() -> UserOut:
    return UserOut.model_validate(UserORM(id=1))  # expect: FP308
''',
"neg_dict_row": ORM + '''

def one(session: Session) -> UserOut:
    row = session.execute(select(UserORM.id)).mappings().one()
    return UserOut.model_validate(dict(row))
''',
}

C["FP315"] = {
"pos_constrained_list": '''
from pydantic import ConstrainedList  # expect-one: FP315


class Tags(ConstrainedList):  # expect-one: FP315
    item_type = str
    min_items = 1
''',
"pos_confrozenset": '''
from pydantic import BaseModel, confrozenset


class U(BaseModel):
    ids: confrozenset(int, max_items=3) = frozenset()  # expect: FP315
''',
"pos_conlist_kw_item_type": '''
from pydantic import BaseModel, conlist


class U(BaseModel):
    ids: conlist(item_type=int, min_items=1)  # expect: FP315
''',
"pos_types_constrained": '''
from pydantic.types import ConstrainedFloat  # expect-one: FP315


class Ratio(ConstrainedFloat):  # expect-one: FP315
    ge = 0
    le = 1
''',
"neg_conint": '''
from pydantic import BaseModel, conint


class U(BaseModel):
    n: conint(ge=0) = 0
''',
}

C["FP318"] = {
"proj_cross_dependency": {
"pyproject.toml": '[project]\nname = "svc"\nversion = "0"\ndependencies = ["fastapi>=0.128.0", "pydantic>=2.5"]\n',
"app/__init__.py": "",
"app/legacy.py": "from pydantic.v1 import BaseModel\n\n\nclass Filters(BaseModel):\n    q: str = ''\n",
"app/deps.py": '''
from app.legacy import Filters


def get_filters(f: Filters):  # maybe: FP318
    return f
''',
"app/routes.py": '''
from fastapi import APIRouter, Depends

from app.deps import get_filters

router = APIRouter()


@router.get("/")
def read(f=Depends(get_filters)):  # expect-one: FP318
    return {}
''',
},
}
C["FP307"] = {
"proj_marker_in_base_module": {
"app/__init__.py": "",
"app/base.py": "from pydantic import BaseModel\n\n\nclass OrmBase(BaseModel):\n    class Config:  # expect: FP301\n        orm_mode = True\n",
"app/m.py": "from typing import Optional\n\nfrom .base import OrmBase\n\n\nclass U(OrmBase):\n    email: Optional[str]  # maybe: FP307\n",
},
}

C["FP304"] = {
"proj_settings_from_function": {
"app/__init__.py": "",
"app/config.py": '''
from functools import lru_cache

from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    debug: bool = False


@lru_cache
def get_settings() -> Settings:
    return Settings()


settings = get_settings()
''',
"app/main.py": '''
from app.config import settings

print(settings.json())  # expect: FP304
''',
},
"proj_neg_imported_dict": {
"app/__init__.py": "",
"app/config.py": "import os\n\nDEFAULTS = dict(os.environ)\n",
"app/main.py": "from app.config import DEFAULTS\n\nd = DEFAULTS.copy()\n",
},
}
