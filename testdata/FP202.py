import sqlalchemy.ext.asyncio
import sqlalchemy.ext.asyncio as sa_asyncio
from sqlalchemy import orm
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.ext.asyncio import AsyncSession as AS
from sqlalchemy.ext.asyncio import async_sessionmaker as asm
from sqlalchemy.orm import Session, sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession as SQLModelAsyncSession

from myapp.config import settings

engine = create_async_engine("postgresql+asyncpg://app@db/app", pool_pre_ping=True)

# Errors

SessionLocal = async_sessionmaker(engine)  # error: FP202
SessionByKeyword = async_sessionmaker(bind=engine, class_=AsyncSession)  # error: FP202
AliasedFactory = asm(engine, autoflush=False)  # error: FP202
QualifiedFactory = sqlalchemy.ext.asyncio.async_sessionmaker(engine)  # error: FP202
ModuleAliasFactory = sa_asyncio.async_sessionmaker(engine)  # error: FP202
ExplicitTrue = async_sessionmaker(engine, expire_on_commit=True)  # error: FP202

# SQLAlchemy 1.4 spelling: a plain sessionmaker producing AsyncSession objects.
LegacyFactory = sessionmaker(engine, class_=AsyncSession)  # error: FP202
LegacyAliased = orm.sessionmaker(bind=engine, class_=AS)  # error: FP202
SQLModelFactory = sessionmaker(engine, class_=SQLModelAsyncSession)  # error: FP202
SQLModelAsyncFactory = async_sessionmaker(engine, class_=SQLModelAsyncSession)  # error: FP202

MultiLineFactory = async_sessionmaker(  # error: FP202
    bind=engine,
    autoflush=False,
)


async def session_constructed_directly():
    async with AsyncSession(engine) as session:  # error: FP202
        return await session.get(dict, 1)


async def aliased_session_class():
    async with AS(bind=engine) as session:  # error: FP202
        await session.commit()


async def sqlmodel_session():
    async with SQLModelAsyncSession(engine) as session:  # error: FP202
        await session.commit()


def make_factory(bind):
    from sqlalchemy.ext.asyncio import async_sessionmaker as local_factory

    return local_factory(bind)  # error: FP202


# OK

ConfiguredFactory = async_sessionmaker(engine, expire_on_commit=False)
ConfiguredLegacy = sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)
FromSettings = async_sessionmaker(engine, expire_on_commit=settings.EXPIRE_ON_COMMIT)
options = {"expire_on_commit": False}
FromOptions = async_sessionmaker(engine, **options)

# Synchronous sessions are not affected: attributes reload lazily.
sync_engine = sqlalchemy.create_engine("postgresql+psycopg2://app@db/app")
SyncFactory = sessionmaker(bind=sync_engine)
SyncOrmFactory = orm.sessionmaker(sync_engine, class_=Session)


async def configured_session():
    async with AsyncSession(engine, expire_on_commit=False) as session:
        await session.commit()


def unrelated_call(async_sessionmaker_config):
    # A local function of the same name is not SQLAlchemy's.
    def async_sessionmaker(bind):
        return bind

    return async_sessionmaker(async_sessionmaker_config)


class ProjectSession(AsyncSession):
    pass


# A project subclass may set its own default.
ProjectFactory = async_sessionmaker(engine, class_=ProjectSession)
