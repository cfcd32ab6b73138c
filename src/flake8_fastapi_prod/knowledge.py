"""What the resolver knows about third-party names and the values they make.

Types are canonical qualified class names (``"sqlalchemy.ext.asyncio.
AsyncSession"``). These tables are data, not logic: a rule that needs the
resolver to follow one more kind of value adds a row here.
"""

from __future__ import annotations

ASYNC_SESSION = "sqlalchemy.ext.asyncio.AsyncSession"
ASYNC_CONNECTION = "sqlalchemy.ext.asyncio.AsyncConnection"
ASYNC_ENGINE = "sqlalchemy.ext.asyncio.AsyncEngine"
ASYNC_SESSIONMAKER = "sqlalchemy.ext.asyncio.async_sessionmaker"
ASYNC_SCOPED_SESSION = "sqlalchemy.ext.asyncio.async_scoped_session"
ASYNC_SESSION_TRANSACTION = "sqlalchemy.ext.asyncio.AsyncSessionTransaction"
SQLMODEL_ASYNC_SESSION = "sqlmodel.ext.asyncio.session.AsyncSession"
SYNC_SESSION = "sqlalchemy.orm.Session"
SYNC_SESSIONMAKER = "sqlalchemy.orm.sessionmaker"
SYNC_SCOPED_SESSION = "sqlalchemy.orm.scoped_session"
SYNC_ENGINE = "sqlalchemy.engine.Engine"
SYNC_CONNECTION = "sqlalchemy.engine.Connection"
SQLMODEL_SESSION = "sqlmodel.Session"
REQUESTS_SESSION = "requests.Session"
HTTPX_CLIENT = "httpx.Client"
HTTPX_ASYNC_CLIENT = "httpx.AsyncClient"
URLLIB3_POOL = "urllib3.PoolManager"
SYNC_REDIS = "redis.Redis"
ASYNC_REDIS = "redis.asyncio.Redis"
# FP1xx (event loop family): the blocking values FP102-FP107 follow.
SYNC_REDIS_PIPELINE = "redis.Pipeline"  # canonical form of redis.client.Pipeline
PATHLIB_PATH = "pathlib.Path"
# FP7xx (rate limiting): slowapi's limiter, Redis clusters and async pipelines
SLOWAPI_LIMITER = "slowapi.Limiter"
SYNC_REDIS_CLUSTER = "redis.RedisCluster"
ASYNC_REDIS_CLUSTER = "redis.asyncio.RedisCluster"
ASYNC_REDIS_PIPELINE = "redis.asyncio.Pipeline"
ASYNCIO_LOOP = "asyncio.AbstractEventLoop"

#: Re-export paths: a qualified name starting with the key is the same
#: object as the one starting with the value.
MODULE_ALIASES: dict[str, str] = {
    "sqlalchemy.ext.asyncio.session": "sqlalchemy.ext.asyncio",
    "sqlalchemy.ext.asyncio.engine": "sqlalchemy.ext.asyncio",
    "sqlalchemy.ext.asyncio.scoping": "sqlalchemy.ext.asyncio",
    "sqlalchemy.orm.session": "sqlalchemy.orm",
    "sqlalchemy.orm.scoping": "sqlalchemy.orm",
    "sqlalchemy.engine.base": "sqlalchemy.engine",
    "sqlalchemy.engine.create": "sqlalchemy",
    "sqlmodel.ext.asyncio": "sqlmodel.ext.asyncio.session",
    # FP2xx (SQLAlchemy async family): the real module must map to itself, or the
    # row above folds sqlmodel.ext.asyncio.session.X into ...session.session.X.
    "sqlmodel.ext.asyncio.session": "sqlmodel.ext.asyncio.session",
    "sqlmodel.orm.session": "sqlmodel",
    "fastapi.security.api_key": "fastapi.security",
    "fastapi.security.http": "fastapi.security",
    "fastapi.security.oauth2": "fastapi.security",
    "fastapi.security.open_id_connect_url": "fastapi.security",
    "pydantic.main": "pydantic",
    "pydantic.functional_validators": "pydantic",
    "pydantic.config": "pydantic",
    "pydantic_settings.main": "pydantic_settings",
    "starlette.exceptions": "starlette.exceptions",
    "requests.sessions": "requests",
    "requests.api": "requests",
    "httpx._client": "httpx",
    "httpx._api": "httpx",
    "redis.client": "redis",
    "redis.asyncio.client": "redis.asyncio",
    # FP1xx (event loop family)
    "asyncio.events": "asyncio",
    "asyncio.tasks": "asyncio",
    "asyncio.runners": "asyncio",
    "urllib3.poolmanager": "urllib3",
    "urllib3._request_methods": "urllib3",
    "pathlib._local": "pathlib",
    "mysql.connector.connection": "mysql.connector",
    # FP7xx (rate limiting): slowapi's Limiter lives in slowapi.extension
    "slowapi.extension": "slowapi",
    "redis.cluster": "redis",
    "redis.asyncio.cluster": "redis.asyncio",
}

