"""Comments and blank lines for `pwc fmt`: where they are in the source, and
where they go among the lines the printer writes.

The grammar ignores comments, so the syntax tree has none.  The parser's
lexer, asked to keep what it ignores, gives every comment with its offset;
the tokens around it say whether it stands alone on its line or trails code.
The printer writes one line at a time and names the source offsets the line
comes from (where its first token starts, where its last token ends); the
`Placer` puts each comment before the first line that starts after it, or at
the end of the line whose last token is the one the comment follows.  Code
the author broke over several lines (a long condition, a map one entry per
line) is kept as written, comments inside and all, only re-indented: the
printer would join it into one long line.  Every comment is written
somewhere, in source order: nothing here drops one.

Blank lines: one wherever the source has one or more between two things, and
none right after a `{` or right before a `}`.
"""

from __future__ import annotations

import bisect
from collections import deque
from collections.abc import Iterable

from .source import Source
from .records import record

# How far a trailing comment stands from its code at the least; the comments
# of consecutive lines at one depth line up in one column.
_COMMENT_GAP = 2
# How much deeper than its first line a continued line goes, when written no deeper.
_CONTINUATION = 4


@record(frozen=True)
class Comment:
    text: str  # from `#` to the end of its line, trailing blanks dropped
    start: int
    line: int
    after: int  # the end offset of the token it trails, -1 when it stands alone on its line


class SourceMap:
    """The comments of a file that parsed, its tokens' offsets, and which `{` each `}` closes."""

    def __init__(self, source: Source, tokens: list[tuple[str, str, int, int]], call_ends: Iterable[int] = ()):
        """`tokens`: (type, text, start, end) of every token, comments included,
        in order; `call_ends`: the offsets of the `)` that end a call."""
        self.source = source
        self.comments: list[Comment] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.partner: dict[int, int] = {}  # offset of a `}` or `)` -> offset of its `{` or `(`
        opened: dict[str, list[int]] = {"{": [], "(": []}
        texts: list[str] = []
        for kind, text, start, end in tokens:
            if kind == "COMMENT":
                self.comments.append(self._comment(text, start, texts))
                continue
            if text in opened:
                opened[text].append(start)
            elif text in _CLOSES and opened[_CLOSES[text]]:
                self.partner[start] = opened[_CLOSES[text]].pop()
            texts.append(text)
            self.starts.append(start)
            self.ends.append(end)
        # The `(` that group (and are kept), not those of a call.
        self.grouping = {self.partner[end] for end in self.partner if source.text[end] == ")"}
        self.grouping -= {self.partner[end] for end in call_ends if end in self.partner}

    def _comment(self, text: str, start: int, texts: list[str]) -> Comment:
        line = self.line(start)
        before = bisect.bisect_right(self.ends, start) - 1
        trails = before >= 0 and self.line(self.ends[before] - 1) == line
        if trails and texts[before] == "," and before > 0:
            before -= 1  # the printer drops or moves separators: the comment trails what the `,` follows
        return Comment(text.rstrip(), start, line, self.ends[before] if trails else -1)

    def line(self, offset: int) -> int:
        return self.source.line_col(offset)[0]

    def opening(self, closing: int) -> int:
        """The offset of the `{` the `}` at `closing` closes."""
        return self.partner[closing]

    def token_before(self, offset: int) -> tuple[int, int]:
        """(start, end) of the last token that starts before `offset`."""
        index = bisect.bisect_left(self.starts, offset) - 1
        return self.starts[index], self.ends[index]

    def parenthesized(self, start: int, end: int) -> bool:
        """Whether the source puts the code from `start` to `end` in
        parentheses of its own (not a call's): fmt keeps them."""
        index = bisect.bisect_left(self.starts, start)
        after = bisect.bisect_left(self.starts, end)  # the token after the code, blanks between or not
        if index == 0 or after >= len(self.starts):
            return False
        opening = self.starts[index - 1]
        return opening in self.grouping and self.partner.get(self.starts[after]) == opening


_CLOSES = {"}": "{", ")": "("}


@record
class _Line:
    depth: int
    code: str  # "" for a blank line or a comment alone on its line
    comment: str = ""


