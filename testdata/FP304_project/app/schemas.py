from pydantic import BaseModel


class Base(BaseModel):
    id: int


class ItemOut(Base):
    name: str


class Legacy:
    @classmethod
    def parse_obj(cls, raw):
        return cls()
