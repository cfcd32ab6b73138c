# select: FP409
"""The client's filename passed to a helper that builds a path with it, and
the file parts of ``await request.form()``."""

import os
import shutil
import uuid
from pathlib import Path

import aiofiles
from fastapi import FastAPI, HTTPException, Request, UploadFile

app = FastAPI()
ROOT = os.path.realpath("uploads")


def write_file(name: str, data: bytes) -> None:
    with open(os.path.join("uploads", name), "wb") as out:
        out.write(data)


async def write_upload(data: bytes, *, name: str, folder: str = "uploads") -> None:
    async with aiofiles.open(os.path.join(folder, name), "wb") as out:
        await out.write(data)


def store(upload, folder: str) -> None:
    with open(os.path.join(folder, upload.filename), "wb") as out:
        shutil.copyfileobj(upload.file, out)


def save_basename(name: str, data: bytes) -> None:
    with open(os.path.join("uploads", os.path.basename(name)), "wb") as out:
        out.write(data)


def save_contained(name: str, data: bytes) -> None:
    path = os.path.realpath(os.path.join(ROOT, name))
    if not path.startswith(ROOT + os.sep):
        raise HTTPException(400, "bad name")
    with open(path, "wb") as out:
        out.write(data)


def save_generated(original_name: str, data: bytes) -> str:
    path = Path("uploads") / uuid.uuid4().hex
    path.write_bytes(data)
    return f"{original_name} -> {path}"


# Errors


@app.post("/a")
async def through_helper(file: UploadFile):
    write_file(file.filename, await file.read())  # error: FP409


@app.post("/b")
async def through_keyword(file: UploadFile):
    name = file.filename.lower()
    await write_upload(await file.read(), name=name)  # error: FP409


@app.post("/c")
def through_unannotated_helper(file: UploadFile):
    if file.filename:
        store(file, "uploads")  # error: FP409


@app.post("/c2")
def route_never_reads_the_filename(file: UploadFile):
    store(file, "uploads")  # error: FP409


@app.post("/d")
async def form_item(request: Request):
    form = await request.form()
    upload = form["file"]
    with open(os.path.join("uploads", upload.filename), "wb") as out:  # error: FP409
        out.write(await upload.read())


@app.post("/e")
async def form_get(request: Request):
    form = await request.form()
    part = form.get("file")
    Path("uploads", part.filename).write_bytes(await part.read())  # error: FP409


@app.post("/f")
async def form_getlist(request: Request):
    async with request.form() as form:
        for part in form.getlist("files"):
            (Path("uploads") / part.filename).write_bytes(await part.read())  # error: FP409


# OK


@app.post("/g")
async def helpers_that_are_safe(file: UploadFile):
    data = await file.read()
    save_basename(file.filename, data)
    save_contained(file.filename, data)
    return {"stored": save_generated(file.filename, data)}


def store_generated(upload, folder: str) -> None:
    with open(os.path.join(folder, uuid.uuid4().hex), "wb") as out:
        shutil.copyfileobj(upload.file, out)


@app.post("/g2")
def upload_to_a_helper_that_names_the_file_itself(file: UploadFile):
    store_generated(file, "uploads")
    return {"size": file.size}


@app.post("/h")
async def form_sanitised(request: Request):
    form = await request.form()
    upload = form["file"]
    title = form["title"]  # a text field: its value is not a filename
    with open(os.path.join("uploads", Path(upload.filename).name), "wb") as out:
        out.write(await upload.read())
    return {"title": title}


def contained_inline(file: UploadFile) -> None:
    path = os.path.realpath(os.path.join(ROOT, file.filename))
    if not path.startswith(ROOT + os.sep):
        raise HTTPException(400, "bad name")
    with open(path, "wb") as out:
        shutil.copyfileobj(file.file, out)
