"""Compile the simplified regex into a program, then precompute its closures.

Entry point: `compile_program(core, group_count) -> Automaton`.

The program is RE2's instruction set, shaped exactly as RE2 compiles it
(in particular `x*` for a nullable `x` is `(x+)?`, which decides captures on
empty iterations):

    ("cons", ((lo, hi, next), ...))  consume one byte in a range, go to next
    ("split", x, y)                  try x, then y (leftmost-first priority)
    ("save", slot, next)             record the position in a capture slot
    ("assert", kind, next)           empty-width test: BOT EOT BOL EOL WB NWB
    ("nop", next) ("match",) ("fail",)

A Pike VM spends most of its time following split/save/assert chains.  Those
chains depend only on the program and on a few facts about the current
position (at the start or end of the text, after or before `\\n`, at a word
boundary), so we follow them here, once, for every place a thread can resume
("follow points"): each closure becomes an ordered list of (target, slots to
set) entries, branching on the context bits the closure looks at.  The
generated code then only moves threads between consuming instructions.

Leftmost-first semantics are preserved: a closure is explored depth first in
priority order with a visited set, exactly as RE2's AddToThreadq does, and
entries after a match are dropped (the match cuts them at the next step).
Across threads the run-time dedup on targets gives the same lists RE2 gets,
because a visited set closed under successors contains all of their targets.
"""

from __future__ import annotations

from dataclasses import field
from typing import Union

from . import simplify as c
from .errors import RegexError
from ..records import record

# Budget for a compiled pattern (documented in the package docstring).
MAX_INSTRUCTIONS = 5000
MAX_CLOSURE_ENTRIES = 20000
MAX_WORKSPACE_BYTES = 1 << 20

CTX_BITS = {"BOT": 1, "EOT": 2, "BOL": 4, "EOL": 8, "WB": 16, "NWB": 16}


Entries = tuple[tuple[int, tuple[int, ...]], ...]  # (target, capture slots to set), in priority order


@record(frozen=True)
class ContextBranch:
    """A closure that depends on one context bit at its follow point."""

    bit: int
    yes: Decision
    no: Decision


# A closure: its entries, or a branch on the context bits it looks at.
Decision = Union[Entries, ContextBranch]


@record
class Automaton:
    insts: list[tuple]
    start: int
    group_count: int
    targets: list[int]  # pcs of consuming instructions and of the match
    target_of: dict[int, int]
    match_target: int
    closures: dict[int, Decision] = field(default_factory=dict)  # follow pc -> its closure
    ctx_bits: int = 0  # which context bits any closure looks at
    closure_entries: int = 0

    @property
    def slot_count(self) -> int:
        return 2 * (self.group_count + 1)


def entries_at(decision: Decision, ctx: int) -> Entries:
    """The entries of a closure where the context bits are `ctx`."""
    while isinstance(decision, ContextBranch):
        decision = decision.yes if ctx & decision.bit else decision.no
    return decision


def compile_program(core: c.Core, group_count: int, pattern_length: int) -> Automaton:
    builder = _Builder(pattern_length)
    match = builder.add(("match",))
    end = builder.add(("save", 1, match))
    body = builder.compile(core, end)
    start = builder.add(("save", 0, body))
    insts = builder.insts
    targets = [pc for pc, inst in enumerate(insts) if inst[0] in ("cons", "match")]
    auto = Automaton(insts, start, group_count, targets, {pc: i for i, pc in enumerate(targets)}, 0)
    auto.match_target = auto.target_of[match]
    workspace = 16 + 4 * len(targets) * (1 + 2 * (1 + auto.slot_count)) + 8 * auto.slot_count
    if workspace > MAX_WORKSPACE_BYTES:
        raise _too_large(pattern_length, f"{workspace} bytes of thread state", MAX_WORKSPACE_BYTES)
    follows = [start] + [nxt for inst in insts if inst[0] == "cons" for (_, _, nxt) in inst[1]]
    for pc in follows:
        if pc not in auto.closures:
            auto.closures[pc] = _decide(auto, pc)
            if auto.closure_entries > MAX_CLOSURE_ENTRIES:
                raise _too_large(pattern_length, f"more than {MAX_CLOSURE_ENTRIES} thread transitions", None)
    return auto


def _too_large(pattern_length: int, what: str, limit: int | None) -> RegexError:
    limit_text = f"limit {limit}" if limit is not None else f"limit {MAX_CLOSURE_ENTRIES}"
    return RegexError(
        f"pattern too large: it compiles to {what} ({limit_text})",
        0,
        pattern_length,
        "reduce counted repetitions such as `{n,m}` or split the pattern",
    )


