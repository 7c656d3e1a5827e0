"""The module's data segment: interned strings and static tables, laid out
from layout.DATA_START."""

from __future__ import annotations

import re
from dataclasses import field

from . import layout
from .records import record

# A run of zeros longer than this starts a new data segment (a segment's
# header costs about this much).
_ZEROS_KEPT = 8


@record
class Data:
    """The data segment: interned strings and static lists, from DATA_START."""

    blob: bytearray = field(default_factory=bytearray)
    strings: dict[bytes, int] = field(default_factory=dict)
    tables: dict[tuple, int] = field(default_factory=dict)

    def reserve(self, size: int, align: int = 1) -> int:
        """`size` zero bytes, aligned; returns their address."""
        while len(self.blob) % align:
            self.blob.append(0)
        address = layout.DATA_START + len(self.blob)
        self.blob.extend(bytes(size))
        return address

    def put(self, address: int, data: bytes) -> None:
        """Write `data` at `address`, inside space already reserved."""
        offset = address - layout.DATA_START
        self.blob[offset : offset + len(data)] = data

    def string(self, text: bytes) -> int:
        """The packed (ptr << 32 | len) constant of a string literal."""
        if not text:
            return 0
        if text not in self.strings:
            address = self.reserve(len(text))
            self.put(address, text)
            self.strings[text] = address
        return (self.strings[text] << 32) | len(text)

    def table(self, count: int, values: list[int]) -> int:
        """A static [count, pad, i64 values...] block; returns its address.
        Identical tables share one block."""
        key = (count, tuple(values))
        if key not in self.tables:
            address = self.reserve(8 + 8 * len(values), align=8)
            self.put(address, count.to_bytes(4, "little"))
            for i, value in enumerate(values):
                self.put(address + 8 + 8 * i, value.to_bytes(8, "little"))
            self.tables[key] = address
        return self.tables[key]

    def static_list(self, items: tuple[bytes, ...]) -> int:
        return self.table(len(items), [self.string(item) for item in items])

    def static_map(self, entries: tuple[tuple[bytes, bytes], ...]) -> int:
        return self.table(len(entries), [v for key, value in entries for v in (self.string(key), self.string(value))])

    def segments(self) -> list[tuple[int, bytes]]:
        """(address, bytes) of the data segments to write: the blob without
        its runs of zeros (memory starts zeroed) longer than a segment's own
        few bytes of header, and without its trailing zeros."""
        segments: list[tuple[int, bytes]] = []
        for found in re.finditer(rb"[^\0]+(?:\0{1,%d}[^\0]+)*" % _ZEROS_KEPT, bytes(self.blob)):
            segments.append((layout.DATA_START + found.start(), found.group()))
        return segments

    @property
    def end(self) -> int:
        return layout.DATA_START + len(self.blob)
