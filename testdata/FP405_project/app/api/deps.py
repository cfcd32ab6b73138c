# select: FP405
from fastapi.security import HTTPBasic, OAuth2PasswordBearer

# Errors

# Another OAuth2PasswordBearer in app/admin/deps.py has another tokenUrl:
# the app's OpenAPI document keeps one of the two.
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/login/access-token")  # error: FP405

# OK: configured the same as the one in app/admin/deps.py.
basic = HTTPBasic()
