import logging
import time

from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase

from .settings import settings

logger = logging.getLogger(__name__)


class Base(DeclarativeBase):
    pass


engine = create_async_engine(
    settings.database_url.get_secret_value(), pool_size=settings.db_pool_size, pool_pre_ping=True, echo=settings.debug
)
SessionLocal = async_sessionmaker(engine)


def wait_for_database(sync_url: str, attempts: int = 10, delay: float = 1.0) -> None:
    sync_engine = create_engine(sync_url, pool_pre_ping=True)
    for attempt in range(1, attempts + 1):
        try:
            with sync_engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return
        except OperationalError:
            logger.warning("database not ready (attempt %d/%d)", attempt, attempts)
            time.sleep(delay)
    raise RuntimeError("database did not become ready")
