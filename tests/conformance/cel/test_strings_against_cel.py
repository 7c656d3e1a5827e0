"""The string functions (cel-go's strings extension and CEL's own string
functions) in pwc against cel-cpp (cel_harness.CelCpp), on thousands of
generated inputs.

One filter computes every function of the strings `s`, `t`, `u`, the ints
`i`, `j`, `n` and the list `L`, which come base64-encoded in request headers
(so blanks at the ends and control characters survive), and writes every
result into a header; the local runtime runs it once per generated case.
Wherever cel-cpp gives a value, pwc must give the same one.  Where cel-cpp
raises an error (an index out of range), or where docs/language.md says pwc
differs on purpose (`trim` strips ASCII white space only; `"".split("")` is
`[]`, as in cel-go), pwc must give what docs/language.md promises instead;
those cases are counted, and the counts must show every kind of input was
generated.
"""

from __future__ import annotations

import base64
import random
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any, Callable

from cel_harness import INT, STRING, STRING_LIST, CelCpp, headers_filter

from pwc.runtime.host import Host

CASES = 4000
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


@dataclass(frozen=True)
class Case:
    s: str
    t: str
    u: str
    i: int
    j: int
    n: int
    L: tuple[str, ...]

    def values(self) -> dict[str, Any]:
        return {"s": self.s, "t": self.t, "u": self.u, "i": self.i, "j": self.j, "n": self.n, "L": list(self.L)}


# header -> (the expression, in pwc and in CEL alike; what its result is)
EXPRESSIONS = {
    "r-size": ("size(s)", "int"),
    "r-size-method": ("s.size()", "int"),
    "r-starts-with": ("s.startsWith(t)", "bool"),
    "r-ends-with": ("s.endsWith(t)", "bool"),
    "r-contains": ("s.contains(t)", "bool"),
    "r-index-of": ("s.indexOf(t)", "int"),
    "r-last-index-of": ("s.lastIndexOf(t)", "int"),
    "r-substring": ("s.substring(i)", "string"),
    "r-substring-2": ("s.substring(i, j)", "string"),
    "r-char-at": ("s.charAt(i)", "string"),
    "r-replace": ("s.replace(t, u)", "string"),
    "r-split": ("s.split(t)", "list"),
    "r-split-n": ("s.split(t, n)", "list"),
    "r-join": ("L.join(t)", "string"),
    "r-join-0": ("L.join()", "string"),
    "r-lower-ascii": ("s.lowerAscii()", "string"),
    "r-upper-ascii": ("s.upperAscii()", "string"),
    "r-trim": ("s.trim()", "string"),
}

LETS = [
    'let s = base64.decode(request.headers["x-s"])',
    'let t = base64.decode(request.headers["x-t"])',
    'let u = base64.decode(request.headers["x-u"])',
    'let i = int(request.headers["x-i"])',
    'let j = int(request.headers["x-j"])',
    'let n = int(request.headers["x-n"])',
    # items in base64, "-" for the empty string, so no item is "" and [] is ""
    'let L = request.headers["x-l"].split(",").filter(p, p != "").map(p, p == "-" ? "" : base64.decode(p))',
]


def _header_value(expression: str, kind: str) -> str:
    """The pwc expression that writes a result of `kind` into a header."""
    if kind == "string":
        return f"base64.encode({expression})"
    if kind == "list":  # the count, then the items in base64
        return f'string(size({expression})) + ":" + {expression}.map(p, base64.encode(p)).join(",")'
    return f"string({expression})"


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _unb64(text: str) -> str:
    return base64.b64decode(text, validate=True).decode()


def _read(value: str, kind: str) -> Any:
    if kind == "int":
        return int(value)
    if kind == "bool":
        assert value in ("true", "false"), value
        return value == "true"
    if kind == "string":
        return _unb64(value)
    count, _, items = value.partition(":")
    pieces = [_unb64(item) for item in items.split(",")] if int(count) else []
    assert len(pieces) == int(count), value
    return pieces


@cache
def host() -> Host:
    return headers_filter("strings_cel", LETS, {h: _header_value(e, kind) for h, (e, kind) in EXPRESSIONS.items()})


@cache
def oracle() -> CelCpp:
    return CelCpp({"s": STRING, "t": STRING, "u": STRING, "i": INT, "j": INT, "n": INT, "L": STRING_LIST})


def pwc_results(case: Case) -> dict[str, Any]:
    items = ",".join(_b64(item) or "-" for item in case.L)
    headers = [("x-s", _b64(case.s)), ("x-t", _b64(case.t)), ("x-u", _b64(case.u)),
               ("x-i", str(case.i)), ("x-j", str(case.j)), ("x-n", str(case.n)), ("x-l", items)]
    seen = host().request(headers=headers).upstream_request
    assert seen is not None, case
    return {header: _read(seen.header(header), kind) for header, (_, kind) in EXPRESSIONS.items()}


# --- what docs/language.md promises where CEL raises or pwc differs ------------

ASCII_SPACE = " \t\n\v\f\r"


def _clamp(index: int, s: str) -> int:
    return min(max(index, 0), len(s))  # a Python str indexes code points


# What docs/language.md says pwc gives.  "Indices are clamped, never an
# error": the code points between the clamped indices ("" when end <= start),
# "" outside the string for charAt.  trim: ASCII white space.  An empty
# separator splits into code points, and "" has none.
DOCUMENTED: dict[str, Callable[[Case], Any]] = {
    "r-substring": lambda c: c.s[_clamp(c.i, c.s):],
    "r-substring-2": lambda c: c.s[_clamp(c.i, c.s):_clamp(c.j, c.s)],
    "r-char-at": lambda c: c.s[c.i] if 0 <= c.i < len(c.s) else "",
    "r-trim": lambda c: c.s.strip(ASCII_SPACE),
    "r-split": lambda c: [],
    "r-split-n": lambda c: [],
}


