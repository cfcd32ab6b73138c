import os

import slowapi
from slowapi import Limiter
from slowapi import Limiter as RateLimiter
from slowapi.util import get_remote_address

# Errors

limiter = Limiter(key_func=get_remote_address)  # error: FP703
aliased = RateLimiter(key_func=get_remote_address, default_limits=["200/minute"])  # error: FP703
qualified = slowapi.Limiter(key_func=get_remote_address, storage_uri=None)  # error: FP703
memory = Limiter(key_func=get_remote_address, storage_uri="memory://")  # error: FP703
headers = Limiter(  # error: FP703
    key_func=get_remote_address,
    headers_enabled=True,
)

# OK

redis_backed = Limiter(key_func=get_remote_address, storage_uri="redis://redis:6379/0")
from_env = Limiter(key_func=get_remote_address, storage_uri=os.environ["REDIS_URL"])
disabled = Limiter(key_func=get_remote_address, enabled=False)
configured = Limiter(key_func=get_remote_address, config_filename="ratelimit.env")
options = {"storage_uri": "redis://redis:6379/0"}
from_options = Limiter(key_func=get_remote_address, **options)


class Limiter2:
    def __init__(self, key_func):
        self.key_func = key_func


not_slowapi = Limiter2(key_func=get_remote_address)
