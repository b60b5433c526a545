"""Catalogues: an organisation's fr-FR set whose messages.po is mutated."""


from __future__ import annotations

import io
import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .common import (
    FORMATS,
    SAMPLES,
    TEMPLATES,
    Content,
    Fifo,
    Folder,
    Link,
    MiB,
    Prepared,
    Sparse,
    Step,
    case_rng,
    flip,
    truncate,
    write_files,
)
from .profiles import deep_copy, json_file
from .rosters import CONTROL

# --- catalogues: an organisation's fr-FR set with a mutated messages.po -------------------

PO = "fr-FR/messages.po"


def _po_text() -> str:
    return (TEMPLATES / "fr-FR" / "messages.po").read_text(encoding="utf-8")


def _po_entries(text: str) -> list[str]:
    return text.split("\n\n")


@dataclass
class CatalogueCase:
    text: str
    content: Content = None
    encoding: str = "utf-8"

    def bytes(self) -> Content:
        if self.content is not None:
            return self.content
        return self.text.encode(self.encoding, "surrogatepass" if self.encoding.startswith("utf")
                                else "replace")


def _catalogue_syntax(rng: random.Random, case: CatalogueCase) -> str:
    lines = case.text.split("\n")
    said = []
    for _ in range(rng.randint(1, 3)):
        line = rng.randrange(len(lines))
        change = rng.randrange(10)
        if change == 0:
            lines[line] = lines[line].replace('"', "", 1)
            said.append(f"a quote gone on line {line + 1}")
        elif change == 1:
            del lines[line]
            said.append(f"line {line + 1} gone")
        elif change == 2:
            lines.insert(line, lines[line])
            said.append(f"line {line + 1} twice")
        elif change == 3:
            lines[line] = re.sub(r"^(msgid|msgstr|msgctxt)", lambda m: rng.choice(
                ["msgid", "msgstr", "msgctxt", "msgstr[0]", "msgid_plural", "msgfoo"]), lines[line])
            said.append(f"line {line + 1}'s keyword changed")
        elif change == 4:
            lines.insert(line, rng.choice(['msgstr "orphan"', 'msgid "x"', '"continued"',
                                           "msgctxt", 'msgctxt "title contract"', "#~ obsolete",
                                           '#, fuzzy', '#| msgid "old"', "garbage", "\\"]))
            said.append(f"a stray line before line {line + 1}")
        elif change == 5:
            lines[line] += rng.choice(['\\', '\\x', '\\777', '\\u00e9', '\\"', '"', ' "x"'])
            said.append(f"an escape at the end of line {line + 1}")
        elif change == 6:
            lines[line] = lines[line].replace('"', '"\\', 1)
            said.append(f"a backslash after a quote on line {line + 1}")
        elif change == 7:
            lines[line] = "#~ " + lines[line]
            said.append(f"line {line + 1} made obsolete")
        elif change == 8:
            lines[line] = lines[line].replace("msgstr ", 'msgstr[0] ', 1)
            said.append(f"a plural form on line {line + 1}")
        else:
            lines.insert(line, 'msgid_plural "more"')
            said.append(f"msgid_plural before line {line + 1}")
    case.text = "\n".join(lines)
    return ", ".join(said)


CHARSETS = ["UTF-8", "utf8", "ISO-8859-1", "latin-1", "CHARSET", "klingon", "rot13", "base64",
            "hex", "zlib", "punycode", "idna", "utf-7", "utf-16", "utf-32", "unicode_escape",
            "raw_unicode_escape", "cp037", "koi8-r", "shift_jis", "mbcs", "ascii", "utf-8-sig",
            "", "UTF-8; foo=bar", "uu", "bz2", "palmos", "utf_16_be", "cp65001"]


def _catalogue_charset(rng: random.Random, case: CatalogueCase) -> str:
    declared = rng.choice(CHARSETS)
    variant = rng.randrange(6)
    if variant == 5:
        case.text = case.text.replace('"Content-Type: text/plain; charset=UTF-8\\n"\n', "")
        case.encoding = rng.choice(["utf-8", "latin-1"])
        return f"no Content-Type header, written in {case.encoding}"
    case.text = case.text.replace("charset=UTF-8", f"charset={declared}")
    if variant == 0:
        return f"charset={declared!r}, written in UTF-8"
    if variant == 1:
        case.encoding = rng.choice(["latin-1", "cp1252", "utf-16", "cp037", "koi8-r"])
        return f"charset={declared!r}, written in {case.encoding}"
    if variant == 2:
        try:
            case.content = case.text.encode(declared)
        except (LookupError, UnicodeError, TypeError, ValueError):
            case.encoding = "utf-8"
            return f"charset={declared!r} (no such text codec), written in UTF-8"
        return f"charset={declared!r}, written in it"
    if variant == 3:
        case.content = b"\xef\xbb\xbf" + case.text.encode("utf-8")
        return f"a byte-order mark, charset={declared!r}"
    case.text = case.text.replace('"MIME-Version', '"Content-Type: text/plain; charset=latin-1\\n"'
                                  '\n"MIME-Version', 1)
    return f"two Content-Type headers (latin-1, {declared!r})"


