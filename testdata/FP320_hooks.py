# select: FP320
# V1 hooks of custom types: __get_validators__ (deprecated, validators get
# (value, info)) and __modify_schema__ (PydanticUserError) in Pydantic 2.
import pydantic
from pydantic import BaseModel
from pydantic_core import core_schema

PYDANTIC_V2 = pydantic.VERSION.startswith("2")

# Errors


class Upper(str):
    @classmethod
    def __get_validators__(cls):  # error: FP320
        yield cls.validate

    @classmethod
    def validate(cls, v):
        return cls(v.upper())

    @classmethod
    def __modify_schema__(cls, field_schema):  # error: FP320
        field_schema.update(pattern="^[A-Z]+$")


class Item(BaseModel):
    code: Upper


class Outer:
    class Nested(int):
        @classmethod
        def __get_validators__(cls):  # error: FP320
            yield int


# OK


class Compatible(str):
    """Both spellings: V2 uses its own hooks and ignores the V1 ones."""

    @classmethod
    def __get_validators__(cls):
        yield cls.validate

    @classmethod
    def __get_pydantic_core_schema__(cls, source, handler):
        return core_schema.no_info_plain_validator_function(cls.validate)

    @classmethod
    def __modify_schema__(cls, field_schema):
        field_schema.update(format="compatible")

    @classmethod
    def __get_pydantic_json_schema__(cls, schema, handler):
        return {**handler(schema), "format": "compatible"}

    @classmethod
    def validate(cls, v):
        return cls(v)


if PYDANTIC_V2:

    class Shimmed(str):
        @classmethod
        def __get_pydantic_core_schema__(cls, source, handler):
            return core_schema.no_info_plain_validator_function(cls)

else:

    class Shimmed(str):
        @classmethod
        def __get_validators__(cls):
            yield cls


def __get_validators__():
    """Not a hook: a module-level function."""
