"""One JSON encoder for the files confdocs writes (confdocs.jsonfile): what json.dumps writes, and
the same in chunks for a manifest that streams its outputs."""

from __future__ import annotations

import json


def test_pretty_writes_what_json_dumps_writes() -> None:
    from confdocs.jsonfile import dumps

    value = {"a": {"b": [1, "x\u00e9\"\n"], "c": {}}, "d": [], "e": None, "f": True, "g": 1.5}
    assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_a_json_file_in_chunks_is_its_whole_text_with_deep_values_on_one_line() -> None:
    """Import's files and build's manifest share one encoder; the manifest streams its outputs
    and writes each one's profiles on one line."""
    from confdocs.jsonfile import dump_chunks, dumps

    items = [{"path": "a/\u00fc.docx", "profiles": {"p.json": "s"}, "n": [1, 2]}, {"path": "b"}]
    head = {"tool": "confdocs", "version": "1.0"}
    for chosen in (items, []):
        whole = {**head, "outputs": chosen}
        text = b"".join(dump_chunks(head, "outputs", iter(chosen))).decode("utf-8")
        assert text == json.dumps(whole, indent=2, ensure_ascii=False) + "\n"
        flat = b"".join(dump_chunks(head, "outputs", chosen, flat_from=3)).decode("utf-8")
        assert flat == dumps(whole, flat_from=3) + "\n"
        assert ('"profiles": {"p.json": "s"},\n      "n": [1, 2]\n' in flat) == bool(chosen)
    assert dumps({"a": {"b": [1]}}, flat_from=1) == '{\n  "a": {"b": [1]}\n}'
