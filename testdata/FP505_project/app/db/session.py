# select: FP505
"""Dependencies declared here and used with Depends() in app/api/: the
rule follows them across modules."""

import contextlib
from collections.abc import AsyncIterator, Iterator


class Session:
    def close(self) -> None: ...
    def rollback(self) -> None: ...


# Errors


def get_db() -> Iterator[Session]:  # Depends(get_db) in app/api/routes.py
    db = Session()
    try:
        yield db
    except Exception:  # error: FP505
        db.rollback()
    finally:
        db.close()


async def get_redis() -> AsyncIterator[Session]:  # through an Annotated alias
    client = Session()
    try:
        yield client
    except:  # error: FP505
        pass
    finally:
        client.close()


def get_reports_db() -> Iterator[Session]:  # Depends(session_module.get_reports_db)
    db = Session()
    try:
        yield db
    except BaseException:  # error: FP505
        db.rollback()


def get_relative() -> Iterator[Session]:  # imported with a relative import
    db = Session()
    try:
        yield db
    except Exception:  # error: FP505
        db.rollback()


# OK


def get_unused() -> Iterator[Session]:  # never a dependency: named only in a docstring elsewhere
    db = Session()
    try:
        yield db
    except Exception:
        db.rollback()


def get_session() -> Iterator[Session]:  # app/api/other.py depends on its own get_session
    db = Session()
    try:
        yield db
    except Exception:
        db.rollback()


def get_raising() -> Iterator[Session]:
    db = Session()
    try:
        yield db
    except Exception:
        db.rollback()
        raise


@contextlib.contextmanager
def scoped() -> Iterator[Session]:
    db = Session()
    try:
        yield db
    except Exception:
        db.rollback()


class Repository:
    def sessions(self) -> Iterator[Session]:  # a method: not imported as a dependency
        db = Session()
        try:
            yield db
        except Exception:
            db.rollback()
