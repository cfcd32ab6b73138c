# select: FP319
# pydantic-target-version: 1.10
import typing as t

from pydantic import BaseModel

# Errors


class Resource(BaseModel):
    _endpoint: t.Optional[str] = None  # error: FP319
    _cache = {}  # error: FP319

    @classmethod
    def endpoint(cls) -> str:
        return cls._endpoint or "/"


class Document(BaseModel):
    # Another module assigns _doc_id on an instance (V1 allowed it: extra="allow").
    _doc_id = None  # error: FP319
    _kind = "document"  # error: FP319

    class Config:
        extra = "allow"


# OK


class Declared(BaseModel):
    _kind: t.ClassVar[str] = "declared"
