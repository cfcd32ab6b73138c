import logging
from typing import Annotated, AsyncIterator

import httpx
from fastapi import Depends, HTTPException, status
from sqlalchemy.ext.asyncio import AsyncSession

from .db import SessionLocal
from .models import User
from .security import decode_token, oauth2_scheme

logger = logging.getLogger(__name__)


async def get_db() -> AsyncIterator[AsyncSession]:
    async with SessionLocal() as session:
        try:
            yield session
        except Exception:
            await session.rollback()
            raise


async def get_http_client() -> AsyncIterator[httpx.AsyncClient]:
    client = httpx.AsyncClient(timeout=httpx.Timeout(5.0))
    try:
        yield client
    except Exception:
        logger.warning("request using the upstream client failed", exc_info=True)
    finally:
        await client.aclose()


DbSession = Annotated[AsyncSession, Depends(get_db)]
HttpClient = Annotated[httpx.AsyncClient, Depends(get_http_client)]


async def get_current_user(token: Annotated[str, Depends(oauth2_scheme)], session: DbSession) -> User:
    payload = decode_token(token, expected_type="access")
    user = await session.get(User, int(payload["sub"]))
    if user is None or not user.is_active:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Inactive user", headers={"WWW-Authenticate": "Bearer"})
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]
