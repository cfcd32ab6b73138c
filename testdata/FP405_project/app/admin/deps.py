# select: FP405
from fastapi import security
from fastapi.security import HTTPBasic

# Errors

admin_oauth2 = security.OAuth2PasswordBearer(tokenUrl="/admin/login")  # error: FP405

# OK

admin_basic = HTTPBasic()
