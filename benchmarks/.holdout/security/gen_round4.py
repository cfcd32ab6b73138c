C = {}
C["409p_helper_crossmodule"] = {
 "app/__init__.py": "",
 "app/storage.py": '''
from pathlib import Path

UPLOAD_DIR = Path("/srv/uploads")


def save_file(filename: str, content: bytes) -> Path:
    path = UPLOAD_DIR / filename
    path.write_bytes(content)
    return path
''',
 "app/routes.py": '''
from fastapi import APIRouter, UploadFile

from app.storage import save_file

router = APIRouter()


@router.post("/upload")
async def upload(file: UploadFile):
    save_file(file.filename, await file.read())  # expect: FP409
    return {"ok": True}
'''}
C["409p_helper_unannotated_upload"] = {"main.py": '''
import os
import shutil

from fastapi import FastAPI, UploadFile

app = FastAPI()


def store(upload, folder):
    with open(os.path.join(folder, upload.filename), "wb") as out:
        shutil.copyfileobj(upload.file, out)


@app.post("/upload")
def upload(file: UploadFile):
    store(file, "uploads")  # expect: FP409
'''}
C["409p_helper_keyword"] = {"main.py": '''
import os

import aiofiles
from fastapi import FastAPI, UploadFile

app = FastAPI()


async def write_upload(data: bytes, *, name: str, folder: str = "uploads") -> None:
    async with aiofiles.open(os.path.join(folder, name), "wb") as out:
        await out.write(data)


@app.post("/upload")
async def upload(file: UploadFile):
    await write_upload(await file.read(), name=file.filename)  # expect: FP409
'''}
C["409p_form_getlist"] = {"main.py": '''
from pathlib import Path

from starlette.requests import Request
from starlette.responses import JSONResponse


async def upload(request: Request):
    async with request.form() as form:
        for part in form.getlist("files"):
            (Path("uploads") / part.filename).write_bytes(await part.read())  # expect: FP409
    return JSONResponse({"ok": True})
'''}
C["409p_form_get"] = {"main.py": '''
import os

from fastapi import FastAPI, Request

app = FastAPI()


@app.post("/upload")
async def upload(request: Request):
    form = await request.form()
    f = form.get("file")
    path = os.path.join("uploads", f.filename)
    with open(path, "wb") as out:  # expect: FP409
        out.write(await f.read())
'''}
C["409n_helper_sanitises"] = {"main.py": '''
import os

from fastapi import FastAPI, UploadFile

app = FastAPI()


def save(name: str, data: bytes) -> None:
    with open(os.path.join("uploads", os.path.basename(name)), "wb") as out:
        out.write(data)


@app.post("/upload")
async def upload(file: UploadFile):
    save(file.filename, await file.read())
'''}
C["409n_helper_not_path"] = {"main.py": '''
import uuid
from pathlib import Path

from fastapi import FastAPI, UploadFile

app = FastAPI()


class Document:
    def __init__(self, name, path):
        self.name, self.path = name, path


def store(original_name: str, data: bytes) -> Document:
    path = Path("uploads") / uuid.uuid4().hex
    path.write_bytes(data)
    return Document(name=original_name, path=str(path))


def log_upload(name: str) -> None:
    print("uploaded", name)


@app.post("/upload")
async def upload(file: UploadFile):
    log_upload(file.filename)
    doc = store(file.filename, await file.read())
    return {"id": doc.path}
'''}
C["409n_form_sanitised"] = {"main.py": '''
import os
from pathlib import Path

from fastapi import FastAPI, Request

app = FastAPI()


@app.post("/upload")
async def upload(request: Request):
    form = await request.form()
    upload = form["file"]
    with open(os.path.join("uploads", Path(upload.filename).name), "wb") as out:
        out.write(await upload.read())
'''}
C["409n_helper_validates"] = {"main.py": '''
import os

from fastapi import FastAPI, HTTPException, UploadFile

app = FastAPI()
ROOT = os.path.realpath("uploads")


def save(name: str, data: bytes) -> None:
    path = os.path.realpath(os.path.join(ROOT, name))
    if not path.startswith(ROOT + os.sep):
        raise HTTPException(400, "bad name")
    with open(path, "wb") as out:
        out.write(data)


@app.post("/upload")
async def upload(file: UploadFile):
    save(file.filename, await file.read())
'''}
