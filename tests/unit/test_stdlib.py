"""The WAT stdlib, called through wasmtime, and its linker."""

from __future__ import annotations

import re
import struct

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stdlib_harness import (
    HEAP_BASE,
    SCRATCH_END,
    FakeHost,
    StdlibModule,
    linked_module_text,
    pack,
    parse_pairs,
    serialize_pairs,
    signed64,
)

from pwc import stdlib
from pwc import abi
from pwc.compiler import layout, targets
from pwc.compiler.regex import rx_tables
from pwc.compiler.assemble import assemble

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1
E = layout.RuntimeErrorCode
REQ, RESP, CALL_RESP = abi.MapType.REQUEST_HEADERS, abi.MapType.RESPONSE_HEADERS, abi.MapType.HTTP_CALL_RESPONSE_HEADERS


@pytest.fixture
def m() -> StdlibModule:
    return StdlibModule()


def ok(module: StdlibModule, result):
    assert module.rt_error == 0
    return result


# --- linker ----------------------------------------------------------------


def test_link_closure_and_host_imports():
    linked = stdlib.link(["str_concat"])
    assert linked.functions[-1] == "str_concat"
    assert {"alloc", "str_pack", "str_ptr", "str_len"} <= set(linked.functions)
    assert "hdr_get" not in linked.functions
    assert linked.host_imports == ()
    assert "rt_error" in linked.globals and "E_OUT_OF_MEMORY" in linked.globals

    hdr = stdlib.link(["hdr_get", "log"])
    assert hdr.host_imports == ("proxy_get_header_map_pairs", "proxy_log")
    assert "$heap_base" not in hdr.wat and "(global $scratch_top" not in hdr.wat


def test_link_is_deterministic_and_in_file_order():
    a = stdlib.link(["stream_put", "hdr_set", "str_eq"])
    b = stdlib.link(["str_eq", "hdr_set", "stream_put", "str_eq"])
    assert a == b
    order = list(stdlib.fields())
    positions = [order.index(name) for name in a.functions]
    assert positions == sorted(positions)


def test_link_unknown_root():
    with pytest.raises(KeyError, match="unknown stdlib function 'no_such'"):
        stdlib.link(["no_such"])
    with pytest.raises(KeyError, match="did you mean str_concat"):
        stdlib.link(["str_concta"])


def test_every_reference_resolves():
    stdlib.check_all()  # raises LinkError naming the field and the unknown name


def test_parser_finds_fields_by_their_opening_line():
    source = (";; a file comment\n\n;; $f: doc\n(func $f (result i32)\n  ;; (an unbalanced comment\n"
              "  (call $g))  ;; after\n\n;; $g: doc of g\n(global $g i32 (i32.const 1)\n)\n")
    f, g = stdlib.parse(source, "t.wat")
    assert (f.name, f.doc, f.calls, g.name, g.kind) == ("f", "$f: doc", {"g"}, "g", "global")
    assert f.text.endswith("(call $g))") and g.text == ";; $g: doc of g\n(global $g i32 (i32.const 1)\n)"
    with pytest.raises(stdlib.LinkError, match="unbalanced"):
        stdlib.parse(";; $h: doc\n(func $h\n  (call $g)\n", "t.wat")[0].calls
    with pytest.raises(stdlib.LinkError, match="text before the first field"):
        stdlib.parse("  (func $nested)\n", "t.wat")
    with pytest.raises(stdlib.LinkError, match="only .func"):
        stdlib.parse("(data $d)\n", "t.wat")


def test_link_accepts_globals_as_roots():
    assert stdlib.link(["rt_error"]).globals == ("rt_error",)


@pytest.mark.parametrize("root", ["alloc", "hdr_get", "send_local_reply", "stream_take", "i64_to_str"])
def test_each_linked_subset_assembles_alone(root):
    assert assemble(linked_module_text([root]))[:4] == b"\0asm"


def test_every_field_is_documented_at_its_head():
    for name, field in stdlib.fields().items():
        assert field.doc.startswith(f"${name}:"), f"{field.file}: ${name} lacks a ';; ${name}: ...' head comment"
        assert field.text.startswith(f";; ${name}:")


def test_layout_constants_mirrored_in_wat_agree():
    # every layout constant of the stdlib's own, and the error codes the stdlib
    # raises (layout may define more codes, raised by generated code)
    mirrored = {
        name: getattr(layout, name) for name in dir(layout)
        if name.startswith(("SLOT_", "HDR_CACHE_", "PALLOC_"))
        or name in ("MAX_CALL_BODY", "CALL_TOKEN_KEY_BIT", "MAX_CONFIG_BYTES", "STATE_TRIES")
    }
    mirrored["MAX_AUTHORITY"] = targets.MAX_AUTHORITY
    stdlib_errors = tuple(code for code in E if code)
    mirrored |= {f"E_{code.name}": int(code) for code in stdlib_errors}
    mirrored |= rx_tables.mirrored_constants()
    constants = {}
    for name, field in stdlib.fields().items():
        if field.kind == "global" and name.isupper():  # the constants; state globals are lower case
            match = re.search(r"\(global \$\w+ i32 \(i32\.const (-?\w+)\)\)", field.text)
            assert match, f"${name} is not an immutable i32 constant"
            constants[name] = int(match.group(1), 0)
    assert constants == mirrored
    assert layout.HDR_CACHE_MAP_TYPES == len(abi.MapType)


