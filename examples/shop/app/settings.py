from functools import lru_cache

from pydantic import SecretStr
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    app_name: str = "shop-api"
    environment: str = "production"
    debug: bool = False
    database_url: SecretStr
    db_pool_size: int = 10
    jwt_secret: SecretStr
    jwt_algorithm: str = "HS256"
    access_token_expire_minutes: int = 15
    refresh_token_expire_days: int = 7
    admin_api_key: SecretStr
    partner_api_key: SecretStr
    fx_rates_url: str = "https://api.exchangerate.host/latest"
    fulfilment_url: str = "http://fulfilment.internal:8080"
    mailer_url: str = "http://mailer.internal:8080"

    class Config:
        env_file = ".env"
        env_file_encoding = "utf-8"


class Pagination:
    """Plain constants holder shared by list endpoints."""

    class Config:
        default_limit = 20
        max_limit = 100


@lru_cache
def get_settings() -> Settings:
    return Settings()


settings = get_settings()
