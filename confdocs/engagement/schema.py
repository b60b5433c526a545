"""The engagement schema: loaded and compiled once per process, with strict format checks."""

from __future__ import annotations

import datetime as _dt
import difflib
import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..resources import load_schema
from .fastcheck import Unsupported, compile_schema, ecma_pattern
from .source import Source, escape_pointer_token, pointer_to_path

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# The unknown fields of one object named one by one; past these, one finding counts the rest.
MAX_UNKNOWN_FIELDS_LISTED = 50


def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE.match(value):
        return False
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_email(value: object) -> bool:
    return not isinstance(value, str) or _email_is_valid(value)


@cache
def _email_is_valid(value: str) -> bool:
    """Checked by email-validator, which knows the RFCs (a regex of our own let through
    "jonah@example.com\\n", "<jonah@example.com>" and "-@-.-"); the syntax only, never DNS:
    validation works offline and gives the same answer everywhere.

    The domain in ASCII, as editors read JSON Schema's "email" format: VS Code's JSON language
    service refused "jonah@exämple.com", which confdocs let through, so the two never agreed.
    Mail sends such a domain in its ASCII (xn--) form, which the message gives."""
    from email_validator import EmailNotValidError, validate_email

    if not value.rpartition("@")[2].isascii():
        return False
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def _ascii_domain(value: str) -> str | None:
    """The address with its domain in ASCII ("jonah@exämple.com" is "jonah@xn--exmple-cua.com",
    the form mail sends it in), or None when it is no address even so."""
    from email_validator import EmailNotValidError, validate_email

    try:
        valid = validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        return None
    return f"{valid.local_part}@{valid.ascii_domain}"


# The characters RFC 3986 allows in a URI, with %HH escapes: what check-jsonschema and editors
# check "uri" against. A value with others ("https://example.org/ü", "...]") passed here and
# failed there, so the two never agreed in CI.
_URI_CHARACTERS = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")


