"""stdlib/json.wat: $json_validate and $config_load (with $config_free),
called through wasmtime (json_harness.py)."""

from __future__ import annotations

import json
import struct
import time

import pytest

from json_harness import (
    BOOL,
    DURATION,
    HEAP_BASE,
    INITIAL_PAGES,
    SCRATCH_END,
    INT,
    LIST,
    MAP,
    STRING,
    Config,
    JsonModule,
    pack,
)

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
MIB = 1 << 20


@pytest.fixture
def m() -> JsonModule:
    return JsonModule()


FIELDS = {
    "name": (STRING, "dflt"),
    "count": (INT, 5),
    "on": (BOOL, False),
    "timeout": (DURATION, 500),
    "methods": (LIST, ["GET", "HEAD"]),
    "headers": (MAP, {"a": "b"}),
}
DEFAULTS = {
    "name": b"dflt",
    "count": 5,
    "on": False,
    "timeout": 500,
    "methods": [b"GET", b"HEAD"],
    "headers": [(b"a", b"b")],
}


@pytest.fixture
def c(m) -> Config:
    return Config(m, FIELDS)


def expect_error(c: Config, text, code: int, key: bytes | None = None, expected: int | None = None, pos=None):
    before = c.raw()
    assert c.load(text) == code
    assert c.raw() == before, "the record changed on error"
    if key is not None:
        assert c.m.err_key == key
    if expected is not None:
        assert c.m.err_expected == expected
    if pos is not None:
        assert c.m.err_pos == pos


# --- $json_validate ----------------------------------------------------------

VALID = [
    b"{}", b"[]", b"0", b"-0", b"1", b"-1", b"12345678901234567890123", b"0.5", b"-0.0e-0", b"1E+2", b"1e2",
    b"1.25E-10", b"true", b"false", b"null", b'""', b'"a"', b' \t\r\n{ "a" : [ 1 , 2 ] } \n',
    b'"\\" \\\\ \\/ \\b \\f \\n \\r \\t"', b'"\\u0000\\u001f\\uFFFF\\uabcd"', b'"\\ud83d\\ude00"', b'"\\uD800\\uDC00"',
    b'"\\udbff\\udfff"', "\"é日本😀\"".encode(), b'"\x7f"', b'{"a":{"b":{"c":[null,true,false,"x",-1.5e3]}}}',
    b'[[], {}, [{}], {"": ""}]', b'{"a":1,"a":2}', b"[" * 32 + b"]" * 32, b'{"a":' * 31 + b"1" + b"}" * 31,
]


@pytest.mark.parametrize("text", VALID)
def test_validate_accepts(m, text):
    assert m.validate(text) == 0
    json.loads(text.decode())  # the cases are valid for Python too


# (text, offset of the first error)
INVALID = [
    (b"", 0), (b"   ", 3), (b"{", 1), (b"}", 0), (b"[1,]", 3), (b"[,1]", 1), (b"{,}", 1), (b'{"a"}', 4),
    (b'{"a":}', 5), (b'{"a":1,}', 7), (b'{"a" 1}', 5), (b"{a:1}", 1), (b"{'a':1}", 1), (b"[1 2]", 3),
    (b"1 2", 2), (b"01", 1), (b"-01", 2), (b"00", 1), (b"-", 1), (b"+1", 0), (b".5", 0), (b"1.", 2), (b"1.e3", 2),
    (b"1e", 2), (b"1e+", 3), (b"0x10", 1), (b"NaN", 0), (b"Infinity", 0), (b"-Infinity", 1), (b"nan", 1),
    (b"tru", 3), (b"trUe", 2), (b"nul", 3), (b"falsey", 5), (b"True", 0), (b"None", 0), (b'"abc', 4),
    (b'"a\nb"', 2), (b'"a\tb"', 2), (b'"\x00"', 1), (b'"\x1f"', 1), (b'"\\x41"', 2), (b'"\\U0041"', 2),
    (b'"\\u12"', 5), (b'"\\u12g4"', 5), (b'"\\', 2), (b'"\\u', 3), (b'"\\ud800"', 1), (b'"\\udc00"', 1),
    (b'"\\ud800\\u0041"', 1), (b'"\\ud800x"', 1), (b'"\\ud800\\ud800"', 1), (b'"a\\udfff"', 2),
    (b'"\xff"', 1), (b'"\xc0\xaf"', 1), (b'"\xe0\x80\xaf"', 2), (b'"\xed\xa0\x80"', 2), (b'"\xf4\x90\x80\x80"', 2),
    (b'"\xc3"', 2), (b'"\xe6\x97"', 3), (b"\xef\xbb\xbf{}", 0), (b"\x0b{}", 0), (b"\x0c{}", 0), (b"{}\x00", 2),
    (b"[1]]", 3), (b"[" * 33 + b"]" * 33, 32), (b'{"a":' * 33 + b"1" + b"}" * 33, 160), (b"/* c */ 1", 0),
    (b"[1,2", 4), (b'["a" "b"]', 5),
]


