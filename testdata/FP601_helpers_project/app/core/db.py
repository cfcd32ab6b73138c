async def connect_db() -> None:
    pass


async def close_db() -> None:
    pass
