"""The sandboxed Jinja environment (render.environment): the names a template may use at its top
level, and the bounds on what its operators, methods and filters make.

The bounds are checked on what a few characters of template can ask for: gigabytes. The cases are
rendered in a child process limited to 1 GiB (tests.helpers.run_limited), each under an alarm, so
that code without the bounds fails there, never the machine."""

from __future__ import annotations

import json

import pytest

from confdocs.engagement.schema import load_schema
from confdocs.render.environment import environment, top_level

from ..helpers import run_limited


def test_top_level_names_cover_the_schema() -> None:
    assert set(load_schema()["properties"]) - {"$schema", "schema_version", "extends"} <= set(top_level())


# Each renders, in the child, with s = 'x' * 1,000,000 (made within the bounds: the most one
# repetition may make) and the fragment of the error it must give.
WIDE = "asks for 999,999,999 characters or items, more than the 1,000,000"
REFUSED = {
    # Widths: a few characters asking for a gigabyte.
    "ljust": ("{{ 'x'.ljust(999999999) }}", "ljust() " + WIDE),
    "rjust": ("{{ 'x'.rjust(999999999) }}", "rjust() " + WIDE),
    "center": ("{{ 'x'.center(999999999) }}", "center() " + WIDE),
    "zfill": ("{{ 'x'.zfill(999999999) }}", "zfill() " + WIDE),
    "expandtabs": ("{{ '\\t'.expandtabs(999999999) }}", "expandtabs() " + WIDE),
    "bytes": ("{{ 'x'.encode().center(999999999) }}", "center() " + WIDE),
    "markup": ("{{ ('x'|e).ljust(999999999) }}", "ljust() " + WIDE),
    "center filter": ("{{ 'x'|center(999999999) }}", "the center filter " + WIDE),
    "format filter": ("{{ '%999999999s'|format('x') }}", "the format '%999999999s' " + WIDE),
    "format precision": ("{{ '%.999999999f'|format(1) }}", "the format '%.999999999f' " + WIDE),
    "%": ("{{ '%999999999s' % 'x' }}", "the format '%999999999s' " + WIDE),
    "% star": ("{{ '%*s' % (999999999, 'x') }}", "the format '%*s' " + WIDE),
    "% key": ("{{ '%(a(b))999999999s' % {'a(b)': 'x'} }}", WIDE),
    "% markup": ("{{ ('%999999999s'|e) % 'x' }}", WIDE),
    "% after %%": ("{{ '%% %*s' % (999999999, 'x') }}", WIDE),
    "str.format": ("{{ '{:>999999999}'.format('x') }}", "the format {:>999999999} " + WIDE),
    "nested width": ("{{ '{:{w}}'.format('x', w=999999999) }}", "{:999999999} " + WIDE),
    "fill": ("{{ '{:9<999999999}'.format('x') }}", WIDE),
    "format spec precision": ("{{ '{:.999999999f}'.format(1) }}", WIDE),
    "format_map": ("{{ '{a:>999999999}'.format_map({'a': 'x'}) }}", WIDE),
    "attr format": ("{{ ('{:999999999}'|attr('format'))('x') }}", WIDE),
    "indent width": ("{{ 'a\\nb'|indent(999999999) }}", "the indent filter " + WIDE),
    "batch": ("{{ [1]|batch(999999999, 'x')|list|length }}", "the batch filter " + WIDE),
    "slice": ("{{ [1]|slice(999999999)|list|length }}", "the slice filter " + WIDE),
    "tojson": ("{{ {'a': [1]}|tojson(indent=999999999) }}", "the tojson filter " + WIDE),
    "lipsum": ("{{ lipsum(999999999) }}", "lipsum() " + WIDE),
    # Results far larger than what they are made from.
    "indent": ("{{ ('a\\n' * 500000)|indent(100) }}", "the indent filter would make"),
    "wordwrap": ("{{ ('a ' * 500000)|wordwrap(1, wrapstring='x' * 1000) }}",
                 "the wordwrap filter would make"),
    "join filter": ("{{ range(100000)|join(s) }}", "the join filter would make"),
    "join method": ("{{ s.join(range(100000)|map('string')) }}", "join() would make"),
    "join shared": ("{{ ([s] * 100)|join }}", "the join filter would make"),
    "replace filter": ("{{ s|replace('x', 'yy' * 500) }}", "the replace filter would make"),
    "replace method": ("{{ s.replace('x', 'yy' * 500) }}", "replace() would make"),
    "translate": ("{{ s.translate({120: 'y' * 1000}) }}", "translate() would make"),
    "sum": ("{{ ([[s] * 1000000] * 1000)|sum(start=[])|length }}", "the sum filter would make"),
    "printf values": ("{{ ('%s' * 100) % ((s,) * 100) }}", "a % in the template would make"),
    "format values": ("{{ ('{}' * 100).format(*((s,) * 100)) }}", "a format() in the template"),
    "format numbers": ("{{ ('{:,}' * 10000).format(*([10 ** 1000] * 10000)) }}",
                       "a format() in the template"),
    "printf numbers": ("{{ ('%d' * 10000) % ((10 ** 1000,) * 10000) }}", "a % in the template"),
    # Doubling: each step within the bounds, the tenth a gigabyte.
    "~": ("{% set ns = namespace(s=s) %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
          "{% endfor %}", "a ~ in the template would make"),
    "+": ("{% set ns = namespace(s=s) %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}"
          "{% endfor %}", "a + in the template would make"),
    "extend": ("{% set l = [1] * 1000000 %}{% for i in range(40) %}{% if l.extend(l) %}"
               "{% endif %}{% endfor %}", "extend() would make"),
    "squaring": ("{% set ns = namespace(n=3) %}{% for i in range(40) %}{% set ns.n = ns.n * ns.n %}"
                 "{% endfor %}", "a product in the template would make a number too large"),
    "bytes repeated": ("{{ 'x'.encode() * 999999999 }}", "a repetition in the template would make"),
    # A list holding the same text a million times is printed a million times over.
    "printed": ("{{ [s] * 1000000 }}", "printing this value would make"),
    "string filter": ("{{ ([s] * 1000000)|string }}", "the string filter would make"),
    "replace shared": ("{{ ([s] * 1000000)|replace('x', 'y') }}", "the replace filter would"),
    "our filter": ("{{ ([s] * 1000000)|capfirst }}", "the capfirst filter would make"),
    "tojson shared": ("{{ ([s] * 1000000)|tojson }}", "the tojson filter would make"),
    "pprint shared": ("{{ ([s] * 1000000)|pprint }}", "the pprint filter would make"),
    "~ shared": ("{{ ([s] * 1000000) ~ '' }}", "a ~ in the template would make"),
    "% shared": ("{{ '%s' % ([s] * 1000000,) }}", "a % in the template would make"),
    "format shared": ("{{ '{!r}'.format([s] * 1000000) }}", "a format() in the template"),
    "namespace shared": ("{{ namespace(a=[s] * 1000000) }}", "printing this value would make"),
    "dict view": ("{{ {}.fromkeys(range(100000), s).values() }}", "printing this value"),
    "argument": ("{{ [1].index([s] * 1000000) }}", "index() would make"),  # not in list: [...]
    # Each value within the bounds, kept a hundred thousand times.
    "appended": ("{% set l = [] %}{% for i in range(100000) %}"
                 "{% if l.append(' '.ljust(1000000)) %}{% endif %}{% endfor %}", "in all for"),
    "copies": ("{% set l = [] %}{% for i in range(100000) %}{% if l.append(s|upper) %}{% endif %}"
               "{% endfor %}", "in all for this part of the document"),
    "slices": ("{% set l = [] %}{% for i in range(100000) %}{% if l.append(s[i:]) %}{% endif %}"
               "{% endfor %}", "in all for this part of the document"),
    "macro": ("{% macro m() %}{% for i in range(100000) %}{{ s }}{% endfor %}{% endmacro %}"
              "{{ m()|length }}", "in all for this part of the document"),
    "set block": ("{% set x %}{% for i in range(100000) %}{{ 'y' * 1000000 }}{% endfor %}"
                  "{% endset %}{{ x|length }}", "in all for this part of the document"),
    "mapped": ("{{ range(100000)|map('center', 1000000)|list|length }}", "in all for"),
}