def _is_uri(value: object) -> bool:
    """A web address (http, https) or mailto: a URI, as RFC 3986 writes it, of a scheme a
    client can follow from a contract."""
    if not isinstance(value, str):
        return True
    if not _URI_CHARACTERS.match(value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:  # a stray bracket: "Invalid IPv6 URL"
        return False
    return parts.scheme in ("http", "https", "mailto") and bool(parts.netloc or parts.path)


# The formats the schema uses, asserted (a bad date is an error, never a silent pass).
FORMATS: dict[str, Callable[[object], bool]] = {"date": _is_date, "email": _is_email,
                                                "uri": _is_uri}


def conforms(value: object, format: str) -> bool:
    check = FORMATS.get(format)
    return check is None or check(value)


@cache
def validator(partial: bool = False) -> Any:
    """jsonschema's validator, for the exact errors of a file the fast check refused. Built (and
    jsonschema imported) only then: a run of valid files never pays for it. ``partial``: the
    profile schema (no required field), for a profile checked on its own."""
    from jsonschema import Draft202012Validator, FormatChecker
    from jsonschema.exceptions import ValidationError
    from jsonschema.validators import extend

    def pattern(validator: Any, pattern: str, instance: Any, schema: Any,
                ) -> Iterator[ValidationError]:
        if isinstance(instance, str) and not ecma_pattern(pattern).search(instance):
            yield ValidationError(f"{instance!r} does not match {pattern!r}")

    checker = FormatChecker(formats=())
    for name, check in FORMATS.items():
        checker.checks(name)(check)
    # Draft 2020-12, but with ECMA-262 semantics for `pattern`, as the specification asks.
    draft = extend(Draft202012Validator, {"pattern": pattern})  # type: ignore[no-untyped-call]
    schema = _schema(partial)
    Draft202012Validator.check_schema(schema)
    return draft(schema, format_checker=checker)


def _schema(partial: bool) -> dict[str, Any]:
    if partial:
        from .profiles import partial_schema

        return partial_schema()
    return load_schema()


@cache
def fast_check(partial: bool = False) -> Callable[[Any], bool] | None:
    """The compiled yes/no check of the schema, or None if the schema uses a keyword it lacks."""
    try:
        return compile_schema(_schema(partial), conforms)
    except Unsupported:
        return None


_FORMAT_WORDS = {
    "date": "a real date written YYYY-MM-DD",
    "email": "an email address such as name@example.com",
    "uri": "a web address starting with https://",
}
_PATTERN_WORDS = {
    "^(https?://|mailto:)": "a web address starting with https:// (or a mailto: address)",
    "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$":
        "letters, digits, '-' and '_' only, starting with a letter or digit, at most 64 characters",
    "^[a-z0-9][a-z0-9-]{0,63}$":
        "lower-case letters, digits and '-' only, starting with a letter or digit",
    "^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$":
        "a language tag such as en-GB (language in lower case, region in upper case)",
    "^([01][0-9]|2[0-3]):[0-5][0-9]$": "a 24-hour time written HH:MM, such as 09:30",
}
_TYPE_WORDS = {
    "string": "text in double quotes", "integer": "a whole number", "number": "a number",
    "boolean": "true or false", "array": "a list [...]", "object": "an object {...}",
}


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        return json.dumps(value if len(value) <= 60 else value[:57] + "...", ensure_ascii=False)
    if isinstance(value, (int, float)):
        return str(value)
    return "a list" if isinstance(value, list) else "an object"


def _pointer(error: ValidationError) -> str:
    return "".join(f"/{escape_pointer_token(p)}" for p in error.absolute_path)


def _suggest(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(word, [str(c) for c in choices], n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def schema_findings(source: Source) -> None:
    """Add a finding to ``source`` for every schema violation in its data."""
    quick = fast_check()
    if quick is not None and quick(source.data):
        return
    data, unlisted = _listable(source.data, False)
    errors = [leaf for error in validator().iter_errors(data) for leaf in _leaves(error)]
    # A web address that fails its format fails the pattern that says the same (the schema
    # writes the scheme out as a pattern, so that editors' own checks agree): say it once.
    bad_format = {tuple(e.absolute_path) for e in errors if e.validator == "format"}
    for leaf in errors:
        if leaf.validator == "pattern" and tuple(leaf.absolute_path) in bad_format:
            continue
        _add(source, leaf, unlisted)


def partial_findings(source: Source, data: Any) -> None:
    """Add a finding to ``source`` for every violation of the profile schema in ``data`` (a
    profile's own data: no field is required of it)."""
    quick = fast_check(True)
    if quick is not None and quick(data):
        return
    data, unlisted = _listable(data, True)
    for error in validator(True).iter_errors(data):
        for leaf in _leaves(error):
            _add(source, leaf, unlisted)


def _listable(data: Any, partial: bool) -> tuple[Any, int]:
    """``data`` with no more unknown top-level fields than are listed, and one more (where the
    count of the others is said); and how many were left out. jsonschema sorts and quotes every
    unknown field in one message: 400,000 of them took seconds a time."""
    known = _schema(partial).get("properties", {})
    if not isinstance(data, dict) or len(data) <= len(known) + MAX_UNKNOWN_FIELDS_LISTED:
        return data, 0  # too few keys to be over the listing
    kept: dict[str, Any] = {}
    unknown = 0
    for key, value in data.items():
        if key in known:
            kept[key] = value
        else:
            unknown += 1
            if unknown <= MAX_UNKNOWN_FIELDS_LISTED + 1:
                kept[key] = value
    return kept, max(0, unknown - MAX_UNKNOWN_FIELDS_LISTED - 1)


def _leaves(error: ValidationError) -> Iterator[ValidationError]:
    from jsonschema.exceptions import best_match

    # For anyOf/oneOf, report the most relevant branch's error rather than the whole tree.
    if error.validator in ("anyOf", "oneOf") and error.context:
        yield best_match(error.context)
    else:
        yield error


def _add(source: Source, error: ValidationError, unlisted: int = 0) -> None:
    """The finding for ``error``; ``unlisted``: unknown top-level fields left out of the data
    checked (see ``_listable``), counted with those not listed."""
    pointer = _pointer(error)
    where = pointer_to_path(pointer)
    value: Any = error.instance
    keyword: Any = error.validator
    expected: Any = error.validator_value
    if keyword == "required":
        # jsonschema yields one error per missing name, and says which only in its message.
        said = error.message.partition(" is a required property")[0]
        missing = next((n for n in expected if repr(n) == said and n not in value), said)
        child = f"{pointer}/{escape_pointer_token(missing)}"
        source.add("schema-required", "error", child,
                   f"{where} is missing the required field {missing!r}; add it",
                   at=source.locate(pointer))
        return
    if keyword == "additionalProperties":
        schema: Any = error.schema
        known = schema.get("properties", {})
        extras = [name for name in value if name not in known]
        for extra in extras[:MAX_UNKNOWN_FIELDS_LISTED]:
            child = f"{pointer}/{escape_pointer_token(extra)}"
            source.add("schema-unknown-field", "error", child,
                       f"{where} has an unknown field {extra!r}{_suggest(extra, known)}",
                       key=True)
        rest = len(extras) - MAX_UNKNOWN_FIELDS_LISTED + (unlisted if not pointer else 0)
        if rest > 0:
            # A file of a few misspellings gets each named; one of 400,000 keys is no engagement
            # (a suggestion each took a minute), and a list that long helps no one.
            # Placed at the first not listed: the file that holds it, when profiles merge.
            child = f"{pointer}/{escape_pointer_token(extras[MAX_UNKNOWN_FIELDS_LISTED])}"
            source.add("schema-unknown-field", "error", child,
                       f"... and {rest:,} more unknown field{'s' if rest > 1 else ''} in {where} "
                       "from here on, not listed; is this an engagement file?", key=True)
        return
    if keyword == "type":
        wanted = _TYPE_WORDS.get(str(expected), str(expected))
        code, message = "schema-type", f"{where} should be {wanted}, not {_describe(value)}"
    elif keyword == "enum":
        choices = ", ".join(str(c) for c in expected)
        code = "schema-enum"
        message = (f"{where} {_describe(value)} is not one of: {choices}"
                   f"{_suggest(str(value), expected)}")
    elif keyword == "const":
        code, message = "schema-const", f"{where} must be {_describe(expected)}, not {_describe(value)}"
    elif keyword == "format":
        code = "schema-format"
        message = f"{where} {_describe(value)} is not {_FORMAT_WORDS.get(expected, expected)}"
        if (expected == "email" and isinstance(value, str)
                and not value.rpartition("@")[2].isascii()):
            ascii_form = _ascii_domain(value)
            message += (f", with its domain in ASCII as editors check it: write {ascii_form!r}"
                        if ascii_form else ", with its domain in ASCII as editors check it")
    elif keyword == "pattern":
        code = "schema-pattern"
        message = f"{where} {_describe(value)} should be {_PATTERN_WORDS.get(expected, expected)}"
    elif keyword in ("minLength", "maxLength"):
        code = "schema-length"
        message = (f"{where} is empty; write something or leave the field out" if value == ""
                   else f"{where} is longer than {expected} characters")
    elif keyword in ("minItems", "maxItems"):
        code = "schema-items"
        message = f"{where} needs at least {expected} entr{'y' if expected == 1 else 'ies'}"
    elif keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        code = "schema-range"
        bound = "at least" if "inimum" in keyword else "at most"
        message = f"{where} is {_describe(value)}; it must be {bound} {expected}"
    else:
        code, message = "schema", f"{where}: {error.message}"
    source.add(code, "error", pointer, message)
