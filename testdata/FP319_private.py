# select: FP319
# pydantic-target-version: 1.10
# Underscore attributes of V1 models: plain class attributes in V1,
# private attributes in V2 (ModelPrivateAttr on the class, copied per instance).
import threading
from typing import Final, Optional

import pydantic as pd
from pydantic import BaseModel, PrivateAttr
from pydantic import BaseModel as BM
from pydantic.v1 import BaseModel as V1BaseModel
from pydantic_settings import BaseSettings
from sqlmodel import SQLModel

from acme_sdk import Mixin

DEFAULT_TIMEOUT = 30
EXTRA_TAGS = ["b"]


class Engine:
    pass


def shout(value: str) -> str:
    return value.upper()


# Errors


class Block(BaseModel):
    name: str = "block"
    _slug = "block"  # error: FP319
    _retries = 3  # error: FP319
    _enabled = True  # error: FP319
    _registry = []  # error: FP319
    _options = {"a": 1}  # error: FP319
    _lock = threading.Lock()  # error: FP319
    _seen = set()  # error: FP319
    _tags = ["a"] + EXTRA_TAGS  # error: FP319
    _engine = Engine  # error: FP319
    _timeout = DEFAULT_TIMEOUT  # error: FP319
    _logo_url: Optional[str] = None  # error: FP319
    _version: int = 1  # error: FP319
    __mangled = "m"  # error: FP319

    @classmethod
    def register(cls, key: str) -> None:
        cls._registry.append(key)

    @classmethod
    def slug(cls) -> str:
        return cls._slug

    def mangled(self) -> str:
        return self.__mangled


class Child(Block):
    _slug = "child"  # error: FP319


class Aliased(BM):
    _kind = "aliased"  # error: FP319


class Qualified(pd.BaseModel):
    _kind = "qualified"  # error: FP319


class Settings(BaseSettings):
    _prefix = "APP_"  # error: FP319


class Hero(SQLModel):
    _power = "flight"  # error: FP319


class Flexible(BaseModel):
    # Extra allowed, but nothing assigns _label on an instance: still a constant.
    _label = "flex"  # error: FP319

    class Config:
        extra = "allow"


# Reported, no fix.


class Open(BaseModel):
    _token = None  # error: FP319

    class Config:
        extra = pd.Extra.allow


def tag(model: Open) -> None:
    model._token = "t"


class Guarded(BaseModel):
    _frozen = False  # error: FP319

    def __setattr__(self, name, value):
        object.__setattr__(self, name, value)


class WithMixin(BaseModel, Mixin):
    _kind = "mixin"  # error: FP319


class Constants(BaseModel):
    _limit: Final = 10  # error: FP319


# OK


class Fine(BaseModel):
    _secret = PrivateAttr(default=None)
    _shout = staticmethod(shout)
    _helper = shout
    _fn = lambda self: 1  # noqa: E731
    _declared: int
    __slots__ = ()
    __doc__ = "fine"
    _twice = 1
    _twice = 2

    class _Inner:
        pass

    _inner = _Inner


class Stateful(BaseModel):
    # V1 refused self._state = ... (no extra allowed): written for V2's private attribute.
    _state = None

    def load(self) -> None:
        self._state = "loaded"


class AlreadyPrivate(BaseModel):
    _x = "v"

    class Config:
        underscore_attrs_are_private = True


class KeptOnV1(V1BaseModel):
    _kind = "v1"


class Plain:
    _kind = "plain"


def check_runtime():
    """What V1 code read and did on the class and its instances."""
    assert Block.slug() == "block" and Child.slug() == "child"
    assert Block()._slug == "block" and Block._retries == 3 and Block._enabled is True
    Block.register("a")
    assert Block._registry == ["a"] and Block()._registry == ["a"]  # shared, as in V1
    assert Block()._lock is Block._lock  # one lock, and instances still build
    assert Block._tags == ["a", "b"] and Block._engine is Engine and Block._timeout == 30
    assert Block._logo_url is None and Block._version == 1
    assert Block().mangled() == "m"
    assert Aliased._kind == "aliased" and Qualified._kind == "qualified"
    assert Hero._power == "flight" and Flexible._label == "flex"
    assert dict(Block()) == {"name": "block"}
