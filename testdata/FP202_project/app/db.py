# select: FP202
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

engine = create_async_engine("postgresql+asyncpg://app@db/app")


def session() -> AsyncSession:
    return AsyncSession(engine)  # error: FP202


def unbound() -> AsyncSession:
    # Outside the tests an unbound session still counts.
    return AsyncSession()  # error: FP202
