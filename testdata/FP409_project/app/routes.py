# select: FP409
import uuid

from fastapi import APIRouter, UploadFile

from app import storage
from app.storage import save_file

router = APIRouter()


@router.post("/upload")
async def upload(file: UploadFile) -> dict[str, str]:
    data = await file.read()
    save_file(file.filename, data)  # error: FP409
    storage.save_file(filename=file.filename, content=data)  # error: FP409
    return {"path": str(storage.save_named(file.filename, data))}


@router.post("/upload-raw")
async def upload_raw(file: UploadFile) -> dict[str, str]:
    await storage.save_upload(file)  # error: FP409
    return {"path": str(await storage.save_upload_as(file, f"{uuid.uuid4().hex}.bin"))}