@pytest.mark.parametrize(("text", "offset"), INVALID)
def test_validate_rejects_at_the_first_error(m, text, offset):
    assert m.validate(text) == 1 + offset


def test_validate_size_limit_and_bad_pointer(m):
    big = b"[" + b"1," * (MIB // 2 - 2) + b"1] "
    assert len(big) == MIB
    assert m.validate(big) == 0
    assert m.validate(b" " + big) == 1 + MIB
    # a text that would run past the end of memory is refused, not read
    assert m.validate_at(m.pages() * 65536 - 2, 10) == 1


# --- $config_load: each type ---------------------------------------------------


def test_empty_text_and_whitespace_mean_all_defaults(c):
    for text in ("", " ", "\n\t \r", "{}", " { } "):
        before = c.raw()
        assert c.load(text) == 0
        assert c.raw() == before
        assert c.values() == DEFAULTS


def test_every_type_is_loaded(c, m):
    text = json.dumps({
        "name": "hello", "count": -42, "on": True, "timeout": "1m30s",
        "methods": ["PUT", "", "DELETE"], "headers": {"x-a": "1", "": "empty", "x-b": ""},
    })
    assert c.load(text) == 0
    assert c.values() == {
        "name": b"hello", "count": -42, "on": True, "timeout": 90_000,
        "methods": [b"PUT", b"", b"DELETE"], "headers": [(b"x-a", b"1"), (b"", b"empty"), (b"x-b", b"")],
    }
    # bools are whole i64s: 1 and 0
    assert struct.unpack("<q", m.read(c.record + 8 * c.slots["on"], 8)) == (1,)
    assert c.load('{"on": false}') == 0
    assert struct.unpack("<q", m.read(c.record + 8 * c.slots["on"], 8)) == (0,)


def test_absent_keys_keep_their_defaults(c):
    assert c.load('{"count": 7}') == 0
    assert c.values() == DEFAULTS | {"count": 7}


def test_loaded_values_live_in_the_persistent_heap(c, m):
    scratch_top = m.g("scratch_top")
    text = b'{"name": "n\\u00e9x", "methods": ["a", "b\\n"], "headers": {"k": "v"}, "timeout": "2s"}'
    packed = m.s(text)
    assert m.load(packed, c.schema, c.record) == 0
    assert m.g("scratch_top") == scratch_top, "success gives the scratch arena back"
    raw = struct.unpack(f"<{len(FIELDS)}q", c.raw())
    for key in ("name", "methods", "headers"):
        value = raw[c.slots[key]]
        ptr = value >> 32 if key == "name" else value
        assert SCRATCH_END < ptr < m.g("pheap_top"), key
    # a list or map is ONE block: its strings right after its table
    methods = raw[c.slots["methods"]]
    items = struct.unpack("<2q", m.read(methods + 8, 16))
    assert items[0] >> 32 == methods + 8 + 16
    # clobbering the input text and the scratch arena changes nothing
    m.write(packed >> 32, b"#" * len(text))
    m.write(HEAP_BASE, b"#" * 4096)
    assert c.values() == DEFAULTS | {
        "name": "néx".encode(), "methods": [b"a", b"b\n"], "headers": [(b"k", b"v")], "timeout": 2000}


def test_empty_list_and_map_are_null_pointers(c, m):
    assert c.load('{"methods": [], "headers": {}, "name": ""}') == 0
    raw = struct.unpack(f"<{len(FIELDS)}q", c.raw())
    assert raw[c.slots["methods"]] == 0 and raw[c.slots["headers"]] == 0 and raw[c.slots["name"]] == 0


def test_keys_are_case_sensitive_and_unescaped(c):
    expect_error(c, '{"Name": "x"}', 2, key=b"Name")
    assert c.load('{"n\\u0061me": "x", "\\u0063ount": 1}') == 0
    assert c.value("name") == b"x" and c.value("count") == 1


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0", 0), ("-0", 0), ("7", 7), ("-7", -7), (str(INT64_MAX), INT64_MAX), (str(INT64_MIN), INT64_MIN),
        ("  12  ", 12),
    ],
)
def test_ints(c, text, value):
    assert c.load('{"count":' + text + "}") == 0
    assert c.value("count") == value


