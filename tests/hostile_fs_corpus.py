"""Generators for hostile things in and around a workspace: links out of it, special files, undecodable names,
oversized metadata and snapshots. Like tests/hostile_corpus.py, each makes one thing in a test's tmp folder and
returns its path; nothing is committed.
"""
from __future__ import annotations

import errno
import io
import json
import os
import resource
import socket
import unicodedata
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
from PIL import Image

from tests import hostile_corpus as corpus

NON_UTF8_NAME = b"scan-\xff\xfe.png"  # Latin-1 bytes from an old camera or a zip made on Windows
NFC_NAME = unicodedata.normalize("NFC", "café.png")
NFD_NAME = unicodedata.normalize("NFD", "café.png")


def link(path: Path, target: Path | str) -> Path:
    os.symlink(target, path)
    return path


def fifo(path: Path) -> Path:
    """A named pipe: opening it for reading blocks until someone writes, which nobody will."""
    os.mkfifo(path)
    return path


def endless_device_link(path: Path) -> Path:
    """A link to /dev/zero: reading it never ends and never fails."""
    return link(path, "/dev/zero")


def non_utf8_image(folder: Path) -> Path:
    """A good image whose file name is not valid UTF-8 (returned as Python's surrogate-escaped path)."""
    raw = os.path.join(os.fsencode(folder), NON_UTF8_NAME)
    with open(raw, "wb") as handle:
        handle.write(_png_bytes())
    return Path(os.fsdecode(raw))


def png_with_huge_chunk(path: Path, kind: bytes = b"zTXt") -> Path:
    """A 48x32 PNG with a text (zTXt) or ICC (iCCP) chunk that inflates to 64 MB, beyond Pillow's safety
    limit: the file itself is about 70 kB."""
    payload = zlib.compress(b"\0" * (64 << 20), 9)
    data = _png_bytes()
    keyword = b"Comment" if kind == b"zTXt" else b"icc"
    chunk = corpus._png_chunk(kind, keyword + b"\0\0" + payload)
    path.write_bytes(data[:33] + chunk + data[33:])  # right after IHDR (8 + 25 bytes)
    return path


def snapshot_bomb(snapshot: Path, inflated_bytes: int = 512 << 20) -> Path:
    """Rewrite a real autosave snapshot so that its mask inflates to ``inflated_bytes`` (the header keeps the
    true image size): every open used to decompress all of it."""
    data = snapshot.read_bytes()
    magic_end = data.index(b"\n") + 1
    header_end = data.index(b"\n", magic_end)
    header = json.loads(data[magic_end:header_end])
    packer = zlib.compressobj(9)
    block = b"\0" * (64 << 20)
    mask = b"".join(packer.compress(block) for _ in range(inflated_bytes // len(block))) + packer.flush()
    header.update(mask_len=len(mask), ai_len=0)
    snapshot.write_bytes(data[:magic_end] + json.dumps(header).encode() + b"\n" + mask)
    return snapshot


def dead_owner_lock(path: Path, hostname: str | None = None) -> Path:
    """A lock left by a crashed session (a pid that cannot be alive), on this host unless told otherwise."""
    path.write_text(json.dumps({"pid": 2**22 + 1, "hostname": hostname or socket.gethostname(),
                                "started": "2026-01-01T00:00:00+00:00"}))
    return path


@contextmanager
def memory_cap(extra_bytes: int = 1 << 30) -> Iterator[None]:
    """Let this process grow by at most ``extra_bytes`` of address space: code that reads an endless file then
    gets a MemoryError instead of taking the machine down. The previous limit is restored."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    pages = int(Path("/proc/self/statm").read_text().split()[0])
    cap = pages * os.sysconf("SC_PAGE_SIZE") + extra_bytes
    resource.setrlimit(resource.RLIMIT_AS, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(corpus.fundus_rgb()).save(buffer, "PNG")
    return buffer.getvalue()


def read_only(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every create or write under ``folder`` through os.open / os.mkdir fails with EROFS, as on a read-only disk
    (root ignores permission bits)."""
    real_open, real_mkdir = os.open, os.mkdir
    writes = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

    def refuse(path: object) -> None:
        if str(os.fspath(path)).startswith(str(folder)):  # type: ignore[arg-type]
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))

    def ro_open(path, flags, *args, **kwargs):  # noqa: ANN001, ANN202 - os.open's signature
        if flags & writes:
            refuse(path)
        return real_open(path, flags, *args, **kwargs)

    def ro_mkdir(path, *args, **kwargs):  # noqa: ANN001, ANN202
        refuse(path)
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", ro_open)
    monkeypatch.setattr(os, "mkdir", ro_mkdir)
