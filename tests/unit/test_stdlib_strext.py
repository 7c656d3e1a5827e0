"""stdlib/strext.wat (cel-go's strings extension: indexOf, lastIndexOf,
substring, charAt, replace, split, join) against Python implementations
written here from the definitions: code points split the bytes at every
byte outside 0x80..0xBF (code point 0 keeps any continuation bytes before
the first start), and Go's strings.Index, Replace and SplitN spelled out as
loops, cross-checked with Python's bytes methods where they agree.
tests/conformance/cel/test_strings_against_cel.py checks the same functions,
compiled from rules, against cel-cpp."""

from __future__ import annotations

import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stdlib_harness import HEAP_BASE, Metered, SCRATCH_END, StdlibModule, linked_module_text, shared_module, signed64

from pwc import stdlib
from pwc.compiler import layout

E = layout.RuntimeErrorCode
EXAMPLES = settings(max_examples=400, deadline=None)
INT64_MAX = (1 << 63) - 1
INT64_MIN = -(1 << 63)

module = shared_module


def read_list(m: StdlibModule, ptr: int) -> list[int]:
    """The packed items of list `ptr` (0 is the empty list)."""
    if ptr == 0:
        return []
    count, pad = struct.unpack("<ii", m.read(ptr, 8))
    assert count >= 1 and pad == 0
    return list(struct.unpack(f"<{count}q", m.read(ptr + 8, 8 * count)))


def within(packed: int, ptr: int, length: int) -> bool:
    """Packed string `packed` is "" or a slice of the `length` bytes at `ptr`."""
    packed &= (1 << 64) - 1
    p, n = packed >> 32, packed & 0xFFFFFFFF
    return packed == 0 or (ptr <= p and p + n <= ptr + length)


# --- calling, with the invariants every call must keep ------------------------

def index_of(s: bytes, t: bytes) -> int:
    m = module()
    result = signed64(m.str_index_of(m.s(s), m.s(t)))
    assert m.rt_error == 0 and m.global_value("scratch_top") == HEAP_BASE
    return result


def last_index_of(s: bytes, t: bytes) -> int:
    m = module()
    result = signed64(m.str_last_index_of(m.s(s), m.s(t)))
    assert m.rt_error == 0 and m.global_value("scratch_top") == HEAP_BASE
    return result


def substring(s: bytes, start: int, end: int = INT64_MAX) -> bytes:
    m = module()
    packed = m.s(s)
    result = m.str_substring(packed, start, end)
    assert m.rt_error == 0 and m.global_value("scratch_top") == HEAP_BASE  # a slice, never a copy
    assert within(result, packed >> 32, len(s))
    return m.text(result)


def char_at(s: bytes, i: int) -> bytes:
    m = module()
    packed = m.s(s)
    result = m.str_char_at(packed, i)
    assert m.rt_error == 0 and m.global_value("scratch_top") == HEAP_BASE
    assert within(result, packed >> 32, len(s))
    return m.text(result)


def replace(s: bytes, old: bytes, new: bytes) -> bytes:
    m = module()
    packed = m.s(s)
    result = m.str_replace(packed, m.s(old), m.s(new))
    assert m.rt_error == 0
    text = m.text(result)
    if text == s:
        # nothing replaced, or the replacement changed nothing: either way no
        # allocation when there was no match
        if old and old not in s:
            assert result == packed and m.global_value("scratch_top") == HEAP_BASE
    return text


def split(s: bytes, sep: bytes, n: int = -1) -> list[bytes]:
    m = module()
    packed = m.s(s)
    ptr = m.str_split(packed, m.s(sep), n)
    assert m.rt_error == 0
    items = read_list(m, ptr)
    assert all(within(item, packed >> 32, len(s)) for item in items)  # pieces are slices
    return [m.text(item) for item in items]


def join(items: list[bytes], sep: bytes) -> bytes:
    m = module()
    result = m.list_join(m.list(items) if items else 0, m.s(sep))
    assert m.rt_error == 0
    return m.text(result)


