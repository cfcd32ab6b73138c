from slowapi import Limiter as SlowLimiter
from slowapi.util import get_remote_address

from app.core.config import RATE_LIMIT_HEADERS, settings

limiter = SlowLimiter(
    key_func=get_remote_address,
    storage_uri=settings.redis_url,
    headers_enabled=True,
)
#: headers_enabled through a constant of another module: on.
headers_limiter = SlowLimiter(key_func=get_remote_address, headers_enabled=RATE_LIMIT_HEADERS)
#: through a settings attribute: the deployed value may differ; not followed.
settings_limiter = SlowLimiter(key_func=get_remote_address, headers_enabled=settings.rate_limit_headers)
