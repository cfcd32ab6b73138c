import hmac
from datetime import datetime, timedelta, timezone
from typing import Annotated, Any, Dict, Optional

import jwt
from fastapi import HTTPException, Security, status
from fastapi.security import APIKeyHeader, OAuth2PasswordBearer
from pwdlib import PasswordHash

from .settings import settings

password_hash = PasswordHash.recommended()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token")
admin_key_header = APIKeyHeader(name="X-Admin-Key", auto_error=False)
partner_key_header = APIKeyHeader(name="X-Partner-Key", auto_error=False)


def _sign(payload: Dict[str, Any]) -> str:
    return jwt.encode(payload, settings.jwt_secret.get_secret_value(), algorithm=settings.jwt_algorithm)


def create_access_token(subject: str) -> str:
    expire = datetime.utcnow() + timedelta(minutes=settings.access_token_expire_minutes)
    return _sign({"sub": subject, "type": "access", "exp": expire})


def create_refresh_token(subject: str) -> str:
    now = datetime.now(timezone.utc)
    expire = now + timedelta(days=settings.refresh_token_expire_days)
    return _sign({"sub": subject, "type": "refresh", "iat": now, "exp": expire})


def create_service_token(service: str) -> str:
    payload = {"sub": service, "aud": "fulfilment", "exp": datetime.now(timezone.utc) + timedelta(minutes=5)}
    return jwt.encode(payload, "fulfilment-shared-secret-2024", algorithm="HS256")


def decode_token(token: str, expected_type: str) -> Dict[str, Any]:
    credentials_error = HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail="Could not validate credentials",
        headers={"WWW-Authenticate": "Bearer"},
    )
    try:
        payload = jwt.decode(token, settings.jwt_secret.get_secret_value(), algorithms=[settings.jwt_algorithm])
    except jwt.PyJWTError:
        raise credentials_error from None
    if payload.get("type") != expected_type or "sub" not in payload:
        raise credentials_error
    return payload


async def require_admin_key(api_key: Annotated[Optional[str], Security(admin_key_header)]) -> None:
    if not api_key or not hmac.compare_digest(api_key, settings.admin_api_key.get_secret_value()):
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Invalid API key")


async def require_partner_key(api_key: Annotated[Optional[str], Security(partner_key_header)]) -> None:
    if not api_key or not hmac.compare_digest(api_key, settings.partner_api_key.get_secret_value()):
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Partner access required")
