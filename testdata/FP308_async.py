from pydantic import BaseModel
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
