from typing import Annotated, Generic, List, Optional, TypeVar, Union

import pydantic
import pydantic.v1
from fastapi import Depends, FastAPI
from pydantic import BaseModel
from pydantic import BaseModel as Model
from pydantic_settings import BaseSettings
from sqlmodel import SQLModel

T = TypeVar("T")
app = FastAPI()


class Address(BaseModel):
    city: str


class User(Model):
    name: str
    address: Optional[Address] = None

    @classmethod
    def load(cls, raw: dict) -> "User":
        return cls.parse_obj(raw)  # error: FP304

    def public(self) -> dict:
        return self.dict(exclude={"address"})  # error: FP304

    @pydantic.model_validator(mode="after")
    def check(self) -> "User":
        assert self.dict()  # error: FP304
        return self

    def address_json(self) -> Optional[str]:
        return self.address.json(indent=2) if self.address else None  # error: FP304


class Admin(User):  # a model through a project base
    level: int = 0


class Page(pydantic.BaseModel, Generic[T]):
    items: List[T]


class Settings(BaseSettings):
    debug: bool = False


class Hero(SQLModel):
    name: str


def get_user() -> User:
    return User(name="x")


@app.post("/users")
def create(payload: dict, user: Annotated[User, Depends(get_user)], maybe: Union[User, None], admin: "Admin"):
    parsed = User.parse_obj(payload)  # error: FP304
    raw = User.parse_raw('{"name": "a"}')  # error: FP304
    orm = Admin.from_orm(payload)  # error: FP304
    schema = User.schema(by_alias=True)  # error: FP304
    User.update_forward_refs()  # error: FP304
    built = User.construct(name="a")  # error: FP304
    copy = user.copy(update={"name": "b"})  # error: FP304
    deep = user.copy(deep=True)  # error: FP304
    page_again = Page[int].parse_obj({"items": [1]}).dict()  # error: FP304, FP304
    dumped = parsed.dict(exclude_none=True, by_alias=True)  # error: FP304
    text = built.json()  # error: FP304
    maybe_dump = maybe.dict() if maybe else None  # error: FP304
    admin_dump = admin.dict()  # error: FP304
    page = Page[int].parse_obj({"items": [1]})  # error: FP304
    settings_dump = Settings().dict()  # error: FP304
    hero = Hero(name="h").json()  # error: FP304
    return parsed, raw, orm, schema, copy, deep, page_again, dumped, text, maybe_dump, admin_dump, page, settings_dump, hero


def no_fix(user: User, path: str, extra: dict) -> None:
    User.parse_file(path)  # error: FP304
    User.schema_json()  # error: FP304
    User.parse_raw(b"{}", content_type="application/json")  # error: FP304
    user.copy(include={"name"})  # error: FP304
    user.json(encoder=str)  # error: FP304
    user.dict(**extra)  # error: FP304
    user.copy(update={"name": "b"}, deep=True)  # error: FP304
    User.update_forward_refs(Address=Address)  # error: FP304


class Node(BaseModel):
    children: List["Leaf"] = []


class Leaf(BaseModel):
    value: int


# model_rebuild() reads the caller's namespace: X=X is redundant at module
# level, and in a function where X is a local.
Node.update_forward_refs(Leaf=Leaf)  # error: FP304
Node.update_forward_refs(Leaf=Leaf, Other=Address)  # error: FP304
Node.update_forward_refs(Twig=Leaf)  # error: FP304


def rebuild_with_local(Leaf=Leaf) -> None:
    Node.update_forward_refs(Leaf=Leaf)  # error: FP304


rebuild_with_local()


def guarded() -> None:
    try:
        Node.update_forward_refs()  # error: FP304
    except NameError:
        pass


class Later(BaseModel):
    """Uses a model whose own forward reference resolves only later."""

    item: Optional["Pending"] = None


class Holder(BaseModel):
    later: Optional[Later] = None


Holder.update_forward_refs()  # error: FP304 (V1 resolved Holder's refs only; V2 needs Later complete)


class Pending(BaseModel):
    n: int


Later.update_forward_refs()  # error: FP304
assert Holder(later={"item": {"n": 1}}).later.item.n == 1
assert Node(children=[{"value": 1}]).children[0].value == 1


class Audited(BaseModel):  # overrides that call pydantic's own method through super()
    name: str

    @classmethod
    def from_orm(cls, obj):
        obj.name = obj.name.strip()
        return super().from_orm(obj)  # error: FP304

    def json(self, **kwargs):
        return super(Audited, self).json(by_alias=True)  # error: FP304

    def dict(self, **kwargs):
        data = super().dict(**kwargs)  # error: FP304
        return {**data, "audited": True}


# Clean


class OwnDict(BaseModel):
    name: str

    def dict(self, **kwargs):  # the model's own method, not pydantic's
        return {"name": self.name}


class Schema(BaseModel):
    schema_: str = pydantic.Field(alias="schema")


class LegacyV1(pydantic.v1.BaseModel):
    name: str


class NotAModel:
    def dict(self) -> dict:
        return {}

    @classmethod
    def parse_obj(cls, raw: dict) -> "NotAModel":
        return cls()


def clean(payload: dict, legacy: LegacyV1, plain: NotAModel, anything, response) -> None:
    payload.copy()
    {"a": 1}.copy()
    response.json()
    anything.dict()
    legacy.dict()
    LegacyV1.parse_obj(payload)
    plain.dict()
    NotAModel.parse_obj(payload)
    OwnDict(name="a").dict()
    User.model_validate(payload).model_dump()
    user = User(name="a")
    user.model_copy()


def rebound(flag: bool, payload: dict) -> None:
    value = User(name="a") if flag else payload
    value.dict()  # a User or a dict: unknown
    other = User(name="a")
    other = payload
    other.copy()  # rebound to a dict


class AuditedChild(OwnDict):
    def dict(self, **kwargs):
        return super().dict(**kwargs)  # OwnDict.dict, the project's own


class Service(Exception):
    def dict(self):
        return super().dict()  # not a model


class Outer(BaseModel):
    def dump(self):
        def inner():
            return super(Outer, self).dict()  # a nested function: not resolved

        return inner()

    def other(self):
        return super(Admin, self).dict()  # a super() of another class: not resolved


def field_types(model: type) -> list:
    # V1 ModelField API on the values of __fields__: V2 holds FieldInfo objects.
    kinds = [f.type_ for f in model.__fields__.values()]  # error: FP304
    for name, field in User.model_fields.items():
        if field.required:  # error: FP304
            kinds.append(field.outer_type_)  # error: FP304
    origin = model.__fields__["name"]
    kinds.append(origin.field_info)  # error: FP304
    kinds.append(model.__fields__["name"].type_)  # error: FP304
    return kinds


def field_types_ok(model: type, field) -> list:
    info = model.model_fields["name"]
    kinds = [info.annotation, field.type_]
    for field in [object()]:
        kinds.append(field.required)
    return kinds
