import os

import sqlalchemy.ext.asyncio
from sqlalchemy import URL, create_engine, make_url
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.ext.asyncio import create_async_engine as cae

from myapp.config import settings

DB_USER = os.environ["DB_USER"]
DB_PASSWORD = os.environ["DB_PASSWORD"]

# A module constant read only by the engine below: the fix rewrites it here.
DATABASE_URL = "postgresql+psycopg2://app:secret@db:5432/app"
# Read twice (engine and alembic helper): flagged, but not rewritten.
SHARED_URL = "mysql+pymysql://app@db/app"
REPORTING_URL: str = f"mysql://{DB_USER}:{DB_PASSWORD}@reports/app"

# Errors

engine = create_async_engine(DATABASE_URL, pool_pre_ping=True)  # error: FP204
shared_engine = create_async_engine(SHARED_URL)  # error: FP204
reporting_engine = create_async_engine(REPORTING_URL)  # error: FP204
psycopg2_engine = create_async_engine("postgresql+psycopg2://app@db/app")  # error: FP204
pg8000_engine = cae("postgresql+pg8000://app@db/app")  # error: FP204
sqlite_file = sqlalchemy.ext.asyncio.create_async_engine("sqlite:///./app.db")  # error: FP204
sqlite_memory = create_async_engine("sqlite://")  # error: FP204
sqlite_pysqlite = create_async_engine("sqlite+pysqlite:///:memory:")  # error: FP204
sqlite_options = create_async_engine(  # SQLite's options are kept by aiosqlite
    "sqlite:///./app.db?timeout=30",  # error: FP204
    connect_args={"check_same_thread": False},
)
pymysql_engine = create_async_engine(url="mysql+pymysql://app@db/app")  # error: FP204
mysqldb_engine = create_async_engine("mysql+mysqldb://app@db/app")  # error: FP204
plain_mysql = create_async_engine("mysql://app@db/app")  # error: FP204
plain_mariadb = create_async_engine("mariadb://app@db/app")  # error: FP204
mssql_engine = create_async_engine("mssql+pyodbc://app@dsn")  # error: FP204
fstring_engine = create_async_engine(f"postgresql+psycopg2://{DB_USER}:{DB_PASSWORD}@db/app")  # error: FP204
concatenated = create_async_engine("postgresql+psycopg2://app@db" "/app")  # error: FP204
sqlite_joined = create_async_engine("sqlite:///" + os.path.join("/data", "app.db"))  # error: FP204
made_url = create_async_engine(make_url("sqlite:///./app.db"))  # error: FP204
created_url = create_async_engine(
    URL.create("postgresql+psycopg2", username="app", host="db", database="app")  # error: FP204
)

# No fix: the query options and connect_args belong to psycopg2 (asyncpg rejects sslmode).
with_query = create_async_engine("postgresql+psycopg2://app@db/app?sslmode=require")  # error: FP204
with_connect_args = create_async_engine(
    "postgresql+psycopg2://app@db/app",  # error: FP204
    connect_args={"options": "-csearch_path=app"},
)
formatted = create_async_engine("postgresql+psycopg2://{}@db/app".format(DB_USER))  # error: FP204
# No drop-in async twin of pymssql.
pymssql_engine = create_async_engine("mssql+pymssql://app@db/app")  # error: FP204


def make_engine(path: str):
    url = "sqlite:///" + path
    return create_async_engine(url)  # error: FP204


def alembic_sync_engine():
    return create_engine(SHARED_URL)


__all__ = ["EXPORTED_URL"]
EXPORTED_URL = "sqlite:///./exported.db"
exported_engine = create_async_engine(EXPORTED_URL)  # error: FP204

# OK

asyncpg_engine = create_async_engine("postgresql+asyncpg://app@db/app")
# SQLAlchemy 2.1 maps plain postgresql:// to psycopg 3, which runs in async mode.
plain_postgres = create_async_engine("postgresql://app@db/app")
psycopg3_engine = create_async_engine("postgresql+psycopg://app@db/app")
aiomysql_engine = create_async_engine("mysql+aiomysql://app@db/app")
asyncmy_engine = create_async_engine("mysql+asyncmy://app@db/app")
aiosqlite_engine = create_async_engine("sqlite+aiosqlite:///./app.db")
oracle_engine = create_async_engine("oracle://app@db/app")
async_created = create_async_engine(URL.create("postgresql+asyncpg", host="db"))

# Synchronous engines may use synchronous drivers.
sync_engine = create_engine("postgresql+psycopg2://app@db/app")

# Unknown URLs are not guessed.
from_settings = create_async_engine(settings.DATABASE_URL)
from_environment = create_async_engine(os.environ["DATABASE_URL"])
from_getenv = create_async_engine(os.getenv("DATABASE_URL", "sqlite:///./app.db"))
computed_scheme = create_async_engine(f"{settings.DB_SCHEME}://app@db/app")

if settings.TESTING:
    TEST_URL = "sqlite:///./test.db"
else:
    TEST_URL = "postgresql+asyncpg://app@db/app"
branch_engine = create_async_engine(TEST_URL)


def unrelated_create_async_engine(create_async_engine, url):
    return create_async_engine("sqlite:///./app.db")
