import redis
import redis.asyncio as aioredis
from fastapi import Depends, FastAPI
from redis import Redis
from redis.asyncio import Redis as AsyncRedis

app = FastAPI()
client = redis.Redis(host="redis")
from_url = aioredis.from_url("redis://redis:6379/0")
sync_from_url = redis.from_url("redis://redis:6379/0")


def get_redis() -> AsyncRedis:
    return from_url


class CacheService:
    def __init__(self, redis: AsyncRedis):
        self.redis = redis

    # Errors

    async def invalidate(self, pattern: str) -> None:
        keys = await self.redis.keys(pattern)  # error: FP704
        if keys:
            await self.redis.delete(*keys)


# Errors


def count_sessions() -> int:
    return len(client.keys("session:*"))  # error: FP704


async def purge() -> None:
    for key in await from_url.keys("tmp:*"):  # error: FP704
        await from_url.delete(key)
    sync_from_url.keys()  # error: FP704


@app.get("/keys")
async def list_keys(r: AsyncRedis = Depends(get_redis)):
    return await r.keys("user:*")  # error: FP704


def pipeline(conn: Redis) -> None:
    pipe = conn.pipeline()
    pipe.keys("a*")  # error: FP704


# OK


async def scan(r: AsyncRedis) -> list[bytes]:
    return [key async for key in r.scan_iter(match="user:*")]


def dict_keys(data: dict[str, int]) -> list[str]:
    settings = {"a": 1}
    return list(data.keys()) + list(settings.keys())


def unknown(store) -> None:
    store.keys("*")


# Errors: unknown type, named like a client, given a pattern


async def from_state(request) -> None:
    await request.app.state.redis.keys("user:*")  # error: FP704


# OK


def named_but_no_pattern(redis_settings) -> list[str]:
    return list(redis_settings.keys())
