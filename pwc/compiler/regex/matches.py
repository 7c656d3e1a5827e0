"""Generated functions that search from match to match: RE2's GlobalReplace
(`rewrite`, `regex.replace`), the first match or its group (`find`,
`regex.extract`) and every match (`findAll`), on the Pike VM search that
emit.py generates with captures.

Entry points: `write_replace(w, auto, name, template)`, `write_find(w, auto,
name, group)`, `write_find_all(w, auto, name)`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ..wat import WatWriter
from .emit import (MAX_INDENT, OUT_OF_MEMORY, Layout, SearchGen, range_test, signed64, write_runelen_func,
                   write_search, zero_workspace)
from .literal import LiteralSearch, shape
from .literal import write_search as write_literal_search
from .nfa import Automaton
from .template import Template

_INITIAL_RECORDS = 8  # matches recorded in the workspace before the record buffer must grow


def _emit_literal(w: WatWriter, data: bytes) -> None:
    """Store `data` at $dst (wide stores of constants) and advance $dst."""
    i = 0
    while i < len(data):
        for size, op in ((8, "i64.store"), (4, "i32.store"), (2, "i32.store16"), (1, "i32.store8")):
            if len(data) - i >= size:
                value = int.from_bytes(data[i : i + size], "little")
                if size == 8:
                    value = signed64(value)
                elif size == 4 and value >= 1 << 31:
                    value -= 1 << 32
                const = "i64.const" if size == 8 else "i32.const"
                w.line(f"({op} offset={i} (local.get $dst) ({const} {value}))")
                i += size
                break
    w.line(f"(local.set $dst (i32.add (local.get $dst) (i32.const {len(data)})))")


def _emit_copy(w: WatWriter, start: str, end: str) -> None:
    """Copy input bytes [start, end) (i32 expressions, offsets in the input) to $dst."""
    w.line(f"(local.set $n (i32.sub {end} {start}))")
    w.line(f"(memory.copy (local.get $dst) (i32.add (local.get $p) {start}) (local.get $n))")
    w.line("(local.set $dst (i32.add (local.get $dst) (local.get $n)))")


def write_replace(w: WatWriter, auto: Automaton, name: str, template: Template) -> None:
    """RE2::GlobalReplace with one search over the input.

    Pass one runs the search from match to match and records, per
    replacement, the match bounds and the bounds of each group the template
    uses (a group that did not take part is recorded as empty), summing the
    output size as it goes.  The records live in the workspace, then in a
    buffer from `$alloc` that doubles when full (at most len+1 matches).  Pass
    two allocates the output once and assembles it from the records.  No
    match: the input comes back as it is, and when no byte of the input can
    start a match, before the workspace is even allocated.

    A literal with at most a final run of one class (literal.py) is searched
    without the Pike VM.
    """
    literal = shape(auto)
    with w.flat_after(MAX_INDENT):
        if literal is not None:
            _write_two_pass_replace(w, name, template, LiteralSearch(auto, f"{name}__search"))
            write_literal_search(w, literal, f"{name}__search")
            return
        search = SearchGen(auto, w, True, "", f"${name}__search__skip")  # for its static facts only
        replace = _Replacement(w, name, template, search)
        w.open(f"(func ${name} (param $s i64) (result i64)")
        replace.prologue()
        replace.scan()
        replace.allocate_output()
        replace.assemble()
        w.close()
        write_search(w, auto, replace.search_name)
        if search.matches_empty():
            write_runelen_func(w, replace.runelen)


def _write_two_pass_replace(w: WatWriter, name: str, template: Template, search: LiteralSearch) -> None:
    """GlobalReplace for a search cheap enough to run twice (literal.py): pass
    one sizes the output, pass two writes it, from the same matches; no
    records, so the only memory is the slots and the output.  Every group
    takes part in every match, and no match is empty."""
    search_name, lay = f"{name}__search", search.lay
    literal_total = sum(len(piece) for piece in template.pieces if isinstance(piece, bytes))
    w.open(f"(func ${name} (param $s i64) (result i64)")
    w.line("(local $p i32) (local $len i32) (local $ws i32) (local $q i32) (local $m0 i32) (local $m1 i32)")
    w.line("(local $count i32) (local $n i32) (local $out i32) (local $dst i32) (local $o i64)")
    w.line("(local.set $p (i32.wrap_i64 (i64.shr_u (local.get $s) (i64.const 32))))")
    w.line("(local.set $len (i32.wrap_i64 (local.get $s)))")
    w.line(f"(if (i32.ge_u (call {search.skip_func} (local.get $p) (local.get $len) (i32.const 0)) (local.get $len))"
           " (then (return (local.get $s))))")  # nothing can match: nothing to allocate
    w.line(f"(local.set $ws (call $alloc (i32.const {lay.size})))")
    w.line("(if (i32.eqz (local.get $ws)) (then (return (local.get $s))))")
    w.line("(local.set $o (i64.extend_i32_u (local.get $len)))")
    w.line("(local.set $q (i32.const 0))")
    with _each_match(w, search_name, None, lay):
        w.line("(local.set $count (i32.add (local.get $count) (i32.const 1)))")
        w.line(f"(local.set $o (i64.add (local.get $o) (i64.const {literal_total})))")
        for piece in template.pieces:
            if isinstance(piece, int):
                w.line(f"(local.set $o (i64.add (local.get $o) (i64.extend_i32_u (i32.sub {_slot(lay, piece, 1)} {_slot(lay, piece, 0)}))))")
        w.line("(local.set $o (i64.sub (local.get $o) (i64.extend_i32_u (i32.sub (local.get $m1) (local.get $m0)))))")
    w.line("(if (i32.eqz (local.get $count)) (then (return (local.get $s))))")
    allocate_output(w)
    w.line("(local.set $dst (local.get $out))")
    w.line("(local.set $q (i32.const 0))")
    with _each_match(w, search_name, None, lay):
        _emit_copy(w, "(local.get $q)", "(local.get $m0)")
        for piece in template.pieces:
            if isinstance(piece, bytes):
                _emit_literal(w, piece)
            else:
                _emit_copy(w, _slot(lay, piece, 0), _slot(lay, piece, 1))
    _emit_copy(w, "(local.get $q)", "(local.get $len)")
    w.line("(i64.or (i64.shl (i64.extend_i32_u (local.get $out)) (i64.const 32)) (local.get $o))")
    w.close()


def _slot(lay, group: int, end: int) -> str:
    """WAT reading where group `group` starts (end=0) or ends (end=1) in the search's slots."""
    return f"(i32.load offset={lay.match_caps + 8 * group + 4 * end} (local.get $ws))"


