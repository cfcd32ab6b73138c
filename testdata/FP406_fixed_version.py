# select: FP4
# fastapi-target-version: 0.115.9
from fastapi.security import HTTPDigest

# OK: fixed in FastAPI 0.115.9 (with the family selected, the gate decides).
digest = HTTPDigest(auto_error=False)