def test_no_trapping_instructions_in_sources():
    for field in stdlib.fields().values():
        assert "unreachable" not in field.text
        # a division is by a constant >= 2 on its line, or in a function that checks its divisor
        for line in field.text.splitlines():
            if re.search(r"\bi(32|64)\.(div|rem)_[su]\b", line):
                constant = re.search(r"\(i(32|64)\.const ([0-9]+)\)\)*$", line)
                checked = field.name in {"i64_div_checked", "i64_rem_checked", "i64_mul_checked", "limit_window_start"}
                assert checked or (constant and int(constant.group(2)) >= 2), f"${field.name}: {line.strip()}"


# --- memory ----------------------------------------------------------------


def test_alloc_aligned_and_bumps(m):
    first = ok(m, m.alloc(3))
    second = ok(m, m.alloc(0))
    third = ok(m, m.alloc(1))
    assert first == HEAP_BASE and second % 8 == 0 and third == second and second >= first + 3
    assert m.global_value("scratch_top") == third + 1


def test_alloc_exhaustion_sets_out_of_memory(m):
    assert m.alloc(layout.SCRATCH_SIZE + 1) == 0
    assert m.rt_error == E.OUT_OF_MEMORY
    m.clear_error()
    assert m.alloc(layout.SCRATCH_SIZE) == HEAP_BASE and m.rt_error == 0
    assert m.alloc(1) == 0 and m.rt_error == E.OUT_OF_MEMORY
    m.clear_error()
    assert m.alloc(0xFFFFFFFF) == 0 and m.rt_error == E.OUT_OF_MEMORY
    m.set_global("scratch_top", SCRATCH_END - 4)
    m.clear_error()
    assert m.alloc(8) == 0 and m.rt_error == E.OUT_OF_MEMORY


def test_scratch_exhaustion_in_string_functions(m):
    a, b = m.s("abc"), m.s("DEF")
    m.set_global("scratch_top", SCRATCH_END - 2)
    for name, args in [
        ("str_concat", (a, b)),
        ("str_lower_ascii", (b,)),
        ("str_upper_ascii", (a,)),
        ("i64_to_str", (12345,)),
        ("str_strip_ctl", (m.s("a\nb"),)),
    ]:
        m.clear_error()
        assert m.call(name, *args) == 0, name
        assert m.rt_error == E.OUT_OF_MEMORY, name
    assert m.map_to_pairs(m.map([("k", "v")])) == 0 and m.rt_error == E.OUT_OF_MEMORY


def test_palloc_zeroed_aligned_and_reused(m):
    p = ok(m, m.palloc(24))
    assert p >= SCRATCH_END and p % 8 == 0 and m.read(p, 24) == bytes(24)
    m.write(p, b"\xff" * 24)
    m.pfree(p)
    q = ok(m, m.palloc(20))  # same size class
    assert q == p and m.read(q, 20) == bytes(20)
    r = ok(m, m.palloc(1000))
    assert r != q and (r > q + 24 or r + 1000 <= q)
    assert ok(m, m.palloc(0)) not in (0, p, r)


def test_pfree_ignores_null_and_foreign_pointers(m):
    m.pfree(0)
    m.pfree(HEAP_BASE + 16)  # scratch, not persistent heap
    m.pfree(0xFFFFFFF0)  # beyond memory
    p = m.palloc(8)
    m.write(p - 8, struct.pack("<I", 99))  # corrupt header: ignored
    m.pfree(p)
    assert m.rt_error == 0 and m.palloc(8) != p


def test_palloc_churn_keeps_memory_flat(m):
    pages = m.memory_pages()
    last = m.test_palloc_churn(100_000, 5000)
    assert last != 0 and m.rt_error == 0
    assert m.test_palloc_churn(100_000, 5000) == last
    assert m.memory_pages() == pages


def test_palloc_grows_memory_then_fails_cleanly(m):
    pages = m.memory_pages()
    big = ok(m, m.palloc(4 * 1024 * 1024))
    assert big and m.memory_pages() > pages
    m.write(big + 4 * 1024 * 1024 - 1, b"x")
    assert m.palloc(0x3FFFFFF8) == 0 and m.rt_error == E.OUT_OF_MEMORY  # past the declared maximum
    m.clear_error()
    assert m.palloc(0x3FFFFFF9) == 0 and m.rt_error == E.OUT_OF_MEMORY
    m.clear_error()
    assert m.palloc(0xFFFFFFFF) == 0 and m.rt_error == E.OUT_OF_MEMORY
    m.clear_error()
    assert ok(m, m.palloc(100)) != 0  # still usable


def test_str_pcopy_and_pfree(m):
    src = m.s("persist me")
    copy = ok(m, m.str_pcopy(src))
    assert m.text(copy) == b"persist me" and (copy >> 32) >= SCRATCH_END
    m.str_pfree(copy)
    assert m.str_pcopy(0) == 0
    m.str_pfree(0)
    assert (m.str_pcopy(m.s("persist it")) >> 32) == copy >> 32  # same size class: reused


