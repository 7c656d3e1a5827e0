"""stdlib/num.wat ($f64_parse) and num_print.wat ($f64_repr) against Python.

The oracles: float(text), which CPython rounds correctly (David Gay's
strtod) for any length of text; repr(x), the shortest round-trip digits
(Gay's dtoa, mode 0) in Python's layout, which json.dumps also writes.
Results are compared as bit patterns, so -0.0 and 0.0 differ.  The one
thing written by hand here is the JSON number grammar (RFC 8259), a regular
expression: float() accepts far more ("+1", " 1", "1_0", "inf", "1.")."""

from __future__ import annotations

import math
import re
import struct
from decimal import Decimal, getcontext

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from stdlib_harness import SCRATCH_END, Metered, linked_module_text, mutate_once, shared_module

from pwc.compiler import layout
from pwc.compiler.assemble import assemble

E = layout.RuntimeErrorCode
NOT_A_NUMBER, OUT_OF_RANGE = 1, 2
JSON_NUMBER = re.compile(rb"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
getcontext().prec = 2000  # exact for every sum of doubles below (midpoints have < 800 digits)


def bits(x: float) -> int:
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def double(pattern: int) -> float:
    return struct.unpack("<d", struct.pack("<Q", pattern))[0]


def parse(text: bytes | str) -> tuple[float, int]:
    """$f64_parse of `text`: (the double, $num_fail)."""
    m = shared_module()
    top = m.global_value("scratch_top")
    value = m.call("f64_parse", m.s(text))
    assert m.rt_error == 0
    assert m.global_value("scratch_top") == top  # a long number's scratch is given back
    return value, m.global_value("num_fail")


def py_parse(text: bytes | str) -> tuple[float, int]:
    """What $f64_parse must answer, from the grammar and float()."""
    raw = text.encode() if isinstance(text, str) else text
    if not JSON_NUMBER.fullmatch(raw):
        return 0.0, NOT_A_NUMBER
    value = float(raw)
    return (0.0, OUT_OF_RANGE) if math.isinf(value) else (value, 0)


def check_parse(text: bytes | str) -> None:
    got, fail = parse(text)
    want, want_fail = py_parse(text)
    assert (fail, bits(got)) == (want_fail, bits(want)), (text[:80], got, want)


def wat_repr(x: float) -> str:
    m = shared_module()
    result = m.call("f64_repr", x)
    assert m.rt_error == 0
    text = m.text(result).decode()
    assert m.global_value("scratch_top") == (result >> 32) + len(text)  # nothing kept past the text
    return text


def check_double(x: float) -> None:
    """repr as Python's, and that text read back to the same bits."""
    text = wat_repr(x)
    assert text == repr(x), (x, text)
    if math.isfinite(x):
        value, fail = parse(text)
        assert fail == 0 and bits(value) == bits(x), text


# --- repr: fixed cases -------------------------------------------------------

REPR_CASES = [
    1.0, 0.1, 0.2, 0.3, 0.30000000000000004, 1e16, 1e15, 9999999999999998.0, 1.5e-05, 0.0001, 0.001, 1e-5,
    123456789012345.0, 1234567890123456.0, 12345678901234567.0, 0.0, -0.0, 5e-324, -5e-324, 1e-323,
    1.7976931348623157e308, -1.7976931348623157e308, 2.2250738585072014e-308, 2.225073858507201e-308,
    2.0**53, 2.0**53 + 2, 2.0**53 - 1, 2.0**63, 2.0**64, 2.0**-1022, 2.0**-1074, 1e22, 1e23, 1e21, 1e-7,
    1e-8, 9.999999999999999e22, 1.2345678901234567e-300, 123.456, -2.5, 3.141592653589793, 2.718281828459045,
    1 / 3, 2 / 3, 100.0, 1e100, 1e-100, 4.35, 0.1 + 0.7, 5e-324 * 3, 4.9406564584124654e-324,
    float("inf"), float("-inf"), float("nan"),
]


@pytest.mark.parametrize("x", REPR_CASES, ids=repr)
def test_repr_cases(x):
    check_double(x)


def test_repr_non_finite_and_zero_texts():
    assert [wat_repr(x) for x in (float("nan"), -float("nan"), float("inf"), -float("inf"), 0.0, -0.0)] == [
        "nan", "nan", "inf", "-inf", "0.0", "-0.0"]


# x = N + k/4 with ulp 1/4: two 17-digit candidates, x exactly between them;
# Python keeps the one whose last digit is even, like halfway reading
TIES = [2.0**50 + k / 4 for k in range(1, 12)] + [2.0**51 + k / 2 for k in range(1, 8)] + [
    2.0**49 + k / 8 for k in range(1, 16)]


@pytest.mark.parametrize("x", TIES, ids=repr)
def test_repr_between_two_shortest_candidates(x):
    check_double(x)


@pytest.mark.parametrize("e", range(-1074, 1024, 7))
def test_repr_powers_of_two_and_their_neighbours(e):
    # at a power of two the gap below is half the gap above
    x = 2.0**e
    for pattern in (bits(x) - 1, bits(x), bits(x) + 1):
        check_double(double(pattern))


# --- repr: generated ---------------------------------------------------------

FINITE_PATTERNS = st.integers(0, (1 << 64) - 1).map(double).filter(math.isfinite)
# decimals of a few digits, the doubles programs and people write most
SHORT_DECIMALS = st.builds(lambda d, e: float(f"{d}e{e}"), st.integers(1, 10**17), st.integers(-30, 30))


@settings(max_examples=2500, deadline=None)
@given(FINITE_PATTERNS)
@example(double(1))
@example(double(0x7FEFFFFFFFFFFFFF))
def test_repr_of_any_bit_pattern(x):
    check_double(x)


@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.floats(allow_nan=False), SHORT_DECIMALS))
def test_repr_of_floats_and_short_decimals(x):
    check_double(x)


