from pydantic import BaseModel


class AccountOut(BaseModel):
    id: int
