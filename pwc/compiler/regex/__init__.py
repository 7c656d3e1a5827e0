"""RE2-compatible regular expressions compiled into specialised WAT.

    rx = compile_regex(r"^/service/([^/]+)(/.*)$")    # RegexError if RE2 would refuse it
    rx.emit_matches("m0")                    # (func $m0 (param $s i64) (result i32))
    tpl = parse_template(r"\\2/instance/\\1", rx.group_count)
    rx.emit_replace("r0", tpl)               # (func $r0 (param $s i64) (result i64))

Passes, one module each: `syntax.parse` (RE2 syntax -> tree with spans),
`simplify.simplify` (flags, case folding, classes -> UTF-8 byte tries,
counted repetition), `nfa.compile_program` (RE2-shaped program, closures
precomputed per follow point), `dfa.build_dfa` (for `matches`), `emit`
(WAT: the matcher and the search) and `matches` (WAT: replace, find and
findAll on that search).

Engines, chosen by measurement (wasmtime fuel = wasm instructions per byte,
`PYTHONPATH=tests python tests/unit/test_regex_runtime.py`).  `replace` needs
exact captures, so it runs a Pike VM specialised to the pattern: epsilon closures are
followed at compile time, and at run time a step only dispatches each live
thread (one br_table), tests its byte (range compare, or a 256-bit bitmap in
four i64 constants) and copies its capture slots; no backtracking, so the
cost per byte is bounded by the number of consuming instructions.  That VM
costs about 120-150 instructions per byte per live thread.  `matches` needs
no captures, and a compile-time DFA (dfa.py, at most 64 states, used when
the pattern's only anchors are `^`/`$`/`\\A`/`\\z` outside (?m)) does the same
work in 18-50 instructions per byte, 3-7x less, so `matches` uses the DFA and
falls back to the capture-free Pike VM for `\\b`, `(?m)` anchors or a larger
subset construction.  Both skip bytes that cannot start a match with a tight
loop when no thread is alive (eight bytes at a time when at most three byte
values can start one), and the Pike VM starts a thread only on such a byte.
A pattern that is a literal and at most one greedy run of one
byte class at its end (`banana/([0-9]*)`, literal.py) has one way to match
from each place, so `replace` finds it with a byte loop instead (a few
instructions per byte, a tenth of the code), and steps over empty matches
only for patterns that can match empty.  `replace` searches once: it records the bounds of each match and of the
groups the template uses, summing the output size, then allocates the
output once and assembles it from the records; with no match it returns its
input and allocates nothing when no byte can start a match.

Bytes and UTF-8.  The subject is bytes.  As in RE2 (UTF-8 mode): literals
and classes match the UTF-8 encoding of their characters; `.` and negated
classes consume one whole UTF-8 sequence and never match a byte that is not
part of a valid sequence (RE2's choice, followed here so that results agree
with Envoy; the sequences accepted for "everything from U+0080 up" are
RE2's loose ones, see charset.py); `(?s)` lets `.` match `\\n`; `\\C` matches
any single byte.  `\\b`, `\\w`, `\\d`, `\\s` and POSIX classes are ASCII.
Case folding `(?i)` uses Unicode simple case folding (so `(?i)k` matches
U+212A KELVIN SIGN, as in RE2).  After an empty match, GlobalReplace steps
over one whole valid UTF-8 sequence (one byte if invalid), as RE2 does.

Limits.  A pattern is refused with "pattern too large ... (limit N)" when it
compiles to more than 5000 instructions, more than 20000 precomputed thread
transitions, or more than 1 MiB of run-time thread state (`nfa.py`), and
with "pattern too costly" when its bound on wasm instructions per subject
byte (`CompiledRegex.max_cost_per_byte`) exceeds MAX_COST_PER_BYTE.
Counted repetition is bounded at 1000, nested counts multiplied, as in RE2;
parentheses nest at most 250 deep.  `\\pL`, `\\p{Greek}` are "not supported
yet".  Everything RE2 rejects is rejected with RE2's message.

Patterns from configuration.  pwc/stdlib/rx.wat compiles patterns inside
the module (configuration values are only known when Envoy configures it)
with these same passes written in WAT: same syntax, folding, program shape
and limits (rx_tables.py generates its tables from charset.py and
syntax.py, and tests/unit/test_stdlib.py checks its limits against the
constants here), so a change to what this package accepts or how it
matches must be made there too; tests/conformance/regex/test_rx_runtime.py
compares both with RE2 and their acceptance with each other.

Run-time contract.  The emitted functions call only `$alloc` (scratch) and
may set the global `$rt_error` (4, out of memory) like `$alloc` does; they
never trap: on allocation failure `matches` returns 0 and `replace` returns
its input unchanged.  Helper functions are named `$<func_name>__*`.
"""

from __future__ import annotations

import sys
from functools import cached_property