class _Replacement:
    """Where one rewrite keeps its records: per match, the match bounds at 0
    and 4, then start and end of each group the template uses."""

    def __init__(self, w: WatWriter, name: str, template: Template, search: SearchGen):
        self.w = w
        self.search = search
        self.search_name = f"{name}__search"
        self.runelen = f"${name}__runelen"
        self.pieces = template.pieces
        self.groups = sorted({piece for piece in self.pieces if isinstance(piece, int) and piece != 0})
        self.where = {0: (0, 4)}
        for k, group in enumerate(self.groups):
            self.where[group] = (8 + 8 * k, 12 + 8 * k)
        self.rec_size = 8 + 8 * len(self.groups)
        self.literal_total = sum(len(piece) for piece in self.pieces if isinstance(piece, bytes))
        self.uses = {group: sum(1 for piece in self.pieces if piece == group) for group in [0] + self.groups}
        self.records_at = (search.lay.size + 7) & ~7

    def prologue(self) -> None:
        w, search = self.w, self.search
        first = search.first_bytes()
        w.line("(local $p i32) (local $len i32) (local $ws i32) (local $q i32) (local $lastend i32) (local $m0 i32) (local $m1 i32)")
        w.line("(local $n i32) (local $gs i32) (local $ge i32) (local $rec i32) (local $rend i32) (local $r i32) (local $new i32)")
        w.line("(local $out i32) (local $dst i32) (local $c i32) (local $w i64) (local $o i64) (local $cap i64)")
        w.line("(local.set $p (i32.wrap_i64 (i64.shr_u (local.get $s) (i64.const 32))))")
        w.line("(local.set $len (i32.wrap_i64 (local.get $s)))")
        # no byte that can start a match: nothing to do, nothing to allocate
        if search.skips():
            w.line(f"(local.set $q (call {search.skip_func} (local.get $p) (local.get $len) (i32.const 0)))")
            w.line("(if (i32.ge_u (local.get $q) (local.get $len)) (then (return (local.get $s))))")
        elif first is not None:  # anchored at the start: only the first byte can start a match
            w.line("(if (i32.eqz (local.get $len)) (then (return (local.get $s))))")
            w.line("(local.set $c (i32.load8_u (local.get $p)))")
            w.line(f"(if (i32.eqz {range_test(first, '$c')}) (then (return (local.get $s))))")
        w.line(f"(local.set $ws (call $alloc (i32.const {self.records_at + _INITIAL_RECORDS * self.rec_size})))")
        w.line("(if (i32.eqz (local.get $ws)) (then (return (local.get $s))))")
        zero_workspace(w, search.lay)
        w.line(f"(local.set $rec (i32.add (local.get $ws) (i32.const {self.records_at})))")
        w.line("(local.set $r (local.get $rec))")
        w.line(f"(local.set $rend (i32.add (local.get $rec) (i32.const {_INITIAL_RECORDS * self.rec_size})))")
        if search.matches_empty():
            w.line("(local.set $lastend (i32.const -1))")
        w.line("(local.set $o (i64.extend_i32_u (local.get $len)))")

    def scan(self) -> None:
        """Pass one: search, record, size."""
        w = self.w
        with _each_match(w, self.search_name, self.runelen if self.search.matches_empty() else None, self.search.lay):
            self.grow_records()
            w.line("(i32.store offset=0 (local.get $r) (local.get $m0))")
            w.line("(i32.store offset=4 (local.get $r) (local.get $m1))")
            self.record_groups()
            w.line(f"(local.set $r (i32.add (local.get $r) (i32.const {self.rec_size})))")

    def grow_records(self) -> None:
        """Double the record buffer when it is full (out of memory: the input comes back)."""
        w = self.w
        w.open("(if (i32.eq (local.get $r) (local.get $rend)) (then")
        w.line("(local.set $cap (i64.shl (i64.extend_i32_u (i32.sub (local.get $rend) (local.get $rec))) (i64.const 1)))")
        w.open("(if (i64.gt_u (local.get $cap) (i64.const 0x7fffffff)) (then")
        w.line(f"(global.set $rt_error (i32.const {OUT_OF_MEMORY}))")
        w.line("(return (local.get $s))")
        w.close("))")
        w.line("(local.set $new (call $alloc (i32.wrap_i64 (local.get $cap))))")
        w.line("(if (i32.eqz (local.get $new)) (then (return (local.get $s))))")
        w.line("(memory.copy (local.get $new) (local.get $rec) (i32.sub (local.get $rend) (local.get $rec)))")
        w.line("(local.set $r (i32.add (local.get $new) (i32.sub (local.get $rend) (local.get $rec))))")
        w.line("(local.set $rec (local.get $new))")
        w.line("(local.set $rend (i32.add (local.get $new) (i32.wrap_i64 (local.get $cap))))")
        w.close("))")

    def record_groups(self) -> None:
        """Record the groups' bounds; the output grows by the template's size and shrinks by the match's."""
        w, match_caps = self.w, self.search.lay.match_caps
        delta = "(i64.extend_i32_u (i32.sub (local.get $m1) (local.get $m0)))"
        if self.uses[0] == 0:
            w.line(f"(local.set $o (i64.sub (local.get $o) {delta}))")
        elif self.uses[0] != 1:
            w.line(f"(local.set $o (i64.add (local.get $o) (i64.mul {delta} (i64.const {self.uses[0] - 1}))))")
        if self.literal_total:
            w.line(f"(local.set $o (i64.add (local.get $o) (i64.const {self.literal_total})))")
        for group in self.groups:
            start, end = self.where[group]
            w.line(f"(local.set $gs (i32.load offset={match_caps + 8 * group} (local.get $ws)))")
            w.line(f"(local.set $ge (i32.load offset={match_caps + 8 * group + 4} (local.get $ws)))")
            w.line("(if (i32.lt_s (local.get $gs) (i32.const 0)) (then (local.set $gs (i32.const 0)) (local.set $ge (i32.const 0))))")
            w.line(f"(i32.store offset={start} (local.get $r) (local.get $gs))")
            w.line(f"(i32.store offset={end} (local.get $r) (local.get $ge))")
            span = "(i64.extend_i32_u (i32.sub (local.get $ge) (local.get $gs)))"
            if self.uses[group] != 1:
                span = f"(i64.mul {span} (i64.const {self.uses[group]}))"
            w.line(f"(local.set $o (i64.add (local.get $o) {span}))")

    def allocate_output(self) -> None:
        w = self.w
        w.line("(if (i32.eq (local.get $r) (local.get $rec)) (then (return (local.get $s))))")
        allocate_output(w)

    def assemble(self) -> None:
        """Pass two: the output from the records."""
        w = self.w
        w.line("(local.set $rend (local.get $r))")
        w.line("(local.set $r (local.get $rec))")
        w.line("(local.set $dst (local.get $out))")
        w.line("(local.set $q (i32.const 0))")
        w.open("(loop $emit")
        _emit_copy(w, "(local.get $q)", "(i32.load offset=0 (local.get $r))")
        for piece in self.pieces:
            if isinstance(piece, bytes):
                _emit_literal(w, piece)
                continue
            start, end = self.where[piece]
            _emit_copy(w, f"(i32.load offset={start} (local.get $r))", f"(i32.load offset={end} (local.get $r))")
        w.line("(local.set $q (i32.load offset=4 (local.get $r)))")
        w.line(f"(local.set $r (i32.add (local.get $r) (i32.const {self.rec_size})))")
        w.line("(br_if $emit (i32.lt_u (local.get $r) (local.get $rend)))")
        w.close()
        _emit_copy(w, "(local.get $q)", "(local.get $len)")
        w.line("(i64.or (i64.shl (i64.extend_i32_u (local.get $out)) (i64.const 32)) (local.get $o))")


