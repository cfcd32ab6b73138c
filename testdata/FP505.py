import contextlib
import logging
from collections.abc import AsyncIterator, Iterator
from typing import Annotated

import fastapi
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Security
from starlette.exceptions import HTTPException as StarletteHTTPException

logger = logging.getLogger(__name__)

app = FastAPI()
router = APIRouter()


class Session:
    def close(self) -> None: ...
    def rollback(self) -> None: ...
    def commit(self) -> None: ...


class DomainError(Exception):
    pass


@app.exception_handler(DomainError)
async def on_domain_error(request, exc):
    return None


# Errors


def get_db() -> Iterator[Session]:
    db = Session()
    try:
        yield db
    except Exception:  # error: FP505
        db.rollback()
    finally:
        db.close()


async def get_client() -> AsyncIterator[Session]:
    client = Session()
    try:
        yield client
    except Exception:  # error: FP505
        logger.warning("request failed", exc_info=True)
    finally:
        client.close()


def get_bare():
    try:
        yield Session()
    except:  # noqa: E722  # error: FP505
        pass


def get_one_line():
    try:
        yield Session()
    except BaseException: pass  # error: FP505


def get_http_errors():
    db = Session()
    try:
        yield db
        db.commit()
    except (ValueError, HTTPException) as exc:  # error: FP505
        logger.info("rolled back: %s", exc)
        db.rollback()
    except StarletteHTTPException:  # error: FP505
        db.rollback()


def get_domain():
    try:
        yield Session()
    except DomainError:  # error: FP505
        logger.info("domain error")


def get_conditional():
    db = Session()
    try:
        yield db
    except Exception as exc:  # error: FP505
        db.rollback()
        if isinstance(exc, HTTPException):
            raise


def get_returns():
    try:
        yield Session()
    except Exception:  # error: FP505
        return


def get_nested():
    with contextlib.suppress(KeyError):
        try:
            try:
                yield Session()
            finally:
                logger.info("done")
        except Exception:  # error: FP505
            logger.exception("dependency failed")


def get_security_scopes():
    try:
        yield "user"
    except Exception:  # error: FP505
        logger.exception("auth dependency failed")


Db = Annotated[Session, Depends(get_db)]
Client = Annotated[Session, fastapi.Depends(dependency=get_client)]


@app.get("/a")
def a(db: Db, client: Client, bare=Depends(get_bare), line=Depends(get_one_line)):
    return {}


@router.get("/b", dependencies=[Depends(get_http_errors), Depends(get_domain)])
def b(cond: Annotated[Session, Depends(get_conditional)], ret=Depends(get_returns), nested=Depends(get_nested)):
    return {}


@router.get("/c")
def c(user=Security(get_security_scopes, scopes=["read"])):
    return {}


# OK


def get_reraise():
    db = Session()
    try:
        yield db
    except Exception:
        db.rollback()
        raise
    finally:
        db.close()


def get_raise_other():
    try:
        yield Session()
    except Exception as exc:
        raise HTTPException(status_code=500, detail="Internal server error") from exc


def get_every_branch_raises():
    try:
        yield Session()
    except Exception as exc:
        if isinstance(exc, HTTPException):
            raise
        else:
            raise RuntimeError("dependency failed") from exc


def get_finally_only():
    db = Session()
    try:
        yield db
    finally:
        db.close()


def get_specific():
    # A KeyError handler does not catch an endpoint's HTTPException.
    try:
        yield Session()
    except KeyError:
        logger.info("missing key")


def get_setup_guarded():
    # The try guards setup before the yield, not the yield.
    try:
        db = Session()
    except Exception:
        db = None
    yield db


def get_not_a_generator():
    try:
        return Session()
    except Exception:
        return None


def not_a_dependency():
    try:
        yield Session()
    except Exception:
        pass


@contextlib.contextmanager
def session_scope():
    try:
        yield Session()
    except Exception:
        logger.exception("swallowed")


@app.get("/ok")
def ok(
    a=Depends(get_reraise),
    b=Depends(get_raise_other),
    c=Depends(get_every_branch_raises),
    d=Depends(get_finally_only),
    e=Depends(get_specific),
    f=Depends(get_setup_guarded),
    g=Depends(get_not_a_generator),
    h=Depends(session_scope),
):
    return {}
