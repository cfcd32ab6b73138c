# select: FP202
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

engine = create_async_engine("sqlite+aiosqlite://")


def proxied_session(sync_db) -> AsyncSession:
    # OK: an unbound stand-in proxied to a sync session (argilla-server's conftest).
    session = AsyncSession()
    session.sync_session = sync_db
    return session


def bound_session() -> AsyncSession:
    # A bound session in a fixture commits for real: still flagged.
    return AsyncSession(engine)  # error: FP202