def _packed(start: str, end: str) -> str:
    """The string of input bytes [start, end) (i32 expressions): 0 when empty."""
    length = f"(i32.sub {end} {start})"
    packed = (f"(i64.or (i64.shl (i64.extend_i32_u (i32.add (local.get $p) {start})) (i64.const 32)) "
              f"(i64.extend_i32_u {length}))")
    return f"(select (i64.const 0) {packed} (i32.eq {start} {end}))"


def write_find(w: WatWriter, auto: Automaton, name: str, group: int) -> None:
    """`(func $name (param $s i64) (result i64))`: group `group` (0: the whole
    match) of the leftmost-first match, a slice of the input; "" when there is
    no match or the group did not take part (and when out of memory)."""
    lay = Layout(auto, True)
    with w.flat_after(MAX_INDENT):
        w.open(f"(func ${name} (param $s i64) (result i64)")
        w.line("(local $p i32) (local $len i32) (local $ws i32) (local $a i32) (local $b i32)")
        w.line("(local.set $p (i32.wrap_i64 (i64.shr_u (local.get $s) (i64.const 32))))")
        w.line("(local.set $len (i32.wrap_i64 (local.get $s)))")
        w.line(f"(local.set $ws (call $alloc (i32.const {lay.size})))")
        w.line("(if (i32.eqz (local.get $ws)) (then (return (i64.const 0))))")
        zero_workspace(w, lay)
        w.line(f"(if (i32.eqz (call ${name}__search (local.get $p) (local.get $len) (i32.const 0) (local.get $ws)))"
               " (then (return (i64.const 0))))")
        w.line(f"(local.set $a (i32.load offset={lay.match_caps + 8 * group} (local.get $ws)))")
        w.line(f"(local.set $b (i32.load offset={lay.match_caps + 8 * group + 4} (local.get $ws)))")
        w.line("(if (i32.lt_s (local.get $a) (i32.const 0)) (then (return (i64.const 0))))")
        w.line(_packed("(local.get $a)", "(local.get $b)"))
        w.close()
        write_search(w, auto, f"{name}__search")


