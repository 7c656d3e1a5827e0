"""Diagnostics are data; one function renders them.

A pass collects every problem it finds into a `Diagnostics` list and goes on;
the driver stops between passes when a pass reported an error.
"""

from __future__ import annotations

import unicodedata

from dataclasses import field
from typing import Iterable, Literal

from .source import Source, Span
from .records import record

Severity = Literal["error", "warning", "note"]


@record(frozen=True)
class Diagnostic:
    severity: Severity
    message: str
    span: Span
    hint: str | None = None
    # Secondary locations: (what is there, where), e.g. the first declaration of a redeclared name.
    notes: tuple[tuple[str, Span], ...] = ()


@record(frozen=True)
class Message:
    """What a diagnostic says, and what to do about it.  Only the named
    builders of messages.py make them, so every message lives in one file."""

    text: str
    hint: str | None = None


@record
class Diagnostics:
    items: list[Diagnostic] = field(default_factory=list)

    def error(self, message: Message, span: Span, notes: Iterable[tuple[Message, Span]] = ()) -> None:
        """Report an error at `span`; `notes` are secondary locations (a note shows its text, never a hint)."""
        self.items.append(Diagnostic("error", _message(message).text, span, message.hint,
                                     tuple((_plain(note), at) for note, at in notes)))

    def warning(self, message: Message, span: Span) -> None:
        self.items.append(Diagnostic("warning", _message(message).text, span, message.hint))

    def extend(self, others: Iterable[Diagnostic]) -> None:
        self.items.extend(others)

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.items)

    def has_error_within(self, span: Span) -> bool:
        """Whether an error was already reported inside `span`."""
        return any(d.severity == "error" and span.start <= d.span.start < span.end for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items, key=lambda d: (d.span.start, d.span.end, d.message))


def _message(message: Message) -> Message:
    # A plain string here is a message written outside messages.py.
    if not isinstance(message, Message):
        raise TypeError(f"diagnostics take a Message from messages.py, not {type(message).__name__}")
    return message


def _plain(note: Message) -> str:
    if _message(note).hint is not None:
        raise ValueError("a note is shown without a hint: build it without one")
    return note.text


class CompileError(Exception):
    """Raised by the driver when a pass reported errors."""

    def __init__(self, diagnostics: list[Diagnostic], source: Source):
        self.diagnostics = diagnostics
        self.source = source
        super().__init__(render_all(diagnostics, source))


def render(diagnostic: Diagnostic, source: Source) -> str:
    """`file:line:col: error: message`, the source line, a caret, the hint."""
    if not source.text:  # a module compiled from its JSON form: no text to show
        line = diagnostic.span.line or 1
        head = f"{source.name}:{line}: {diagnostic.severity}: {_printable(diagnostic.message)}"
        return "\n".join([head] + ([f"  hint: {_printable(diagnostic.hint)}"] if diagnostic.hint else []))
    line, col = source.line_col(diagnostic.span.start)
    lines = [f"{source.name}:{line}:{col}: {diagnostic.severity}: {_printable(diagnostic.message)}",
             *_excerpt(diagnostic.span, source)]
    if diagnostic.hint:
        lines.append(f"  hint: {_printable(diagnostic.hint)}")
    for note, span in diagnostic.notes:
        note_line, note_col = source.line_col(span.start)
        lines.append(f"  note: {source.name}:{note_line}:{note_col}: {_printable(note)}")
        lines.extend("  " + text for text in _excerpt(span, source))
    return "\n".join(lines)


def _excerpt(span: Span, source: Source) -> list[str]:
    """The source line of `span` and a caret line under it."""
    line, col = source.line_col(span.start)
    text = source.line_text(line)
    end_line, end_col = source.line_col(max(span.end, span.start))
    end_col = end_col if end_line == line and end_col > col else col + 1
    shown = [_shown(ch) for ch in text]
    # The caret line repeats tabs and counts columns as a terminal shows them.
    pad = "".join("\t" if ch == "\t" else " " * width for ch, (_, width) in zip(text, shown[: col - 1]))
    carets = sum(width for _, width in shown[col - 1 : end_col - 1])
    return [f"  {''.join(piece for piece, _ in shown)}", f"  {pad}{'^' * max(1, carets)}"]


def _printable(text: str) -> str:
    """A message (which may quote the source) with control characters escaped."""
    return "".join(_shown(ch)[0] if ch != "\t" else ch for ch in text)


def _shown(char: str) -> tuple[str, int]:
    """How a source character is printed in a diagnostic, and the columns it
    takes: control and format characters (a CR, an escape sequence, U+2028)
    are printed escaped, never sent to the terminal; wide characters take two
    columns, combining marks none."""
    if char == "\t":
        return char, 1
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Zl", "Zp", "Co", "Cn", "Cs"):
        escaped = f"\\u{{{ord(char):x}}}"
        return escaped, len(escaped)
    if category in ("Mn", "Me"):
        return char, 0
    return char, 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def render_all(diagnostics: Iterable[Diagnostic], source: Source) -> str:
    return "\n".join(render(d, source) for d in diagnostics)


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate nearest to `word` by edit distance, if near enough."""
    best, best_distance = None, max(1, len(word) // 3) + 1
    for candidate in sorted(candidates):
        distance = _edit_distance(word.lower(), candidate.lower())
        if distance < best_distance:
            best, best_distance = candidate, distance
    return best


def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def locate_failure(error: Exception, span: Span) -> None:
    """Remember, on an exception escaping a pass, the innermost statement it
    was working on, so the internal-error diagnostic can point at it."""
    if getattr(error, "pwc_span", None) is None:
        setattr(error, "pwc_span", span)  # read back by the driver's internal-error report