@pytest.mark.parametrize(
    "text", [str(INT64_MAX + 1), str(INT64_MIN - 1), "99999999999999999999999", "1.5", "1.0", "1e3", "1E0", "-0.0",
             "0e0"],
)
def test_bad_ints_are_bad_values(c, text):
    expect_error(c, '{"count": ' + text + "}", 6, key=b"count", expected=INT, pos=10)


@pytest.mark.parametrize(
    ("text", "ms"),
    [
        ("250ms", 250), ("2s", 2000), ("1m30s", 90_000), ("1h", 3_600_000), ("2h", 7_200_000), ("0ms", 0), ("0s", 0),
        ("1h1m1s1ms", 3_661_001), ("30s1m", 90_000), ("007s", 7000), ("9223372036854775807ms", INT64_MAX),
        ("9223372036854775s807ms", INT64_MAX), ("2562047788015h", 2562047788015 * 3_600_000),
        ("\\u0031s", 1000),
    ],
)
def test_durations(c, text, ms):
    assert c.load('{"timeout": "' + text + '"}') == 0
    assert c.value("timeout") == ms


@pytest.mark.parametrize(
    "text",
    ["5min", "", "1.5s", "-1s", "+1s", "s", "ms", "10", "1 s", " 1s", "1s ", "1S", "1d", "1us", "1m30", "1sm5",
     "9223372036854775808ms", "9223372036854776s", "2562047788016h", "9223372036854775807ms1ms",
     "99999999999999999999999h"],
)
def test_bad_durations_are_bad_values(c, text):
    expect_error(c, '{"timeout": "' + text + '"}', 6, key=b"timeout", expected=DURATION, pos=12)


@pytest.mark.parametrize(
    ("key", "text", "code"),
    [
        ("count", '"5"', 3), ("count", "true", 3), ("count", "null", 3), ("count", "[1]", 3),
        ("count", "1.5", 6), ("count", "1e3", 6),
        ("name", "1", 3), ("name", "null", 3), ("name", '["a"]', 3), ("name", "{}", 3), ("name", "false", 3),
        ("on", '"true"', 3), ("on", "1", 3), ("on", "null", 3),
        ("timeout", "250", 3), ("timeout", "null", 3), ("timeout", '["1s"]', 3),
        ("methods", '"GET"', 3), ("methods", '["GET", 1]', 3), ("methods", '[null]', 3), ("methods", '[["a"]]', 3),
        ("methods", '{"a": "b"}', 3), ("methods", '["a", {}]', 3),
        ("headers", '{"a": {"b": "c"}}', 3), ("headers", '{"a": 1}', 3), ("headers", '{"a": null}', 3),
        ("headers", '["a"]', 3), ("headers", '"a"', 3), ("headers", '{"a": ["b"]}', 3),
    ],
)
def test_wrong_types(c, key, text, code):
    first = '"count": 1' if key == "name" else '"name": "ok"'
    expect_error(c, f'{{{first}, "{key}": {text}}}', code, key=key.encode(),
                 expected=FIELDS[key][0], pos=len(f'{{{first}, "{key}": '))


def test_required_keys(m):
    c = Config(m, {"a": (STRING, "x"), "must": (INT, None), "also": (LIST, None)})
    expect_error(c, "", 4, key=b"must")
    expect_error(c, "{}", 4, key=b"must")
    expect_error(c, '{"must": 1}', 4, key=b"also")
    expect_error(c, '{"also": []}', 4, key=b"must")
    assert c.load('{"also": ["z"], "must": 3}') == 0
    assert c.values() == {"a": b"x", "must": 3, "also": [b"z"]}


def test_unknown_key(c):
    expect_error(c, '{"count": 1, "nope": 1}', 2, key=b"nope", pos=13)
    expect_error(c, '{"caf\\u00e9": 1}', 2, key="café".encode(), pos=1)
    # an unknown key is refused whatever its value
    expect_error(c, '{"x": {"deep": [1, 2, {"y": null}]}}', 2, key=b"x")


def test_duplicate_keys(c):
    expect_error(c, '{"count": 1, "count": 1}', 5, key=b"count", expected=0, pos=13)
    expect_error(c, '{"name": "a", "n\\u0061me": "b"}', 5, key=b"name", expected=0)
    # inside a map: the configuration key is named, the map type is expected
    expect_error(c, '{"headers": {"k": "1", "j": "2", "k": "3"}}', 5, key=b"headers", expected=MAP, pos=12)
    expect_error(c, '{"headers": {"\\u006b": "1", "k": "3"}}', 5, key=b"headers", expected=MAP)
    # keys that differ are fine, however similar
    assert c.load('{"headers": {"k": "1", "K": "2", "k ": "3", "": "4"}}') == 0
    assert c.value("headers") == [(b"k", b"1"), (b"K", b"2"), (b"k ", b"3"), (b"", b"4")]