# --- parse: fixed cases ------------------------------------------------------

PARSE_CASES = [
    "0", "-0", "0.0", "-0.0", "0e0", "-0e-0", "0.000", "1", "-1", "3.14159", "0.1", "1e1", "1E1", "1e+1", "1e-1",
    "123456789012345678901234567890", "9007199254740992", "9007199254740993", "9007199254740994",
    "9007199254740995", "9007199254740991", "18014398509481985", "2.2250738585072011e-308",
    "2.2250738585072012e-308", "2.2250738585072014e-308", "2.225073858507201136057409796709131975934819546351645"
    "6486574e-308", "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
    "2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618"
    "98982823477228588654633283551779698981993873980053909390631503565951557022639229085839244910518443593180"
    "284993653615250031937045767824921936562366986365848074008e-324", "1e-324", "3e-324", "7.4e-324", "1e-400",
    "-1e-400", "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e308", "1e309",
    "-1e309", "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587"
    "207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764"
    "475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904"
    "174497791.9999999999", "1e22", "1e23", "8.98846567431158e307", "1" + "0" * 400, "0." + "0" * 400 + "1",
    "1e999999999999", "1e999999999999999999", "-1e999999999999999999", "1e-999999999999999999",
    "0e999999999999999999", "123.456e-3", "7.0e-10", "6.02214076e23", "1234e30", "4.35", "0.3",
    "0.30000000000000004", "100000000000000000000000000000000000000000e-40",
]


@pytest.mark.parametrize("text", PARSE_CASES, ids=lambda t: t[:40])
def test_parse_cases(text):
    check_parse(text)


def midpoint_text(x: float) -> str:
    """The exact decimal halfway between the positive double x and the next one up."""
    return str((Decimal(x) + Decimal(math.nextafter(x, math.inf))) / 2)


HALFWAY_DOUBLES = [5e-324, 2.0**-1022 - 5e-324, 2.0**-1022, 2.2250738585072014e-308, 1.0, 2.0**52, 2.0**53,
                   0.1, 1e23, 1.7976931348623157e308 / 2, math.nextafter(1.7976931348623157e308, 0)]


@pytest.mark.parametrize("x", HALFWAY_DOUBLES, ids=repr)
def test_parse_exactly_halfway_and_either_side(x):
    mid = Decimal(midpoint_text(x))
    far = Decimal(10) ** (mid.adjusted() - 850)  # a digit well past the 768th
    mantissa, _, exponent = f"{mid:e}".partition("e")
    check_parse(f"{mid:e}")  # ties to even
    check_parse(mantissa + "0" * 300 + "e" + exponent)  # still exactly halfway
    check_parse(f"{mid + far:e}")  # just above
    check_parse(f"{mid - far:e}")  # just below


