import pydantic as pd


class ApiModel(pd.BaseModel):
    class Config:
        orm_mode = True


class Settingsish(pd.BaseSettings):
    pass
