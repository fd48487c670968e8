"""Input sources: files on disk and the members of .gz / .bz2 / .xz / .zip wrappers around them.

A :class:`Source` names one logical input file (for error messages and one-article ids) and opens
a fresh binary stream over its (decompressed) bytes on demand, so readers can stream: nothing here
reads a whole file into memory except a zip nested inside a compressed stream, which ``zipfile``
needs seekable (that copy is capped).
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b"
BZ2_MAGIC = b"BZh"
XZ_MAGIC = b"\xfd7zXZ\x00"
ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"

_COMPRESSED = {GZIP_MAGIC: gzip.GzipFile, BZ2_MAGIC: bz2.BZ2File, XZ_MAGIC: lzma.LZMAFile}
# a member of a zip can itself be compressed (page.html.gz inside archive.zip): allow a little
# nesting, but not the unbounded recursion of a crafted "zip quine"
MAX_WRAPPER_DEPTH = 4


@dataclass
class Source:
    """One logical input file.

    ``name`` is what errors cite (the path as given, plus ``!member`` inside a zip), ``id`` the
    article id a one-article file gets (its path relative to the directory given), ``opener``
    returns a new binary stream over the (decompressed) bytes each time it is called.
    """

    name: str
    id: str
    opener: Callable[[], BinaryIO]
    depth: int = 0
    compressed: bool = False  # the bytes come out of a decompressor (truncation shows late)

    def open(self) -> BinaryIO:
        return self.opener()

    def head(self, n: int) -> bytes:
        """The first ``n`` bytes (fewer at the end of the file). Raises what decompression raises."""
        with self.open() as fh:
            out = b""
            while len(out) < n:
                chunk = fh.read(n - len(out))
                if not chunk:
                    break
                out += chunk
            return out


def file_source(path: Path, article_id: str) -> Source:
    return Source(name=str(path), id=article_id, opener=lambda: open(path, "rb"))


def compression_of(head: bytes) -> str | None:
    for magic in _COMPRESSED:
        if head.startswith(magic):
            return {GZIP_MAGIC: "gzip", BZ2_MAGIC: "bzip2", XZ_MAGIC: "xz"}[magic]
    return None


def is_zip(head: bytes) -> bool:
    return head.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC))


def decompressed(src: Source, head: bytes) -> Source:
    """The same source seen through its compression layer (gzip, bzip2 or xz)."""
    for magic, cls in _COMPRESSED.items():
        if head.startswith(magic):

            def opener(cls: type = cls) -> BinaryIO:
                if cls is gzip.GzipFile:
                    return GzipStream(src.open())  # type: ignore[return-value]
                return cls(src.open())  # type: ignore[no-any-return]

            return Source(src.name, src.id, opener, src.depth + 1, compressed=True)
    return src


class GzipStream(io.BufferedIOBase):
    """Gzip decompression (multi-member) that hands out every byte before a truncation.

    ``gzip.GzipFile`` raises EOFError from the read that meets the cut and drops the bytes that
    read had decompressed, so the last intact WARC record or JSONL line before it would be lost.
    Here the first read at the cut returns what there is, then end-of-file with ``truncated``
    set; a reader that goes on reading after that gets EOFError, so the cut is always reported.
    """

    CHUNK = 64 * 1024

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._in_member = False
        self._buf = bytearray()
        self._ended = False  # compressed input used up
        self._raise_next = False
        self.truncated = False

    def readable(self) -> bool:
        return True

    def _fill(self, want: int) -> None:
        while not self._ended and (want < 0 or len(self._buf) < want):
            chunk = self._raw.read(self.CHUNK)
            if not chunk:
                self._ended = True
                self.truncated = self._in_member  # the input stopped inside a gzip member
                return
            while chunk:
                if not self._in_member:
                    chunk = chunk.lstrip(b"\x00")  # padding between members
                    if not chunk:
                        break
                    self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
                    self._in_member = True
                self._buf += self._z.decompress(chunk)
                if self._z.eof:  # member done; what follows starts the next one
                    self._in_member = False
                    chunk = self._z.unused_data
                else:
                    chunk = b""

    def read(self, size: int | None = -1) -> bytes:
        if self._raise_next:
            raise EOFError("compressed file ended before the end of its data")
        size = -1 if size is None else size
        self._fill(size)
        n = len(self._buf) if size < 0 else min(size, len(self._buf))
        out = bytes(self._buf[:n])
        del self._buf[:n]
        if not out and self.truncated:
            self._raise_next = True
        return out

    def read1(self, size: int = -1) -> bytes:
        return self.read(size if size and size > 0 else self.CHUNK)

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.read(len(b))
        b[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()


def zip_members(src: Source, max_copy_bytes: int) -> Iterator[Source]:
    """One Source per file inside a zip. Raises ``zipfile.BadZipFile`` / ``ValueError``."""
    fh = src.open()
    try:
        if not fh.seekable():  # a zip inside a compressed stream: copy it (capped) to memory
            data = fh.read(max_copy_bytes + 1)
            if len(data) > max_copy_bytes:
                raise ValueError(f"compressed zip larger than {max_copy_bytes} bytes")
            fh.close()
            fh = io.BytesIO(data)
        with zipfile.ZipFile(fh) as zf:
            for info in zf.infolist():
                if info.is_dir():
                    continue

                def opener(info: zipfile.ZipInfo = info) -> BinaryIO:
                    return zf.open(info)  # type: ignore[return-value]

                yield Source(
                    f"{src.name}!{info.filename}",
                    f"{src.id}/{info.filename}",
                    opener,
                    src.depth + 1,
                    compressed=True,
                )
    finally:
        fh.close()