def test_parse_max_double_halfway_to_infinity():
    # 2^1024 - 2^970 is halfway from the largest double to 2^1024: it rounds to even, the infinity
    top = Decimal(2) ** 1024 - Decimal(2) ** 970
    assert py_parse(str(top))[1] == OUT_OF_RANGE
    check_parse(str(top))
    check_parse(str(top - 1))
    check_parse(str(top) + ".0" + "0" * 800 + "1")


NOT_JSON = ["", "-", "+1", "01", "-01", "00", "1.", ".5", "-.5", "1e", "1e+", "1E-", "--1", " 1", "1 ", "\t1",
            "1\n", "NaN", "nan", "Infinity", "-Infinity", "inf", "0x10", "1_000", "1.5.5", "1e5.5", "1e1e1",
            "e5", "1..5", "１", "1,5", "0.e1", "1.e1", "-e1", "1f", "1d", "0b1", "1ee5", "+0", "-+1", "1e++1",
            "1\x00", "\x001"]


@pytest.mark.parametrize("text", NOT_JSON)
def test_parse_not_a_json_number(text):
    assert py_parse(text) == (0.0, NOT_A_NUMBER)
    assert parse(text) == (0.0, NOT_A_NUMBER)


# --- parse: generated --------------------------------------------------------


def digit_runs(max_size: int) -> st.SearchStrategy[str]:
    return st.one_of(st.text("0123456789", min_size=1, max_size=20),
                     st.text("0123456789", min_size=1, max_size=max_size),
                     st.builds(lambda a, n, b: a + "0" * n + b, st.text("0123456789", max_size=20),
                               st.integers(0, max_size), st.text("0123456789", min_size=1, max_size=20)),
                     st.builds(lambda a, n, b: a + "9" * n + b, st.text("0123456789", max_size=20),
                               st.integers(0, max_size), st.text("0123456789", max_size=20)))


@st.composite
def json_numbers(draw) -> str:
    """Texts of the JSON number grammar: long mantissas, exponents -400..400, extremes."""
    sign = draw(st.sampled_from(["", "-"]))
    whole = draw(st.one_of(st.just("0"), st.builds(lambda d, rest: d + rest, st.sampled_from("123456789"),
                                                      st.one_of(st.just(""), digit_runs(400)))))
    fraction = draw(st.one_of(st.just(""), digit_runs(400).map(lambda digits: "." + digits)))
    exponent = ""
    if draw(st.booleans()):
        value = draw(st.one_of(st.integers(-400, 400), st.integers(-400, 400), st.integers(-(10**25), 10**25)))
        exponent = draw(st.sampled_from(["e", "E"])) + ("-" if value < 0 else draw(st.sampled_from(["", "+"])))
        exponent += "0" * draw(st.integers(0, 3)) + str(abs(value))
    return sign + whole + fraction + exponent


@settings(max_examples=2000, deadline=None)
@given(json_numbers())
def test_parse_matches_float(text):
    check_parse(text)


@settings(max_examples=800, deadline=None)
@given(st.integers(1, 10**19 - 1), st.integers(-30, 30))
def test_parse_up_to_19_digits(w, q):
    # the exact 128-bit path's range (q -26 .. 27) and either side of it
    check_parse(f"{w}e{q}")
    check_parse(f"{w}")


@settings(max_examples=300, deadline=None)
@given(st.integers(2**52, 2**63))
def test_parse_halfway_between_large_doubles(n):
    # at and above 2^52 the midpoints are integers or halves of at most 20 digits
    x = float(n)
    for text in (midpoint_text(x), midpoint_text(math.nextafter(x, 0))):
        check_parse(text)


@settings(max_examples=500, deadline=None)
@given(FINITE_PATTERNS, st.integers(1, 40))
def test_parse_near_halfway_points(x, extra):
    # the midpoint above |x| with its last digit nudged by one, then more digits
    x = abs(x)
    if x == 1.7976931348623157e308:
        x = math.nextafter(x, 0)
    mid = Decimal(midpoint_text(x))
    unit = Decimal(10) ** (mid.adjusted() - 790 - extra)
    for value in (mid, mid - unit, mid + unit):
        check_parse(f"{value:e}".replace("e+", "e"))


