"""stdlib/json.wat's $json_validate and stdlib/cfg.wat's $config_load (with
$config_free), called through wasmtime (json_harness.py), and checked
against an independent reader in Python (config_reference.py) on random
types and documents (hypothesis; PWC_CONFIG_EXAMPLES raises the budget)."""

from __future__ import annotations

import json
import os
import struct
import time

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import config_reference
from json_harness import (
    HEAP_BASE,
    INITIAL_PAGES,
    SCRATCH_END,
    ConfigModule,
    Loaded,
    Record,
    Refused,
    pack,
    strict,
)

from pwc.compiler import types
from pwc.compiler.declarations import JsonText

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
MIB = 1 << 20


def record_type(name: str, *fields: tuple) -> types.RecordType:
    """A record type; fields: (name, type), (name, type, default) or (name, type, None, True) for `T?`."""
    t = types.record(name)
    for spec in fields:
        field_name, field_type, default, optional = spec + (None, False)[len(spec) - 2:]
        t.fields.append(types.Field(field_name, field_type, optional, default))
    return t


CONFIG = record_type(
    "Config",
    ("name", types.STRING, "dflt"),
    ("count", types.INT, 5),
    ("on", types.BOOL, False),
    ("timeout", types.DURATION, 500),
    ("methods", types.list_of(types.STRING), ["GET", "HEAD"]),
    ("headers", types.map_of(types.STRING), {"a": "b"}),
)
DEFAULTS = {"name": b"dflt", "count": 5, "on": False, "timeout": 500, "methods": [b"GET", b"HEAD"],
            "headers": {b"a": b"b"}}


@pytest.fixture
def m() -> ConfigModule:
    return ConfigModule()


def load(m: ConfigModule, text: bytes | str, t: types.RecordType = CONFIG) -> Record:
    """The record `text` loads as; checks it was loaded."""
    result = m.load(text, t)
    assert isinstance(result, Loaded), result
    return result.value


def fields(m: ConfigModule, text: bytes | str, t: types.RecordType = CONFIG) -> dict:
    return load(m, text, t).fields


def refused(m: ConfigModule, text: bytes | str, t: types.RecordType = CONFIG) -> Refused:
    """How `text` is refused; checks that the refusal left the persistent heap
    as it was ($rt_error too: ConfigModule.load checks that)."""
    heap = m.heap_state()
    result = m.load(text, t)
    assert isinstance(result, Refused), result
    assert m.heap_state() == heap, "a refused load keeps persistent memory"
    return result


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


def test_empty_text_and_whitespace_mean_all_defaults(m):
    for text in ("", " ", "\n\t \r", "{}", " { } "):
        assert load(m, text) == Record(DEFAULTS)


def test_every_type_is_loaded(m):
    t = record_type("All", *[(f.name, f.type, f.default) for f in CONFIG.fields],
                    ("net", types.CIDR, "10.0.0.0/8"), ("peer", types.IP, None, True))
    text = json.dumps({
        "name": "hello", "count": -42, "on": True, "timeout": "1m30s",
        "methods": ["PUT", "", "DELETE"], "headers": {"x-a": "1", "": "empty", "x-b": ""},
        "net": "2001:DB8:0::1/64", "peer": "::1",
    })
    value = load(m, text, t)
    assert strict(value) == strict(Record({
        "name": b"hello", "count": -42, "on": True, "timeout": 90_000,
        "methods": [b"PUT", b"", b"DELETE"], "headers": {b"x-a": b"1", b"": b"empty", b"x-b": b""},
        "net": "2001:db8::1/64", "peer": "::1",
    }, frozenset(value.fields)))
    # bools are whole i64s: 1 and 0 (Loaded.value checks that too)
    assert fields(m, '{"on": false}', t)["on"] is False


def test_absent_keys_keep_their_defaults_and_given_says_which_came(m):
    assert load(m, '{"count": 7}') == Record(DEFAULTS | {"count": 7}, frozenset({"count"}))
    # given even when the value is the default
    assert load(m, '{"count": 5, "methods": ["GET", "HEAD"]}').given == {"count", "methods"}


