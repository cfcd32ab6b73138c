class Settings:
    redis_url = "redis://redis:6379/0"


settings = Settings()
