"""What the fixer does to the files it writes (fix/files.py): read-only
files are left alone, owner, group, mode and hard links are kept, a clean
file is never touched; as root and as an unprivileged user.

The suite runs as root in CI containers: the unprivileged cases then run in
a forked child that drops to uid/gid 65534 (no account needed); as a normal
user they run in-process. A case that needs root to set up is skipped
without it."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from flake8_fastapi_prod.fix import files
from flake8_fastapi_prod.fix.cli import main
from flake8_fastapi_prod.fix.files import WriteRefused, read_file, write_file

FLAGGED = "import time\n\n\nasync def handler():\n    time.sleep(1)\n"
FIXED = "import asyncio\n\n\nasync def handler():\n    await asyncio.sleep(1)\n"
CLEAN = FIXED

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
USER, OTHER = 65534, 65533
needs_root = pytest.mark.skipif(not IS_ROOT, reason="needs root to give a file to another user")
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX owners and modes")


@pytest.fixture
def shared_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A directory every user may enter and create files in (pytest's
    tmp_path sits under a 0700 folder the unprivileged child cannot enter)."""
    directory = Path(tempfile.mkdtemp(prefix="fp-files-", dir="/tmp" if os.path.isdir("/tmp") else None))
    directory.chmod(0o777)
    monkeypatch.chdir(directory)
    yield directory
    shutil.rmtree(directory, ignore_errors=True)


def write(path: Path, text: str, mode: int = 0o644, owner: tuple[int, int] | None = None) -> Path:
    path.write_bytes(text.encode("utf-8"))
    path.chmod(mode)
    if owner is not None:
        os.chown(path, *owner)
    return path


def run_unprivileged(args: list[str], cwd: Path) -> tuple[int, str]:
    """``main(args)`` as a user other than root: (exit status, stderr)."""
    err_path = cwd / ".stderr"
    if not IS_ROOT:
        with open(err_path, "w", encoding="utf-8") as err, contextlib.redirect_stderr(err):
            code = main(args)
        return code, err_path.read_text(encoding="utf-8")
    main(["--check", "-j", "1", "-q", str(cwd / "missing-on-purpose")])  # import everything first
    err_fd = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    os.chmod(err_path, 0o666)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 3
        try:
            os.dup2(err_fd, 2)
            os.setgroups([])
            os.setgid(USER)
            os.setuid(USER)
            os.chdir(cwd)
            sys.stderr = os.fdopen(2, "w", closefd=False)
            code = main(args)
            sys.stderr.flush()
        except BaseException as error:
            os.write(2, f"child failed: {error!r}\n".encode())
        finally:
            os._exit(code)
    os.close(err_fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), err_path.read_text(encoding="utf-8")


