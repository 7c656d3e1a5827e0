"""CEL's macros in pwc against a CEL implementation (the `common-expression-language`
package, cel-rust, a test oracle only).

One filter computes several macro expressions over `parts`, the request's
`x-list` header split at commas, and writes each result into a header; the
local runtime runs it for generated lists, and every header must equal what
CEL computes for the same expression with `parts` bound to the same list.
List results are joined with "|" on both sides (the items never hold one).
"""

from __future__ import annotations

from functools import cache

import cel
from hypothesis import given, settings
from hypothesis import strategies as st

from cel_harness import headers_filter

from pwc.runtime.host import Host

# header -> (pwc expression, the CEL expression it must agree with)
EXPRESSIONS = {
    "x-exists": ('parts.exists(p, p.startsWith("a"))', 'parts.exists(p, p.startsWith("a"))'),
    "x-all": ("parts.all(p, size(p) > 1)", "parts.all(p, size(p) > 1)"),
    "x-one": ('parts.exists_one(p, p == "b")', 'parts.exists_one(p, p == "b")'),
    "x-nested": ("parts.exists(p, parts.filter(q, q == p).size() > 1)",
                 "parts.exists(p, size(parts.filter(q, q == p)) > 1)"),
    "x-keys": ('{"a": "1", "bb": "2"}.all(k, parts.exists(p, p == k))', '{"a": "1", "bb": "2"}.all(k, parts.exists(p, p == k))'),
    "x-filter": ('parts.filter(p, p.contains("x") || p.endsWith("b"))', 'parts.filter(p, p.contains("x") || p.endsWith("b"))'),
    "x-map": ('parts.map(p, p + "!")', 'parts.map(p, p + "!")'),
    "x-map-if": ('parts.map(p, p != "", "<" + p + ">")', 'parts.map(p, p != "", "<" + p + ">")'),
}


def _pwc_value(expression: str) -> str:
    """The expression as a header value: bools through string(), lists joined."""
    if expression.startswith(("parts.filter", "parts.map")):
        return f'{expression}.join("|")'
    return f"string({expression})"


@cache
def host() -> Host:
    return headers_filter("macros", ['let parts = request.headers["x-list"].split(",")'],
                          {name: _pwc_value(pwc) for name, (pwc, _) in EXPRESSIONS.items()})


def cel_value(expression: str, parts: list[str]) -> str:
    value = cel.evaluate(expression, {"parts": parts})
    if isinstance(value, bool):
        return "true" if value else "false"
    return "|".join(value)


ITEM = st.text(alphabet="abx", max_size=3)


@settings(max_examples=300, deadline=None)
@given(st.lists(ITEM, min_size=1, max_size=7))
def test_macros_agree_with_cel(items):
    header = ",".join(items)
    parts = header.split(",")  # what pwc's split gives, the empty string included
    seen = host().request(headers=[("x-list", header)] if header else []).upstream_request
    assert seen is not None
    for name, (_, expression) in EXPRESSIONS.items():
        assert seen.header(name) == cel_value(expression, parts), (name, parts)


def test_the_oracle_is_cel():
    assert cel_value('["a", "b"].exists(p, p == "b")', []) == "true"
    assert cel_value('parts.map(p, p + "!")', ["a", ""]) == "a!|!"
