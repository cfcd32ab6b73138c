from typing import Dict, List, Optional, Type, TypeVar

import pydantic
from pydantic import BaseModel


class User(BaseModel):
    name: str


class Order(BaseModel):
    user: User
    note: Optional[str] = None


class Repo:
    def get(self, name: str) -> User:
        return User(name=name)

    @staticmethod
    def build(name: str) -> User:
        return User(name=name)


M = TypeVar("M", bound=BaseModel)
U = TypeVar("U", bound=User)
UserModel = User

# Errors


def load(model: Type[M], data: dict) -> M:
    return model.parse_obj(data)  # error: FP304


def load_user(model: Type[U], data: dict) -> U:
    return model.parse_obj(data)  # error: FP304


def load_any(model: "type[BaseModel]", data: dict) -> BaseModel:
    return model.parse_obj(data)  # error: FP304


def dump_any(m: pydantic.BaseModel) -> dict:
    return m.dict(by_alias=True)  # error: FP304


def dump_bound(m: M) -> str:
    return m.json()  # error: FP304


def by_alias(data: dict) -> User:
    return UserModel.parse_obj(data)  # error: FP304


def user_of(order: Order) -> dict:
    return order.user.dict()  # error: FP304


def values(users: Dict[str, User]) -> list:
    out = [u.dict() for u in users.values()]  # error: FP304
    for _, user in users.items():
        out.append(user.dict())  # error: FP304
    out.extend({k: v.dict()} for k, v in users.items())  # error: FP304
    return out


def numbered(users: List[User]) -> list:
    out = []
    for i, user in enumerate(users):
        out.append((i, user.dict()))  # error: FP304
    out.extend(u.json() for _, u in enumerate(users))  # error: FP304
    return out


def narrowed(value: object) -> dict:
    if isinstance(value, User) and value.name:
        return value.dict()  # error: FP304
    return {}


def from_method(repo: Repo) -> dict:
    user = repo.get("a")
    return user.dict()  # error: FP304


# OK


def not_models(users: List[User], by_name: Dict[str, User], repo: Repo, value: object, order: Order) -> list:
    out: list = [users.copy(), by_name.copy()]
    for name, user in by_name.items():
        out.append(name.strip())
    if isinstance(value, User):
        pass
    else:
        out.append(value.copy())  # type: ignore[attr-defined]
    out.append(repo.build("b"))
    out.append((order.note or "").strip())
    return out


def check_runtime() -> None:
    """The fixed module works under Pydantic 2."""
    user = User(name="a")
    assert load(User, {"name": "b"}) == User(name="b")
    assert load_user(User, {"name": "c"}).name == "c"
    assert load_any(User, {"name": "d"}) == User(name="d")
    assert dump_any(user) == {"name": "a"} and dump_bound(user) == '{"name":"a"}'
    assert by_alias({"name": "e"}).name == "e"
    assert user_of(Order(user=user)) == {"name": "a"}
    assert values({"x": user}) == [{"name": "a"}, {"name": "a"}, {"x": {"name": "a"}}]
    assert numbered([user]) == [(0, {"name": "a"}), '{"name":"a"}']
    assert narrowed(user) == {"name": "a"} and narrowed(3) == {}
    assert from_method(Repo()) == {"name": "a"}
