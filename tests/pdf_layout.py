"""The layout rules a signer notices, read from a PDF confdocs built (issue 24, item 3): no page
but the last less than a third full; no list that starts alone at a page foot (its first item
there, the rest on the next page) or ends alone at a page head (its last item there); no lead-in
or label ("... as follows:") as the last line of a page; no e-mail address, web address, date or
telephone number broken across two lines.

The tests of tests/acceptance/test_pdf_layout.py run these on every PDF of the samples and the
edge cases. Pages are read through PDFium (pypdfium2), the lists through the PDF's structure tree
(pikepdf): a tagged PDF says which page each list item is on."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

# The shipped templates' margins (tools/docx_builder.py: 25 mm all round); the running header and
# footer are inside them.
MARGIN_PT = 25 * 72 / 25.4
MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december"
          "|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre")


def _pages(pdf: Path) -> list[tuple[float, list[tuple[float, str]]]]:
    """Each page's height and its body's lines (top, text), top to bottom, without the running
    header and footer."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    pages = []
    try:
        for page in document:
            _, height = page.get_size()
            text = page.get_textpage()
            lines: list[tuple[float, float, str]] = []  # top, bottom, text
            for index in range(text.count_rects()):
                left, bottom, right, top = text.get_rect(index)
                if bottom < MARGIN_PT - 6 or top > height - MARGIN_PT + 6:
                    continue  # the running header or footer
                words = text.get_text_bounded(left, bottom, right, top).strip()
                if not words:
                    continue
                middle = (top + bottom) / 2
                if lines and lines[-1][1] <= middle <= lines[-1][0]:
                    # The same line, in another run of text (a hyphen's box is lower than a
                    # letter's): joined without a space when it continues a word.
                    joiner = "" if words[0] in "-\u2011" or lines[-1][2][-1:] in "-\u2011" else " "
                    lines[-1] = (lines[-1][0], lines[-1][1], lines[-1][2] + joiner + words)
                else:
                    lines.append((top, bottom, words))
            pages.append((height, [(top, " ".join(words.split())) for top, _, words in lines]))
            text.close()
            page.close()
    finally:
        document.close()
    return pages


def page_fill(pdf: Path) -> list[float]:
    """How full each page's text area is, 0 to 1, measured down to its last line."""
    fills = []
    for height, lines in _pages(pdf):
        top, bottom = height - MARGIN_PT, MARGIN_PT
        if not lines:
            fills.append(0.0)
            continue
        lowest = min(line_top for line_top, _ in lines) - 12  # the last line's own height
        fills.append(max(0.0, min(1.0, (top - lowest) / (top - bottom))))
    return fills


def near_blank_pages(pdf: Path) -> list[str]:
    """The pages, but the last, less than a third full."""
    fills = page_fill(pdf)
    return [f"page {number} of {len(fills)} is {fill:.0%} full"
            for number, fill in enumerate(fills[:-1], start=1) if fill < 1 / 3]


def labels_at_a_foot(pdf: Path) -> list[str]:
    """A lead-in or label that ends a page other than the last, its text on the next."""
    pages = _pages(pdf)
    return [f"page {number} ends with {lines[-1][1]!r}"
            for number, (_, lines) in enumerate(pages[:-1], start=1)
            if lines and lines[-1][1].rstrip().endswith(":")]


def broken_across_lines(pdf: Path) -> list[str]:
    """E-mail addresses, web addresses, dates and telephone numbers that a line break splits."""
    found = []
    for number, (_, lines) in enumerate(_pages(pdf), start=1):
        texts = [text for _, text in lines]
        for before, after in itertools.pairwise(texts):
            tail = before.split()[-1] if before.split() else ""
            head = after.split()[0] if after.split() else ""
            what = _broken(before, tail, head, after)
            if what:
                found.append(f"page {number}: {what} broken: {before[-30:]!r} / {after[:30]!r}")
    return found


def _broken(before: str, tail: str, head: str, after: str) -> str | None:
    # PDFium marks a hyphen that ends a line as U+FFFE, or keeps it as it is.
    tail = tail.replace("\ufffe", "-").replace("\x02", "-").replace("\u00ad", "-")
    # The next line goes on with an address when it starts with a piece of one (a domain or a
    # path), not with a word: "coaching.example.com" after "privacy@okafor-".
    goes_on = re.match(r"^[a-z0-9][\w-]*[./@][\w./@-]*", head) is not None
    in_address = "@" in tail or "://" in tail or tail.lower().startswith("www.") or (
        tail.endswith("-") and re.fullmatch(r"[\w.@:/-]+", tail) is not None)
    if in_address and goes_on:
        return "an address"
    if re.search(r"(^|\s)(\d{1,2}(er)?|1st|2nd|3rd|\d{1,2}th)$", before) and \
            re.match(rf"^({MONTHS})\b", after, re.IGNORECASE):
        return "a date"
    if re.search(rf"\b({MONTHS})$", before, re.IGNORECASE) and re.match(r"^\d{4}\b", after):
        return "a date"
    if re.search(r"(\+\d{1,3}|\(?\b0\d{1,4}\)?)( \d{2,4})*$", before) and \
            re.match(r"^\d{2,4}( \d{2,4})*\b", after) and \
            not re.match(rf"^\d{{1,2}} ({MONTHS})\b", after, re.IGNORECASE):  # a date below it
        return "a telephone number"
    return None


def lists_split_alone(pdf: Path) -> list[str]:
    """Lists of two items or more whose first item is alone at the foot of a page, or whose last
    item is alone at the head of the next, from the tagged PDF's structure tree."""
    import pikepdf

    found = []
    with pikepdf.open(pdf) as document:
        numbers = {page.objgen: index for index, page in enumerate(document.pages, start=1)}
        for element in _walk(document.Root.StructTreeRoot, None):
            node, page = element
            if str(node.S) != "/L":
                continue
            items = [kid for kid in _kids(node) if str(kid.S) == "/LI"]
            if len(items) < 2:
                continue
            starts = [min(_pages_of(item, page, numbers) or {0}) for item in items]
            if len(set(starts)) < 2:
                continue
            first, last = starts[0], starts[-1]
            if starts.count(first) == 1:
                found.append(f"a list of {len(items)} starts alone at the foot of page {first}")
            if starts.count(last) == 1:
                found.append(f"a list of {len(items)} ends alone at the head of page {last}")
    return found


def _kids(node: Any) -> list[Any]:
    import pikepdf

    kids = node.get("/K")
    items = list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    return [kid for kid in items if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]


def _walk(node: Any, page: Any) -> list[tuple[Any, Any]]:
    found = []
    pending = [(kid, node.get("/Pg", page)) for kid in _kids(node)]
    while pending:
        kid, inherited = pending.pop()
        here = kid.get("/Pg", inherited)
        found.append((kid, here))
        pending.extend((grandchild, here) for grandchild in _kids(kid))
    return found


def _pages_of(node: Any, page: Any, numbers: dict[Any, int]) -> set[int]:
    """The pages the marked content of ``node`` is on."""
    import pikepdf

    here = node.get("/Pg", page)
    kids = node.get("/K")
    items = list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    pages = set()
    for kid in items:
        if isinstance(kid, int) and here is not None:
            pages.add(numbers.get(here.objgen, 0))
        elif isinstance(kid, pikepdf.Dictionary):
            if "/S" in kid:
                pages |= _pages_of(kid, here, numbers)
            elif "/MCID" in kid:
                target = kid.get("/Pg", here)
                if target is not None:
                    pages.add(numbers.get(target.objgen, 0))
    return pages
