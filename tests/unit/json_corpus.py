"""The JSON documents the fuzz tests of stdlib/json.wat
(tests/property/test_json_fuzz.py) and stdlib/dyn.wat
(tests/property/test_dyn_fuzz.py) read: valid documents written in every
legal spelling (whitespace, escapes, number forms), and near misses made by
mutating them.  Hypothesis strategies, and the mutations as plain
functions of a `random.Random`."""

from __future__ import annotations

import json

from hypothesis import strategies as st

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=6), inner, max_size=5),
    max_leaves=25,
)

WS = [" ", "\t", "\n", "\r", "", "", "", "  "]


class Writer:
    """json.dumps with random (valid) formatting: whitespace anywhere it may
    go, every character escaped in one of its legal spellings or raw, number
    spellings with exponents and upper-case E."""

    def __init__(self, rnd, int_exponents: bool = True) -> None:
        self.rnd = rnd
        self.int_exponents = int_exponents  # 1e0 is a JSON number, not a configuration int

    def ws(self) -> str:
        return self.rnd.choice(WS) if self.rnd.random() < 0.5 else ""

    def string(self, s: str) -> str:
        out = ['"']
        for ch in s:
            code = ord(ch)
            pick = self.rnd.random()
            if ch in '"\\' or code < 0x20 or pick < 0.25:
                short = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t",
                         "/": "\\/"}.get(ch)
                if short and self.rnd.random() < 0.6:
                    out.append(short)
                elif code >= 0x10000:
                    v = code - 0x10000
                    hi, lo = 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF)
                    fmt = self.rnd.choice(["\\u{:04x}", "\\u{:04X}"])
                    out.append(fmt.format(hi) + fmt.format(lo))
                else:
                    out.append(self.rnd.choice(["\\u{:04x}", "\\u{:04X}"]).format(code))
            else:
                out.append(ch)
        out.append('"')
        return "".join(out)

    def number(self, value) -> str:
        if isinstance(value, int) and self.int_exponents and self.rnd.random() < 0.2 and value != 0:
            return f"{value}{self.rnd.choice(['e', 'E'])}{self.rnd.choice(['', '+'])}0"
        text = repr(value)
        if "inf" in text or "nan" in text:
            raise ValueError(text)
        return text.replace("e", self.rnd.choice(["e", "E"])) if "e" in text else text

    def value(self, v) -> str:
        if v is None:
            return "null"
        if v is True:
            return "true"
        if v is False:
            return "false"
        if isinstance(v, (int, float)):
            return self.number(v)
        if isinstance(v, str):
            return self.string(v)
        if isinstance(v, list):
            if not v:
                return "[" + self.ws() + "]"
            return "[" + ",".join(self.ws() + self.value(x) + self.ws() for x in v) + "]"
        if not v:
            return "{" + self.ws() + "}"
        return "{" + ",".join(
            self.ws() + self.string(k) + self.ws() + ":" + self.ws() + self.value(x) + self.ws() for k, x in v.items()
        ) + "}"

    def document(self, v) -> bytes:
        return (self.ws() + self.value(v) + self.ws()).encode("utf-8")


@st.composite
def valid_documents(draw) -> bytes:
    value = draw(json_values)
    if draw(st.booleans()):
        return json.dumps(value, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 0, 2, "\t"]))
                          ).encode("utf-8")
    return Writer(draw(st.randoms(use_true_random=False))).document(value)


# bytes that matter to a JSON reader
INTERESTING = list(b'{}[]",:\\/0123456789-+.eEtrufalsnbu \t\n\r') + [0x00, 0x01, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC3,
                                                                         0xE0, 0xED, 0xF0, 0xF4, 0xF5, 0xFF, 0x0B]
PIECES = [b"\\u", b"\\ud83d", b"\\ude00", b"\\uDBFF", b"\\udc00", b"\\u00e9", b"\xed\xa0\x80", b"\xf0\x9f\x98\x80",
          b"\xef\xbb\xbf", b"NaN", b"Infinity", b"-Infinity", b"1e", b"0.", b"-0", b"00", b"[" * 33, b"]" * 33,
          b"true", b"null", b'"', b"\\"]


def mutate(data: bytes, rnd) -> bytes:
    """1 to 3 random edits of `data`: bytes deleted, inserted, replaced,
    pieces of JSON inserted, a truncation, a slice repeated."""
    data = bytearray(data)
    for _ in range(rnd.randint(1, 3)):
        kind = rnd.choice(["delete", "insert", "replace", "piece", "truncate", "duplicate"])
        at = rnd.randint(0, len(data))
        if kind == "delete" and data:
            del data[min(at, len(data) - 1)]
        elif kind == "insert":
            data[at:at] = bytes([rnd.choice(INTERESTING)])
        elif kind == "replace" and data:
            data[min(at, len(data) - 1)] = rnd.choice(INTERESTING) if rnd.random() < 0.7 else rnd.randint(0, 255)
        elif kind == "piece":
            data[at:at] = rnd.choice(PIECES)
        elif kind == "truncate":
            del data[at:]
        elif kind == "duplicate" and data:
            end = rnd.randint(at, len(data))
            data[at:at] = data[at:end]
    return bytes(data)


# a few bytes, most of them ones that matter to a JSON reader, or pieces
near_json_bytes = (
    st.lists(st.sampled_from(INTERESTING) | st.integers(0, 255), max_size=24).map(bytes)
    | st.lists(st.sampled_from(PIECES) | st.sampled_from(INTERESTING).map(lambda b: bytes([b])), max_size=10)
    .map(b"".join))

mutated_documents = st.builds(mutate, valid_documents(), st.randoms(use_true_random=False))
MUTATIONS_PER_DOCUMENT = 10


string_bodies = st.lists(
    st.sampled_from(PIECES[:9])
    | st.builds(lambda v: b"\\u%04x" % v, st.integers(0, 0xFFFF))
    | st.builds(lambda v: b"\\u%04X" % v, st.sampled_from([0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xD83D, 0xDE00]))
    | st.binary(max_size=3)
    | st.sampled_from([b"\\n", b"\\t", b"\\/", b"\\x", b"\\", b"a", b"\xc3\xa9", b"\x7f"]),
    max_size=6,
).map(lambda parts: b'"' + b"".join(parts) + b'"')
