"""A minimal, deterministic writer for .docx (zip) packages.

Parts that rendering never changes are compressed once, when a template is compiled, and copied
into every document as they are; only the rendered parts are packed per document (compressed, or
stored when they are small). Every entry has the same fixed timestamp and attributes, so the same
inputs give byte-identical files.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

try:
    # ISA-L's deflate: four to five times faster than zlib's level 1 on Word XML, and smaller.
    # Installed with confdocs where it has wheels (x86-64 and ARM64); zlib everywhere else.
    from isal import __version__ as _isal_version
    from isal import isal_zlib

    def _fast_deflate(content: bytes) -> bytes:
        return isal_zlib.compress(content, _LEVEL, wbits=-15)

    _crc32 = isal_zlib.crc32
    _fast = f"isal {_isal_version}"
except ImportError:  # pragma: no cover (every machine CI runs on has ISA-L)

    def _fast_deflate(content: bytes) -> bytes:
        return _zlib_deflate(content, _LEVEL)

    _crc32 = zlib.crc32
    _fast = "zlib"

# What compresses: rendered parts with the fast deflate, the template's other parts with zlib.
DEFLATE = f"{_fast}, zlib {zlib.ZLIB_RUNTIME_VERSION}"

_STORED = 0
_DEFLATED = 8
_DOS_TIME = 0
_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01, the earliest date a zip can hold
_VERSION = 20
# Rendered parts: level 1 (of ISA-L's 0 to 3, or zlib's 1 to 9), the fastest that still compresses
# Word XML about fivefold. Parts that never change are compressed once, when the template is
# compiled, so they get zlib's best: a third smaller documents, which are faster to hash and write.
_LEVEL = 1
_STATIC_LEVEL = 9
# A rendered part smaller than this (a header, a footer, the core properties) is stored as it is:
# deflating it costs more time than its few hundred bytes are worth.
_STORE_BELOW = 4096


@dataclass(frozen=True)
class Entry:
    """One part of the package, already compressed (raw deflate) or stored, with its headers."""

    name: str
    data: bytes
    crc: int
    size: int
    local: bytes  # local file header + name + data: the same wherever the entry is placed
    central: bytes  # its central directory record up to the offset, which depends on the place
    encoded_name: bytes


def compress(name: str, content: bytes) -> Entry:
    """A rendered part, compressed fast."""
    return entry(name, _fast_deflate(content), _crc32(content), len(content))


def compress_static(name: str, content: bytes) -> Entry:
    """A part copied unchanged into every document: compressed once, as small as zlib can."""
    return entry(name, _zlib_deflate(content, _STATIC_LEVEL), zlib.crc32(content), len(content))


def _zlib_deflate(content: bytes, level: int) -> bytes:
    """Raw deflate (no zlib header), as a zip entry holds it."""
    packer = zlib.compressobj(level, zlib.DEFLATED, -15)
    return packer.compress(content) + packer.flush()


def pack(name: str, content: bytes) -> Entry:
    """A rendered part: compressed, unless it is small enough that storing it is the better deal."""
    if len(content) < _STORE_BELOW:
        return entry(name, content, _crc32(content), len(content), _STORED)
    return compress(name, content)


def entry(name: str, data: bytes, crc: int, size: int, method: int = _DEFLATED) -> Entry:
    """The entry for a part already compressed (or stored): ``size`` bytes whose CRC-32 is
    ``crc``."""
    encoded = name.encode("utf-8")
    flags = 0x800 if not name.isascii() else 0
    local = struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, _VERSION, flags, method, _DOS_TIME, _DOS_DATE,
        crc, len(data), size, len(encoded), 0,
    ) + encoded + data
    central = struct.pack(
        "<IHHHHHHIIIHHHHHI", 0x02014B50, _VERSION, _VERSION, flags, method, _DOS_TIME, _DOS_DATE,
        crc, len(data), size, len(encoded), 0, 0, 0, 0, 0,
    )
    return Entry(name, data, crc, size, local, central, encoded)


def package(entries: Iterable[Entry]) -> bytes:
    """A zip archive of ``entries``, in the order given. Each entry's headers were made with it;
    only the offsets are worked out here."""
    chunks: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for entry in entries:
        chunks.append(entry.local)
        central.append(entry.central + offset.to_bytes(4, "little") + entry.encoded_name)
        offset += len(entry.local)
    directory = b"".join(central)
    chunks.append(directory)
    chunks.append(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central),
                              len(directory), offset, 0))
    return b"".join(chunks)
