"""RE2 itself, through google-re2, as the oracle for pwc's regexes.

google-re2's Python `sub` follows Python's `re` on empty matches
(`a*` -> `-` on `baaac` gives `-b--c-`), not RE2::GlobalReplace (`-b-c-`,
which Envoy's regex_rewrite uses).  So GlobalReplace and Rewrite are
re-implemented here from RE2's re2.cc on top of RE2's own Match (called with
a start position, which keeps `^` and `\\b` context exactly as RE2 does).
"""

from __future__ import annotations

import re2

_UNANCHORED = re2._Anchor.UNANCHORED


class Oracle:
    def __init__(self, pattern: str):
        self.rx = re2.compile(pattern)
        self.raw = self.rx._regexp
        self.groups = self.rx.groups

    def spans(self, text: bytes, pos: int = 0):
        spans = self.raw.Match(_UNANCHORED, text, pos, len(text))
        return None if spans[0] == (-1, -1) else spans

    def search(self, text: bytes) -> bool:
        return self.spans(text) is not None

    def find(self, text: bytes, group: int = 0) -> bytes:
        """The leftmost-first match (or one of its groups), b"" when none."""
        spans = self.spans(text)
        if spans is None or spans[group][0] < 0:
            return b""
        return text[spans[group][0] : spans[group][1]]

    def find_all(self, text: bytes) -> list[bytes]:
        """RE2's FindAll as GlobalReplace walks the text: an empty match right
        after the previous match is skipped, one character stepped over."""
        found: list[bytes] = []
        p, lastend = 0, -1
        while p <= len(text):
            spans = self.spans(text, p)
            if spans is None:
                break
            m0, m1 = spans[0]
            if m0 == lastend and m0 == m1:
                p += _rune_step(text, p)
                continue
            found.append(text[m0:m1])
            p = lastend = m1
        return found

    def global_replace(self, text: bytes, rewrite: bytes) -> bytes:
        """RE2::GlobalReplace (re2.cc), UTF-8 mode, no replacement limit."""
        out = bytearray()
        p = 0
        ep = len(text)
        lastend = -1
        count = 0
        while p <= ep:
            spans = self.spans(text, p)
            if spans is None:
                break
            m0, m1 = spans[0]
            if p < m0:
                out += text[p:m0]
            if m0 == lastend and m0 == m1:
                n = _rune_step(text, p)
                if p < ep:
                    out += text[p : p + n]
                p += n
                continue
            out += _rewrite(rewrite, text, spans)
            p = m1
            lastend = p
            count += 1
        if count == 0:
            return text
        if p < ep:
            out += text[p:]
        return bytes(out)


def _rune_step(text: bytes, p: int) -> int:
    """fullrune + chartorune as GlobalReplace uses them: bytes to skip."""
    n = min(4, len(text) - p)
    if n <= 0:
        return 1
    c = text[p]
    if c < 0x80:
        return 1
    need = 2 if c < 0xE0 else 3 if c < 0xF0 else 4
    if n < need:
        return 1
    try:
        decoded = text[p : p + need].decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return 1
    return need if len(decoded) == 1 and c < 0xF8 else 1


def _rewrite(rewrite: bytes, text: bytes, spans) -> bytes:
    """RE2::Rewrite: `\\0`..`\\9` insert groups, `\\\\` a backslash."""
    out = bytearray()
    i = 0
    while i < len(rewrite):
        c = rewrite[i]
        if c != 0x5C:
            out.append(c)
            i += 1
            continue
        d = rewrite[i + 1]
        i += 2
        if 0x30 <= d <= 0x39:
            lo, hi = spans[d - 0x30]
            if lo >= 0:
                out += text[lo:hi]
        elif d == 0x5C:
            out.append(0x5C)
        else:
            raise ValueError("invalid rewrite")
    return bytes(out)


def to_re2_rewrite(template: str) -> bytes:
    """pwc template syntax -> RE2 rewrite syntax ($n -> \\n, $$ -> $)."""
    out = []
    i = 0
    while i < len(template):
        ch = template[i]
        if ch == "$" and template[i + 1] == "$":
            out.append("$")
            i += 2
        elif ch == "$":
            out.append("\\" + template[i + 1])
            i += 2
        elif ch == "\\":
            out.append(template[i : i + 2])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out).encode()