#: Exact renames of one object that lives under two names.
NAME_ALIASES: dict[str, str] = {
    "sqlalchemy.create_engine": "sqlalchemy.create_engine",
    "sqlalchemy.engine.create_engine": "sqlalchemy.create_engine",
    "sqlalchemy.Engine": SYNC_ENGINE,
    "sqlalchemy.Connection": SYNC_CONNECTION,
    "sqlalchemy.orm.Session": SYNC_SESSION,
    "requests.session": "requests.session",
    "redis.StrictRedis": SYNC_REDIS,
    "redis.asyncio.StrictRedis": ASYNC_REDIS,
    "aioredis.Redis": ASYNC_REDIS,
    # FP1xx (event loop family)
    "pathlib.PosixPath": PATHLIB_PATH,
    "pathlib.WindowsPath": PATHLIB_PATH,
    "asyncio.BaseEventLoop": ASYNCIO_LOOP,
    "asyncio.base_events.BaseEventLoop": ASYNCIO_LOOP,
    "fastapi.exceptions.RequestValidationError": "fastapi.exceptions.RequestValidationError",
    "fastapi.HTTPException": "fastapi.HTTPException",
    "fastapi.exceptions.HTTPException": "fastapi.HTTPException",
    # FP2xx (SQLAlchemy async family): FP208 tracks BackgroundTasks parameters
    "fastapi.background.BackgroundTasks": "fastapi.BackgroundTasks",
    # FP5xx: apps and routers
    "fastapi.applications.FastAPI": "fastapi.FastAPI",
    "fastapi.routing.APIRouter": "fastapi.APIRouter",
    # FP4xx (security family)
    "fastapi.datastructures.UploadFile": "fastapi.UploadFile",
    "fastapi.middleware.cors.CORSMiddleware": "starlette.middleware.cors.CORSMiddleware",
    "fastapi.middleware.trustedhost.TrustedHostMiddleware": "starlette.middleware.trustedhost.TrustedHostMiddleware",
    # FP7xx (rate limiting)
    "redis.asyncio.client.StrictRedis": ASYNC_REDIS,
    "aioredis.client.Redis": ASYNC_REDIS,
    "aioredis.StrictRedis": ASYNC_REDIS,
}