def _catalogue_control(rng: random.Random, case: CatalogueCase) -> str:
    entries = _po_entries(case.text)
    said = []
    for _ in range(rng.randint(1, 3)):
        position = rng.randrange(1, len(entries))
        char = rng.choice([*CONTROL, "\\v", "\\f", "\\a", "\\b", "\\x0b", "\\013"])
        where = rng.choice(["msgstr", "msgstr", "msgstr", "msgctxt", "msgid", "#."])
        entries[position] = re.sub(rf'^({re.escape(where)} "?)', lambda m, char=char: m.group(1) + char,
                                   entries[position], count=1, flags=re.MULTILINE)
        context = re.search(r'msgctxt "([^"]*)"', entries[position])
        said.append(f"{char!r} in the {where} of {context.group(1) if context else position}")
    case.text = "\n\n".join(entries)
    return ", ".join(said)


def _catalogue_missing(rng: random.Random, case: CatalogueCase) -> str:
    entries = _po_entries(case.text)
    variant = rng.randrange(7)
    if variant == 0:
        count = rng.randint(1, len(entries) - 1)
        for _ in range(count):
            if len(entries) > 1:
                del entries[rng.randrange(1, len(entries))]
        said = f"{count} entries deleted"
    elif variant == 1:
        for position in rng.sample(range(1, len(entries)), rng.randint(1, 10)):
            entries[position] = re.sub(r'msgstr ".*"', 'msgstr ""', entries[position])
        said = "empty translations"
    elif variant == 2:
        entries = [entries[0]] + ["#, fuzzy\n" + e for e in entries[1:]]
        said = "every entry fuzzy"
    elif variant == 3:
        entries = entries[:1]
        said = "the header alone"
    elif variant == 4:
        entries = [rng.choice(["", "\n", "# only a comment\n", "   "])]
        said = f"only {entries[0]!r}"
    elif variant == 5:
        entries = entries[1:]
        said = "no header"
    else:
        entries = [entries[0]] + ["\n".join("#~ " + line for line in e.split("\n"))
                                  for e in entries[1:]]
        said = "every entry obsolete"
    case.text = "\n\n".join(entries)
    return said


def _catalogue_huge(rng: random.Random, case: CatalogueCase) -> str:
    variant = rng.randrange(6)
    if variant == 0:
        length = rng.choice([10**5, 10**6, 5 * 10**6])
        context = rng.choice(["title contract", "coaching client", "ground legal"])
        case.text = re.sub(rf'(msgctxt "{context}"\nmsgid "[^"]*"\nmsgstr ")[^"]*"',
                           lambda m: m.group(1) + "é" * length + '"', case.text)
        return f"{context!r} translated by {length} characters"
    if variant == 1:
        count = rng.choice([10**4, 10**5])
        case.text += "".join(f'\nmsgctxt "junk {n}"\nmsgid "x"\nmsgstr "y"\n' for n in range(count))
        return f"{count} more entries"
    if variant == 2:
        size = rng.choice([10 * MiB - 1, 10 * MiB, 10 * MiB + 1, 11 * MiB])
        raw = case.text.encode()
        case.content = raw + b"#" * max(0, size - len(raw) - 1) + b"\n"
        return f"padded with a comment to {size} bytes"
    if variant == 3:
        case.content = Sparse(1 << 30, case.text.encode())
        return "a file that says it is 1 GiB"
    if variant == 4:
        case.text = case.text.replace('msgstr "le coach"', 'msgstr "' + "le coach" * 10**6 + '"')
        return "one line of 8 MB"
    lines = "\n".join(f'"{n}"' for n in range(200000))
    case.text = case.text.replace('msgstr "coaché"\n', 'msgstr "coaché"\n' + lines + "\n", 1)
    return "a translation continued over 200,000 lines"


ODD_MESSAGES = ["{document}" * 1000, "{engagement}{document}{engagement}", "{document", "",
                "{{ 7*7 }}", "{% for x in y %}", "%s %d", "{0}", "</w:t></w:r><w:r><w:t>", "]]>",
                "&amp;&lt;", "<w:br/>", "😀" * 100, "\u202eRTL", "a\\nb", "\\t", "x" * 10000,
                "  ", "\\\\", "{document}: {engagement}: {document}", "\\r\\n", "&#x0B;"]