class _Builder:
    def __init__(self, pattern_length: int):
        self.insts: list[tuple] = []
        self.pattern_length = pattern_length

    def add(self, inst: tuple) -> int:
        self.insts.append(inst)
        if len(self.insts) > MAX_INSTRUCTIONS:
            raise _too_large(self.pattern_length, f"more than {MAX_INSTRUCTIONS} instructions", MAX_INSTRUCTIONS)
        return len(self.insts) - 1

    def compile(self, node: c.Core, nxt: int) -> int:
        """Entry pc of `node` whose exit continues at `nxt` (built back to front)."""
        if isinstance(node, c.Bytes):
            if not node.trie:
                return self.add(("fail",))
            return self.trie(node.trie, nxt, {})
        if isinstance(node, c.Assert):
            return self.add(("assert", node.kind, nxt))
        if isinstance(node, c.Cat):
            for item in reversed(node.items):
                nxt = self.compile(item, nxt)
            return nxt if node.items else self.add(("nop", nxt))
        if isinstance(node, c.Alt):
            entries = [self.compile(item, nxt) for item in node.items]
            pc = entries[-1]
            for entry in reversed(entries[:-1]):
                pc = self.add(("split", entry, pc))
            return pc
        if isinstance(node, c.Quest):
            body = self.compile(node.sub, nxt)
            return self.add(("split", body, nxt) if node.greedy else ("split", nxt, body))
        if isinstance(node, c.Star):
            if nullable(node.sub):
                return self.compile(c.Quest(c.Plus(node.sub, node.greedy), node.greedy), nxt)
            loop = self.add(("nop", -1))
            body = self.compile(node.sub, loop)
            self.insts[loop] = ("split", body, nxt) if node.greedy else ("split", nxt, body)
            return loop
        if isinstance(node, c.Plus):
            loop = self.add(("nop", -1))
            body = self.compile(node.sub, loop)
            self.insts[loop] = ("split", body, nxt) if node.greedy else ("split", nxt, body)
            return body
        if isinstance(node, c.Capture):
            close = self.add(("save", 2 * node.index + 1, nxt))
            body = self.compile(node.sub, close)
            return self.add(("save", 2 * node.index, body))
        raise TypeError(f"unknown core node {node!r}")

    def trie(self, trie, nxt: int, memo: dict) -> int:
        key = id(trie)
        if key in memo:
            return memo[key][1]
        arms = tuple((lo, hi, nxt if child is None else self.trie(child, nxt, memo)) for lo, hi, child in trie)
        pc = self.add(("cons", arms))
        memo[key] = (trie, pc)  # keep trie alive so id() stays unique
        return pc


def nullable(node: c.Core) -> bool:
    if isinstance(node, c.Bytes):
        return False
    if isinstance(node, c.Assert):
        return True
    if isinstance(node, c.Cat):
        return all(nullable(i) for i in node.items)
    if isinstance(node, c.Alt):
        return any(nullable(i) for i in node.items)
    if isinstance(node, (c.Star, c.Quest)):
        return True
    if isinstance(node, (c.Plus, c.Capture)):
        return nullable(node.sub)
    raise TypeError(f"unknown core node {node!r}")


def _assert_holds(kind: str, ctx: int) -> bool:
    bit = CTX_BITS[kind]
    return not (ctx & bit) if kind == "NWB" else bool(ctx & bit)


def _closure(auto: Automaton, pc: int, ctx: int) -> Entries:
    """Ordered (target, saves) entries reachable from pc without consuming."""
    insts = auto.insts
    out: list[tuple[int, tuple[int, ...]]] = []
    visited: set[int] = set()
    stack: list[tuple[int, tuple[int, ...]]] = [(pc, ())]
    while stack:
        pc, saves = stack.pop()
        if pc in visited:
            continue
        visited.add(pc)
        inst = insts[pc]
        op = inst[0]
        if op == "cons":
            out.append((auto.target_of[pc], saves))
        elif op == "match":
            out.append((auto.target_of[pc], saves))
            break  # lower-priority entries would be cut by this match
        elif op == "split":
            stack.append((inst[2], saves))
            stack.append((inst[1], saves))
        elif op == "save":
            stack.append((inst[2], saves + (inst[1],)))
        elif op == "assert":
            if _assert_holds(inst[1], ctx):
                stack.append((inst[2], saves))
        elif op == "nop":
            stack.append((inst[1], saves))
    return tuple(out)


def _context_bits(auto: Automaton, pc: int) -> int:
    bits = 0
    seen: set[int] = set()
    stack = [pc]
    while stack:
        pc = stack.pop()
        if pc in seen:
            continue
        seen.add(pc)
        inst = auto.insts[pc]
        if inst[0] == "split":
            stack += [inst[1], inst[2]]
        elif inst[0] in ("save", "assert"):
            if inst[0] == "assert":
                bits |= CTX_BITS[inst[1]]
            stack.append(inst[2])
        elif inst[0] == "nop":
            stack.append(inst[1])
    return bits


def _decide(auto: Automaton, pc: int) -> Decision:
    bits = _context_bits(auto, pc)
    auto.ctx_bits |= bits
    order = [b for b in (1, 2, 4, 8, 16) if bits & b]

    def build(i: int, ctx: int) -> Decision:
        if i == len(order):
            entries = _closure(auto, pc, ctx)
            auto.closure_entries += len(entries)
            return entries
        yes = build(i + 1, ctx | order[i])
        no = build(i + 1, ctx)
        if yes == no:
            return yes
        return ContextBranch(order[i], yes, no)

    return build(0, 0)