def test_escapes_and_surrogate_pairs(m):
    c = Config(m, {"é": (STRING, ""), "😀": (LIST, []), "m": (MAP, {})})
    text = (b'{"\\u00e9": "\\"\\\\\\/\\b\\f\\n\\r\\t\\u0000\\u00e9\\u20ac\\ud83d\\ude00\\uDBFF\\uDFFF", '
            b'"\\ud83d\\ude00": ["\\u0041", "\xc3\xa9", "\xf0\x9f\x98\x80"], '
            b'"m": {"\\ud83d\\ude00": "\\u00e9", "\xe2\x82\xac": ""}}')
    assert c.load(text) == 0
    assert c.value("é") == '"\\/\b\f\n\r\t\0é€😀\U0010ffff'.encode()
    assert c.value("😀") == [b"A", "é".encode(), "😀".encode()]
    assert c.value("m") == [("😀".encode(), "é".encode()), ("€".encode(), b"")]


@pytest.mark.parametrize(
    ("text", "pos"),
    [
        (b'{"name": "\\ud800"}', 10), (b'{"name": "\\udc00"}', 10), (b'{"name": "\\ud83d\\u0041"}', 10),
        (b'{"\\ud800": "x"}', 2), (b'{"name": "a\x01"}', 11), (b'{"name": "a\nb"}', 11), (b'{"name": "\x1f"}', 10),
        (b'{"name": "\xff"}', 10), (b'{"name": "\xed\xa0\x80"}', 11), (b'{"name": "x",}', 13), (b'{"name"}', 7),
        (b'{"name": "x"} {}', 14), (b'{"count": 01}', 11), (b'{"count": NaN}', 10), (b'{"count": Infinity}', 10),
        (b'{"count": -Infinity}', 11), (b'{"methods": ["a",]}', 17), (b'{"name": "x"', 12), (b"{", 1),
        (b"[", 1), (b'"abc', 4), (b"nul", 3),
    ],
)
def test_malformed_json(c, text, pos):
    expect_error(c, text, 1, key=b"", pos=pos)


@pytest.mark.parametrize(("text", "pos"), [("[]", 0), ('"x"', 0), ("1", 0), ("null", 0), ("true", 0),
                                           (' \n ["a"]', 3), ("-5", 0)])
def test_top_level_must_be_an_object(c, text, pos):
    expect_error(c, text, 8, pos=pos)


def test_deep_nesting_is_too_deep(c):
    # syntax (and depth) is checked over the whole text before keys are matched
    expect_error(c, '{"headers": ' + "[" * 40 + "]" * 40 + "}", 7, pos=12 + 31)
    expect_error(c, "[" * 100000, 7, pos=32)
    expect_error(c, '{"x":' * 1000 + "1" + "}" * 1000, 7, pos=5 * 32)
    # 32 levels are fine for the reader; the key is then refused for its type
    expect_error(c, '{"methods": ' + "[" * 31 + "]" * 31 + "}", 3, key=b"methods")


def test_too_large(c, m):
    text = b'{"name": "' + b"x" * (MIB - 12) + b'"}'
    assert len(text) == MIB
    assert c.load(text) == 0 and c.value("name") == b"x" * (MIB - 12)
    expect_error(c, text + b" ", 7, key=b"", pos=MIB)
    expect_error(c, b" " * (MIB + 1), 7, pos=MIB)


