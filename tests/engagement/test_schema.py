"""The formats the schema checks (engagement.schema.conforms): e-mail addresses as
email_validator reads them, web addresses as RFC 3986 writes them."""

from __future__ import annotations

import json

from ..helpers import ROOT


def test_email_addresses_are_checked_by_email_validator() -> None:
    from confdocs.engagement.schema import conforms

    for wrong in ("jonah@example.com\n", "<jonah@example.com>", "-@-.-", "a@b", "a@@x.org",
                  "a b@example.org"):
        assert not conforms(wrong, "email"), wrong
    for right in ("jonah.whitfield@example.org", "noa.ben-david@example.net",
                  "declan@fitzgerald-coaching.example.ie", "łucja@example.org"):
        assert conforms(right, "email"), right


def test_web_addresses_are_uris_as_rfc_3986_writes_them() -> None:
    from confdocs.engagement.schema import conforms

    for wrong in ("https://example.org]", "https://exa mple.org", "https://example.org/ü",
                  "https://example.org/%zz", "https://example.org/{x}", "ftp://example.org",
                  "www.example.org/complaints", "https://example.org/\u2028"):
        assert not conforms(wrong, "uri"), wrong
    for right in ("https://www.associationforcoaching.com/page/ACComplaintsProc",
                  "http://example.org/a?b=c#d", "https://example.org/%C3%BC",
                  "mailto:complaints@example.org", "https://[2001:db8::1]/x"):
        assert conforms(right, "uri"), right


def test_past_fifty_unknown_fields_of_an_object_one_finding_counts_the_rest() -> None:
    # issue 28, minor: each unknown field got its own finding and suggestion, 400,000 of them
    from confdocs.engagement.validate import check_source

    data = json.loads((ROOT / "samples" / "coaching-two-disclosures.json").read_text("utf-8"))
    data.update({f"extra{i}": i for i in range(60)})
    data["parties"].update({f"other{i}": i for i in range(53)})
    source = check_source("many.json", json.dumps(data, indent=2).encode("utf-8"))
    unknown = [f for f in source.findings if f.code == "schema-unknown-field"]
    top = [f for f in unknown if f.pointer.count("/") == 1]
    assert [f.pointer for f in top[:50]] == [f"/extra{i}" for i in range(50)]
    assert [(f.pointer, f.message) for f in top[50:]] == [
        ("/extra50", "... and 10 more unknown fields in the file from here on, not listed; is "
                     "this an engagement file?")]
    parties = [f for f in unknown if f.pointer.startswith("/parties/")]
    assert len(parties) == 51 and parties[-1].message.startswith(
        "... and 3 more unknown fields in parties from here on")
    # each placed at its key, the count at the first it does not list
    assert top[50].line == json.dumps(data, indent=2).split("\n").index('  "extra50": 50,') + 1


def test_email_domains_are_ascii_as_editors_read_the_email_format() -> None:
    # Issue 26: "jonah@exämple.com" passed confdocs and failed in VS Code (its JSON language
    # service's "email" format wants the domain in ASCII; mail sends it so, as xn--).
    from confdocs.engagement.schema import conforms

    for address in ("jonah@exämple.com", "jonah@例え.jp", "a＠example.com"):
        assert not conforms(address, "email"), address
    assert conforms("jonah@xn--exmple-cua.com", "email")


def test_a_non_ascii_email_is_told_its_ascii_form(tmp_path) -> None:
    from confdocs import validate_paths

    from ..helpers import sample_data, write_engagement

    data = sample_data("membership-guild.json")
    data["parties"]["client"]["email"] = "jonah@exämple.com"
    report = validate_paths([write_engagement(tmp_path, data)])
    [finding] = report.findings
    assert finding.code == "schema-format" and finding.pointer == "/parties/client/email"
    assert finding.message.endswith(
        "is not an email address such as name@example.com, with its domain in ASCII as editors "
        "check it: write 'jonah@xn--exmple-cua.com'"), finding.message


def test_every_choice_says_what_each_of_its_values_means() -> None:
    """Editors (VS Code's enumDescriptions) show each value's own meaning, not the field's
    description again (issue 26, item 4)."""
    import json as _json

    from confdocs.resources import schema_path

    def walk(node: object) -> list[dict[str, object]]:
        found: list[dict[str, object]] = []
        if isinstance(node, dict):
            if isinstance(node.get("enum"), list):
                found.append(node)
            for value in node.values():
                found.extend(walk(value))
        elif isinstance(node, list):
            for value in node:
                found.extend(walk(value))
        return found

    choices = walk(_json.loads(schema_path().read_text(encoding="utf-8")))
    assert len(choices) >= 19
    for choice in choices:
        meant = choice.get("enumDescriptions")
        assert isinstance(meant, list) and len(meant) == len(choice["enum"]), choice["enum"]
        assert len(set(meant)) == len(meant) and all(meant), choice["enum"]
