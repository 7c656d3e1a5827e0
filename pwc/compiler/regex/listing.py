"""A compiled pattern as text, for `pwc ir`: the program the Pike VM runs
(RE2's instruction set, see nfa.py) and, for `matches`, the DFA when the
pattern has one (see dfa.py).  Deterministic and printable ASCII."""

from __future__ import annotations

from .dfa import Dfa
from .nfa import Automaton
from .template import Template


def _byte(value: int) -> str:
    if 0x21 <= value <= 0x7E and chr(value) not in "'\\":
        return repr(chr(value))
    return f"0x{value:02x}"


def _ranges(ranges) -> str:
    return " ".join(_byte(lo) if lo == hi else f"{_byte(lo)}-{_byte(hi)}" for lo, hi in ranges)


def _instruction(inst: tuple) -> str:
    op = inst[0]
    if op == "cons":
        return "cons " + ", ".join(f"{_ranges([(lo, hi)])} -> {nxt}" for lo, hi, nxt in inst[1])
    if op == "split":
        return f"split {inst[1]}, {inst[2]}"
    if op in ("save", "assert"):
        return f"{op} {inst[1]} -> {inst[2]}"
    if op == "nop":
        return f"nop -> {inst[1]}"
    return op


def program_lines(auto: Automaton) -> list[str]:
    """One line per instruction, `pc  instruction`, the start marked."""
    width = len(str(len(auto.insts) - 1))
    lines = []
    for pc, inst in enumerate(auto.insts):
        mark = " (start)" if pc == auto.start else ""
        lines.append(f"{pc:>{width}}  {_instruction(inst)}{mark}")
    return lines


def dfa_listing(dfa: Dfa) -> list[str]:
    """One line per state: where each byte range goes (-1: no match can follow), and when it accepts."""
    lines = []
    for state, row in enumerate(dfa.transitions):
        runs: list[tuple[int, int, int]] = []
        for value, dest in enumerate(row):
            if runs and runs[-1][2] == dest:
                runs[-1] = (runs[-1][0], value, dest)
            else:
                runs.append((value, value, dest))
        moves = ", ".join(f"{_ranges([(lo, hi)])} -> {dest}" for lo, hi, dest in runs if dest >= 0)
        accepts = [word for word, flag in (("mid", dfa.accept_mid[state]), ("end", dfa.accept_end[state])) if flag]
        accept = f"; accepts at {' and '.join(accepts)}" if accepts else ""
        idle = " (idle: skips to a first byte)" if state == dfa.idle and dfa.first_bytes is not None else ""
        lines.append(f"state {state}{idle}: {moves or 'no moves'}{accept}")
    return lines


def template_text(template: Template) -> str:
    """The template in pwc syntax, escaped as printable ASCII."""
    out = []
    for piece in template.pieces:
        if isinstance(piece, int):
            out.append(f"${piece}")
        else:
            for value in piece:
                char = chr(value)
                out.append("$$" if char == "$" else "\\\\" if char == "\\" else char if 0x20 <= value < 0x7F else f"\\x{value:02x}")
    return "".join(out)
