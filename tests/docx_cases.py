"""Small Word documents for tests, made with python-docx and, where python-docx has no API for
what an editor's word processor stores (tracked changes, comments, text frames, section breaks),
with the Word XML written out."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path

import docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTRACT = Path(__file__).resolve().parent.parent / "templates" / "en-GB" / "contract.docx"
# Paragraph 7 of the shipped contract's body, where edited_contract() puts runs after its text.
CONTRACT_ANCHOR = "<w:t>This agreement is made between:</w:t></w:r>"
CONTRACT_PLACE = 'body paragraph 7 ("This agreement is made between:")'
RELATIONSHIP_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


# The numbered sections of a contract, as the shipped one has them, each as a heading alone: what
# an organisation's contract of a few paragraphs needs beside the shipped letters and annex, which
# cite its sections (issue 23: they cite the sections of the contract in use, never a number
# it does not have).
NUMBERED_SECTIONS = (
    "{{ clause.parties }}. Parties", "{{ clause.shared }}. Shared",
    "{{ clause.not_shared }}. Not shared", "{%p if clause.group %}", "{{ clause.group }}. Group",
    "{%p endif %}", "{{ clause.guidelines }}. Guidelines",
    "{{ clause.professional_body }}. Professional body",
    "{{ clause.feedback_about_client }}. Feedback about the client",
    "{{ clause.feedback_from_others }}. Feedback from others", "{{ clause.limits }}. Limits",
    "{%p for limit in confidentiality.limits %}",
    "{{ clause.limit[limit.id] }}\t{{ limit.description }}", "{%p endfor %}",
    "{{ clause.procedure }}. Procedure", "{%p if clause.emergency %}",
    "{{ clause.emergency }}. Emergency", "{%p endif %}", "{{ clause.records }}. Records",
    "{{ clause.supervision }}. Supervision", "{{ clause.review }}. Review")


def make(path: Path, *paragraphs: str) -> Path:
    """A .docx whose body holds these paragraphs, one run each."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def parts(package: Path | bytes) -> dict[str, bytes]:
    """Every part of a .docx package, by name: the file at a path, or the bytes a render gave."""
    with zipfile.ZipFile(io.BytesIO(package) if isinstance(package, bytes) else package) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rewrite(path: Path, edits: Mapping[str, Callable[[str], str]],
            added: Mapping[str, bytes] | None = None) -> Path:
    """Rewrite parts of the package at ``path`` (each edit takes and gives the part's XML)."""
    contents = parts(path)
    for name, edit in edits.items():
        contents[name] = edit(contents[name].decode("utf-8")).encode("utf-8")
    contents.update(added or {})
    made = io.BytesIO()
    with zipfile.ZipFile(made, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in contents.items():
            archive.writestr(name, content)
    path.write_bytes(made.getvalue())
    return path


def replace(old: str, new: str, count: int = 1) -> Callable[[str], str]:
    def edit(xml: str) -> str:
        assert old in xml, f"{old!r} not in the part"
        return xml.replace(old, new, count)

    return edit


def paragraph_xml(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def relationship(ident: str, kind: str, target: str, external: bool = True) -> str:
    """A package relationship of the type ``kind`` (image, hyperlink, oleObject...)."""
    mode = ' TargetMode="External"' if external else ""
    return f'<Relationship Id="{ident}" Type="{RELATIONSHIP_TYPE}{kind}" Target="{target}"{mode}/>'


def edited_contract(path: Path, runs: str = "", relationships: str = "", types: str = "",
                    edits: Mapping[str, Callable[[str], str]] | None = None,
                    added: Mapping[str, bytes] | None = None) -> Path:
    """The shipped en-GB contract, copied to ``path``, with ``runs`` put in after the text of
    body paragraph 7 (CONTRACT_PLACE), ``relationships`` added to the body's, ``types`` to the
    content types, and other ``edits`` and ``added`` parts as for :func:`rewrite`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(CONTRACT, path)
    changes = dict(edits or {})
    for part, old, new in (("word/document.xml", CONTRACT_ANCHOR, CONTRACT_ANCHOR + runs),
                           ("word/_rels/document.xml.rels", "</Relationships>",
                            relationships + "</Relationships>"),
                           ("[Content_Types].xml", "</Types>", types + "</Types>")):
        if old != new:
            first = changes.get(part, str)
            changes[part] = lambda xml, first=first, old=old, new=new: replace(old, new)(
                first(xml))
    return rewrite(path, changes, added)


def with_understated_part(path: Path, name: str, mebibytes: int, declared: int = 1000) -> Path:
    """Add to the package at ``path`` a part of ``mebibytes`` MiB of zeros (a few hundred KB
    deflated) whose size the zip's directory, and its local header, state as ``declared`` bytes:
    a zip bomb that a reader trusting the directory takes for a small file."""
    import struct

    with (zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive,
          archive.open(name, "w") as part):
        for _ in range(mebibytes):
            part.write(bytes(1024 * 1024))
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    with zipfile.ZipFile(path) as archive:
        local = archive.getinfo(name).header_offset
    struct.pack_into("<I", data, local + 22, declared)  # the local header's uncompressed size
    entry = data.index(b"PK\x01\x02")  # the directory: its entries, one after another
    while data[entry + 46:entry + 46 + len(encoded)] != encoded:
        entry = data.index(b"PK\x01\x02", entry + 4)
    struct.pack_into("<I", data, entry + 24, declared)
    path.write_bytes(bytes(data))
    return path


def damaged_contract(path: Path, parts_set: Mapping[str, bytes | None] | None = None,
                     added: tuple[tuple[str, bytes], ...] = ()) -> Path:
    """The shipped en-GB contract, copied to ``path`` file by file with zipfile: each part named
    in ``parts_set`` given those bytes (None leaves it out), and the files of ``added`` put in
    after, as named (``../../evil.txt``) and even if a file of that name is there already."""
    import warnings

    path.parent.mkdir(parents=True, exist_ok=True)
    changes = dict(parts_set or {})
    with (zipfile.ZipFile(CONTRACT) as source,
          zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as made,
          warnings.catch_warnings()):
        warnings.simplefilter("ignore")  # zipfile warns of a name written twice: meant here
        for info in source.infolist():
            content = changes.get(info.filename, source.read(info))
            if content is not None:
                made.writestr(info.filename, content)
        for name, content in added:
            made.writestr(name, content)
    return path
