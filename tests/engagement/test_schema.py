"""The formats the schema checks (engagement.schema.conforms): e-mail addresses as
email_validator reads them, web addresses as RFC 3986 writes them."""

from __future__ import annotations


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
