"""stdlib/time.wat against Python's datetime and email.utils.

A timestamp is an i64 of microseconds since the Unix epoch (UTC), in
0001-01-01T00:00:00Z .. 9999-12-31T23:59:59.999999Z.  The oracles below
compute every value with datetime arithmetic; the only thing written here by
hand is the RFC 3339 / IMF-fixdate grammar (a regular expression), which
Python's own parsers do not check strictly (fromisoformat takes many ISO 8601
forms, parsedate_to_datetime takes RFC 2822's)."""

from __future__ import annotations

import email.utils
import re
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stdlib_harness import Metered, mutate_once, shared_module, signed64

from pwc.compiler import layout

E = layout.RuntimeErrorCode
EXAMPLES = settings(max_examples=500, deadline=None)

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
US = timedelta(microseconds=1)
TS_MIN = (datetime(1, 1, 1, tzinfo=timezone.utc) - EPOCH) // US
TS_MAX = (datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=timezone.utc) - EPOCH) // US
INVALID = -(1 << 63)

module = shared_module


def call(func: str, arg: int) -> int:
    """`func` of an integer (no error allowed); its result as signed."""
    m = module()
    result = m.call(func, arg)
    assert m.rt_error == 0, func
    return signed64(result)


def parse(func: str, text: bytes | str) -> int:
    m = module()
    result = signed64(m.call(func, m.s(text)))
    assert m.rt_error == 0
    return result


def valid(func: str, text: bytes | str) -> int:
    m = module()
    return m.call(func, m.s(text))


def fmt(func: str, t: int) -> bytes:
    m = module()
    result = m.call(func, t)
    assert m.rt_error == 0, (func, t)
    return m.text(result)


# --- oracles ---------------------------------------------------------------

RFC3339 = re.compile(
    rb"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2}):(\d{2}))")


def py_parse_rfc3339(text: bytes) -> int | None:
    """Microseconds of strict RFC 3339 `text` (fraction truncated), or None."""
    match = RFC3339.fullmatch(text)
    if not match:
        return None
    y, mo, d, h, mi, s = (int(g) for g in match.groups()[:6])
    frac, sign, oh, om = match.group(7), match.group(8), match.group(9), match.group(10)
    offset = timedelta(0)
    if sign:
        if int(oh) > 23 or int(om) > 59:
            return None
        offset = timedelta(hours=int(oh), minutes=int(om)) * (-1 if sign == b"-" else 1)
    try:
        local = datetime(y, mo, d, h, mi, s, int((frac or b"0")[:6].ljust(6, b"0")), tzinfo=timezone(offset))
    except ValueError:  # month 13, Feb 30, hour 24, second 60, year 0
        return None
    us = (local - EPOCH) // US  # aware subtraction: no conversion, no overflow
    return us if TS_MIN <= us <= TS_MAX else None


def utc(t: int) -> datetime:
    return EPOCH + timedelta(microseconds=t)


def py_format_rfc3339(t: int) -> bytes:
    """Go's RFC3339Nano for a UTC time: fraction with trailing zeros trimmed."""
    dt = utc(t)
    frac = f".{dt.microsecond:06d}".rstrip("0") if dt.microsecond else ""
    return (f"{dt.year:04d}-{dt.month:02d}-{dt.day:02d}T{dt.hour:02d}:{dt.minute:02d}:{dt.second:02d}"
            f"{frac}Z").encode()


def py_http_date(t: int) -> bytes:
    return email.utils.format_datetime(utc(t).replace(microsecond=0), usegmt=True).encode()


IMF_FIXDATE = re.compile(rb"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
                         rb" (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT")
