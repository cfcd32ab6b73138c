"""Module-wide and cross-module fixes: the result depends on the file's own
project (not on the working directory), settles, and does not depend on the
order in which the files of a project are fixed."""

from __future__ import annotations

from pathlib import Path

import pytest

from flake8_fastapi_prod.fix.engine import FixOptions, fix_source
from flake8_fastapi_prod.registry import Selection
from flake8_fastapi_prod.resolve import Project

FP604 = FixOptions(Selection(select=("FP604",)), unsafe_fixes=True)
FP405 = FixOptions(Selection(select=("FP405",)))


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def fix_file(path: Path, options: FixOptions) -> str:
    result = fix_source(path.read_text(encoding="utf-8"), str(path), options, project=Project())
    path.write_text(result.source, encoding="utf-8")
    return result.source


# -- FP604: the module-wide fix re-plans under the file's real path ----------

MAIN = """\
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.setup import configure, install

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["*"])
install(app)

other = FastAPI()
other.add_middleware(CORSMiddleware, allow_origins=["*"])
configure(other)
"""

#: The project's helpers: ``install`` adds a middleware, ``configure`` does not.
SETUP = """\
from app.auth import Deny


def install(target):
    target.add_middleware(Deny)


def configure(target):
    target.state.ready = True
"""

#: A package of the same name in the working directory, the other way round.
DECOY = """\
def install(target):
    target.state.ready = True


def configure(target):
    target.add_middleware(object)
"""

FIXED_MAIN = """\
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.setup import configure, install

app = FastAPI()
install(app)
app.add_middleware(CORSMiddleware, allow_origins=["*"])

other = FastAPI()
other.add_middleware(CORSMiddleware, allow_origins=["*"])
configure(other)
"""


