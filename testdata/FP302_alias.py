import pydantic as pd

# A second name for the base class.
Schema = pd.BaseModel

# Errors


class Row(Schema):
    model_config = {"orm_mode": True}  # error: FP302
    id: int = 0


# OK


class Registry:
    model_config = {"orm_mode": True}


def check_runtime() -> None:
    """The fixed module works under Pydantic 2."""
    assert Row.model_validate(type("R", (), {"id": 3})()).id == 3
