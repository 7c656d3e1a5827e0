"""stdlib/dyn.wat, dyn_ops.wat and dyn_build.wat (JSON values) on hand-picked
cases, checked against Python's json module (dyn_harness's oracle), and
what they cost (metered instructions).  tests/property/test_dyn_fuzz.py
checks the same functions on generated documents."""

from __future__ import annotations

import json
import struct

import pytest

from dyn_harness import (E, INT64_MAX, INT64_MIN, MIB, SCRATCH_END, DynModule, canonical, dumps, quoted,
                         shared_dyn_module, signed64)
from stdlib_harness import Metered, linked_module_text

from pwc import stdlib
from pwc.compiler.assemble import assemble

@pytest.fixture
def m() -> DynModule:
    return shared_dyn_module()


def decoded(m: DynModule, text: bytes) -> tuple[bytes | None, int]:
    """$json_decode's value (None: null) and $dyn_fail; checks it against Python."""
    result = m.decode(text)
    assert result == canonical(text), text
    return result, m.g("dyn_fail")


# --- $json_decode -----------------------------------------------------------------

CANONICAL = [
    (b'"\\" \\\\ \\/ \\b \\f \\n \\r \\t"', b'"\\" \\\\ / \\b \\f \\n \\r \\t"'),
    (b'"\\u0000\\u0001\\u001F\\u007f\\u0080"', '"\\u0000\\u0001\\u001f\x7f\u0080"'.encode()),
    (b'"\\u00e9\\u00E9\xc3\xa9"', "\"ééé\"".encode()),
    (b'"\\ud83d\\ude00\\uD83D\\uDE00"', "\"😀😀\"".encode()),
    (b'"\\u2028\\u2029\\u0022\\u005c\\u002f"', '"\u2028\u2029\\"\\\\/"'.encode()),
    (b"12345678901234567890123456789012345678901234567890", b"12345678901234567890123456789012345678901234567890"),
    (b"-12345678901234567890123456789", b"-12345678901234567890123456789"),
    (b"-0", b"0"), (b"0", b"0"), (b"-0.0", b"-0.0"), (b"0e0", b"0.0"), (b"-0E-0", b"-0.0"), (b"1.0", b"1.0"),
    (b"1.50", b"1.5"), (b"1E2", b"100.0"), (b"1e+2", b"100.0"), (b"1e15", b"1000000000000000.0"), (b"1e16", b"1e+16"),
    (b"1e-4", b"0.0001"), (b"1e-5", b"1e-05"), (b"1e-400", b"0.0"), (b"-1e-400", b"-0.0"),
    (b"1.7976931348623157e308", b"1.7976931348623157e+308"), (b"5e-324", b"5e-324"), (b"0.1", b"0.1"),
    (b"123456789012345678901234567890e-10", b"1.2345678901234567e+19"),
    (b' \t\r\n{ "a" : [ 1 , { } , [ ] , "x" ] , "b" : { } } \n', b'{"a":[1,{},[],"x"],"b":{}}'),
    (b"[]", b"[]"), (b"{}", b"{}"), (b'""', b'""'), (b"true", b"true"), (b" false ", b"false"),
    (b"[null,true,false]", b"[null,true,false]"), (b'{"a\\u0062":1,"ab\\u0000":2}', b'{"ab":1,"ab\\u0000":2}'),
    (b'{"a":{"a":1},"b":{"a":2}}', b'{"a":{"a":1},"b":{"a":2}}'),
    (b"[" * 32 + b"]" * 32, b"[" * 32 + b"]" * 32), (b'{"a":' * 32 + b"1" + b"}" * 32, b'{"a":' * 32 + b"1" + b"}" * 32),
]


@pytest.mark.parametrize(("text", "expected"), CANONICAL)
def test_decode_writes_canonical_text(m, text, expected):
    assert decoded(m, text) == (expected, 0)