MONTHS = [b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec"]


def py_parse_http_date(text: bytes) -> int | None:
    match = IMF_FIXDATE.fullmatch(text)
    if not match:
        return None
    try:
        dt = datetime(int(match[4]), MONTHS.index(match[3]) + 1, int(match[2]), int(match[5]), int(match[6]),
                      int(match[7]), tzinfo=timezone.utc)
    except ValueError:
        return None
    # and email.utils reads it the same way (it is lenient about the rest),
    # except that it takes years below 100 for 2-digit years (0099 -> 1999)
    # even when written with 4 digits; RFC 9110 has no such rule
    if dt.year >= 100:
        assert email.utils.parsedate_to_datetime(text.decode()) == dt
    return (dt - EPOCH) // US


# --- RFC 3339: fixed vectors ----------------------------------------------

VECTORS = [
    ("1970-01-01T00:00:00Z", 0),
    ("1970-01-01T00:00:00.000001Z", 1),
    ("1969-12-31T23:59:59.999999Z", -1),
    ("2000-02-29T00:00:00Z", 951782400 * 10**6),
    ("2024-02-29T23:59:59Z", 1709251199 * 10**6),
    ("1900-03-01T00:00:00Z", -2203891200 * 10**6),
    ("0001-01-01T00:00:00Z", TS_MIN),
    ("9999-12-31T23:59:59.999999Z", TS_MAX),
    ("9999-12-31T23:59:59.999999999Z", TS_MAX),
    ("1994-11-06T08:49:37Z", 784111777 * 10**6),
    ("1994-11-06t08:49:37z", 784111777 * 10**6),
    ("1994-11-06T22:49:37+14:00", 784111777 * 10**6),
    ("1994-11-05T20:49:37-12:00", 784111777 * 10**6),
    ("1994-11-06T08:49:37-00:00", 784111777 * 10**6),
    ("1994-11-06T09:19:37+00:30", 784111777 * 10**6),
    ("1994-11-06T08:49:37+23:59", (784111777 - 86340) * 10**6),
    ("0001-01-01T00:00:00-01:00", TS_MIN + 3600 * 10**6),
    ("9999-12-31T23:59:59+01:00", TS_MAX - 3600 * 10**6 + 1 - 10**6),
]


@pytest.mark.parametrize("text, expected", VECTORS)
def test_rfc3339_vectors(text, expected):
    assert py_parse_rfc3339(text.encode()) == expected  # the oracle agrees
    assert parse("ts_parse_rfc3339", text) == expected
    assert valid("ts_valid_rfc3339", text) == 1


@pytest.mark.parametrize("digits", range(1, 10))
def test_rfc3339_fractions_of_1_to_9_digits_truncate_to_microseconds(digits):
    text = "2024-02-29T12:00:00." + "987654321"[:digits] + "Z"
    base = (datetime(2024, 2, 29, 12, tzinfo=timezone.utc) - EPOCH) // US
    assert parse("ts_parse_rfc3339", text) == base + int("987654321"[:min(digits, 6)].ljust(6, "0"))
    assert parse("ts_parse_rfc3339", text) == py_parse_rfc3339(text.encode())


MALFORMED_RFC3339 = [
    "", "Z", "1970-01-01", "1970-01-01T00:00:00", "1970-01-01T00:00Z", "1970-13-01T00:00:00Z",
    "1970-00-01T00:00:00Z", "1970-01-00T00:00:00Z", "1970-01-32T00:00:00Z", "2023-02-29T00:00:00Z",
    "1900-02-29T00:00:00Z", "2024-02-30T00:00:00Z", "2024-04-31T00:00:00Z", "1970-01-01T24:00:00Z",
    "1970-01-01T23:60:00Z", "1970-01-01T23:59:60Z", "1998-12-31T23:59:60Z", "0000-12-31T00:00:00Z",
    "1970-01-01T00:00:00Zjunk", "1970-01-01T00:00:00Z ", " 1970-01-01T00:00:00Z", "1970-01-01T00:00:00ZZ",
    "1970-01-01 00:00:00Z", "1970-01-01_00:00:00Z", "1970-01-01T00:00:00.Z", "1970-01-01T00:00:00.1234567890Z",
    "1970-01-01T00:00:00,5Z", "1970-01-01T00:00:00+01", "1970-01-01T00:00:00+0100", "1970-01-01T00:00:00+01:00:00",
    "1970-01-01T00:00:00+24:00", "1970-01-01T00:00:00+01:60", "1970-01-01T00:00:00 +01:00", "1970-01-01T00:00:00+1:00",
    "70-01-01T00:00:00Z", "19700-01-01T00:00:00Z", "1970-1-01T00:00:00Z", "1970-01-01T0:00:00Z", "+1970-01-01T00:00:00Z",
    "1970-01-01T00:00:00UTC", "1970-01-01T00:00:00GMT", "1970/01/01T00:00:00Z", "1970-01-01T00-00-00Z",
    "1970-0a-01T00:00:00Z", "1970-01-01T00:00:0\x00Z", "0001-01-01T00:00:00+00:01", "9999-12-31T23:59:59-00:01",
    "1970-01-01T00:00:00.-1Z", "１970-01-01T00:00:00Z", "1970-01-01T00:00:00\u00b9Z",
]


@pytest.mark.parametrize("text", MALFORMED_RFC3339)
def test_rfc3339_malformed_gives_the_sentinel(text):
    assert py_parse_rfc3339(text.encode()) is None
    assert parse("ts_parse_rfc3339", text) == INVALID
    assert valid("ts_valid_rfc3339", text) == 0


# --- RFC 3339: generated ---------------------------------------------------

TIMES = st.integers(TS_MIN, TS_MAX)
# times with round fractions too, so that every trimmed length shows up
ROUNDED = st.builds(lambda t, unit: t // unit * unit, TIMES, st.sampled_from([1, 10, 100, 1000, 10**4, 10**5, 10**6]))


@EXAMPLES
@given(st.one_of(TIMES, ROUNDED))
def test_rfc3339_format_then_parse(t):
    text = fmt("ts_format_rfc3339", t)
    assert text == py_format_rfc3339(t)
    assert parse("ts_parse_rfc3339", text) == t
    assert datetime.fromisoformat(text.decode().replace("Z", "+00:00")) == utc(t)


OFFSETS = st.builds(lambda minutes: timezone(timedelta(minutes=minutes)), st.integers(-(24 * 60 - 1), 24 * 60 - 1))


# local times anywhere, and within two days of either end of the range, where
# the offset decides whether the UTC time is in it
LOCAL_TIMES = st.one_of(
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59, 999999)),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(1, 1, 2, 23, 59, 59, 999999)),
    st.datetimes(min_value=datetime(9999, 12, 30), max_value=datetime(9999, 12, 31, 23, 59, 59, 999999)))


