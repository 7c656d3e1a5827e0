"""One open document as the compiler sees it, and where things are in it.

Every change of the text runs the front end (`pwc check`'s parse and
check) again: a filter is small and the front end takes milliseconds.
While the user types, the text seldom parses, so the latest text that did
is kept too: completion reads the names it declared from there."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Iterator

from pwc.compiler import syntax
from pwc.compiler.driver import Result, front_end
from pwc.compiler.source import Source, Span


@dataclass(frozen=True)
class Analysis:
    result: Result  # the front end's result for the current text
    parsed: Result | None  # the latest result with a checked syntax tree: this one, or an earlier text's

    @property
    def source(self) -> Source:
        return self.result.source


def analyse(name: str, text: str, previous: Analysis | None = None) -> Analysis:
    result = front_end(Source(name, text))
    if result.module is not None and result.checked is not None:
        return Analysis(result, result)
    return Analysis(result, previous.parsed if previous is not None else None)


def children(node: syntax.Node) -> Iterator[syntax.Node]:
    for member in dataclasses.fields(node):
        value = getattr(node, member.name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, syntax.Node):
                yield item


def nodes_at(module: syntax.Module, offset: int) -> list[syntax.Node]:
    """The nodes whose span holds `offset` (or ends right at it, where a
    cursor after a word stands), outermost first."""
    chain: list[syntax.Node] = [module]
    while True:
        inner = [child for child in children(chain[-1]) if _holds(child.span, offset)]
        if not inner:
            return chain
        chain.append(min(inner, key=lambda node: node.span.end - node.span.start))


def _holds(span: Span, offset: int) -> bool:
    return span.start <= offset <= span.end and span.end > span.start


def walk(node: syntax.Node) -> Iterator[syntax.Node]:
    stack = list(children(node))
    while stack:
        item = stack.pop()
        yield item
        stack.extend(children(item))


def _pieces(text: str) -> Iterator[tuple[str, int, int]]:
    """The text cut as the lexer cuts it where it matters to an editor:
    (kind, start, end), kind "comment", "string", "unclosed string" (at the
    end of its line, or of a text being typed) or "code", so a `#` or a
    brace inside a string is text."""
    index = 0
    while index < len(text):
        char = text[index]
        if char == "#":
            kind, end = "comment", _line_end(text, index)
        elif char in "\"'":
            raw = index > 0 and text[index - 1] in "rR" and not _word_before(text, index - 1)
            end, closed = _string_end(text, index, raw)
            kind = "string" if closed else "unclosed string"
        else:
            kind, end = "code", index + 1
        yield kind, index, end
        index = end


def _line_end(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end < 0 else end


def _word_before(text: str, index: int) -> bool:
    return index > 0 and (text[index - 1].isalnum() or text[index - 1] == "_")


def _string_end(text: str, index: int, raw: bool) -> tuple[int, bool]:
    """Where the string opened at `index` ends, and whether its quote closes
    it (else it ends with its line: a string never spans lines)."""
    quote, at = text[index], index + 1
    while at < len(text) and text[at] != "\n":
        if text[at] == "\\" and not raw and text[at + 1:at + 2] != "\n":
            at += 2
            continue
        if text[at] == quote:
            return at + 1, True
        at += 1
    return min(at, len(text)), False


def cursor_in(text: str) -> str:
    """What a cursor at the end of `text` is in: "comment", "string" (one
    not closed yet) or "code"."""
    last = "code"
    for kind, _, _ in _pieces(text):
        last = kind
    return {"unclosed string": "string", "comment": "comment"}.get(last, "code")


def brace_depth(text: str) -> int:
    """How many `{` are open at the end of the text."""
    depth = sum({"{": 1, "}": -1}.get(text[start], 0) for kind, start, _ in _pieces(text) if kind == "code")
    return max(depth, 0)
