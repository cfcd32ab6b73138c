import asyncio
import contextlib
from datetime import datetime, timedelta, timezone
from typing import Dict

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from sqlalchemy import text, update

from .db import SessionLocal, engine
from .errors import register_exception_handlers
from .models import Order, OrderStatus
from .routers import orders, users
from .settings import settings

app = FastAPI(title=settings.app_name, docs_url=None if settings.environment == "production" else "/docs")
app.add_middleware(GZipMiddleware, minimum_size=1024)
app.add_middleware(
    CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"], allow_headers=["*"]
)
register_exception_handlers(app)
app.include_router(users.router)
app.include_router(orders.router)


async def expire_stale_orders(interval: float = 300.0) -> None:
    while True:
        cutoff = datetime.now(timezone.utc) - timedelta(hours=24)
        async with SessionLocal() as session:
            stmt = update(Order).where(Order.status == OrderStatus.pending, Order.created_at < cutoff)
            await session.execute(stmt.values(status=OrderStatus.cancelled))
            await session.commit()
        await asyncio.sleep(interval)


@app.on_event("startup")
async def on_startup() -> None:
    async with engine.connect() as conn:
        await conn.execute(text("SELECT 1"))
    app.state.cleanup_task = asyncio.create_task(expire_stale_orders())


@app.on_event("shutdown")
async def on_shutdown() -> None:
    app.state.cleanup_task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await app.state.cleanup_task
    await engine.dispose()


@app.get("/health", tags=["ops"])
async def health() -> Dict[str, str]:
    return {"status": "ok"}

