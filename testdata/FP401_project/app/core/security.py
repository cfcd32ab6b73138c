# select: FP401
# Errors: each call whose key is a literal of another module of the project.
from datetime import datetime, timedelta, timezone

from jose import jwt

from app.core import constants
from app.core.config import get_settings, settings
from app.core.constants import JWT_SECRET as SHARED_SECRET


def create_access_token(subject: str) -> str:
    expire = datetime.now(timezone.utc) + timedelta(minutes=15)
    return jwt.encode({"sub": subject, "exp": expire}, settings.SECRET_KEY, algorithm=settings.ALGORITHM)  # error: FP401


def create_refresh_token(subject: str) -> str:
    return jwt.encode({"sub": subject}, get_settings().REFRESH_SECRET_KEY, algorithm="HS256")


def decode_shared(token: str) -> dict[str, str]:
    return jwt.decode(token, SHARED_SECRET, algorithms=["HS256"], issuer=constants.ISSUER)  # error: FP401


def decode_module_attribute(token: str) -> dict[str, str]:
    return jwt.decode(token, constants.JWT_SECRET, algorithms=["HS256"])  # error: FP401
