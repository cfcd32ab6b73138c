import fastapi.security.api_key
import fastapi.security as sec
from typing import Annotated, Optional

from fastapi import Depends, FastAPI, Security
from fastapi.security import (
    APIKeyCookie,
    APIKeyHeader,
    HTTPBasic,
    HTTPBearer,
    OAuth2PasswordBearer,
)
from fastapi.security import APIKeyHeader as KeyHeader

app = FastAPI()

# Errors

# Every APIKeyHeader below lacks scheme_name: all of them default to the
# scheme name "APIKeyHeader", so OpenAPI keeps only one of them.
api_key_header = APIKeyHeader(name="X-API-Key")  # error: FP405
admin_key_header = APIKeyHeader(name="X-Admin-Key", auto_error=False)  # error: FP405
service_key_header = KeyHeader(name="X-Service-Key")  # error: FP405
internal_key_header = fastapi.security.api_key.APIKeyHeader(name="X-Internal-Key")  # error: FP405
partner_key_header = APIKeyHeader(  # error: FP405
    name="X-Partner-Key",
    description="Key issued to partner integrations",
)
# Has its own scheme_name: not flagged, and the others still collide.
billing_key_header = APIKeyHeader(name="X-Billing-Key", scheme_name="BillingKey")

query_key = sec.APIKeyQuery(name="api_key")  # error: FP405
query_token = sec.APIKeyQuery(name="token")  # error: FP405

session_cookie = APIKeyCookie(name="session")  # error: FP405
refresh_cookie = APIKeyCookie(name="refresh_token")  # error: FP405

user_bearer = HTTPBearer(bearerFormat="JWT")  # error: FP405
service_bearer = HTTPBearer(description="Service-to-service token")  # error: FP405

admin_basic = HTTPBasic(description="Admin console")  # error: FP405
metrics_basic = HTTPBasic(description="Metrics scraper")  # error: FP405

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token")  # error: FP405
admin_oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/admin/auth/token")  # error: FP405


@app.get("/tenant")
async def read_tenant(
    tenant_key: str = Security(APIKeyHeader(name="X-Tenant-Key")),  # error: FP405
):
    return {"tenant": tenant_key}


@app.get("/reports")
async def read_reports(
    report_key: Annotated[str, Depends(APIKeyHeader(name="X-Report-Key"))],  # error: FP405
):
    return {"key": report_key}


# OK


@app.get("/items")
async def read_items(api_key: str = Security(api_key_header)):
    # Reusing an instance creates no new scheme.
    return {"key": api_key}


@app.get("/admin")
async def read_admin(
    api_key: Optional[str] = Depends(admin_key_header),
    token: str = Depends(admin_oauth2_scheme),
):
    return {"key": api_key, "token": token}


def is_header_scheme(scheme: object) -> bool:
    return isinstance(scheme, APIKeyHeader)
