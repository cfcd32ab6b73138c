from app.schemas import ItemIn


def item_filter(item: ItemIn) -> ItemIn:
    return item


def page(size: int = 10) -> int:
    return size
