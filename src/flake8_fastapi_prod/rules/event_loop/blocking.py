"""Which calls block the event loop, shared by FP102 (HTTP), FP103 (files and
processes) and FP104 (databases).

Each call is matched once per node (cached on the module) and belongs to one
code, so the three rules never report the same call. ``time.sleep`` is FP101's
and is not listed here.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from flake8_fastapi_prod import knowledge as K
from flake8_fastapi_prod.context import Context
from flake8_fastapi_prod.registry import Gate
from flake8_fastapi_prod.resolve import walk

HTTP = "FP102"
FILES = "FP103"
DATABASE = "FP104"


@dataclass(frozen=True)
class BlockingCall:
    """A call known to block: its code, how the message names it, and what
    to use instead."""

    code: str
    call: str
    instead: str


@dataclass(frozen=True)
class BlockingMethods:
    """The blocking methods of one type of value."""

    code: str
    display: str
    instead: str
    methods: frozenset[str]


_HTTPX_ASYNC = "httpx.AsyncClient"
_HTTP_VERBS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "request"})
_OPEN_INSTEAD = "anyio.open_file / aiofiles or run it in a thread"
_PATH_INSTEAD = "anyio.Path / aiofiles or run it in a thread"
_PROCESS_INSTEAD = "asyncio.create_subprocess_exec / anyio.run_process"
_SHELL_INSTEAD = "asyncio.create_subprocess_shell / anyio.run_process"
_THREAD_INSTEAD = "asyncio.to_thread / anyio.to_thread.run_sync"
_POSTGRES_INSTEAD = "asyncpg or psycopg 3's AsyncConnection"
_MYSQL_INSTEAD = "aiomysql / asyncmy"

#: Module-level functions (canonical qualified names) that block.
FUNCTIONS: dict[str, tuple[str, str]] = {
    **{f"requests.{verb}": (HTTP, _HTTPX_ASYNC) for verb in _HTTP_VERBS},
    **{f"httpx.{verb}": (HTTP, _HTTPX_ASYNC) for verb in _HTTP_VERBS | {"stream"}},
    "urllib.request.urlopen": (HTTP, _HTTPX_ASYNC),
    "urllib.request.urlretrieve": (HTTP, _HTTPX_ASYNC),
    "urllib3.request": (HTTP, _HTTPX_ASYNC),
    "builtins.open": (FILES, _OPEN_INSTEAD),
    "io.open": (FILES, _OPEN_INSTEAD),
    **{
        f"subprocess.{name}": (FILES, _PROCESS_INSTEAD)
        for name in ("run", "call", "check_call", "check_output", "Popen", "getoutput", "getstatusoutput")
    },
    "os.system": (FILES, _SHELL_INSTEAD),
    "os.popen": (FILES, _SHELL_INSTEAD),
    **{
        f"shutil.{name}": (FILES, _THREAD_INSTEAD)
        for name in (
            "copy",
            "copy2",
            "copyfile",
            "copyfileobj",
            "copytree",
            "move",
            "rmtree",
            "make_archive",
            "unpack_archive",
        )
    },
    "psycopg2.connect": (DATABASE, _POSTGRES_INSTEAD),
    "psycopg.connect": (DATABASE, "psycopg.AsyncConnection.connect"),
    "psycopg.Connection.connect": (DATABASE, "psycopg.AsyncConnection.connect"),
    "pymysql.connect": (DATABASE, _MYSQL_INSTEAD),
    "MySQLdb.connect": (DATABASE, _MYSQL_INSTEAD),
    "mysql.connector.connect": (DATABASE, _MYSQL_INSTEAD),
    "sqlite3.connect": (DATABASE, "aiosqlite"),
}

_SQLALCHEMY_SESSION_IO = frozenset(
    {
        "commit",
        "connection",
        "execute",
        "flush",
        "get",
        "get_one",
        "merge",
        "query",
        "refresh",
        "rollback",
        "scalar",
        "scalars",
    }
)
#: The command methods of ``redis.Redis`` (redis-py 8.1: every public method
#: of its ``redis.commands`` mixins, plus ``execute_command``, ``monitor`` and
#: ``transaction``), each a network round trip. Not listed, because they do no
#: I/O when called: ``pipeline``, ``pubsub``, ``lock``, ``register_script``,
#: ``bitfield`` and the module accessors (``json``, ``ft``, ``ts``, ...).
_REDIS_COMMAND_NAMES = """
    acl_cat acl_deluser acl_dryrun acl_genpass acl_getuser acl_help acl_list acl_load acl_log
    acl_log_reset acl_save acl_setuser acl_users acl_whoami append arcount ardel ardelrange arget
    argetrange argrep arinfo arinsert arlastitems arlen armget armset arnext arop arring arscan
    arseek arset auth bgrewriteaof bgsave bitcount bitfield_ro bitop bitpos blmove blmovem blmpop
    blpop brpop brpoplpush bzmpop bzpopmax bzpopmin client_getname client_getredir client_id
    client_info client_kill client_kill_filter client_list client_no_evict client_no_touch
    client_pause client_reply client_setinfo client_setname client_tracking client_tracking_off
    client_tracking_on client_trackinginfo client_unblock client_unpause cluster command
    command_count command_docs command_getkeys command_getkeysandflags command_info command_list
    config_get config_resetstat config_rewrite config_set copy dbsize debug_object debug_segfault
    decr decrby delete delex digest digest_local dump echo eval eval_ro evalsha evalsha_ro
    execute_command exists expire expireat expiretime failover fcall fcall_ro flushall flushdb
    function_delete function_dump function_flush function_kill function_list function_load
    function_restore function_stats geoadd geodist geohash geopos georadius georadiusbymember
    geosearch geosearchstore get getbit getdel getex getrange getset hdel hello hexists hexpire
    hexpireat hexpiretime hget hgetall hgetdel hgetex himport_discard_all_internal
    himport_discard_internal himport_prepare_internal himport_set hincrby hincrbyfloat hkeys hlen
    hmget hmset hotkeys_get hotkeys_reset hotkeys_start hotkeys_stop hpersist hpexpire hpexpireat
    hpexpiretime hpttl hrandfield hscan hscan_iter hset hsetex hsetnx hstrlen httl hvals incr incrby
    incrbyfloat increx info keys lastsave latency_doctor latency_graph latency_histogram
    latency_history latency_latest latency_reset lcs lindex linsert llen lmove lmovem lmpop lolwut
    lpop lpos lpush lpushx lrange lrem lset ltrim memory_doctor memory_help memory_malloc_stats
    memory_purge memory_stats memory_usage mget migrate module_list module_load module_loadex
    module_unload monitor move mset msetex msetnx object persist pexpire pexpireat pexpiretime pfadd
    pfcount pfmerge ping psetex psync pttl publish pubsub_channels pubsub_numpat pubsub_numsub
    pubsub_shardchannels pubsub_shardnumsub quit randomkey readonly readwrite rename renamenx
    replicaof reset restore role rpop rpoplpush rpush rpushx sadd save scan scan_iter scard
    script_debug script_exists script_flush script_kill script_load sdiff sdiffcard sdiffstore
    select sentinel sentinel_ckquorum sentinel_failover sentinel_flushconfig
    sentinel_get_master_addr_by_name sentinel_master sentinel_masters sentinel_monitor
    sentinel_remove sentinel_reset sentinel_sentinels sentinel_set sentinel_slaves set setbit setex
    setnx setrange shutdown sinter sintercard sinterstore sismember slaveof slowlog_get slowlog_len
    slowlog_reset smembers smismember smove sort sort_ro spop spublish srandmember srem sscan
    sscan_iter stralgo strlen substr sunion sunioncard sunionstore swapdb sync time touch
    transaction ttl type unlink unwatch wait waitaof watch xack xackdel xadd xautoclaim xcfgset
    xclaim xdel xdelex xgroup_create xgroup_createconsumer xgroup_delconsumer xgroup_destroy
    xgroup_setid xinfo_consumers xinfo_groups xinfo_stream xlen xnack xpending xpending_range xrange
    xread xreadgroup xrevrange xtrim zadd zcard zcount zdiff zdiffstore zincrby zinter zintercard
    zinterstore zlexcount zmpop zmscore zpopmax zpopmin zrandmember zrange zrangebylex zrangebyscore
    zrangestore zrank zrem zremrangebylex zremrangebyrank zremrangebyscore zrevrange zrevrangebylex
    zrevrangebyscore zrevrank zscan zscan_iter zscore zunion zunionstore
