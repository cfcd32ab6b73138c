"""The FP606 / FP607 / FP608 fixes, run under the real FastAPI: the fixed
test files import, FastAPI accepts every rewritten signature, and the
behaviour is the one the rule's docs promise."""

from __future__ import annotations

import json
import sys
import types

import pytest

pytest.importorskip("httpx")

from fastapi.testclient import TestClient

from tests.test_ratelimit_runtime import TESTDATA, load


def _openapi(module: object) -> str:
    return json.dumps(module.app.openapi(), sort_keys=True)  # type: ignore[attr-defined]


def test_fp606_fix_keeps_responses_and_openapi() -> None:
    before = load(TESTDATA / "FP606.py")
    after = load(TESTDATA / "FP606.py.fixed")
    for module in (before, after):
        module.app.include_router(module.router)
    assert _openapi(before).replace(before.__name__, "") == _openapi(after).replace(after.__name__, "")
    responses = []
    for module in (before, after):
        client = TestClient(module.app)
        responses.append([client.get(path).text for path in ("/items/a", "/items", "/union", "/out")])
    assert responses[0] == responses[1]


def test_fp607_fixed_signatures_work() -> None:
    module = load(TESTDATA / "FP607.py.fixed")
    module.app.include_router(module.router)
    client = TestClient(module.app)
    assert client.get("/items", headers={"Authorization": "Bearer t"}).status_code == 200
    assert client.post("/echo").json() == ""
    assert client.post("/echo?echo=hi").json() == "hi"
    assert client.get("/items/0", headers={"x-token": "t"}).status_code == 422  # ge=1 kept
    assert client.get("/items/3", headers={"x-token": "t"}).status_code == 200
    assert client.get("/items/3").status_code == 422  # Header(...) is still required


def test_fp608_fixed_handlers_receive_the_path_parameter(monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = types.ModuleType("elsewhere")
    elsewhere.get_user = lambda: "user"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "elsewhere", elsewhere)
    module = load(TESTDATA / "FP608.py.fixed")
    module.app.include_router(module.router)
    client = TestClient(module.app)
    assert client.delete("/orgs/o1/members/m1").status_code == 200
    assert client.get("/files/a/b.txt?path=p").status_code == 200
    schema = module.app.openapi()
    params = {p["name"] for p in schema["paths"]["/reports/{report_id}"]["get"]["parameters"]}
    assert "report_id" in params
    assert {
        p["in"] for p in schema["paths"]["/reports/{report_id}"]["get"]["parameters"] if p["name"] == "report_id"
    } == {"path"}