# --- oracles -----------------------------------------------------------------

def is_start(byte: int) -> bool:
    return not 0x80 <= byte <= 0xBF


def code_points(s: bytes) -> list[bytes]:
    """s split before every start byte; leading continuation bytes join code
    point 0; no start at all means no code points."""
    pieces: list[bytearray] = []
    lead = bytearray()
    for byte in s:
        if is_start(byte):
            pieces.append(bytearray([byte]))
        elif pieces:
            pieces[-1].append(byte)
        else:
            lead.append(byte)
    if pieces:
        pieces[0][:0] = lead
    return [bytes(piece) for piece in pieces]


def size(s: bytes) -> int:
    return len(code_points(s))


def go_index(s: bytes, t: bytes, start: int = 0) -> int:
    """strings.Index(s[start:], t) + start, by brute force; -1 when absent."""
    for i in range(start, len(s) - len(t) + 1):
        if s[i : i + len(t)] == t:
            return i
    return -1


def go_last_index(s: bytes, t: bytes) -> int:
    for i in range(len(s) - len(t), -1, -1):
        if s[i : i + len(t)] == t:
            return i
    return -1


def py_index_of(s: bytes, t: bytes) -> int:
    at = go_index(s, t)
    return -1 if at < 0 else size(s[:at])


def py_last_index_of(s: bytes, t: bytes) -> int:
    at = go_last_index(s, t)
    return -1 if at < 0 else size(s[:at])


def clamp(i: int, n: int) -> int:
    return min(max(i, 0), n)


def py_substring(s: bytes, start: int, end: int) -> bytes:
    cps = code_points(s)
    start, end = clamp(start, len(cps)), clamp(end, len(cps))
    return b"".join(cps[start:end]) if end > start else b""


def py_char_at(s: bytes, i: int) -> bytes:
    cps = code_points(s)
    return cps[i] if 0 <= i < len(cps) else b""


def go_replace(s: bytes, old: bytes, new: bytes) -> bytes:
    """strings.Replace(s, old, new, -1), code points counted as here."""
    if not old:
        cps = code_points(s)
        if not cps:
            return s + new  # no code point to put `new` before: only at the end
        return b"".join(new + cp for cp in cps) + new
    out, i = bytearray(), 0
    while (at := go_index(s, old, i)) >= 0:
        out += s[i:at] + new
        i = at + len(old)
    return bytes(out + s[i:])


def go_split_n(s: bytes, sep: bytes, n: int) -> list[bytes]:
    """strings.SplitN(s, sep, n), code points counted as here."""
    if n == 0:
        return []
    if not sep:
        cps = code_points(s)
        if n < 0 or n >= len(cps):
            return cps
        return cps[: n - 1] + [b"".join(cps[n - 1 :])]
    pieces, i = [], 0
    while n < 0 or len(pieces) < n - 1:
        at = go_index(s, sep, i)
        if at < 0:
            break
        pieces.append(s[i:at])
        i = at + len(sep)
    return pieces + [s[i:]]


def test_oracles_agree_with_python_where_python_has_the_same_meaning():
    for s in [b"", b"a,b,,c", b",a,", b",,", "héllo wörld €".encode(), b"\x80a\xbfb"]:
        assert size(s) == sum(map(is_start, s))
        for sep in [b",", b"a", b",,", b"\xbf", b"zz"]:
            assert go_split_n(s, sep, -1) == s.split(sep)
            for n in range(1, 5):
                assert go_split_n(s, sep, n) == s.split(sep, n - 1)
            assert go_replace(s, sep, b"<>") == s.replace(sep, b"<>")
            assert go_index(s, sep) == s.find(sep) and go_last_index(s, sep) == s.rfind(sep)
    text = "héllo wörld €"
    assert [cp.decode() for cp in code_points(text.encode())] == list(text)


# --- fixed cases ---------------------------------------------------------------

HELLO = "héllo wörld €".encode()  # 13 code points, 17 bytes


