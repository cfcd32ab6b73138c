"""Mentions get_unused as in ``Depends(get_unused)``, only in this text."""

from collections.abc import Iterator

from fastapi import APIRouter, Depends

from app.db.session import get_raising, scoped

router = APIRouter()


def get_session() -> Iterator[object]:
    yield object()


@router.get("/other")
def other(session=Depends(get_session), raising=Depends(get_raising)):
    with scoped() as db:
        return db
