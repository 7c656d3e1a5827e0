"""Configuration fields of type `double` and `dyn` read by stdlib/cfg.wat
(with cfg_json.wat), through wasmtime (json_harness.py): a double is any
JSON number, a dyn any JSON value kept as json.decode keeps it (dyn.wat's
canonical text, dyn_harness's oracle), and what either refuses names the
key path.  The generated types and documents of test_json_config.py check
the same against config_reference.py."""

from __future__ import annotations

import json
import struct
import time

import pytest

from dyn_harness import canonical
from json_harness import SCRATCH_END, ConfigModule, Loaded, Record, Refused, strict
from test_json_config import MIB, fields, record_type, refused

from pwc.compiler import types
from pwc.compiler.declarations import JsonText

DYN, DOUBLE = types.DYN, types.DOUBLE
CONFIG = record_type("Config", ("ratio", DOUBLE, 0.5), ("redis", DYN, None, True),
                     ("items", types.list_of(DYN), []), ("by", types.map_of(DYN), {}),
                     ("d", DYN, JsonText('{"a":[1,2.5,null]}')), ("n", DYN, JsonText("null")))


@pytest.fixture
def m() -> ConfigModule:
    return ConfigModule()


def bits(x: float) -> str:
    return x.hex()


# --- double ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [("0", 0.0), ("-0", -0.0), ("1", 1.0), ("-7", -7.0), ("0.5", 0.5), ("1.5e3", 1500.0), ("1E+2", 100.0),
     ("2e-3", 0.002), ("9007199254740993", 9007199254740992.0), ("123456789012345678901234567890", 1.2345678901234568e29),
     ("1.7976931348623157e308", 1.7976931348623157e308), ("1.7976931348623158e308", 1.7976931348623157e308),
     ("5e-324", 5e-324), ("2.4703282292062328e-324", 5e-324), ("2.4703282292062327e-324", 0.0), ("1e-400", 0.0), ("-1e-400", -0.0),
     ("0.1000000000000000055511151231257827", 0.1)],
)
def test_doubles(m, text, value):
    assert bits(fields(m, '{"ratio": ' + text + "}", CONFIG)["ratio"]) == bits(value)


@pytest.mark.parametrize("text", ["1e400", "-1e400", "1.8e308", "1.7976931348623159e308", "1" + "0" * 309,
                                  "-" + "9" * 400 + ".5"])
def test_doubles_beyond_the_range_are_bad_values(m, text):
    r = refused(m, '{"ratio": ' + text + "}", CONFIG)
    assert (r, r.at, r.expected) == (Refused(6, b"ratio: "), 10, b"a double")
    assert r.got == (text.encode() if len(text) <= 48 else text[:48].encode() + b"...")


@pytest.mark.parametrize("text", ['"1.5"', "true", "null", "[1.5]", "{}"])
def test_a_double_is_a_json_number(m, text):
    r = refused(m, '{"ratio": ' + text + "}", CONFIG)
    assert (r, r.expected, r.got) == (Refused(3, b"ratio: "), b"a double", text.encode())


def test_double_defaults_and_zero(m):
    t = record_type("D", ("a", DOUBLE, 0.5), ("b", DOUBLE, -0.0), ("c", DOUBLE, None, True), ("e", DOUBLE, 1e300))
    assert strict(fields(m, "{}", t)) == strict({"a": 0.5, "b": -0.0, "c": 0.0, "e": 1e300})
    assert strict(fields(m, '{"c": 2, "a": 1e-5}', t)) == strict({"a": 1e-5, "b": -0.0, "c": 2.0, "e": 1e300})


# --- dyn -------------------------------------------------------------------------

DOCUMENTS = [
    b"null", b"true", b"false", b"0", b"-0", b"12345678901234567890123456789", b"1.0", b"1e16", b"-0.0", b"1E-7",
    b'""', b'"a\\u00e9\\n\\/\\"\\u001F\\ud83d\\ude00"', "\"é 😀\"".encode(), b"[]", b"{}", b' [ 1 , "x" , null ] ',
    b'{"b": 1, "a": {"c": [true, {"d": null}]}, "": ""}', b'{"service_name": "redis.static", "service_port": 6379}',
    b'[' * 30 + b']' * 30, b'{"a\\u0062": 1, "ab ": 2}',
]


@pytest.mark.parametrize("text", DOCUMENTS)
def test_a_dyn_is_what_json_decode_reads(m, text):
    value = fields(m, b'{"redis": ' + text + b"}", CONFIG)["redis"]
    assert value == canonical(text)
    assert load_given(m, b'{"redis": ' + text + b"}") == {"redis"}


def load_given(m: ConfigModule, text: bytes) -> frozenset:
    result = m.load(text, CONFIG)
    assert isinstance(result, Loaded)
    return result.value.given


def test_dyn_in_lists_maps_and_records(m):
    rule = record_type("Rule", ("name", types.STRING), ("extra", DYN, None, True))
    t = record_type("T", ("rules", types.list_of(rule), []), ("by", types.map_of(DYN), {}),
                    ("items", types.list_of(DYN), []))
    text = (b'{"items": [1, null, {"k": [2.50]}, "s"], "by": {"x": {"y": 1}, "n": null},'
            b' "rules": [{"name": "a", "extra": {"deep": [1E2]}}, {"name": "b"}, {"name": "c", "extra": null}]}')
    value = fields(m, text, t)
    assert value["items"] == [b"1", None, b'{"k":[2.5]}', b'"s"']
    assert value["by"] == {b"x": b'{"y":1}', b"n": None}
    assert [(r.fields["extra"], r.given) for r in value["rules"]] == [
        (b'{"deep":[100.0]}', {"name", "extra"}), (None, {"name"}), (None, {"name", "extra"})]