def test_index_of_fixed():
    assert index_of(HELLO, "wö".encode()) == 6
    assert index_of(HELLO, "€".encode()) == 12
    assert index_of(HELLO, "l".encode()) == 2
    assert index_of(HELLO, b"") == 0 and index_of(b"", b"") == 0
    assert index_of(b"", b"a") == -1 and index_of(b"abc", b"abcd") == -1
    assert index_of(b"abc", b"abc") == 0 and index_of(b"abc", b"c") == 2
    assert index_of(HELLO, "x".encode()) == -1
    assert index_of(b"aaab", b"aab") == 1  # a failed partial match does not skip
    assert index_of(b"\xff\xfea", b"a") == 2  # invalid bytes are code points


def test_last_index_of_fixed():
    assert last_index_of(HELLO, "l".encode()) == 9
    assert last_index_of(HELLO, "é".encode()) == 1
    assert last_index_of(HELLO, b"") == 13 and last_index_of(b"", b"") == 0
    assert last_index_of(b"", b"a") == -1 and last_index_of(b"ab", b"abc") == -1
    assert last_index_of(b"aaaa", b"aa") == 2  # overlapping occurrences: the last
    assert last_index_of(b"abcabc", b"abc") == 3 and last_index_of(b"abc", b"abc") == 0
    assert last_index_of(b"\xbf\xbf", b"") == 0  # only continuation bytes: size 0


def test_matches_inside_a_code_point_count_the_bytes_before_them():
    # searching is bytewise (as Go's): a needle beginning with a continuation
    # byte can match inside a code point; its index is size(s[:offset])
    assert index_of("é".encode(), b"\xa9") == 1 and last_index_of("éé".encode(), b"\xa9") == 2
    assert index_of(b"\xa9x", b"\xa9") == 0 and index_of(b"\xa9x", b"x") == 0


def test_substring_fixed():
    assert substring(HELLO, 6) == "wörld €".encode()
    assert substring(HELLO, 1, 4) == "éll".encode()
    assert substring(HELLO, 0) == HELLO and substring(HELLO, 0, 13) == HELLO
    assert substring(HELLO, 12, 13) == "€".encode() and substring(HELLO, 13) == b""
    assert substring(HELLO, -5, 2) == "hé".encode()  # a negative index is 0, not from the end
    assert substring(HELLO, 3, 3) == b"" and substring(HELLO, 4, 2) == b""
    assert substring(HELLO, 100) == b"" and substring(HELLO, 2, 100) == "llo wörld €".encode()
    assert substring(HELLO, INT64_MIN, INT64_MAX) == HELLO and substring(HELLO, INT64_MAX, INT64_MAX) == b""
    assert substring(b"", 0) == b"" and substring(b"", -1, 1) == b""
    assert substring(b"\xbf\xbf", 0) == b""  # no code points
    assert substring(b"\xbfa\x80b", 0, 1) == b"\xbfa\x80" and substring(b"\xbfa\x80b", 1) == b"b"


def test_char_at_fixed():
    assert [char_at(HELLO, i) for i in range(13)] == [c.encode() for c in "héllo wörld €"]
    for i in (-1, 13, 14, INT64_MAX, INT64_MIN):
        assert char_at(HELLO, i) == b""
    assert char_at(b"", 0) == b"" and char_at(b"\x80", 0) == b""
    assert char_at(b"\x80\x80x\xffy", 0) == b"\x80\x80x" and char_at(b"\x80\x80x\xffy", 1) == b"\xff"


