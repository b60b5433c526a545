"""A catalogue of words that would make documents no one can open, or that is not a file at all,
is refused by `templates check` and by `build` alike, with the place to mend (issue 28, items 9
and, for catalogues, 4); before, a U+000B in a title gave documents python-docx could not open,
with exit 0, and a folder or a device in place of messages.po was silently taken for the shipped
words."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import docx
import pytest

ROOT = Path(__file__).resolve().parents[2]
FRENCH = ROOT / "samples" / "coaching-fr-lyon.json"


@pytest.fixture
def own(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    shutil.copytree(ROOT / "templates" / "fr-FR", folder / "fr-FR")
    return folder


def test_a_control_character_in_a_message_is_an_error_at_its_line(own: Path, tmp_path: Path,
                                                                  run) -> None:
    catalogue = own / "fr-FR" / "messages.po"
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text.replace('msgstr "Accord de confidentialité"',
                                      'msgstr "Accord de\u000bconfidentialité"'), encoding="utf-8")
    line = next(number for number, content in enumerate(
        catalogue.read_text(encoding="utf-8").split("\n"), 1) if "\u000b" in content)
    said = f"{catalogue}:"
    check = run("templates", "check", "--templates", str(own))
    # The catalogue can be read: a problem found in it (1), as in build, not unreadable input.
    assert check.exit_code == 1, check.output
    assert said in check.output and "holds U+000B" in check.output
    assert "[catalogue-message-invalid]" in check.output
    out = tmp_path / "out"
    build = run("build", str(FRENCH), "--out", str(out), "--templates", str(own))
    assert build.exit_code == 1, build.output
    assert "holds U+000B, a character a Word document cannot hold" in build.stderr
    assert not list(out.glob("*/*.docx"))  # no document that could not be opened
    # the message names the line of the msgid's entry, near the msgstr
    placed = re.search(re.escape(str(catalogue)) + r":(\d+): the message 'title contract'",
                       build.stderr)
    assert placed is not None and 0 < line - int(placed.group(1)) <= 3


@pytest.mark.parametrize("what", ["folder", "fifo", "device"])
def test_a_catalogue_that_is_not_a_file_is_never_read_nor_passed_over(own: Path, tmp_path: Path,
                                                                      run, what: str) -> None:
    catalogue = own / "fr-FR" / "messages.po"
    catalogue.unlink()
    if what == "folder":
        catalogue.mkdir()
    elif what == "fifo":
        os.mkfifo(catalogue)
    else:
        if not os.path.exists("/dev/zero"):
            pytest.skip("no /dev/zero here")
        catalogue.symlink_to("/dev/zero")
    out = tmp_path / "out"
    build = run("build", str(FRENCH), "--out", str(out), "--templates", str(own))
    assert build.exit_code != 0
    assert f"{catalogue}: error: the catalogue is not a regular file" in build.stderr
    assert not list(out.glob("*/*.docx"))


def test_a_character_set_no_codec_knows_is_said_not_a_crash(own: Path, tmp_path: Path,
                                                            run) -> None:
    catalogue = own / "fr-FR" / "messages.po"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace(
        "charset=UTF-8", "charset=klingon-8"), encoding="utf-8")
    said = "its header names a character set Python does not know (unknown encoding: klingon-8)"
    check = run("templates", "check", "--templates", str(own))
    assert check.exit_code != 0 and said in check.output
    build = run("build", str(FRENCH), "--out", str(tmp_path / "out"), "--templates", str(own))
    # Unreadable input: 2, in check and build alike (build said 1 before issue 28's minor items)
    assert build.exit_code == check.exit_code == 2 and said in build.stderr
    assert "internal error" not in build.output + check.output


# --- the character set, the byte order mark, and one exit code for check and build -------------
# (issue 28, minor): a header naming another character set than the file's gave mojibake with
# exit 0; a byte order mark gave exit 1 in build and 2 in check; every catalogue that cannot be
# used gave 2 in check and 1 in build.


def _build(run, own: Path, out: Path):
    return run("build", str(FRENCH), "--out", str(out), "--templates", str(own))


def _documents(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.glob("*/*.docx"))}


def _first_accented_message_line(text: str) -> int:
    return next(number for number, line in enumerate(text.split("\n"), 1)
                if not line.isascii() and not line.startswith("#"))


def test_a_byte_order_mark_is_taken_off_in_check_and_build(own: Path, tmp_path: Path,
                                                          run) -> None:
    plain = _build(run, own, tmp_path / "plain")
    assert plain.exit_code == 0, plain.output
    catalogue = own / "fr-FR" / "messages.po"
    catalogue.write_bytes(b"\xef\xbb\xbf" + catalogue.read_bytes())  # as Notepad saves it
    check = run("templates", "check", "--templates", str(own))
    assert check.exit_code == 0, check.output
    marked = _build(run, own, tmp_path / "marked")
    assert marked.exit_code == 0, marked.output
    # the same words: the documents are those of the file without the mark
    assert _documents(tmp_path / "marked") == _documents(tmp_path / "plain") != {}


@pytest.mark.parametrize("charset, encoding", [("ISO-8859-1", "latin-1"),
                                               ("windows-1252", "cp1252"),
                                               ("ISO-8859-15", "iso-8859-15")])
def test_a_catalogue_really_in_the_character_set_its_header_names_is_read_in_it(
        own: Path, tmp_path: Path, run, charset: str, encoding: str) -> None:
    plain = _build(run, own, tmp_path / "plain")
    assert plain.exit_code == 0, plain.output
    catalogue = own / "fr-FR" / "messages.po"
    text = catalogue.read_text(encoding="utf-8").replace("charset=UTF-8", f"charset={charset}")
    # ISO-8859 has no typographic apostrophe; its translators write a straight one. The first
    # line, a comment before the header, holds an accent too (Babel read it as UTF-8).
    straight = encoding != "cp1252"
    if straight:
        text = text.replace("\u2019", "'")
    catalogue.write_bytes(text.encode(encoding))
    check = run("templates", "check", "--templates", str(own))
    assert check.exit_code == 0, check.output
    other = _build(run, own, tmp_path / "other")
    assert other.exit_code == 0, other.output
    (contract,) = (tmp_path / "other").glob("*/*-contract.docx")
    assert docx.Document(str(contract)).core_properties.title.startswith(
        "Accord de confidentialité")  # not "confidentialitÃ©"
    if not straight:
        assert _documents(tmp_path / "other") == _documents(tmp_path / "plain") != {}


def _mislabelled(text: str, charset: str) -> bytes:
    return text.replace("charset=UTF-8", f"charset={charset}").encode("utf-8")


# Each way a catalogue cannot be used: what it is made from the shipped French one, the exit
# code both commands give (2: unreadable input, as a template that is no Word document; 1: a
# problem found in a file that can be read), and what the message says.
UNUSABLE = {
    "utf-8 said latin-1": (lambda text: _mislabelled(text, "ISO-8859-1"), 2,
                           "the file is UTF-8, but its header says charset=ISO-8859-1, so every "
                           "accented letter would print as two (é as Ã©); set charset=UTF-8"),
    "utf-8 said windows-1252": (lambda text: _mislabelled(text, "windows-1252"), 2,
                                "the file is UTF-8, but its header says charset=windows-1252"),
    "windows-1252 said utf-8": (lambda text: text.encode("cp1252"), 2,
                                "is not UTF-8, the character set its header names; save it as "
                                "UTF-8 with charset=UTF-8 in its header"),
    "byte order mark said latin-1": (lambda text: b"\xef\xbb\xbf" + text.replace(
        "charset=UTF-8", "charset=ISO-8859-1").encode("latin-1", errors="replace"), 2,
        "starts with a UTF-8 byte order mark, but its header says charset=ISO-8859-1"),
    "unknown character set": (lambda text: _mislabelled(text, "klingon-8"), 2,
                              "names a character set Python does not know"),
    "a codec of bytes": (lambda text: _mislabelled(text, "zlib"), 2,
                         "names a character set Python does not know"),
    # Codecs Python has that are no character set of text (found by bench/fuzz.py: 'idna'
    # refused the error handler the check used, exit 3).
    "a codec of domain names": (lambda text: _mislabelled(text, "idna"), 2,
                                "names a character set Python does not know"),
    "a codec of escapes": (lambda text: _mislabelled(text, "unicode_escape"), 2,
                           "names a character set Python does not know"),
    "a codec not reading ascii": (lambda text: _mislabelled(text, "utf-16"), 2,
                                  "names a character set Python does not know"),
    "not gettext": (lambda text: (text + "a line that is no gettext\n").encode("utf-8"), 2,
                    "not a gettext catalogue that can be read"),
    "too large": (lambda text: text.encode("utf-8") + b"#" * (10 * 1024 * 1024), 2,
                  "larger than the 10 MiB a catalogue may be"),
    "folder": (None, 2, "the catalogue is not a regular file"),
    # Found by bench/fuzz.py: a title of 5,000,000 characters made contracts python-docx could
    # not open (a text longer than libxml2 takes), exit 0.
    "a message of millions of characters": (lambda text: text.replace(
        'msgstr "Accord de confidentialité"', 'msgstr "' + "Accord " * 1_000_000 + '"'
    ).encode("utf-8"), 1, "is 7,000,000 characters long, more than the 10,000 a message may be"),
    "control character": (lambda text: text.replace(
        'msgstr "Accord de confidentialité"', 'msgstr "Accord de\u000bconfidentialité"'
    ).encode("utf-8"), 1, "holds U+000B, a character a Word document cannot hold"),
}


@pytest.mark.parametrize("case", list(UNUSABLE))
def test_check_and_build_exit_alike_for_every_catalogue_that_cannot_be_used(
        own: Path, tmp_path: Path, run, case: str) -> None:
    make, code, said = UNUSABLE[case]
    catalogue = own / "fr-FR" / "messages.po"
    text = catalogue.read_text(encoding="utf-8")
    if make is None:
        catalogue.unlink()
        catalogue.mkdir()
    else:
        catalogue.write_bytes(make(text))
    check = run("templates", "check", "--templates", str(own))
    build = _build(run, own, tmp_path / "out")
    assert (check.exit_code, build.exit_code) == (code, code), check.output + build.output
    assert said in check.output and said in build.stderr
    assert "internal error" not in check.output + build.output
    assert not list((tmp_path / "out").glob("*/*-contract.docx"))  # never made with bad words
    if case.startswith("utf-8 said"):
        # at the line of the first message whose text has an accent
        assert f"{catalogue}:{_first_accented_message_line(text)}: the file is UTF-8" \
            in check.output