# --- strings ---------------------------------------------------------------


def test_str_eq(m):
    assert m.str_eq(0, 0) == 1
    assert m.str_eq(m.s("abc"), m.s("abc")) == 1
    assert m.str_eq(m.s("abc"), m.s("abd")) == 0
    assert m.str_eq(m.s("abc"), m.s("ab")) == 0
    assert m.str_eq(0, m.s("a")) == 0
    assert m.str_eq(pack(HEAP_BASE, 0), 0) == 1  # any empty slice equals ""
    long = "x" * 37
    assert m.str_eq(m.s(long), m.s(long)) == 1
    assert m.str_eq(m.s(long), m.s(long[:-1] + "y")) == 0


def test_str_cmp_cases(m):
    assert m.str_cmp(0, 0) == 0
    assert m.str_cmp(0, m.s("a")) == -1
    assert m.str_cmp(m.s("a"), 0) == 1
    assert m.str_cmp(m.s("ab"), m.s("abc")) == -1
    assert m.str_cmp(m.s("b"), m.s("abc")) == 1
    assert m.str_cmp(m.s(b"\xff"), m.s(b"\x01")) == 1  # unsigned bytes


def test_str_concat(m):
    a, b = m.s("foo"), m.s("bar")
    assert m.text(ok(m, m.str_concat(a, b))) == b"foobar"
    assert m.str_concat(a, 0) == a and m.str_concat(0, b) == b
    assert m.str_concat(0, 0) == 0


def test_starts_ends_contains(m):
    s = m.s("/api/v1/users")
    assert m.str_starts_with(s, m.s("/api")) == 1
    assert m.str_starts_with(s, m.s("/apix")) == 0
    assert m.str_starts_with(s, 0) == 1 and m.str_starts_with(0, 0) == 1
    assert m.str_starts_with(m.s("/a"), m.s("/api")) == 0
    assert m.str_ends_with(s, m.s("users")) == 1
    assert m.str_ends_with(s, m.s("user")) == 0
    assert m.str_ends_with(s, 0) == 1 and m.str_ends_with(0, m.s("x")) == 0
    assert m.str_contains(s, m.s("v1")) == 1
    assert m.str_contains(s, m.s("/users")) == 1
    assert m.str_contains(s, m.s("/api/v1/users")) == 1
    assert m.str_contains(s, m.s("/api/v1/users/")) == 0
    assert m.str_contains(s, m.s("v2")) == 0
    assert m.str_contains(s, 0) == 1 and m.str_contains(0, 0) == 1 and m.str_contains(0, m.s("a")) == 0
    assert m.str_contains(m.s("aaab"), m.s("aab")) == 1


def test_case_mapping(m):
    mixed = m.s("Hello, WORLD-é 123")
    assert m.text(ok(m, m.str_lower_ascii(mixed))) == "hello, world-é 123".encode()
    assert m.text(ok(m, m.str_upper_ascii(mixed))) == "HELLO, WORLD-é 123".encode()
    lower = m.s("already lower [@`{")
    assert m.str_lower_ascii(lower) == lower  # no copy when nothing changes
    upper = m.s("ALREADY UPPER [@`{")
    assert m.str_upper_ascii(upper) == upper
    assert m.str_lower_ascii(0) == 0 and m.str_upper_ascii(0) == 0
    edges = m.s("@AZ[`az{")
    assert m.text(m.str_lower_ascii(edges)) == b"@az[`az{"
    assert m.text(m.str_upper_ascii(edges)) == b"@AZ[`AZ{"


def test_trim(m):
    s = m.s(" \t\n\v\f\r x y \r\n")
    trimmed = m.str_trim(s)
    assert m.text(trimmed) == b"x y" and (trimmed >> 32) == (s >> 32) + 7
    assert m.str_trim(m.s(" \t ")) == 0
    assert m.str_trim(0) == 0
    plain = m.s("x")
    assert m.str_trim(plain) == plain
    assert m.text(m.str_trim(m.s("\x00a\x00"))) == b"\x00a\x00"  # NUL is not whitespace


def test_size_counts_code_points(m):
    assert m.str_size(0) == 0
    assert m.str_size(m.s("abc")) == 3
    assert m.str_size(m.s("héllo wörld €𝄞")) == len("héllo wörld €𝄞")
    assert m.str_size(m.s(b"\x80\xbf")) == 0  # stray continuation bytes


def test_find_byte(m):
    s = m.s("a=b=c")
    assert m.str_find_byte(s, ord("=")) == 1
    assert m.str_find_byte(s, ord("c")) == 4
    assert m.str_find_byte(s, ord("x")) == -1
    assert m.str_find_byte(0, 0) == -1
    assert m.str_find_byte(m.s(b"\xff"), 0xFF) == 0


def test_slice_clamps(m):
    s = m.s("abcdef")
    assert m.text(m.str_slice(s, 1, 4)) == b"bcd"
    assert m.text(m.str_slice(s, -5, 2)) == b"ab"
    assert m.text(m.str_slice(s, 3, 100)) == b"def"
    assert m.str_slice(s, 4, 2) == 0
    assert m.str_slice(s, 10, 20) == 0
    assert m.str_slice(s, 0, -1) == 0
    assert m.str_slice(0, 0, 5) == 0
    assert m.str_slice(s, 0, 6) == s