"""
_REDIS_COMMANDS = frozenset(_REDIS_COMMAND_NAMES.split())
_ASYNC_SESSION_INSTEAD = "AsyncSession (or make the endpoint a plain def)"
_ASYNC_ENGINE_INSTEAD = "create_async_engine (or make the endpoint a plain def)"

#: Value type -> its blocking methods.
METHODS: dict[str, BlockingMethods] = {
    K.REQUESTS_SESSION: BlockingMethods(HTTP, "requests.Session", _HTTPX_ASYNC, methods=_HTTP_VERBS | {"send"}),
    K.HTTPX_CLIENT: BlockingMethods(HTTP, "httpx.Client", _HTTPX_ASYNC, methods=_HTTP_VERBS | {"send", "stream"}),
    K.URLLIB3_POOL: BlockingMethods(
        HTTP,
        "urllib3.PoolManager",
        _HTTPX_ASYNC,
        methods=frozenset({"request", "urlopen", "request_encode_url", "request_encode_body"}),
    ),
    K.PATHLIB_PATH: BlockingMethods(
        FILES,
        "Path",
        _PATH_INSTEAD,
        methods=frozenset({"open", "read_bytes", "read_text", "write_bytes", "write_text"}),
    ),
    K.SYNC_SESSION: BlockingMethods(DATABASE, "Session", _ASYNC_SESSION_INSTEAD, methods=_SQLALCHEMY_SESSION_IO),
    K.SYNC_SCOPED_SESSION: BlockingMethods(
        DATABASE, "scoped_session", _ASYNC_SESSION_INSTEAD, methods=_SQLALCHEMY_SESSION_IO
    ),
    K.SQLMODEL_SESSION: BlockingMethods(
        DATABASE, "sqlmodel.Session", _ASYNC_SESSION_INSTEAD, methods=_SQLALCHEMY_SESSION_IO | {"exec"}
    ),
    K.SYNC_ENGINE: BlockingMethods(
        DATABASE,
        "Engine",
        _ASYNC_ENGINE_INSTEAD,
        methods=frozenset({"begin", "connect", "execute", "raw_connection"}),
    ),
    K.SYNC_CONNECTION: BlockingMethods(
        DATABASE,
        "Connection",
        _ASYNC_ENGINE_INSTEAD,
        methods=frozenset({"commit", "exec_driver_sql", "execute", "rollback", "scalar", "scalars"}),
    ),
    K.SYNC_REDIS: BlockingMethods(
        DATABASE,
        "redis.Redis",
        "redis.asyncio.Redis",
        methods=_REDIS_COMMANDS,
    ),
    K.SYNC_REDIS_PIPELINE: BlockingMethods(
        DATABASE, "redis.client.Pipeline", "redis.asyncio.Redis", methods=frozenset({"execute", "watch"})
    ),
}

#: Any method name above: other calls never need the receiver's type.
_METHOD_NAMES = frozenset().union(*(m.methods for m in METHODS.values()))

#: What a call must be for :func:`blocking_call` to match it: the gate of FP102-FP104.
BLOCKING_GATE = Gate(keys=frozenset({"open"}) | _METHOD_NAMES, qualnames=frozenset(FUNCTIONS))

_CACHE_KEY = "fp1xx.blocking"
_AWAITED_KEY = "fp1xx.awaited-receivers"


def blocking_call(node: ast.Call, ctx: Context) -> BlockingCall | None:
    """What blocks in ``node``, if it is a known blocking call inside an
    ``async def``; computed once per node for FP102-FP104."""
    cache: dict[int, BlockingCall | None] = ctx.module.memo(_CACHE_KEY, dict)
    key = id(node)
    if key not in cache:
        # An awaited call is not a sync call, whatever its receiver is annotated.
        relevant = ctx.in_async_function() and not isinstance(ctx.parent, ast.Await) and not _async_consumed(node, ctx)
        cache[key] = _match(node, ctx) if relevant else None
    return cache[key]


def _async_consumed(node: ast.Call, ctx: Context) -> bool:
    """``async with engine.connect()`` / ``async for row in x.stream()``: the
    value is an async context manager or iterator (a sync ``Engine.connect()``
    has no ``__aenter__``), whatever the receiver's type looks like (lnbits
    builds its engine with ``create_engine(strategy=ASYNCIO_STRATEGY)``)."""
    parent = ctx.parent
    if isinstance(parent, ast.withitem) and parent.context_expr is node:
        return isinstance(ctx.module.parents.get(id(parent)), ast.AsyncWith)
    return isinstance(parent, ast.AsyncFor) and parent.iter is node


def _match(node: ast.Call, ctx: Context) -> BlockingCall | None:
    func = node.func
    if isinstance(func, ast.Name) and func.id == "open" and not ctx.scope.lookup("open"):
        return BlockingCall(FILES, "open", _OPEN_INSTEAD)
    qualname = ctx.qualified_name(func)
    if qualname is not None and qualname in FUNCTIONS:
        code, instead = FUNCTIONS[qualname]
        return BlockingCall(code, qualname.removeprefix("builtins."), instead)
    # A method of a value of known type (also one imported from a project
    # module, which has a qualified name too).
    if not isinstance(func, ast.Attribute) or func.attr not in _METHOD_NAMES:
        return None
    receiver = ctx.type_of(func.value)
    methods = METHODS.get(receiver) if receiver is not None else None
    if methods is None or func.attr not in methods.methods:
        return None
    if _awaited_elsewhere(func.value, ctx):
        return None
    return BlockingCall(methods.code, f"{methods.display}.{func.attr}", methods.instead)


def _awaited_elsewhere(receiver: ast.expr, ctx: Context) -> bool:
    """The function awaits a method of the same receiver (``await
    db.commit()``): the value is an async one whatever its annotation says
    (real code annotates an ``AsyncSession`` as ``Session`` now and then)."""
    function = ctx.function()
    if not isinstance(function, ast.AsyncFunctionDef):
        return False
    cache: dict[int, set[str]] = ctx.module.memo(_AWAITED_KEY, dict)
    if id(function) not in cache:
        cache[id(function)] = {
            ast.dump(node.value.func.value)
            for node in walk(function)
            if isinstance(node, ast.Await)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Attribute)
        }
    return ast.dump(receiver) in cache[id(function)]