def test_loaded_values_live_in_one_persistent_block(m):
    rule = record_type("Rule", ("name", types.STRING), ("tags", types.map_of(types.STRING), {}))
    t = record_type("Nested", ("rules", types.list_of(rule)), ("name", types.STRING, ""))
    scratch_top = m.g("scratch_top")
    text = b'{"name": "n\\u00e9x", "rules": [{"name": "a", "tags": {"k": "b\\n"}}, {"name": "c"}]}'
    packed = m.s(text)
    result = m.load(packed, t)
    assert isinstance(result, Loaded)
    assert m.g("scratch_top") == scratch_top, "success gives the scratch arena back"
    # one palloc block: Loaded.value checks every pointer lies in [record, record + cfg_need)
    assert SCRATCH_END < result.record < result.record + m.g("cfg_need") <= m.g("pheap_top")
    # clobbering the input text and the scratch arena changes nothing
    m.write(packed >> 32, b"#" * len(text))
    m.write(HEAP_BASE, b"#" * 4096)
    assert m.record_value(result.record, t).fields == {
        "name": "néx".encode(),
        "rules": [Record({"name": b"a", "tags": {b"k": b"b\n"}}, frozenset({"name", "tags"})),
                  Record({"name": b"c", "tags": {}}, frozenset({"name"}))]}


def test_map_keys_are_counted_in_the_block(m):
    # cfg.wat's measuring pass once left a map's keys out of the block's size:
    # the build then wrote past its block (a trap for a big map)
    t = record_type("Keys", ("m", types.map_of(types.BOOL), {}))
    keys = [("k%d" % i) * 100 for i in range(20)]
    value = fields(m, json.dumps({"m": {k: True for k in keys}}), t)  # Loaded.value checks the block
    assert list(value["m"]) == [k.encode() for k in keys]


def test_empty_list_map_and_string_are_zero(m):
    result = m.load('{"methods": [], "headers": {}, "name": ""}', CONFIG)
    assert isinstance(result, Loaded)
    slots = struct.unpack("<7q", m.read(result.record, 56))
    assert slots[1] == slots[5] == slots[6] == 0
    assert result.value.given == {"methods", "headers", "name"}


def test_keys_are_case_sensitive_and_unescaped(m):
    assert refused(m, '{"Name": "x"}') == Refused(2, b"", b"Name")
    assert fields(m, '{"n\\u0061me": "x", "\\u0063ount": 1}') == DEFAULTS | {"name": b"x", "count": 1}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0", 0), ("-0", 0), ("7", 7), ("-7", -7), (str(INT64_MAX), INT64_MAX), (str(INT64_MIN), INT64_MIN),
        ("  12  ", 12),
    ],
)
def test_ints(m, text, value):
    assert fields(m, '{"count":' + text + "}")["count"] == value


@pytest.mark.parametrize(
    "text", [str(INT64_MAX + 1), str(INT64_MIN - 1), "99999999999999999999999", "1.5", "1.0", "1e3", "1E0", "-0.0",
             "0e0"],
)
def test_bad_ints_are_bad_values(m, text):
    r = refused(m, '{"count": ' + text + "}")
    assert (r, r.at, r.expected, r.got) == (Refused(6, b"count: "), 10, b"an int", text.encode())


@pytest.mark.parametrize(
    ("text", "ms"),
    [
        ("250ms", 250), ("2s", 2000), ("1m30s", 90_000), ("1h", 3_600_000), ("2h", 7_200_000), ("0ms", 0), ("0s", 0),
        ("1h1m1s1ms", 3_661_001), ("30s1m", 90_000), ("007s", 7000), ("9223372036854775807ms", INT64_MAX),
        ("9223372036854775s807ms", INT64_MAX), ("2562047788015h", 2562047788015 * 3_600_000),
        ("\\u0031s", 1000),
    ],
)
def test_durations(m, text, ms):
    assert fields(m, '{"timeout": "' + text + '"}')["timeout"] == ms


@pytest.mark.parametrize(
    "text",
    ["5min", "", "1.5s", "-1s", "+1s", "s", "ms", "10", "1 s", " 1s", "1s ", "1S", "1d", "1us", "1m30", "1sm5",
     "9223372036854775808ms", "9223372036854776s", "2562047788016h", "9223372036854775807ms1ms",
     "99999999999999999999999h"],
)
def test_bad_durations_are_bad_values(m, text):
    r = refused(m, '{"timeout": "' + text + '"}')
    assert (r, r.at, r.got) == (Refused(6, b"timeout: "), 12, b'"' + text.encode() + b'"')
    assert r.expected.startswith(b"a duration such as")


