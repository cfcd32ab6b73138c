import logging
from datetime import datetime
from decimal import Decimal
from time import sleep
from typing import Annotated, List

import requests
from fastapi import APIRouter, Depends, HTTPException, Query, status
from sqlalchemy import select

from ..deps import CurrentUser, DbSession, HttpClient
from ..errors import AppError
from ..models import Order, OrderStatus
from ..schemas import OrderCreate, OrderExport, OrderOut, OrderSummary
from ..security import create_service_token, require_partner_key
from ..settings import settings

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/orders", tags=["orders"])


async def get_rate_from_eur(currency: str) -> Decimal:
    if currency == "EUR":
        return Decimal("1")
    for attempt in range(3):
        resp = requests.get(settings.fx_rates_url, params={"base": "EUR", "symbols": currency}, timeout=5)
        if resp.ok:
            return Decimal(str(resp.json()["rates"][currency]))
        logger.warning("fx lookup for %s failed with %s", currency, resp.status_code)
        sleep(0.5 * (attempt + 1))
    raise HTTPException(status_code=status.HTTP_503_SERVICE_UNAVAILABLE, detail="FX rates unavailable")


async def get_owned_order(session: DbSession, user: CurrentUser, order_id: int) -> Order:
    order = await session.get(Order, order_id)
    if order is None or order.user_id != user.id:
        raise AppError(f"order {order_id} not found", status.HTTP_404_NOT_FOUND, "not_found")
    return order


@router.post("", response_model=OrderOut, status_code=status.HTTP_201_CREATED)
async def create_order(data: OrderCreate, user: CurrentUser, session: DbSession, http: HttpClient):
    rate = await get_rate_from_eur(data.currency)
    subtotal = sum((item.unit_price * item.quantity for item in data.items), Decimal("0"))
    order = Order(user_id=user.id, currency=data.currency, total=(subtotal * rate).quantize(Decimal("0.01")))
    session.add(order)
    await session.commit()
    await session.refresh(order)
    token = create_service_token("shop-api")
    await http.post(f"{settings.fulfilment_url}/orders", json={"order_id": order.id},
                    headers={"Authorization": f"Bearer {token}"})
    return order


@router.get("", response_model=List[OrderSummary])
async def list_my_orders(user: CurrentUser, session: DbSession):
    stmt = select(Order).where(Order.user_id == user.id).order_by(Order.created_at.desc())
    result = session.execute(stmt)
    return result.scalars().all()


@router.get("/export", response_model=List[OrderExport], dependencies=[Depends(require_partner_key)])
async def export_orders(session: DbSession, since: Annotated[datetime, Query()]):
    rows = await session.scalars(select(Order).where(Order.created_at >= since).order_by(Order.id).limit(500))
    return [OrderExport(order_id=o.id, customer_id=o.user_id, total=o.total, created_at=o.created_at) for o in rows]


@router.post("/{order_id}/cancel", response_model=OrderSummary)
async def cancel_order(order_id: int, user: CurrentUser, session: DbSession):
    order = await get_owned_order(session, user, order_id)
    if order.status != OrderStatus.pending:
        raise AppError("only pending orders can be cancelled", status.HTTP_409_CONFLICT, "conflict")
    order.status = OrderStatus.cancelled
    session.commit()
    return order