REFUSED = [
    # (text, $dyn_fail, offset)
    (b"", 1, 0), (b"  ", 1, 2), (b"nul", 1, 3), (b"[1,]", 1, 3), (b"NaN", 1, 0), (b"-Infinity", 1, 1),
    (b'"\\ud800"', 1, 1), (b'"\xff"', 1, 1), (b"\xef\xbb\xbf{}", 1, 0), (b"{}{}", 1, 2), (b"01", 1, 1),
    (b"[" * 33 + b"]" * 33, 2, 32), (b'{"a":' * 33 + b"1" + b"}" * 33, 2, 160),
    (b'{"a":1,"a":2}', 4, 13), (b'{"a":1,"\\u0061":2}', 4, 18), (b'{"k":{"b":1,"a":2,"b":3}}', 4, 24),
    (b'[{"a":1},{"x":0,"y":1,"x":2}]', 4, 28), (b'{"\\u00e9":1,"\xc3\xa9":2}', 4, 19),
    (b"1e400", 5, 0), (b"[1, -1E400]", 5, 4), (b'{"a": 2e308}', 5, 6),
]


@pytest.mark.parametrize(("text", "why", "offset"), REFUSED)
def test_decode_refuses(m, text, why, offset):
    m.set_global("rt_error", 3)
    top = m.g("scratch_top")
    assert decoded(m, text) == (None, why)
    assert m.g("dyn_fail_at") == offset
    assert m.g("scratch_top") == top, "a refused text gives its scratch back"
    assert m.g("rt_error") == 3, "decoding never touches $rt_error"


def test_decode_null_is_null_without_a_failure(m):
    assert m.json_decode(m.put(b" null ")) == 0
    assert m.g("dyn_fail") == 0


