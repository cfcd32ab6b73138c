import os

import fastapi.middleware.cors
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from pydantic_settings import BaseSettings
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware as StarletteCORS

ALL_ORIGINS = ["*"]
ALLOW_CREDENTIALS = True
CORS_OPTIONS = {"allow_origins": ["*"], "allow_credentials": True, "allow_methods": ["*"]}
SAFE_CORS_OPTIONS = {"allow_origins": ["https://app.example.com"], "allow_credentials": True}


class Settings(BaseSettings):
    cors_origins: list[str] = ["*"]
    trusted_origins: list[str] = ["https://app.example.com"]
    cors_credentials: bool = True


settings = Settings()

# Errors

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)  # error: FP404
app.add_middleware(  # error: FP404
    StarletteCORS,
    allow_origins=ALL_ORIGINS,
    allow_credentials=ALLOW_CREDENTIALS,
    allow_methods=["*"],
    allow_headers=["*"],
)
app.add_middleware(fastapi.middleware.cors.CORSMiddleware, allow_origin_regex=".*", allow_credentials=True)  # error: FP404
app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_credentials=settings.cors_credentials)  # error: FP404

app.add_middleware(  # error: FP404
    CORSMiddleware,
    allow_origins=os.getenv("CORS_ORIGINS", "*").split(","),
    allow_credentials=True,
)
app.add_middleware(  # error: FP404
    CORSMiddleware,
    allow_origins=[str(origin) for origin in settings.cors_origins],
    allow_credentials=True,
)

app.add_middleware(CORSMiddleware, **CORS_OPTIONS)  # error: FP404

other = FastAPI(
    middleware=[
        Middleware(CORSMiddleware, allow_origin_regex=r"https?://.*", allow_credentials=True),  # error: FP404
    ]
)

wrapped = CORSMiddleware(other, allow_origins=["*"], allow_credentials=True)  # error: FP404

# OK

wrapped_ok = CORSMiddleware(other, allow_origins=["https://app.example.com"], allow_credentials=True)

app.add_middleware(CORSMiddleware, allow_origins=["*"])
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=False)
app.add_middleware(CORSMiddleware, allow_origins=settings.trusted_origins, allow_credentials=True)
app.add_middleware(CORSMiddleware, allow_origin_regex=r"https://.*\.example\.com", allow_credentials=True)
app.add_middleware(CORSMiddleware, allow_origins=os.environ["CORS_ORIGINS"].split(","), allow_credentials=True)
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["*"], allow_headers=["*"])
app.add_middleware(CORSMiddleware, **SAFE_CORS_OPTIONS)
