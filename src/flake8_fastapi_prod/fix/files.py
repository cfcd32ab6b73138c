"""Reading and writing the files the fixer changes, without surprising their owner.

What the fixer promises about a file it changes:

- **Nothing to change, nothing written**: a file without an applicable fix
  is never opened for writing (bytes, inode and mtime stay as they were).
- **Permission is asked, not taken**: a file is written only where opening
  it for writing would succeed for the user running the fixer, and never
  when it has no write bit at all (``0444``), not even as root. A writable
  directory is not a licence to replace a read-only file in it. Such a file
  is reported (``cannot write: ...; file left unchanged``) and left alone.
- **Owner, group and mode are kept**, also when run as root on a file
  another user owns; a symlink is followed and stays a symlink.
- **Hard links are kept**: both names see the new text.
- **Encoding, BOM and newlines** are the caller's part: the bytes given
  are written as they are (see ``decode_source``/``encode_source``).
- **A file changed while it was being fixed** (another process wrote it
  between our read and our write) is not overwritten.

How it writes, and what a crash leaves:

- A file with one link whose owner and group the fixer can give to a new
  file (its own, or any as root) is written to a temporary file in the same
  directory (``.<name>.<random>.tmp``), flushed with ``fsync``, given the
  original mode, owner and group, and renamed over the original
  (``os.replace``, atomic on POSIX and Windows). A crash before the rename
  leaves the original intact and, at worst, the temporary file behind; a
  crash after it leaves the new text. Readers never see a half-written file.
- A hard-linked file (``st_nlink > 1``), a file in a directory the fixer
  may not create files in, or a file whose owner/group a new file could not
  get (a non-root user editing a group-writable file of a colleague) is
  rewritten in place (``open(..., "r+b")``, write, truncate, ``fsync``):
  renaming would cut the link or change the owner. The same inode is kept.
  This is not atomic: a crash during the single ``write`` call can leave a
  truncated file, which the version control system the file is in shows.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import tokenize
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path


class WriteRefused(OSError):
    """The fixer may not, or must not, write this file."""


@dataclass
class Source:
    text: str
    encoding: str
    raw: bytes


def decode_source(raw: bytes) -> Source:
    """Decode as Python does (PEP 263 cookie, BOM); newlines untouched."""
    encoding, _ = tokenize.detect_encoding(BytesIO(raw).readline)
    return Source(raw.decode(encoding), encoding, raw)


def encode_source(text: str, encoding: str) -> bytes:
    """The inverse of ``decode_source``: ``utf-8-sig`` writes the BOM back."""
    return text.encode(encoding)


@dataclass(frozen=True)
class Snapshot:
    """What a file was when it was read, to notice a concurrent change."""

    size: int
    mtime_ns: int
    inode: int


def read_file(path: str | Path) -> tuple[bytes, Snapshot]:
    with open(path, "rb") as handle:
        info = os.fstat(handle.fileno())
        data = handle.read()
    return data, Snapshot(info.st_size, info.st_mtime_ns, info.st_ino)


def _may_write(info: os.stat_result, target: str) -> str | None:
    """Why this file must not be written, or None."""
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return "the file is read-only"
    if not os.access(target, os.W_OK):
        return "permission denied"
    return None


def _can_give_ownership(info: os.stat_result) -> bool:
    """Whether a new file of ours can get this file's owner and group."""
    if not hasattr(os, "geteuid"):  # Windows: no owners to keep
        return True
    if os.geteuid() == 0:
        return True
    return info.st_uid == os.geteuid() and (info.st_gid == os.getegid() or info.st_gid in os.getgroups())


def write_file(path: str | Path, data: bytes, expected: Snapshot | None = None) -> None:
    """Replace the content of ``path`` (through symlinks) with ``data``.

    Raises ``WriteRefused`` (an ``OSError``) when the file may not be
    written or changed since ``expected`` was taken, ``OSError`` when the
    write fails; the file is then as it was.
    """
    target = os.path.realpath(path)
    info = os.stat(target)
    reason = _may_write(info, target)
    if reason:
        raise WriteRefused(reason)
    if expected is not None and (info.st_size, info.st_mtime_ns, info.st_ino) != (
        expected.size,
        expected.mtime_ns,
        expected.inode,
    ):
        raise WriteRefused("the file changed while it was being fixed")
    directory = os.path.dirname(target)
    if info.st_nlink == 1 and _can_give_ownership(info) and os.access(directory, os.W_OK | os.X_OK):
        _replace(target, data, info)
    else:
        _overwrite(target, data)


def _replace(target: str, data: bytes, info: os.stat_result) -> None:
    directory, name = os.path.split(target)
    fd, temp_name = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if hasattr(os, "fchown") and (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
                os.fchown(handle.fileno(), info.st_uid, info.st_gid)
            # After chown: changing the owner clears the setuid/setgid bits.
            os.chmod(temp_name, stat.S_IMODE(info.st_mode))
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise


def _overwrite(target: str, data: bytes) -> None:
    with open(target, "r+b") as handle:
        handle.write(data)
        handle.truncate()
        handle.flush()
        os.fsync(handle.fileno())