def test_replace_fixed():
    assert replace(b"a,b,,c", b",", b"--") == b"a--b----c"
    assert replace(b",a,", b",", b"") == b"a"
    assert replace(b"aaaa", b"aa", b"b") == b"bb" and replace(b"aaa", b"aa", b"b") == b"ba"
    assert replace(HELLO, "ö".encode(), b"o") == "héllo world €".encode()
    assert replace(b"abc", b"x", b"y") == b"abc" and replace(b"", b"x", b"y") == b""
    assert replace(b"abc", b"abc", b"") == b"" and replace(b"abc", b"abc", b"xyz") == b"xyz"
    # empty old: `new` before every code point and at the end
    assert replace(b"", b"", b"|") == b"|" and replace(b"ab", b"", b"") == b"ab"
    assert replace("hé€".encode(), b"", b"|") == "|h|é|€|".encode()
    assert replace(b"\x80a\xffb", b"", b"|") == b"|\x80a|\xff|b|"
    assert replace(b"\x80\x80", b"", b"|") == b"\x80\x80|"


def test_replace_returns_s_itself_when_nothing_matches():
    m = module()
    s = m.s(b"hello")
    assert m.str_replace(s, m.s(b"xyz"), m.s(b"q")) == s and m.str_replace(s, m.s(b"hello!"), 0) == s
    assert m.str_replace(s, m.s(b""), 0) == s
    assert m.global_value("scratch_top") == HEAP_BASE and m.rt_error == 0


SPLIT_CASES = [b"", b"a", b",", b",,", b"a,b", b",a", b"a,", b",a,", b"a,,b", b",,a,,b,,", HELLO, b"\x80,\xff,",
               b"a, b, c", "é,ö,€".encode()]


@pytest.mark.parametrize("s", SPLIT_CASES)
@pytest.mark.parametrize("sep", [b",", b",,", b" ", b", ", b"a", "ö".encode(), b"\x80", b"", b"zz"])
def test_split_fixed(s, sep):
    for n in (-1, -7, 0, 1, 2, 3, 100, INT64_MAX, INT64_MIN, (1 << 32) + 1):
        assert split(s, sep, n) == go_split_n(s, sep, n), (s, sep, n)


def test_split_corners():
    assert split(b"", b",") == [b""] and split(b"", b"") == [] and split(b"", b",", 0) == []
    assert split(b"a,b,c", b",", 0) == [] and split(b"a,b,c", b",", 1) == [b"a,b,c"]
    assert split(b"a,b,c", b",", 2) == [b"a", b"b,c"] and split(b"a,b,c", b",") == [b"a", b"b", b"c"]
    assert split(b",a,", b",") == [b"", b"a", b""] and split(b",,", b",") == [b"", b"", b""]
    assert split("hé€".encode(), b"") == [b"h", "é".encode(), "€".encode()]
    assert split("hé€".encode(), b"", 2) == [b"h", "é€".encode()]
    assert split("hé€".encode(), b"", 1) == ["hé€".encode()]
    assert split(b"\x80\x80", b"") == [] and split(b"\x80x\x80y", b"", 1) == [b"\x80x\x80y"]


def test_join_fixed():
    assert join([], b",") == b"" and join([b"a"], b",") == b"a" and join([b""], b",") == b""
    assert join([b"a", b"b", b"c"], b", ") == b"a, b, c" and join([b"a", b"b"], b"") == b"ab"
    assert join([b"", b""], b",") == b"," and join([b"", b""], b"") == b""
    assert join(["é".encode(), "€".encode()], "ö".encode()) == "éö€".encode()
    m = module()
    item = m.s(b"only")
    assert m.list_join(m.put(struct.pack("<iiq", 1, 0, item)), m.s(b",")) == item  # no copy


def test_split_then_join_is_identity():
    for s in SPLIT_CASES:
        for sep in [b",", b", ", b"a"]:
            m = module()
            joined = m.list_join(m.str_split(m.s(s), m.s(sep), -1), m.s(sep))
            assert m.text(joined) == s and m.rt_error == 0


# --- generated -------------------------------------------------------------------

