from sqlalchemy import create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from pydantic import BaseModel


class Base(DeclarativeBase):
    pass


class UserRow(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(default="")


class UserOut(BaseModel):
    id: int
    name: str


# Errors


def one(session: Session, uid: int) -> UserOut:
    result = session.execute(select(UserRow).where(UserRow.id == uid))
    row = result.scalar_one()
    return UserOut.model_validate(row)  # error: FP308


def many(session: Session) -> list:
    return [UserOut.model_validate(u) for u in session.scalars(select(UserRow).order_by(UserRow.id)).all()]  # error: FP308


def first(session: Session) -> UserOut:
    stmt = select(UserRow).limit(1)
    return UserOut.model_validate(session.scalars(stmt).first())  # error: FP308


def scalar(session: Session) -> UserOut:
    return UserOut.model_validate(session.scalar(select(UserRow)))  # error: FP308


def loop(session: Session) -> list:
    out = []
    for user in session.execute(select(UserRow)).scalars():
        out.append(UserOut.model_validate(user))  # error: FP308
    return out


# OK


def rows(session: Session) -> list:
    # Rows and mappings, not ORM objects.
    out = [UserOut.model_validate(dict(m)) for m in session.execute(select(UserRow.id, UserRow.name)).mappings()]
    out.append(UserOut.model_validate(session.execute(select(UserRow.id, UserRow.name)).mappings().one()))
    return out


def check_runtime() -> None:
    """The fixed module validates ORM objects under Pydantic 2."""
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add(UserRow(id=1, name="a"))
        session.commit()
        assert one(session, 1) == UserOut(id=1, name="a")
        assert many(session) == [UserOut(id=1, name="a")]
        assert first(session) == scalar(session) == UserOut(id=1, name="a")
        assert loop(session) == [UserOut(id=1, name="a")]
        assert rows(session) == [UserOut(id=1, name="a")] * 2