#: Calls whose result is an instance of a known type.
FACTORY_RESULTS: dict[str, str] = {
    "sqlalchemy.ext.asyncio.create_async_engine": ASYNC_ENGINE,
    "sqlalchemy.ext.asyncio.async_engine_from_config": ASYNC_ENGINE,
    "sqlalchemy.create_engine": SYNC_ENGINE,
    "sqlalchemy.engine_from_config": SYNC_ENGINE,
    "requests.session": REQUESTS_SESSION,
    "redis.from_url": SYNC_REDIS,
    "redis.asyncio.from_url": ASYNC_REDIS,
    # FP1xx (event loop family)
    "redis.Redis.from_url": SYNC_REDIS,
    "redis.StrictRedis.from_url": SYNC_REDIS,
    "redis.asyncio.Redis.from_url": ASYNC_REDIS,
    "redis.asyncio.StrictRedis.from_url": ASYNC_REDIS,
    "pathlib.Path.home": PATHLIB_PATH,
    "pathlib.Path.cwd": PATHLIB_PATH,
    "asyncio.get_event_loop": ASYNCIO_LOOP,
    "asyncio.get_running_loop": ASYNCIO_LOOP,
    "asyncio.new_event_loop": ASYNCIO_LOOP,
    # FP7xx (rate limiting): Redis clients whose .keys() FP704 flags
    "aioredis.from_url": ASYNC_REDIS,
    "aioredis.Redis.from_url": ASYNC_REDIS,
    "redis.asyncio.utils.from_url": ASYNC_REDIS,
    "redis.utils.from_url": SYNC_REDIS,
    "redis.RedisCluster.from_url": SYNC_REDIS_CLUSTER,
    "redis.asyncio.RedisCluster.from_url": ASYNC_REDIS_CLUSTER,
}

#: Classes whose call makes an instance of themselves (canonical names).
KNOWN_CLASSES: frozenset[str] = frozenset(
    {
        ASYNC_SESSION,
        ASYNC_CONNECTION,
        ASYNC_ENGINE,
        ASYNC_SESSIONMAKER,
        ASYNC_SCOPED_SESSION,
        SQLMODEL_ASYNC_SESSION,
        SYNC_SESSION,
        SYNC_SESSIONMAKER,
        SYNC_SCOPED_SESSION,
        SYNC_ENGINE,
        SYNC_CONNECTION,
        SQLMODEL_SESSION,
        REQUESTS_SESSION,
        HTTPX_CLIENT,
        HTTPX_ASYNC_CLIENT,
        URLLIB3_POOL,
        SYNC_REDIS,
        ASYNC_REDIS,
        "fastapi.BackgroundTasks",
        "starlette.background.BackgroundTasks",
        # FP5xx: apps and routers, to know a route decorator's receiver
        "fastapi.FastAPI",
        "fastapi.APIRouter",
        # FP1xx (event loop family)
        PATHLIB_PATH,
        # FP7xx (rate limiting)
        SLOWAPI_LIMITER,
        SYNC_REDIS_CLUSTER,
        ASYNC_REDIS_CLUSTER,
    }
)

#: ``instance(...)`` of a factory object -> the type it makes.
INSTANCE_CALL_RESULTS: dict[str, str] = {
    ASYNC_SESSIONMAKER: ASYNC_SESSION,
    ASYNC_SCOPED_SESSION: ASYNC_SESSION,
    SYNC_SESSIONMAKER: SYNC_SESSION,
    SYNC_SCOPED_SESSION: SYNC_SESSION,
}

#: ``instance.method(...)`` (also entered with ``with``) -> result type.
METHOD_RESULTS: dict[tuple[str, str], str] = {
    (ASYNC_ENGINE, "begin"): ASYNC_CONNECTION,
    (ASYNC_ENGINE, "connect"): ASYNC_CONNECTION,
    (SYNC_ENGINE, "begin"): SYNC_CONNECTION,
    (SYNC_ENGINE, "connect"): SYNC_CONNECTION,
    (ASYNC_SESSIONMAKER, "begin"): ASYNC_SESSION,
    (SYNC_SESSIONMAKER, "begin"): SYNC_SESSION,
    (ASYNC_SESSION, "begin"): ASYNC_SESSION_TRANSACTION,
    (ASYNC_SESSION, "begin_nested"): ASYNC_SESSION_TRANSACTION,
    # FP1xx (event loop family)
    (SYNC_REDIS, "pipeline"): SYNC_REDIS_PIPELINE,
    # FP7xx (rate limiting)
    (ASYNC_REDIS, "pipeline"): ASYNC_REDIS_PIPELINE,
    **{
        (PATHLIB_PATH, method): PATHLIB_PATH
        for method in (
            "absolute",
            "expanduser",
            "joinpath",
            "relative_to",
            "resolve",
            "with_name",
            "with_stem",
            "with_suffix",
        )
    },
}

