"""Parse RE2 syntax into a regex syntax tree whose nodes carry spans.

One entry point: `parse(pattern) -> Node`.  The tree keeps what was written
(flags in force at each node, `{n,m}` counts, class items before folding);
`simplify` compiles flags, case folding and counted repetition away.

Errors use RE2's own messages (`invalid escape sequence: \\1`), located by
str offsets into the pattern, with a hint when RE2 rejects something on
purpose (backreferences, lookaround, possessive repetition).
"""

from __future__ import annotations

from ..records import record

from .errors import RegexError

# Flags in force at a node; `(?i)` etc. set them for the rest of the group.
FOLD = 1  # (?i)
MULTILINE = 2  # (?m): ^ and $ match at line boundaries
DOTALL = 4  # (?s): . matches \n
UNGREEDY = 8  # (?U): swap greedy and lazy repetition
_FLAG_LETTERS = {"i": FOLD, "m": MULTILINE, "s": DOTALL, "U": UNGREEDY}

MAX_REPEAT = 1000  # RE2's kMaxRepeat, also applied to nested counts
MAX_NESTING = 250  # parentheses and repetitions deep; keeps Python's stack safe
MAX_CODEPOINT = 0x10FFFF

Span = tuple[int, int]
Ranges = tuple[tuple[int, int], ...]


@record(frozen=True)
class Node:
    span: Span


@record(frozen=True)
class Empty(Node):
    pass


@record(frozen=True)
class Literal(Node):
    codepoint: int
    flags: int


@record(frozen=True)
class AnyChar(Node):
    """`.`: any character, `\\n` only under (?s)."""

    flags: int


@record(frozen=True)
class AnyByte(Node):
    """`\\C`: any single byte."""


@record(frozen=True)
class ClassItem:
    ranges: Ranges
    negated: bool  # \D, [:^alpha:]: complement taken after case folding


@record(frozen=True)
class CharClass(Node):
    items: tuple[ClassItem, ...]
    negated: bool
    flags: int


@record(frozen=True)
class Assertion(Node):
    kind: str  # one of "^", "$", "A", "z", "b", "B"
    flags: int


@record(frozen=True)
class Repeat(Node):
    sub: Node
    min: int
    max: int | None  # None: unbounded
    greedy: bool  # as written, before (?U)
    flags: int


@record(frozen=True)
class Group(Node):
    sub: Node
    index: int | None  # None for (?:...)
    name: str | None


@record(frozen=True)
class Concat(Node):
    items: tuple[Node, ...]


@record(frozen=True)
class Alternate(Node):
    items: tuple[Node, ...]


@record(frozen=True)
class Regex:
    """A parsed pattern: the tree and its capture groups."""

    root: Node
    group_count: int
    group_names: tuple[tuple[str, int], ...]


_DIGIT: Ranges = ((0x30, 0x39),)
_WORD: Ranges = ((0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A))
_PERL_SPACE: Ranges = ((0x09, 0x0A), (0x0C, 0x0D), (0x20, 0x20))
PERL_CLASSES: dict[str, Ranges] = {"d": _DIGIT, "s": _PERL_SPACE, "w": _WORD}
POSIX_CLASSES: dict[str, Ranges] = {
    "alnum": ((0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A)),
    "alpha": ((0x41, 0x5A), (0x61, 0x7A)),
    "ascii": ((0x00, 0x7F),),
    "blank": ((0x09, 0x09), (0x20, 0x20)),
    "cntrl": ((0x00, 0x1F), (0x7F, 0x7F)),
    "digit": _DIGIT,
    "graph": ((0x21, 0x7E),),
    "lower": ((0x61, 0x7A),),
    "print": ((0x20, 0x7E),),
    "punct": ((0x21, 0x2F), (0x3A, 0x40), (0x5B, 0x60), (0x7B, 0x7E)),
    "space": ((0x09, 0x0D), (0x20, 0x20)),
    "upper": ((0x41, 0x5A),),
    "word": _WORD,
    "xdigit": ((0x30, 0x39), (0x41, 0x46), (0x61, 0x66)),
}
_SIMPLE_ESCAPES = {"a": 0x07, "f": 0x0C, "n": 0x0A, "r": 0x0D, "t": 0x09, "v": 0x0B}
_HEX = "0123456789abcdefABCDEF"
_REPEAT_CHARS = "*+?"


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == "_")


