"""A reference reader of plugin configuration in plain Python, independent of
stdlib/cfg.wat: what `$config_load` must make of a JSON text for a record
type, the value read back or the error it reports (json_harness.Refused:
code, path as `$cfg_path_prefix` prints it, key for 2, 4 and 5).

Python's json module parses (kept strict: no NaN or Infinity, no lone
surrogates, repeated keys and number texts kept); the walk over the value
then finds errors in cfg.wat's order:

1. the text as a whole: too large (7), malformed (1), nested deeper than 32
   arrays and objects (7), not an object (8).  Empty or blank text is `{}`.
2. the value against the type, in document order, depth first:
   - every value first has the JSON type its type takes, else 3 (null is
     never one, but for a dyn, which takes any); then ints (no fraction, no
     exponent, int64), doubles (within the double range), durations and
     networks are checked, else 6;
   - a dyn is read as json.decode reads it (dyn_harness): depth first, a
     number with a fraction or an exponent beyond the double range is 6 (the
     dyn's path), and an object, once its values are read, refuses a repeated
     key (5, the dyn's path; of several, the one whose canonical text sorts
     first, and the key as that text);
   - a record checks each key when it comes to it, before its value:
     unknown (2), repeated (5); after its last key, the required fields
     that were not given, in declaration order (4); the path of these is
     the record's;
   - a map reads its values first, then refuses a repeated key (5, the
     path the map's), the first repetition in the text.
3. the result's size (7): not modelled; the tests keep values small.

Values: strings as bytes, ints and durations (ms) as int, bools, doubles as
float, dyns as their canonical text (bytes; None for null), cidr and ip as
canonical text (test_stdlib_net.py's oracle), lists, maps as dicts of
bytes keys in the text's order, records as json_harness.Record with the
defaults filled in (a field neither given nor defaulted reads as its type's
zero: b"", 0, False, "", [], {}, None for a record).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

from json_harness import Record, Refused
from test_stdlib_net import canonical, k8s_cidr, k8s_ip

from pwc.compiler import types

MAX_TEXT = 1 << 20
MAX_DEPTH = 32
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
DURATION_GROUP = re.compile(rb"([0-9]+)(ms|s|m|h)")
UNIT_MS = {b"ms": 1, b"s": 1000, b"m": 60_000, b"h": 3_600_000}


@dataclass(frozen=True)
class Number:
    text: str  # as written: the int reader refuses fractions and exponents


@dataclass(frozen=True)
class Object:
    pairs: list[tuple[bytes, Any]]  # in the text's order, repeats kept


class Refusal(Exception):
    def __init__(self, refused: Refused):
        self.refused = refused


def read(t: types.RecordType, text: bytes) -> Record | Refused:
    """What $config_load makes of `text` for record type `t`."""
    try:
        return value(t, parse(text), [])
    except Refusal as refusal:
        return refusal.refused


# --- the text as a whole ----------------------------------------------------------


def parse(text: bytes) -> Any:
    if len(text) > MAX_TEXT:
        raise Refusal(Refused(7, b""))
    if not text.strip(b" \t\r\n"):
        text = b"{}"
    try:
        document = json.loads(text.decode("utf-8"), object_pairs_hook=_object, parse_int=Number,
                              parse_float=Number, parse_constant=_no_constant)
        _check_strings(document)
    except (ValueError, UnicodeError, RecursionError):
        raise Refusal(Refused(1, b"")) from None
    if _depth(document) > MAX_DEPTH:
        raise Refusal(Refused(7, b""))
    if not isinstance(document, Object):
        raise Refusal(Refused(8, b""))
    return document


def _object(pairs: list[tuple[str, Any]]) -> Object:
    return Object([(key.encode("utf-8"), item) for key, item in pairs])


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _check_strings(node: Any) -> None:
    """Lone surrogate escapes are errors (json.loads lets them through)."""
    if isinstance(node, str):
        node.encode("utf-8")
    elif isinstance(node, list):
        for item in node:
            _check_strings(item)
    elif isinstance(node, Object):
        for _, item in node.pairs:
            _check_strings(item)


def _depth(node: Any) -> int:
    if isinstance(node, list):
        return 1 + max(map(_depth, node), default=0)
    if isinstance(node, Object):
        return 1 + max((_depth(item) for _, item in node.pairs), default=0)
    return 0


# --- the value against the type ------------------------------------------------------


Path = list[tuple[str, Any]]  # ("key", name) | ("index", i) | ("map", key bytes)


def printed(path: Path) -> bytes:
    """The path as $cfg_path_prefix prints it: `rules[2].status: `, `limits["a b"]: `."""
    if not path:
        return b""
    out = b""
    for i, (kind, part) in enumerate(path):
        if kind == "key":
            out += (b"." if i else b"") + part.encode()
        elif kind == "index":
            out += b"[%d]" % part
        else:  # a map key as a JSON string: quotes, backslashes and control bytes escaped
            out += b"[" + json.dumps(part.decode("utf-8"), ensure_ascii=False).encode() + b"]"
    return out + b": "


def fail(code: int, path: Path, key: bytes | None = None) -> Refusal:
    return Refusal(Refused(code, printed(path), key))


def json_type_fits(t: types.Type, node: Any) -> bool:
    if isinstance(t, types.RecordType) or t.kind == "map":
        return isinstance(node, Object)
    if t.kind == "list":
        return isinstance(node, list)
    if t is types.DYN:
        return True
    if t in (types.INT, types.DOUBLE):
        return isinstance(node, Number)
    if t is types.BOOL:
        return isinstance(node, bool)
    return isinstance(node, str)


def value(t: types.Type, node: Any, path: Path) -> Any:
    if not json_type_fits(t, node):
        raise fail(3, path)
    if isinstance(t, types.RecordType):
        return record(t, node, path)
    if t.kind == "list":
        assert t.item is not None
        return [value(t.item, item, path + [("index", i)]) for i, item in enumerate(node)]
    if t.kind == "map":
        assert t.item is not None
        entries = [(key, value(t.item, item, path + [("map", key)])) for key, item in node.pairs]
        seen: set[bytes] = set()
        for key, _ in entries:
            if key in seen:
                raise fail(5, path, key)
            seen.add(key)
        return dict(entries)
    if t is types.INT:
        if any(c in node.text for c in ".eE") or not INT64_MIN <= int(node.text) <= INT64_MAX:
            raise fail(6, path)
        return int(node.text)
    if t is types.DOUBLE:
        number = float(node.text)
        if math.isinf(number):
            raise fail(6, path)
        return number
    if t is types.DYN:
        text = dyn_text(node, path)
        return None if text == "null" else text.encode()
    if t is types.BOOL:
        return node
    if t is types.STRING:
        return node.encode()
    if t is types.DURATION:
        ms = duration(node.encode())
        if ms is None:
            raise fail(6, path)
        return ms
    if t in (types.CIDR, types.IP):
        text = network(t, node)
        if text is None:
            raise fail(6, path)
        return text
    raise AssertionError(f"no reference for {t}")


def record(t: types.RecordType, node: Object, path: Path) -> Record:
    given: dict[str, Any] = {}
    names = {f.name.encode(): f for f in t.fields}
    for key, item in node.pairs:
        f = names.get(key)
        if f is None:
            raise fail(2, path, key)
        if f.name in given:
            raise fail(5, path, key)
        given[f.name] = value(f.type, item, path + [("key", f.name)])
    for f in t.fields:
        if f.required and f.name not in given:
            raise fail(4, path, f.name.encode())
    return Record({f.name: given[f.name] if f.name in given else default(f) for f in t.fields}, frozenset(given))


def dyn_text(node: Any, path: Path) -> str:
    """The canonical text (dyn.wat) of a JSON value inside a dyn at `path`."""
    if node is None:
        return "null"
    if isinstance(node, bool):
        return "true" if node else "false"
    if isinstance(node, str):
        return json.dumps(node, ensure_ascii=False)
    if isinstance(node, Number):
        if not any(c in node.text for c in ".eE"):  # an integer, any length, as written (no leading zeros)
            return "0" if node.text == "-0" else node.text
        number = float(node.text)
        if math.isinf(number):
            raise fail(6, path)
        return repr(number)
    if isinstance(node, list):
        return "[" + ",".join(dyn_text(item, path) for item in node) + "]"
    members = [(json.dumps(key.decode("utf-8"), ensure_ascii=False), dyn_text(item, path)) for key, item in node.pairs]
    keys = [key for key, _ in members]
    repeated = sorted((key[1:].encode() for key in keys if keys.count(key) > 1))
    if repeated:
        raise fail(5, path, repeated[0][:-1])
    return "{" + ",".join(f"{key}:{text}" for key, text in members) + "}"


def duration(text: bytes) -> int | None:
    """Groups of digits and a unit (ms, s, m, h), in any order; each group and
    the total within int64 milliseconds."""
    groups = DURATION_GROUP.findall(text)
    if not text or b"".join(n + unit for n, unit in groups) != text:
        return None
    total = 0
    for digits, unit in groups:
        part = int(digits) * UNIT_MS[unit]
        if part > INT64_MAX:
            return None
        total += part
    return total if total <= INT64_MAX else None


def network(t: types.Type, text: str) -> str | None:
    if t is types.IP:
        address = k8s_ip(text)
        return None if address is None else canonical(address)
    if "/" not in text:  # an address alone in configuration: the network of that one host
        address = k8s_ip(text)
        return None if address is None else f"{canonical(address)}/{32 if address.version == 4 else 128}"
    parsed = k8s_cidr(text)
    return None if parsed is None else f"{canonical(parsed[0])}/{parsed[1]}"


# --- defaults -------------------------------------------------------------------------


def default(f: types.Field) -> Any:
    """What a record slot holds for field `f` when the JSON does not give it."""
    return zero(f.type) if f.default is None else static(f.type, f.default)


def zero(t: types.Type) -> Any:
    if isinstance(t, types.RecordType):
        return None
    if t.kind == "list":
        return []
    if t.kind == "map":
        return {}
    return {types.STRING: b"", types.INT: 0, types.DURATION: 0, types.BOOL: False, types.DOUBLE: 0.0,
            types.DYN: None}.get(t, "")


def static(t: types.Type, python: Any) -> Any:
    """A default as declarations.py gives it (str, int, bool, list, dict) as the reader gives it."""
    if isinstance(t, types.RecordType):
        fields = {f.name: static(f.type, python[f.name]) if f.name in python else default(f) for f in t.fields}
        return Record(fields, frozenset(python))
    if t.kind == "list":
        return [static(t.item, item) for item in python]
    if t.kind == "map":
        return {key.encode(): static(t.item, item) for key, item in python.items()}
    if t is types.STRING:
        return python.encode()
    if t is types.BOOL:
        return bool(python)
    if t is types.DYN:  # declarations.JsonText
        return None if python == "null" else python.encode()
    return python
