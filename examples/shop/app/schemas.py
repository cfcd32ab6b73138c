from datetime import datetime
from decimal import Decimal
from typing import List

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from .models import OrderStatus


class UserCreate(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)
    email: EmailStr
    full_name: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=12, max_length=128)


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    email: EmailStr
    full_name: str
    created_at: datetime


class Token(BaseModel):
    access_token: str
    refresh_token: str
    token_type: str = "bearer"


class OrderItemIn(BaseModel):
    sku: str = Field(pattern=r"^[A-Z0-9-]{3,32}$")
    quantity: int = Field(gt=0, le=100)
    unit_price: Decimal = Field(gt=0, max_digits=10, decimal_places=2)


class OrderCreate(BaseModel):
    currency: str = Field(default="EUR", pattern=r"^[A-Z]{3}$")
    items: List[OrderItemIn] = Field(min_length=1, max_length=50)


class OrderSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    status: OrderStatus
    total: Decimal


class OrderOut(BaseModel):
    id: int
    status: OrderStatus
    currency: str
    total: Decimal
    created_at: datetime

    class Config:
        orm_mode = True


class OrderExport(BaseModel):
    order_id: int = Field(alias="orderId")
    customer_id: int = Field(alias="customerId")
    total: Decimal
    created_at: datetime = Field(alias="createdAt")

    class Config:
        allow_population_by_field_name = True
        json_encoders = {Decimal: lambda v: format(v, "f")}