def write_find_all(w: WatWriter, auto: Automaton, name: str) -> None:
    """`(func $name (param $s i64) (result i32))`: a list of every match, left
    to right, as RE2's FindAll (Go's FindAllString) takes them: an empty match
    right after the previous match is skipped, one character stepped over.
    Two passes over the input (count, then fill), so the list is allocated
    once; the empty list (0) when nothing matches or memory runs out."""
    lay = Layout(auto, True)
    with w.flat_after(MAX_INDENT):
        w.open(f"(func ${name} (param $s i64) (result i32)")
        w.line("(local $p i32) (local $len i32) (local $ws i32) (local $q i32) (local $lastend i32)")
        w.line("(local $m0 i32) (local $m1 i32) (local $count i32) (local $list i32)")
        w.line("(local.set $p (i32.wrap_i64 (i64.shr_u (local.get $s) (i64.const 32))))")
        w.line("(local.set $len (i32.wrap_i64 (local.get $s)))")
        w.line(f"(local.set $ws (call $alloc (i32.const {lay.size})))")
        w.line("(if (i32.eqz (local.get $ws)) (then (return (i32.const 0))))")
        zero_workspace(w, lay)
        _find_all_pass(w, name, lay, fill=False)
        w.line("(if (i32.eqz (local.get $count)) (then (return (i32.const 0))))")
        w.line("(local.set $list (call $alloc (i32.add (i32.const 8) (i32.shl (local.get $count) (i32.const 3)))))")
        w.line("(if (i32.eqz (local.get $list)) (then (return (i32.const 0))))")
        w.line("(i32.store (local.get $list) (local.get $count))")
        w.line("(i32.store offset=4 (local.get $list) (i32.const 0))")
        _find_all_pass(w, name, lay, fill=True)
        w.line("(local.get $list)")
        w.close()
        write_search(w, auto, f"{name}__search")
        write_runelen_func(w, f"${name}__runelen")


