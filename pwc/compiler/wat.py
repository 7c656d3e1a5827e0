"""A small writer for WAT text: lines, indentation, escaped data strings.

Module text is made only of printable ASCII lines.  Text that comes from a
source file (a comment repeating a .pwf line, a filter or file name) reaches
it only through `comment_text`, which escapes everything else: a character
that some reader takes as a line break (CR, VT, FF, U+2028, ...) would end a
`;;` comment and turn the rest of the line into module code.  `line` refuses
any other character, so a path that forgets to escape is a compiler error,
never a module that does something the source does not say.
"""

from __future__ import annotations

import re
from contextlib import contextmanager


class UnsafeWatText(ValueError):
    """A line of module text held a character outside printable ASCII."""


def comment_text(text: str) -> str:
    """`text` as printable ASCII: other characters become `\\u{hex}`."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(c if " " <= c <= "~" else f"\\u{{{ord(c):x}}}" for c in text)


def _checked(text: str) -> str:
    if not (text.isascii() and text.isprintable()):
        raise UnsafeWatText(f"module text with a character outside printable ASCII: {text[:80]!r}")
    return text


class WatWriter:
    def __init__(self) -> None:
        self._lines: list[str] = []
        self._depth = 0
        self._max_depth = 1 << 30

    def line(self, text: str) -> None:
        self._lines.append("  " * min(self._depth, self._max_depth) + _checked(text))

    def open(self, text: str) -> None:
        """A line that opens a nesting level (closed by `close`)."""
        self.line(text)
        self._depth += 1

    def close(self, text: str = ")") -> None:
        self._depth -= 1
        self.line(text)

    def blank(self) -> None:
        self._lines.append("")

    @contextmanager
    def flat_after(self, levels: int):
        """Indent at most `levels` deeper than here.  Generated matchers nest
        one block per automaton state: indenting every level would make the
        text, and the assembler's work, quadratic in the pattern."""
        saved = self._max_depth
        self._max_depth = min(saved, self._depth + levels)
        try:
            yield
        finally:
            self._max_depth = saved

    def lines(self, text: str) -> None:
        """Paste a multi-line fragment (stdlib fields) at the current depth.
        Split at "\\n" only: `splitlines` also breaks at characters that the
        assembler does not."""
        for line in text.split("\n"):
            self.line(line) if line.strip() else self._lines.append("")

    def comment(self, text: str) -> None:
        self.line(f";; {comment_text(text)}")

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


_CONSTANT = re.compile(r"[ \t]*\(global \$([^\s()]+) i32 \(i32\.const (-?[0-9]+)\)\)(?:[ \t]*;;.*)?")
_GLOBAL_GET = re.compile(r"global\.get \$([^\s()]+)")


def inline_constants(module: str) -> str:
    """`module` with its immutable i32 globals (the layout, the stdlib's
    error codes and slot addresses) written as constants where they are
    read, and their definitions (and doc comments) dropped: a global costs
    its definition and a `global.get` as much as the constant, so each one
    only made the module bigger.  Data segments are left as they are."""
    lines = module.split("\n")
    constants: dict[str, str] = {}
    kept: list[str] = []
    for line in lines:
        found = _CONSTANT.fullmatch(line)
        if found is None:
            kept.append(line)
            continue
        constants[found.group(1)] = found.group(2)
        doc_start = len(kept)
        while doc_start and kept[doc_start - 1].lstrip().startswith(";;"):
            doc_start -= 1
            if kept[doc_start].lstrip().startswith(f";; ${found.group(1)}:"):
                del kept[doc_start:]  # the global's own doc comment
                break

    def constant(get: re.Match) -> str:
        value = constants.get(get.group(1))
        return get.group() if value is None else f"i32.const {value}"

    return "\n".join(line if line.lstrip().startswith("(data ") else _GLOBAL_GET.sub(constant, line) for line in kept)
