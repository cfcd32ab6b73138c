import os

from fastapi import FastAPI
from fastapi.middleware.trustedhost import TrustedHostMiddleware as FastAPITrustedHost
from pydantic_settings import BaseSettings
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

ANY_HOST = ["*"]


class Settings(BaseSettings):
    allowed_hosts: list[str] = ["*"]
    production_hosts: list[str] = ["api.example.com"]


settings = Settings()
app = FastAPI()

# Errors

app.add_middleware(TrustedHostMiddleware, allowed=["*"])  # error: FP410
app.add_middleware(TrustedHostMiddleware, allowed_hosts=["*"])  # error: FP410
app.add_middleware(FastAPITrustedHost)  # error: FP410
app.add_middleware(TrustedHostMiddleware, allowed_hosts=ANY_HOST, www_redirect=False)  # error: FP410
app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.allowed_hosts)  # error: FP410
other = FastAPI(middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=["example.com", "*"])])  # error: FP410
app.add_middleware(TrustedHostMiddleware, allowed_hosts="*")  # error: FP410
app.add_middleware(TrustedHostMiddleware, allowed_hosts=os.environ.get("ALLOWED_HOSTS", "*"))  # error: FP410

wrapped = TrustedHostMiddleware(app, allowed_hosts=["*"])  # error: FP410

# OK

wrapped_ok = TrustedHostMiddleware(app, allowed_hosts=["api.example.com"])

app.add_middleware(TrustedHostMiddleware, allowed_hosts=["api.example.com", "*.example.com"])
app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.production_hosts)
app.add_middleware(TrustedHostMiddleware, allowed_hosts=os.environ["ALLOWED_HOSTS"].split(","))
app.add_middleware(TrustedHostMiddleware, allowed_hosts=os.environ["ALLOWED_HOSTS"])