@EXAMPLES
@given(LOCAL_TIMES, OFFSETS, st.integers(0, 9), st.integers(0, 999), st.booleans())
def test_rfc3339_parse_of_python_formatted(local, tz, digits, extra, lower):
    # Python writes the text (isoformat: always +HH:MM, no Z); the fraction
    # is cut or extended to `digits` digits; the value is Python's
    dt = local.replace(tzinfo=tz)
    base = dt.replace(microsecond=0).isoformat()
    frac = f"{dt.microsecond:06d}{extra:03d}"[:digits]
    text = base[:19] + (f".{frac}" if digits else "") + base[19:]
    if lower:
        text = text.replace("T", "t")
    expected_dt = dt.replace(microsecond=int(frac[:6].ljust(6, "0")) if digits else 0)
    us = (expected_dt - EPOCH) // US
    expected = us if TS_MIN <= us <= TS_MAX else INVALID
    assert datetime.fromisoformat(text.replace("t", "T")) == expected_dt
    assert parse("ts_parse_rfc3339", text) == expected, text
    assert valid("ts_valid_rfc3339", text) == (expected != INVALID)


@settings(max_examples=800, deadline=None)
@given(TIMES, st.data())
def test_rfc3339_one_mutation_of_a_valid_text(t, draw):
    text = mutate_once(draw, py_format_rfc3339(t), b"0123456789-:.+TtZz \x00\xff")
    expected = py_parse_rfc3339(text)
    assert parse("ts_parse_rfc3339", text) == (INVALID if expected is None else expected), text
    assert valid("ts_valid_rfc3339", text) == (expected is not None)


RFC_TEXT = st.lists(st.sampled_from([b"1", b"2", b"0", b"9", b"19", b"-", b":", b"T", b"Z", b".", b"+", b"z"]),
                    max_size=16).map(b"".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(RFC_TEXT, st.binary(max_size=40)))
def test_rfc3339_arbitrary_text(text):
    expected = py_parse_rfc3339(text)
    assert parse("ts_parse_rfc3339", text) == (INVALID if expected is None else expected)


# --- HTTP dates ----------------------------------------------------------------


