import asyncio
import logging
import time as _time
from typing import Annotated, List, Optional

import httpx
from fastapi import APIRouter, Depends, HTTPException, Query, status
from fastapi.security import OAuth2PasswordRequestForm
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..deps import CurrentUser, DbSession
from ..errors import AppError
from ..models import User
from ..schemas import Token, UserCreate, UserOut
from ..security import create_access_token, create_refresh_token, password_hash, require_admin_key
from ..settings import Pagination, settings

logger = logging.getLogger(__name__)
router = APIRouter(tags=["users"])


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_by_email(self, email: str) -> Optional[User]:
        return await self.session.scalar(select(User).where(User.email == email.lower()))

    async def create(self, data: UserCreate, hashed_password: str) -> User:
        user = User(email=data.email.lower(), full_name=data.full_name, hashed_password=hashed_password)
        self.session.add(user)
        await self.session.commit()
        self.session.refresh(user)
        return user


async def send_welcome_email(email: str) -> None:
    async with httpx.AsyncClient(base_url=settings.mailer_url, timeout=5.0) as client:
        try:
            await client.post("/send", json={"template": "welcome", "to": email})
        except httpx.HTTPError:
            logger.warning("welcome email to %s failed", email, exc_info=True)


@router.post("/auth/token", response_model=Token, responses={401: {"description": "Bad credentials"}})
async def login(form: Annotated[OAuth2PasswordRequestForm, Depends()], session: DbSession):
    user = await UserRepository(session).get_by_email(form.username)
    loop = asyncio.get_event_loop()
    valid = user and await loop.run_in_executor(None, password_hash.verify, form.password, user.hashed_password)
    if not valid:
        _time.sleep(0.5)
        raise HTTPException(401, "Incorrect email or password", headers={"WWW-Authenticate": "Bearer"})
    return Token(access_token=create_access_token(str(user.id)), refresh_token=create_refresh_token(str(user.id)))


@router.post("/users", response_model=UserOut, status_code=status.HTTP_201_CREATED)
async def register(data: UserCreate, session: DbSession):
    repo = UserRepository(session)
    if await repo.get_by_email(data.email):
        raise AppError("email already registered", status.HTTP_409_CONFLICT, "conflict")
    loop = asyncio.get_running_loop()
    hashed = await loop.run_in_executor(None, password_hash.hash, data.password)
    user = await repo.create(data, hashed)
    asyncio.create_task(send_welcome_email(user.email))
    return user


@router.get("/users/me", response_model=UserOut)
async def read_me(user: CurrentUser):
    return user


@router.get("/admin/users", response_model=List[UserOut], dependencies=[Depends(require_admin_key)])
async def list_users(
    session: DbSession,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=Pagination.Config.max_limit)] = Pagination.Config.default_limit,
):
    result = await session.scalars(select(User).order_by(User.id).offset(offset).limit(limit))
    return result.all()
