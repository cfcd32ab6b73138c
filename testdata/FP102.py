import asyncio
import functools
import urllib.request
import urllib3
from urllib import request as urllib_request
from urllib.request import urlopen

import anyio
import httpx
import httpx as hx
import requests
import requests as rq
from fastapi import APIRouter, Depends, FastAPI
from httpx import AsyncClient, Client
from requests import Session
from requests import get as http_get
from requests import post
from starlette.concurrency import run_in_threadpool

app = FastAPI()
router = APIRouter()
RATES_URL = "https://rates.example.com/latest"
shared_session = requests.Session()
shared_client = httpx.Client(base_url="https://billing.example.com", timeout=10)
pool = urllib3.PoolManager(num_pools=4)


def get_http() -> httpx.Client:
    return httpx.Client(timeout=5)


# Errors


@app.get("/rates/{currency}")
async def exchange_rate(currency: str):
    response = requests.get(f"{RATES_URL}/{currency}", timeout=5)  # error: FP102
    response.raise_for_status()
    return response.json()


async def module_alias():
    return rq.post(RATES_URL, json={"a": 1}).json()  # error: FP102


async def from_imports():
    http_get(RATES_URL)  # error: FP102
    post(RATES_URL, data=b"x")  # error: FP102


async def every_requests_verb(url: str):
    requests.put(url)  # error: FP102
    requests.patch(url)  # error: FP102
    requests.delete(url)  # error: FP102
    requests.head(url)  # error: FP102
    requests.options(url)  # error: FP102
    requests.request("GET", url)  # error: FP102


async def httpx_module_functions(url: str):
    httpx.get(url)  # error: FP102
    hx.post(url, json={})  # error: FP102
    with httpx.stream("GET", url) as response:  # error: FP102
        return response.read()


async def urllib_spellings(url: str):
    urllib.request.urlopen(url)  # error: FP102
    urlopen(url, timeout=3)  # error: FP102
    urllib_request.urlopen(url)  # error: FP102
    urllib.request.urlretrieve(url, "/tmp/file")  # error: FP102


async def urllib3_spellings(url: str):
    urllib3.request("GET", url)  # error: FP102
    urllib3.PoolManager().request("GET", url)  # error: FP102
    pool.request("POST", url, body=b"{}")  # error: FP102
    local_pool = urllib3.PoolManager()
    local_pool.urlopen("GET", url)  # error: FP102


async def local_imports(url: str):
    import requests

    requests.get(url)  # error: FP102

    from httpx import get as fetch

    fetch(url)  # error: FP102


async def session_instance(url: str):
    s = requests.Session()
    s.headers["X-Trace"] = "1"
    s.get(url)  # error: FP102
    s.request("PATCH", url)  # error: FP102


async def session_imported_by_name(url: str):
    session = Session()
    return session.post(url).json()  # error: FP102


async def session_factory_function(url: str):
    session = requests.session()
    session.get(url)  # error: FP102


async def session_as_context_manager(url: str):
    with requests.Session() as session:
        session.get(url)  # error: FP102


async def module_level_clients(url: str):
    shared_session.get(url)  # error: FP102
    shared_client.post("/invoices", json={})  # error: FP102


async def httpx_client_instance(url: str):
    client = httpx.Client()
    client.get(url)  # error: FP102
    Client().delete(url)  # error: FP102
    httpx.Client().post(url)  # error: FP102


async def httpx_client_context(url: str):
    with httpx.Client(timeout=3) as c:
        first = c.get(url)  # error: FP102
        c.send(c.build_request("GET", url))  # error: FP102
        with c.stream("GET", url) as streamed:  # error: FP102
            return first, streamed


async def annotated_parameter(client: httpx.Client, url: str):
    return client.get(url)  # error: FP102


async def dependency_parameter(url: str, client: httpx.Client = Depends(get_http)):
    return client.head(url)  # error: FP102


async def inferred_dependency(url: str, client=Depends(get_http)):
    return client.options(url)  # error: FP102


class BillingClient:
    def __init__(self, base_url: str) -> None:
        self.client = httpx.Client(base_url=base_url)
        self.session = requests.Session()

    async def charge(self, amount: int):
        response = self.client.post("/charges", json={"amount": amount})  # error: FP102
        return response.json()

    async def refund(self, charge_id: str):
        return self.session.delete(f"/charges/{charge_id}")  # error: FP102


class AnnotatedClient:
    client: requests.Session

    async def ping(self):
        self.client.head("https://status.example.com")  # error: FP102


async def call_used_in_expression(url: str):
    return [requests.get(u).status_code for u in (url, url)]  # error: FP102


async def call_inside_to_thread_argument_is_still_a_call(url: str):
    # The call runs here, before to_thread gets its result.
    return await asyncio.to_thread(requests.get(url))  # error: FP102


async def multi_line_call(url: str):
    requests.post(  # error: FP102
        url,
        json={"a": 1},
    )


# OK


def sync_endpoint(url: str):
    # FastAPI runs plain def endpoints in a threadpool.
    return requests.get(url).json()


@router.get("/sync")
def sync_route(url: str):
    with httpx.Client() as client:
        return client.get(url).json()


async def handed_to_threads(url: str):
    await asyncio.to_thread(requests.get, url)
    await run_in_threadpool(requests.post, url, json={})
    await anyio.to_thread.run_sync(functools.partial(requests.get, url))
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, urlopen, url)
    session = requests.Session()
    await asyncio.to_thread(session.get, url)


async def lambda_and_nested_def_are_sync(url: str):
    await asyncio.to_thread(lambda: requests.get(url))

    def fetch():
        return httpx.get(url)

    return await asyncio.to_thread(fetch)


async def async_clients(url: str):
    async with httpx.AsyncClient() as client:
        await client.get(url)
    async with AsyncClient() as other:
        await other.post(url)
    ac = hx.AsyncClient()
    await ac.request("GET", url)


async def unknown_receivers(session, client, url: str):
    await session.get(url)
    await client.post(url)
    client.get(url)


async def same_method_name_on_unrelated_objects(url: str, cache: dict):
    cache.get(url)
    headers = {"a": "b"}
    headers.get("a")
    params = requests.utils.quote(url)
    return params


async def non_request_methods_of_clients(url: str):
    s = requests.Session()
    s.mount("https://", requests.adapters.HTTPAdapter())
    s.close()
    c = httpx.Client()
    c.build_request("GET", url)
    c.close()


async def client_shadowed_by_parameter(requests, url: str):
    # `requests` is the parameter here, not the module.
    await requests.get(url)


async def helper_named_get(url: str):
    async def get(u: str):
        return u

    await get(url)


async def test_client_in_async_test(url: str, client: AsyncClient):
    await client.get(url)
