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
