import asyncio
import io
import os
import pathlib
import shutil
import subprocess
import subprocess as sp
from pathlib import Path
from subprocess import check_output, run
from subprocess import Popen as Process

import aiofiles
import anyio
from fastapi import APIRouter, FastAPI, UploadFile
from starlette.concurrency import run_in_threadpool

app = FastAPI()
router = APIRouter()
BASE_DIR = Path(__file__).resolve().parent
TEMPLATES = BASE_DIR / "templates"


# Errors


@app.get("/config")
async def read_config():
    with open("config.json") as handle:  # error: FP103
        return handle.read()


async def open_for_writing(payload: bytes):
    handle = open("/tmp/out.bin", "wb")  # error: FP103
    handle.write(payload)
    handle.close()


async def io_open():
    return io.open("data.txt").read()  # error: FP103


@router.post("/upload")
async def upload(file: UploadFile):
    with open(f"/srv/uploads/{file.filename}", "wb") as buffer:  # error: FP103
        shutil.copyfileobj(file.file, buffer)  # error: FP103
    return {"name": file.filename}


async def subprocess_spellings(path: str):
    subprocess.run(["convert", path, "out.png"], check=True)  # error: FP103
    sp.call(["ls"])  # error: FP103
    subprocess.check_call(["true"])  # error: FP103
    run(["git", "pull"])  # error: FP103
    version = check_output(["git", "rev-parse", "HEAD"])  # error: FP103
    Process(["sleep", "1"])  # error: FP103
    subprocess.getoutput("uname -a")  # error: FP103
    return version


async def local_import_of_subprocess():
    import subprocess as proc

    proc.run(["true"])  # error: FP103

    from subprocess import check_output as out

    out(["true"])  # error: FP103


async def os_process_calls(command: str):
    os.system(command)  # error: FP103
    return os.popen(command).read()  # error: FP103


async def shutil_calls(src: str, dst: str):
    shutil.copy(src, dst)  # error: FP103
    shutil.copy2(src, dst)  # error: FP103
    shutil.copyfile(src, dst)  # error: FP103
    shutil.copytree(src, dst)  # error: FP103
    shutil.move(src, dst)  # error: FP103
    shutil.rmtree(dst)  # error: FP103
    shutil.make_archive(dst, "zip", src)  # error: FP103


async def path_constructed_here(name: str):
    text = Path(name).read_text()  # error: FP103
    Path("out.bin").write_bytes(b"")  # error: FP103
    return text


async def path_in_a_variable():
    report = Path("/tmp/report.csv")
    report.write_text("a,b\n")  # error: FP103
    return report.read_bytes()  # error: FP103


async def path_module_spelling():
    return pathlib.Path("x").read_text(encoding="utf-8")  # error: FP103


async def path_parameter(target: Path, data: str):
    target.write_text(data)  # error: FP103
    with target.open() as handle:  # error: FP103
        return handle.read()


async def path_joined_with_slash(name: str):
    page = (TEMPLATES / name).read_text()  # error: FP103
    css = (BASE_DIR / "static" / "site.css").read_text()  # error: FP103
    return page + css


async def path_methods_that_return_paths(name: str):
    return Path(name).resolve().with_suffix(".json").read_text()  # error: FP103


async def path_parent_and_home():
    (Path.home() / ".netrc").read_text()  # error: FP103
    Path(__file__).parent.joinpath("VERSION").read_text()  # error: FP103


class Storage:
    def __init__(self, root: str) -> None:
        self.root = Path(root)

    async def save(self, name: str, data: bytes) -> None:
        (self.root / name).write_bytes(data)  # error: FP103

    async def load(self, name: str) -> bytes:
        with open(self.root / name, "rb") as handle:  # error: FP103
            return handle.read()


# OK


def sync_endpoint():
    with open("config.json") as handle:
        subprocess.run(["true"])
        shutil.copy("a", "b")
        return Path("x").read_text() + handle.read()


async def aiofiles_and_anyio(path: str):
    async with aiofiles.open(path) as handle:
        await handle.read()
    async with await anyio.open_file(path) as other:
        await other.read()
    await anyio.Path(path).read_text()
    await anyio.run_process(["ls"])


async def async_subprocess(command: str):
    process = await asyncio.create_subprocess_exec("ls", "-l")
    await process.wait()
    shell = await asyncio.create_subprocess_shell(command)
    await shell.wait()


async def handed_to_threads(path: str):
    await asyncio.to_thread(shutil.rmtree, path)
    await run_in_threadpool(subprocess.run, ["true"])
    await anyio.to_thread.run_sync(Path(path).read_text)
    await asyncio.to_thread(lambda: open(path).read())

    def blocking_part():
        with open(path) as handle:
            return handle.read()

    return await asyncio.to_thread(blocking_part)


async def open_is_shadowed(open, path: str):
    # `open` is a parameter here, not the builtin.
    return await open(path)


async def open_imported_from_aiofiles(path: str):
    from aiofiles import open

    async with open(path) as handle:
        return await handle.read()


async def path_operations_that_are_not_flagged(name: str, parts: list):
    path = Path(name)
    return path.name, path.suffix, path.with_suffix(".txt"), str(path), path.exists()


async def unknown_receivers(reader, name: str):
    await reader.read_text(name)
    reader.write_bytes(b"")
    data = {"read_text": 1}
    data.get("read_text")


async def strings_are_not_paths(name: str):
    full = "/srv/" + name
    return full.split("/")


async def os_functions_that_are_not_processes():
    return os.getcwd(), os.path.join("a", "b"), os.environ.get("HOME")


async def shutil_helpers_that_do_not_copy():
    return shutil.which("git")
