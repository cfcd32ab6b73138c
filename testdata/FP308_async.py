from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class UserRow(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)


class UserOut(BaseModel):
    id: int


# Errors


async def load(session: AsyncSession) -> UserOut:
    row = await session.get(UserRow, 1)
    UserOut.model_validate(await session.get(UserRow, 2))  # error: FP308
    return UserOut.model_validate(row)  # error: FP308


async def query(session: AsyncSession) -> list:
    result = await session.execute(select(UserRow).where(UserRow.id == 1))
    out = [UserOut.model_validate(result.scalar_one())]  # error: FP308
    rows = (await session.scalars(select(UserRow))).all()
    out.extend(UserOut.model_validate(r) for r in rows)  # error: FP308
    out.append(UserOut.model_validate(await session.scalar(select(UserRow))))  # error: FP308
    return out


# OK


async def mapped(session: AsyncSession) -> UserOut:
    result = await session.execute(select(UserRow.id))
    return UserOut.model_validate(result.mappings().one())