def _find_all_pass(w: WatWriter, name: str, lay: Layout, fill: bool) -> None:
    """One scan from match to match: counts them, or stores each at its place in $list."""
    w.line("(local.set $q (i32.const 0))")
    w.line("(local.set $lastend (i32.const -1))")
    w.line("(local.set $count (i32.const 0))")
    with _each_match(w, f"{name}__search", f"${name}__runelen", lay):
        if fill:
            w.line("(i64.store offset=8 (i32.add (local.get $list) (i32.shl (local.get $count) (i32.const 3))) "
                   f"{_packed('(local.get $m0)', '(local.get $m1)')})")
        w.line("(local.set $count (i32.add (local.get $count) (i32.const 1)))")


@contextmanager
def _each_match(w: WatWriter, search_name: str, runelen: str | None, lay) -> Iterator[None]:
    """The loop from match to match, as GlobalReplace and FindAll walk a text:
    search from $q, leave the match in $m0..$m1, step over one character after
    an empty match right behind the previous one (the body does not run for
    it; no `runelen` when no match can be empty); the body runs once per
    match, then the search goes on from its end."""
    w.open("(block $end")
    w.open("(loop $scan")
    w.line("(br_if $end (i32.gt_u (local.get $q) (local.get $len)))")
    w.line(f"(br_if $end (i32.eqz (call ${search_name} (local.get $p) (local.get $len) (local.get $q) (local.get $ws))))")
    w.line(f"(local.set $m0 (i32.load offset={lay.match_caps} (local.get $ws)))")
    w.line(f"(local.set $m1 (i32.load offset={lay.match_caps + 4} (local.get $ws)))")
    if runelen is not None:
        w.open("(if (i32.and (i32.eq (local.get $m0) (local.get $lastend)) (i32.eq (local.get $m0) (local.get $m1)))")
        w.open("(then")
        w.line(f"(local.set $q (i32.add (local.get $q) (call {runelen} (i32.add (local.get $p) (local.get $q)) "
               "(i32.sub (local.get $len) (local.get $q)))))")
        w.line("(br $scan)")
        w.close()
        w.close()
    yield
    w.line("(local.set $q (local.get $m1))")
    if runelen is not None:
        w.line("(local.set $lastend (local.get $m1))")
    w.line("(br $scan)")
    w.close()
    w.close()


def allocate_output(w: WatWriter) -> None:
    """$out: $o bytes for a rewrite's output ("" when $o is 0; past 2 GiB the
    rewrite fails, out of memory, and so does a failed allocation: $s unchanged)."""
    w.line("(if (i64.eqz (local.get $o)) (then (return (i64.const 0))))")
    w.open("(if (i64.gt_u (local.get $o) (i64.const 0x7fffffff)) (then")
    w.line(f"(global.set $rt_error (i32.const {OUT_OF_MEMORY}))")
    w.line("(return (local.get $s))")
    w.close("))")
    w.line("(local.set $out (call $alloc (i32.wrap_i64 (local.get $o))))")
    w.line("(if (i32.eqz (local.get $out)) (then (return (local.get $s))))")
