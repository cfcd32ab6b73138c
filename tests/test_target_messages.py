"""Messages that depend on the target: what a finding claims must be true
for the versions the checked project runs (seen on real services)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HANDLER = """\
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

app = FastAPI()


@app.exception_handler(RequestValidationError)
async def handler(request, exc: RequestValidationError):
    return JSONResponse({"detail": str(exc)}, status_code=400)
"""


def fp501(tmp_path: Path, *options: str) -> str:
    path = tmp_path / "handlers.py"
    path.write_text(HANDLER, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "--select", "FP501", *options, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stderr == ""
    return result.stdout


def test_fp501_claims_the_source_location_from_fastapi_0_124(tmp_path: Path) -> None:
    assert "source file, line and function name" in fp501(tmp_path, "--fastapi-target-version", "0.124.0")
    assert "source file, line and function name" in fp501(tmp_path)  # newest


def test_fp501_on_an_older_fastapi_says_the_text_is_unstructured(tmp_path: Path) -> None:
    # lnbits 0.12 (fastapi 0.112.0, pydantic 1.10): str(exc) is the errors' repr only.
    out = fp501(tmp_path, "--fastapi-target-version", "0.112.0")
    assert "FP501" in out and "source file" not in out and "Python reprs" in out