# small alphabet so that searches hit: ASCII, 2-, 3- and 4-byte characters,
# lone continuation bytes, a lone lead byte and a byte no UTF-8 uses
ATOMS = [b"a", b"b", b",", b" ", "é".encode(), "€".encode(), "😀".encode(), b"\x80", b"\xbf", b"\xc3", b"\xff"]
strings = st.lists(st.sampled_from(ATOMS), max_size=14).map(b"".join)
needles = st.lists(st.sampled_from(ATOMS), max_size=3).map(b"".join)
indexes = st.one_of(st.integers(-3, 20), st.sampled_from([INT64_MIN, INT64_MAX, 1 << 32]))


@st.composite
def haystack_and_needle(draw):
    """A string and a needle: often a byte slice of the string, so it occurs."""
    s = draw(strings)
    if s and draw(st.booleans()):
        a = draw(st.integers(0, len(s) - 1))
        b = draw(st.integers(a, min(len(s), a + 5)))
        return s, s[a:b]
    return s, draw(needles)


@EXAMPLES
@given(haystack_and_needle())
def test_index_of_generated(pair):
    s, t = pair
    assert index_of(s, t) == py_index_of(s, t)
    assert last_index_of(s, t) == py_last_index_of(s, t)


@EXAMPLES
@given(strings, indexes, indexes)
def test_substring_and_char_at_generated(s, start, end):
    assert substring(s, start, end) == py_substring(s, start, end)
    assert substring(s, start) == py_substring(s, start, INT64_MAX)
    assert char_at(s, start) == py_char_at(s, start)


@EXAMPLES
@given(haystack_and_needle(), needles)
def test_replace_generated(pair, new):
    s, old = pair
    assert replace(s, old, new) == go_replace(s, old, new)


@EXAMPLES
@given(haystack_and_needle(), st.one_of(st.integers(-2, 6), st.sampled_from([INT64_MIN, INT64_MAX])))
def test_split_generated(pair, n):
    s, sep = pair
    assert split(s, sep, n) == go_split_n(s, sep, n)


@EXAMPLES
@given(st.lists(strings, max_size=6), needles)
def test_join_generated(items, sep):
    assert join(items, sep) == sep.join(items)


@EXAMPLES
@given(st.binary(max_size=40), st.binary(max_size=3), st.integers(-2, 45))
def test_any_bytes(s, t, i):
    # arbitrary bytes, not just the alphabet; also: the code points are
    # exactly what str.wat's size() counts
    m = module()
    assert signed64(m.str_size(m.s(s))) == size(s)
    assert index_of(s, t) == py_index_of(s, t) and last_index_of(s, t) == py_last_index_of(s, t)
    assert char_at(s, i) == py_char_at(s, i) and substring(s, i) == py_substring(s, i, INT64_MAX)
    assert replace(s, t, b"<>") == go_replace(s, t, b"<>")
    assert split(s, t, -1) == go_split_n(s, t, -1)
    assert b"".join(char_at(s, k) for k in range(size(s))) == (s if size(s) else b"")


def test_long_inputs_cross_the_word_loops():
    # 8-byte steps, their tails and their hand-over to single bytes, at every alignment
    m = module()
    base = "xé€😀".encode() * 40 + b"\x80\xbf" + "ab,".encode() * 30
    for shift in range(9):
        s = b"y" * shift + base
        for t in [b",", b"ab", "😀x".encode(), b"\xbf", "€".encode()]:
            assert index_of(s, t) == py_index_of(s, t) and last_index_of(s, t) == py_last_index_of(s, t)
        for i in range(0, size(s) + 2, 7):
            assert char_at(s, i) == py_char_at(s, i)
            assert substring(s, i, i + 11) == py_substring(s, i, i + 11)
        assert split(s, b"", 50) == go_split_n(s, b"", 50)
        assert replace(s, b",", b";;") == go_replace(s, b",", b";;")
    assert m.rt_error == 0


# --- Two-Way: the linear-time search behind every search here -----------------------

def two_way(m: StdlibModule, s: bytes, t: bytes, backwards: bool = False) -> int:
    """$mem_find_two_way on s and t, forwards or (reading both from their
    last byte) backwards."""
    p, q = m.put(s or b"\0"), m.put(t)
    if backwards:
        return m.mem_find_two_way(p + len(s) - 1, len(s), q + len(t) - 1, len(t), -1)
    return m.mem_find_two_way(p, len(s), q, len(t), 1)


