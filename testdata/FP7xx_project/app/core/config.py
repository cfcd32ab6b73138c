class Settings:
    redis_url = "memory://"


settings = Settings()