def _trim_differs(case: Case) -> bool:
    """Whether Unicode white space past ASCII (Python's isspace is Unicode's
    White_Space there) is left at an end once ASCII white space is trimmed."""
    trimmed = case.s.strip(ASCII_SPACE)
    return any(not char.isascii() and char.isspace() for char in trimmed[:1] + trimmed[-1:])


# Where pwc differs from cel-cpp on purpose: CEL's trim also strips Unicode's
# White_Space (U+00A0, U+3000, ...), pwc's ASCII white space only; and
# `"".split("")` has no code points to split into, so it is [] in pwc as in
# cel-go (Go's strings.Split), where cel-cpp answers [""].
DIFFERS: dict[str, Callable[[Case], bool]] = {
    "r-trim": _trim_differs,
    "r-split": lambda c: c.s == c.t == "",
    "r-split-n": lambda c: c.s == c.t == "" and c.n != 0,
}


def expected(header: str, case: Case, counts: Counter) -> Any:
    """CEL's value, or pwc's documented one where CEL has none or pwc differs."""
    expression = EXPRESSIONS[header][0]
    ok, value = oracle().evaluate(expression, case.values())
    if header in DIFFERS and DIFFERS[header](case):
        counts[header, "differs"] += 1
        return DOCUMENTED[header](case)
    if not ok:
        assert header in DOCUMENTED, f"CEL raised for {expression} with {case}: {value}"
        counts[header, "cel error"] += 1
        return DOCUMENTED[header](case)
    counts[header, "cel value"] += 1
    return value


# --- generated inputs ---------------------------------------------------------

# ASCII (letters at the case boundaries, white space, control characters),
# two-, three- and four-byte UTF-8, Unicode white space; each string draws
# from a few of them, so repeats and overlapping separators are common.  No
# NUL: cel-expr-python 0.1.3 cuts a string it is given at its first NUL.
CHARS = list("abAZ@[`{,-/ \t\n\v\f\r\x1f\x7f") + ["é", "ö", "\u00a0", "\u0085", "€", "中", "\u3000", "\u2028", "😀", "𝄞"]
ABSENT = ["#", "ж", "🙂", "ab#"]


def _text(rng: random.Random, alphabet: list[str], longest: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest)))


def _needle(rng: random.Random, s: str, alphabet: list[str]) -> str:
    kind = rng.randrange(10)
    if kind < 2:
        return ""
    if kind < 5 and s:  # a piece of s: found, maybe overlapping itself
        start = rng.randrange(len(s))
        return s[start:rng.randint(start + 1, min(len(s), start + 4))]
    if kind < 7:  # one character repeated
        return rng.choice(alphabet) * rng.randint(1, 3)
    if kind < 9:
        return _text(rng, alphabet, 3) or rng.choice(alphabet)
    return rng.choice(ABSENT)


def _index(rng: random.Random, size: int) -> int:
    edges = [0, -1, size - 1, size, size + 1, -(2**31), 2**32, INT64_MIN, INT64_MAX]
    return rng.choice(edges) if rng.random() < 0.3 else rng.randint(0, size)


def _end(rng: random.Random, start: int, size: int) -> int:
    """An end for `start`: mostly at or past it in the string, else anywhere."""
    return rng.randint(start, size) if rng.random() < 0.6 and 0 <= start <= size else _index(rng, size)


def _count(rng: random.Random, size: int) -> int:
    return rng.choice([-1, 0, 1, 2, 3, size, size + 1, -7, INT64_MIN, INT64_MAX, rng.randint(-2, 8)])


def generate(seed: int, count: int) -> list[Case]:
    rng = random.Random(seed)
    cases = []
    for _ in range(count):
        alphabet = rng.sample(CHARS, rng.randint(1, 4))
        s = _text(rng, alphabet, 40 if rng.random() < 0.1 else 10)
        t = _needle(rng, s, alphabet)
        u = rng.choice(["", "<>", "é", "😀", "$1", t, s[:3]])
        items = tuple(rng.choice([_text(rng, alphabet, 4), t, s]) for _ in range(rng.randint(0, 5)))
        size = len(s)
        i = _index(rng, size)
        cases.append(Case(s, t, u, i, _end(rng, i, size), _count(rng, size), items))
    return cases


# --- the tests ----------------------------------------------------------------

def test_string_functions_agree_with_cel():
    counts: Counter = Counter()
    for case in generate(14, CASES):
        got = pwc_results(case)
        for header, (expression, _) in EXPRESSIONS.items():
            want = expected(header, case, counts)
            assert got[header] == want, (expression, case, got[header], want)
    # every function mostly had CEL's value; indices out of range and the
    # differences were common enough to matter
    assert all(counts[header, "cel value"] >= CASES * 2 // 5 for header in EXPRESSIONS), counts
    assert all(counts[header, "cel error"] >= CASES // 10 for header in ("r-substring", "r-substring-2", "r-char-at"))
    assert all(counts[header, "differs"] >= 20 for header in DIFFERS), counts


def test_the_oracle_is_cel_cpp_with_the_strings_extension():
    values = Case("h😀llo", "l", "L", 1, 9, 2, ("a", "")).values()
    assert oracle().evaluate("size(s)", values) == (True, 5)  # code points, as pwc counts
    assert oracle().evaluate("s.replace(t, u)", values) == (True, "h😀LLo")
    assert oracle().evaluate("s.split(t, n)", values) == (True, ["h😀", "lo"])
    assert oracle().evaluate("L.join(t)", values) == (True, "al")
    ok, error = oracle().evaluate("s.substring(i, j)", values)
    assert not ok and "INVALID_ARGUMENT" in error
