# select: FP309,FP310
from app.config import AppSettings

# Errors


class Settings(AppSettings):
    secret_key: str = "dev-secret"  # error: FP309, FP310
    openai_api_key: str  # error: FP309
