import datetime as dt
from datetime import datetime, timedelta

import jwt
from fastapi import FastAPI
from pydantic import BaseModel, Field

SECRET_KEY = "x" * 32  # noqa: FP401 (a test fixture)
app = FastAPI()


# Errors


def create_access_token(subject: str) -> str:
    expire = datetime.utcnow() + timedelta(minutes=15)  # error: FP411
    return jwt.encode({"sub": subject, "exp": expire}, SECRET_KEY, algorithm="HS256")


def refresh_claims(subject: str) -> dict[str, object]:
    claims: dict[str, object] = {"sub": subject}
    claims["iat"] = dt.datetime.utcnow()  # error: FP411
    return claims


@app.post("/token")
async def login() -> dict[str, str]:
    return {"access_token": create_access_token("alice"), "token_type": "bearer"}


# Reported without a fix: the value meets other datetimes.


def is_expired(expires_at: datetime) -> bool:
    return expires_at < datetime.utcnow()  # error: FP411


class Event(BaseModel):
    created_at: datetime = Field(default_factory=datetime.utcnow)  # error: FP411


# OK


def now() -> datetime:
    return datetime.now(dt.timezone.utc)


def utcnow(clock: object) -> object:
    return clock.utcnow()  # type: ignore[attr-defined]