#: Method names with a known result on some type: for any other name the
#: receiver's type is not worth inferring.
METHOD_NAMES = frozenset(name for _, name in METHOD_RESULTS)

#: ``instance.attribute`` (no call) -> the attribute's type.
ATTRIBUTE_RESULTS: dict[tuple[str, str], str] = {
    # FP1xx (event loop family)
    (PATHLIB_PATH, "parent"): PATHLIB_PATH,
}

ATTRIBUTE_NAMES = frozenset(name for _, name in ATTRIBUTE_RESULTS)

#: ``instance <op> other`` -> the result's type; the operator is the ast
#: class name (``"Div"`` for ``/``). Only the left operand's type is used.
BINOP_RESULTS: dict[tuple[str, str], str] = {
    # FP1xx (event loop family)
    (PATHLIB_PATH, "Div"): PATHLIB_PATH,
}

#: A session factory called with ``class_=X`` makes X instead.
SESSIONMAKER_CLASSES: dict[str, str] = {
    ASYNC_SESSION: ASYNC_SESSIONMAKER,
    SQLMODEL_ASYNC_SESSION: ASYNC_SESSIONMAKER,
}

#: Generic wrappers whose first argument is the value's type.
TYPE_WRAPPERS: frozenset[str] = frozenset(
    {
        "typing.Annotated",
        "typing_extensions.Annotated",
        "typing.Optional",
        "typing_extensions.Optional",
    }
)

#: Generator return annotations whose first argument is what is yielded.
GENERATOR_TYPES: frozenset[str] = frozenset(
    {
        f"{module}.{name}"
        for module in ("typing", "typing_extensions", "collections.abc")
        for name in ("AsyncGenerator", "AsyncIterator", "AsyncIterable", "Generator", "Iterator", "Iterable")
    }
)

UNION_TYPES: frozenset[str] = frozenset({"typing.Union", "typing_extensions.Union"})

TYPE_ALIAS_ANNOTATIONS: frozenset[str] = frozenset({"typing.TypeAlias", "typing_extensions.TypeAlias"})

FASTAPI_DEPENDS: frozenset[str] = frozenset({"fastapi.Depends", "fastapi.params.Depends", "fastapi.Security"})

#: Top-level packages that are never the project's own: the resolver does
#: not probe the file system for them.
THIRD_PARTY_ROOTS: frozenset[str] = frozenset(
    {
        "fastapi", "starlette", "pydantic", "pydantic_settings", "pydantic_core", "sqlalchemy",
        "sqlmodel", "requests", "httpx", "urllib3", "redis", "aioredis", "jose", "jwt", "passlib",
        "slowapi", "anyio", "aiofiles", "uvicorn", "typing_extensions", "alembic", "celery",
        "psycopg2", "psycopg", "pymysql", "asyncpg", "aiomysql", "aiosqlite", "boto3", "botocore",
        "numpy", "pandas", "orjson", "ujson", "structlog", "loguru", "opentelemetry", "sentry_sdk",
        "authlib", "werkzeug",
    }
)  # fmt: skip

# FP4xx (security family) and FP507/FP508: the JWT libraries, password
# hashing, middleware classes and HTTP exceptions the security rules resolve.

