"""The fixes of FP408, FP411 and FP507 proven by running them: each fixed
test data file is imported under the real FastAPI and a TestClient request
gets the status and headers the rule's docs promise."""

from __future__ import annotations

import importlib.util
import warnings
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import ModuleType

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")
jwt = pytest.importorskip("jwt")

from fastapi.testclient import TestClient  # noqa: E402

TESTDATA = Path(__file__).resolve().parent.parent / "testdata"


def load(name: str) -> ModuleType:
    path = TESTDATA / name
    spec = importlib.util.spec_from_loader(name.replace(".", "_"), loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), module.__dict__)
    return module


def client(module: ModuleType) -> TestClient:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return TestClient(module.app, raise_server_exceptions=False)


def test_fp408_fixed_401_carries_www_authenticate() -> None:
    fixed = client(load("FP408.py.fixed"))
    for token in ("expired", "revoked", "bad", "none", "tenant", "starlette", "sub", "init", "other"):
        response = fixed.get("/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401, (token, response.text)
        assert response.headers["www-authenticate"] == "Bearer", token
    assert fixed.get("/me", headers={"Authorization": "Bearer other"}).headers.get("x-error") == "credentials"
    # Before the fix: the same 401 without the challenge.
    original = client(load("FP408.py"))
    response = original.get("/me", headers={"Authorization": "Bearer expired"})
    assert response.status_code == 401 and "www-authenticate" not in response.headers


def test_fp408_fixed_challenge_follows_the_scheme() -> None:
    fixed = client(load("FP408_schemes.py.fixed"))
    basic = ("u", "wrong")
    response = fixed.post("/token/login", auth=basic)
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Basic"
    # The same challenge FastAPI's HTTPBasic sends when the credentials are missing.
    assert fixed.post("/token/login").headers["www-authenticate"] == "Basic"
    response = fixed.get("/reports", auth=basic)
    assert response.status_code == 401 and response.headers["www-authenticate"] == 'Basic realm="admin"'
    assert fixed.get("/reports").headers["www-authenticate"] == 'Basic realm="admin"'
    assert fixed.get("/reports", auth=("admin", "x")).json() == {"user": "admin"}
    response = fixed.get("/keyed", headers={"X-Key": "no"})
    assert response.status_code == 401 and response.headers["www-authenticate"] == "APIKey"
    assert fixed.get("/checked/bad").headers["www-authenticate"] == "Bearer"
    # No fix where no scheme is known: the response is unchanged.
    original = client(load("FP408_schemes.py"))
    response = original.post("/token/login", auth=basic)
    assert response.status_code == 401 and "www-authenticate" not in response.headers
    assert "www-authenticate" not in fixed.get("/either").headers


def test_fp411_fixed_token_expires_in_fifteen_minutes() -> None:
    fixed_module = load("FP411.py.fixed")
    response = client(fixed_module).post("/token")
    assert response.status_code == 200
    claims = jwt.decode(response.json()["access_token"], fixed_module.SECRET_KEY, algorithms=["HS256"])
    expires = datetime.fromtimestamp(claims["exp"], timezone.utc)
    assert timedelta(minutes=14) < expires - datetime.now(timezone.utc) <= timedelta(minutes=15)
    assert isinstance(fixed_module.refresh_claims("a")["iat"], datetime)
    assert fixed_module.refresh_claims("a")["iat"].tzinfo is timezone.utc  # type: ignore[union-attr]
    imported = load("FP411_import.py.fixed")
    token = imported.create_refresh_token("a", "k" * 32)
    refresh = jwt.decode(token, "k" * 32, algorithms=["HS256"])
    assert timedelta(days=6) < datetime.fromtimestamp(refresh["exp"], timezone.utc) - datetime.now(timezone.utc)


def test_fp507_fixed_routes_raise() -> None:
    fixed_module = load("FP507.py.fixed")
    fixed = client(fixed_module)
    response = fixed.get("/items/2")
    assert (response.status_code, response.json()) == (404, {"detail": "Item not found"})
    assert fixed.get("/items/1").json() == {"id": 1}
    response = fixed.delete("/items/7")
    assert (response.status_code, response.json()) == (403, {"detail": "Admins only"})
    assert fixed_module.deleted == []  # the dependency stopped the route
    assert fixed.delete("/items/7", headers={"X-Role": "admin"}).json() == {"deleted": 7}
    assert fixed.get("/users/-1").status_code == 400
    assert fixed.get("/users/101").status_code == 404
    response = fixed.get("/orders/2/summary")  # the helper that returned the object or the exception
    assert (response.status_code, response.json()) == (404, {"detail": "Order not found"})
    assert fixed.get("/orders/1/summary").json() == {"id": 1}
    assert fixed.post("/orders", params={"quantity": 0}).status_code == 422
    assert fixed.post("/orders", params={"quantity": 11}).status_code == 409
    # Before the fix: 200 with the exception as the body; the delete ran.
    original_module = load("FP507.py")
    original = client(original_module)
    response = original.get("/items/2")
    assert response.status_code == 200 and response.json()["status_code"] == 404
    response = original.get("/orders/2/summary")
    assert response.status_code == 200 and response.json()["status_code"] == 404
    assert original.delete("/items/7").status_code in (200, 500)
    assert original_module.deleted == [7]