def test_http_date_vectors():
    t = 784111777 * 10**6
    assert fmt("ts_format_http_date", t) == b"Sun, 06 Nov 1994 08:49:37 GMT"
    assert fmt("ts_format_http_date", t + 999999) == b"Sun, 06 Nov 1994 08:49:37 GMT"
    assert fmt("ts_format_http_date", 0) == b"Thu, 01 Jan 1970 00:00:00 GMT"
    assert fmt("ts_format_http_date", -1) == b"Wed, 31 Dec 1969 23:59:59 GMT"
    assert fmt("ts_format_http_date", TS_MIN) == b"Mon, 01 Jan 0001 00:00:00 GMT"
    assert fmt("ts_format_http_date", TS_MAX) == b"Fri, 31 Dec 9999 23:59:59 GMT"
    assert fmt("ts_format_http_date", parse("ts_parse_rfc3339", "2024-02-29T00:00:00Z")) == \
        b"Thu, 29 Feb 2024 00:00:00 GMT"
    assert parse("ts_parse_http_date", "Sun, 06 Nov 1994 08:49:37 GMT") == t
    assert parse("ts_parse_http_date", "Mon, 01 Jan 0001 00:00:00 GMT") == TS_MIN
    assert parse("ts_parse_http_date", "Fri, 31 Dec 9999 23:59:59 GMT") == TS_MAX - 999999
    # the day name is checked for spelling only, as Go's http.ParseTime
    assert parse("ts_parse_http_date", "Mon, 06 Nov 1994 08:49:37 GMT") == t


MALFORMED_HTTP = [
    "", "Sun, 06 Nov 1994 08:49:37", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 06 Nov 1994 08:49:37 gmt",
    "sun, 06 Nov 1994 08:49:37 GMT", "Sun, 06 nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT",
    "Sun Nov  6 08:49:37 1994", "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 94 08:49:37 GMT",
    "Sun,  06 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 GMT ", " Sun, 06 Nov 1994 08:49:37 GMT",
    "Sun, 31 Nov 1994 08:49:37 GMT", "Sun, 29 Feb 1900 08:49:37 GMT", "Sun, 06 Nov 1994 24:49:37 GMT",
    "Sun, 06 Nov 1994 08:60:37 GMT", "Sun, 31 Dec 1998 23:59:60 GMT", "Sun, 06 Nov 0000 08:49:37 GMT",
    "Xyz, 06 Nov 1994 08:49:37 GMT", "Sun, 06 Nox 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 +0000",
    "Sun; 06 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08-49-37 GMT", "Sun, 0x Nov 1994 08:49:37 GMT",
    "Sun, 00 Nov 1994 08:49:37 GMT",
]


@pytest.mark.parametrize("text", MALFORMED_HTTP)
def test_http_date_malformed_gives_the_sentinel(text):
    assert py_parse_http_date(text.encode()) is None
    assert parse("ts_parse_http_date", text) == INVALID
    assert valid("ts_valid_http_date", text) == 0


@EXAMPLES
@given(st.one_of(TIMES, ROUNDED))
def test_http_date_format_then_parse(t):
    text = fmt("ts_format_http_date", t)
    assert text == py_http_date(t)
    second = t // 10**6 * 10**6
    assert parse("ts_parse_http_date", text) == py_parse_http_date(text) == second
    assert valid("ts_valid_http_date", text) == 1


@settings(max_examples=800, deadline=None)
@given(TIMES, st.data())
def test_http_date_one_mutation_of_a_valid_text(t, draw):
    text = mutate_once(draw, py_http_date(t), b"0123456789 :,GMTSunJaDec\x00\xff")
    expected = py_parse_http_date(text)
    assert parse("ts_parse_http_date", text) == (INVALID if expected is None else expected), text
    assert valid("ts_valid_http_date", text) == (expected is not None)


# --- out of range, Unix seconds ------------------------------------------------


@pytest.mark.parametrize("t", [TS_MIN - 1, TS_MAX + 1, INVALID, (1 << 63) - 1])
@pytest.mark.parametrize("func", ["ts_format_rfc3339", "ts_format_http_date"])
def test_formatting_out_of_range_is_an_overflow_error(func, t):
    m = module()
    assert m.call(func, t) == 0
    assert m.rt_error == E.OVERFLOW


