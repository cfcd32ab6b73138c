# select: FP320
# Custom types for pydantic.v1 models: the V1 hooks are right there.
from pydantic.v1 import BaseModel

# OK


class Upper(str):
    @classmethod
    def __get_validators__(cls):
        yield cls.validate

    @classmethod
    def validate(cls, v):
        return cls(v.upper())

    @classmethod
    def __modify_schema__(cls, field_schema):
        field_schema.update(pattern="^[A-Z]+$")


class Item(BaseModel):
    code: Upper
