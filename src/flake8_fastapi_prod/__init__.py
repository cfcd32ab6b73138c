"""flake8-fastapi-prod: production pitfalls of FastAPI, Pydantic v2 and async SQLAlchemy."""

__version__ = "0.1.0"