@settings(max_examples=500, deadline=None)
@given(st.data(), json_numbers())
def test_parse_near_misses_of_the_grammar(data, text):
    check_parse(mutate_once(data, text.encode(), b"0123456789.eE+- x"))


# --- scratch, cost -----------------------------------------------------------


def test_scratch_exhaustion():
    m = shared_module()
    m.set_global("scratch_top", SCRATCH_END - 40)
    assert m.call("f64_repr", 1.0) == 0 and m.rt_error == E.OUT_OF_MEMORY
    m = shared_module()
    m.set_global("scratch_top", SCRATCH_END - 100)  # the text fits, the exact decimals do not
    assert m.call("f64_repr", 0.30000000000000004) == 0 and m.rt_error == E.OUT_OF_MEMORY
    m = shared_module()
    m.set_global("scratch_top", SCRATCH_END - 100)
    assert m.call("f64_repr", 0.25) != 0 and m.rt_error == 0  # the fast path needs only the text
    m = shared_module()
    m.set_global("scratch_top", SCRATCH_END - 100)
    assert m.call("f64_parse", m.s("1.2345678901234567e-200")) == 0.0 and m.rt_error == E.OUT_OF_MEMORY
    m = shared_module()
    m.set_global("scratch_top", SCRATCH_END - 100)
    assert m.call("f64_parse", m.s("3.14159")) == 3.14159 and m.rt_error == 0  # fast path: no scratch


LONG = 100_000
COST_TEXTS = {
    "3.14159": b"3.14159",
    "0.30000000000000004": b"0.30000000000000004",
    "2.2250738585072011e-308": b"2.2250738585072011e-308",
    "1e999999999999999999": b"1e999999999999999999",
    "100,000 digits, huge": b"9" * LONG,
    "100,000 digits, ~1e-300": b"0." + b"0" * 299 + b"123456789" * (LONG // 9),
    "100,000 digits, ~1e300": b"123456789" * (LONG // 9) + b"e-" + str(LONG // 9 * 9 - 301).encode(),
    "800 digits, 1e-330": b"0." + b"0" * 329 + b"7" * 800,
    "800 digits, subnormal": b"4" * 800 + b"e-1130",
    "800 digits, 1e308": b"1" * 800 + b"e-492",
    "100,000 digits, halfway at the 768th": midpoint_text(2.0**-1022 - 5e-324).replace("E", "0" * (LONG - 800) + "1E").encode(),
}
REPR_COSTS = {"0.1": 0.1, "3.14159": 3.14159, "0.30000000000000004": 0.30000000000000004, "1e+300": 1e300,
              "1.2345678901234567e-300": 1.2345678901234567e-300, "2.2250738585072014e-308": 2.2250738585072014e-308,
              "5e-324": 5e-324, "1.7976931348623157e+308": 1.7976931348623157e308}


def fuel_costs() -> dict[str, int]:
    metered = Metered(("f64_parse", "f64_repr"), data_room=LONG + 4096)
    costs = {}
    for name, text in COST_TEXTS.items():
        costs[f"parse {name}"] = metered.run("f64_parse", (metered.base << 32) | len(text), data=[(0, text)])
    for name, x in REPR_COSTS.items():
        costs[f"repr {name}"] = metered.run("f64_repr", x)
    return costs


def test_cost_is_linear_in_the_length_and_bounded():
    costs = fuel_costs()
    print(costs)
    for name, text in COST_TEXTS.items():
        # a few instructions a byte, plus some 20 passes over at most 800 digits
        assert costs[f"parse {name}"] <= 6 * len(text) + 750_000, name
    assert costs["parse 3.14159"] < 700
    assert costs["parse 0.30000000000000004"] < 2_000
    assert costs["parse 1e999999999999999999"] < 1_500
    for name in REPR_COSTS:
        # three exact decimals of at most 770 digits
        assert costs[f"repr {name}"] < 350_000, name
    assert costs["repr 0.1"] < 600
    assert costs["repr 0.30000000000000004"] < 15_000


@pytest.mark.parametrize("root", ["f64_parse", "f64_repr"])
def test_each_links_and_assembles_alone(root):
    assert assemble(linked_module_text([root]))[:4] == b"\0asm"