def test_dyn_defaults(m):
    value = fields(m, "{}", CONFIG)
    assert (value["d"], value["n"], value["redis"]) == (b'{"a":[1,2.5,null]}', None, None)
    assert fields(m, '{"d": null, "n": [1]}', CONFIG)["d"] is None


def test_a_repeated_key_in_a_dyn_refuses_it(m):
    r = refused(m, '{"redis": {"a": 1, "b": {"x": 1, "y": 2, "x": 3}}}', CONFIG)
    assert (r, r.at) == (Refused(5, b"redis: ", b"x"), 10)
    # however spelled; the inner object ends first
    assert refused(m, '{"redis": {"a": {"\\u0062": 1, "b": 2}, "a": 3}}', CONFIG) == Refused(5, b"redis: ", b"b")
    # of two keys that repeat, the one whose canonical text sorts first
    assert refused(m, '{"redis": {"b": 1, "b": 2, "a": 3, "a": 4}}', CONFIG) == Refused(5, b"redis: ", b"a")
    # the key as canonical JSON text: escapes stay escaped, so the message keeps one line
    assert refused(m, '{"items": [0, {"\\n\\"": 1, "\\u000a\\u0022": 2}]}', CONFIG) == \
        Refused(5, b"items[1]: ", b'\\n\\"')
    assert refused(m, '{"by": {"k": [{"é": 1, "\\u00e9": 2}]}}', CONFIG) == Refused(5, b'by["k"]: ', "é".encode())


def test_a_number_beyond_the_double_range_in_a_dyn_refuses_it(m):
    r = refused(m, '{"redis": {"a": [1, 1e400]}}', CONFIG)
    assert (r, r.at, r.expected, r.got) == (Refused(6, b"redis: "), 20, b"a double", b"1e400")
    assert refused(m, '{"items": [1, {"x": -2E+308}]}', CONFIG) == Refused(6, b"items[1]: ")
    # integers are kept as written, any length
    big = "9" * 400
    assert fields(m, '{"redis": [' + big + "]}", CONFIG)["redis"] == b"[" + big.encode() + b"]"
    # the first problem in the text wins: the number comes before the object ends
    assert refused(m, '{"redis": {"a": 1, "a": 1e999}}', CONFIG).code == 6
    assert refused(m, '{"redis": {"a": 1, "a": 2}, "ratio": "x"}', CONFIG).code == 5


def test_the_config_limits_hold_for_a_dyn(m):
    # 32 levels in all: the dyn inside the configuration object gets 31
    assert fields(m, '{"redis": ' + "[" * 31 + "]" * 31 + "}", CONFIG)["redis"] == b"[" * 31 + b"]" * 31
    r = refused(m, '{"redis": ' + "[" * 32 + "]" * 32 + "}", CONFIG)
    assert (r, r.at) == (Refused(7, b""), 10 + 31)
    text = b'{"redis": "' + b"x" * (MIB - 13) + b'"}'
    assert len(text) == MIB
    assert fields(m, text, CONFIG)["redis"] == b'"' + b"x" * (MIB - 13) + b'"'
    assert refused(m, text + b" ", CONFIG).code == 7


def test_big_dyn_values_in_linear_time(m):
    t0 = time.perf_counter()
    items = [{"k": i, "v": [i * 0.5, "é\n"]} for i in range(MIB // 64)]
    text = json.dumps({"redis": items}, ensure_ascii=False, indent=1).encode()
    assert len(text) <= MIB
    assert fields(m, text, CONFIG)["redis"] == json.dumps(items, ensure_ascii=False, separators=(",", ":")).encode()
    m.reset_scratch()
    many = json.dumps({"items": list(range(MIB // 8))}).encode()
    assert len(fields(m, many, CONFIG)["items"]) == MIB // 8
    m.reset_scratch()
    keys = json.dumps({"redis": {f"{i:x}": 0 for i in range(MIB // 12)}}, separators=(",", ":")).encode()
    assert fields(m, keys, CONFIG)["redis"] == keys[9:-1]
    m.reset_scratch()
    assert refused(m, keys[:-2] + b',"0":1}}', CONFIG) == Refused(5, b"redis: ", b"0")
    assert time.perf_counter() - t0 < 20


def test_scratch_exhaustion_in_a_dyn_is_code_7(m):
    text = b'{"redis": {"a": [1.5, 2.5, "xxxxxxxx"]}}'
    # room for the decode buffer and the path, not for decoding the value
    m.set_global("scratch_top", SCRATCH_END - ((len(text) + 7) & ~7) - 528 - 16)
    assert refused(m, text, CONFIG).code == 7
    assert m.g("rt_error") == 0


def test_refusals_in_a_dyn_keep_the_heap_and_loads_are_one_block(m):
    for text in ('{"redis": {"a": 1, "a": 2}}', '{"items": [1e400]}', '{"ratio": 1e400}'):
        heap = m.heap_state()
        for _ in range(200):
            assert isinstance(m.load(text, CONFIG), Refused)
            m.reset_scratch()
        assert m.heap_state() == heap
    result = m.load('{"redis": {"b": [1.50, "x"]}, "items": [{}, []], "ratio": 2}', CONFIG)
    assert isinstance(result, Loaded)  # Loaded.value checks every pointer lies in the one block
    m.free(result.record, CONFIG)
    assert m.load('{"redis": {"b": [1.50, "x"]}, "items": [{}, []], "ratio": 2}', CONFIG) == result


def test_a_double_slot_holds_the_bits(m):
    result = m.load('{"ratio": -2.5}', CONFIG)
    assert isinstance(result, Loaded)
    assert m.u64(result.record + 8) == struct.unpack("<Q", struct.pack("<d", -2.5))[0]
    assert result.value == Record(result.value.fields, frozenset({"ratio"}))
