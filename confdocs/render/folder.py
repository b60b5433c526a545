"""An organisation's folder of templates (``--templates DIR``): which shipped template each file
replaces, and the files that replace nothing because of a slip in their name.

A template saved as ``Contract.docx`` (LibreOffice's Save As offers the document's title; Windows and
macOS ignore case) or ``contract.dotx`` would otherwise be passed over for the shipped template,
silently. Word's owner files (``~$ntract.docx``, there while Word has the template open) and hidden
files are not templates and are ignored; a ``.docx`` that a template puts in with ``subdoc()`` is
not a template either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TypeVar

from ..errors import InputError, TemplateError

Kind = TypeVar("Kind", bound=str)

# What a word processor may save a template as.
_DOCUMENT_SUFFIXES = (".docx", ".dotx", ".docm", ".dotm", ".doc", ".dot", ".odt", ".ott", ".rtf")
_SUBDOC = re.compile(r"""subdoc\(\s*['"“”‘’]([^'"“”‘’)]+)""")


def ignored(path: Path) -> bool:
    """Word's owner files (~$...) and hidden files (LibreOffice's .~lock...#) are no templates."""
    return path.name.startswith(("~$", "."))


def candidates(folder: Path) -> list[Path]:
    """The files in ``folder`` that look like Word documents, owner and hidden files left out."""
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise InputError(f"{folder}: the templates folder cannot be read "
                         f"({exc.strerror or exc})") from exc
    return [p for p in entries if not ignored(p) and p.suffix.lower() in _DOCUMENT_SUFFIXES]


def _subdocuments(paths: Iterable[Path]) -> set[str]:
    """The names of the documents these templates put in with subdoc('...')."""
    from .limits import read_package, read_template

    names: set[str] = set()
    for path in paths:
        try:
            parts = read_package(path, read_template(path),
                                 lambda name: name.startswith("word/") and name.endswith(".xml"))
        except (OSError, TemplateError):
            continue  # not readable: the template check says so
        for content in parts.values():
            text = re.sub(r"<[^>]+>", "", content.decode("utf-8", "replace"))
            names.update(_SUBDOC.findall(text))
    return names


def suggestion(name: str, known: Iterable[str]) -> str:
    """What a file named ``name`` was probably meant to be called, as advice."""
    known = list(known)
    stem, suffix = Path(name).stem, Path(name).suffix.lower()
    for wanted in known:
        if Path(wanted).stem.lower() == stem.lower():
            if suffix != ".docx":
                return (f"save it as a Word Document (.docx) named {wanted} (File, Save As; "
                        "a template (.dotx), a macro document or another format is not read)")
            return f"did you mean {wanted}? (names are read exactly, capitals included)"
    import difflib

    close = difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]}?"
    return f"a template's name is one of {', '.join(known)}"


def misnamed(folder: Path, known: Iterable[str]) -> dict[Path, str]:
    """Each file in ``folder`` that replaces no template, with a message that suggests a name."""
    known = list(known)
    files = candidates(folder)
    used = _subdocuments(p for p in files if p.name in known)
    return {path: f"{path}: {path.name} replaces no template; {suggestion(path.name, known)}"
            for path in files if path.name not in known and path.name not in used}


def own_templates(folder: Path, known: Mapping[Kind, str]) -> dict[Kind, Path]:
    """For each kind (``known`` maps kinds to template file names) the organisation's template in
    ``folder``, where there is one. Raises InputError for a folder that does not exist or holds
    no template, for a template that is not a file, and for a file that replaces no template."""
    if not folder.is_dir():
        raise InputError(f"{folder}: the templates directory does not exist")
    problems = list(misnamed(folder, known.values()).values())
    own = {}
    for kind, name in known.items():
        path = folder / name
        if path.is_symlink() and not path.exists():
            problems.append(f"{path}: a link to a file that does not exist")
        elif path.is_dir():
            problems.append(f"{path}: a folder, not a Word document")
        elif path.exists() and not path.is_file():
            problems.append(f"{path}: not a regular file (a pipe, a device or a socket), not a "
                            "Word document")
        elif path.is_file():
            own[kind] = path
    if not own and not problems:
        problems.append(f"{folder}: the folder holds no template; put your own "
                        f"{', '.join(known.values())} (any of them) there")
    if problems:
        raise InputError("\n".join(problems))
    return own