def test_strip_ctl(m):
    clean = m.s("value with\ttab and 'ünïcode' " * 3)
    assert m.str_strip_ctl(clean) == clean  # the common case: no copy
    assert m.str_strip_ctl(0) == 0
    dirty = m.s(b"a\r\nx-evil: 1\x00\x7f\x1f\tb")
    assert m.text(ok(m, m.str_strip_ctl(dirty))) == b"ax-evil: 1\tb"
    only = m.s(b"\r\n\x00\x7f")
    assert m.str_strip_ctl(only) == 0
    assert m.text(m.str_strip_ctl(m.s(b"12345678901234567\n"))) == b"12345678901234567"
    # bytes that look like control bytes to a word-at-a-time test but are not
    tricky = m.s(b"\x80\x9f\xa0\xff\x20\x7e\x09" * 3)
    assert m.str_strip_ctl(tricky) == tricky


@given(st.binary(max_size=40))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_strip_ctl_matches_python(data):
    m = _shared()
    m.reset_scratch()
    expected = bytes(b for b in data if not ((b < 0x20 and b != 9) or b == 0x7F))
    assert m.text(m.str_strip_ctl(m.s(data))) == expected


# --- numbers ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text,value",
    [
        ("0", 0),
        ("-0", 0),
        ("+7", 7),
        ("007", 7),
        ("-42", -42),
        ("9223372036854775807", INT64_MAX),
        ("-9223372036854775808", INT64_MIN),
    ],
)
def test_str_to_i64_valid(m, text, value):
    assert ok(m, m.str_to_i64(m.s(text))) == value


@pytest.mark.parametrize("text", ["", "-", "+", " 1", "1 ", "1a", "0x10", "--1", "+-1", "1.0", "١"])
def test_str_to_i64_not_an_integer(m, text):
    assert m.str_to_i64(m.s(text)) == 0
    assert m.rt_error == E.NOT_AN_INTEGER


@pytest.mark.parametrize("text", ["9223372036854775808", "-9223372036854775809", "99999999999999999999999"])
def test_str_to_i64_out_of_range_is_overflow(m, text):
    assert m.str_to_i64(m.s(text)) == 0
    assert m.rt_error == E.OVERFLOW


def test_str_to_i64_junk_after_huge_number_is_not_an_integer(m):
    assert m.str_to_i64(m.s("99999999999999999999999x")) == 0
    assert m.rt_error == E.NOT_AN_INTEGER


@pytest.mark.parametrize("value", [0, 7, -7, 10, -10, INT64_MAX, INT64_MIN, INT64_MIN + 1])
def test_i64_to_str(m, value):
    assert m.text(ok(m, m.i64_to_str(value))) == str(value).encode()


_shared_module: StdlibModule | None = None


def _shared() -> StdlibModule:
    """One module for hypothesis examples (each example resets scratch)."""
    global _shared_module
    if _shared_module is None:
        _shared_module = StdlibModule()
    _shared_module.clear_error()
    return _shared_module


@given(st.integers(INT64_MIN, INT64_MAX))
@settings(max_examples=300, deadline=None)
def test_int_string_round_trip(value):
    m = _shared()
    m.reset_scratch()
    text = m.i64_to_str(value)
    assert m.text(text) == str(value).encode()
    assert m.str_to_i64(text) == value and m.rt_error == 0


def _cel_int(text: bytes):
    if not re.fullmatch(rb"[+-]?[0-9]+", text):
        return E.NOT_AN_INTEGER
    value = int(text)
    return value if INT64_MIN <= value <= INT64_MAX else E.OVERFLOW


@given(st.one_of(st.binary(max_size=22), st.from_regex(rb"\A[+-]?[0-9]{1,21}\Z"), st.text("+-0123456789 a", max_size=21).map(str.encode)))
@settings(max_examples=300, deadline=None)
def test_str_to_i64_matches_reference(text):
    m = _shared()
    result = m.str_to_i64(m.s(text))
    expected = _cel_int(text)
    if isinstance(expected, E):
        assert (result, m.rt_error) == (0, expected)
    else:
        assert (result, m.rt_error) == (expected, 0)


@given(st.binary(max_size=12), st.binary(max_size=12))
@settings(max_examples=300, deadline=None)
def test_str_cmp_matches_bytes_order(a, b):
    m = _shared()
    expected = (a > b) - (a < b)
    assert m.str_cmp(m.s(a), m.s(b)) == expected
    assert m.str_eq(m.s(a), m.s(b)) == (a == b)


def _checked(m, name, a, b=None):
    result = m.call(name, a) if b is None else m.call(name, a, b)
    error = m.rt_error
    m.clear_error()
    return result, error


