from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Finding, Gate, Rule
from flake8_fastapi_prod.resolve import ModuleInfo
from flake8_fastapi_prod.rules.ratelimit.slowapi import LIMITER, has_var_keywords, is_limiter_call, keyword

#: slowapi 0.1.10 reads this from the environment (or a ``.env`` file in the
#: working directory) when ``storage_uri`` is not given.
STORAGE_SETTING = "RATELIMIT_STORAGE_URL"
_CONFIG_GLOBS = (".env*", "*.env", "*.yml", "*.yaml", "*.toml", "*.ini", "*.cfg", "Dockerfile*", "Procfile")


def _configured_elsewhere(module: ModuleInfo) -> bool:
    """The module or a configuration file at the project's root names
    ``RATELIMIT_STORAGE_URL``."""

    def build() -> bool:
        for node in module.nodes(ast.Constant):
            if node.value == STORAGE_SETTING:
                return True
        root = module.project_root
        for directory in {root, module.path.parent}:
            for pattern in _CONFIG_GLOBS:
                for path in sorted(Path(directory).glob(pattern))[:50]:
                    try:
                        if path.is_file() and STORAGE_SETTING.encode() in path.read_bytes()[:200_000]:
                            return True
                    except OSError:
                        continue
        return False

    return module.memo("fp703-configured", build)


class InMemoryLimiter(Rule):
    """slowapi `Limiter(...)` without `storage_uri`: counters live in each worker's memory.

    ## What it does
    Flags a slowapi `Limiter(...)` call (also imported under another name)
    that passes no `storage_uri`, `storage_uri=None`, or the literal
    `storage_uri="memory://"`. Not flagged: a
    limiter built with `enabled=False`, with `config_filename=` or
    `**kwargs` (the storage may come from there), or when the module or a
    configuration file at the project's root (`.env*`, YAML, TOML, INI,
    `Dockerfile`) sets `RATELIMIT_STORAGE_URL`.

    ## Why is this bad?
    Without a storage the counters are kept in process memory (verified on
    slowapi 0.1.10: the limiter's storage is a `MemoryStorage`). Under
    `uvicorn --workers 4` or several replicas each process counts alone, so
    a `5/minute` limit lets through up to 5 per minute per worker, and a
    restart resets it (seed 002: "can't share in-memory state"). slowapi
    also reads `RATELIMIT_STORAGE_URL` from the environment or a `.env`
    file in the working directory when `storage_uri` is not given
    (verified: the storage is then a `RedisStorage`); passing it explicitly
    makes the deployment's choice visible in the code.

    ## Example
    ```python
    from slowapi import Limiter
    from slowapi.util import get_remote_address

    limiter = Limiter(key_func=get_remote_address)
    ```

    ## Use instead
    ```python
    import os

    from slowapi import Limiter
    from slowapi.util import get_remote_address

    limiter = Limiter(key_func=get_remote_address, storage_uri=os.environ["REDIS_URL"])
    ```

    ## Fix safety
    No fix: the storage URL belongs to the deployment.
    """

    code = "FP703"
    gates = {"Call": Gate(qualnames=frozenset({LIMITER}))}
    name = "in-memory-limiter"
    message = (
        "{how} keeps the rate-limit counters in process memory: with several workers each counts "
        "alone; pass storage_uri (e.g. a Redis URL)"
    )

    def visit_Call(self, node: ast.Call, ctx: Context) -> Iterator[Finding]:
        if not is_limiter_call(node, ctx.resolver, ctx.scope) or has_var_keywords(node):
            return
        storage = keyword(node, "storage_uri")
        explicit_memory = (
            storage is not None
            and isinstance(storage.value, ast.Constant)
            and isinstance(storage.value.value, str)
            and storage.value.value.startswith("memory://")
        )
        if explicit_memory:
            yield self.report(node, how='storage_uri="memory://"')
            return
        if storage is not None and not (isinstance(storage.value, ast.Constant) and storage.value.value is None):
            return
        if len(node.args) > 5:  # storage_uri given positionally
            return
        enabled = keyword(node, "enabled")
        if enabled is not None and not (isinstance(enabled.value, ast.Constant) and enabled.value.value is True):
            return
        if keyword(node, "config_filename") is not None or _configured_elsewhere(ctx.module):
            return
        yield self.report(node, how="Limiter() without storage_uri")
