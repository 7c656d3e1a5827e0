"""A small writer for WAT text: lines, indentation, escaped data strings."""

from __future__ import annotations

from contextlib import contextmanager


class WatWriter:
    def __init__(self) -> None:
        self._lines: list[str] = []
        self._depth = 0

    def line(self, text: str) -> None:
        self._lines.append("  " * self._depth + text)

    def lines(self, text: str) -> None:
        """Paste a multi-line fragment (stdlib fields) at the current depth."""
        for line in text.splitlines():
            self.line(line) if line.strip() else self._lines.append("")

    def comment(self, text: str) -> None:
        self.line(f";; {text}")

    @contextmanager
    def indent(self, opening: str | None = None, closing: str | None = None):
        if opening is not None:
            self.line(opening)
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if closing is not None:
                self.line(closing)

    def text(self) -> str:
        return "\n".join(self._lines) + "\n"


def data_string(data: bytes) -> str:
    """Bytes as a WAT string literal: printable ASCII kept, the rest as \\hh."""
    out = []
    for byte in data:
        char = chr(byte)
        if 0x20 <= byte < 0x7F and char not in '"\\':
            out.append(char)
        else:
            out.append(f"\\{byte:02x}")
    return '"' + "".join(out) + '"'
