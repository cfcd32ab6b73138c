CALLS: list[str] = []


async def connect_db() -> None:
    CALLS.append("db open")


async def close_db() -> None:
    CALLS.append("db closed")
