"""What a PDF's line never breaks (issue 24, item 3): the hyphens of an e-mail or web address
become non-breaking hyphens (U+2011) and the spaces of a date in words no-break spaces, in the
private copy of the .docx a PDF is made from (build.unbreakable); the .docx stays as it is."""

from __future__ import annotations

import io
import zipfile

from confdocs.build.unbreakable import unbreakable, unbreakable_package


def test_an_addresss_hyphens_do_not_break_and_other_hyphens_do() -> None:
    text = ("Write to privacy@okafor-coaching.example.com or see "
            "https://ico.org.uk/make-a-complaint/; well-known")
    assert unbreakable(text) == (
        "Write to privacy@okafor\u2011coaching.example.com or see "
        "https://ico.org.uk/make\u2011a\u2011complaint/; well-known")


def test_a_date_in_words_is_one_unbreakable_piece() -> None:
    assert unbreakable("on 2 March 2026, le 1er mars 2026, in May 2020 (Version 3, July 2021)") == (
        "on 2\u00a0March\u00a02026, le 1er\u00a0mars\u00a02026, in May\u00a02020 "
        "(Version 3, July\u00a02021)")
    assert unbreakable("clause 12 of 2026 rules") == "clause 12 of 2026 rules"
    # Babel's French dates already have a no-break space somewhere: the others join them.
    assert unbreakable("le 12\u00a0janvier 2026") == "le 12\u00a0janvier\u00a02026"


def test_the_package_changes_only_the_text_of_its_runs() -> None:
    document = ('<w:document xmlns:w="w"><w:body><w:p><w:r><w:t xml:space="preserve">on 2 March '
                '2026 to a-b@c-d.example.org</w:t></w:r></w:p></w:body></w:document>')
    source = io.BytesIO()
    with zipfile.ZipFile(source, "w") as package:
        package.writestr("word/document.xml", document)
        package.writestr("word/styles.xml", "<w:styles>2 March 2026 a-b@c-d.example.org</w:styles>")
    with zipfile.ZipFile(io.BytesIO(unbreakable_package(source.getvalue()))) as made:
        assert made.read("word/document.xml").decode() == document.replace(
            "on 2 March 2026 to a-b@c-d.example.org",
            "on 2\u00a0March\u00a02026 to a\u2011b@c\u2011d.example.org")
        assert made.read("word/styles.xml") == b"<w:styles>2 March 2026 a-b@c-d.example.org</w:styles>"
