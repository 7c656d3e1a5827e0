"""Source text and spans.  A span is a pair of offsets; lines and columns are
computed only when a message is rendered."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

# The largest offset or line a span may hold: an i32's largest value.
MAX_OFFSET = 2**31 - 1


@dataclass(frozen=True)
class Span:
    """Half-open character range [start, end) in a Source, and the 1-based
    line it starts on (0 when unknown), which travels with the tree into its
    JSON form so that a module compiled from JSON names the same lines."""

    # A plain dataclass, like the syntax nodes: syntax_json.py reads and
    # writes the JSON form with pydantic, which compiling text never imports.
    # Unlike a node, a span ignores keys it does not have (as it always has).
    __pydantic_config__ = {"extra": "ignore"}

    start: int = 0
    end: int = 0
    line: int = 0

    def __post_init__(self) -> None:
        # A tree read from JSON brings its own spans; a line becomes an i32 in the module
        # (the line a run-time error names), so every field must fit one.  pydantic reports
        # this ValueError at the span's JSON path.
        if not all(0 <= value <= MAX_OFFSET for value in (self.start, self.end, self.line)):
            raise ValueError(f"a span's start, end and line are whole numbers from 0 to {MAX_OFFSET}")

    def cover(self, other: "Span") -> "Span":
        first = self if self.start <= other.start else other
        return Span(start=first.start, end=max(self.end, other.end), line=first.line)


NO_SPAN = Span()


@dataclass(frozen=True)
class Source:
    name: str
    text: str
    _line_starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        starts = [0]
        for index, char in enumerate(self.text):
            if char == "\n":
                starts.append(index + 1)
        object.__setattr__(self, "_line_starts", starts)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def line_of(self, span: Span) -> int:
        """The line a span starts on: the one it carries (from a JSON tree), else its offset's."""
        return span.line or self.line_col(span.start)[0]

    def line_text(self, line: int) -> str:
        if not 1 <= line <= len(self._line_starts):
            return ""
        start = self._line_starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start:] if end < 0 else self.text[start:end]

    def location(self, span: Span) -> str:
        line, col = self.line_col(span.start)
        return f"{self.name}:{line}:{col}"
