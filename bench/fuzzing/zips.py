"""Zips made byte for byte the same on every run, and zips damaged on purpose."""


from __future__ import annotations

import io
import random
import re
import warnings
import zipfile
from collections.abc import Iterable

from .common import MiB, flip

FIXED_TIME = (2026, 1, 1, 0, 0, 0)


def zip_members(members: Iterable[tuple[str, bytes]], *,
                method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip of ``members`` (names may repeat), the same bytes on every run."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a duplicate name is one of the mutations
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, data in members:
                info = zipfile.ZipInfo(name, FIXED_TIME)
                info.compress_type = method
                info.external_attr = 0o644 << 16
                archive.writestr(info, data)
    return buffer.getvalue()


def unzip_members(raw: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def replace_member(members: list[tuple[str, bytes]], name: str, data: bytes) -> None:
    for position, (each, _) in enumerate(members):
        if each == name:
            members[position] = (name, data)
            return
    members.append((name, data))


def member(members: list[tuple[str, bytes]], name: str) -> bytes:
    return next(data for each, data in members if each == name)


def _central_entries(raw: bytes) -> list[tuple[int, str]]:
    """(offset, name) of each entry of a zip's central directory."""
    found = []
    for match in re.finditer(b"PK\x01\x02", raw):
        start = match.start()
        if start + 46 > len(raw):
            continue
        length = int.from_bytes(raw[start + 28:start + 30], "little")
        name = raw[start + 46:start + 46 + length]
        found.append((start, name.decode("utf-8", "replace")))
    return found


def _local_offset(raw: bytes, name: str) -> int | None:
    for start, each in _central_entries(raw):
        if each == name:
            return int.from_bytes(raw[start + 42:start + 46], "little")
    return None


def _patch(raw: bytes, name: str, local: int, central: int, value: bytes) -> bytes:
    """Write ``value`` at offset ``local`` of the member's local header and ``central`` of its
    central directory entry."""
    data = bytearray(raw)
    offset = _local_offset(raw, name)
    if offset is not None and raw[offset:offset + 4] == b"PK\x03\x04":
        data[offset + local:offset + local + len(value)] = value
    for start, each in _central_entries(raw):
        if each == name:
            data[start + central:start + central + len(value)] = value
    return bytes(data)


def _bomb(members: list[tuple[str, bytes]], name: str, size: int, *, honest: bool,
          before: bytes) -> bytes:
    """A zip whose member ``name`` holds ``size`` bytes of spaces just before ``before`` (some
    MiB compressed); with ``honest`` False, its directory says it holds what it held before."""
    buffer = io.BytesIO()
    original = 0
    with zipfile.ZipFile(buffer, "w") as archive:
        for each, data in members:
            info = zipfile.ZipInfo(each, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            if each != name:
                archive.writestr(info, data)
                continue
            original = len(data)
            cut = data.rfind(before)
            cut = cut if cut >= 0 else len(data)
            with archive.open(info, "w", force_zip64=False) as handle:
                handle.write(data[:cut])
                chunk = b" " * MiB
                for _ in range(size // MiB):
                    handle.write(chunk)
                handle.write(data[cut:])
    raw = buffer.getvalue()
    if not honest:
        small = original.to_bytes(4, "little")
        raw = _patch(raw, name, 22, 24, small)
    return raw


def damage_zip(rng: random.Random, members: list[tuple[str, bytes]], focus: str,
               before: bytes) -> tuple[bytes, str]:
    """A zip of ``members``, damaged: where and how, said. ``focus`` is its main part (a bomb
    grows it just before ``before``)."""
    raw = zip_members(members)
    variant = rng.randrange(20)
    if variant == 0:
        cut = rng.randrange(len(raw))
        return raw[:cut], f"truncated at byte {cut} of {len(raw)}"
    if variant == 1:
        count = rng.randint(1, 8)
        return flip(rng, raw, count), f"{count} bytes flipped"
    if variant == 2:
        entries = _central_entries(raw)
        start = entries[0][0] if entries else len(raw) - 100
        data = bytearray(raw)
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(start, len(data))] = rng.randrange(256)
        return bytes(data), "bytes flipped in the central directory"
    if variant == 3:
        offset = _local_offset(raw, focus) or 0
        data = bytearray(raw)
        spot = offset + rng.randrange(30)
        data[spot] = rng.randrange(256)
        return bytes(data), f"byte {spot - offset} of {focus}'s local header changed"
    if variant == 4:
        junk = rng.choice([b"MZ" + bytes(rng.randrange(256) for _ in range(200)), b"\0" * 4096,
                           b"%PDF-1.7\n"])
        return junk + raw, f"{len(junk)} bytes before the zip"
    if variant == 5:
        return raw + b"PK\x05\x06" + b"\0" * 40 + b"junk", "junk after the zip"
    if variant == 6:
        buffer = io.BytesIO(raw)
        with zipfile.ZipFile(buffer, "a") as archive:
            archive.comment = b"x" * 65535
        return buffer.getvalue(), "a 64 KiB zip comment"
    if variant == 7:
        other = rng.choice([b"", b"<x/>", member(members, focus)[:100]])
        after = rng.random() < 0.5
        doubled = [*members, (focus, other)] if after else [(focus, other), *members]
        return zip_members(doubled), f"{focus} twice (the other {len(other)} bytes)"
    if variant == 8:
        names = rng.sample(["../../evil.txt", "/tmp/confdocs-fuzz-evil.txt", "word/../../evil2.txt",
                            "C:\\evil.txt", "..\\..\\evil3.txt", "word/media/../../../x.txt",
                            "word/\u202eevil.xml", "word/evil\0.xml"], 2)
        return zip_members([*members, *((name, b"evil") for name in names)]), \
            f"members named {names!r}"
    if variant == 9:
        method = rng.choice([99, 12, 14, 1, 6, 9, 97])
        return _patch(raw, focus, 8, 10, method.to_bytes(2, "little")), \
            f"{focus} says compression method {method}"
    if variant == 10:
        return _patch(raw, focus, 6, 8, (1 | 8).to_bytes(2, "little")), \
            f"{focus} marked encrypted"
    if variant == 11:
        size = rng.choice([0, 1, 100])
        return _patch(raw, focus, 22, 24, size.to_bytes(4, "little")), \
            f"{focus}'s size given as {size}"
    if variant == 12:
        size = rng.choice([150, 600, 1200]) * MiB
        return _bomb(members, focus, size, honest=True, before=before), \
            f"{focus} inflates to {size // MiB} MiB"
    if variant == 13:
        size = rng.choice([150, 600, 1200]) * MiB
        return _bomb(members, focus, size, honest=False, before=before), \
            f"{focus} inflates to {size // MiB} MiB, its directory saying it does not"
    if variant == 14:
        return zip_members(members, method=zipfile.ZIP_STORED), "stored, not deflated"
    if variant == 15:
        count = rng.choice([2000, 20000])
        return zip_members([*members, *((f"word/media/e{i}.bin", b"") for i in range(count))]), \
            f"{count} more members"
    if variant == 16:
        what = rng.choice(["empty", "random", "pdf", "gzip", "empty zip"])
        raw = {"empty": b"", "random": bytes(rng.randrange(256) for _ in range(2048)),
               "pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
               "gzip": b"\x1f\x8b\x08\0\0\0\0\0\0\x03\x03\0\0\0\0\0\0\0\0\0",
               "empty zip": zip_members([])}[what]
        return raw, f"not the zip: {what}"
    if variant == 17:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, data in members:
                info = zipfile.ZipInfo(name, FIXED_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                with archive.open(info, "w", force_zip64=True) as handle:
                    handle.write(data)
        return buffer.getvalue(), "every member in zip64 form"
    if variant == 18:
        return _patch(raw, focus, 14, 16, bytes(rng.randrange(256) for _ in range(4))), \
            f"{focus}'s CRC wrong"
    dropped = rng.choice([name for name, _ in members])
    return zip_members([m for m in members if m[0] != dropped]), f"{dropped} left out"
