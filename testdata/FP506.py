import fastapi
import starlette.status
import starlette.status as st
from fastapi import HTTPException, status
from fastapi import status as http_status
from starlette import status as s
from starlette.status import HTTP_413_REQUEST_ENTITY_TOO_LARGE  # error: FP506
from starlette.status import HTTP_416_REQUESTED_RANGE_NOT_SATISFIABLE as RANGE_ERROR  # error: FP506

# Errors


def validate(payload: dict) -> None:
    if not payload:
        raise HTTPException(status_code=status.HTTP_422_UNPROCESSABLE_ENTITY, detail="empty")  # error: FP506


def too_large(size: int) -> None:
    if size > 1024:
        raise HTTPException(status_code=HTTP_413_REQUEST_ENTITY_TOO_LARGE)  # error: FP506


def bad_range() -> int:
    return RANGE_ERROR


RESPONSES = {
    http_status.HTTP_414_REQUEST_URI_TOO_LONG: {"description": "URI too long"},  # error: FP506
    st.HTTP_416_REQUESTED_RANGE_NOT_SATISFIABLE: {"description": "Bad range"},  # error: FP506
    s.HTTP_422_UNPROCESSABLE_ENTITY: {"description": "Invalid"},  # error: FP506
    starlette.status.HTTP_413_REQUEST_ENTITY_TOO_LARGE: {"description": "Too large"},  # error: FP506
    fastapi.status.HTTP_422_UNPROCESSABLE_ENTITY: {"description": "Invalid"},  # error: FP506
}


def local_import() -> int:
    from fastapi import status as local_status

    return local_status.HTTP_422_UNPROCESSABLE_ENTITY  # error: FP506


# OK

OK_CODES = (
    status.HTTP_422_UNPROCESSABLE_CONTENT,
    status.HTTP_413_CONTENT_TOO_LARGE,
    st.HTTP_414_URI_TOO_LONG,
    s.HTTP_416_RANGE_NOT_SATISFIABLE,
    status.HTTP_400_BAD_REQUEST,
    422,
)


class Codes:
    HTTP_422_UNPROCESSABLE_ENTITY = 422


def unrelated(codes: Codes) -> int:
    return codes.HTTP_422_UNPROCESSABLE_ENTITY + Codes.HTTP_422_UNPROCESSABLE_ENTITY


try:
    UNPROCESSABLE = status.HTTP_422_UNPROCESSABLE_CONTENT
except AttributeError:  # Starlette < 0.48
    UNPROCESSABLE = status.HTTP_422_UNPROCESSABLE_ENTITY

TOO_LARGE = (
    status.HTTP_413_CONTENT_TOO_LARGE
    if hasattr(status, "HTTP_413_CONTENT_TOO_LARGE")
    else status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
)

try:
    from starlette.status import HTTP_414_URI_TOO_LONG
except ImportError:
    from starlette.status import HTTP_414_REQUEST_URI_TOO_LONG as HTTP_414_URI_TOO_LONG
