from typing import List

from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, declarative_base, mapped_column
from sqlmodel import Field, SQLModel


class Base(DeclarativeBase):
    pass


class UserRow(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(default="a")


LegacyBase = declarative_base()


class ItemRow(LegacyBase):
    __tablename__ = "items"
    id: Mapped[int] = mapped_column(primary_key=True)


class Hero(SQLModel, table=True):
    id: int = Field(default=None, primary_key=True)
    name: str = "h"


class UserOut(BaseModel):
    id: int
    name: str = ""


class ItemOut(UserOut):
    pass


class Strict(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)
    id: int


class Orm(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int


class OrmChild(Orm):
    pass


class HeroOut(SQLModel):
    id: int
    name: str


def get_row() -> UserRow:
    return UserRow(id=1, name="a")


# Errors


def to_schema(row: UserRow, rows: List[UserRow], item: ItemRow, hero: Hero) -> list:
    out = [UserOut.model_validate(row)]  # error: FP308
    out.extend(UserOut.model_validate(r) for r in rows)  # error: FP308
    out.append(ItemOut.model_validate(item))  # error: FP308
    out.append(Strict.model_validate(hero))  # error: FP308
    out.append(UserOut.model_validate(get_row()))  # error: FP308
    built = UserRow(id=2, name="b")
    out.append(UserOut.model_validate(built))  # error: FP308
    return out


def load(sync: Session) -> UserOut:
    row = sync.get(UserRow, 1)
    UserOut.model_validate(sync.get(UserRow, 1))  # error: FP308
    return UserOut.model_validate(row)  # error: FP308


# OK


def fine(row: UserRow, data: dict, hero: Hero) -> list:
    return [
        Orm.model_validate(row),
        OrmChild.model_validate(row),
        UserOut.model_validate(row, from_attributes=True),
        UserOut.model_validate(data),
        HeroOut.model_validate(hero),
        UserOut.model_validate({"id": 1}),
    ]



def check_runtime() -> None:
    """The fixed module validates under Pydantic 2."""
    result = to_schema(UserRow(id=1, name="a"), [UserRow(id=2, name="b")], ItemRow(id=3), Hero(id=4, name="h"))
    assert [r.id for r in result] == [1, 2, 3, 4, 1, 2]
