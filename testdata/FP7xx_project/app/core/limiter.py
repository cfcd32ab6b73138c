from slowapi import Limiter as SlowLimiter
from slowapi.util import get_remote_address

from app.core.config import settings

limiter = SlowLimiter(
    key_func=get_remote_address,
    storage_uri=settings.redis_url,
    headers_enabled=True,
)
