# select: FP319
# pydantic-target-version: 1.10
from app.base import Document


def remember(document: Document, doc_id: str) -> Document:
    document._doc_id = doc_id
    return document
