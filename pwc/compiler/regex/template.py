"""Rewrite templates: `$1`/`\\1` references, `$$` and `\\\\` escapes.

Entry point: `parse_template(text, group_count) -> Template`.

    $0 .. $9    the whole match / group n (as in the talk's `status/$1`)
    \\0 .. \\9    the same, RE2's and Envoy's rewrite syntax
    $$          a literal `$`
    \\\\          a literal backslash (RE2's rewrite escape)

A reference is one digit, as in RE2: `$10` is group 1 followed by `0`.  Any
other use of `$` or `\\` is an error (RE2 rejects a stray `\\` too; a stray
`$` would silently mean two different things in RE2 and in the talk's SDKs).
A group that did not take part in the match inserts "".
"""

from __future__ import annotations


from .errors import RegexError
from ..records import record


@record(frozen=True)
class Template:
    pieces: tuple[bytes | int, ...]  # literal UTF-8 bytes, or a group number
    source: str

    @property
    def max_group(self) -> int:
        return max((p for p in self.pieces if isinstance(p, int)), default=-1)


def parse_template(template: str, group_count: int) -> Template:
    pieces: list[bytes | int] = []
    literal = bytearray()
    i = 0
    while i < len(template):
        ch = template[i]
        if ch not in "$\\":
            literal += ch.encode("utf-8", "surrogatepass")
            i += 1
            continue
        nxt = template[i + 1] if i + 1 < len(template) else ""
        if nxt == ch:
            literal += ch.encode()
            i += 2
            continue
        if nxt.isascii() and nxt.isdigit():
            group = int(nxt)
            if group > group_count:
                raise RegexError(
                    f"the template refers to group {group}, but the regex has only {group_count} "
                    f"capture group{'s' if group_count != 1 else ''}",
                    i,
                    i + 2,
                    "count the `(` of the capturing groups; `(?:...)` does not capture",
                )
            if literal:
                pieces.append(bytes(literal))
                literal.clear()
            pieces.append(group)
            i += 2
            continue
        if ch == "$":
            hint = "write `$$` for a literal `$`; references are `$0`..`$9`"
            if nxt == "{":
                hint = "`${n}` is not supported; write `$1`..`$9`"
            raise RegexError("invalid rewrite template: `$` must be followed by a digit or `$`", i, i + 1 + bool(nxt), hint)
        raise RegexError(
            "invalid rewrite template: `\\` must be followed by a digit or `\\`",
            i,
            i + 1 + bool(nxt),
            "write `\\\\` for a literal backslash; references are `\\0`..`\\9`",
        )
    if literal:
        pieces.append(bytes(literal))
    return Template(tuple(pieces), template)