def test_big_inputs_in_linear_time(m):
    c = Config(m, {"l": (LIST, []), "m": (MAP, {}), "s": (STRING, "")})
    # the densest lists and maps that fit in 1 MiB
    items = [""] * ((MIB - 20) // 3)
    text = json.dumps({"l": items}, separators=(",", ":")).encode()
    assert len(text) <= MIB
    t0 = time.perf_counter()
    assert c.load(text) == 0
    assert len(c.value("l")) == len(items)
    m.reset_scratch()
    keys = [f"{i:x}" for i in range(MIB // 13)]
    text = json.dumps({"m": {k: "\n" for k in keys}}, separators=(",", ":")).encode()
    assert len(text) <= MIB
    assert c.load(text) == 0
    assert c.value("m") == [(k.encode(), b"\n") for k in keys]
    m.reset_scratch()
    # the same map with one key repeated, last
    dup = text[:-2] + b',"0":"x"}}'
    expect_error(c, dup, 5, key=b"m", expected=MAP)
    m.reset_scratch()
    text = b'{"s": "' + b"\\u00e9\\n" * ((MIB - 20) // 8) + b'"}'
    assert c.load(text) == 0 and c.value("s") == "é\n".encode() * ((MIB - 20) // 8)
    assert time.perf_counter() - t0 < 20


def test_scratch_exhaustion_is_code_7_not_a_trap(c, m):
    m.set_global("scratch_top", SCRATCH_END - 64)
    expect_error(c, '{"name": "x", "methods": ["a", "b"]}', 7)
    assert m.g("rt_error") == 0


def test_error_leaves_rt_error_alone(c, m):
    m.exports["rt_error"].set_value(m.store, 3)
    assert c.load("[") == 1
    assert m.g("rt_error") == 3
    assert c.load('{"count": 2}') == 0
    assert m.g("rt_error") == 3


# --- atomicity and memory --------------------------------------------------------

ALL_KEYS = '"name": "new", "methods": ["x", "y"], "headers": {"k": "v"}, "count": 9, "on": true, "timeout": "1s"'
FAILING = [
    ("{" + ALL_KEYS + ', "bogus": 1}', 2),
    ("{" + ALL_KEYS + ', "count": 3}', 5),
    ("{" + ALL_KEYS + ', "headers": {"a": "b", "a": "c"}}', 5),
    ("{" + ALL_KEYS.replace('"count": 9', '"count": 1.5') + "}", 6),
    ("{" + ALL_KEYS.replace('"1s"', '"1x"') + "}", 6),
    ("{" + ALL_KEYS.replace('["x", "y"]', '["x", 2]') + "}", 3),
    ("{" + ALL_KEYS + ", }", 1),
    ("{" + ALL_KEYS + ', "d": ' + "[" * 40 + "]" * 40 + "}", 7),
]


@pytest.mark.parametrize(("text", "code"), FAILING)
def test_failing_loads_leave_the_record_and_heap_unchanged(m, text, code):
    fields = dict(FIELDS) | {"req": (STRING, None)}
    c = Config(m, fields)
    if code == 2:
        text = text.replace('"bogus": 1', '"bogus": 1, "req": "r"')
    before, heap, pages = c.raw(), m.g("pheap_top"), m.pages()
    packed = m.s(text)
    for _ in range(10_000 if code == 2 else 200):
        assert m.load(packed, c.schema, c.record) == code
        m.reset_scratch()
    assert c.raw() == before
    assert m.g("pheap_top") == heap and m.pages() == pages
    assert c.values() == DEFAULTS | {"req": b""}


def test_persistent_heap_exhausted_midway_frees_what_it_copied():
    # a module whose memory cannot grow: the string is copied, the list is not
    m = JsonModule(max_pages=INITIAL_PAGES)
    c = Config(m, FIELDS)
    small = '{"name": "fits", "methods": ["' + "z" * 70_000 + '"]}'
    # the first copy carves the heap; the free lists then hold the block
    before = c.raw()
    assert c.load(small) == 7
    assert c.raw() == before
    heap = m.g("pheap_top")
    packed = m.s(small)
    for _ in range(1_000):
        assert m.load(packed, c.schema, c.record) == 7
        m.reset_scratch()
    assert c.raw() == before and m.g("pheap_top") == heap
    assert m.g("rt_error") == 0
    # what does fit still loads
    assert c.load('{"name": "fits", "methods": ["a"]}') == 0
    assert c.value("name") == b"fits" and c.value("methods") == [b"a"]


def test_config_free_then_reload_reuses_memory(m):
    c = Config(m, FIELDS)
    defaults = c.raw()
    text = "{" + ALL_KEYS + "}"
    assert c.load(text) == 0
    m.free(c.schema, c.record)
    m.write(c.record, defaults)
    heap, pages = m.g("pheap_top"), m.pages()
    packed = m.s(text)
    for _ in range(2000):
        assert m.load(packed, c.schema, c.record) == 0
        m.free(c.schema, c.record)
        m.write(c.record, defaults)
        m.reset_scratch()
    assert m.g("pheap_top") == heap and m.pages() == pages
    # freeing defaults (data segment pointers, ints) is harmless
    m.free(c.schema, c.record)
    assert c.values() == DEFAULTS


def test_text_pointer_outside_memory_is_refused(c, m):
    before = c.raw()
    assert m.load(pack(m.pages() * 65536 - 4, 100), c.schema, c.record) == 7
    assert c.raw() == before
