# select: FP506
from starlette.status import HTTP_422_UNPROCESSABLE_ENTITY  # error: FP506

__all__ = ["HTTP_422_UNPROCESSABLE_ENTITY", "check"]

# Errors


def check(code: int) -> bool:
    # Named in __all__: renaming would break importers, so no fix.
    return code == HTTP_422_UNPROCESSABLE_ENTITY  # error: FP506