@pytest.mark.parametrize(
    "name,a,b,expected",
    [
        ("i64_add_checked", 2, 3, (5, 0)),
        ("i64_add_checked", INT64_MAX, 1, (0, E.OVERFLOW)),
        ("i64_add_checked", INT64_MIN, -1, (0, E.OVERFLOW)),
        ("i64_add_checked", INT64_MAX, INT64_MIN, (-1, 0)),
        ("i64_sub_checked", 2, 3, (-1, 0)),
        ("i64_sub_checked", INT64_MIN, 1, (0, E.OVERFLOW)),
        ("i64_sub_checked", 0, INT64_MIN, (0, E.OVERFLOW)),
        ("i64_sub_checked", -1, INT64_MIN, (INT64_MAX, 0)),
        ("i64_mul_checked", -4, 5, (-20, 0)),
        ("i64_mul_checked", INT64_MIN, -1, (0, E.OVERFLOW)),
        ("i64_mul_checked", -1, INT64_MIN, (0, E.OVERFLOW)),
        ("i64_mul_checked", INT64_MIN, 1, (INT64_MIN, 0)),
        ("i64_mul_checked", 2**32, 2**31, (0, E.OVERFLOW)),
        ("i64_mul_checked", -(2**32), 2**31, (INT64_MIN, 0)),
        ("i64_mul_checked", 3037000500, 3037000500, (0, E.OVERFLOW)),
        ("i64_mul_checked", 0, INT64_MIN, (0, 0)),
        ("i64_div_checked", 7, -2, (-3, 0)),
        ("i64_div_checked", 7, 0, (0, E.DIVISION_BY_ZERO)),
        ("i64_div_checked", INT64_MIN, -1, (0, E.OVERFLOW)),
        ("i64_div_checked", INT64_MIN, 1, (INT64_MIN, 0)),
        ("i64_rem_checked", -7, 2, (-1, 0)),
        ("i64_rem_checked", 7, -2, (1, 0)),
        ("i64_rem_checked", 7, 0, (0, E.DIVISION_BY_ZERO)),
        ("i64_rem_checked", INT64_MIN, -1, (0, E.OVERFLOW)),
        ("i64_rem_checked", 5, -1, (0, 0)),
    ],
)
def test_checked_arithmetic(m, name, a, b, expected):
    assert _checked(m, name, a, b) == expected


def test_neg_checked(m):
    assert _checked(m, "i64_neg_checked", 5) == (-5, 0)
    assert _checked(m, "i64_neg_checked", INT64_MAX) == (-INT64_MAX, 0)
    assert _checked(m, "i64_neg_checked", INT64_MIN) == (0, E.OVERFLOW)


@given(st.integers(INT64_MIN, INT64_MAX), st.integers(INT64_MIN, INT64_MAX))
@settings(max_examples=200, deadline=None)
def test_checked_arithmetic_matches_python(a, b):
    m = _shared()

    def expect(value):
        return (value, 0) if INT64_MIN <= value <= INT64_MAX else (0, E.OVERFLOW)

    assert _checked(m, "i64_add_checked", a, b) == expect(a + b)
    assert _checked(m, "i64_sub_checked", a, b) == expect(a - b)
    assert _checked(m, "i64_mul_checked", a, b) == expect(a * b)
    if a == INT64_MIN and b == -1:
        assert _checked(m, "i64_div_checked", a, b) == (0, E.OVERFLOW)
        assert _checked(m, "i64_rem_checked", a, b) == (0, E.OVERFLOW)
    elif b:
        quotient = abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1)  # truncated, as CEL
        assert _checked(m, "i64_div_checked", a, b) == (quotient, 0)
        assert _checked(m, "i64_rem_checked", a, b) == (a - quotient * b, 0)


# --- collections -----------------------------------------------------------


def test_list_contains(m):
    methods = m.list(["GET", "HEAD", "POST", ""])
    assert m.list_contains(methods, m.s("HEAD")) == 1
    assert m.list_contains(methods, m.s("head")) == 0
    assert m.list_contains(methods, 0) == 1
    assert m.list_contains(m.list(["GET"]), 0) == 0
    assert m.list_contains(0, m.s("GET")) == 0
    assert m.list_contains(m.list([]), m.s("GET")) == 0


def test_map_get_and_has(m):
    headers = m.map([("a", "1"), ("b", "2"), ("a", "3"), ("empty", "")])
    assert m.text(m.map_get(headers, m.s("a"))) == b"3"  # last entry wins
    assert m.text(m.map_get(headers, m.s("b"))) == b"2"
    assert m.map_get(headers, m.s("c")) == 0
    assert m.map_get(headers, m.s("A")) == 0  # map keys are case-sensitive
    assert m.map_has(headers, m.s("empty")) == 1
    assert m.map_has(headers, m.s("c")) == 0
    assert m.map_get(0, m.s("a")) == 0 and m.map_has(0, m.s("a")) == 0


def test_map_to_pairs_byte_exact(m):
    pairs = m.map([("www-authenticate", "Bearer"), ("x-a", ""), ("x-a", "2")])
    data = m.text(ok(m, m.map_to_pairs(pairs)))
    assert data == (
        struct.pack("<I", 3)
        + struct.pack("<IIIIII", 16, 6, 3, 0, 3, 1)
        + b"www-authenticate\0Bearer\0x-a\0\0x-a\x002\0"
    )
    assert data == serialize_pairs([(b"www-authenticate", b"Bearer"), (b"x-a", b""), (b"x-a", b"2")])


