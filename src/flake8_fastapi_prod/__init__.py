"""flake8-fastapi-prod: production pitfalls of FastAPI, Pydantic v2 and async SQLAlchemy."""

__version__ = "0.1.0"

import time as _time

#: When this process imported the package. A source file of the package
#: changed after it may not be the code that runs (a development checkout
#: edited mid-run): the caches then key on a fingerprint no run can match
#: (see ``cache.edited_since_import``).
IMPORTED_NS = _time.time_ns()