# The child: renders each case in the environment under an alarm of its own, and says for each
# what it gave. Code without the bounds runs out of its 1 GiB (MemoryError) or out of time.
_RENDER_CASES = """
import json, signal
from confdocs.render.environment import environment
def expire(*args):
    raise TimeoutError("more than 10 s")
signal.signal(signal.SIGALRM, expire)
outcomes = {}
for name, source in json.loads(sys.stdin.read()).items():
    signal.alarm(10)
    try:
        made = environment().from_string("{% set s = 'x' * 1000000 %}" + source).render()
        outcomes[name] = ["made", made[:200]]
    except BaseException as exc:
        outcomes[name] = [type(exc).__name__, str(exc)]
    finally:
        signal.alarm(0)
print(json.dumps(outcomes))
"""


# A key made of a million long texts, missing, is named in the error: in full, before.
SHORTENED = {"missing key": "{{ {'a': 1}[(s,) * 1000000] }}",
             "missing index": "{{ s[(s,) * 1000000] }}"}


@pytest.fixture(scope="module")
def refused() -> tuple[dict[str, list[str]], int]:
    """What each case of REFUSED and SHORTENED gave, and the child's peak memory (MiB),
    rendered once."""
    cases = {name: source for name, (source, _) in REFUSED.items()} | SHORTENED
    done = run_limited(_RENDER_CASES, timeout=900, input=json.dumps(cases))
    assert done.code == 0, done.stderr[-2000:]
    return json.loads(done.stdout), done.peak_mib


