"""A fast yes/no check of the engagement schema, compiled once into Python code.

Most files in a run are valid, and for a valid file jsonschema's general machinery is the slowest
part of validation. This module compiles the keywords our schema uses into plain Python checks that
answer one question: is the instance valid? Only when the answer is no does validation ask
jsonschema for the exact errors. The compiler is conservative: a keyword it does not know makes it
give up on the whole schema, and then every file goes to jsonschema, so a schema change can slow
validation down but never let an invalid file through.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

Check = Callable[[Any], bool]

# Keywords that only annotate: they never make an instance invalid.
# Annotations check nothing; enumDescriptions is the editors' (VS Code's) word for each value.
_ANNOTATIONS = frozenset({"title", "description", "examples", "default", "$schema", "$id",
                          "$comment", "enumDescriptions"})
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


def _json_equal(a: Any, b: Any) -> bool:
    # JSON has no 1 == true: booleans equal only booleans.
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    return bool(a == b)


def compile_schema(schema: Mapping[str, Any] | bool, conforms: Callable[[Any, str], bool]) -> Check:
    """Compile ``schema``; ``conforms(value, format)`` checks formats. Raises Unsupported.

    The schema becomes Python source, one function per subschema with its keywords as plain
    statements, compiled once: about twice as fast as the tree of closures it replaced."""
    writer = _Writer(conforms)
    entry = writer.function(schema)
    namespace = dict(writer.constants)
    exec(compile("\n".join(writer.lines), "<confdocs schema check>", "exec"), namespace)
    check: Check = namespace[entry]
    return check


class _Writer:
    def __init__(self, conforms: Callable[[Any, str], bool]) -> None:
        self.lines: list[str] = []
        self.constants: dict[str, Any] = {"_json_equal": _json_equal, "_is_number": _is_number,
                                          "_conforms": conforms}
        self.count = 0

    def constant(self, value: Any) -> str:
        name = f"_c{len(self.constants)}"
        self.constants[name] = value
        return name

    def function(self, schema: Mapping[str, Any] | bool) -> str:
        """Write the function checking ``schema``; returns its name."""
        name = f"_s{self.count}"
        self.count += 1
        if schema is True or schema is False:
            self.lines += [f"def {name}(v):", f"    return {schema}", ""]
            return name
        unknown = set(schema) - _HANDLED
        if unknown:
            raise Unsupported(", ".join(sorted(unknown)))
        body: list[str] = []
        known = self._types(schema, body)
        self._values(schema, body)
        self._object(schema, body, known == "object")
        self._array(schema, body, known == "array")
        self._string(schema, body, known == "string")
        for keyword, op in (("minimum", "<"), ("maximum", ">")):
            if keyword in schema:
                bound = self.constant(schema[keyword])
                body.append(f"if _is_number(v) and v {op} {bound}: return False")
        if "if" in schema:
            condition = self.function(schema["if"])
            then = self.function(schema.get("then", True))
            otherwise = self.function(schema.get("else", True))
            body.append(f"if not ({then}(v) if {condition}(v) else {otherwise}(v)): return False")
        self.lines.append(f"def {name}(v):")
        self.lines += [f"    {line}" for line in body]
        self.lines += ["    return True", ""]
        return name

    def _types(self, schema: Mapping[str, Any], body: list[str]) -> str | None:
        """The type test; returns the one type every later test may take for granted."""
        if "type" not in schema:
            return None
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        tests = " or ".join(f"({_TYPE_TESTS[name]})" for name in names)
        body.append(f"if not ({tests}): return False")
        return str(names[0]) if len(names) == 1 else None

    def _values(self, schema: Mapping[str, Any], body: list[str]) -> None:
        if "enum" in schema:
            choices = list(schema["enum"])
            if all(isinstance(c, str) for c in choices):
                strings = self.constant(frozenset(choices))
                body.append(f"if not (isinstance(v, str) and v in {strings}): return False")
            else:
                listed = self.constant(tuple(choices))
                body.append(f"if not any(_json_equal(v, c) for c in {listed}): return False")
        if "const" in schema:
            body.append(f"if not _json_equal(v, {self.constant(schema['const'])}): return False")

    def _object(self, schema: Mapping[str, Any], body: list[str], known: bool) -> None:
        properties: Mapping[str, Any] = schema.get("properties", {})
        required = list(schema.get("required", []))
        extra = schema.get("additionalProperties", True)
        if not properties and not required and extra is True:
            return
        checks = {name: self.function(sub) for name, sub in properties.items()}
        extra_check = self.function(extra) if extra not in (True, False) else None
        lines = []
        if required:
            missing = " or ".join(f"{name!r} not in v" for name in required)
            lines.append(f"if {missing}: return False")
        if extra is False:
            allowed = self.constant(frozenset(properties))
            lines.append(f"if not {allowed}.issuperset(v): return False")
        elif extra_check is not None:
            listed = self.constant(frozenset(properties))
            lines.append("for k, x in v.items():")
            lines.append(f"    if k not in {listed} and not {extra_check}(x): return False")
        absent = self.constant(_ABSENT)
        for name, check in checks.items():
            lines.append(f"x = v.get({name!r}, {absent})")
            lines.append(f"if x is not {absent} and not {check}(x): return False")
        self._guarded(body, lines, None if known else "isinstance(v, dict)")

    def _array(self, schema: Mapping[str, Any], body: list[str], known: bool) -> None:
        lines = []
        if "items" in schema:
            check = self.function(schema["items"])
            lines += ["for x in v:", f"    if not {check}(x): return False"]
        lines += _sizes(schema, "minItems", "maxItems")
        self._guarded(body, lines, None if known else "isinstance(v, list)")

    def _string(self, schema: Mapping[str, Any], body: list[str], known: bool) -> None:
        lines = []
        if "pattern" in schema:
            search = self.constant(ecma_pattern(schema["pattern"]).search)
            lines.append(f"if {search}(v) is None: return False")
        lines += _sizes(schema, "minLength", "maxLength")  # len counts code points
        self._guarded(body, lines, None if known else "isinstance(v, str)")
        if "format" in schema:  # for any type: the format function decides what it applies to
            body.append(f"if not _conforms(v, {schema['format']!r}): return False")

    @staticmethod
    def _guarded(body: list[str], lines: list[str], guard: str | None) -> None:
        if not lines:
            return
        if guard is None:
            body += lines
        else:
            body.append(f"if {guard}:")
            body += [f"    {line}" for line in lines]


def _sizes(schema: Mapping[str, Any], least: str, most: str) -> list[str]:
    """minItems/maxItems for lists, minLength/maxLength for strings."""
    lines = []
    if least in schema:
        lines.append(f"if len(v) < {int(schema[least])}: return False")
    if most in schema:
        lines.append(f"if len(v) > {int(schema[most])}: return False")
    return lines


_ABSENT = object()  # a property the instance does not have
_TYPE_TESTS: Mapping[str, str] = {
    "object": "isinstance(v, dict)",
    "array": "isinstance(v, list)",
    "string": "isinstance(v, str)",
    "boolean": "v is True or v is False",
    "null": "v is None",
    "number": "_is_number(v)",
    "integer": "_is_number(v) and (isinstance(v, int) or float(v).is_integer())",
}