def all_strings(alphabet: bytes, max_len: int):
    level = [b""]
    for _ in range(max_len):
        level = [w + bytes([c]) for w in level for c in alphabet]
        yield from level


def test_two_way_every_needle_over_two_letters():
    # every needle of up to 7 letters over {a, b} (periodic ones included),
    # in haystacks built to hold near misses, both directions
    m = module()
    haystacks = [b"", b"a", b"ab" * 20, b"aab" * 12 + b"a", b"abaababaabaab" * 3, b"b" * 9 + b"a" * 9 + b"b" * 9,
                 b"abbabaab" * 4, b"aaaaaaabaaaaaaab"]
    for t in all_strings(b"ab", 7):
        for s in haystacks:
            assert two_way(m, s, t) == s.find(t), (s, t)
            at = s.rfind(t)
            assert two_way(m, s, t, backwards=True) == (-1 if at < 0 else len(s) - at - len(t)), (s, t)


@EXAMPLES
@given(st.binary(max_size=60).map(lambda b: bytes(b"abc"[x % 3] for x in b)), st.data())
def test_two_way_generated(s, data):
    m = module()
    if s and data.draw(st.booleans()):
        a = data.draw(st.integers(0, len(s) - 1))
        t = s[a : a + data.draw(st.integers(1, 12))]
    else:
        t = data.draw(st.binary(min_size=1, max_size=12).map(lambda b: bytes(b"abc"[x % 3] for x in b)))
    assert two_way(m, s, t) == s.find(t)
    at = s.rfind(t)
    assert two_way(m, s, t, backwards=True) == (-1 if at < 0 else len(s) - at - len(t))


ADVERSARIAL = [
    # (haystack, needle): a frequent first byte and long near misses, so the
    # first-byte scan gives up and Two-Way finishes the search
    (b"a" * 5000, b"a" * 40 + b"b"),
    (b"a" * 5000 + b"b", b"a" * 40 + b"b"),
    (b"b" + b"a" * 5000, b"b" + b"a" * 40),
    (b"ab" * 3000 + b"abc" + b"ab" * 100, b"ab" * 30 + b"c"),
    (b"ab" * 3000 + b"aab" + b"ab" * 100, b"ab" * 30 + b"aab" + b"ab" * 30),
    ("é".encode() * 3000 + "€".encode(), "é".encode() * 50 + "€".encode()),
    (b"xa" + b"a" * 4000 + b"ba" + b"a" * 4000, b"a" * 100 + b"ba"),
    (b"a" * 4000 + b"ba" * 5 + b"a" * 4000, b"a" * 100 + b"b"),
    # many matches, each after enough near misses to switch again
    ((b"a" * 300 + b"b") * 20, b"a" * 50 + b"b"),
    ((b"b" + b"a" * 300) * 20, b"b" + b"a" * 50),
]


@pytest.mark.parametrize("s, t", ADVERSARIAL)
def test_searches_that_switch_to_two_way(s, t):
    assert index_of(s, t) == py_index_of(s, t)
    assert last_index_of(s, t) == py_last_index_of(s, t)
    assert replace(s, t, b"<>") == s.replace(t, b"<>")
    assert split(s, t) == s.split(t) and split(s, t, 2) == s.split(t, 1)
    # the same needle seen from the other side
    r = s[::-1]
    assert last_index_of(r, t[::-1]) == py_last_index_of(r, t[::-1])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([b"a"] * 12 + [b"b", "é".encode()]), min_size=200, max_size=1500).map(b"".join),
       st.data())