@pytest.mark.parametrize("decoy", [False, True], ids=["no-package-in-cwd", "other-package-in-cwd"])
def test_fp604_fix_reads_the_files_project_not_the_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, decoy: bool
) -> None:
    project = tmp_path / "project"
    write(
        project, {"app/__init__.py": "", "app/main.py": MAIN, "app/setup.py": SETUP, "app/auth.py": "class Deny: ...\n"}
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    if decoy:
        write(elsewhere, {"app/__init__.py": "", "app/setup.py": DECOY})
    monkeypatch.chdir(elsewhere)
    result = fix_source(MAIN, str(project / "app/main.py"), FP604, project=Project())
    assert result.source == FIXED_MAIN
    assert [f.code for f in result.fixed] == ["FP604"]
    assert not result.remaining


# -- FP604: two CORS middlewares on one app ------------------------------------

TWO_CORS = """\
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.trustedhost import TrustedHostMiddleware
from starlette.middleware import Middleware

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
app.add_middleware(CORSMiddleware, allow_origins=["https://b.example"])
app.add_middleware(TrustedHostMiddleware, allowed_hosts=["example.com"])

between = FastAPI()
between.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
between.add_middleware(TrustedHostMiddleware, allowed_hosts=["example.com"])
between.add_middleware(CORSMiddleware, allow_origins=["https://b.example"])

only_cors = FastAPI()
only_cors.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
only_cors.add_middleware(CORSMiddleware, allow_origins=["https://b.example"])

listed = FastAPI(
    middleware=[
        Middleware(TrustedHostMiddleware, allowed_hosts=["example.com"]),
        Middleware(CORSMiddleware, allow_origins=["https://a.example"]),
        Middleware(CORSMiddleware, allow_origins=["https://b.example"]),
    ]
)

covered_list = FastAPI(
    middleware=[
        Middleware(CORSMiddleware, allow_origins=["https://a.example"]),
        Middleware(TrustedHostMiddleware, allowed_hosts=["example.com"]),
        Middleware(CORSMiddleware, allow_origins=["https://b.example"]),
    ]
)
"""

TWO_CORS_FIXED = """\
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.trustedhost import TrustedHostMiddleware
from starlette.middleware import Middleware

app = FastAPI()
app.add_middleware(TrustedHostMiddleware, allowed_hosts=["example.com"])
app.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
app.add_middleware(CORSMiddleware, allow_origins=["https://b.example"])

between = FastAPI()
between.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
between.add_middleware(TrustedHostMiddleware, allowed_hosts=["example.com"])
between.add_middleware(CORSMiddleware, allow_origins=["https://b.example"])

only_cors = FastAPI()
only_cors.add_middleware(CORSMiddleware, allow_origins=["https://a.example"])
only_cors.add_middleware(CORSMiddleware, allow_origins=["https://b.example"])

listed = FastAPI(
    middleware=[
        Middleware(CORSMiddleware, allow_origins=["https://a.example"]),
        Middleware(CORSMiddleware, allow_origins=["https://b.example"]),
        Middleware(TrustedHostMiddleware, allowed_hosts=["example.com"]),
    ]
)

covered_list = FastAPI(
    middleware=[
        Middleware(CORSMiddleware, allow_origins=["https://a.example"]),
        Middleware(TrustedHostMiddleware, allowed_hosts=["example.com"]),
        Middleware(CORSMiddleware, allow_origins=["https://b.example"]),
    ]
)
"""


def test_fp604_two_cors_middlewares_settle_in_their_order(tmp_path: Path) -> None:
    """Each CORS middleware wrapped by another kind is reported unless a CORS
    middleware is outside that one too (``between``, ``covered_list``); the
    fix moves them all outside it and keeps their own order (the outer of
    the two still answers preflights); fixing again changes nothing."""
    path = str(tmp_path / "main.py")
    once = fix_source(TWO_CORS, path, FP604, project=Project())
    assert once.source == TWO_CORS_FIXED
    assert not once.remaining
    twice = fix_source(once.source, path, FP604, project=Project())
    assert twice.source == once.source
    assert not twice.fixed and not twice.remaining


# -- FP405: the cross-module fix does not depend on the order of the files ------

SCHEMES = {
    "app/__init__.py": "",
    "app/api/__init__.py": "",
    "app/api/deps.py": (
        "from fastapi.security import APIKeyHeader, OAuth2PasswordBearer\n\n"
        'tenant_key = APIKeyHeader(name="X-Tenant")\n'
        'oauth2 = OAuth2PasswordBearer(tokenUrl="/api/token")\n'
    ),
    "app/admin.py": (
        "from fastapi import security\n\n"
        'admin_key = security.APIKeyHeader(name="X-Admin")\n'
        'admin_oauth2 = security.OAuth2PasswordBearer(tokenUrl="/admin/token")\n'
        'audit_key = security.APIKeyHeader(name="X-Audit")\n'
    ),
    "app/zz.py": (
        'from fastapi.security import OAuth2PasswordBearer\n\nlate = OAuth2PasswordBearer(tokenUrl="/late")\n'
    ),
}


@pytest.mark.parametrize(
    "order",
    [
        ["app/api/deps.py", "app/admin.py", "app/zz.py"],
        ["app/zz.py", "app/admin.py", "app/api/deps.py"],
        ["app/admin.py", "app/zz.py", "app/api/deps.py"],
    ],
)
def test_fp405_fix_does_not_depend_on_the_order_files_are_fixed_in(tmp_path: Path, order: list[str]) -> None:
    reference = tmp_path / "reference"
    write(reference, SCHEMES)
    for name in sorted(SCHEMES):
        if name.endswith("__init__.py"):
            continue
        fix_file(reference / name, FP405)
    project = tmp_path / "project"
    write(project, SCHEMES)
    for name in order:
        fix_file(project / name, FP405)
    for name in SCHEMES:
        assert (project / name).read_text(encoding="utf-8") == (reference / name).read_text(encoding="utf-8"), name
    # The first instance of each class (app/admin.py, by path) keeps the
    # class name; every other one is named after its variable.
    assert "scheme_name" not in (project / "app/admin.py").read_text(encoding="utf-8").split("audit_key")[0]
    assert 'audit_key = security.APIKeyHeader(name="X-Audit", scheme_name="audit_key")' in (
        project / "app/admin.py"
    ).read_text(encoding="utf-8")
    assert 'tenant_key = APIKeyHeader(name="X-Tenant", scheme_name="tenant_key")' in (
        project / "app/api/deps.py"
    ).read_text(encoding="utf-8")
    # Settled: nothing left to fix anywhere.
    for name in SCHEMES:
        path = project / name
        again = fix_source(path.read_text(encoding="utf-8"), str(path), FP405, project=Project())
        assert not again.fixed and not again.remaining, name


def schemes_in_openapi(root: Path) -> set[str]:
    pytest.importorskip("fastapi")
    from fastapi import FastAPI, Security

    app = FastAPI()
    for name in sorted(SCHEMES):
        namespace: dict[str, object] = {}
        exec(compile((root / name).read_text(encoding="utf-8"), name, "exec"), namespace)
        for variable, value in namespace.items():
            if type(value).__module__.startswith("fastapi.security"):

                def route(credentials: object = Security(value)) -> None: ...

                app.get(f"/{variable}")(route)
    return set(app.openapi()["components"]["securitySchemes"])


def test_fp405_fixed_project_documents_every_scheme(tmp_path: Path) -> None:
    write(tmp_path, SCHEMES)
    assert schemes_in_openapi(tmp_path) == {"APIKeyHeader", "OAuth2PasswordBearer"}
    for name in ["app/zz.py", "app/api/deps.py", "app/admin.py"]:
        fix_file(tmp_path / name, FP405)
    assert schemes_in_openapi(tmp_path) == {
        "APIKeyHeader",  # admin_key, the first in the project
        "audit_key",
        "tenant_key",
        "OAuth2PasswordBearer",  # admin_oauth2
        "oauth2",
        "late",
    }
