"""A catalogue's bytes -> a Babel catalogue, read as its editor meant it.

Two things editors do that Babel alone gets wrong:

- A UTF-8 byte order mark at the start (Notepad, and other Windows editors, save one): Babel reads
  it as a keyword it does not know and gives up on line 0. Poedit drops it on opening, and the
  Translate Toolkit that Weblate reads catalogues with strips it; so do we, when the header says
  UTF-8 (or no character set): the mark then says what the header says.
- A header whose character set is not the file's: ``charset=ISO-8859-1`` on a file saved as
  UTF-8 reads every "é" as "Ã©", and every document would print it. A file declared in a
  single-byte character set whose bytes are valid UTF-8, with at least one character of more
  than one byte, is refused, at the line of its first such character. A real Latin-1 file never
  looks like that: its "é" is the byte 0xE9, which UTF-8 cannot follow with a plain letter, so it
  never decodes as UTF-8 (only text such as "Ã©" typed on purpose would).

A catalogue that cannot be read is :class:`~confdocs.errors.CatalogueUnreadable`: unreadable
input (exit 2), in `templates check` and in the build alike.
"""

from __future__ import annotations

import codecs
import io
import re
from typing import Any, Final

from ..errors import CatalogueUnreadable

UTF8_BOM: Final = codecs.BOM_UTF8
_ADVICE: Final = "save it as UTF-8 with charset=UTF-8 in its header (Poedit and Weblate do)"


def parse_po(path: str, raw: bytes) -> Any:
    """The Babel catalogue of the file ``path`` holding ``raw``. Raises CatalogueUnreadable for a
    file that is not a catalogue, names a character set no codec knows, or is not in the
    character set its header names."""
    from babel.messages.pofile import PoFileError, read_po

    bom = raw.startswith(UTF8_BOM)
    body = raw[len(UTF8_BOM):] if bom else raw
    # Decoded here, in the character set the header names, rather than by Babel, which reads
    # what comes before the header (a translator's comment, say) as UTF-8 whatever it says.
    charset = declared_charset(body)
    try:
        codec = codecs.lookup(charset).name
        _text_codec(codec)
    except LookupError as exc:
        raise CatalogueUnreadable(
            f"{path}: its header names a character set Python does not know ({exc}); "
            f"{_ADVICE}") from exc
    _refuse_mislabelled(path, body, charset, codec, bom)
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as exc:
        line = body.count(b"\n", 0, exc.start) + 1
        raise CatalogueUnreadable(
            f"{path}:{line}: the byte 0x{body[exc.start]:02X} is not {charset}, the character "
            f"set its header names; {_ADVICE}") from exc
    try:
        return read_po(io.StringIO(text), abort_invalid=True)
    except (PoFileError, ValueError) as exc:
        raise CatalogueUnreadable(
            f"{path}: not a gettext catalogue that can be read ({exc}); open it in Poedit or "
            "check it with msgfmt --check") from exc


_CHARSET: Final = re.compile(rb"charset=([^\s\"\\;]+)", re.IGNORECASE)


def declared_charset(body: bytes) -> str:
    """The character set the header (the first entry, msgid "") names; UTF-8 without one, as
    for gettext's tools."""
    second = body.find(b"\nmsgid ", body.find(b"msgid ") + 1)
    found = _CHARSET.search(body, 0, second if second >= 0 else len(body))
    return found.group(1).decode("ascii", errors="replace") if found else "UTF-8"


def _refuse_mislabelled(path: str, body: bytes, charset: str, codec: str, bom: bool) -> None:
    """Refuse a file whose header names a single-byte character set it is not in: it starts
    with a UTF-8 byte order mark, or its bytes are UTF-8 with characters of several bytes."""
    if codec.startswith("utf-8"):
        return
    declared = f"its header says charset={charset}"
    if bom:
        raise CatalogueUnreadable(
            f"{path}:1: the file starts with a UTF-8 byte order mark, but {declared}; set "
            "charset=UTF-8 in its header")
    if not _single_byte(codec) or body.isascii():
        return
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return  # really in a single-byte character set: é is one byte, not UTF-8
    lines = body.split(b"\n")
    accented = [n for n, line in enumerate(lines, 1) if not line.isascii()]
    # The first message that holds one (a translator's comment above may hold one too).
    first = next((n for n in accented if not lines[n - 1].lstrip().startswith(b"#")),
                 accented[0])
    raise CatalogueUnreadable(
        f"{path}:{first}: the file is UTF-8, but {declared}, so every accented letter would "
        "print as two (é as Ã©); set charset=UTF-8 in its header (Poedit and Weblate do)")


# Python codecs of text that no catalogue is written in: they read escapes, or domain names.
_NOT_CHARSETS: Final = ("unicode-escape", "raw-unicode-escape", "idna", "punycode")


def _text_codec(codec: str) -> None:
    """Raise LookupError for a codec that is not a character set a catalogue can be written in:
    a codec of bytes (base64, zlib: the header could otherwise have a catalogue inflated), one
    of escapes or domain names, or one that does not read ASCII as ASCII (the header's own words
    are ASCII, as gettext's tools require)."""
    if codec in _NOT_CHARSETS:
        raise LookupError(f"{codec} is not a character set a catalogue can be written in")
    ascii_bytes = bytes(range(128))
    try:
        same = ascii_bytes.decode(codec) == ascii_bytes.decode("ascii")
    except (UnicodeError, ValueError, TypeError):
        same = False
    if not same:
        raise LookupError(f"{codec} is not a character set a catalogue can be written in")


def _single_byte(codec: str) -> bool:
    """Whether ``codec`` reads each byte as one character (Latin-1, Windows-1252, KOI8-R...)."""
    if codec.startswith("utf"):
        return False
    return len(bytes(range(256)).decode(codec, errors="replace")) == 256
