"""The types of .pwf values, and how each is represented in wasm."""

from __future__ import annotations

from dataclasses import field
from typing import Any, Literal

from . import records

Wasm = Literal["i32", "i64"]


@records.record(frozen=True)
class Type:
    name: str
    wasm: Literal["i32", "i64", ""]  # the wasm value type that carries it ("" when it is not a value)
    item: Type | None = None  # list<T> and map<string, T>: T
    kind: Literal["scalar", "list", "map", "record", "special"] = "scalar"

    def __str__(self) -> str:
        return self.name

    @property
    def value_wasm(self) -> Wasm:
        """The wasm type of a value of this type (headers and call results are not values)."""
        if self.wasm == "":
            raise TypeError(f"{self.name} has no wasm value")
        return self.wasm

    @property
    def is_collection(self) -> bool:
        return self.kind in ("list", "map")


@records.record(frozen=True, eq=False)
class Field:
    """A field of a record type, as declared: `status: int = 403`, `note: string?`."""

    name: str
    type: Type
    optional: bool  # `T?`: may be absent (has(r.field) says)
    default: Any = None  # the default as a Python value (str, int, bool, list, dict), None when there is none

    @property
    def required(self) -> bool:
        return self.default is None and not self.optional


@records.record(frozen=True, eq=False)
class RecordType(Type):
    """A named record (`type Rule { ... }`).  Its value is the address of a
    block of i64 slots: slot 0 holds a bit per field that was given, slot
    1 + i field i (layout.py's record layout).  Two record types are the same
    type only when they are the same declaration."""

    fields: list[Field] = field(default_factory=list)  # filled once every declaration is known

    # Nominal: the same declaration, not the same name and fields.
    __eq__ = object.__eq__
    __hash__ = object.__hash__

    def field_named(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def slot_of(self, name: str) -> int:
        return 1 + [f.name for f in self.fields].index(name)


def list_of(item: Type) -> Type:
    """list<T>: the address of [count:i32, pad, count x 8-byte items] (0 when empty)."""
    return Type(f"list<{item}>", "i32", item, "list")


def map_of(value: Type) -> Type:
    """map<string, T>: the address of [count:i32, pad, count x (key:i64, value:8 bytes)] (0 when empty)."""
    return Type(f"map<string, {value}>", "i32", value, "map")


def record(name: str) -> RecordType:
    """A record type whose fields are filled in once every declaration is known."""
    return RecordType(name, "i32", kind="record")


STRING = Type("string", "i64")  # packed (ptr << 32) | len
INT = Type("int", "i64")
# A double (IEEE 754 binary64) travels as the i64 of its bits
# (i64.reinterpret_f64): every slot, list item and local that holds an int
# holds one unchanged; stdlib/dbl.wat does the arithmetic.
DOUBLE = Type("double", "i64")
BOOL = Type("bool", "i32")
DURATION = Type("duration", "i64")  # milliseconds
LIST = list_of(STRING)
MAP = map_of(STRING)
# Kept as their canonical text ("" when invalid): strings to everything but the checker.
IP = Type("ip", "i64")
CIDR = Type("cidr", "i64")
TEXT_VALUES = (IP, CIDR)
TIMESTAMP = Type("timestamp", "i64")  # microseconds since the Unix epoch, UTC  # types held as strings, compared with ==, written with string()
# A JSON value (CEL's dyn): the packed string of its canonical JSON text, null
# being 0 (stdlib/dyn.wat).  Kept in a record as a string.
DYN = Type("dyn", "i64")
# CEL's type values (`type(x) == string`): the kind code of dyn.wat's
# $dyn_kind, or beyond it for the kinds JSON has not; TYPE_CODES numbers them.
TYPE = Type("type", "i32")
TYPE_CODES = {"null_type": 0, "bool": 1, "int": 2, "double": 3, "string": 4, "list": 5, "map": 6,
              "duration": 7, "timestamp": 8, "type": 9}
REGEX = Type("regex", "i32", kind="special")  # a pattern from configuration: its compiled program (stdlib/rx.wat)
HEADERS = Type("header map", "", kind="special")  # request.headers / response.headers: only indexed or tested
CALL = Type("call result", "", kind="special")  # `let x = call ...`: read through x.status, x.headers[..], ...
ERROR = Type("<error>", "", kind="special")  # poison: an error was already reported

# Types by the name a declaration spells (besides list<T>, map<string, T> and records).
NAMED = {t.name: t for t in (STRING, INT, BOOL, DURATION, IP, CIDR, TIMESTAMP, REGEX)}
# What an item of a list or a value of a map may be compared with `in` and `==`.
EQUATABLE = (STRING, INT, BOOL, DURATION, TIMESTAMP, *TEXT_VALUES)


def type_code(t: Type) -> int | None:
    """What `type(x)` is for a value of type `t` (TYPE_CODES), when the
    module is built; None for a dyn (its kind is known only when it runs)
    and for values CEL has no type for (ip, cidr, records, patterns)."""
    name = t.kind if t.is_collection else t.name
    return TYPE_CODES.get(name) if t is not DYN else None


def describe(t: Type) -> str:
    """How a message names a type: `a string`, `an int`."""
    article = "an" if t.name[0] in "aeiou" else "a"
    return f"{article} {t.name}" if t is not HEADERS else "a header map"


def slot_kind(t: Type) -> str | None:
    """How a value of `t` is kept in a stream's record (for `on response`, or
    across a call): "string", "int", "bool"; "list" / "map" (of strings,
    copied with their strings), "flat_list" / "flat_map" (items of 8 bytes
    that need no copy, keys copied), "pointer" (a record or a pattern from
    configuration, which outlives every stream that reads it); None when it
    cannot be kept (collections of collections)."""
    if t in (STRING, DYN, *TEXT_VALUES):
        return "string"
    if t in (INT, DOUBLE, DURATION, TIMESTAMP):
        return "int"
    if t in (BOOL, TYPE):
        return "bool"
    if isinstance(t, RecordType) or t is REGEX:
        return "pointer"
    if t.is_collection and t.item is not None:
        if t.item in (STRING, DYN, *TEXT_VALUES):
            return t.kind
        if slot_kind(t.item) in ("int", "bool", "pointer"):
            return f"flat_{t.kind}"
    return None
