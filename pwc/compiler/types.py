"""The types of .pwf values, and how each is represented in wasm."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Wasm = Literal["i32", "i64"]


@dataclass(frozen=True)
class Type:
    name: str
    wasm: Literal["i32", "i64", ""]  # the wasm value type that carries it ("" when it is not a value)

    def __str__(self) -> str:
        return self.name

    @property
    def value_wasm(self) -> Wasm:
        """The wasm type of a value of this type (headers and call results are not values)."""
        if self.wasm == "":
            raise TypeError(f"{self.name} has no wasm value")
        return self.wasm


STRING = Type("string", "i64")  # packed (ptr << 32) | len
INT = Type("int", "i64")
BOOL = Type("bool", "i32")
DURATION = Type("duration", "i64")  # milliseconds
LIST = Type("list<string>", "i32")  # pointer to [count, pad, items...]
MAP = Type("map<string, string>", "i32")  # pointer to [count, pad, (key, value)...]
# Kept as their canonical text ("" when invalid): strings to everything but the checker.
IP = Type("ip", "i64")
CIDR = Type("cidr", "i64")
TEXT_VALUES = (IP, CIDR)
TIMESTAMP = Type("timestamp", "i64")  # microseconds since the Unix epoch, UTC  # types held as strings, compared with ==, written with string()
HEADERS = Type("header map", "")  # request.headers / response.headers: only indexed or tested
CALL = Type("call result", "")  # `let x = call ...`: read through x.status, x.headers[..], ...
ERROR = Type("<error>", "")  # poison: an error was already reported


def describe(t: Type) -> str:
    """How a message names a type: `a string`, `an int`."""
    article = "an" if t.name[0] in "aeiou" else "a"
    return f"{article} {t.name}" if t is not HEADERS else "a header map"


# Types config fields may declare, by their spelling.
CONFIG_TYPES = {
    "string": STRING, "int": INT, "bool": BOOL, "duration": DURATION,
    "list<string>": LIST, "map<string,string>": MAP,
}
