import os
from datetime import timedelta

from pydantic import Field
from pydantic_settings import BaseSettings

# Errors

ACCESS_TOKEN_EXPIRE_MINUTES = 60 * 24 * 8  # error: FP407
REFRESH_TOKEN_EXPIRE_DAYS = 30  # error: FP407
JWT_ACCESS_TOKEN_EXPIRES = timedelta(hours=1)  # error: FP407
ACCESS_TOKEN_TTL_SECONDS = int(os.getenv("ACCESS_TOKEN_TTL_SECONDS", "3600"))  # error: FP407


class Settings(BaseSettings):
    jwt_exp_minutes: int = 60  # error: FP407
    refresh_token_expire_minutes: int = Field(default=60 * 24 * 14)  # error: FP407
    accessTokenLifetimeHours: int = 2  # error: FP407


# OK

SHORT_ACCESS_TOKEN_EXPIRE_MINUTES = 15
REFRESH_TOKEN_LIFETIME = timedelta(days=7)
TOKEN_EXPIRY = 3600  # no unit in the name: not judged
PASSWORD_RESET_TOKEN_EXPIRE_HOURS = 48
EMAIL_VERIFICATION_TOKEN_EXPIRE_DAYS = 14
SESSION_EXPIRE_DAYS = 30
_MAX_TOKEN_LIFETIME_SECONDS = 365 * 24 * 3600
DEFAULT_TOKEN_EXPIRY_SECONDS = 3600
MAX_REFRESH_ENVELOPE_TTL_SECONDS = 14 * 24 * 3600
OAUTH_ACCESS_TOKEN_TTL_SECONDS = 3600


class ShortSettings(BaseSettings):
    access_token_expire_minutes: int = 30
    refresh_token_expire_days: int = 7


def create_token(expires_minutes: int = 60) -> int:
    access_token_expire_minutes = 120
    return access_token_expire_minutes + expires_minutes
