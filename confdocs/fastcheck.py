"""A fast yes/no check of the engagement schema, compiled once into closures.

Most files in a run are valid, and for a valid file jsonschema's general machinery is the slowest
part of validation. This module compiles the keywords our schema uses into plain Python checks that
answer one question: is the instance valid? Only when the answer is no does validation ask
jsonschema for the exact errors. The compiler is conservative: a keyword it does not know makes it
give up on the whole schema, and then every file goes to jsonschema, so a schema change can slow
validation down but never let an invalid file through.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sized
from functools import cache
from typing import Any

Check = Callable[[Any], bool]

# Keywords that only annotate: they never make an instance invalid.
_ANNOTATIONS = frozenset({"title", "description", "examples", "default", "$schema", "$id",
                          "$comment"})
_HANDLED = frozenset({"type", "properties", "required", "additionalProperties", "items", "enum",
                      "const", "pattern", "format", "minLength", "maxLength", "minItems",
                      "maxItems", "minimum", "maximum", "if", "then", "else"}) | _ANNOTATIONS


class Unsupported(Exception):
    """The schema uses a keyword this compiler does not handle."""


@cache
def ecma_pattern(pattern: str) -> re.Pattern[str]:
    """A JSON Schema (ECMA-262) pattern as a Python regex. In ECMA-262 a final '$' matches only at
    the very end; in Python it also matches before a final newline, which would let "id\\n"
    through and into a file name."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_TYPES: Mapping[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": _is_number,
    "integer": lambda v: _is_number(v) and (isinstance(v, int) or float(v).is_integer()),
}


def _json_equal(a: Any, b: Any) -> bool:
    # JSON has no 1 == true: booleans equal only booleans.
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    return bool(a == b)


def compile_schema(schema: Mapping[str, Any] | bool, conforms: Callable[[Any, str], bool]) -> Check:
    """Compile ``schema``; ``conforms(value, format)`` checks formats. Raises Unsupported."""
    if schema is True:
        return lambda value: True
    if schema is False:
        return lambda value: False
    unknown = set(schema) - _HANDLED
    if unknown:
        raise Unsupported(", ".join(sorted(unknown)))
    checks: list[Check] = []

    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        tests = [_TYPES[name] for name in names]
        checks.append(tests[0] if len(tests) == 1 else lambda v: any(t(v) for t in tests))
    if "enum" in schema:
        choices = list(schema["enum"])
        if all(isinstance(c, str) for c in choices):
            strings = frozenset(choices)
            checks.append(lambda v: isinstance(v, str) and v in strings)
        else:
            checks.append(lambda v: any(_json_equal(v, choice) for choice in choices))
    if "const" in schema:
        constant = schema["const"]
        checks.append(lambda v: _json_equal(v, constant))
    checks.extend(_object_checks(schema, conforms))
    checks.extend(_array_checks(schema, conforms))
    checks.extend(_string_checks(schema, conforms))
    if "minimum" in schema:
        low = schema["minimum"]
        checks.append(lambda v: not _is_number(v) or v >= low)
    if "maximum" in schema:
        high = schema["maximum"]
        checks.append(lambda v: not _is_number(v) or v <= high)
    if "if" in schema:
        condition = compile_schema(schema["if"], conforms)
        then = compile_schema(schema.get("then", True), conforms)
        otherwise = compile_schema(schema.get("else", True), conforms)
        checks.append(lambda v: then(v) if condition(v) else otherwise(v))
    return _all_of(checks)


def _all_of(checks: list[Check]) -> Check:
    if not checks:
        return lambda value: True
    if len(checks) == 1:
        return checks[0]

    def every(value: Any) -> bool:
        for check in checks:  # noqa: SIM110 (a plain loop is cheaper than all() over a generator)
            if not check(value):
                return False
        return True

    return every


def _object_checks(schema: Mapping[str, Any], conforms: Callable[[Any, str], bool]) -> list[Check]:
    checks: list[Check] = []
    properties = {name: compile_schema(sub, conforms)
                  for name, sub in schema.get("properties", {}).items()}
    required = list(schema.get("required", []))
    extra = schema.get("additionalProperties", True)
    extra_check = compile_schema(extra, conforms)

    def check_object(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        if any(name not in value for name in required):
            return False
        for name, item in value.items():
            check = properties.get(name, extra_check)
            if not check(item):
                return False
        return True

    if properties or required or extra is not True:
        checks.append(check_object)
    return checks


def _array_checks(schema: Mapping[str, Any], conforms: Callable[[Any, str], bool]) -> list[Check]:
    checks: list[Check] = []
    if "items" in schema:
        item_check = compile_schema(schema["items"], conforms)
        def check_items(value: Any) -> bool:
            if isinstance(value, list):
                for item in value:
                    if not item_check(item):
                        return False
            return True

        checks.append(check_items)
    return checks + _size_checks(schema, list, "minItems", "maxItems")


def _size_checks(schema: Mapping[str, Any], kind: type[Sized], least_key: str, most_key: str,
                 ) -> list[Check]:
    """minItems/maxItems for lists, minLength/maxLength for strings (len counts code points)."""
    checks: list[Check] = []
    if least_key in schema:
        least = schema[least_key]
        checks.append(lambda v: not isinstance(v, kind) or len(v) >= least)
    if most_key in schema:
        most = schema[most_key]
        checks.append(lambda v: not isinstance(v, kind) or len(v) <= most)
    return checks


def _string_checks(schema: Mapping[str, Any], conforms: Callable[[Any, str], bool]) -> list[Check]:
    checks: list[Check] = []
    if "pattern" in schema:
        search = ecma_pattern(schema["pattern"]).search
        checks.append(lambda v: not isinstance(v, str) or search(v) is not None)
    if "format" in schema:
        fmt = schema["format"]
        checks.append(lambda v: conforms(v, fmt))
    return checks + _size_checks(schema, str, "minLength", "maxLength")