#: ``encode``/``decode`` of the JWT libraries -> the library's name (for the
#: message). PyJWT is ``jwt`` (also ``jwt.api_jwt``), python-jose is
#: ``jose.jwt``, authlib's is the ``authlib.jose.jwt`` instance.
JWT_ENCODERS: dict[str, str] = {
    "jwt.encode": "PyJWT",
    "jwt.api_jwt.encode": "PyJWT",
    "jwt.PyJWT.encode": "PyJWT",
    "jose.jwt.encode": "python-jose",
    "jose.jws.sign": "python-jose",
    "authlib.jose.jwt.encode": "authlib",
}
JWT_DECODERS: dict[str, str] = {
    "jwt.decode": "PyJWT",
    "jwt.api_jwt.decode": "PyJWT",
    "jwt.decode_complete": "PyJWT",
    "jwt.PyJWT.decode": "PyJWT",
    "jose.jwt.decode": "python-jose",
    "jose.jws.verify": "python-jose",
    "authlib.jose.jwt.decode": "authlib",
}
#: Top-level packages of the JWT libraries (a module holding none of these
#: names has no JWT call to resolve).
JWT_ROOTS: tuple[bytes, ...] = (b"jwt", b"jose")

#: passlib's CryptContext (``passlib.context.CryptContext``; ``passlib.apps``
#: re-exports it as well).
PASSLIB_CRYPT_CONTEXTS: frozenset[str] = frozenset({"passlib.context.CryptContext", "passlib.apps.CryptContext"})

#: Starlette's CORS middleware and FastAPI's re-export of it.
CORS_MIDDLEWARES: frozenset[str] = frozenset(
    {"starlette.middleware.cors.CORSMiddleware", "fastapi.middleware.cors.CORSMiddleware"}
)
TRUSTED_HOST_MIDDLEWARES: frozenset[str] = frozenset(
    {"starlette.middleware.trustedhost.TrustedHostMiddleware", "fastapi.middleware.trustedhost.TrustedHostMiddleware"}
)
#: The keyword arguments ``TrustedHostMiddleware.__init__`` takes (starlette 1.10).
TRUSTED_HOST_KEYWORDS: frozenset[str] = frozenset({"allowed_hosts", "www_redirect"})
#: ``Middleware(cls, **options)``: how ``FastAPI(middleware=[...])`` is given one.
MIDDLEWARE_WRAPPERS: frozenset[str] = frozenset({"starlette.middleware.Middleware", "fastapi.middleware.Middleware"})
BASE_HTTP_MIDDLEWARES: frozenset[str] = frozenset(
    {"starlette.middleware.base.BaseHTTPMiddleware", "fastapi.middleware.base.BaseHTTPMiddleware"}
)

#: FastAPI's HTTPException (a subclass of Starlette's) and Starlette's own.
HTTP_EXCEPTION_CLASSES: frozenset[str] = frozenset({"fastapi.HTTPException", "starlette.exceptions.HTTPException"})

UPLOAD_FILES: frozenset[str] = frozenset({"fastapi.UploadFile", "starlette.datastructures.UploadFile"})

#: pydantic-settings' BaseSettings (and pydantic 1's).
BASE_SETTINGS: frozenset[str] = frozenset(
    {"pydantic_settings.BaseSettings", "pydantic.BaseSettings", "pydantic.v1.BaseSettings"}
)
PYDANTIC_FIELDS: frozenset[str] = frozenset({"pydantic.Field", "pydantic.fields.Field", "pydantic.v1.Field"})
#: ``config = Config(".env"); config("X", default=...)`` readers.
CONFIG_READER_CLASSES: frozenset[str] = frozenset({"starlette.config.Config", "decouple.Config", "decouple.AutoConfig"})
PYDANTIC_SECRET_TYPES: frozenset[str] = frozenset(
    {"pydantic.SecretStr", "pydantic.SecretBytes", "pydantic.types.SecretStr"}
)

#: Library functions that register startup / shutdown handlers on the app
#: they are given with ``on_event``, which never run once the app has
#: ``lifespan=`` (FP601 then moves none of the app's handlers). Verified:
#: tortoise-orm 0.20.1's ``register_tortoise`` uses ``@app.on_event``; 1.1.9
#: wraps ``app.router.lifespan_context`` instead.
EVENT_REGISTERING_CALLS = frozenset({"tortoise.contrib.fastapi.register_tortoise"})