@pytest.mark.parametrize(
    ("key", "text", "path", "got"),
    [
        ("count", '"5"', "", None), ("count", "true", "", None), ("count", "null", "", None), ("count", "[1]", "", None),
        ("name", "1", "", None), ("name", "null", "", None), ("name", '["a"]', "", None), ("name", "{}", "", None),
        ("name", "false", "", None), ("on", '"true"', "", None), ("on", "1", "", None), ("on", "null", "", None),
        ("timeout", "250", "", None), ("timeout", "null", "", None), ("timeout", '["1s"]', "", None),
        ("methods", '"GET"', "", None), ("methods", '["GET", 1]', "[1]", "1"), ("methods", "[null]", "[0]", "null"),
        ("methods", '[["a"]]', "[0]", '["a"]'), ("methods", '{"a": "b"}', "", None), ("methods", '["a", {}]', "[1]", "{}"),
        ("headers", '{"a": {"b": "c"}}', '["a"]', '{"b": "c"}'), ("headers", '{"a": 1}', '["a"]', "1"),
        ("headers", '{"a": null}', '["a"]', "null"), ("headers", '["a"]', "", None), ("headers", '"a"', "", None),
        ("headers", '{"a": ["b"]}', '["a"]', '["b"]'),
    ],
)
def test_wrong_json_types(m, key, text, path, got):
    first = '"count": 1' if key == "name" else '"name": "ok"'
    r = refused(m, f'{{{first}, "{key}": {text}}}')
    assert r == Refused(3, f"{key}{path}: ".encode())
    assert r.got == (got or text).encode()
    if not path:
        assert r.at == len(f'{{{first}, "{key}": ')


def test_paths_name_records_in_lists_and_maps(m):
    rule = record_type("Rule", ("status", types.INT, 403), ("hosts", types.list_of(types.IP), []))
    t = record_type("Paths", ("rules", types.list_of(rule), []), ("limits", types.map_of(rule), {}))
    assert refused(m, '{"rules": [{}, {}, {"status": "x"}]}', t) == Refused(3, b"rules[2].status: ")
    r = refused(m, '{"limits": {"a b": {"hosts": ["::1", "10.0.0.256"]}}}', t)
    assert (r, r.got) == (Refused(6, b'limits["a b"].hosts[1]: '), b'"10.0.0.256"')
    assert refused(m, '{"rules": [{"status": 1, "nope": 2}]}', t) == Refused(2, b"rules[0]: ", b"nope")
    assert refused(m, '{"limits": {"\\u00e9": {"status": 1, "status": 2}}}', t) == \
        Refused(5, 'limits["é"]: '.encode(), b"status")
    # a key cannot forge the path or break the log line: it is printed as a JSON string
    r = refused(m, '{"limits": {"a\\"].status: ok\\n\\u0001": {"status": "x"}}}', t)
    assert r == Refused(3, b'limits["a\\"].status: ok\\n\\u0001"].status: ')
    # a value longer than 48 bytes is cut in the message
    long = '"' + "x" * 60 + '"'
    assert refused(m, f'{{"rules": [{{"status": {long}}}]}}', t).got == long[:48].encode() + b"..."


def test_required_keys(m):
    t = record_type("Req", ("a", types.STRING, "x"), ("must", types.INT), ("also", types.list_of(types.STRING)))
    assert refused(m, "", t) == Refused(4, b"", b"must")
    assert refused(m, "{}", t) == Refused(4, b"", b"must")
    assert refused(m, '{"must": 1}', t) == Refused(4, b"", b"also")
    assert refused(m, '{"also": []}', t) == Refused(4, b"", b"must")
    assert fields(m, '{"also": ["z"], "must": 3}', t) == {"a": b"x", "must": 3, "also": [b"z"]}
    # optional fields (`T?`) may be absent: they read as zero and are not given
    opt = record_type("Opt", ("note", types.STRING, None, True), ("inner", t, None, True))
    assert load(m, "{}", opt) == Record({"note": b"", "inner": None})
    assert refused(m, '{"inner": {"must": 1}}', opt) == Refused(4, b"inner: ", b"also")


def test_unknown_key(m):
    r = refused(m, '{"count": 1, "nope": 1}')
    assert (r, r.at, r.expected) == (Refused(2, b"", b"nope"), 13, b"a Config")
    assert refused(m, '{"caf\\u00e9": 1}') == Refused(2, b"", "café".encode())
    # an unknown key is refused whatever its value
    assert refused(m, '{"x": {"deep": [1, 2, {"y": null}]}}') == Refused(2, b"", b"x")


