# select: FP304
from svc.config import Settings, cached, settings

# Errors

print(settings.dict())  # error: FP304
print(cached.json())  # error: FP304


class Service:
    def __init__(self, cfg: Settings) -> None:
        self.cfg = cfg
        self.raw = {"debug": cfg.debug}

    def dump(self) -> dict:
        return self.cfg.dict()  # error: FP304

    # OK

    def copy_raw(self) -> dict:
        return self.raw.copy()


def check_runtime() -> None:
    """The fixed module works under Pydantic 2."""
    assert Service(Settings()).dump() == {"debug": False}
    assert Service(Settings()).copy_raw() == {"debug": False}
