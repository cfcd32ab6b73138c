from typing import Any, Dict, Optional

import pydantic
import pydantic as pd
import pydantic.v1
from pydantic import BaseModel, Field, root_validator, validator
from pydantic import validator as check
from pydantic.class_validators import root_validator as legacy_root_validator
from pydantic.v1 import validator as v1_validator

# Errors


class Signup(BaseModel):
    email: str
    password: str
    password2: str
    nickname: Optional[str] = None

    @validator("email", pre=True, allow_reuse=True)  # error: FP303
    def lower(cls, v):
        return v.lower()

    @validator("password2")  # error: FP303
    def same(cls, v, values):
        if v != values.get("password"):
            raise ValueError("passwords differ")
        return v

    @validator("nickname", check_fields=False, whole=True)  # error: FP303
    def short(cls, value: Optional[str]) -> Optional[str]:
        return value[:20] if value else value

    @check("password", pre=False)  # error: FP303
    def strong(cls, v: str) -> str:
        if len(v) < 12:
            raise ValueError("too short")
        return v

    @pydantic.validator(  # error: FP303
        "email",
        "password",
        pre=True,
    )
    def strip(cls, v):
        return v.strip()

    @root_validator(pre=True)  # error: FP303
    def fill_nickname(cls, values):
        values.setdefault("nickname", values.get("email"))
        return values


class Order(pd.BaseModel):
    quantity: int
    unit_price: float
    total: float = 0

    @pd.validator("quantity")  # error: FP303
    @classmethod
    def positive(cls, v):
        assert v > 0
        return v

    @pd.validator("total", pre=True)  # error: FP303
    def total_from(cls, v, values: Dict[str, Any]):
        return v or values["quantity"] * values["unit_price"]

    @pd.root_validator(pre=True, allow_reuse=True)  # error: FP303
    def coerce(cls, values):
        return dict(values)


class Report(BaseModel):
    start: int
    end: int

    # Forms with no one-to-one V2 translation: reported, no fix.
    @root_validator  # error: FP303
    def ordered(cls, values):
        if values["start"] > values["end"]:
            raise ValueError("start after end")
        return values

    @root_validator(skip_on_failure=True)  # error: FP303
    def ordered_again(cls, values):
        return values

    @legacy_root_validator(pre=False, skip_on_failure=True)  # error: FP303
    def ordered_legacy(cls, values):
        return values

    @validator("start", always=True)  # error: FP303
    def default_start(cls, v):
        return v or 0

    @validator("end", each_item=True)  # error: FP303
    def each(cls, v):
        return v

    @validator("end")  # error: FP303
    def with_field(cls, v, values, field):
        return v

    @validator("end")  # error: FP303
    def with_kwargs(cls, v, **kwargs):
        return v

    @validator("start")  # error: FP303
    def info_taken(cls, v, values):
        info = values.get("end")
        return v if info is None else min(v, info)

    @validator("start")  # error: FP303
    def values_rebound(cls, v, values):
        values = dict(values)
        return v

    @classmethod
    @validator("start")  # error: FP303
    def classmethod_above(cls, v):
        return v

    @validator("end", whole=False)  # error: FP303
    def each_item_spelled_whole(cls, v):
        return v

    @validator("end")  # error: FP303
    def match_on_values(cls, v, values):
        match v:
            case Point(values=1):
                return v
        return values.get("start")



class Priced(pd.BaseModel):
    quantity: int
    unit_price: float
    total: float = 0
    label: str = ""

    @pd.root_validator(skip_on_failure=True)  # error: FP303
    def compute_total(cls, values):
        """A post root validator that derives a field."""
        values["total"] = values["quantity"] * values["unit_price"]
        return values

    @root_validator(pre=False)  # error: FP303
    def uses_cls(cls, values):
        if values["quantity"] > cls.limit():
            raise ValueError("too many")
        return values

    @root_validator  # error: FP303
    def nested_return(cls, values):
        def helper():
            return 1

        values["label"] = values["label"] + str(helper())
        return values

    @validator("label")  # error: FP303
    def named(cls, v, field):
        return v or field.name

    @validator("label")  # error: FP303
    def config_unused(cls, v, values, config, field):
        return v or values.get("quantity") and field.name

    @classmethod
    def limit(cls):
        return 100


class PricedNoFix(pd.BaseModel):
    # Forms reported without a fix.
    quantity: int
    label: str = ""

    @root_validator  # error: FP303
    def returns_new_dict(cls, values):
        return {**values, "label": "x"}

    @root_validator  # error: FP303
    def may_fall_through(cls, values):
        if values["quantity"]:
            return values

    @validator("label")  # error: FP303
    def field_type(cls, v, field):
        return field.type_(v)

    @validator("label")  # error: FP303
    def config_used(cls, v, config):
        return v if config.anystr_strip_whitespace else v.strip()

    @validator("label")  # error: FP303
    def kwargs_used(cls, v, **kwargs):
        return kwargs["field"].name



class Schedule(BaseModel):
    anchor: int = 0
    timezone: Optional[str] = Field(default=None, description="IANA name")
    label: str = Field(...)
    name: str = None  # V1: implicitly Optional

    @validator("anchor", always=True)  # error: FP303
    def default_anchor(cls, v):
        return v or 42

    @validator("timezone", always=True)  # error: FP303
    def default_timezone(cls, v, *, values, **kwargs):
        return v or ("UTC" if values.get("anchor") else None)

    @validator("label", always=True)  # error: FP303
    def required_label(cls, v):
        return v.strip()

    @validator("name", always=True)  # error: FP303
    def default_name(cls, v):
        return v or "n"


