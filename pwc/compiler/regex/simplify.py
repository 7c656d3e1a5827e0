"""Compile flags, case folding, classes and counted repetition away.

Entry point: `simplify(regex) -> Core`.  The result has no flags left:
characters are UTF-8 byte tries, `^`/`$` are resolved to text or line
assertions, `(?U)` has swapped greediness, and `x{n,m}` is expanded exactly
as RE2 expands it (`x{2,5}` = `xx(x(x(x)?)?)?`, `x{3,}` = `xxx+`), since the
shape decides which of several equal-priority paths a capture takes.
"""

from __future__ import annotations

from ..records import record

from . import charset
from . import syntax as s


@record(frozen=True)
class Core:
    pass


@record(frozen=True)
class Bytes(Core):
    trie: charset.Trie  # empty trie: matches nothing


@record(frozen=True)
class Assert(Core):
    kind: str  # BOT EOT BOL EOL WB NWB


@record(frozen=True)
class Cat(Core):
    items: tuple[Core, ...]


@record(frozen=True)
class Alt(Core):
    items: tuple[Core, ...]


@record(frozen=True)
class Star(Core):
    sub: Core
    greedy: bool


@record(frozen=True)
class Plus(Core):
    sub: Core
    greedy: bool


@record(frozen=True)
class Quest(Core):
    sub: Core
    greedy: bool


@record(frozen=True)
class Capture(Core):
    sub: Core
    index: int


EMPTY = Cat(())

_ASSERTS = {"A": "BOT", "z": "EOT", "b": "WB", "B": "NWB"}
_NEWLINE = ((0x0A, 0x0A),)


def simplify(regex: s.Regex) -> Core:
    return _simplify(regex.root)


def codepoint_set(node: s.CharClass) -> charset.Ranges:
    """RE2's order: fold each item, complement negated items, then the class."""
    total: list[tuple[int, int]] = []
    folding = bool(node.flags & s.FOLD)
    for item in node.items:
        ranges = charset.normalize(item.ranges)
        if folding:
            ranges = charset.fold(ranges)
        if item.negated:
            ranges = charset.complement(ranges)
        total.extend(ranges)
    result = charset.normalize(total)
    if node.negated:
        result = charset.complement(result)
    return result


def _chars(ranges: charset.Ranges) -> Core:
    return Bytes(charset.trie_for(ranges))


def _simplify(node: s.Node) -> Core:
    if isinstance(node, s.Empty):
        return EMPTY
    if isinstance(node, s.Literal):
        ranges: tuple[tuple[int, int], ...] = ((node.codepoint, node.codepoint),)
        if node.flags & s.FOLD:
            ranges = charset.fold(ranges)
        return _chars(ranges)
    if isinstance(node, s.AnyChar):
        if node.flags & s.DOTALL:
            return _chars(((0, charset.MAX_CP),))
        return _chars(charset.complement(_NEWLINE))
    if isinstance(node, s.AnyByte):
        return Bytes(((0, 255, None),))
    if isinstance(node, s.CharClass):
        return _chars(codepoint_set(node))
    if isinstance(node, s.Assertion):
        multiline = bool(node.flags & s.MULTILINE)
        if node.kind == "^":
            return Assert("BOL" if multiline else "BOT")
        if node.kind == "$":
            return Assert("EOL" if multiline else "EOT")
        return Assert(_ASSERTS[node.kind])
    if isinstance(node, s.Group):
        sub = _simplify(node.sub)
        return sub if node.index is None else Capture(sub, node.index)
    if isinstance(node, s.Concat):
        return Cat(tuple(_simplify(i) for i in node.items))
    if isinstance(node, s.Alternate):
        return Alt(tuple(_simplify(i) for i in node.items))
    if isinstance(node, s.Repeat):
        greedy = node.greedy != bool(node.flags & s.UNGREEDY)
        return _repeat(_simplify(node.sub), node.min, node.max, greedy)
    raise TypeError(f"unknown regex node {node!r}")


def _repeat(sub: Core, lo: int, hi: int | None, greedy: bool) -> Core:
    if hi is None:
        if lo == 0:
            return Star(sub, greedy)
        if lo == 1:
            return Plus(sub, greedy)
        return Cat((sub,) * (lo - 1) + (Plus(sub, greedy),))
    if lo == 0 and hi == 0:
        return EMPTY
    if lo == 1 and hi == 1:
        return sub
    prefix = (sub,) * lo
    if hi == lo:
        return Cat(prefix)
    suffix: Core = Quest(sub, greedy)
    for _ in range(lo + 1, hi):
        suffix = Quest(Cat((sub, suffix)), greedy)
    return Cat(prefix + (suffix,))
