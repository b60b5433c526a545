"""The LibreOffice Writer menu paths in docs/editing-templates.md are LibreOffice's own: each is read
from the menus of the LibreOffice installed (its menubar.xml and the labels of its commands), so a
path that is wrong, or that a new version moves, fails here. Skipped where LibreOffice is not
installed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .helpers import ROOT

SHARE = Path("/usr/lib/libreoffice/share")
GUIDE = ROOT / "docs" / "editing-templates.md"

# Each LibreOffice path the guide gives, and the command behind it.
PATHS = {
    "Tools, AutoCorrect, AutoCorrect Options...": ".uno:AutoCorrectDlg",
    "Tools, AutoCorrect, While Typing": ".uno:OnlineAutoFormat",
    "Edit, Track Changes, Record": ".uno:TrackChanges",
    "Edit, Track Changes, Accept All": ".uno:AcceptAllTrackedChanges",
    "Insert, Comment": ".uno:InsertAnnotation",
    "Edit, Comment, Delete Comment": ".uno:DeleteComment",
    "Delete All Comments": ".uno:DeleteAllNotes",
    "Insert, More Breaks, Manual Break...": ".uno:InsertBreak",
    "View, Formatting Marks": ".uno:ControlCodes",
    "Table, Properties...": ".uno:TableDialog",
    "Format, Description...": ".uno:ObjectTitleDescription",
    "File, Save As...": ".uno:SaveAs",
}


def _labels() -> dict[str, str]:
    labels: dict[str, str] = {}
    for name in ("writer.xcd", "main.xcd"):  # Writer's own labels first
        text = (SHARE / "registry" / name).read_text(encoding="utf-8")
        for node in re.finditer(r'<node oor:name="(\.uno:[^"]+)" oor:op="replace">(.*?)</node>',
                                text, re.DOTALL):
            for prop in ("ContextLabel", "Label"):  # a menu shows the first it has
                value = re.search(rf'<prop oor:name="{prop}"[^>]*>\s*<value xml:lang="en-US">'
                                  r"([^<]*)</value>", node.group(2))
                if value and node.group(1) not in labels:
                    labels[node.group(1)] = value.group(1).replace("~", "")
    return labels


def _menu_paths() -> dict[str, str]:
    from lxml import etree

    labels = _labels()
    ns = "{http://openoffice.org/2001/menu}"
    menubar = SHARE / "config/soffice.cfg/modules/swriter/menubar/menubar.xml"
    paths: dict[str, str] = {}

    def walk(node: etree._Element, path: list[str]) -> None:
        for child in node:
            command = child.get(f"{ns}id", "")
            if child.tag == f"{ns}menu":
                walk(child, [*path, labels.get(command, command)])
            elif child.tag == f"{ns}menupopup":
                walk(child, path)
            elif child.tag == f"{ns}menuitem":
                paths.setdefault(command, ", ".join([*path, labels.get(command, command)]))

    walk(etree.parse(str(menubar)).getroot(), [])
    return paths


@pytest.mark.skipif(not (SHARE / "registry" / "writer.xcd").is_file(),
                    reason="LibreOffice is not installed")
def test_the_guides_libreoffice_menu_paths_are_libreoffices_own() -> None:
    menus = _menu_paths()
    guide = re.sub(r"\s+", " ", GUIDE.read_text(encoding="utf-8"))
    for written, command in PATHS.items():
        assert written in guide, f"the guide no longer says {written!r}"
        assert menus[command].endswith(written), (written, menus[command])
