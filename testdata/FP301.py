import datetime
import decimal
from typing import Any, Dict, Generic, List, Optional, TypeVar

import pydantic
import pydantic.v1 as pydantic_v1
import pydantic_settings
from acme_sdk.resources import Resource
from pydantic import BaseModel, ConfigDict, Extra, Field
from pydantic import BaseModel as PydanticBase
from pydantic.v1 import BaseModel as V1BaseModel
from pydantic.v1 import BaseSettings as V1BaseSettings
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, declarative_base, mapped_column
from sqlmodel import Field as SQLModelField
from sqlmodel import SQLModel

T = TypeVar("T")

# Errors


class UserOut(BaseModel):
    id: int
    email: str

    class Config:  # error: FP301
        orm_mode = True


class ProductSchema(BaseModel):
    name: str
    price: decimal.Decimal
    created_at: datetime.datetime

    class Config:  # error: FP301
        orm_mode = True
        allow_population_by_field_name = True
        anystr_strip_whitespace = True
        schema_extra = {
            "example": {
                "name": "Widget",
                "price": "9.99",
                "created_at": "2024-01-01T00:00:00Z",
            }
        }
        json_encoders = {
            decimal.Decimal: str,
            datetime.datetime: lambda v: v.isoformat(),
        }


class Settings(BaseSettings):
    database_url: str = "sqlite+aiosqlite:///./app.db"
    debug: bool = False

    class Config:  # error: FP301
        env_file = ".env"
        env_prefix = "APP_"
        case_sensitive = False


class WorkerSettings(pydantic_settings.BaseSettings):
    queue_url: str = "redis://localhost:6379/0"

    class Config:  # error: FP301
        env_file = ".env.worker"
        env_file_encoding = "utf-8"


class QualifiedModel(pydantic.BaseModel):
    name: str

    class Config:  # error: FP301
        validate_assignment = True


class AliasedBaseModel(PydanticBase):
    name: str

    class Config:  # error: FP301
        extra = Extra.forbid


class HeroBase(SQLModel):
    name: str
    secret_name: str

    class Config:  # error: FP301
        orm_mode = True


class Hero(SQLModel, table=True):
    id: Optional[int] = SQLModelField(default=None, primary_key=True)

    class Config:  # error: FP301
        arbitrary_types_allowed = True


class Base(BaseModel):
    pass


class Account(Base):
    # Pydantic model through a base class defined in this module.
    id: int

    class Config:  # error: FP301
        orm_mode = True


class AdminAccount(Account):
    # Two levels down from BaseModel.
    level: int

    class Config:  # error: FP301
        allow_mutation = False


class TimestampMixin:
    created_at: Optional[datetime.datetime] = None


class Invoice(TimestampMixin, BaseModel):
    total: decimal.Decimal

    class Config:  # error: FP301
        frozen = True


class Page(BaseModel, Generic[T]):
    items: List[T]
    total: int

    class Config:  # error: FP301
        arbitrary_types_allowed = True


class Order(BaseModel):
    id: int

    class Config:  # error: FP301
        title = "Order"

        # A Config holding a method is still a V1 Config.
        @staticmethod
        def schema_extra(schema: Dict[str, Any], model: Any) -> None:
            schema.pop("title", None)


class ClassConfigWithV2Keys(BaseModel):
    value: str = Field(..., min_length=1)

    class Config:  # error: FP301
        use_enum_values = True
        populate_by_name = True

    def describe(self) -> str:
        return self.value


def build_model_in_function():
    class LocalModel(BaseModel):
        name: str

        class Config:  # error: FP301
            orm_mode = True

    return LocalModel


# OK


class Config:
    # Module-level Config class (not nested in a model).
    debug = True


class PlainService:
    class Config:
        retries = 3


class UnknownThirdPartyResource(Resource):
    # Unknown base class: not known to be a pydantic model.
    class Config:
        endpoint = "/widgets"


LegacyDeclarativeBase = declarative_base()


class LegacyUserRow(LegacyDeclarativeBase):
    __tablename__ = "legacy_users"
    id = Column(Integer, primary_key=True)
    name = Column(String)

    class Config:
        cache_ok = True


class OrmBase(DeclarativeBase):
    pass


class ItemRow(OrmBase):
    __tablename__ = "items"
    id: Mapped[int] = mapped_column(primary_key=True)

    class Config:
        cache_ok = True


class LegacyV1Model(V1BaseModel):
    # pydantic.v1 is the V1 API on purpose.
    name: str

    class Config:
        orm_mode = True


class LegacyV1Settings(V1BaseSettings):
    api_url: str = "http://localhost"

    class Config:
        env_prefix = "LEGACY_"


class LegacyV1QualifiedModel(pydantic_v1.BaseModel):
    name: str

    class Config:
        allow_population_by_field_name = True


def build_v1_model_in_function():
    from pydantic.v1 import BaseModel

    class LocalV1Model(BaseModel):
        name: str

        class Config:
            orm_mode = True

    return LocalV1Model


class ModernUser(BaseModel):
    model_config = ConfigDict(from_attributes=True, populate_by_name=True)

    id: int
    email: str


class ModernSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_prefix="APP_", case_sensitive=False)

    debug: bool = False


class ModelWithMetaNotConfig(BaseModel):
    name: str

    class Meta:
        table = "things"


class ModelWithConfigField(BaseModel):
    config: Dict[str, Any] = {}


def config_class_inside_function():
    class Config:
        orm_mode = True

    return Config


def check_runtime():
    """The V1 keys take effect after the conversion (API shared by V1 and V2)."""
    from types import SimpleNamespace

    from_orm = getattr(UserOut, "model_validate", None)
    user = from_orm(SimpleNamespace(id=1, email="a@b.c")) if from_orm else UserOut.from_orm(SimpleNamespace(id=1, email="a@b.c"))
    assert user.id == 1  # orm_mode became from_attributes
    assert ProductSchema(name="  w ", price="1.5", created_at="2024-01-01T00:00:00Z").name == "w"
    try:
        AliasedBaseModel(name="a", unknown=1)
    except ValueError:
        pass
    else:
        raise AssertionError("extra = Extra.forbid did not take effect")
    admin = AdminAccount(id=1, level=2)
    try:
        admin.level = 3
    except (TypeError, ValueError):
        pass
    else:
        raise AssertionError("allow_mutation = False did not take effect")
