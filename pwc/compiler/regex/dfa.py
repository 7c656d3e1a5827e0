"""A compile-time DFA for `matches`, when the pattern allows one.

Entry points: `build_dfa(auto) -> Dfa | None` and `dfa_lines(dfa, name, ...)`.

`matches` needs no captures, so a deterministic automaton answers it with one
dispatch per input byte.  A DFA state is the set of follow points the Pike VM
would hold (the start is always in it: the search is unanchored); its
closures are the precomputed ones of nfa.py.  Context is easy only for
`\\A`/`^` and `\\z`/`$` (true at position 0 and at the end), so patterns that
use line anchors or `\\b` keep the Pike VM, as do patterns whose subset
construction exceeds MAX_STATES (no exponential blow-up in the module).
"""

from __future__ import annotations


from .nfa import Automaton, entries_at
from ..records import record

MAX_STATES = 64
BOT, EOT = 1, 2


@record
class Dfa:
    transitions: list[list[int]]  # state -> next state for each byte (-1: dead)
    accept_mid: list[bool]  # a match ends here and input remains
    accept_end: list[bool]  # a match ends here at the end of input
    idle: int  # the state holding only the start (skip loop), or -1
    first_bytes: list[tuple[int, int]] | None


def _targets(auto: Automaton, follows, ctx: int) -> list[int]:
    out: list[int] = []
    for f in follows:
        out += [t for t, _ in entries_at(auto.closures[f], ctx)]
    return out


def build_dfa(auto: Automaton) -> Dfa | None:
    if auto.ctx_bits & ~(BOT | EOT):
        return None
    start = auto.start
    keys: dict[tuple[frozenset, bool], int] = {}
    order: list[tuple[frozenset, bool]] = []

    def state(follows: frozenset, at_start: bool) -> int:
        key = (follows, at_start)
        if key not in keys:
            keys[key] = len(order)
            order.append(key)
        return keys[key]

    state(frozenset([start]), True)
    transitions, accept_mid, accept_end = [], [], []
    i = 0
    while i < len(order):
        if len(order) > MAX_STATES:
            return None
        follows, at_start = order[i]
        ctx = BOT if at_start else 0
        mid = _targets(auto, follows, ctx)
        accept_mid.append(auto.match_target in mid)
        accept_end.append(auto.match_target in _targets(auto, follows, ctx | EOT))
        row = []
        arms = [arm for t in mid if t != auto.match_target for arm in auto.insts[auto.targets[t]][1]]
        for b in range(256):
            nxt = frozenset([start] + [n for lo, hi, n in arms if lo <= b <= hi])
            if not _targets(auto, nxt, 0) and not _targets(auto, nxt, EOT):
                row.append(-1)  # nothing alive and no new start can begin: fail
            else:
                row.append(state(nxt, False))
        transitions.append(row)
        i += 1
    idle = keys.get((frozenset([start]), False), -1)
    first = None
    if idle >= 0:
        row = transitions[idle]
        if not accept_mid[idle] and 0 < sum(1 for n in row if n != idle) < 256:
            runs = _runs([n != idle for n in row])
            first = [(lo, hi) for lo, hi, v in runs if v]
    return Dfa(transitions, accept_mid, accept_end, idle, first)


def _runs(values: list[int]) -> list[tuple[int, int, int]]:
    runs: list[tuple[int, int, int]] = []
    for b, v in enumerate(values):
        if runs and runs[-1][2] == v:
            runs[-1] = (runs[-1][0], b, v)
        else:
            runs.append((b, b, v))
    return runs


def dfa_lines(dfa: Dfa, name: str, range_test, skip_loop) -> list[str]:
    """The WAT lines of `(func $name (param $s i64) (result i32))` running `dfa`."""
    lines: list[str] = []
    n = len(dfa.transitions)
    lines.append(f"(func ${name} (param $s i64) (result i32) (local $p i32) (local $len i32) (local $pos i32) (local $c i32) (local $state i32) (local $w i64)")
    lines.append("  (local.set $p (i32.wrap_i64 (i64.shr_u (local.get $s) (i64.const 32))))")
    lines.append("  (local.set $len (i32.wrap_i64 (local.get $s)))")
    lines.append("  (loop $run")
    for k in reversed(range(n)):
        lines.append(f"  (block $s{k}")
    lines.append("    (br_table " + " ".join(f"$s{k}" for k in range(n)) + " (local.get $state)))")
    for k in range(n):
        if k:
            lines.append("  )")
        lines.append(f"    ;; state {k}")
        if dfa.accept_mid[k] and dfa.accept_end[k]:
            lines.append("    (return (i32.const 1))")
            continue
        if k == dfa.idle and dfa.first_bytes is not None:
            lines += ["    " + line for line in skip_loop(dfa.first_bytes, "$pos", "$found", "$found")]
        lines.append(f"    (if (i32.ge_u (local.get $pos) (local.get $len)) (then (return (i32.const {int(dfa.accept_end[k])}))))")
        if dfa.accept_mid[k]:
            lines.append("    (return (i32.const 1))")
            continue
        lines.append("    (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $pos))))")
        lines.append("    (local.set $pos (i32.add (local.get $pos) (i32.const 1)))")
        runs = _runs(dfa.transitions[k])
        dests = sorted({v for _, _, v in runs}, key=lambda v: -sum(hi - lo + 1 for lo, hi, w in runs if w == v))
        default = dests[0]
        for dest in dests[1:]:
            ranges = [(lo, hi) for lo, hi, v in runs if v == dest]
            lines.append(f"    (if {range_test(ranges, '$c')} (then {_goto(dest)}))")
        lines.append(f"    {_goto(default)}")
    lines.append("  )")
    lines.append("  (i32.const 0))")
    return lines


def _goto(dest: int) -> str:
    if dest < 0:
        return "(return (i32.const 0))"
    return f"(local.set $state (i32.const {dest})) (br $run)"