@pytest.mark.parametrize("case", list(REFUSED))
def test_what_a_template_asks_for_is_bounded_before_it_is_made(
        case: str, refused: tuple[dict[str, list[str]], int]) -> None:
    outcomes, peak = refused
    kind, message = outcomes[case]
    assert kind == "OverflowError", (kind, message)
    assert REFUSED[case][1] in message
    # Every case refused, and none took the memory its request would have: the child holds its
    # own imports (some 100 MiB) and at most a few times what a rendering may make.
    assert peak < 400


@pytest.mark.parametrize("case", list(SHORTENED))
def test_a_missing_key_made_of_a_million_texts_is_named_shortened(
        case: str, refused: tuple[dict[str, list[str]], int]) -> None:
    kind, message = refused[0][case]
    assert kind == "UndefinedError"
    assert message.startswith("no field ('xxxxxxxxxxxx...xxxxxxxxxxxxx', ")
    assert len(message) < 300


@pytest.mark.parametrize(("source", "made"), [
    ("{{ '%-20s|'|format('ab') }}", "ab                  |"),
    ("{{ '{:>8}'.format(12) }}", "      12"),
    ("{{ '%05.2f' % 3.14159 }}", "03.14"),
    ("{{ '%(n)s' % {'n': 'ab'} }}", "ab"),
    ("{{ 'ab'|center(6) }}", "  ab  "),
    ("{{ 'ab'.ljust(4) }}|{{ 'ab'.zfill(4) }}", "ab  |00ab"),
    ("{{ 'a b c'|wordwrap(3) }}", "a b\nc"),
    ("{{ ['a', 'b']|join(', ') }}", "a, b"),
    ("{{ 'a\nb'|indent(2) }}", "a\n  b"),
    ("{{ 'a-b'|replace('-', ' to ') }}", "a to b"),
    ("{{ ('ab' ~ 1)[1:] }}", "b1"),
    ("{{ [1, 2] + [3] }}", "[1, 2, 3]"),
    ("{{ [[1], [2]]|sum(start=[]) }}", "[1, 2]"),
    ("{% macro m(x) %}<{{ x }}>{% endmacro %}{{ m('&') }}", "<&amp;>"),
    ("{{ 'Smith & Co'|capfirst }}", "Smith &amp; Co"),
])
def test_ordinary_widths_joins_and_formats_work_as_ever(source: str, made: str) -> None:
    assert environment().from_string(source).render() == made


def test_every_filter_runs_with_the_rendering_never_while_a_template_is_compiled() -> None:
    from jinja2.utils import _PassArg

    # A filter that Jinja may run on constants while compiling ({{ 'x'|center(10**9) }}) would
    # make its result then, in templates check and the build alike, outside every bound.
    assert {name for name, function in environment().filters.items()
            if getattr(function, "jinja_pass_arg", None) is not _PassArg.context} == set()