def test_long_near_misses_generated(s, data):
    # mostly "a": long needles have many false first-byte hits, so searches
    # switch to Two-Way at random places (bytes methods as oracles here,
    # which agree with the loops above, for speed)
    a = data.draw(st.integers(0, len(s) - 1))
    t = s[a : a + data.draw(st.integers(8, 90))]
    if data.draw(st.booleans()):
        t = t[:-1] + data.draw(st.sampled_from([b"a", b"b", b"c"]))
    assert index_of(s, t) == (-1 if (at := s.find(t)) < 0 else size(s[:at]))
    assert last_index_of(s, t) == (-1 if (at := s.rfind(t)) < 0 else size(s[:at]))
    assert replace(s, t, b"<>") == s.replace(t, b"<>")
    n = data.draw(st.integers(-1, 5))
    assert split(s, t, n) == go_split_n(s, t, n)


def test_adversarial_searches_stay_linear():
    # the naive search would compare about len(t) / 8 words at every one of
    # the 65536 positions (over 1000 instructions per byte); Two-Way makes it
    # a few dozen, whatever the needle
    s, t = b"a" * 65536, b"a" * 1000 + b"b"
    costs = {"index_of": fuel("str_index_of", [s, t]), "last_index_of": fuel("str_last_index_of", [s, t[::-1]]),
             "split": fuel("str_split", [s, t], (-1,)), "replace": fuel("str_replace", [s, t, b"x"]),
             "index_of_periodic": fuel("str_index_of", [b"ab" * 32768, b"ab" * 500 + b"b"])}
    per_byte = {name: cost / len(s) for name, cost in costs.items()}
    print({name: round(cost, 1) for name, cost in per_byte.items()})
    for name, cost in per_byte.items():
        assert cost < 60, name


# --- running out of memory ----------------------------------------------------------

def test_scratch_exhaustion_sets_the_error_and_returns_empty():
    m = module()
    s, comma, dash = m.s(b"a,b,c"), m.s(b","), m.s(b"--")
    lst = m.list([b"a", b"b"])
    for name, args in [
        ("str_replace", (s, comma, dash)),
        ("str_replace", (s, 0, dash)),  # empty old
        ("str_split", (s, comma, -1)),
        ("str_split", (s, 0, -1)),  # empty sep
        ("str_split", (s, comma, 1)),  # even one piece is a new list
        ("list_join", (lst, comma)),
    ]:
        m.set_global("scratch_top", SCRATCH_END - 2)
        m.clear_error()
        assert m.call(name, *args) == 0, name
        assert m.rt_error == E.OUT_OF_MEMORY, name
    # what needs no memory still works with scratch full
    m.clear_error()
    assert signed64(m.str_index_of(s, comma)) == 1 and m.text(m.str_substring(s, 2, 3)) == b"b"
    assert m.str_replace(s, m.s(b"x"), dash) == s and m.rt_error == 0


def test_results_that_just_fit_the_scratch_left_succeed():
    # sizes that are multiples of 8, since $alloc aligns
    m = module()
    for name, args, size_needed, expected in [
        ("str_replace", (m.s(b"ab,cd"), m.s(b","), m.s(b"----")), 8, b"ab----cd"),
        ("str_replace", (m.s(b"ab"), 0, m.s(b"||")), 8, b"||a||b||"),
        ("str_split", (m.s(b"a,b,c"), m.s(b","), -1), 8 + 3 * 8, [b"a", b"b", b"c"]),
        ("list_join", (m.list([b"abc", b"defg"]), m.s(b",")), 8, b"abc,defg"),
    ]:
        for spare, fits in [(size_needed, True), (size_needed - 1, False)]:
            m.clear_error()
            m.set_global("scratch_top", SCRATCH_END - spare)
            result = m.call(name, *args)
            assert (m.rt_error == 0) == fits, (name, spare)
            if not fits:
                assert result == 0 and m.rt_error == E.OUT_OF_MEMORY
            elif name == "str_split":
                assert [m.text(item) for item in read_list(m, result)] == expected
            else:
                assert m.text(result) == expected


