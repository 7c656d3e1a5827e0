"""Offsets into a Source <-> the protocol's positions.

The protocol counts lines from 0 and characters in the code units the
client and server agreed on (UTF-16 unless the client offers another); the
compiler counts lines from 1 and columns in code points.  A line ends at
"\\n" for both (a "\\r" before it is the line's last character)."""

from __future__ import annotations

from typing import Callable

from pwc.compiler.source import Source, Span

Units = Callable[[str], int]  # how many code units the client counts for a piece of text


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class Positions:
    def __init__(self, source: Source, units: Units = utf16_units):
        self.source = source
        self.units = units

    def position(self, offset: int) -> tuple[int, int]:
        """The 0-based line and the client's character of an offset."""
        line, column = self.source.line_col(offset)
        return line - 1, self.units(self.source.line_text(line)[: column - 1])

    def range(self, span: Span) -> tuple[tuple[int, int], tuple[int, int]]:
        """A span's range; an empty span covers the character it stands on,
        as the caret of `pwc check` does (nothing at the end of a line)."""
        end = span.end
        if end <= span.start:
            line, column = self.source.line_col(span.start)
            end = span.start + (column - 1 < len(self.source.line_text(line)))
        return self.position(span.start), self.position(end)

    def offset(self, line: int, character: int) -> int:
        """The offset of a client's position; past the end of a line is its end."""
        if line < 0:
            return 0
        lines = self.source.text.split("\n")
        if line >= len(lines):
            return len(self.source.text)
        start = sum(len(text) + 1 for text in lines[:line])
        counted = 0
        for index, char in enumerate(lines[line]):
            if counted >= character:
                return start + index
            counted += self.units(char)
        return start + len(lines[line])

    def end(self) -> tuple[int, int]:
        return self.position(len(self.source.text))
