# select: FP506
# starlette-target-version: 0.48
from fastapi import HTTPException, status


# Errors


def validate(payload: dict) -> None:
    if not payload:
        raise HTTPException(status_code=status.HTTP_422_UNPROCESSABLE_ENTITY, detail="empty")  # error: FP506
