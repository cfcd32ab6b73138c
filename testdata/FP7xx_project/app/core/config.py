class Settings:
    redis_url = "memory://"
    rate_limit_headers = True


settings = Settings()


#: Read by the limiter module: a constant, so the headers are on.
RATE_LIMIT_HEADERS = True
