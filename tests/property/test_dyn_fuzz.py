"""Fuzz stdlib/dyn.wat, dyn_ops.wat and dyn_build.wat (JSON values) against
Python's json module (tests/unit/dyn_harness.py's oracle).

$json_decode must give exactly
json.dumps(json.loads(t), ensure_ascii=False, separators=(",", ":")) for
every text Python reads (objects with a repeated key, nesting deeper than
32, texts over 1 MiB, numbers beyond the double range and lone surrogates
refused), and null for the others, on the documents and mutations of the
configuration reader's fuzz tests (tests/unit/json_corpus.py).  Reads,
conversions, comparisons and edits must agree with the same operations on
the value Python parsed, along random paths into random documents.

Default run: a few thousand documents in about a minute.  For a longer run
set PWC_FUZZ_EXAMPLES (examples per test; the default is 300).
"""

from __future__ import annotations

import copy
import json
import math
import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyn_harness import (E, INT64_MAX, INT64_MIN, DynModule, canonical, cel_eq, dumps, kind, quoted, shared_dyn_module,
                         signed64)
from json_corpus import (MUTATIONS_PER_DOCUMENT, Writer, json_values, mutate, near_json_bytes, string_bodies,
                         valid_documents)

EXAMPLES = int(os.environ.get("PWC_FUZZ_EXAMPLES", "300"))

fuzz = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

module = shared_dyn_module


def check_decode(data: bytes) -> None:
    m = module()
    top = m.g("scratch_top")
    result = m.decode(data)  # a trap would raise wasmtime.Trap here
    expected = canonical(data)
    assert result == expected, data[:300]
    assert m.g("rt_error") == 0
    if result is None and data.strip(b" \t\r\n") != b"null":
        assert 1 <= m.g("dyn_fail") <= 6 and m.g("scratch_top") == top


# --- $json_decode --------------------------------------------------------------------


@fuzz
@given(valid_documents(), st.randoms(use_true_random=False))
def test_documents_and_their_mutations_decode_as_python_reads_them(data, rnd):
    check_decode(data)
    for _ in range(MUTATIONS_PER_DOCUMENT):
        check_decode(mutate(data, rnd))


STRING_FRAMES = [b"%s", b"[%s]", b'{%s: 1}', b'{"k": %s}', b'{%s: 1, "a\\u0062": 2}']


@fuzz
@given(near_json_bytes | st.builds(lambda body, frame: frame % body, string_bodies, st.sampled_from(STRING_FRAMES)))
def test_bytes_strings_and_escapes_agree_with_python(data):
    check_decode(data)


@st.composite
def repeated_key_documents(draw) -> bytes:
    """An object (maybe nested in others) holding one key twice, the second
    time spelled in another legal way; or keys that only look alike."""
    rnd = draw(st.randoms(use_true_random=False))
    writer = Writer(rnd)
    key = draw(st.text(max_size=4))
    other = draw(st.text(max_size=4))
    members = [(key, draw(json_values)), (draw(st.sampled_from([key, other])), draw(json_values))]
    members += [(draw(st.text(max_size=3)), draw(json_values)) for _ in range(draw(st.integers(0, 3)))]
    rnd.shuffle(members)
    text = "{" + ",".join(writer.string(k) + ":" + writer.value(v) for k, v in members) + "}"
    for _ in range(draw(st.integers(0, 3))):
        text = draw(st.sampled_from(['{"x":%s}', "[%s]", '[1,%s,{"y":2}]'])) % text
    return text.encode()


@fuzz
@given(repeated_key_documents())
def test_repeated_keys_are_refused_however_spelled(data):
    check_decode(data)


