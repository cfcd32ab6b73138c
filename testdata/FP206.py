import sqlalchemy
import sqlmodel
from sqlalchemy import create_engine
from sqlalchemy import create_engine as make_engine
from sqlalchemy.ext.asyncio import create_async_engine

from myapp.config import settings

# Errors

engine = create_async_engine("postgresql+asyncpg://app@db/app", echo=True)  # error: FP206
sync_engine = create_engine("postgresql+psycopg2://app@db/app", echo=True)  # error: FP206
aliased = make_engine("sqlite:///./app.db", echo=True, future=True)  # error: FP206
qualified = sqlalchemy.create_engine("sqlite:///./app.db", echo="debug")  # error: FP206
from_sqlmodel = sqlmodel.create_engine("sqlite:///./app.db", echo=True)  # error: FP206
multi_line = create_async_engine(
    "postgresql+asyncpg://app@db/app",
    pool_size=20,
    echo=True,  # error: FP206
)
last_argument = create_async_engine(
    "postgresql+asyncpg://app@db/app",
    echo=True,  # error: FP206
)


def build_engine(url: str):
    from sqlalchemy.ext.asyncio import create_async_engine as local_create

    return local_create(url, echo=True, pool_pre_ping=True)  # error: FP206


# OK

quiet = create_async_engine("postgresql+asyncpg://app@db/app", echo=False)
from_settings = create_async_engine("postgresql+asyncpg://app@db/app", echo=settings.SQL_ECHO)
pool_logging = create_engine("sqlite:///./app.db", echo_pool=True)
options = {"echo": True}
from_options = create_engine("sqlite:///./app.db", **options)


def unrelated(logger):
    logger.create_engine("x", echo=True)
