# select: FP301
from app.base import *  # noqa: F403

# Errors


class User(Base):  # noqa: F405
    name: str = ""

    class Config:  # error: FP301
        orm_mode = True


# OK


class Plain(Exception):
    class Config:
        retries = 3


def check_runtime() -> None:
    """The fixed module works under Pydantic 2."""
    assert User.model_validate(type("Row", (), {"name": "a"})()).name == "a"