class Inferred(BaseModel):
    version: str = None

    @validator("version", pre=True, always=True)  # error: FP303
    def infer(cls, value):
        return value or "3.11"



def normalize(v):
    return v.strip()


def takes_values(v, values):
    return v or values.get("name")


class Reused(BaseModel):
    name: str
    title: str = ""

    _normalize = validator("name", allow_reuse=True)(normalize)  # error: FP303
    _title = pydantic.validator("title", allow_reuse=True)(takes_values)  # error: FP303
    _root = root_validator(allow_reuse=True)(takes_values)  # error: FP303


def parse_size(v):
    if isinstance(v, str) and v.endswith("GB"):
        return int(v[:-2]) * 1024
    return v


class Resources(BaseModel):
    """A shared pre validator, alone on its fields (dstack 0.12.4)."""

    memory: Optional[int] = None
    shm: Optional[int] = None

    _size = validator("memory", "shm", pre=True, allow_reuse=True)(parse_size)  # error: FP303


class Clashing(BaseModel):
    memory: int = 0

    _size = validator("memory", pre=True, allow_reuse=True)(parse_size)  # error: FP303

    @validator("memory", pre=True)  # error: FP303
    def strip(cls, v):
        return v.strip() if isinstance(v, str) else v



def clamp(values):
    values = dict(values)
    values["quantity"] = min(values["quantity"], 10)
    return values


class Rebinding(BaseModel):
    quantity: int

    @root_validator  # error: FP303
    def clamp_quantity(cls, values):
        """Rebinds values: the V1 body runs as it is, on the validated fields."""
        values = clamp(values)
        return values


class Loose(BaseModel):
    a: int

    class Config:
        extra = "allow"

    @root_validator  # error: FP303
    def sees_extras(cls, values):
        values.pop("b", None)
        return values


class Strict(BaseModel):
    a: int

    class Config:
        extra = "forbid"

    @root_validator  # error: FP303
    def fine(cls, values):
        assert values["a"] > 0
        return values


class RetryPolicy(BaseModel):
    """V1 wrapped a root validator in classmethod either way (dstack 0.12.4)."""

    retry: bool = False
    limit: Optional[int] = None

    @root_validator(skip_on_failure=True)  # error: FP303
    @classmethod
    def _validate_fields(cls, field_values):
        if field_values["retry"] and field_values.get("limit") is None:
            field_values["limit"] = 3600
        if field_values.get("limit") is not None:
            field_values["retry"] = True
        return field_values


# Clean


class Modern(BaseModel):
    name: str

    @pydantic.field_validator("name", mode="before")
    @classmethod
    def strip(cls, v):
        return v.strip()

    @pydantic.model_validator(mode="after")
    def check(self):
        return self


class KeptOnV1(pydantic.v1.BaseModel):
    name: str

    @v1_validator("name")
    def strip(cls, v):
        return v.strip()

    @pydantic.v1.root_validator(pre=True)
    def before(cls, values):
        return values


def validator_factory(field: str):  # a project function named like the V1 decorator
    def wrap(func):
        return func

    return wrap


class Plain:
    @staticmethod
    def validator(value):
        return value


class UsesLocalName(BaseModel):
    name: str

    @validator_factory("name")
    def local(cls, v):
        return v


def check_runtime():
    """Behaviour the V1 code had, checked on the V2 result (tests/test_pydantic_runtime.py)."""
    from pydantic import ValidationError

    def rejects(model, **data):
        try:
            model(**data)
        except ValidationError:
            return True
        return False

    # A pre root validator still sees the raw input first.
    s = Signup(email="a@b.c", password="x" * 12, password2="x" * 12)
    assert s.nickname == "a@b.c"
    # values (now info.data) holds the fields validated before this one.
    assert rejects(Signup, email="a@b.c", password="x" * 12, password2="y" * 12)
    assert rejects(Signup, email="a@b.c", password="short", password2="short")
    # A pre validator runs before the type check: None becomes the computed total.
    assert Order(quantity=2, unit_price=1.5, total=None).total == 3.0
    assert rejects(Order, quantity=0, unit_price=1.0)
    # A post root validator sees validated (coerced) values, and what it
    # writes into them lands in the model.
    p = Priced(quantity="2", unit_price="1.5", label="")
    assert p.total == 3.0 and p.quantity == 2
    assert p.label == "label1"  # field.name (now info.field_name), then the root validator
    assert rejects(Priced, quantity=101, unit_price=1.0)  # cls.limit() through cls = type(self)
    assert rejects(Report, start=2, end=1)
    assert RetryPolicy(retry=True).limit == 3600
    assert Resources(memory="2GB", shm=3).memory == 2048 and Resources(shm="1GB").shm == 1024
    assert RetryPolicy(limit=5).retry is True
    assert RetryPolicy().limit is None
    assert Report(start=1, end=2).end == 2
    assert rejects(Strict, a=0)
    # always=True: the validators still run on the defaults.
    schedule = Schedule(label=" x ")
    assert (schedule.anchor, schedule.timezone, schedule.label) == (42, "UTC", "x")
    assert Inferred().version == "3.11"
    assert Rebinding(quantity="50").quantity == 10  # the returned dict becomes the fields
    assert Reused(name=" a ").name == "a"  # a shared function applied as a validator