def test_duplicate_keys(m):
    r = refused(m, '{"count": 1, "count": 1}')
    assert (r, r.at) == (Refused(5, b"", b"count"), 13)
    assert refused(m, '{"name": "a", "n\\u0061me": "b"}') == Refused(5, b"", b"name")
    # a record's repeated key is refused before its value is read
    assert refused(m, '{"name": "a", "name": 1}') == Refused(5, b"", b"name")
    # inside a map: the map's path and the key
    r = refused(m, '{"headers": {"k": "1", "j": "2", "k": "3"}}')
    assert (r, r.at) == (Refused(5, b"headers: ", b"k"), 33)
    assert refused(m, '{"headers": {"\\u006b": "1", "k": "3"}}') == Refused(5, b"headers: ", b"k")
    # of two keys that repeat, the one repeated first in the text (cfg.wat
    # once named the smallest of them)
    r = refused(m, '{"headers": {"b": "1", "b": "2", "a": "3", "a": "4"}}')
    assert (r, r.at) == (Refused(5, b"headers: ", b"b"), 23)
    assert refused(m, '{"headers": {"b": "1", "a": "3", "a": "4", "b": "2"}}') == Refused(5, b"headers: ", b"a")
    assert refused(m, '{"headers": {"a": "1", "a": "2", "a": "3"}}').at == 23
    # a map's values are all read before its keys are compared
    assert refused(m, '{"headers": {"k": "1", "k": 2}}') == Refused(3, b'headers["k"]: ')
    # keys that differ are fine, however similar
    assert fields(m, '{"headers": {"k": "1", "K": "2", "k ": "3", "": "4"}}')["headers"] == \
        {b"k": b"1", b"K": b"2", b"k ": b"3", b"": b"4"}


def test_escapes_and_surrogate_pairs(m):
    t = record_type("Esc", ("é", types.STRING, ""), ("😀", types.list_of(types.STRING), []),
                    ("m", types.map_of(types.STRING), {}))
    text = (b'{"\\u00e9": "\\"\\\\\\/\\b\\f\\n\\r\\t\\u0000\\u00e9\\u20ac\\ud83d\\ude00\\uDBFF\\uDFFF", '
            b'"\\ud83d\\ude00": ["\\u0041", "\xc3\xa9", "\xf0\x9f\x98\x80"], '
            b'"m": {"\\ud83d\\ude00": "\\u00e9", "\xe2\x82\xac": ""}}')
    assert strict(fields(m, text, t)) == strict({
        "é": '"\\/\b\f\n\r\t\0é€😀\U0010ffff'.encode(),
        "😀": [b"A", "é".encode(), "😀".encode()],
        "m": {"😀".encode(): "é".encode(), "€".encode(): b""},
    })


@pytest.mark.parametrize(
    ("text", "at"),
    [
        (b'{"name": "\\ud800"}', 10), (b'{"name": "\\udc00"}', 10), (b'{"name": "\\ud83d\\u0041"}', 10),
        (b'{"\\ud800": "x"}', 2), (b'{"name": "a\x01"}', 11), (b'{"name": "a\nb"}', 11), (b'{"name": "\x1f"}', 10),
        (b'{"name": "\xff"}', 10), (b'{"name": "\xed\xa0\x80"}', 11), (b'{"name": "x",}', 13), (b'{"name"}', 7),
        (b'{"name": "x"} {}', 14), (b'{"count": 01}', 11), (b'{"count": NaN}', 10), (b'{"count": Infinity}', 10),
        (b'{"count": -Infinity}', 11), (b'{"methods": ["a",]}', 17), (b'{"name": "x"', 12), (b"{", 1),
        (b"[", 1), (b'"abc', 4), (b"nul", 3),
    ],
)
def test_malformed_json(m, text, at):
    r = refused(m, text)
    assert (r, r.at) == (Refused(1, b""), at)


@pytest.mark.parametrize(("text", "at"), [("[]", 0), ('"x"', 0), ("1", 0), ("null", 0), ("true", 0),
                                          (' \n ["a"]', 3), ("-5", 0)])
def test_top_level_must_be_an_object(m, text, at):
    r = refused(m, text)
    assert (r, r.at) == (Refused(8, b""), at)


def test_deep_nesting_is_too_deep(m):
    # syntax (and depth) is checked over the whole text before keys are matched
    r = refused(m, '{"headers": ' + "[" * 40 + "]" * 40 + "}")
    assert (r, r.at) == (Refused(7, b""), 12 + 31)
    r = refused(m, "[" * 100000)
    assert (r, r.at) == (Refused(7, b""), 32)
    r = refused(m, '{"x":' * 1000 + "1" + "}" * 1000)
    assert (r, r.at) == (Refused(7, b""), 5 * 32)
    # 32 levels are fine for the reader; the value is then refused for its type
    assert refused(m, '{"methods": ' + "[" * 31 + "]" * 31 + "}") == Refused(3, b"methods[0]: ")
    # and a type 32 levels deep reads a text that deep
    deep: types.Type = types.INT
    for _ in range(31):
        deep = types.list_of(deep)
    t = record_type("Deep", ("d", deep))
    value = fields(m, '{"d": ' + "[" * 31 + "7" + "]" * 31 + "}", t)["d"]
    for _ in range(30):
        (value,) = value
    assert value == [7]


