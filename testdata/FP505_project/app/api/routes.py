from typing import Annotated

from fastapi import APIRouter, Depends

from app.db import session as session_module
from app.db.session import Session, get_db, get_redis

from ..db.session import get_relative

router = APIRouter()
RedisDep = Annotated[Session, Depends(get_redis)]


@router.get("/items")
def items(db: Session = Depends(get_db)):
    return []


@router.get("/cache")
async def cache(redis: RedisDep):
    return []


@router.get("/reports")
def reports(db: Annotated[Session, Depends(session_module.get_reports_db)]):
    return []


@router.get("/relative")
def relative(db: Annotated[Session, Depends(get_relative)]):
    return []
