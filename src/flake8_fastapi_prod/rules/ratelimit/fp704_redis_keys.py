from __future__ import annotations

import ast
from collections.abc import Iterator

from flake8_fastapi_prod import knowledge as K
from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, Gate, Rule

REDIS_CLIENTS = frozenset(
    {
        K.SYNC_REDIS,
        K.ASYNC_REDIS,
        K.SYNC_REDIS_PIPELINE,
        K.ASYNC_REDIS_PIPELINE,
        K.SYNC_REDIS_CLUSTER,
        K.ASYNC_REDIS_CLUSTER,
    }
)


def _named_like_redis(expr: ast.expr) -> bool:
    """``redis``, ``redis_client``, ``self.redis``, ``app.state.redis``."""
    name = expr.attr if isinstance(expr, ast.Attribute) else expr.id if isinstance(expr, ast.Name) else ""
    return "redis" in name.lower()


def _is_test_file(ctx: Context) -> bool:
    path = ctx.module.path
    return path.name.startswith("test_") or path.name == "conftest.py" or "tests" in path.parts[:-1]


class RedisKeys(Rule):
    """`KEYS` on a Redis client: an O(N) command that blocks the server.

    ## What it does
    Flags `.keys(...)` called on a value known to be a redis-py client:
    `redis.Redis(...)` / `redis.asyncio.Redis(...)` (also `StrictRedis`,
    `RedisCluster`, their pipelines and `aioredis`), `redis.from_url(...)`
    / `redis.asyncio.from_url(...)`, a parameter or attribute annotated
    with one (`self.redis` set from `redis: Redis` in `__init__`), a
    dependency that returns one, or a client imported from another module
    of the project. The receiver's type is resolved: a dict's `.keys()` is
    never flagged. A receiver of unknown type is flagged only when it is
    named like a Redis client (`redis`, `redis_client`,
    `request.app.state.redis`) and `.keys` gets a pattern (a dict's
    `.keys()` takes no argument). Test files are not checked.

    ## Why is this bad?
    `KEYS pattern` walks the whole keyspace in one command; Redis is single
    threaded, so every other client (sessions, rate-limit counters, caches)
    waits while it runs, and on a large production keyspace that is seconds.
    The seeds' cache invalidation (`keys = await self.redis.keys(pattern)`)
    is exactly this. `SCAN` (`scan_iter`) walks the keyspace in small steps.

    ## Example
    ```python
    from redis.asyncio import Redis

    async def invalidate(redis: Redis, pattern: str) -> None:
        keys = await redis.keys(pattern)
        if keys:
            await redis.delete(*keys)
    ```

    ## Use instead
    ```python
    from redis.asyncio import Redis

    async def invalidate(redis: Redis, pattern: str) -> None:
        async for key in redis.scan_iter(match=pattern, count=500):
            await redis.unlink(key)
    ```

    ## Fix safety
    No fix: `scan_iter` is an iterator, so the code around the call changes.
    """

    code = "FP704"
    gates = {"Call": Gate(keys=frozenset({"keys"}))}
    name = "redis-keys"
    message = (
        "KEYS on a Redis client is O(N) and blocks Redis for every other client; iterate with scan_iter(match=...)"
    )

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "keys") or len(node.args) > 1:
            return
        receiver = ctx.type_of(func.value)
        if receiver is None and node.args and _named_like_redis(func.value):
            receiver = K.SYNC_REDIS  # ``.keys(pattern)`` takes an argument, which a dict's never does
        if receiver not in REDIS_CLIENTS or _is_test_file(ctx):
            return
        yield self.report(node)