from ..records import record
from ..wat import WatWriter
from . import emit, matches, nfa, simplify, syntax
from .dfa import Dfa, build_dfa
from .errors import RegexError
from .template import Template, parse_template

__all__ = ["CompiledRegex", "RegexError", "Template", "compile_regex", "parse_template"]

# Measured (tests/e2e/test_regex_envoy.py checks the bound at 1 KiB and 64 KiB):
# a live thread costs 50-100 wasm instructions per byte, a step about 40.
COST_PER_THREAD = 150
COST_PER_STEP = 100
# Above this bound per byte a pattern gets a warning: over a 60 KiB header
# (Envoy's default limit) it could cost more than a second of V8 time.
COSTLY_PER_BYTE = 20_000
# Above this bound a pattern is refused: the constant the docs promise.
MAX_COST_PER_BYTE = 250_000


@record(frozen=True)
class CompiledRegex:
    pattern: str
    group_count: int
    group_names: tuple[tuple[str, int], ...]
    automaton: nfa.Automaton

    stdlib_functions: tuple[str, ...] = ("alloc",)

    @property
    def max_cost_per_byte(self) -> int:
        """An upper bound on the wasm instructions a match or rewrite spends
        per byte of its subject: at most one live thread per consuming
        instruction, each at most COST_PER_THREAD, plus the step itself.
        The DFA `matches` uses when it can costs far less; this bounds both."""
        consuming = sum(1 for inst in self.automaton.insts if inst[0] == "cons")
        return COST_PER_THREAD * consuming + COST_PER_STEP

    @cached_property
    def dfa(self) -> Dfa | None:
        """The DFA `matches` runs, when the pattern allows one (dfa.py)."""
        return build_dfa(self.automaton)

    def write_matches(self, w: WatWriter, func_name: str) -> None:
        """`(func $<func_name> (param $s i64) (result i32))`: 1 if the pattern matches anywhere."""
        emit.write_matches(w, self.automaton, func_name, self.dfa)

    def write_replace(self, w: WatWriter, func_name: str, template: Template) -> None:
        """`(func $<func_name> (param $s i64) (result i64))`: RE2::GlobalReplace(s, pattern, template)."""
        if template.max_group > self.group_count:
            raise ValueError("template refers to a group the pattern does not have")
        matches.write_replace(w, self.automaton, func_name, template)

    def write_find(self, w: WatWriter, func_name: str) -> None:
        """`(func $<func_name> (param $s i64) (result i64))`: the first match, "" if none."""
        matches.write_find(w, self.automaton, func_name, 0)

    def write_extract(self, w: WatWriter, func_name: str) -> None:
        """`(func $<func_name> (param $s i64) (result i64))`: the first match's group 1
        (the whole match when the pattern has no group), "" if none."""
        matches.write_find(w, self.automaton, func_name, 1 if self.group_count else 0)

    def write_find_all(self, w: WatWriter, func_name: str) -> None:
        """`(func $<func_name> (param $s i64) (result i32))`: the list of every match."""
        matches.write_find_all(w, self.automaton, func_name)

    def emit_text(self, write, func_name: str, *args) -> str:
        """One generated function (and its helpers) as text, for tests that assemble it alone."""
        w = WatWriter()
        write(w, func_name, *args)
        return w.text()

    def emit_matches(self, func_name: str) -> str:
        """`write_matches` as text, for tests that assemble matchers alone."""
        w = WatWriter()
        self.write_matches(w, func_name)
        return w.text()

    def emit_replace(self, func_name: str, template: Template) -> str:
        w = WatWriter()
        self.write_replace(w, func_name, template)
        return w.text()


# Counted repetition nests one level per count (`a{0,1000}` is a thousand
# nested optionals), and the passes recurse over that nesting: enough room
# for the largest count RE2 accepts, whose instructions nfa.py still bounds.
_RECURSION_ROOM = 12_000


def compile_regex(pattern: str) -> CompiledRegex:
    """Parse and compile an RE2 pattern; raises RegexError located in `pattern`."""
    saved = sys.getrecursionlimit()
    sys.setrecursionlimit(max(saved, _RECURSION_ROOM))
    try:
        parsed = syntax.parse(pattern)
        core = simplify.simplify(parsed)
        automaton = nfa.compile_program(core, parsed.group_count, len(pattern))
    except RecursionError:
        raise RegexError("pattern nested too deeply", 0, len(pattern), "reduce counted repetitions such as `{n,m}`") from None
    finally:
        sys.setrecursionlimit(saved)
    compiled = CompiledRegex(pattern, parsed.group_count, parsed.group_names, automaton)
    if compiled.max_cost_per_byte > MAX_COST_PER_BYTE:
        raise RegexError(f"pattern too costly: it may spend {compiled.max_cost_per_byte:,} wasm instructions per "
                         f"byte it reads (limit {MAX_COST_PER_BYTE:,})", 0, len(pattern),
                         "reduce counted repetitions such as `{n,m}` of wide classes, or split the pattern")
    return compiled
