from sqlalchemy import URL
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.ext.asyncio import create_async_engine as cae
from sqlalchemy.pool import NullPool

from myapp.config import settings

DATABASE_URL = "postgresql+asyncpg://app@db:5432/app"

# Errors

engine = create_async_engine(DATABASE_URL)  # error: FP207
mysql_engine = cae("mysql+aiomysql://app@db/app", pool_size=10)  # error: FP207
psycopg_engine = create_async_engine("postgresql://app@db/app", echo=False)  # error: FP207
created = create_async_engine(URL.create("postgresql+asyncpg", host="db", database="app"))  # error: FP207
tuned = create_async_engine(  # error: FP207
    f"postgresql+asyncpg://{settings.DB_USER}@db/app",
    pool_size=20,
    max_overflow=10,
)

# OK

pinged = create_async_engine("postgresql+asyncpg://app@db/app", pool_pre_ping=True)
explicitly_off = create_async_engine("postgresql+asyncpg://app@db/app", pool_pre_ping=False)
configured = create_async_engine("postgresql+asyncpg://app@db/app", pool_pre_ping=settings.DB_PRE_PING)
no_pool = create_async_engine("postgresql+asyncpg://app@db/app", poolclass=NullPool)
local_file = create_async_engine("sqlite+aiosqlite:///./app.db")
options = {"pool_pre_ping": True}
from_options = create_async_engine("postgresql+asyncpg://app@db/app", **options)
# Unknown URL: not guessed.
from_settings = create_async_engine(settings.DATABASE_URL)