def test_map_to_pairs_strips_control_bytes(m):
    pairs = m.map([("x-in\r\njected", "v\r\nset-cookie: a=1\x00\x7f\tok")])
    data = m.text(m.map_to_pairs(pairs))
    assert parse_pairs(data) == [(b"x-injected", b"vset-cookie: a=1\tok")]


def test_map_to_pairs_empty(m):
    assert m.text(m.map_to_pairs(0)) == b"\0\0\0\0"
    assert m.text(m.map_to_pairs(m.map([]))) == b"\0\0\0\0"


# --- headers ---------------------------------------------------------------


def headers(pairs) -> StdlibModule:
    return StdlibModule(FakeHost(maps={REQ: [(k.encode(), v.encode()) for k, v in pairs]}))


def test_hdr_get_single_is_a_slice_of_the_pairs_buffer():
    m = headers([(":path", "/a"), ("x-user", "alice"), ("accept", "*/*")])
    value = m.hdr_get(REQ, m.s("x-user"))
    assert m.text(value) == b"alice"
    buf, size = m.hdr_pairs(REQ), m.hdr_pairs_len(REQ)
    assert buf <= value >> 32 < buf + size
    assert m.read(buf, size) == serialize_pairs(m.host.maps[REQ])


def names_oracle(pairs) -> list[bytes]:
    """Each name once, first appearance first, pseudo-headers left out."""
    out: list[bytes] = []
    for name, _ in pairs:
        if name and not name.startswith(":") and name.encode() not in out:
            out.append(name.encode())
    return out


def read_list(m: StdlibModule, pointer: int) -> list[bytes]:
    if pointer == 0:
        return []
    count = int.from_bytes(m.read(pointer, 4), "little")
    return [m.text(int.from_bytes(m.read(pointer + 8 + 8 * k, 8), "little")) for k in range(count)]


@pytest.mark.parametrize("pairs", [
    [], [(":path", "/"), (":method", "GET")], [("x-a", "1")],
    [(":path", "/"), ("x-a", "1"), ("b", ""), ("x-a", "2"), ("c", "3"), ("b", "4")],
    [("a", "1"), ("aa", "2"), ("a", "3"), ("", "4")],
])
def test_hdr_names_each_name_once_without_pseudo_headers(pairs):
    m = headers(pairs)
    assert read_list(m, ok(m, m.hdr_names(REQ))) == names_oracle(pairs)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "x-a", "x-b", ":path", "c-1", "aa"]), st.text("xyz", max_size=3)),
                max_size=20))
def test_hdr_names_generated(pairs):
    m = headers(pairs)
    assert read_list(m, ok(m, m.hdr_names(REQ))) == names_oracle(pairs)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "x-a", ":path", "aa"]), st.text("xyz", max_size=3)), max_size=20))
def test_hdr_entries_every_entry_without_pseudo_headers(pairs):
    m = headers(pairs)
    pointer = ok(m, m.hdr_entries(REQ))
    count = int.from_bytes(m.read(pointer, 4), "little") if pointer else 0
    entries = [(m.text(int.from_bytes(m.read(pointer + 8 + 16 * k, 8), "little")),
                m.text(int.from_bytes(m.read(pointer + 16 + 16 * k, 8), "little"))) for k in range(count)]
    assert entries == [(k.encode(), v.encode()) for k, v in pairs if k and not k.startswith(":")]


def test_hdr_get_case_insensitive_and_missing():
    m = headers([("x-user", "alice"), ("x-empty", "")])
    assert m.text(m.hdr_get(REQ, m.s("X-User"))) == b"alice"
    assert m.hdr_get(REQ, m.s("x-use")) == 0
    assert m.hdr_get(REQ, m.s("x-userx")) == 0
    assert m.hdr_get(REQ, 0) == 0
    assert m.hdr_has(REQ, m.s("X-EMPTY")) == 1 and m.hdr_get(REQ, m.s("x-empty")) == 0
    assert m.hdr_has(REQ, m.s("nope")) == 0
    assert m.rt_error == 0


def test_hdr_get_joins_repeated_values():
    m = headers([("x-a", "1"), ("b", "x"), ("X-A", "2"), ("x-a", ""), ("x-a", "four")])
    assert m.text(ok(m, m.hdr_get(REQ, m.s("x-a")))) == b"1,2,,four"


def test_hdr_get_set_cookie_first_copy_only():
    m = headers([("set-cookie", "a=1"), ("Set-Cookie", "b=2"), ("x", "y")])
    assert m.text(m.hdr_get(REQ, m.s("SET-COOKIE"))) == b"a=1"
    assert m.text(m.hdr_get(REQ, m.s("set-cookie"))) == b"a=1"
    lookalike = headers([("set_cookie", "a"), ("set_cookie", "b"), ("set-cookiE", "c")])
    assert m.is_set_cookie(m.s("set_cookie")) == 0 and m.is_set_cookie(m.s("sEt-CoOkIe")) == 1
    assert lookalike.text(lookalike.hdr_get(REQ, lookalike.s("set_cookie"))) == b"a,b"


