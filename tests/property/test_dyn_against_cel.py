"""JSON reads against a CEL implementation: cel-rust (the `common-expression-
language` package, a test oracle only) evaluates `x["k"][0]...`, `"k" in x`,
`size(x)` and `x == LITERAL` over documents Python's json writes, and
dyn.wat's reads of the same document must agree wherever CEL has the
operation.  Where CEL raises (no such key, index out of range, a key of a
non-map) pwc reads null, as docs/language.md says.  A string's size is
checked against cel-cpp (cel_harness.CelCpp): cel-rust counts its bytes, CEL
its code points."""

from __future__ import annotations

import json
from typing import Any

import cel
from hypothesis import given, settings
from hypothesis import strategies as st

from cel_harness import STRING, CelCpp
from dyn_harness import cel_eq, shared_dyn_module

# int64 and JSON-safe values: cel-rust holds ints as int64
SCALARS = st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) \
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=8)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=12)
CHECKS = settings(max_examples=600, deadline=None)
CEL_CPP = CelCpp({"x": STRING})


def cel_string(text: str) -> str:
    """A CEL string literal for `text` (JSON's escapes, raw non-ASCII: CEL has no surrogate escapes)."""
    return json.dumps(text, ensure_ascii=False)


@st.composite
def paths(draw, value: Any) -> list[str | int]:
    """Steps into `value`, mostly ones that exist, sometimes ones that do not."""
    path: list[str | int] = []
    for _ in range(draw(st.integers(0, 4))):
        if isinstance(value, dict) and value and draw(st.integers(0, 4)):
            key = draw(st.sampled_from(sorted(value)))
            path.append(key)
            value = value[key]
        elif isinstance(value, list) and value and draw(st.integers(0, 4)):
            index = draw(st.integers(0, len(value) - 1))
            path.append(index)
            value = value[index]
        else:
            path.append(draw(st.text(max_size=3) | st.integers(-2, 5)))
            value = None
    return path


def cel_read(document: Any, path: list[str | int]) -> tuple[bool, Any]:
    expression = "x" + "".join(f"[{cel_string(step)}]" if isinstance(step, str) else f"[{step}]" for step in path)
    try:
        return True, cel.evaluate(expression, {"x": document})
    except Exception:  # cel-rust raises for a missing key, an index out of range, a wrong kind
        return False, None


def pwc_read(document: Any, path: list[str | int]) -> bytes | None:
    m = shared_dyn_module()
    m.reset()
    value = m.json_decode(m.put(json.dumps(document).encode()))
    for step in path:
        value = m.dyn_key(value, m.put(step.encode())) if isinstance(step, str) else m.dyn_index(value, step)
    return m.value(value)


@CHECKS
@given(st.data())
def test_reads_agree_with_cel(data):
    document = data.draw(VALUES)
    path = data.draw(paths(document))
    found, expected = cel_read(document, path)
    got = pwc_read(document, path)
    if not found or expected is None:
        assert got is None, (document, path, got)
    else:
        assert got is not None and cel_eq(json.loads(got), expected), (document, path, got, expected)


@CHECKS
@given(st.dictionaries(st.text(max_size=5), SCALARS, max_size=5), st.text(max_size=5))
def test_in_agrees_with_cel(document, key):
    m = shared_dyn_module()
    m.reset()
    value = m.json_decode(m.put(json.dumps(document).encode()))
    assert bool(m.dyn_has(value, m.put(key.encode()))) == cel.evaluate(f"{cel_string(key)} in x", {"x": document})


@CHECKS
@given(VALUES.filter(lambda v: isinstance(v, (list, dict))))
def test_size_of_lists_and_maps_agrees_with_cel(document):
    # strings: below, against cel-cpp
    m = shared_dyn_module()
    m.reset()
    value = m.json_decode(m.put(json.dumps(document).encode()))
    assert m.dyn_size(value) == cel.evaluate("size(x)", {"x": document})


@CHECKS
@given(SCALARS, st.integers(-5, 5) | st.text(max_size=3) | st.booleans())
def test_equality_with_a_literal_agrees_with_cel(scalar, literal):
    m = shared_dyn_module()
    m.reset()
    value = m.json_decode(m.put(json.dumps(scalar).encode()))
    if isinstance(literal, bool):
        got, cel_literal = m.dyn_eq_bool(value, int(literal)), "true" if literal else "false"
    elif isinstance(literal, int):
        got, cel_literal = m.dyn_eq_int(value, literal), str(literal)
    else:
        got, cel_literal = m.dyn_eq_str(value, m.put(literal.encode())), cel_string(literal)
    assert bool(got) == cel.evaluate(f"x == {cel_literal}", {"x": scalar}), (scalar, literal)


@CHECKS
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12), st.booleans())
def test_size_of_strings_agrees_with_cel_cpp(text, ascii_escapes):
    # no NUL: cel-expr-python cuts a string at it
    m = shared_dyn_module()
    m.reset()
    value = m.json_decode(m.put(json.dumps(text, ensure_ascii=ascii_escapes).encode()))
    assert (True, m.dyn_size(value)) == CEL_CPP.evaluate("size(x)", {"x": text}), text
