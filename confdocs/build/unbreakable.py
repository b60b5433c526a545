"""Where a line of the PDF may not break: inside an e-mail or web address, and inside a date
written in words.

A hyphen in an address is a place both Word and LibreOffice may break a line, and
"privacy@okafor-" at a line's end leaves the reader unsure whether the hyphen is the address's;
"on 2" at a line's end and "March 2026" on the next is one date read as two. The PDF is made from
a private copy of the .docx in which each such hyphen is a non-breaking hyphen (U+2011) and each
such space a no-break space (U+00A0). LibreOffice keeps them on one line, draws U+2011 as the
font's own hyphen and writes it into the PDF's text as a hyphen (U+002D), so a reader copying an
address from the PDF gets it as written. The .docx is left as it is: someone copying from it in
Word gets the plain characters too.
"""

from __future__ import annotations

import io
import re
import zipfile

_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)[^\s<>\"]+")
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December"
           "|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre"
           "|décembre")
# '2 March 2026', 'Version 3, July 2021', '1er mars 2026': the day, the month and the year.
_DATE = re.compile(rf"\b(?:\d{{1,2}}(?:er)?[ \u00a0])?(?:{_MONTHS})[ \u00a0]\d{{4}}\b",
                   re.IGNORECASE)
_TEXT = re.compile(rb"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)")
_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")


def unbreakable(text: str) -> str:
    """``text`` with the hyphens of its addresses non-breaking and the spaces of its dates
    no-break spaces."""
    if "-" in text and ("@" in text or "://" in text or "www." in text):
        text = _ADDRESS.sub(lambda found: found.group().replace("-", "\u2011"), text)
    return _DATE.sub(lambda found: found.group().replace(" ", "\u00a0"), text)


def unbreakable_package(package: bytes) -> bytes:
    """A .docx with ``unbreakable`` applied to the text of each run of its body, headers,
    footers and notes (a date or address a template prints is one run)."""
    def mend(found: re.Match[bytes]) -> bytes:
        text = found.group(2).decode("utf-8")
        return found.group(1) + unbreakable(text).encode("utf-8") + found.group(3)

    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if _PARTS.match(info.filename):
                data = _TEXT.sub(mend, data)
            target.writestr(info, data)
    return out.getvalue()
