# select: FP409
from pathlib import Path

UPLOAD_DIR = Path("/srv/uploads")


def save_file(filename: str, content: bytes) -> Path:
    path = UPLOAD_DIR / filename
    path.write_bytes(content)
    return path


def save_named(filename: str, content: bytes) -> Path:
    path = UPLOAD_DIR / Path(filename).name
    path.write_bytes(content)
    return path


async def save_upload(upload) -> Path:
    path = UPLOAD_DIR / upload.filename
    path.write_bytes(await upload.read())
    return path


async def save_upload_as(upload, key: str) -> Path:
    path = UPLOAD_DIR / key
    path.write_bytes(await upload.read())
    return path