def _catalogue_content(rng: random.Random, case: CatalogueCase) -> str:
    said = []
    for _ in range(rng.randint(1, 3)):
        context = rng.choice(["title with engagement", "title contract", "title notice",
                              "title annex", "title decision", "coaching the_client",
                              "training practitioner", "ground legal", "membership engagement",
                              "mentoring sessions"])
        message = rng.choice(ODD_MESSAGES)
        case.text = re.sub(rf'(msgctxt "{context}"\nmsgid "[^"]*"\nmsgstr ")[^"]*"',
                           lambda m, text=message: m.group(1) + text.replace('"', '\\"') + '"',
                           case.text)
        said.append(f"{context!r} = {message!r:.30}")
    if rng.random() < 0.2:
        case.text += '\nmsgctxt "title contract"\nmsgid "Confidentiality agreement"\nmsgstr "Deux"\n'
        said.append("'title contract' twice")
    return ", ".join(said)


def _catalogue_bytes(rng: random.Random, case: CatalogueCase) -> str:
    raw = case.text.encode()
    variant = rng.randrange(6)
    if variant == 0:
        case.content = truncate(rng, raw)
        return "truncated"
    if variant == 1:
        case.content = flip(rng, raw)
        return "bytes flipped"
    if variant == 2:
        case.content = raw.replace(b"\n", b"\r\n")
        return "Windows line ends"
    if variant == 3:
        case.content = raw.replace(b"\n", b"\r")
        return "old Mac line ends"
    if variant == 4:
        case.content = raw.rstrip(b"\n")
        return "no final line end"
    spot = rng.randrange(len(raw))
    case.content = raw[:spot] + rng.choice([b"\0", b"\xed\xa0\x80", b"\xff\xfe", b"\xc3"]) + raw[spot:]
    return f"a bad byte at {spot}"


def _catalogue_file(rng: random.Random, case: CatalogueCase) -> str:
    variant = rng.randrange(9)
    kinds: list[tuple[str, Callable[[], Content]]] = [
        ("a folder", Folder), ("a FIFO", Fifo), ("a link to /dev/zero", lambda: Link("/dev/zero")),
        ("a dangling link", lambda: Link("nowhere.po")), ("a link to /dev/urandom",
                                                         lambda: Link("/dev/urandom")),
        ("a Word document", lambda: (TEMPLATES / "fr-FR" / "contract.docx").read_bytes()),
        ("a compiled .mo catalogue", _mo_bytes), ("empty", lambda: b""),
        ("a link to /etc/passwd", lambda: Link("/etc/passwd")),
    ]
    said, make = kinds[variant]
    case.content = make()
    return said


def _mo_bytes() -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    buffer = io.BytesIO()
    write_mo(buffer, read_po(io.BytesIO(_po_text().encode())))
    return buffer.getvalue()


CATALOGUE_KINDS = [_catalogue_syntax, _catalogue_charset, _catalogue_control, _catalogue_missing,
                   _catalogue_huge, _catalogue_content, _catalogue_bytes, _catalogue_file]


def _french_engagements(folder: Path) -> None:
    """Every sample, in French (one in fr-CA, one in fr: both take the fr-FR set), so that every
    message of the catalogue is used."""
    locales = ["fr-FR", "fr-CA", "fr", "fr-FR", "fr-FR", "fr-FR"]
    files = {}
    for number, sample in enumerate(SAMPLES):
        data = deep_copy(json_file(sample))
        data["locale"] = locales[number % len(locales)]
        data["id"] = f"CAT-{number}"
        files[f"CAT-{number}.json"] = json.dumps(data, ensure_ascii=False).encode()
    write_files(folder, files)


def prepare_catalogues(folder: Path, seed: int, cases: list[int]) -> Prepared:
    _french_engagements(folder / "engagements")
    about = {}
    steps = []
    for index in cases:
        rng = case_rng("catalogues", seed, index)
        case = CatalogueCase(_po_text())
        mutation = CATALOGUE_KINDS[index % len(CATALOGUE_KINDS)]
        about[index] = f"{mutation.__name__[1:]}: {mutation(rng, case)}"
        own = f"c{index:05d}"
        # A template beside the catalogue: a folder holding a catalogue alone has nothing for
        # templates check to check.
        write_files(folder / own, {
            PO: case.bytes(),
            "fr-FR/contract.docx": (TEMPLATES / "fr-FR" / "contract.docx").read_bytes()})
        steps.append(Step("templates check", ("templates", "check", "--templates", own,
                                              "--format", rng.choice(FORMATS)), (index,)))
        steps.append(Step("build", ("build", "engagements", "--out", f"{own}-out", "--templates",
                                    own, "-j", "1", "-q", "--format", "json"), (index,),
                          writes=f"{own}-out"))
    return Prepared(steps, about)
