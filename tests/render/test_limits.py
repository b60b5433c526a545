"""The bounds on a template (render.limits): the time limit leaves a timer of its caller as it was,
and a template's parts are inflated no further than the bound, whatever sizes its zip states."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from ..docx_cases import make, with_understated_part
from ..helpers import run_limited


def test_the_render_time_limit_puts_back_a_timer_of_the_caller() -> None:
    import signal

    from confdocs.render.limits import time_limit

    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda *args: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 30)
        with time_limit(5):
            pass
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 25 < left <= 30
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert fired == []



# In a child limited to 1 GiB: code that trusts the sizes the zip's directory states inflates the
# part whole before it finds out (zipfile reads a gigabyte at a time).
_READ_PACKAGE = """
from pathlib import Path
from confdocs.errors import TemplateError
from confdocs.render.limits import read_package
path = Path(sys.argv[1])
wanted = None if sys.argv[2] == "every part" else (lambda name: name == "word/document.xml")
try:
    print("read", sorted(read_package(path, path.read_bytes(), wanted)))
except TemplateError as exc:
    print(exc)
"""


@pytest.fixture(scope="module")
def understated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A template holding 120 MiB of zeros that its zip says are 1,000 bytes."""
    return with_understated_part(make(tmp_path_factory.mktemp("bomb") / "contract.docx", "Hello"),
                                 "word/media/big.bin", 120)


@pytest.mark.parametrize("kept", ["every part", "the body only"])
def test_a_part_whose_size_the_zip_understates_is_inflated_no_further_than_the_bound(
        understated: Path, kept: str) -> None:
    # Refused whether the part is kept or only counted.
    template = understated
    done = run_limited(_READ_PACKAGE, str(template), kept)
    assert done.code == 0, done.stderr
    assert done.stdout.strip() == (
        f"{template}: its parts inflate to more than 100 MiB, beyond the 100 MiB a template may "
        "hold; it is not a Word template confdocs will use (a zip bomb?)")
    assert 0 < done.peak_mib < 250


def test_a_part_compressed_as_word_never_does_is_refused(tmp_path: Path) -> None:
    # zipfile inflates bzip2 and LZMA without a bound on what one chunk of input makes (bzip2
    # makes a gigabyte of a kilobyte); Word writes parts stored or deflated, and reads no other.
    template = make(tmp_path / "contract.docx", "Hello")
    with zipfile.ZipFile(template, "a", compression=zipfile.ZIP_BZIP2) as archive:
        archive.writestr("word/media/big.bin", bytes(1024))
    done = run_limited(_READ_PACKAGE, str(template), "every part")
    assert done.stdout.strip() == (
        f"{template}: not a readable Word document (.docx): word/media/big.bin is compressed in "
        "a way Word does not write (method 12)")


def test_a_part_not_the_size_the_zip_states_or_not_matching_its_crc_is_refused(
        tmp_path: Path) -> None:
    from confdocs.errors import TemplateError
    from confdocs.render.limits import read_package

    # Small, but not what the directory says: refused, so that what reads the package later
    # through zipfile (docxtpl, python-docx) reads parts the size the directory says.
    template = with_understated_part(make(tmp_path / "contract.docx", "Hello"),
                                     "word/media/big.bin", 1)
    with pytest.raises(TemplateError, match=(
            r"not a readable Word document \(\.docx\): word/media/big\.bin inflates to "
            r"1,048,576 bytes where the zip's directory says 1,000$")):
        read_package(template, template.read_bytes())
    damaged = bytearray(make(tmp_path / "other.docx", "Hello").read_bytes())
    entry = damaged.index(b"PK\x01\x02")  # the directory's entry for the body, and its CRC
    while not damaged[entry + 46:].startswith(b"word/document.xml"):
        entry = damaged.index(b"PK\x01\x02", entry + 4)
    damaged[entry + 16] ^= 0xFF
    with pytest.raises(TemplateError, match=r"Bad CRC-32 for file 'word/document\.xml'"):
        read_package(tmp_path / "other.docx", bytes(damaged))