def test_hdr_pairs_cached_per_map_until_invalidated():
    m = StdlibModule(FakeHost(maps={REQ: [(b"a", b"1")], RESP: [(b"b", b"2")]}))
    m.hdr_get(REQ, m.s("a"))
    m.hdr_has(REQ, m.s("a"))
    m.hdr_get(RESP, m.s("b"))
    assert m.host.fetches == [REQ, RESP]
    m.hdr_invalidate(REQ)
    m.hdr_get(REQ, m.s("a"))
    m.hdr_get(RESP, m.s("b"))
    assert m.host.fetches == [REQ, RESP, REQ]
    m.hdr_invalidate_all()
    m.hdr_get(REQ, m.s("a"))
    m.hdr_get(RESP, m.s("b"))
    assert m.host.fetches == [REQ, RESP, REQ, REQ, RESP]
    m.hdr_invalidate(1000)  # out of range: harmless
    assert m.hdr_get(1000, m.s("a")) == 0  # uncached map types fetch each time
    assert m.host.fetches[-1] == 1000


def test_hdr_unavailable_or_empty_map_reads_empty():
    m = StdlibModule(FakeHost(maps={RESP: []}))
    assert m.hdr_pairs(REQ) == 0 and m.hdr_pairs_len(REQ) == 0  # host: BadArgument
    assert m.hdr_get(REQ, m.s("a")) == 0 and m.hdr_has(REQ, m.s("a")) == 0
    assert m.hdr_pairs(RESP) == 0  # N = 0
    m.host.raw_pairs[CALL_RESP] = b"\0"  # the spec's other empty form
    assert m.hdr_pairs(CALL_RESP) == 0
    assert m.host.fetches == [REQ, RESP, CALL_RESP]  # failures are cached too
    assert m.rt_error == 0


GOOD = serialize_pairs([(b"a", b"1"), (b"bb", b"22")])


@pytest.mark.parametrize(
    "raw",
    [
        GOOD[:-1],  # last NUL missing
        GOOD[:10],  # cut inside the length table
        GOOD[:3],  # cut inside the count
        struct.pack("<I", 0xFFFFFFFF) + GOOD[4:],  # absurd count
        struct.pack("<I", 0x20000000) + GOOD[4:],  # count * 8 wraps u32
        GOOD[:4] + struct.pack("<II", 0xFFFFFFFF, 1) + GOOD[12:],  # absurd key length
        GOOD[:4] + struct.pack("<II", 0x7FFFFFFF, 0x80000001) + GOOD[12:],  # lengths sum wraps u32
        GOOD[:12] + struct.pack("<II", 2, 0xFFFFFFFE) + GOOD[20:],  # value + NULs wraps u32
        (abi.Status.OK, 0xFFFFFFF0, 64),  # buffer outside memory
        (abi.Status.OK, 16, 0xFFFFFFFF),  # length beyond memory
        (abi.Status.BAD_ARGUMENT, 1024, 20),
    ],
)
def test_malformed_pairs_from_host_read_empty_without_trap(raw):
    m = StdlibModule(FakeHost(raw_pairs={REQ: raw}))
    assert m.hdr_get(REQ, m.s("a")) == 0
    assert m.hdr_get(REQ, m.s("bb")) == 0
    assert m.hdr_has(REQ, m.s("a")) == 0
    assert m.hdr_pairs(REQ) == 0 and m.rt_error == 0


def test_pairs_buffer_with_trailing_bytes_is_accepted():
    m = StdlibModule(FakeHost(raw_pairs={REQ: GOOD + b"\0\0"}))
    assert m.text(m.hdr_get(REQ, m.s("bb"))) == b"22"


@given(st.binary(max_size=48), st.sampled_from([b"a", b"bb", b"", b"\0"]))
@settings(max_examples=200, deadline=None)
def test_random_pairs_buffers_never_trap(raw, name):
    m = StdlibModule(FakeHost(raw_pairs={REQ: raw}))
    value = m.hdr_get(REQ, m.s(name))
    assert m.rt_error == 0
    buf, size = m.hdr_pairs(REQ), m.hdr_pairs_len(REQ)
    assert bool(buf) == _well_formed(raw)
    if buf:
        assert m.read(buf, size) == raw
    else:
        assert value == 0 and size == 0


def _well_formed(raw: bytes) -> bool:
    """Python statement of what $pairs_valid accepts (trailing bytes allowed)."""
    if len(raw) < 4:
        return False
    (count,) = struct.unpack_from("<I", raw)
    table = 4 + 8 * count
    if count == 0 or table > len(raw):
        return False
    data = sum(k + v + 2 for k, v in (struct.unpack_from("<II", raw, 4 + 8 * i) for i in range(count)))
    return table + data <= len(raw)


