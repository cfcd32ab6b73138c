# select: FP401
# The literal is reported where a JWT call of another module uses it (security.py).
from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env")

    SECRET_KEY: str = "09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7"
    REFRESH_SECRET_KEY: str
    ALGORITHM: str = "HS256"
    PROJECT_NAME: str = "app"


@lru_cache
def get_settings() -> Settings:
    return Settings()


settings = get_settings()
