# select: FP201
from fastapi import APIRouter
from sqlalchemy import select, text

from app.deps import DbSession, SessionLocal, SyncDbSession
from app.models import Item, User

from .deps import DbSession as DB

router = APIRouter()

# Errors


@router.post("/users")
async def create_user(user: User, db: DbSession):
    db.add(user)
    db.commit()  # error: FP201
    db.refresh(user)  # error: FP201
    return user


@router.get("/users")
async def list_users(db: DbSession):
    return db.execute(select(User)).scalars().all()  # error: FP201


@router.get("/users/{user_id}")
async def read_user(user_id: int, db: DbSession):
    return db.get(User, user_id)  # error: FP201


@router.delete("/items/{item_id}")
async def delete_item(item_id: int, db: DB):
    item = await db.get(Item, item_id)
    db.delete(item)  # error: FP201
    db.commit()  # error: FP201


@router.get("/items")
async def list_items(db: DB):
    result = db.execute(select(Item))  # error: FP201
    return result.scalars().all()


async def purge_items():
    # SessionLocal is an async_sessionmaker defined in app/deps.py.
    async with SessionLocal() as session:
        session.execute(text("DELETE FROM items"))  # error: FP201
        session.commit()  # error: FP201


# OK


@router.put("/users/{user_id}")
async def update_user(user_id: int, user: User, db: DbSession):
    db.add(user)
    await db.commit()
    await db.refresh(user)
    return await db.get(User, user_id)


@router.get("/items/count")
async def count_items(db: DB):
    items = (await db.execute(select(Item))).scalars().all()
    return {"count": len(items)}


@router.post("/sync/users")
def create_user_sync(user: User, db: SyncDbSession):
    # SyncDbSession wraps a sync ORM Session: plain calls.
    db.add(user)
    db.commit()
    db.refresh(user)
    return user


async def refresh_all_items():
    async with SessionLocal() as session:
        async with session.begin():
            await session.execute(text("UPDATE items SET seen = true"))
