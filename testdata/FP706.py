from fastapi import FastAPI, Request
from slowapi import Limiter
from slowapi import util as slowapi_util
from slowapi.util import get_ipaddr, get_remote_address
from slowapi.util import get_ipaddr as client_ip

app = FastAPI()

# Errors

limiter = Limiter(key_func=get_ipaddr, storage_uri="redis://redis:6379/0")  # error: FP706
aliased = Limiter(key_func=client_ip, storage_uri="redis://redis:6379/0")  # error: FP706
module = Limiter(key_func=slowapi_util.get_ipaddr, storage_uri="redis://redis:6379/0")  # error: FP706
wrapped = Limiter(key_func=lambda request: get_ipaddr(request), storage_uri="redis://r")  # error: FP706
positional = Limiter(client_ip, storage_uri="redis://redis:6379/0")  # error: FP706


@app.get("/login")
@limiter.limit("5/minute", key_func=get_ipaddr)  # error: FP706
async def login(request: Request):
    return {}


@app.get("/signup")
@limiter.limit("5/minute", get_ipaddr)  # error: FP706
async def signup(request: Request):
    return {}


@app.get("/shared")
@limiter.shared_limit("50/hour", "auth", get_ipaddr)  # error: FP706
async def shared(request: Request):
    return {}


# OK

remote = Limiter(key_func=get_remote_address, storage_uri="redis://redis:6379/0")
positional_remote = Limiter(get_remote_address, ["100/hour"], storage_uri="redis://redis:6379/0")


@app.get("/search")
@remote.limit("5/minute", key_func=get_remote_address)
async def search(request: Request):
    return {}


def log_ip(request: Request) -> str:
    return get_ipaddr(request)