def test_formatting_with_scratch_full_is_out_of_memory():
    from stdlib_harness import SCRATCH_END

    for func in ("ts_format_rfc3339", "ts_format_http_date"):
        m = module()
        m.set_global("scratch_top", SCRATCH_END - 8)
        assert m.call(func, 0) == 0
        assert m.rt_error == E.OUT_OF_MEMORY


SECONDS_MIN, SECONDS_MAX = TS_MIN // 10**6, TS_MAX // 10**6


@pytest.mark.parametrize("n, expected", [
    (0, 0), (1, 10**6), (-1, -(10**6)), (SECONDS_MIN, TS_MIN), (SECONDS_MAX, TS_MAX - 999999),
    (SECONDS_MIN - 1, INVALID), (SECONDS_MAX + 1, INVALID), (INVALID, INVALID), ((1 << 63) - 1, INVALID),
    (9223372036855, INVALID), (-9223372036855, INVALID),
])
def test_from_unix_seconds_vectors(n, expected):
    assert call("ts_from_unix_seconds", n) == expected


@pytest.mark.parametrize("t, expected", [
    (0, 0), (1, 0), (999999, 0), (10**6, 1), (-1, -1), (-(10**6), -1), (-(10**6) - 1, -2),
    (TS_MIN, SECONDS_MIN), (TS_MAX, SECONDS_MAX), (INVALID, -9223372036855), ((1 << 63) - 1, 9223372036854),
])
def test_unix_seconds_vectors(t, expected):
    assert call("ts_unix_seconds", t) == expected


@EXAMPLES
@given(st.one_of(st.integers(-(1 << 63), (1 << 63) - 1), st.integers(SECONDS_MIN - 5, SECONDS_MAX + 5)))
def test_from_unix_seconds_against_datetime(n):
    if SECONDS_MIN <= n <= SECONDS_MAX:
        assert call("ts_from_unix_seconds", n) == (datetime.fromtimestamp(n, timezone.utc) - EPOCH) // US
        assert call("ts_unix_seconds", call("ts_from_unix_seconds", n)) == n
    else:
        assert call("ts_from_unix_seconds", n) == INVALID


@EXAMPLES
@given(st.one_of(TIMES, st.integers(-(1 << 63), (1 << 63) - 1)))
def test_unix_seconds_is_floor_division(t):
    assert call("ts_unix_seconds", t) == t // 10**6
    if TS_MIN <= t <= TS_MAX:
        assert call("ts_unix_seconds", t) == int(utc(t).replace(microsecond=0).timestamp())


# --- cost ----------------------------------------------------------------------

# wasm instructions per call (wasmtime fuel), as measured when written, for
# the inputs of COST_INPUTS; the bound leaves 10% so a slower change shows
COST = {"ts_parse_rfc3339": 812, "ts_format_rfc3339": 551, "ts_format_http_date": 481,
        "ts_parse_http_date": 505, "ts_from_unix_seconds": 12, "ts_unix_seconds": 16}
COST_INPUTS = {"ts_parse_rfc3339": b"2024-02-29T12:34:56.789012+01:00", "ts_parse_http_date":
               b"Sun, 06 Nov 1994 08:49:37 GMT", "ts_format_rfc3339": 1709206496789012,
               "ts_format_http_date": 1709206496789012, "ts_from_unix_seconds": 1709206496,
               "ts_unix_seconds": 1709206496789012}


def fuel_per_call() -> dict[str, int]:
    """Instructions of one call of each COST function, counted by wasmtime's fuel."""
    metered = Metered(tuple(COST), data_room=4096)
    costs = {}
    for name, arg in COST_INPUTS.items():
        if isinstance(arg, bytes):
            costs[name] = metered.run(name, (metered.base << 32) | len(arg), data=[(0, arg)])
        else:
            costs[name] = metered.run(name, arg)
    return costs


def test_cost_per_call():
    costs = fuel_per_call()
    print(costs)
    for name, cost in costs.items():
        assert cost <= COST[name] * 1.1, (name, cost)


if __name__ == "__main__":
    print(fuel_per_call())
