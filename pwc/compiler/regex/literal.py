"""A search without a VM for patterns that are a literal and at most one
greedy run of one byte class at their end: `banana/([0-9]*)`, `/v1/`,
`id=\\d+`, `(ab)c([a-z]+)`.

Such a pattern has exactly one way to match from a given start: the literal
bytes, then as many bytes of the class as there are (the class is the last
thing in the pattern, so greedy leftmost-first takes them all).  The
leftmost-first match is therefore at the first place where the literal
occurs (and, for `+`, one byte of the class follows it), and every capture
slot sits at a fixed offset from the start or at the end of the run.  The
search is a byte loop comparing the literal with at most two loads, then a
loop over the run: a few instructions per byte, and a few hundred bytes of
code instead of the Pike VM's thousands (matches.write_replace uses it for
`rewrite`, the filter of the talk).

`shape(automaton)` recognises the pattern from nfa.py's program, so what it
matches is exactly what the Pike VM would: the program is RE2's, followed
instruction by instruction.  The search has the Pike VM search's contract
(`$NAME (p, len, pos, ws) -> matched`, slots at ws + 4 * slot, never a trap)
and its skip function (`$NAME__skip (p, len, pos) -> pos`, the first place
at or after pos where the literal occurs, or len).  It cannot match the
empty string, so a caller never needs to step over an empty match.
"""

from __future__ import annotations


from ..wat import WatWriter
from .emit import range_test
from .nfa import Automaton
from ..records import record

# Patterns with longer literals use the Pike VM: each compare is a load.
MAX_LITERAL = 32


@record(frozen=True)
class LiteralRun:
    literal: bytes
    run: tuple[tuple[int, int], ...]  # the class's byte ranges; () when there is no run
    run_min: int  # 0 for `*`, 1 for `+`
    fixed_slots: tuple[tuple[int, int], ...]  # (slot, offset from the match start)
    end_slots: tuple[int, ...]  # slots set where the match ends


class LiteralSearch:
    """Where the search keeps the slots (the whole workspace, from offset 0),
    and its skip function."""

    def __init__(self, auto: Automaton, search_name: str):
        self.lay = _SlotsOnly(4 * auto.slot_count)
        self.skip_func = f"${search_name}__skip"


@record(frozen=True)
class _SlotsOnly:
    size: int
    match_caps: int = 0


def shape(auto: Automaton) -> LiteralRun | None:
    """The pattern as a literal and a final run, or None when it is not one."""
    insts, pc = auto.insts, auto.start
    literal, fixed, ends = bytearray(), [], []
    run: tuple[tuple[int, int], ...] = ()
    run_min = 0
    seen = set()
    while pc not in seen:
        seen.add(pc)
        inst = insts[pc]
        if inst[0] == "match":
            break
        if inst[0] == "save":
            (ends.append(inst[1]) if run else fixed.append((inst[1], len(literal))))
            pc = inst[2]
        elif inst[0] == "nop":
            pc = inst[1]
        elif run:  # only saves may follow the run
            return None
        elif inst[0] == "split" and _loops_back(insts, inst[1], pc):  # greedy `C*`: try C first
            run, run_min, pc = _ranges(insts[inst[1]]), 0, inst[2]
        elif inst[0] == "cons" and insts[_next(inst)][0] == "split" and insts[_next(inst)][1] == pc:  # greedy `C+`
            run, run_min, pc = _ranges(inst), 1, insts[_next(inst)][2]
        elif inst[0] == "cons" and len(inst[1]) == 1 and inst[1][0][0] == inst[1][0][1]:
            literal.append(inst[1][0][0])
            pc = inst[1][0][2]
        else:
            return None
    else:
        return None
    if not literal or len(literal) > MAX_LITERAL:
        return None
    return LiteralRun(bytes(literal), run, run_min, tuple(fixed), tuple(ends))


def _next(cons: tuple) -> int:
    """Where a consuming instruction goes on, -1 when its ranges go to different places."""
    nexts = {next_pc for _, _, next_pc in cons[1]}
    return nexts.pop() if len(nexts) == 1 else -1


def _loops_back(insts: list[tuple], pc: int, split: int) -> bool:
    return insts[pc][0] == "cons" and _next(insts[pc]) == split