def test_too_large(m):
    text = b'{"name": "' + b"x" * (MIB - 12) + b'"}'
    assert len(text) == MIB
    assert fields(m, text)["name"] == b"x" * (MIB - 12)
    r = refused(m, text + b" ")
    assert (r, r.at) == (Refused(7, b""), MIB)
    r = refused(m, b" " * (MIB + 1))
    assert (r, r.at) == (Refused(7, b""), MIB)


def test_a_result_past_the_size_limit_is_too_large(m):
    # 1 MiB of `{}` items of a record of 63 fields would take 256 MiB
    wide = record_type("Wide", *[(f"f{i}", types.INT, 0) for i in range(63)])
    t = record_type("Many", ("items", types.list_of(wide), []))
    text = b'{"items": [' + b",".join([b"{}"] * ((MIB - 16) // 3)) + b"]}"
    assert refused(m, text, t) == Refused(7, b"")


def test_big_inputs_in_linear_time(m):
    t = record_type("Big", ("l", types.list_of(types.STRING), []), ("m", types.map_of(types.STRING), {}),
                    ("s", types.STRING, ""))
    # the densest lists and maps that fit in 1 MiB
    items = [""] * ((MIB - 20) // 3)
    text = json.dumps({"l": items}, separators=(",", ":")).encode()
    assert len(text) <= MIB
    t0 = time.perf_counter()
    assert len(fields(m, text, t)["l"]) == len(items)
    m.reset_scratch()
    keys = [f"{i:x}" for i in range(MIB // 13)]
    text = json.dumps({"m": {k: "\n" for k in keys}}, separators=(",", ":")).encode()
    assert len(text) <= MIB
    assert list(fields(m, text, t)["m"].items()) == [(k.encode(), b"\n") for k in keys]
    m.reset_scratch()
    # the same map with one key repeated, last
    dup = text[:-2] + b',"0":"x"}}'
    assert refused(m, dup, t) == Refused(5, b"m: ", b"0")
    m.reset_scratch()
    text = b'{"s": "' + b"\\u00e9\\n" * ((MIB - 20) // 8) + b'"}'
    assert fields(m, text, t)["s"] == "é\n".encode() * ((MIB - 20) // 8)
    assert time.perf_counter() - t0 < 20


def test_scratch_exhaustion_is_code_7_not_a_trap(m):
    m.set_global("scratch_top", SCRATCH_END - 64)
    assert refused(m, '{"name": "x", "methods": ["a", "b"]}') == Refused(7, b"")
    assert m.g("rt_error") == 0


def test_counting_a_map_keeps_its_keys_within_the_decode_buffer(m):
    # $config_load decodes strings into a scratch buffer as long as the text;
    # counting a map's items once decoded its keys there too, so that keys
    # with escapes took twice their size, past the buffer (here, with the
    # scratch arena all but full, into the persistent heap: the result block)
    t = record_type("Keys", ("m", types.map_of(types.INT), {}))
    keys = ["k%d" % i + "x" * 200 + "\n" for i in range(10)]
    text = json.dumps({"m": {k: 1 for k in keys}}).encode()
    m.set_global("scratch_top", SCRATCH_END - ((len(text) + 7) & ~7) - 528 - 24 * len(keys) - 64)
    assert list(fields(m, text, t)["m"]) == [k.encode() for k in keys]


def test_networks_give_their_scratch_back(m):
    # each ip or cidr is parsed and formatted in scratch memory, twice; a
    # megabyte of them once ran out of it and was refused as a bad value
    t = record_type("Nets", ("l", types.list_of(types.CIDR), []))
    count = MIB // 14
    text = b'{"l": [' + b",".join([b'"10.0.0.1/8"'] * count) + b"]}"
    assert fields(m, text, t)["l"] == ["10.0.0.1/8"] * count


def test_networks_out_of_scratch_are_code_7_not_bad_values(m):
    t = record_type("Nets", ("l", types.list_of(types.CIDR), []))
    # room for the decode buffer and the path, not for parsing the network
    m.set_global("scratch_top", SCRATCH_END - 24 - 528 - 8)
    assert refused(m, '{"l": ["10.0.0.1/8"]}', t).code == 7
    assert m.g("rt_error") == 0


def test_error_leaves_rt_error_alone(m):
    m.set_global("rt_error", 3)
    assert refused(m, "[") == Refused(1, b"")
    assert m.g("rt_error") == 3
    assert fields(m, '{"count": 2}')["count"] == 2
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
    ("{" + ALL_KEYS + "}", 4),
    ("{" + ALL_KEYS + ", }", 1),
    ("{" + ALL_KEYS + ', "d": ' + "[" * 40 + "]" * 40 + "}", 7),
]


@pytest.mark.parametrize(("text", "code"), FAILING)
def test_failing_loads_leave_the_heap_unchanged(m, text, code):
    t = record_type("WithReq", *[(f.name, f.type, f.default) for f in CONFIG.fields], ("req", types.STRING))
    if code not in (4, 5):
        text = text.replace('"name": "new"', '"name": "new", "req": "r"')
    # a block on a free list first: a refused load must not take it either
    loaded = m.load('{"req": "' + "r" * 100 + '"}', t)
    assert isinstance(loaded, Loaded)
    m.free(loaded.record, t)
    heap, pages = m.heap_state(), m.pages()
    packed = m.s(text)
    for _ in range(2000 if code == 2 else 200):
        assert m.load(packed, t).code == code
        m.reset_scratch()
    assert m.heap_state() == heap and m.pages() == pages
    assert m.g("rt_error") == 0


def test_persistent_heap_exhausted_is_code_7_and_keeps_nothing():
    # a module whose memory cannot grow: the block for a long string does not fit
    m = ConfigModule(max_pages=INITIAL_PAGES)
    big = '{"name": "' + "z" * 70_000 + '"}'
    heap = m.heap_state()
    packed = m.s(big)
    for _ in range(1_000):
        r = m.load(packed, CONFIG)
        assert r == Refused(7, b"") and r.at == 0
        m.reset_scratch()
    assert m.heap_state() == heap
    assert m.g("rt_error") == 0
    # what does fit still loads
    assert fields(m, '{"name": "fits", "methods": ["a"]}') == DEFAULTS | {"name": b"fits", "methods": [b"a"]}


def test_config_free_then_reload_reuses_memory(m):
    text = "{" + ALL_KEYS + "}"
    first = m.load(text, CONFIG)
    assert isinstance(first, Loaded)
    m.free(first.record, CONFIG)
    heap, pages = m.heap_state(), m.pages()
    packed = m.s(text)
    for _ in range(2000):
        again = m.load(packed, CONFIG)
        assert isinstance(again, Loaded) and again.record == first.record
        m.free(again.record, CONFIG)
        m.reset_scratch()
    assert m.heap_state() == heap and m.pages() == pages


def test_text_pointer_outside_memory_is_refused(m):
    r = refused(m, pack(m.pages() * 65536 - 4, 100))
    assert r.code == 7


# --- against the reference reader (config_reference.py) ---------------------------------
#
# Random record types (fields required, optional or with a default; lists,
# maps, records and every scalar but regex; types nested at most 4 deep) and
# documents drawn from them: valid ones, or with mutations anywhere (a value
# of the wrong JSON type, a bad int, double, duration or network, a required
# key dropped, an unknown key, a key repeated in a record, a map or an object
# inside a dyn, a number beyond the double range inside a dyn), or with the
# JSON itself broken.  The module and the reference must agree on the
# verdict, the error code, the path and the key, or on the value read back.

EXAMPLES = int(os.environ.get("PWC_CONFIG_EXAMPLES", "250"))
SCALARS = [types.STRING, types.INT, types.BOOL, types.DURATION, types.CIDR, types.IP, types.DOUBLE, types.DYN]
FIELD_NAMES = ["a", "b", "id", "é", "x y"]
TEXT = st.text(st.sampled_from('ab"\\/\n\x00\x7fé€😀 '), max_size=5)
CANONICAL_NETWORKS = {types.CIDR: ["10.0.0.0/8", "2001:db8::1/64", "0.0.0.0/0"], types.IP: ["10.0.0.1", "::1", "fe80::"]}
BAD_VALUES = {
    types.INT: [("num", text) for text in ("1.5", "1e3", "-0.0", "9223372036854775808", "-9223372036854775809")],
    types.DURATION: [("str", text) for text in ("5min", "", "1.5s", "1m30", "9223372036854775808ms", "-1s")],
    types.CIDR: [("str", text) for text in ("10.0.0.1", "10.0.0.0/33", "01.2.3.4/8", "fe80::1%eth0/64",
                                             "::ffff:1.2.3.4/96", "10.0.0.0/08", "")],
    types.IP: [("str", text) for text in ("10.0.0.256", "::ffff:1.2.3.4", "1.2.3.4/8", "", "1.2.3")],
    types.DOUBLE: [("num", text) for text in ("1e400", "-1e309", "1" + "0" * 309, "-2e308", "1.7976931348623159e308")],
}
# Number texts a double or a JSON value reads: every spelling, the edges of
# the double range, integers past int64, tiny numbers that round to zero.
NUMBER_TEXTS = ["0", "-0", "1", "-1", "0.5", "-0.0", "1.5e3", "1E+2", "2e-3", "100.0", "1e16", "123456789.125",
                "1.7976931348623157e308", "-1.7976931348623157E+308", "1.7976931348623158e308", "5e-324", "1e-400",
                "-1e-400", "2.4703282292062328e-324",
                "9223372036854775808", "123456789012345678901234567890", "0.1000000000000000055511151231257827"]
OUT_OF_RANGE = ["1e400", "-1.8e308", "1" + "0" * 309 + ".0", "1.7976931348623159e308"]
WRONG_JSON = [("lit", "null"), ("lit", "true"), ("num", "1"), ("str", "x"), ("arr", []), ("obj", [])]


@st.composite
def config_types(draw, depth: int, name: str, scalars: tuple[types.Type, ...]) -> types.Type:
    """A type nested `depth` deep; `name` names the records in it (records of
    the same name are the same type to ConfigData, as types.Type compares them)."""
    kind = draw(st.sampled_from(["scalar"] * 3 + (["list", "map", "record"] if depth < 4 else [])))
    if kind == "scalar":
        return draw(st.sampled_from(scalars))
    if kind == "record":
        return draw(record_types(depth + 1, name, scalars))
    item = draw(config_types(depth + 1, name + "_item", scalars))
    return types.list_of(item) if kind == "list" else types.map_of(item)


@st.composite
def record_types(draw, depth: int = 1, name: str = "Config", scalars: tuple[types.Type, ...] = tuple(SCALARS)
                 ) -> types.RecordType:
    t = types.record(name)
    for i, field_name in enumerate(draw(st.lists(st.sampled_from(FIELD_NAMES), unique=True, max_size=4))):
        field_type = draw(config_types(depth, f"{name}{i}", scalars))
        how = draw(st.sampled_from(["required", "optional", "default"]))
        default = draw(defaults(field_type)) if how == "default" else None
        t.fields.append(types.Field(field_name, field_type, how == "optional", default))
    return t


def defaults(t: types.Type) -> st.SearchStrategy:
    """A default as declarations.py gives it: str, int, bool, list, dict."""
    if isinstance(t, types.RecordType):
        return st.fixed_dictionaries(
            {f.name: defaults(f.type) for f in t.fields if f.required},
            optional={f.name: defaults(f.type) for f in t.fields if not f.required and not f.optional})
    if t.kind == "list":
        return st.lists(defaults(t.item), max_size=2)
    if t.kind == "map":
        return st.dictionaries(TEXT, defaults(t.item), max_size=2)
    if t in CANONICAL_NETWORKS:
        return st.sampled_from(CANONICAL_NETWORKS[t])
    if t is types.DYN:  # declarations.JsonText: the canonical text
        return JSON_VALUES.map(lambda v: JsonText(json.dumps(v, ensure_ascii=False, separators=(",", ":"))))
    return {types.STRING: TEXT, types.INT: st.integers(INT64_MIN, INT64_MAX), types.BOOL: st.booleans(),
            types.DURATION: st.integers(0, 10**9),
            types.DOUBLE: st.floats(allow_nan=False, allow_infinity=False)}[t]


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers(-(10**20), 10**20)
                           | st.floats(allow_nan=False, allow_infinity=False) | TEXT,
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
                           max_leaves=8)


@st.composite
def dyn_documents(draw, bad: bool, depth: int = 0) -> tuple:
    """Any JSON value; with `bad`, objects may repeat a key and numbers may
    be beyond the double range."""
    kind = draw(st.sampled_from(["lit", "num", "str"] + (["arr", "obj"] if depth < 3 else [])))
    if kind == "lit":
        return ("lit", draw(st.sampled_from(["null", "true", "false"])))
    if kind == "num":
        return ("num", draw(st.sampled_from(NUMBER_TEXTS + (OUT_OF_RANGE if bad else []))
                            | st.floats(allow_nan=False, allow_infinity=False).map(repr)
                            | st.integers().map(str)))
    if kind == "str":
        return ("str", draw(TEXT))
    if kind == "arr":
        return ("arr", draw(st.lists(dyn_documents(bad, depth + 1), max_size=3)))
    keys = draw(st.lists(TEXT, max_size=3))  # repeats only when bad
    keys = keys if bad else list(dict.fromkeys(keys))
    return ("obj", [(key, draw(dyn_documents(bad, depth + 1))) for key in keys])


@st.composite
def documents(draw, t: types.Type, bad: bool) -> tuple:
    """A JSON value as a small tree (kind, content) for type `t`; with `bad`,
    any node may be mutated."""
    roll = draw(st.integers(0, 11)) if bad else -1
    if roll == 0:
        return draw(st.sampled_from(WRONG_JSON))
    if roll in (1, 2) and t in BAD_VALUES:
        return draw(st.sampled_from(BAD_VALUES[t]))
    if isinstance(t, types.RecordType):
        return draw(record_documents(t, bad))
    if t.kind == "list":
        return ("arr", draw(st.lists(documents(t.item, bad), max_size=3)))
    if t.kind == "map":
        keys = draw(st.lists(TEXT, unique=True, max_size=3))
        pairs = [(key, draw(documents(t.item, bad))) for key in keys]
        for _ in range(draw(st.sampled_from([0, 0, 1, 2])) if bad and pairs else 0):
            pairs.insert(draw(st.integers(1, len(pairs))), (draw(st.sampled_from(keys)), draw(documents(t.item, bad))))
        return ("obj", pairs)
    if t is types.INT:
        return ("num", str(draw(st.one_of(st.integers(INT64_MIN, INT64_MAX), st.sampled_from([0, INT64_MIN, INT64_MAX])))))
    if t is types.BOOL:
        return ("lit", draw(st.sampled_from(["true", "false"])))
    if t is types.DOUBLE:
        return ("num", draw(st.sampled_from(NUMBER_TEXTS) | st.floats(allow_nan=False, allow_infinity=False).map(repr)))
    if t is types.DYN:
        return draw(dyn_documents(bad))
    if t is types.DURATION:
        groups = draw(st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(["ms", "s", "m", "h"])),
                               min_size=1, max_size=3))
        return ("str", "".join(f"{n}{unit}" for n, unit in groups))
    if t in (types.CIDR, types.IP):
        address = draw(st.ip_addresses().filter(lambda a: a.version == 4 or a.ipv4_mapped is None))
        text = address.exploded if draw(st.booleans()) else str(address)
        return ("str", text if t is types.IP else f"{text}/{draw(st.integers(0, address.max_prefixlen))}")
    return ("str", draw(TEXT))


@st.composite
def record_documents(draw, t: types.RecordType, bad: bool) -> tuple:
    chosen = [f for f in t.fields if f.required or draw(st.booleans())]
    pairs = [(f.name, draw(documents(f.type, bad))) for f in draw(st.permutations(chosen))]
    if bad and draw(st.booleans()):
        mutation = draw(st.sampled_from(["drop", "unknown", "repeat"]))
        if mutation == "drop" and pairs:
            del pairs[draw(st.integers(0, len(pairs) - 1))]
        elif mutation == "unknown":
            pairs.insert(draw(st.integers(0, len(pairs))), (draw(st.sampled_from(["A", "zz", "é "])), ("num", "1")))
        elif pairs:
            key, node = pairs[draw(st.integers(0, len(pairs) - 1))]
            repeat = node if draw(st.booleans()) else ("lit", "null")
            pairs.insert(draw(st.integers(1, len(pairs))), (key, repeat))
    return ("obj", pairs)


def dump(node: tuple, ascii_only: bool, compact: bool) -> str:
    kind, content = node
    comma, colon = (",", ":") if compact else (", ", ": ")
    if kind == "obj":
        return "{" + comma.join(json.dumps(key, ensure_ascii=ascii_only) + colon + dump(item, ascii_only, compact)
                                for key, item in content) + "}"
    if kind == "arr":
        return "[" + comma.join(dump(item, ascii_only, compact) for item in content) + "]"
    if kind == "str":
        return json.dumps(content, ensure_ascii=ascii_only)
    return content


@st.composite
def cases(draw, scalars: tuple[types.Type, ...] = tuple(SCALARS), broken: bool = True
          ) -> tuple[types.RecordType, bytes, bool]:
    """(type, text, whether the text may be refused); `broken`: the JSON itself may be broken."""
    t = draw(record_types(scalars=scalars))
    bad = draw(st.booleans())
    text = dump(draw(documents(t, bad)), draw(st.booleans()), draw(st.booleans())).encode()
    if broken and bad and draw(st.integers(0, 9)) == 0:
        # break the JSON: cut it, or put in a byte
        at = draw(st.integers(0, len(text)))
        inserted = draw(st.sampled_from([b"", b",", b"}", b'"', b"\xff", b"0"]))
        text = text[:at] + inserted + (text[at:] if inserted else b"")
    return t, text, bad


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_module_agrees_with_the_reference(case):
    t, text, bad = case
    expected = config_reference.read(t, text)
    event(f"refused with {expected.code}" if isinstance(expected, Refused) else "loaded")
    if not bad:
        assert isinstance(expected, Record), f"the generator's valid document is refused: {expected}"
    m = ConfigModule()
    heap = m.heap_state()
    got = m.load(text, t)
    if isinstance(expected, Refused):
        assert got == expected
        assert m.heap_state() == heap
    else:
        assert isinstance(got, Loaded), got
        assert strict(got.value) == strict(expected)
        m.free(got.record, t)
        assert m.load(text, t) == got, "a configuration freed and read again takes the same block"