def parse(pattern: str) -> Regex:
    """Parse an RE2 pattern; raises RegexError located in `pattern`."""
    return _Parser(pattern).parse()


class _Parser:
    def __init__(self, pattern: str):
        self.p = pattern
        self.pos = 0
        self.groups = 0
        self.names: list[tuple[str, int]] = []
        self.depth = 0

    # -- helpers -----------------------------------------------------------
    def error(self, message: str, start: int, end: int, hint: str | None = None) -> RegexError:
        return RegexError(message, start, end, hint)

    def peek(self, offset: int = 0) -> str:
        i = self.pos + offset
        return self.p[i] if i < len(self.p) else ""

    def startswith(self, text: str) -> bool:
        return self.p.startswith(text, self.pos)

    # -- structure ---------------------------------------------------------
    def parse(self) -> Regex:
        for i, ch in enumerate(self.p):
            if 0xD800 <= ord(ch) <= 0xDFFF:
                raise self.error("invalid UTF-8", i, i + 1)
        node = self.alternation(0)
        if self.pos < len(self.p):  # only a `)` stops the top level early
            raise self.error(f"unexpected ): {self.p}", self.pos, self.pos + 1, "remove it, or escape it as `\\)`")
        return Regex(node, self.groups, tuple(self.names))

    def alternation(self, flags: int) -> Node:
        """Branches up to an unmatched `)` or the end; flags flow across `|`."""
        start = self.pos
        state = [flags]
        branches = [self.concatenation(state)]
        while self.peek() == "|":
            self.pos += 1
            branches.append(self.concatenation(state))
        if len(branches) == 1:
            return branches[0]
        return Alternate((start, self.pos), tuple(branches))

    def concatenation(self, state: list[int]) -> Node:
        start = self.pos
        items: list[Node] = []
        while self.pos < len(self.p) and self.peek() not in "|)":
            if self.startswith("(?") and self._flag_group(state):
                continue
            if self.startswith("\\Q"):
                items.extend(self._quoted(state[0]))
                continue
            ch = self.peek()
            if ch in _REPEAT_CHARS or (ch == "{" and self._counted_repeat(dry=True)):
                end = self._repeat_op_end()
                raise self.error(f"no argument for repetition operator: {self.p[self.pos:end]}", self.pos, end)
            atom = self.atom(state[0])
            items.append(self.repetitions(atom, state[0]))
        if not items:
            return Empty((start, start))
        if len(items) == 1:
            return items[0]
        return Concat((start, self.pos), tuple(items))

    def _repeat_op_end(self) -> int:
        if self.peek() == "{":
            return self.p.index("}", self.pos) + 1
        return self.pos + 1

    def repetitions(self, atom: Node, flags: int) -> Node:
        node = atom
        first_op = None
        while True:
            op_start = self.pos
            ch = self.peek()
            if ch and ch in _REPEAT_CHARS:
                self.pos += 1
                lo, hi = {"*": (0, None), "+": (1, None), "?": (0, 1)}[ch]
            elif ch == "{" and self._counted_repeat(dry=True):
                lo, hi = self._counted_repeat(dry=False)
            else:
                return node
            greedy = True
            if self.peek() == "?":
                self.pos += 1
                greedy = False
            if first_op is not None:
                text = self.p[first_op : self.pos]
                hint = None
                if text.endswith("+") and text[:-1] in ("*", "+", "?") or text.endswith("}+"):
                    hint = "RE2 does not support possessive repetition; drop the second `+`"
                raise self.error(f"bad repetition operator: {text}", first_op, self.pos, hint)
            first_op = op_start
            node = Repeat((atom.span[0], self.pos), node, lo, hi, greedy, flags)
            self._check_repeat_size(node, op_start)

    def _check_repeat_size(self, node: Repeat, op_start: int) -> None:
        """RE2 also bounds nested counts: ((a{100}){10}){2} is too big."""

        def weight(n: Node) -> int:
            if isinstance(n, Repeat):
                inner = weight(n.sub)
                count = n.max if n.max is not None else n.min
                if n.max is None and n.min <= 1:
                    return inner
                return max(count, 1) * inner
            if isinstance(n, (Concat, Alternate)):
                return max((weight(i) for i in n.items), default=1)
            if isinstance(n, Group):
                return weight(n.sub)
            return 1

        if weight(node) > MAX_REPEAT:
            text = self.p[op_start : self.pos]
            raise self.error(
                f"invalid repetition size: {text}",
                op_start,
                self.pos,
                f"RE2 allows at most {MAX_REPEAT} repetitions, nested counts multiplied",
            )

    def _counted_repeat(self, dry: bool):
        """`{n}`, `{n,}`, `{n,m}`; anything else starting with `{` is a literal."""
        i = self.pos + 1
        p = self.p

        def number(j: int) -> tuple[int | None, int]:
            k = j
            while k < len(p) and p[k].isascii() and p[k].isdigit():
                k += 1
            if k == j:
                return None, j
            return int(p[j:k]), k

        lo, i = number(i)
        if lo is None:
            return False if dry else None
        hi: int | None = lo
        if i < len(p) and p[i] == ",":
            hi, i = number(i + 1)
        if i >= len(p) or p[i] != "}":
            return False if dry else None
        if dry:
            return True
        start = self.pos
        self.pos = i + 1
        if lo > MAX_REPEAT or (hi is not None and (hi > MAX_REPEAT or hi < lo)):
            raise self.error(
                f"invalid repetition size: {p[start:self.pos]}",
                start,
                self.pos,
                f"counts must satisfy n <= m <= {MAX_REPEAT}",
            )
        return lo, hi

    def _quoted(self, flags: int) -> list[Node]:
        """\\Q...\\E: everything literal up to \\E or the end."""
        self.pos += 2
        out: list[Node] = []
        while self.pos < len(self.p):
            if self.startswith("\\E"):
                self.pos += 2
                break
            if self.startswith("\\\\"):
                self.pos += 1  # RE2 reads \\ inside \Q...\E as one backslash
            out.append(Literal((self.pos, self.pos + 1), ord(self.p[self.pos]), flags))
            self.pos += 1
        # \Q..\E applies a following repetition to its last character only
        if out:
            last = out.pop()
            out.append(self.repetitions(last, flags))
        return out

    def _flag_group(self, state: list[int]) -> bool:
        """Handle `(?flags)`; returns False for any other `(?` construct."""
        j = self.pos + 2
        p = self.p
        while j < len(p) and (p[j] in _FLAG_LETTERS or p[j] == "-"):
            j += 1
        if j < len(p) and p[j] == ")":
            state[0] = self._parse_flags(self.pos, j, state[0])
            self.pos = j + 1
            return True
        return False

    def _parse_flags(self, start: int, end: int, flags: int) -> int:
        """Letters between `(?` (at start) and `)`/`:` (at end)."""
        text = self.p[start + 2 : end]
        negate = False
        seen_letter_after_minus = False
        for ch in text:
            if ch == "-":
                if negate:
                    break
                negate = True
                continue
            bit = _FLAG_LETTERS[ch]
            if negate:
                flags &= ~bit
                seen_letter_after_minus = True
            else:
                flags |= bit
        else:
            if not negate or seen_letter_after_minus:
                return flags
        raise self.error(f"invalid perl operator: {self.p[start:end + 1]}", start, end + 1)

    def atom(self, flags: int) -> Node:
        start = self.pos
        ch = self.peek()
        if ch == "(":
            return self.group(flags)
        if ch == "[":
            return self.char_class(flags)
        if ch == ".":
            self.pos += 1
            return AnyChar((start, self.pos), flags)
        if ch == "^":
            self.pos += 1
            return Assertion((start, self.pos), "^", flags)
        if ch == "$":
            self.pos += 1
            return Assertion((start, self.pos), "$", flags)
        if ch == "\\":
            return self.escape(flags)
        self.pos += 1
        return Literal((start, self.pos), ord(ch), flags)

    def group(self, flags: int) -> Node:
        start = self.pos
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise self.error("expression nests too deeply", start, start + 1, f"at most {MAX_NESTING} levels")
        index, name = None, None
        if self.startswith("(?"):
            self.refuse_lookaround(start)
            if self.startswith("(?P<") or self.startswith("(?<"):
                index, name = self.named_group_head(start)
            else:
                flags = self.group_flags_head(start, flags)
        else:
            self.groups += 1
            index = self.groups
            self.pos += 1
        sub = self.alternation(flags)
        if self.peek() != ")":
            raise self.error(f"missing ): {self.p}", start, len(self.p), "close the group with `)`")
        self.pos += 1
        self.depth -= 1
        return Group((start, self.pos), sub, index, name)

    def named_group_head(self, start: int) -> tuple[int, str]:
        """`(?P<name>` or `(?<name>`: the group's number and name; moves past the `>`."""
        p = self.p
        name_start = start + (4 if self.startswith("(?P<") else 3)
        close = p.find(">", name_start)
        if close < 0:
            raise self.error(f"invalid named capture group: {p[start:]}", start, len(p))
        name = p[name_start:close]
        if not name or not all(_is_word_char(c) for c in name):
            raise self.error(f"invalid named capture group: {p[start:close + 1]}", start, close + 1,
                             "group names are letters, digits and `_`")
        self.groups += 1
        self.names.append((name, self.groups))
        self.pos = close + 1
        return self.groups, name

    def refuse_lookaround(self, start: int) -> None:
        rest = self.p[start + 2 : start + 4]
        if rest.startswith("=") or rest.startswith("!") or rest in ("<=", "<!"):
            op = "(?" + (rest if rest in ("<=", "<!") else rest[:1])
            raise self.error(f"invalid perl operator: {op}", start, start + len(op),
                             "RE2 does not support lookaround assertions (they can need backtracking)")

    def group_flags_head(self, start: int, flags: int) -> int:
        """`(?flags:` (a non-capturing group): the flags inside it; moves past the `:`.
        Everything else after `(?` is refused with RE2's message."""
        p = self.p
        if self.startswith("(?P"):
            raise self.error("invalid perl operator: (?P", start, start + 3,
                             "RE2 does not support backreferences such as `(?P=name)`")
        j = start + 2
        while j < len(p) and (p[j] in _FLAG_LETTERS or p[j] == "-"):
            j += 1
        if j < len(p) and p[j] == ":":
            flags = self._parse_flags(start, j, flags)
            self.pos = j + 1
            return flags
        end = min(j + 1, len(p))
        hint = "RE2 does not support comments `(?#...)`" if p[start + 2 : start + 3] == "#" else None
        raise self.error(f"invalid perl operator: {p[start:end]}", start, end, hint)

    # -- escapes -----------------------------------------------------------
    def escape(self, flags: int) -> Node:
        start = self.pos
        if self.pos + 1 >= len(self.p):
            raise self.error("trailing \\", start, start + 1, "escape a backslash as `\\\\`")
        ch = self.p[self.pos + 1]
        if ch in "AzbB":
            self.pos += 2
            return Assertion((start, self.pos), ch, flags)
        if ch == "C":
            self.pos += 2
            return AnyByte((start, self.pos))
        if ch in "dswDSW" or ch in "pP":
            item = self.class_escape()
            return CharClass((start, self.pos), (item,), False, flags)
        cp = self.single_escape()
        return Literal((start, self.pos), cp, flags)

    def class_escape(self) -> ClassItem:
        """`\\d \\s \\w` and negations; `\\p` is reported as unsupported."""
        start = self.pos
        ch = self.p[self.pos + 1]
        if ch in "pP":
            end = self.pos + 2
            if end < len(self.p) and self.p[end] == "{":
                close = self.p.find("}", end)
                end = close + 1 if close >= 0 else len(self.p)
            else:
                end = min(end + 1, len(self.p))
            raise self.error(
                f"Unicode class {self.p[start:end]} is not supported yet",
                start,
                end,
                "use an explicit class such as `[a-zA-Z]` or `[^\\x00-\\x7f]`",
            )
        self.pos += 2
        return ClassItem(PERL_CLASSES[ch.lower()], ch.isupper())

    def single_escape(self) -> int:
        """An escape denoting one character; raises for everything else."""
        start = self.pos
        p = self.p
        ch = p[self.pos + 1]
        self.pos += 2
        if ch in "1234567" and not (self.peek() and self.peek() in "01234567"):
            raise self.error(
                f"invalid escape sequence: \\{ch}",
                start,
                self.pos,
                "RE2 does not support backreferences; in a rewrite template write `\\1` or `$1` there instead",
            )
        if ch in "01234567":
            code = int(ch)
            for _ in range(2):
                if self.peek() and self.peek() in "01234567":
                    code = code * 8 + int(self.peek())
                    self.pos += 1
                else:
                    break
            return code
        if ch == "x":
            if self.peek() == "{":
                j = self.pos + 1
                while j < len(p) and p[j] in _HEX:
                    j += 1
                if j > self.pos + 1 and j < len(p) and p[j] == "}":
                    code = int(p[self.pos + 1 : j], 16)
                    if code <= MAX_CODEPOINT:
                        self.pos = j + 1
                        return code
                raise self.error(f"invalid escape sequence: {p[start:min(j + 1, len(p))]}", start, min(j + 1, len(p)))
            digits = p[self.pos : self.pos + 2]
            if len(digits) == 2 and all(c in _HEX for c in digits):
                self.pos += 2
                return int(digits, 16)
            end = min(self.pos + 2, len(p))
            raise self.error(f"invalid escape sequence: {p[start:end]}", start, end, "write `\\xHH` or `\\x{HHHH}`")
        if ch in _SIMPLE_ESCAPES:
            return _SIMPLE_ESCAPES[ch]
        if ord(ch) < 0x80 and not _is_word_char(ch):
            return ord(ch)
        hint = None
        if ch == "Z":
            hint = "RE2 does not support `\\Z`; use `\\z` (or `$` without (?m))"
        elif ch in "89":
            hint = "RE2 does not support backreferences"
        raise self.error(f"invalid escape sequence: \\{ch}", start, self.pos, hint)

    # -- classes -----------------------------------------------------------
    def char_class(self, flags: int) -> Node:
        start = self.pos
        p = self.p
        self.pos += 1
        negated = False
        if self.peek() == "^":
            negated = True
            self.pos += 1
        items: list[ClassItem] = []
        first = True
        while True:
            if self.pos >= len(p):
                raise self.error(f"missing ]: {p[start:]}", start, len(p), "close the class with `]`")
            ch = p[self.pos]
            if ch == "]" and not first:
                self.pos += 1
                break
            first = False
            if self.startswith("[:"):
                close = p.find(":]", self.pos + 2)
                if close >= 0:
                    name = p[self.pos + 2 : close]
                    neg = name.startswith("^")
                    if neg:
                        name = name[1:]
                    if name not in POSIX_CLASSES:
                        raise self.error(
                            f"invalid character class range: {p[self.pos:close + 2]}",
                            self.pos,
                            close + 2,
                            "POSIX classes: " + ", ".join(sorted(POSIX_CLASSES)),
                        )
                    self.pos = close + 2
                    items.append(ClassItem(POSIX_CLASSES[name], neg))
                    continue
            if ch == "\\" and self.pos + 1 < len(p) and p[self.pos + 1] in "dswDSWpP":
                items.append(self.class_escape())
                continue
            lo_start = self.pos
            lo = self.class_char()
            hi = lo
            if self.peek() == "-" and self.peek(1) not in ("]", ""):
                self.pos += 1
                if self.startswith("\\") and self.peek(1) in tuple("dswDSWpP"):
                    raise self.error(f"invalid escape sequence: {p[self.pos:self.pos + 2]}", self.pos, self.pos + 2)
                hi = self.class_char()
                if hi < lo:
                    raise self.error(
                        f"invalid character class range: {p[lo_start:self.pos]}",
                        lo_start,
                        self.pos,
                        "write the lower end of a range first",
                    )
            items.append(ClassItem(((lo, hi),), False))
        return CharClass((start, self.pos), tuple(items), negated, flags)

    def class_char(self) -> int:
        if self.peek() == "\\":
            if self.pos + 1 >= len(self.p):
                raise self.error("trailing \\", self.pos, self.pos + 1)
            if self.p[self.pos + 1] in "bBAzCQE":
                raise self.error(f"invalid escape sequence: {self.p[self.pos:self.pos + 2]}", self.pos, self.pos + 2)
            return self.single_escape()
        ch = self.p[self.pos]
        self.pos += 1
        return ord(ch)