def owner_of(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_uid, info.st_gid


# -- as whoever runs the suite ------------------------------------------------


@posix_only
def test_read_only_file_is_reported_and_left_alone(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Also as root, who could write it: 0444 means "do not write"."""
    target = write(shared_dir / "app.py", FLAGGED, 0o444)
    before = target.stat()
    assert main(["-j", "1", str(target)]) == 2
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if "error" in line]
    assert lines == [f"{target}: error: cannot write: the file is read-only; file left unchanged"]
    after = target.stat()
    assert target.read_text(encoding="utf-8") == FLAGGED
    assert (after.st_ino, after.st_mtime_ns, stat.S_IMODE(after.st_mode)) == (
        before.st_ino,
        before.st_mtime_ns,
        0o444,
    )


@posix_only
def test_mode_is_kept_and_the_write_is_a_rename(shared_dir: Path) -> None:
    target = write(shared_dir / "app.py", FLAGGED, 0o640)
    inode = target.stat().st_ino
    assert main([str(target)]) == 0
    assert target.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.stat().st_ino != inode, "a one-link file is replaced atomically"
    assert [p.name for p in shared_dir.iterdir() if p.name.endswith(".tmp")] == []


@posix_only
def test_hard_links_are_kept(shared_dir: Path) -> None:
    target = write(shared_dir / "app.py", FLAGGED)
    other = shared_dir / "copy.py"
    os.link(target, other)
    assert main(["-j", "1", str(target)]) == 0
    assert other.read_text(encoding="utf-8") == FIXED
    assert target.stat().st_ino == other.stat().st_ino and target.stat().st_nlink == 2


def test_clean_file_is_not_touched(shared_dir: Path) -> None:
    target = write(shared_dir / "clean.py", CLEAN)
    before = target.stat()
    assert main([str(target)]) == 0
    after = target.stat()
    assert (after.st_ino, after.st_mtime_ns, after.st_ctime_ns) == (
        before.st_ino,
        before.st_mtime_ns,
        before.st_ctime_ns,
    )


def test_a_crash_before_the_rename_leaves_the_original(shared_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = write(shared_dir / "app.py", FLAGGED)

    def crash(*args: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(files.os, "replace", crash)
    assert main(["-j", "1", str(target)]) == 2
    assert target.read_text(encoding="utf-8") == FLAGGED
    assert sorted(p.name for p in shared_dir.iterdir() if not p.name.startswith(".stderr")) == ["app.py"]


def test_a_file_changed_while_fixing_is_not_overwritten(shared_dir: Path) -> None:
    target = write(shared_dir / "app.py", FLAGGED)
    _, snapshot = read_file(target)
    target.write_text(FLAGGED + "# edited meanwhile\n", encoding="utf-8")
    os.utime(target, ns=(snapshot.mtime_ns + 10**9, snapshot.mtime_ns + 10**9))
    with pytest.raises(WriteRefused, match="changed while it was being fixed"):
        write_file(target, FIXED.encode(), snapshot)
    assert target.read_text(encoding="utf-8").endswith("# edited meanwhile\n")


@needs_root
def test_root_keeps_another_user_s_owner_and_group(shared_dir: Path) -> None:
    target = write(shared_dir / "app.py", FLAGGED, 0o664, owner=(OTHER, OTHER))
    assert main(["-j", "1", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == FIXED
    assert owner_of(target) == (OTHER, OTHER)
    assert stat.S_IMODE(target.stat().st_mode) == 0o664


@needs_root
def test_root_keeps_owner_and_links_of_a_hard_linked_file(shared_dir: Path) -> None:
    target = write(shared_dir / "app.py", FLAGGED, 0o600, owner=(OTHER, USER))
    os.link(target, shared_dir / "alias.py")
    assert main(["-j", "1", str(target)]) == 0
    assert (shared_dir / "alias.py").read_text(encoding="utf-8") == FIXED
    assert owner_of(target) == (OTHER, USER) and stat.S_IMODE(target.stat().st_mode) == 0o600


# -- as an unprivileged user ----------------------------------------------------

unprivileged = pytest.mark.skipif(
    sys.platform == "win32" or (IS_ROOT and not hasattr(os, "fork")), reason="needs fork and setuid"
)


def _own(path: Path) -> None:
    if IS_ROOT:
        os.chown(path, USER, USER)


@unprivileged
def test_user_read_only_file_in_a_writable_folder(shared_dir: Path) -> None:
    """The issue's case: the rename would succeed, the file must not change."""
    target = write(shared_dir / "app.py", FLAGGED, 0o444)
    _own(target)
    code, err = run_unprivileged([str(target)], shared_dir)
    assert code == 2, err
    assert "cannot write: the file is read-only; file left unchanged" in err
    assert target.read_text(encoding="utf-8") == FLAGGED


@unprivileged
def test_user_cannot_replace_a_file_of_another_user(shared_dir: Path) -> None:
    owner = (0, 0) if IS_ROOT else None
    target = write(shared_dir / "app.py", FLAGGED, 0o644, owner=owner)
    if not IS_ROOT:
        pytest.skip("needs root to create a file of another user")
    code, err = run_unprivileged([str(target)], shared_dir)
    assert code == 2, err
    assert "cannot write: permission denied; file left unchanged" in err
    assert target.read_text(encoding="utf-8") == FLAGGED and owner_of(target) == (0, 0)


@unprivileged
def test_user_fixes_own_file_keeping_mode(shared_dir: Path) -> None:
    target = write(shared_dir / "app.py", FLAGGED, 0o604)
    _own(target)
    code, err = run_unprivileged([str(target)], shared_dir)
    assert code == 0, err
    assert target.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(target.stat().st_mode) == 0o604
    if IS_ROOT:
        assert owner_of(target) == (USER, USER)


@unprivileged
def test_user_writes_a_shared_file_in_place_keeping_its_owner(shared_dir: Path) -> None:
    """Writable by the user but owned by another: a rename would make the
    user its owner, so the file is rewritten in place."""
    if not IS_ROOT:
        pytest.skip("needs root to create a file of another user")
    target = write(shared_dir / "app.py", FLAGGED, 0o666, owner=(OTHER, OTHER))
    inode = target.stat().st_ino
    code, err = run_unprivileged([str(target)], shared_dir)
    assert code == 0, err
    assert target.read_text(encoding="utf-8") == FIXED
    assert owner_of(target) == (OTHER, OTHER) and target.stat().st_ino == inode


@unprivileged
def test_user_keeps_hard_links(shared_dir: Path) -> None:
    target = write(shared_dir / "app.py", FLAGGED)
    _own(target)
    os.link(target, shared_dir / "alias.py")
    code, err = run_unprivileged([str(target)], shared_dir)
    assert code == 0, err
    assert (shared_dir / "alias.py").read_text(encoding="utf-8") == FIXED
    assert target.stat().st_nlink == 2