def test_hdr_set_add_remove_call_host_and_invalidate():
    m = headers([("x-a", "old"), ("x-a", "older"), ("keep", "1")])
    assert m.text(m.hdr_get(REQ, m.s("x-a"))) == b"old,older"
    m.hdr_set(REQ, m.s("X-A"), m.s("new"))
    assert m.text(m.hdr_get(REQ, m.s("x-a"))) == b"new"
    m.hdr_add(REQ, m.s("x-a"), m.s("more"))
    assert m.text(m.hdr_get(REQ, m.s("x-a"))) == b"new,more"
    m.hdr_remove(REQ, m.s("x-a"))
    assert m.hdr_has(REQ, m.s("x-a")) == 0
    assert m.host.writes == [
        ("replace", REQ, b"X-A", b"new"),
        ("add", REQ, b"x-a", b"more"),
        ("remove", REQ, b"x-a", None),
    ]
    assert m.host.fetches == [REQ] * 4


def test_hdr_writes_strip_control_bytes():
    m = StdlibModule(FakeHost(maps={RESP: []}))
    m.hdr_set(RESP, m.s(b"x-a\r\n"), m.s(b"1\r\nx-evil: 1"))
    m.hdr_add(RESP, m.s(b"x-b"), m.s(b"\x00\x7f2\t3"))
    m.hdr_remove(RESP, m.s(b"x-\nc"))
    assert m.host.writes == [
        ("replace", RESP, b"x-a", b"1x-evil: 1"),
        ("add", RESP, b"x-b", b"2\t3"),
        ("remove", RESP, b"x-c", None),
    ]


def test_hdr_writes_with_an_empty_name_do_nothing():
    m = StdlibModule(FakeHost(maps={RESP: []}))
    m.hdr_set(RESP, 0, m.s("v"))
    m.hdr_add(RESP, m.s(b"\r\n"), m.s("v"))
    m.hdr_remove(RESP, m.s(b"\x00"))
    assert m.host.writes == [] and m.rt_error == 0


def test_strings_read_before_a_write_stay_valid():
    m = headers([("x-a", "1"), ("x-a", "2")])
    joined = m.hdr_get(REQ, m.s("x-a"))
    m.hdr_set(REQ, m.s("x-a"), m.s("3"))
    assert m.text(joined) == b"1,2"


# --- logging and local replies ----------------------------------------------


def test_log(m):
    m.log(abi.LogLevel.WARN, m.s("careful"))
    m.log(abi.LogLevel.INFO, 0)
    assert m.host.logs == [(abi.LogLevel.WARN, b"careful"), (abi.LogLevel.INFO, b"")]


def test_send_local_reply(m):
    m.send_local_reply(401, m.s("missing credentials"), m.map([("www-authenticate", "Bearer\r\nx: 1")]))
    m.send_local_reply(500, 0, 0)
    first, second = m.host.replies
    assert first["status"] == 401 and first["body"] == b"missing credentials"
    assert first["details"] == b"pwc" and first["grpc_status"] == -1
    assert parse_pairs(first["headers"]) == [(b"www-authenticate", b"Bearerx: 1")]
    assert second["body"] == b"" and parse_pairs(second["headers"]) == []


# --- per-stream state -------------------------------------------------------


def test_stream_table_basic(m):
    assert m.stream_get(2) == 0 and m.stream_take(2) == 0
    m.stream_put(2, 1000)
    m.stream_put(3, 2000)
    assert m.stream_get(2) == 1000 and m.stream_get(3) == 2000
    m.stream_put(2, 1111)  # replace
    assert m.stream_get(2) == 1111
    assert m.stream_take(2) == 1111 and m.stream_get(2) == 0 and m.stream_take(2) == 0
    m.stream_put(3, 0)  # storing 0 removes
    assert m.stream_get(3) == 0
    m.stream_put(0, 5)  # id 0 and the tombstone's key are ordinary keys
    m.stream_put(-1, 6)
    assert m.stream_get(0) == 5 and m.stream_get(-1) == 6 and m.rt_error == 0


def test_stream_table_thousands_of_ids_with_removals(m):
    live: dict[int, int] = {}
    for ctx in range(2, 6002):
        m.stream_put(ctx, ctx * 16)
        live[ctx] = ctx * 16
        if ctx % 3 == 0:  # streams end out of order
            victim = ctx - 1
            assert m.stream_take(victim) == live.pop(victim)
    assert m.rt_error == 0 and m.global_value("rt_error") == 0
    for ctx in range(0, 6010):
        assert m.stream_get(ctx) == live.get(ctx, 0)
    for ctx in list(live):
        assert m.stream_take(ctx) == live.pop(ctx)
    assert m.stream_get(10) == 0


def test_stream_table_churn_reuses_memory(m):
    for ctx in range(2, 500):
        m.stream_put(ctx, 8 * ctx)
    pages, top = m.memory_pages(), m.global_value("pheap_top")
    # a steady state: one stream starts as another ends, ids grow forever
    for ctx in range(500, 10_000):
        m.stream_put(ctx, 8 * ctx)
        assert m.stream_take(ctx - 498) == 8 * (ctx - 498)
    assert m.memory_pages() == pages
    assert m.global_value("pheap_top") - top <= 64 * 1024
    for ctx in range(9_502, 10_000):
        assert m.stream_take(ctx) == 8 * ctx
    # with the table empty, its storage went back to the free lists
    m.stream_put(7, 77)
    assert m.global_value("pheap_top") - top <= 64 * 1024 and m.stream_get(7) == 77


def test_signed64_helper():
    assert signed64(2**64 - 1) == -1 and signed64(5) == 5
