"""Diagnostics are data; one function renders them.

A pass collects every problem it finds into a `Diagnostics` list and goes on;
the driver stops between passes when a pass reported an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Literal

from .source import Source, Span

Severity = Literal["error", "warning", "note"]


@dataclass(frozen=True)
class Diagnostic:
    severity: Severity
    message: str
    span: Span
    hint: str | None = None
    notes: tuple[str, ...] = ()


@dataclass
class Diagnostics:
    items: list[Diagnostic] = field(default_factory=list)

    def error(self, message: str, span: Span, hint: str | None = None) -> None:
        self.items.append(Diagnostic("error", message, span, hint))

    def warning(self, message: str, span: Span, hint: str | None = None) -> None:
        self.items.append(Diagnostic("warning", message, span, hint))

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
        head = f"{source.name}:{line}: {diagnostic.severity}: {diagnostic.message}"
        return "\n".join([head] + ([f"  hint: {diagnostic.hint}"] if diagnostic.hint else []))
    line, col = source.line_col(diagnostic.span.start)
    text = source.line_text(line)
    end_line, end_col = source.line_col(max(diagnostic.span.end, diagnostic.span.start))
    width = end_col - col if end_line == line and end_col > col else 1
    # Tabs keep their width in the caret line so the caret lines up.
    pad = "".join("\t" if ch == "\t" else " " for ch in text[: col - 1])
    lines = [
        f"{source.name}:{line}:{col}: {diagnostic.severity}: {diagnostic.message}",
        f"  {text}",
        f"  {pad}{'^' * max(1, min(width, len(text) - col + 2))}",
    ]
    if diagnostic.hint:
        lines.append(f"  hint: {diagnostic.hint}")
    lines.extend(f"  note: {note}" for note in diagnostic.notes)
    return "\n".join(lines)


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
        error.pwc_span = span
