"""One file as a version step sees it: its data, its data merged with its profiles, and its text
to edit, each edit said in a sentence for the person who reads the upgrade's report."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .jsonedit import JsonText
from .source import pointer_to_path


class Rewrite:
    """What a step sees and does to one file: its own data, the data it has merged with its
    profiles (``context``), and edits to its text, each said in a change."""

    def __init__(self, own: dict[str, Any], context: Mapping[str, Any], editor: JsonText) -> None:
        self.own = own
        self.context = context
        self.editor = editor
        self.changes: list[tuple[str, str]] = []

    def fill(self, pointer: str, value: Any, why: str, *, after: tuple[str, ...] = ()) -> None:
        self.editor.insert(pointer, value, after=after)
        self.changes.append((pointer, f"filled {pointer_to_path(pointer)}: {why}"))

    def drop(self, pointer: str, why: str) -> None:
        self.editor.remove(pointer)
        self.changes.append((pointer, f"left out {pointer_to_path(pointer)}: {why}"))
