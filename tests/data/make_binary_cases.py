"""Rewrite the invalid cases whose bytes matter and cannot be typed in an editor.

Each one starts from invalid/duplicate-engagement-id/a.json, the valid minimal engagement the
other invalid cases are built on, gives it its own id (so that a whole-folder run reports no
duplicate ids) and then changes only its bytes:

  json-bom.json             a UTF-8 byte-order mark (EF BB BF) before the '{'
  json-encoding-latin1.json all Latin-1: the title's "é" is the single byte E9 (line 5)
  json-encoding-mixed.json  UTF-8 but for one stray Latin-1 E9 after a UTF-8 "—" (line 5)
  json-encoding-utf16.json  UTF-16 little-endian with its byte-order mark (FF FE), as Notepad
                            saves "Unicode" text

Run it from anywhere: python tests/data/make_binary_cases.py
"""

from pathlib import Path

INVALID = Path(__file__).resolve().parent / "invalid"
BASE_ID = '"id": "INV-duplicate-engagement-id"'
BASE_TITLE = '"title": "Leadership coaching for the Head of Finance"'


def engagement(case: str, title: str | None = None) -> str:
    text = (INVALID / "duplicate-engagement-id" / "a.json").read_text(encoding="utf-8")
    text = text.replace(BASE_ID, f'"id": "INV-{case}"')
    if title is not None:
        text = text.replace(BASE_TITLE, f'"title": "{title}"')
    return text


def main() -> None:
    cases = {
        "json-bom": b"\xef\xbb\xbf" + engagement("json-bom").encode("utf-8"),
        "json-encoding-latin1": engagement(
            "json-encoding-latin1", "Leadership coaching for René Dubois"
        ).encode("latin-1"),
        "json-encoding-mixed": engagement("json-encoding-mixed", "Coaching — Café managers")
        .encode("utf-8")
        .replace("Café".encode(), b"Caf\xe9"),
        "json-encoding-utf16": b"\xff\xfe" + engagement("json-encoding-utf16").encode("utf-16-le"),
    }
    for name, data in cases.items():
        (INVALID / f"{name}.json").write_bytes(data)
        print(f"wrote invalid/{name}.json ({len(data)} bytes)")


if __name__ == "__main__":
    main()
