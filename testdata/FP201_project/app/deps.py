from typing import Annotated, AsyncIterator, Iterator

from fastapi import Depends
from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session, sessionmaker

engine = create_async_engine("postgresql+asyncpg://app@db/app")
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)

sync_engine = create_engine("postgresql+psycopg2://app@db/app")
SyncSessionLocal = sessionmaker(bind=sync_engine)


async def get_db() -> AsyncIterator[AsyncSession]:
    async with SessionLocal() as session:
        try:
            yield session
            await session.commit()
        except Exception:
            await session.rollback()
            raise


def get_sync_db() -> Iterator[Session]:
    with SyncSessionLocal() as db:
        yield db


DbSession = Annotated[AsyncSession, Depends(get_db)]
SyncDbSession = Annotated[Session, Depends(get_sync_db)]