@settings(max_examples=max(50, EXAMPLES // 6), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 70), st.sampled_from([("[", "]"), ('{"a":', "}"), ('[{"b":', "}]"), ('{"":[', "]}")]))
def test_nesting_depth_limit(depth, brackets):
    opened, closed = brackets
    check_decode((opened * depth + "0.5" + closed * depth).encode())


@fuzz
@given(st.sampled_from(["1e308", "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
                        "2e308", "1e-400", "4.9e-324", "2.4e-324", "2.5e-324", "-0.0e5", "123456789e300"]),
       st.sampled_from(["%s", "[1, %s]", '{"n": -%s}']))
def test_numbers_at_the_edges_of_the_double_range(number, frame):
    check_decode((frame % number).encode())


# --- reads, conversions and comparisons along random paths -----------------------------------------

keys = st.text(max_size=4) | st.sampled_from(["", "a", "é", 'q"', "\n", "\x00", "😀"])
NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?\Z")
INT_TEXT = re.compile(r"[+-]?[0-9]+\Z")


def walk(m: DynModule, draw, value, v: int, steps: int):
    """Follow `steps` random steps (a key or an index, present or not) from
    Python value `value` and dyn value `v` alike; the last step's parent too."""
    parent, parent_v, step = None, 0, None
    for _ in range(steps):
        parent, parent_v = value, v
        if isinstance(value, dict) and value and draw.draw(st.integers(0, 3)):
            step = draw.draw(st.sampled_from(sorted(value)))
        elif isinstance(value, list) and value and draw.draw(st.integers(0, 3)):
            step = draw.draw(st.integers(0, len(value) - 1))
        else:
            step = draw.draw(keys | st.integers(-3, 8) | st.sampled_from([INT64_MIN, INT64_MAX]))
        if isinstance(step, str):
            value = value.get(step) if isinstance(value, dict) else None
            v = m.dyn_key(v, m.put(step))
        else:
            value = value[step] if isinstance(value, list) and 0 <= step < len(value) else None
            v = m.dyn_index(v, step)
    return value, v, parent, parent_v, step


def converted(m: DynModule, func: str, v: int):
    m.set_global("rt_error", 0)
    result = getattr(m, func)(v)
    error = m.g("rt_error")
    if func == "dyn_string":
        result = None if error else m.text(result)
    elif func == "dyn_int":
        result = signed64(result)
    return result, error


def python_string(value):
    k = kind(value)
    if k == 4:
        return value.encode(), 0
    if k in (1, 2, 3):
        return {1: lambda x: b"true" if x else b"false", 2: lambda x: str(x).encode(), 3: lambda x: repr(x).encode()}[k](
            value), 0
    return None, E.BAD_CONVERSION


def python_int(value):
    k = kind(value)
    if k == 4 and not INT_TEXT.match(value):
        return 0, E.NOT_AN_INTEGER
    if k in (2, 3, 4):
        number = int(value) if k != 3 else math.trunc(value)
        return (number, 0) if INT64_MIN <= number <= INT64_MAX else (0, E.OVERFLOW)
    return 0, E.BAD_CONVERSION


def python_double(value):
    k = kind(value)
    if k == 4 and not NUMBER.match(value):
        return 0.0, E.BAD_CONVERSION
    if k in (2, 3, 4):
        try:
            number = float(value)
        except OverflowError:
            return 0.0, E.OVERFLOW
        return (number, 0) if math.isfinite(number) else (0.0, E.OVERFLOW)
    return 0.0, E.BAD_CONVERSION


def as_double(value) -> float:
    """A number as $f64_parse reads its text (an int beyond int64 rounds)."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def python_cmp(value, other) -> int:
    k = kind(value)
    if k == 4 and isinstance(other, bytes):
        mine = value.encode()
        return (mine > other) - (mine < other)
    if k not in (2, 3) or isinstance(other, bytes) or (isinstance(other, float) and math.isnan(other)):
        return 2
    if isinstance(other, float) and k == 2 and not INT64_MIN <= value <= INT64_MAX:
        value = as_double(value)
    return (value > other) - (value < other)


def check_reads(m: DynModule, value, v: int) -> None:
    assert m.value(v) == (None if value is None else dumps(value))
    assert m.dyn_kind(v) == kind(value)
    expected_size = len(value) if isinstance(value, (str, list, dict)) else 0
    assert m.dyn_size(v) == expected_size
    for func, oracle in (("dyn_string", python_string), ("dyn_int", python_int), ("dyn_double", python_double)):
        got, expected = converted(m, func, v), oracle(value)
        assert got == expected and str(got[0]) == str(expected[0]), (func, value)
    assert converted(m, "dyn_bool", v) == ((int(value), 0) if isinstance(value, bool) else (0, E.BAD_CONVERSION))
    m.set_global("rt_error", 0)


def check_iteration(m: DynModule, value, v: int) -> None:
    items, c = [], m.dyn_first(v)
    while c:
        items.append((m.value(m.dyn_item(v, c)), m.value(m.dyn_item_value(v, c))))
        c = m.dyn_next(v, c)
    if isinstance(value, dict):
        assert items == [(dumps(k), None if x is None else dumps(x)) for k, x in value.items()]
    elif isinstance(value, list):
        assert items == [(None if x is None else dumps(x),) * 2 for x in value]
    else:
        assert items == []


@fuzz
@given(json_values, st.integers(0, 4), st.data())
def test_reads_along_a_path_agree_with_python(document, steps, draw):
    m = module()
    text = dumps(document)
    root = m.json_decode(m.put(text))
    assert m.value(root) == (None if document is None else text)
    value, v, parent, parent_v, step = walk(m, draw, document, root, steps)
    check_reads(m, value, v)
    check_iteration(m, value, v)
    if isinstance(step, str):
        assert m.dyn_has(parent_v, m.put(step)) == (isinstance(parent, dict) and step in parent)
    assert m.g("rt_error") == 0


@fuzz
@given(json_values, st.integers(0, 3), st.data(),
       st.integers(INT64_MIN, INT64_MAX) | st.integers(-5, 5),
       st.floats() | st.sampled_from([0.0, -0.0, 1.0, 2.5, 1e20]), keys | st.sampled_from(["true", "1"]))
def test_comparisons_along_a_path_agree_with_python(document, steps, draw, i, d, s):
    m = module()
    value, v, *_ = walk(m, draw, document, m.json_decode(m.put(dumps(document))), steps)
    numeric = kind(value) in (2, 3)
    if numeric and draw.draw(st.booleans()):
        # compare with a number near the value's own
        i = max(INT64_MIN, min(INT64_MAX, int(as_double(value)) if math.isfinite(as_double(value)) else 0))
        d = as_double(value)
    assert m.dyn_cmp_int(v, i) == python_cmp(value, i)
    assert m.dyn_cmp_double(v, d) == python_cmp(value, d)
    assert m.dyn_eq_int(v, i) == (python_cmp(value, i) == 0)
    assert m.dyn_eq_double(v, d) == (python_cmp(value, d) == 0)
    if isinstance(value, str) and draw.draw(st.booleans()):
        s = value
    raw = s.encode()
    assert m.dyn_cmp_str(v, m.put(raw)) == python_cmp(value, raw)
    assert m.dyn_eq_str(v, m.put(raw)) == (isinstance(value, str) and value == s)
    assert m.dyn_eq_bool(v, 1) == (value is True) and m.dyn_eq_bool(v, 0) == (value is False)
    assert m.g("rt_error") == 0


def variant(value, rnd):
    """A value CEL-equal to `value`: maps' keys in another order, ints as
    doubles where a double holds them exactly."""
    if isinstance(value, dict):
        items = [(k, variant(x, rnd)) for k, x in value.items()]
        rnd.shuffle(items)
        return dict(items)
    if isinstance(value, list):
        return [variant(x, rnd) for x in value]
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**53 and rnd.random() < 0.5:
        return float(value)
    return value


@fuzz
@given(json_values, json_values, st.randoms(use_true_random=False), st.booleans())
def test_equality_agrees_with_cel(a, b, rnd, alike):
    m = module()
    if alike:
        b = variant(a, rnd)
        if rnd.random() < 0.3:
            b = json.loads(json.dumps([b, 0]))[0]  # a copy; then maybe one change deep inside
            b = variant(b, rnd) if rnd.random() < 0.5 else json.loads(json.dumps(b).replace("1", "2", 1))
    va, vb = (m.json_decode(m.put(dumps(x))) for x in (a, b))
    assert m.dyn_eq(va, vb) == m.dyn_eq(vb, va) == cel_eq(a, b), (a, b)
    assert m.dyn_eq(va, va) == 1
    assert m.g("rt_error") == 0


# --- builders and edits -------------------------------------------------------------------------


@fuzz
@given(st.binary(max_size=40) | st.text(max_size=20).map(str.encode))
def test_quote_agrees_with_python(raw):
    m = module()
    v = m.json_quote(m.put(raw))
    assert m.value(v) == quoted(raw)
    assert m.decode(m.value(v)) == quoted(raw), "what it writes reads back as itself"


def set_along(m: DynModule, path: list, v: int, new_value, remove: bool) -> int:
    """`set x[p0][p1]...[pn] = new_value` (or `remove`), as generated code
    would do it: read down the path, then write each level back up."""
    parents = []
    for step in path[:-1]:
        parents.append(v)
        v = m.dyn_key(v, m.put(step)) if isinstance(step, str) else m.dyn_index(v, step)
    last = path[-1]
    if isinstance(last, str):
        v = m.dyn_remove_key(v, m.put(last)) if remove else m.dyn_set_key(v, m.put(last), new_value)
    else:
        v = m.dyn_set_index(v, last, new_value)
    for parent, step in zip(reversed(parents), reversed(path[:-1])):
        v = m.dyn_set_key(parent, m.put(step), v) if isinstance(step, str) else m.dyn_set_index(parent, step, v)
    return v


def python_set(document, path: list, new_value, remove: bool):
    """What set_along must give, on Python values: a missing or null map on
    the way is created (removing from null leaves null); a value of another
    kind is left as it is."""

    def go(node, steps):
        step, rest = steps[0], steps[1:]
        if isinstance(step, str):
            if node is None and not (remove and not rest):
                node = {}
            if not isinstance(node, dict):
                return node
            node = dict(node)
            if not rest:
                if remove:
                    node.pop(step, None)
                else:
                    node[step] = new_value
            else:
                node[step] = go(node.get(step), rest)
            return node
        if not isinstance(node, list) or not 0 <= step < len(node):
            return node
        node = list(node)
        node[step] = new_value if not rest else go(node[step], rest)
        return node

    return go(copy.deepcopy(document), path)


@fuzz
@given(json_values, st.data(), json_values, st.booleans())
def test_edits_agree_with_python(document, draw, new_value, remove):
    m = module()
    root = m.json_decode(m.put(dumps(document)))
    path, node = [], document
    for _ in range(draw.draw(st.integers(1, 3))):
        if isinstance(node, dict) and node and draw.draw(st.integers(0, 3)):
            step = draw.draw(st.sampled_from(sorted(node)))
        elif isinstance(node, list) and node and draw.draw(st.integers(0, 3)):
            step = draw.draw(st.integers(0, len(node) - 1))
        else:
            step = draw.draw(keys | st.integers(-1, 3))
        path.append(step)
        node = node.get(step) if isinstance(node, dict) and isinstance(step, str) else (
            node[step] if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node) else None)
    new = 0 if new_value is None else m.put(dumps(new_value))
    got = m.value(set_along(m, path, root, new, remove))
    expected = python_set(document, path, new_value, remove)
    assert got == (None if expected is None else dumps(expected)), (document, path, new_value, remove)
    assert m.g("rt_error") == 0
    assert m.value(root) == (None if document is None else dumps(document)), "the document edited is unchanged"
