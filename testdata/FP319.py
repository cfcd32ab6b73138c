from typing import ClassVar, Optional

import pydantic as pd
from pydantic import BaseModel, Field, PrivateAttr
from pydantic import BaseModel as BM
from pydantic.v1 import BaseModel as V1BaseModel
from pydantic_settings import BaseSettings
from sqlmodel import SQLModel


def shout(value: str) -> str:
    return value.upper()


# Errors


class User(BaseModel):
    name = "John Doe"  # error: FP319
    retries = 3  # error: FP319
    ratio = 0.5  # error: FP319
    active = True  # error: FP319
    token = b"x"  # error: FP319
    offset = -1  # error: FP319
    greeting = f"hi"  # error: FP319
    age: int = 0


class Aliased(BM):
    title = "x"  # error: FP319


class Qualified(pd.BaseModel):
    level = 1  # error: FP319


class Settings(BaseSettings):
    app_name = "svc"  # error: FP319


class Hero(SQLModel):
    power = "flight"  # error: FP319


class Base(BaseModel):
    kind: str = "base"


class Child(Base):
    # Overrides a base's field without an annotation.
    kind = "child"  # error: FP319


# Reported, no fix: no one obvious type.
class NoFix(BaseModel):
    nickname = None  # error: FP319
    tags = []  # error: FP319
    meta = {"a": 1}  # error: FP319
    code = Field("x")  # error: FP319
    items = list()  # error: FP319


# V1 code being migrated (a class Config): its underscore attributes were class attributes.
class Marked(BaseModel):
    _label = "marked"  # error: FP319

    class Config:
        frozen = True


# OK


class Fine(BaseModel):
    name: str = "John Doe"
    _cache = {}
    __slots__ = ()
    MAX: ClassVar[int] = 3
    model_config = {"frozen": True}
    _secret = PrivateAttr(default=None)
    upper = shout
    nickname: Optional[str] = None

    def describe(self) -> str:
        return self.name

    class Inner:
        x = 1


class KeptOnV1(V1BaseModel):
    name = "John Doe"


class Plain:
    name = "John Doe"


def check_runtime():
    """V1 inferred these fields' types from the defaults: still so on V2."""
    user = User()
    assert (user.name, user.retries, user.active, user.offset) == ("John Doe", 3, True, -1)
    assert User(retries="5").retries == 5  # validated as the int V1 inferred
    assert Child().kind == "child"
    assert Aliased(title="t").title == "t"