def _ranges(cons: tuple) -> tuple[tuple[int, int], ...]:
    return tuple((lo, hi) for lo, hi, _ in cons[1])


def _literal_test(literal: bytes, at: str) -> str:
    """An i32 expression: 1 when the bytes at address `at` are `literal`: a
    load per 8 bytes, the last one overlapping the one before."""
    size = len(literal)
    offsets = [*range(0, size - 8, 8), size - 8] if size > 8 else [0]
    expr = ""
    for offset in offsets:
        test = _load_test(literal[offset:offset + 8], offset, at)
        expr = f"(i32.and {expr} {test})" if expr else test
    return expr


_LOADS = {1: ("i32.load8_u", "i32"), 2: ("i32.load16_u", "i32"), 4: ("i32.load", "i32"), 8: ("i64.load", "i64")}


def _load_test(part: bytes, offset: int, at: str) -> str:
    """Compare 1 to 8 bytes at `at`+`offset` with `part`: one load of 1, 2, 4
    or 8 bytes, or two for the sizes between (overlapping for 5 to 7)."""
    size = len(part)
    if size in _LOADS:
        load, kind = _LOADS[size]
        value = int.from_bytes(part, "little")
        if size >= 4 and value >= 1 << (8 * size - 1):
            value -= 1 << (8 * size)  # i32.const and i64.const are written signed
        return f"({kind}.eq ({load} offset={offset} {at}) ({kind}.const {value}))"
    low, high = (2, 1) if size == 3 else (4, 4)
    first = _load_test(part[:low], offset, at)
    second = _load_test(part[size - high:], offset + size - high, at)
    return f"(i32.and {first} {second})"


def write_search(w: WatWriter, run: LiteralRun, name: str) -> None:
    """`$name (p, len, pos, ws) -> matched`, slots at ws + 4 * slot, and its skip function `$name__skip`."""
    size = len(run.literal)
    with w.indent(f"(func ${name}__skip (param $p i32) (param $len i32) (param $pos i32) (result i32)", ")"):
        with w.indent("(loop $try", ")"):
            w.line(f"(if (i32.gt_u (i32.add (local.get $pos) (i32.const {size})) (local.get $len))"
                   " (then (return (local.get $len))))")
            w.line(f"(if {_literal_test(run.literal, '(i32.add (local.get $p) (local.get $pos))')}"
                   " (then (return (local.get $pos))))")
            w.line("(local.set $pos (i32.add (local.get $pos) (i32.const 1)))")
            w.line("(br $try)")
        w.line("(local.get $len)")
    with w.indent(f"(func ${name} (param $p i32) (param $len i32) (param $pos i32) (param $ws i32) (result i32)", ")"):
        w.line("(local $end i32) (local $c i32)")
        with w.indent("(loop $try", ")"):
            w.line(f"(local.set $pos (call ${name}__skip (local.get $p) (local.get $len) (local.get $pos)))")
            w.line("(if (i32.ge_u (local.get $pos) (local.get $len)) (then (return (i32.const 0))))")
            w.line(f"(local.set $end (i32.add (local.get $pos) (i32.const {size})))")
            if run.run:
                with w.indent("(block $stop", ")"):
                    with w.indent("(loop $more", ")"):
                        w.line("(br_if $stop (i32.ge_u (local.get $end) (local.get $len)))")
                        w.line("(local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $end))))")
                        w.line(f"(br_if $stop (i32.eqz {range_test(list(run.run), '$c')}))")
                        w.line("(local.set $end (i32.add (local.get $end) (i32.const 1)))")
                        w.line("(br $more)")
            if run.run_min:  # `C+` needs one byte of the class after the literal: else try the next place
                w.line(f"(if (i32.eq (local.get $end) (i32.add (local.get $pos) (i32.const {size})))"
                       " (then (local.set $pos (i32.add (local.get $pos) (i32.const 1))) (br $try)))")
        for slot, offset in run.fixed_slots:
            value = "(local.get $pos)" if offset == 0 else f"(i32.add (local.get $pos) (i32.const {offset}))"
            w.line(f"(i32.store offset={4 * slot} (local.get $ws) {value})")
        for slot in run.end_slots:
            w.line(f"(i32.store offset={4 * slot} (local.get $ws) (local.get $end))")
        w.line("(i32.const 1)")
