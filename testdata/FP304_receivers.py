from typing import List, Optional, Sequence

import pydantic as pd


class User(pd.BaseModel):
    name: str
    tags: List[str] = []


class Team(pd.BaseModel):
    members: List[User] = []

    def names(self) -> List[dict]:
        return [member.dict() for member in self.members]  # error: FP304


def get_user() -> User:
    return User(name="x")


async def fetch_user() -> Optional[User]:
    return User(name="y")


def all_users() -> List[User]:
    return [User(name="z")]


# Errors


def dump_all(users: List[User], more: "Sequence[User]", maybe: Optional[List[User]] = None) -> list:
    out = []
    for user in users:
        out.append(user.dict())  # error: FP304
    for other in more:
        out.append(other.json())  # error: FP304
    for again in maybe or []:
        out.append(again)
    out.append(users[0].dict())  # error: FP304
    out.extend(u.dict(exclude={"tags"}) for u in users)  # error: FP304
    out.append({u.name: u.copy() for u in all_users()})  # error: FP304
    for listed in all_users():
        out.append(listed.dict())  # error: FP304
    out.append(get_user().dict())  # error: FP304
    returned = get_user()
    out.append(returned.json())  # error: FP304
    out.append(sorted(User.__fields__))  # error: FP304
    out.append(sorted(returned.__fields__))  # error: FP304
    out.append(sorted(returned.__fields_set__))  # error: FP304
    return out


async def dump_async() -> Optional[dict]:
    user = await fetch_user()
    return user.dict() if user else None  # error: FP304


class Repo:
    users: List[User]

    def first(self) -> dict:
        for user in self.users:
            return user.dict()  # error: FP304
        return self.users[0].dict()  # error: FP304


# OK


def not_models(rows: List[dict], names: List[str], user: User) -> list:
    out = [row.copy() for row in rows]
    out.extend(name.title() for name in names)
    for user in rows:  # rebinds user to a dict
        out.append(user.copy())
    out.append(rows[0].copy())
    out.append(sorted(user.model_fields_set))
    return out


def shadowed(users: List[User]) -> list:
    user = User(name="a")
    return [user.copy() for user in ["a", "b"]]

import asyncio


def check_runtime() -> None:
    """The fixed module works under Pydantic 2."""

    team = Team(members=[User(name="a")])
    assert team.names() == [{"name": "a", "tags": []}]
    result = dump_all([User(name="b")], [User(name="c")])
    assert result[0] == {"name": "b", "tags": []} and result[-3] == ["name", "tags"] and result[-1] == ["name"]
    assert asyncio.run(dump_async()) == {"name": "y", "tags": []}
