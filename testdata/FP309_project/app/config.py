from pydantic_settings import BaseSettings


class AppSettings(BaseSettings):
    name: str = "app"
