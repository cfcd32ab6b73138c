# select: FP405
from fastapi import FastAPI, Security, security
from fastapi.security import APIKeyHeader, HTTPBearer

app = FastAPI()

# Errors

# ``from fastapi import security``: the module's classes resolve too.
user_bearer = security.HTTPBearer(bearerFormat="JWT")  # error: FP405
service_bearer = security.HTTPBearer(description="Service token")  # error: FP405

# Two schemes sharing one explicit scheme_name: the second replaces the first.
tenant_key = APIKeyHeader(name="X-Tenant-Key", scheme_name="ApiKey")  # error: FP405
admin_key = APIKeyHeader(name="X-Admin-Key", scheme_name="ApiKey")  # error: FP405
# A scheme of another class given the same name collides as well.
partner_bearer = HTTPBearer(scheme_name="Partner")  # error: FP405
partner_key = APIKeyHeader(name="X-Partner-Key", scheme_name="Partner")  # error: FP405

# OK

billing_key = APIKeyHeader(name="X-Billing-Key", scheme_name="BillingKey")
billing_key_again = APIKeyHeader(name="X-Billing-Key", scheme_name="BillingKey")


@app.get("/me")
def me(credentials: security.HTTPAuthorizationCredentials = Security(user_bearer)) -> dict[str, str]:
    return {"token": credentials.credentials}