def test_results_of_4_gib_or_more_are_out_of_memory():
    # sizes are counted in 64 bits: a result past 4 GiB is refused before
    # any allocation instead of wrapping around to a small one
    m = module()
    big = m.s(b"x" * (1 << 19))
    a64k = m.s(b"a" * (1 << 16))
    for name, args in [
        ("str_replace", (a64k, m.s(b"a"), big)),  # 32 GiB
        ("str_replace", (a64k, 0, big)),  # 32 GiB + 512 KiB
        ("list_join", (m.put(struct.pack("<ii", 10000, 0) + struct.pack("<q", big) * 10000), m.s(b","))),
    ]:
        m.clear_error()
        assert m.call(name, *args) == 0, name
        assert m.rt_error == E.OUT_OF_MEMORY and m.global_value("scratch_top") == HEAP_BASE, name


# --- linking and cost -----------------------------------------------------------------

PUBLIC = ["str_index_of", "str_last_index_of", "str_substring", "str_char_at", "str_replace", "str_split",
          "list_join"]


@pytest.mark.parametrize("root", PUBLIC)
def test_each_function_assembles_with_only_what_it_links(root):
    from pwc.compiler.assemble import assemble

    linked = stdlib.link([root])
    assert linked.host_imports == ()
    assert assemble(linked_module_text([root]))[:4] == b"\0asm"


def fuel(func: str, strings_in: list[bytes], extra: tuple[int, ...] = ()) -> int:
    """wasmtime fuel (about one unit per instruction) of func(*strings, *extra)."""
    packed, writes, at = [], [], 0
    for data in strings_in:
        packed.append(((layout.DATA_START + at) << 32) | len(data) if data else 0)
        writes.append((at, data))
        at = (at + len(data) + 8) & ~7
    return Metered([func], data_room=at + 16).run(func, *packed, *extra, data=writes)


# a 64 KiB text: words of 3..9 letters, a comma every few words, some
# multi-byte characters; and the needle's first byte never or often present
TEXT = b"".join(
    (b"ab\xc3\xa9cdefghi"[: 3 + (i * 7919) % 7] + (b", " if i % 5 == 4 else b" ")) for i in range(12000)
)[: 1 << 16]
COST_CASES = {
    # name: (function, strings, extra args)
    "index_of_absent": ("str_index_of", [TEXT, b"xyz"], ()),
    "index_of_first_byte_common": ("str_index_of", [TEXT, b"cdx"], ()),
    "index_of_worst": ("str_index_of", [b"a" * (1 << 16), b"a" * 31 + b"b"], ()),
    "last_index_of_worst": ("str_last_index_of", [b"a" * (1 << 16), b"b" + b"a" * 31], ()),
    "replace_commas": ("str_replace", [TEXT, b", ", b";"], ()),
    "replace_absent": ("str_replace", [TEXT, b"xyz", b";"], ()),
    "split_commas": ("str_split", [TEXT, b", "], (-1,)),
    "split_code_points": ("str_split", [TEXT, b""], (-1,)),
    "cp_count": ("str_last_index_of", [TEXT, b""], ()),
    "substring_tail": ("str_substring", [TEXT], (60000, INT64_MAX)),
    "char_at_end": ("str_char_at", [TEXT], (60000,)),
}
# instructions per byte of the 64 KiB input, as measured when written; the
# bound leaves 10% for noise, so that a slower change shows up here
COST_PER_BYTE = {"index_of_absent": 4.0, "index_of_first_byte_common": 13.9, "index_of_worst": 39.1,
                 "last_index_of_worst": 23.0, "replace_commas": 16.2, "replace_absent": 4.0, "split_commas": 15.4,
                 "split_code_points": 47.9, "cp_count": 3.5, "substring_tail": 4.8, "char_at_end": 4.8}


def test_cost_per_byte_on_64_kib():
    costs = {name: fuel(func, data, extra) / (1 << 16) for name, (func, data, extra) in COST_CASES.items()}
    print({name: round(cost, 2) for name, cost in costs.items()})
    for name, cost in costs.items():
        assert cost <= COST_PER_BYTE[name] * 1.1, (name, cost)
