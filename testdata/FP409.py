import os
import shutil
import uuid
from pathlib import Path
from typing import Annotated

import aiofiles
from fastapi import FastAPI, File, UploadFile
from werkzeug.utils import secure_filename

app = FastAPI()
UPLOAD_DIR = Path("uploads")

# Errors


@app.post("/upload")
async def upload(file: UploadFile):
    with open(f"uploads/{file.filename}", "wb") as out:  # error: FP409
        out.write(await file.read())


@app.post("/upload-join")
async def upload_join(file: Annotated[UploadFile, File()]):
    name = file.filename
    path = os.path.join("uploads", name)
    async with aiofiles.open(path, "wb") as out:  # error: FP409
        await out.write(await file.read())


@app.post("/upload-path")
async def upload_path(file: UploadFile = File(...)):
    target = UPLOAD_DIR / file.filename
    target.write_bytes(await file.read())  # error: FP409


@app.post("/upload-many")
async def upload_many(files: list[UploadFile]):
    for upload_file in files:
        destination = "uploads/" + upload_file.filename.replace(" ", "_")
        with open(destination, "wb") as buffer:  # error: FP409
            shutil.copyfileobj(upload_file.file, buffer)


@app.post("/upload-move")
async def upload_move(file: UploadFile, tmp: str):
    shutil.move(tmp, os.path.join("/srv/data", file.filename))  # error: FP409
    Path("/srv/data", file.filename).mkdir(parents=True)  # error: FP409


# OK


@app.post("/upload-basename")
async def upload_basename(file: UploadFile):
    safe = os.path.basename(file.filename)
    with open(os.path.join("uploads", safe), "wb") as out:
        out.write(await file.read())


@app.post("/upload-name")
async def upload_name(file: UploadFile):
    (UPLOAD_DIR / Path(file.filename).name).write_bytes(await file.read())


@app.post("/upload-secure")
async def upload_secure(file: UploadFile):
    filename = file.filename
    filename = secure_filename(filename)
    with open(UPLOAD_DIR / filename, "wb") as out:
        out.write(await file.read())


@app.post("/upload-generated")
async def upload_generated(file: UploadFile):
    extension = file.filename.rsplit(".", 1)[-1]
    suffix = os.path.splitext(file.filename)[1]
    with open(f"uploads/{uuid.uuid4().hex}.{extension}", "wb") as out:
        out.write(await file.read())
    with open(UPLOAD_DIR / f"{uuid.uuid4()}{suffix}", "wb") as out:
        out.write(b"")
    return {"filename": file.filename}


@app.post("/upload-checked")
async def upload_checked(file: UploadFile):
    target = (UPLOAD_DIR / file.filename).resolve()
    if not target.is_relative_to(UPLOAD_DIR.resolve()):
        raise ValueError("bad name")
    target.write_bytes(await file.read())


def not_an_upload(record: object, filename: str) -> None:
    with open(f"exports/{filename}", "w") as out:
        out.write(str(record))
