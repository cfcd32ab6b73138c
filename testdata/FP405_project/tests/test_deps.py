# select: FP405
from fastapi.security import HTTPBasic

# OK: test modules are not part of the app.
test_basic = HTTPBasic(description="test")