class Plain:
    """The printer's output without a source: no comments, blank lines only where asked."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def opening(self, closing: int) -> int:
        return 0

    def token_before(self, offset: int) -> tuple[int, int]:
        return 0, 0

    def parenthesized(self, start: int, end: int) -> bool:
        return False

    def write(self, depth: int, code: str, first: int, last_end: int, *,
              closes: bool = False, opens: bool = False, blank: bool = False) -> None:
        if blank:
            self.lines.append("")
        self.lines.append("  " * depth + code)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


class Placer(Plain):
    """The printer's output with the source's comments and blank lines put back."""

    def __init__(self, source_map: SourceMap):
        super().__init__()
        self.map = source_map
        self.pending = deque(source_map.comments)
        self.out: list[_Line] = []
        self.last_line = 0  # the last source line written so far
        self.block_start = True  # no blank line at the start of the file or of a block
        self.want_blank = False

    def opening(self, closing: int) -> int:
        return self.map.opening(closing)

    def token_before(self, offset: int) -> tuple[int, int]:
        return self.map.token_before(offset)

    def parenthesized(self, start: int, end: int) -> bool:
        return self.map.parenthesized(start, end)

    def write(self, depth: int, code: str, first: int, last_end: int, *,
              closes: bool = False, opens: bool = False, blank: bool = False) -> None:
        """One line of code, from the source's `first` offset to `last_end`:
        first the comments before it (and inside it, when it joins several
        source lines), then the line, then the comment trailing its last token."""
        first_line, last_line = self.map.line(first), self.map.line(max(first, last_end - 1))
        self.want_blank = self.want_blank or blank
        # A comment before a `}` belongs to the block the `}` closes.
        comment_depth = depth + 1 if closes else depth
        as_written = last_line > first_line and not closes
        while self.pending and self.pending[0].line < (first_line if as_written else last_line):
            comment = self.pending.popleft()
            # One inside a line `}` starts goes before it, as if on its first line.
            self._new_line(_Line(comment_depth, "", comment.text), min(comment.line, first_line))
        if as_written:
            code = self._as_written(depth, first, last_end)
            while self.pending and self.pending[0].start < last_end:  # now part of `code`
                self.pending.popleft()
        self._new_line(_Line(depth, code), first_line, closes=closes)
        self.last_line = max(self.last_line, last_line)
        if self.pending and self.pending[0].after == last_end:
            self.out[-1].comment = self.pending.popleft().text
        self.block_start = opens

    def _as_written(self, depth: int, first: int, last_end: int) -> str:
        """Code the author broke over several lines, as written: its lines
        keep their breaks, comments and indentation relative to the first
        one, re-indented to `depth`, blank lines and trailing blanks dropped."""
        text = self.map.source.text
        line_start = text.rfind("\n", 0, first) + 1
        base = _indentation(text[line_start:first])
        lines = text[first:last_end].split("\n")
        out = [lines[0].rstrip()]
        for line in lines[1:]:
            if line.strip():
                relative = _indentation(line) - base
                if relative <= 0:  # a closing bracket lines up with the first line; other code goes deeper
                    relative = 0 if line.strip()[0] in ")]}" else _CONTINUATION
                out.append(" " * (2 * depth + relative) + line.strip())
        return "\n".join(out)

    def _new_line(self, line: _Line, source_line: int, closes: bool = False) -> None:
        gap = source_line - self.last_line > 1
        if not self.block_start and not closes and (gap or self.want_blank):
            self.out.append(_Line(0, ""))
        self.want_blank = self.block_start = False
        self.out.append(line)
        self.last_line = max(self.last_line, source_line)

    def text(self) -> str:
        while self.pending:  # the comments after the last line of code
            comment = self.pending.popleft()
            self._new_line(_Line(0, "", comment.text), comment.line)
        return "".join(line + "\n" for line in _aligned(self.out))


def _aligned(lines: list[_Line]) -> list[str]:
    """The lines as text; the trailing comments of consecutive lines in one column."""
    texts: list[str] = []
    index = 0
    while index < len(lines):
        run_end = index
        while run_end < len(lines) and lines[run_end].code and lines[run_end].comment \
                and lines[run_end].depth == lines[index].depth:
            run_end += 1
        if run_end == index:  # a blank line, a comment alone, or code alone
            line = lines[index]
            texts.append("  " * line.depth + (line.code or line.comment) if line.code or line.comment else "")
            index += 1
            continue
        run = lines[index:run_end]
        column = max(_width(line) for line in run) + _COMMENT_GAP
        texts.extend(_code(line) + " " * (column - _width(line)) + line.comment for line in run)
        index = run_end
    return texts


def _code(line: _Line) -> str:
    return "  " * line.depth + line.code


def _width(line: _Line) -> int:
    """How wide the last of the line's lines is (a comment trails that one)."""
    return len(_code(line).rsplit("\n", 1)[-1])


def _indentation(text: str) -> int:
    expanded = text.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" "))