def test_decode_size_limit(m):
    big = b"[" + b"1," * (MIB // 2 - 2) + b"1] "
    assert len(big) == MIB
    assert decoded(m, big)[0] == big[:-1]
    assert decoded(m, b" " + big) == (None, 3)


def test_decode_result_is_one_block_where_scratch_was(m):
    text = b'{"a": [1, 2.5e0, "\\u00e9"], "b": {"c": null}}'
    top = m.g("scratch_top")
    v = m.json_decode(m.put(text))
    assert v >> 32 == (top + 7) & ~7
    assert m.g("scratch_top") == (v >> 32) + (v & 0xFFFFFFFF), "nothing else stays allocated"


def test_decode_out_of_scratch_is_a_failure_not_an_error(m):
    text = m.put(b'{"a": [1.5, 2.5, "xyz"]}')
    m.set_global("scratch_top", SCRATCH_END - 16)
    assert m.json_decode(text) == 0
    assert (m.g("dyn_fail"), m.g("rt_error"), m.g("scratch_top")) == (6, 0, SCRATCH_END - 16)
    # a double of 17 digits takes num.wat's slow path, which needs scratch of its own
    m.set_global("scratch_top", SCRATCH_END - 200)
    assert m.json_decode(m.put(b"[1.2345678901234567e19]")) == 0
    assert (m.g("dyn_fail"), m.g("rt_error"), m.g("scratch_top")) == (6, 0, SCRATCH_END - 200)
    m.set_global("scratch_top", SCRATCH_END - 4000)
    assert m.value(m.json_decode(m.put(b"[1.2345678901234567e19]"))) == b"[1.2345678901234567e+19]"


def test_decode_huge_integer_and_many_doubles(m):
    digits = b"9" * 5000
    assert decoded(m, b"[-" + digits + b"]")[0] == b"[-" + digits + b"]"
    doubles = b"[" + b",".join(b"1e15" for _ in range(20000)) + b"]"
    assert decoded(m, doubles)[0] == b"[" + b",".join(b"1000000000000000.0" for _ in range(20000)) + b"]"


# --- reads ------------------------------------------------------------------------------

DOC = ('{"s":"a\\"b\\u0001é","i":-12,"big":123456789012345678901234567890,"d":2.5,"z":-0.0,"t":true,"f":false,'
       '"n":null,"l":[1,[2,3],{"k":"v"},null,""],"m":{"x":{}},"ab":1,"e":{},"el":[]}').encode()


@pytest.fixture
def doc(m) -> int:
    v = m.json_decode(m.put(DOC))
    assert m.value(v) == DOC
    return v


def key(m, v: int, name: str | bytes) -> int:
    return m.dyn_key(v, m.put(name))


def test_kinds(m, doc):
    kinds = {"s": 4, "i": 2, "big": 2, "d": 3, "z": 3, "t": 1, "f": 1, "n": 0, "l": 5, "m": 6, "missing": 0}
    assert {name: m.dyn_kind(key(m, doc, name)) for name in kinds} == kinds
    assert m.dyn_kind(doc) == 6 and m.dyn_kind(0) == 0


def test_key_reads_are_slices_and_null_is_zero(m, doc):
    assert m.value(key(m, doc, "l")) == b'[1,[2,3],{"k":"v"},null,""]'
    assert key(m, doc, "l") >> 32 == (doc >> 32) + DOC.index(b'[1,[2,3]')
    assert key(m, doc, "n") == 0 and key(m, doc, "missing") == 0 and key(m, doc, "") == 0
    # keys compare unescaped; a prefix of a key is another key
    assert m.value(key(m, doc, "ab")) == b"1" and key(m, doc, "a") == 0 and key(m, doc, "abc") == 0
    # not a map: null
    for name in ("l", "s", "i", "n"):
        assert key(m, key(m, doc, name), "k") == 0


def test_key_with_escapes_is_read_by_its_raw_bytes(m):
    v = m.json_decode(m.put(b'{"a\\u0062": 1, "q\\"\\\\\\n\\u0001": 2, "\\u00e9": 3}'))
    assert m.value(key(m, v, "ab")) == b"1"
    assert m.value(key(m, v, b'q"\\\n\x01')) == b"2"
    assert m.value(key(m, v, "é")) == b"3"
    assert key(m, v, b'q"\\\n') == 0 and key(m, v, b"a\\u0062") == 0


def test_has(m, doc):
    assert [m.dyn_has(doc, m.put(name)) for name in ("n", "l", "ab", "missing", "a")] == [1, 1, 1, 0, 0]
    assert m.dyn_has(key(m, doc, "l"), m.put("0")) == 0 and m.dyn_has(0, m.put("n")) == 0


def test_index(m, doc):
    items = key(m, doc, "l")
    assert [m.value(m.dyn_index(items, i)) for i in range(6)] == [b"1", b"[2,3]", b'{"k":"v"}', None, b'""', None]
    assert m.dyn_index(items, -1) == 0 and m.dyn_index(items, 1 << 40) == 0 and m.dyn_index(items, -(1 << 63)) == 0
    assert m.dyn_index(key(m, doc, "el"), 0) == 0 and m.dyn_index(doc, 0) == 0 and m.dyn_index(0, 0) == 0


def test_size(m, doc):
    sizes = {"l": 5, "m": 1, "e": 0, "el": 0, "s": 5, "i": 0, "d": 0, "t": 0, "n": 0}
    assert {name: m.dyn_size(key(m, doc, name)) for name in sizes} == sizes
    assert m.dyn_size(doc) == 13
    assert m.dyn_size(m.json_decode(m.put('"😀\\u0000\\n日"'.encode()))) == 4


def iterate(m: DynModule, v: int) -> list[tuple[bytes | None, bytes | None]]:
    out, c = [], m.dyn_first(v)
    while c:
        out.append((m.value(m.dyn_item(v, c)), m.value(m.dyn_item_value(v, c))))
        c = m.dyn_next(v, c)
    return out


def test_iteration(m, doc):
    assert iterate(m, key(m, doc, "l")) == [(b"1", b"1"), (b"[2,3]", b"[2,3]"), (b'{"k":"v"}', b'{"k":"v"}'),
                                            (None, None), (b'""', b'""')]
    assert iterate(m, m.json_decode(m.put(b'{"a":[1,":"],"b\\"":null,"c":{"d":1}}'))) == [
        (b'"a"', b'[1,":"]'), (b'"b\\""', None), (b'"c"', b'{"d":1}')]
    for name in ("e", "el", "s", "i", "n"):
        assert m.dyn_first(key(m, doc, name)) == 0
    assert m.dyn_first(0) == 0


# --- conversions ---------------------------------------------------------------------


def test_string(m, doc):
    cases = {"s": 'a"b\x01é'.encode(), "i": b"-12", "big": b"123456789012345678901234567890", "d": b"2.5",
             "z": b"-0.0", "t": b"true", "f": b"false"}
    for name, expected in cases.items():
        assert m.text(m.dyn_string(key(m, doc, name))) == expected and m.g("rt_error") == 0, name
    plain = m.json_decode(m.put(b'"plain"'))
    assert m.dyn_string(plain) == plain + (1 << 32) - 2, "a string without escapes is a slice"
    for name in ("n", "l", "m", "missing"):
        m.set_global("rt_error", 0)
        assert m.dyn_string(key(m, doc, name)) == 0 and m.g("rt_error") == E.BAD_CONVERSION


INTS = [
    (b"7", 7, 0), (b"-12", -12, 0), (str(INT64_MAX).encode(), INT64_MAX, 0), (str(INT64_MIN).encode(), INT64_MIN, 0),
    (str(INT64_MAX + 1).encode(), 0, E.OVERFLOW), (b"-" + b"9" * 40, 0, E.OVERFLOW),
    (b"2.9", 2, 0), (b"-2.9", -2, 0), (b"-0.0", 0, 0), (b"1e18", 10**18, 0), (b"-9.223372036854775808e18", INT64_MIN, 0),
    (b"9.223372036854775808e18", 0, E.OVERFLOW), (b"1e300", 0, E.OVERFLOW),
    (b'"42"', 42, 0), (b'"-42"', -42, 0), (b'"+7"', 7, 0), (b'"\\u0031\\u0032"', 12, 0), (b'"4.5"', 0, E.NOT_AN_INTEGER),
    (b'" 1"', 0, E.NOT_AN_INTEGER), (b'""', 0, E.NOT_AN_INTEGER), (b'"99999999999999999999"', 0, E.OVERFLOW),
    (b"true", 0, E.BAD_CONVERSION), (b"null", 0, E.BAD_CONVERSION), (b"[1]", 0, E.BAD_CONVERSION),
    (b'{"a":1}', 0, E.BAD_CONVERSION),
]


@pytest.mark.parametrize(("text", "value", "error"), INTS)
def test_int(m, text, value, error):
    assert (signed64(m.dyn_int(m.json_decode(m.put(text)))), m.g("rt_error")) == (value, error)


DOUBLES = [
    (b"7", 7.0, 0), (b"2.5", 2.5, 0), (b"-0.0", -0.0, 0), (b"9007199254740993", 9007199254740992.0, 0),
    (b"1" + b"0" * 400, 0.0, E.OVERFLOW), (b'"1.5"', 1.5, 0), (b'"-2e3"', -2000.0, 0), (b'"1e400"', 0.0, E.OVERFLOW),
    (b'"inf"', 0.0, E.BAD_CONVERSION), (b'".5"', 0.0, E.BAD_CONVERSION), (b'"1 "', 0.0, E.BAD_CONVERSION),
    (b"false", 0.0, E.BAD_CONVERSION), (b"null", 0.0, E.BAD_CONVERSION), (b"{}", 0.0, E.BAD_CONVERSION),
]


@pytest.mark.parametrize(("text", "value", "error"), DOUBLES)
def test_double(m, text, value, error):
    result = m.dyn_double(m.json_decode(m.put(text)))
    assert (result, m.g("rt_error")) == (value, error)
    assert str(result) == str(value), "the sign of zero too"


def test_bool(m):
    assert m.dyn_bool(m.put(b"true")) == 1 and m.dyn_bool(m.put(b"false")) == 0 and m.g("rt_error") == 0
    for text in (b'"true"', b"1", b"null", b"[]"):
        m.set_global("rt_error", 0)
        assert m.dyn_bool(m.dyn(canonical(text))) == 0 and m.g("rt_error") == E.BAD_CONVERSION


# --- comparisons ------------------------------------------------------------------------

EQUAL = [
    (b"1", b"1.0"), (b"-0.0", b"0"), (b"-0.0", b"0.0"), (b"[1,[2]]", b"[1.0,[2.0]]"), (b'{"a":1,"b":2}', b'{"b":2,"a":1.0}'),
    (b'{"a":{"x":[1,{"y":2,"z":3}]}}', b'{"a":{"x":[1,{"z":3,"y":2.0}]}}'), (b"null", b"null"), (b'"a"', b'"a"'),
    (b"100000000000000000000", b"1e20"), (b"9223372036854775807", b"9223372036854775807"),
]
UNEQUAL = [
    (b"1", b"2"), (b"1", b"1.5"), (b"1", b"true"), (b"0", b"false"), (b"0", b"null"), (b'"1"', b"1"), (b"[1]", b"[1,1]"),
    (b"[1,2]", b"[2,1]"), (b'{"a":1}', b'{"a":1,"b":1}'), (b'{"a":1}', b'{"b":1}'), (b"[]", b"{}"), (b'""', b"null"),
    (b"9007199254740993", b"9007199254740992.0"), (b"9223372036854775807", b"9.223372036854775807e18"),
    (b'{"a":null}', b"{}"),
]


@pytest.mark.parametrize(("a", "b"), EQUAL + UNEQUAL)
def test_eq(m, a, b):
    expected = (a, b) in EQUAL
    va, vb = m.dyn(canonical(a)), m.dyn(canonical(b))
    assert m.dyn_eq(va, vb) == m.dyn_eq(vb, va) == expected
    assert m.g("rt_error") == 0


def test_eq_with_literals(m, doc):
    s, i, d, z, t = (key(m, doc, name) for name in ("s", "i", "d", "z", "t"))
    assert m.dyn_eq_str(s, m.put('a"b\x01é')) == 1 and m.dyn_eq_str(s, m.put('a"b')) == 0
    assert m.dyn_eq_str(i, m.put("-12")) == 0 and m.dyn_eq_str(0, 0) == 0
    assert m.dyn_eq_str(m.put(b'""'), 0) == 1
    assert m.dyn_eq_int(i, -12) == 1 and m.dyn_eq_int(i, 12) == 0 and m.dyn_eq_int(d, 2) == 0
    assert m.dyn_eq_int(z, 0) == 1 and m.dyn_eq_int(m.put(b"3.0"), 3) == 1 and m.dyn_eq_int(s, 0) == 0
    assert m.dyn_eq_double(d, 2.5) == 1 and m.dyn_eq_double(i, -12.0) == 1 and m.dyn_eq_double(z, 0.0) == 1
    assert m.dyn_eq_double(i, float("nan")) == 0 and m.dyn_eq_double(0, 0.0) == 0
    assert m.dyn_eq_bool(t, 1) == 1 and m.dyn_eq_bool(t, 0) == 0 and m.dyn_eq_bool(key(m, doc, "f"), 0) == 1
    assert m.dyn_eq_bool(i, 1) == 0 and m.dyn_eq_bool(0, 0) == 0


def test_ordering(m, doc):
    i, d, big = key(m, doc, "i"), key(m, doc, "d"), key(m, doc, "big")
    assert [m.dyn_cmp_int(i, x) for x in (-13, -12, -11)] == [1, 0, -1]
    assert [m.dyn_cmp_int(d, x) for x in (2, 3)] == [1, -1]
    assert m.dyn_cmp_int(big, INT64_MAX) == 1 and m.dyn_cmp_int(m.put(b"-" + b"9" * 30), INT64_MIN) == -1
    assert m.dyn_cmp_int(m.put(b"9.3e18"), INT64_MAX) == 1 and m.dyn_cmp_int(m.put(b"-1e19"), INT64_MIN) == -1
    assert [m.dyn_cmp_double(i, x) for x in (-12.5, -12.0, -11.5)] == [1, 0, -1]
    assert m.dyn_cmp_double(big, 1e29) == 1 and m.dyn_cmp_double(d, float("nan")) == 2
    assert [m.dyn_cmp_str(key(m, doc, "s"), m.put(x)) for x in ("a", 'a"b\x01é', "b")] == [1, 0, -1]
    for v in (key(m, doc, "s"), key(m, doc, "t"), key(m, doc, "l"), 0):
        assert m.dyn_cmp_int(v, 0) == m.dyn_cmp_double(v, 0.0) == 2
    assert m.dyn_cmp_str(i, m.put("-12")) == 2


# --- builders and edits -------------------------------------------------------------------


@pytest.mark.parametrize("raw", [b"", b"plain", b'q"\\/\b\f\n\r\t\x00\x1f\x7f', "é日😀".encode(), b"\xff\xfe",
                                 b"\xe6\x97", b"a\xed\xa0\x80b", b"\xf0\x9f\x98", b"\xc0\xaf", b"\xe0\x80\xaf\xf4\x90"])
def test_quote(m, raw):
    assert m.value(m.json_quote(m.put(raw))) == quoted(raw)


def test_scalars_from_the_language(m):
    assert [m.text(m.dyn_from_int(x)) for x in (0, -5, INT64_MIN)] == [b"0", b"-5", str(INT64_MIN).encode()]
    assert (m.text(m.dyn_from_bool(1)), m.text(m.dyn_from_bool(0))) == (b"true", b"false")
    assert [m.value(m.dyn_from_double(x)) for x in (1.0, -0.0, 1e16, 0.1, float("inf"), float("nan"))] == [
        b"1.0", b"-0.0", b"1e+16", b"0.1", None, None]


def test_encode_is_the_identity_but_for_null(m, doc):
    assert m.json_encode(doc) == doc
    assert m.text(m.json_encode(0)) == b"null"


def test_list_and_map_literals(m):
    items = [m.put(b"1"), 0, m.put(b'"x"'), m.put(b"[]")]
    assert m.value(m.dyn_list(m.coll(items))) == b'[1,null,"x",[]]'
    assert m.value(m.dyn_list(0)) == b"[]" and m.value(m.dyn_list(m.coll([]))) == b"[]"
    entries = [m.put("a"), m.put(b"1"), m.put('k"\n'), 0, m.put("a"), m.put(b"2"), 0, m.put(b"{}")]
    assert m.value(m.dyn_map(m.coll(entries, 2))) == b'{"k\\"\\n":null,"a":2,"":{}}'
    assert m.value(m.dyn_map(0)) == b"{}"


EDITS = [
    # (document, key, value, after set, after remove)
    (b'{"a":1,"b":2,"c":3}', "b", b"[9]", b'{"a":1,"b":[9],"c":3}', b'{"a":1,"c":3}'),
    (b'{"a":1,"b":2,"c":3}', "a", None, b'{"a":null,"b":2,"c":3}', b'{"b":2,"c":3}'),
    (b'{"a":1,"b":2,"c":3}', "c", b'"x"', b'{"a":1,"b":2,"c":"x"}', b'{"a":1,"b":2}'),
    (b'{"a":1}', "a", b"{}", b'{"a":{}}', b"{}"),
    (b'{"a":1}', "n\u00e9w", b"true", '{"a":1,"n\u00e9w":true}'.encode(), b'{"a":1}'),
    (b"{}", 'q"', b"1", b'{"q\\"":1}', b"{}"),
    (b'{"a\\u0062":1}', "ab", b"2", b'{"ab":2}', b"{}"),
]


@pytest.mark.parametrize(("text", "name", "value", "after_set", "after_remove"), EDITS)
def test_set_and_remove_key(m, text, name, value, after_set, after_remove):
    v = m.json_decode(m.put(text))
    assert m.value(m.dyn_set_key(v, m.put(name), m.dyn(value))) == after_set
    assert m.value(m.dyn_remove_key(v, m.put(name))) == after_remove
    assert m.value(v) == canonical(text), "the value edited is not changed"
    reference = json.loads(text)
    reference[name] = None if value is None else json.loads(value)
    assert after_set == dumps(reference)


def test_edits_of_other_kinds(m):
    assert m.value(m.dyn_set_key(0, m.put("a"), m.put(b"1"))) == b'{"a":1}', "null is an empty map"
    for text in (b"[1]", b'"s"', b"1", b"true"):
        v = m.put(text)
        assert m.dyn_set_key(v, m.put("a"), m.put(b"1")) == v and m.dyn_remove_key(v, m.put("a")) == v
    v = m.put(b'{"a":1}')
    assert m.dyn_remove_key(v, m.put("b")) == v and m.dyn_remove_key(0, m.put("b")) == 0


def test_list_edits(m):
    v = m.put(b"[1,2,3]")
    assert m.value(m.dyn_set_index(v, 1, m.put(b'{"x":[]}'))) == b'[1,{"x":[]},3]'
    assert m.value(m.dyn_set_index(v, 2, 0)) == b"[1,2,null]"
    assert m.dyn_set_index(v, 3, 0) == v and m.dyn_set_index(v, -1, 0) == v and m.dyn_set_index(0, 0, 0) == 0
    assert m.value(m.dyn_append(v, m.put(b'"z"'))) == b'[1,2,3,"z"]'
    assert m.value(m.dyn_append(m.put(b"[]"), 0)) == b"[null]"
    assert m.value(m.dyn_append(0, m.put(b"1"))) == b"[1]"
    other = m.put(b"{}")
    assert m.dyn_append(other, 0) == other


def test_builders_out_of_scratch(m):
    m.set_global("scratch_top", SCRATCH_END - 4)
    assert m.json_quote(m.put(b"abcdef")) == 0 and m.g("rt_error") == E.OUT_OF_MEMORY
    m.set_global("rt_error", 0)
    assert m.dyn_set_key(m.put(b"{}"), m.put("key"), m.put(b"1")) == 0 and m.g("rt_error") == E.OUT_OF_MEMORY


# --- the module as the emitter links it ----------------------------------------------------


@pytest.mark.parametrize("root", ["json_decode", "dyn_key", "dyn_eq", "dyn_double", "json_quote", "dyn_set_key"])
def test_dyn_functions_link_and_assemble_alone(root):
    assert assemble(linked_module_text([root]))[:4] == b"\0asm"


def test_a_key_read_links_no_parser_and_no_number_code():
    linked = stdlib.link(["dyn_key", "dyn_index", "dyn_has", "dyn_first", "dyn_next", "dyn_item", "dyn_eq_str"])
    assert not {"f64_parse", "f64_repr", "json_check", "json_string"} & set(linked.functions)


# --- cost ---------------------------------------------------------------------------------


def document(size: int) -> bytes:
    """A realistic document of about `size` bytes: records of strings, ints,
    doubles, bools and a nested list."""
    records, i = [], 0
    while len(json.dumps(records)) < size - 120:
        records.append({"id": i, "name": f"user-{i}", "email": f"u{i}@example.com", "score": i * 0.25 + 0.5,
                        "active": i % 3 == 0, "tags": ["a", "b\u00e9"], "note": "line\nnext"})
        i += 1
    return json.dumps({"items": records, "last": "end"}, indent=1).encode()


def fuel(metered: Metered, func: str, text: bytes, *args: int) -> int:
    return metered.run(func, (metered.base << 32) | len(text), *args, data=[(0, text)])


def test_decode_and_key_read_cost_is_linear():
    small, large = document(1000), document(100_000)
    metered = Metered(["json_decode", "dyn_key"], data_room=len(large) + 64)
    per_byte = {len(text): fuel(metered, "json_decode", text) / len(text) for text in (small, large)}
    print({n: round(cost, 1) for n, cost in per_byte.items()})
    assert max(per_byte.values()) <= 130, per_byte
    assert per_byte[len(large)] <= per_byte[len(small)] * 1.25, "linear: no more per byte on a larger text"


def test_key_read_cost_is_linear_in_what_it_walks():
    """The last key of a document: the read walks every member before it."""
    costs = {}
    for size in (1000, 100_000):
        text = dumps(json.loads(document(size)))
        metered = Metered(["dyn_key"], data_room=len(text) + 64)
        name = b"last"
        key_at = (len(text) + 7) & ~7
        costs[len(text)] = metered.run("dyn_key", (metered.base << 32) | len(text),
                                       ((metered.base + key_at) << 32) | len(name),
                                       data=[(0, text), (key_at, name)]) / len(text)
    print({n: round(cost, 1) for n, cost in costs.items()})
    assert max(costs.values()) <= 30, costs
    small, large = sorted(costs)
    assert costs[large] <= costs[small] * 1.25


@pytest.mark.parametrize("value", [[], [1, "a", None, [2], {"k": True}], {}, {"a": 1, "b\"": [2], "é": None},
                                   "text", 12, None, True])
def test_dyn_items_are_a_lists_items_or_an_objects_keys(m, value):
    m.reset()
    items = m.dyn_items(m.json_decode(m.put(json.dumps(value).encode())))
    assert m.g("rt_error") == 0
    expected = value if isinstance(value, list) else list(value) if isinstance(value, dict) else []
    if not expected:
        assert items == 0
        return
    count = struct.unpack("<i", m.read(items, 4))[0]
    packed = struct.unpack(f"<{count}q", m.read(items + 8, 8 * count))
    assert [m.value(p) for p in packed] == [None if e is None else dumps(e) for e in expected]
