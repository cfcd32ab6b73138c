"""FP3xx: Pydantic v2 (V1 API, migration, settings)."""
