import os

from pydantic import BaseSettings as V1Settings, Field, SecretStr
from pydantic_settings import BaseSettings

# Errors


class Settings(BaseSettings):
    secret_key: SecretStr = SecretStr("change-me")  # error: FP310
    jwt_secret: SecretStr = "dev"  # error: FP310
    db_password: SecretStr = Field("postgres")  # error: FP310
    api_token: SecretStr = Field(default="abc", description="token")  # error: FP310


class Legacy(V1Settings):
    database_url: SecretStr = "postgresql://u:p@localhost/db"  # error: FP310


# OK


class Fine(BaseSettings):
    secret_key: SecretStr
    api_token: SecretStr = SecretStr("")
    db_password: SecretStr = Field(default_factory=lambda: SecretStr(os.environ["PW"]))
    stripe_key: SecretStr = None
    token_url: str = "https://auth/token"
    debug_secret: bool = True
    from_env: SecretStr = os.environ.get("SECRET", "")
