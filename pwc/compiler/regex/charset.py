"""Code point sets: normalising, case folding, complement, and UTF-8 byte tries.

A set is a tuple of disjoint, sorted, non-adjacent (lo, hi) code point ranges.
A byte trie is a tuple of (lo, hi, child) with disjoint sorted byte ranges;
child None means the sequence ends there.  The trie encodes exactly the UTF-8
byte sequences RE2 compiles for the set, including RE2's one deliberate
looseness: a set that contains all of U+0080..U+10FFFF becomes
`[C2-DF][80-BF] | [E0-EF][80-BF]{2} | [F0-F4][80-BF]{3}`, which also accepts
some overlong and out-of-range sequences (RE2's Add_80_10ffff).
"""

from __future__ import annotations

import bisect
from functools import cache

MAX_CP = 0x10FFFF
Ranges = tuple[tuple[int, int], ...]
Trie = tuple[tuple[int, int, "Trie | None"], ...]


def normalize(ranges) -> Ranges:
    out: list[list[int]] = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], hi)
        else:
            out.append([lo, hi])
    return tuple((lo, hi) for lo, hi in out)


def complement(ranges: Ranges, top: int = MAX_CP) -> Ranges:
    out = []
    nxt = 0
    for lo, hi in ranges:
        if lo > nxt:
            out.append((nxt, lo - 1))
        nxt = hi + 1
    if nxt <= top:
        out.append((nxt, top))
    return tuple(out)


# ASCII letters whose simple case-folding orbit leaves ASCII (Unicode CaseFolding).
_ASCII_EXTRA = {0x6B: (0x212A,), 0x4B: (0x212A,), 0x73: (0x17F,), 0x53: (0x17F,)}


@cache
def _fold_table() -> tuple[tuple[int, ...], dict[int, tuple[int, ...]]]:
    """Orbits of simple case folding, from Python's Unicode database.

    Links a character to its single-character lower() and casefold(); upper()
    is left out on purpose: it would tie dotless ı to I, which Unicode's simple
    folding (and RE2) does not.
    """
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for cp in range(MAX_CP + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        for other in (ch.lower(), ch.casefold()):
            if len(other) == 1 and ord(other) != cp:
                a, b = find(cp), find(ord(other))
                if a != b:
                    parent[max(a, b)] = min(a, b)
    orbits: dict[int, list[int]] = {}
    for cp in parent:
        orbits.setdefault(find(cp), []).append(cp)
    table: dict[int, tuple[int, ...]] = {}
    for root, members in orbits.items():
        orbit = tuple(sorted(set(members) | {root}))
        for cp in orbit:
            table[cp] = orbit
    return tuple(sorted(table)), table


def fold(ranges: Ranges) -> Ranges:
    """Add every character case-equivalent to one in the set."""
    extra: list[tuple[int, int]] = []
    if all(hi < 0x80 for _, hi in ranges):
        for lo, hi in ranges:
            for cp in range(lo, hi + 1):
                if 0x41 <= cp <= 0x5A or 0x61 <= cp <= 0x7A:
                    extra.append((cp ^ 0x20, cp ^ 0x20))
                    for e in _ASCII_EXTRA.get(cp, ()):
                        extra.append((e, e))
        return normalize(ranges + tuple(extra))
    keys, table = _fold_table()
    for lo, hi in ranges:
        i = bisect.bisect_left(keys, lo)
        while i < len(keys) and keys[i] <= hi:
            for cp in table[keys[i]]:
                extra.append((cp, cp))
            i += 1
    return normalize(ranges + tuple(extra))


def _encode(cp: int) -> bytes:
    if cp < 0x80:
        return bytes([cp])
    if cp < 0x800:
        return bytes([0xC0 | cp >> 6, 0x80 | cp & 0x3F])
    if cp < 0x10000:
        return bytes([0xE0 | cp >> 12, 0x80 | (cp >> 6) & 0x3F, 0x80 | cp & 0x3F])
    return bytes([0xF0 | cp >> 18, 0x80 | (cp >> 12) & 0x3F, 0x80 | (cp >> 6) & 0x3F, 0x80 | cp & 0x3F])


def _sequences(lo: int, hi: int, out: list[list[tuple[int, int]]]) -> None:
    """Exact UTF-8 byte-range sequences for [lo, hi] (surrogates included, as RE2)."""
    for limit in (0x7F, 0x7FF, 0xFFFF):
        if lo <= limit < hi:
            _sequences(lo, limit, out)
            _sequences(limit + 1, hi, out)
            return
    if hi < 0x80:
        out.append([(lo, hi)])
        return
    for i in (1, 2, 3):
        mask = (1 << (6 * i)) - 1
        if lo & ~mask != hi & ~mask:
            if lo & mask:
                _sequences(lo, lo | mask, out)
                _sequences((lo | mask) + 1, hi, out)
                return
            if hi & mask != mask:
                _sequences(lo, (hi & ~mask) - 1, out)
                _sequences(hi & ~mask, hi, out)
                return
    a, b = _encode(lo), _encode(hi)
    out.append(list(zip(a, b)))


_CONT = (0x80, 0xBF)
_LOOSE = [[(0xC2, 0xDF), _CONT], [(0xE0, 0xEF), _CONT, _CONT], [(0xF0, 0xF4), _CONT, _CONT, _CONT]]


def utf8_sequences(ranges: Ranges) -> list[list[tuple[int, int]]]:
    out: list[list[tuple[int, int]]] = []
    for lo, hi in ranges:
        if lo <= 0x80 and hi == MAX_CP:
            if lo < 0x80:
                out.append([(lo, 0x7F)])
            out.extend(list(s) for s in _LOOSE)
        else:
            _sequences(lo, hi, out)
    return out


def build_trie(seqs: list[list[tuple[int, int]]]) -> Trie:
    """Merge byte-range sequences (a prefix-free set) into one deterministic trie."""
    if not seqs:
        return ()
    cuts = sorted({s[0][0] for s in seqs} | {s[0][1] + 1 for s in seqs})
    pieces: list[tuple[int, int, Trie | None]] = []
    for a, b in zip(cuts, cuts[1:]):
        tails = [s[1:] for s in seqs if s[0][0] <= a and b - 1 <= s[0][1]]
        if not tails:
            continue
        if any(not t for t in tails):
            child = None
        else:
            child = build_trie(tails)
        if pieces and pieces[-1][1] == a - 1 and pieces[-1][2] == child:
            pieces[-1] = (pieces[-1][0], b - 1, child)
        else:
            pieces.append((a, b - 1, child))
    return tuple(pieces)


def trie_for(ranges: Ranges) -> Trie:
    return build_trie(utf8_sequences(ranges))
