# select: FP405
import fastapi.security as security
from fastapi import Depends, FastAPI, Security
from fastapi.security import (
    APIKeyCookie,
    APIKeyQuery,
    HTTPBasic,
    HTTPBearer,
    OAuth2PasswordBearer,
)

app = FastAPI()

# Errors

# (none: this file holds only clean cases)

# OK

# Two instances of one class, each with its own scheme_name.
api_key_header = security.APIKeyHeader(name="X-API-Key", scheme_name="ApiKey")
admin_key_header = security.APIKeyHeader(name="X-Admin-Key", scheme_name="AdminKey")

user_bearer = HTTPBearer(scheme_name="UserBearer")
service_bearer = HTTPBearer(scheme_name="ServiceBearer", auto_error=False)

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token", scheme_name="UserOAuth2")
admin_oauth2_scheme = OAuth2PasswordBearer(
    tokenUrl="/admin/auth/token",
    scheme_name="AdminOAuth2",
)

# One instance per class: distinct classes have distinct default names.
api_key_query = APIKeyQuery(name="api_key")
session_cookie = APIKeyCookie(name="session")
basic_auth = HTTPBasic()


@app.get("/items")
async def read_items(key: str = Security(api_key_header)):
    return {"key": key}


@app.get("/orders")
async def read_orders(key: str = Security(api_key_header)):
    # The same instance reused by many routes is one scheme.
    return {"key": key}


@app.get("/search")
async def search(key: str = Depends(api_key_query), session: str = Depends(session_cookie)):
    return {"key": key, "session": session}


@app.get("/me")
async def read_me(token: str = Depends(oauth2_scheme)):
    return {"token": token}


class APIKeyHeader:
    # A local class that merely shares the name of the FastAPI one.
    def __init__(self, name: str) -> None:
        self.name = name


primary_header = APIKeyHeader("X-Primary")
secondary_header = APIKeyHeader("X-Secondary")


# The same unconfigured scheme created inline in several dependencies (a
# pattern from a real service): every instance gives the identical OpenAPI
# entry, so nothing is lost from the docs.
from fastapi import Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer as InlineBearer


class Authenticated:
    async def __call__(self, token: HTTPAuthorizationCredentials = Security(InlineBearer())) -> str:
        return token.credentials


class GlobalAdmin:
    async def __call__(
        self, token: HTTPAuthorizationCredentials = Security(InlineBearer(auto_error=False))
    ) -> str:
        return token.credentials
