import pydantic
import pydantic as pd
from pydantic import BaseModel, Extra  # error: FP320
from pydantic.error_wrappers import ErrorWrapper  # error: FP320
from pydantic.typing import DictStrAny  # error: FP320
from pydantic.utils import ValueItems  # error: FP320
from pydantic.fields import ModelField, Undefined  # error: FP320, FP320
from pydantic.main import ModelMetaclass  # error: FP320
from pydantic.json import pydantic_encoder  # error: FP320
from pydantic.errors import PydanticValueError, PydanticUserError  # error: FP320
from pydantic.types import NoneStr, StrBytes  # error: FP320, FP320
from pydantic.datetime_parse import parse_datetime  # error: FP320
from pydantic import stricturl, BaseConfig  # error: FP320, FP320
from pydantic.schema import model_schema  # error: FP320
from pydantic import BaseModel as Base, Field, SecretField  # error: FP320
from pydantic.decorator import ValidatedFunction  # error: FP320
from pydantic.annotated_types import create_model_from_typeddict  # error: FP320
from pydantic.fields import MAPPING_LIKE_SHAPES  # error: FP320

# Errors: removed or deprecated names with no one-to-one V2 spelling


def use(data: DictStrAny, field: ModelField) -> dict:
    if field.default is Undefined:
        raise ErrorWrapper(ValueError("x"), loc="a")
    return ValueItems(data, {"a": 1})


class MyError(PydanticValueError):
    pass


class Item(BaseModel):
    class Config(BaseConfig):
        json_encoders = {object: pydantic_encoder}


def extra_kinds(value):
    return isinstance(value, Extra)  # error: FP320


def keep_enum():
    return Extra.forbid.value  # error: FP320


def local():
    from pydantic import Required as Req  # error: FP320

    return Req  # error: FP320


typed = pydantic.typing.DictStrAny  # error: FP320
meta = pd.main.ModelMetaclass  # error: FP320
url = pydantic.stricturl(tld_required=False)  # error: FP320


def shadow():
    Extra = {"forbid": 1}
    return Extra["forbid"], NoneStr, StrBytes, parse_datetime, model_schema, ModelMetaclass, PydanticUserError, stricturl

# OK

from pydantic.errors import PydanticUserError as V2UserError
from pydantic.fields import FieldInfo
