"""Tables that only lay a page out, retagged in LibreOffice's PDFs so that assistive technology
does not read them as data.

The templates keep a signature block, or a closing and its signature, on one page by putting it
in the one cell of a borderless table (Word and LibreOffice both honour a row that may not split;
LibreOffice does not always honour a chain of keep-with-next paragraphs). LibreOffice's tagged
PDF tags every Writer table Table, TR and TD (TH only for rows marked to repeat as a header, the
.docx's ``w:tblHeader``); nothing in a .docx that LibreOffice 7.4 reads (the table's look, its
caption or description) makes it tag one otherwise. A screen reader then announces "table, one
row, one column" before the signatures. A table of one cell holds no data to navigate, so its
Table, TR and TD become Div, the grouping element that says nothing of its own: its paragraphs
and headings are read as they are, in order.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

_TABLE, _ROW, _CELLS = "/Table", "/TR", ("/TD", "/TH")


def untable_layout(pdf: Path) -> int:
    """Retag each one-cell table of a tagged PDF as a Div, in place; returns how many. A PDF
    without a structure tree is left as it is."""
    import pikepdf

    with pikepdf.open(pdf, allow_overwriting_input=True) as document:
        tree = document.Root.get("/StructTreeRoot")
        if tree is None:
            return 0
        found = [table for table in _elements(tree.get("/K"), pikepdf) if _one_cell(table, pikepdf)]
        for table in found:
            (row,) = _children(table, pikepdf)
            (cell,) = _children(row, pikepdf)
            for element in (table, row, cell):
                element.S = pikepdf.Name.Div
        if found:
            document.save(pdf)
        return len(found)


def _children(element: Any, pikepdf: Any) -> list[Any]:
    """The structure elements directly below ``element`` (not its marked content)."""
    kids = element.get("/K")
    if kids is None:
        return []
    items = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    return [kid for kid in items if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]


def _elements(kids: Any, pikepdf: Any) -> list[Any]:
    """Every Table element below ``kids``, walking the structure tree without recursion (a tree
    can be deep)."""
    tables = []
    pending = [kids] if kids is not None else []
    while pending:
        node = pending.pop()
        if isinstance(node, pikepdf.Array):
            pending.extend(node)
            continue
        if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
            continue
        if node.S == _TABLE:
            tables.append(node)
        if "/K" in node:
            pending.append(node.K)
    return tables


def _one_cell(table: Any, pikepdf: Any) -> bool:
    rows = _children(table, pikepdf)
    if len(rows) != 1 or rows[0].S != _ROW:
        return False
    cells = _children(rows[0], pikepdf)
    return len(cells) == 1 and str(cells[0].S) in _CELLS
