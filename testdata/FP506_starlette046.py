# select: FP506
# starlette-target-version: 0.46
# Below Starlette 0.48 the RFC 9110 names do not exist: nothing to report,
# and the fixer must not write them.
import starlette.status as st
from fastapi import HTTPException, status
from starlette.status import HTTP_413_REQUEST_ENTITY_TOO_LARGE


# OK


def validate(payload: dict) -> None:
    if not payload:
        raise HTTPException(status_code=status.HTTP_422_UNPROCESSABLE_ENTITY, detail="empty")


def too_large(size: int) -> None:
    if size > 1024:
        raise HTTPException(status_code=HTTP_413_REQUEST_ENTITY_TOO_LARGE)


RESPONSES = {st.HTTP_416_REQUESTED_RANGE_NOT_SATISFIABLE: {"description": "Bad range"}}
