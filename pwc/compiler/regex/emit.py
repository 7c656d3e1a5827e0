"""Generate specialised WAT for one compiled pattern.

Entry points: `write_matches(w, auto, name, dfa)`, and `write_search` with
the pieces matches.py builds `replace`, `find` and `findAll` from; they write
into the module's WatWriter (the emitter's, or a fresh one for
`CompiledRegex.emit_*`).

The code is a Pike VM specialised to the pattern: a thread is a target
number (a consuming instruction or the match) and, for `replace`, its capture
slots.  Each step dispatches on the thread's target with one `br_table`; a
target's byte test is inlined (a range compare, or a 256-bit bitmap held in
four i64 constants); the closure that follows a consumed byte is inlined as
straight-line "add thread" code that nfa.py computed at compile time.
No data segments and no tables: everything is in the function bodies, so
two patterns in one module only need distinct function names.

Memory comes from `$alloc` (scratch): thread lists and a mark per target, a
few bytes per target and slot.  When `$alloc` fails (it returns 0 and sets
`$rt_error`), `matches` answers 0 and `replace` returns its input unchanged.
"""

from __future__ import annotations

from ..layout import RuntimeErrorCode
from ..wat import WatWriter
from .dfa import Dfa, dfa_lines
from .nfa import Automaton, ContextBranch, Decision, Entries, entries_at

OUT_OF_MEMORY = int(RuntimeErrorCode.OUT_OF_MEMORY)
# Dispatch nests one block per target: deeper levels are written flat.
MAX_INDENT = 8


def range_test(ranges: list[tuple[int, int]], byte: str, raw: bool = False) -> str:
    """An i32 expression: 1 when local `byte` (0..256; 256 = end) is in ranges.

    With raw=True, `byte` is an expression; it must then be cheap and pure,
    since it is repeated.
    """
    ranges = sorted(ranges)
    if raw:
        local = byte
    else:
        local = f"(local.get {byte})"
    if len(ranges) > 3 and raw:
        return f"(block (result i32) (local.set $c {byte}) {range_test(ranges, '$c')})"
    if len(ranges) <= 3:
        tests = []
        for lo, hi in ranges:
            if lo == hi:
                tests.append(f"(i32.eq {local} (i32.const {lo}))")
            elif lo == 0:
                tests.append(f"(i32.le_u {local} (i32.const {hi}))")
            else:
                tests.append(f"(i32.le_u (i32.sub {local} (i32.const {lo})) (i32.const {hi - lo}))")
        expr = tests[0]
        for t in tests[1:]:
            expr = f"(i32.or {expr} {t})"
        return expr
    words = [0, 0, 0, 0]
    for lo, hi in ranges:
        for b in range(lo, hi + 1):
            words[b >> 6] |= 1 << (b & 63)
    signed = [w - (1 << 64) if w >= 1 << 63 else w for w in words]
    k = f"(i32.shr_u {local} (i32.const 6))"
    word = (
        f"(select (i64.const {signed[0]}) (select (i64.const {signed[1]}) (select (i64.const {signed[2]}) "
        f"(select (i64.const {signed[3]}) (i64.const 0) (i32.eq {k} (i32.const 3))) "
        f"(i32.eq {k} (i32.const 2))) (i32.eq {k} (i32.const 1))) (i32.eqz {k}))"
    )
    return f"(i32.wrap_i64 (i64.and (i64.shr_u {word} (i64.extend_i32_u {local})) (i64.const 1)))"


def _swar_bytes(ranges: list[tuple[int, int]]) -> list[int] | None:
    """The bytes of `ranges` when there are few enough for a word-at-a-time skip."""
    count = sum(hi - lo + 1 for lo, hi in ranges)
    if count > 3:
        return None
    return [b for lo, hi in ranges for b in range(lo, hi + 1)]


def skip_loop(first: list[tuple[int, int]], pos: str, at_end: str, found: str) -> list[str]:
    """Advance local `pos` to the first byte of `first` in [$p+pos, $p+$len).

    Branches to `at_end` when there is none, to `found` otherwise (with $c
    not necessarily set).  For up to three distinct bytes, eight bytes are
    tested at once (the "has zero byte" trick on `word ^ byte * 0x0101..`,
    whose lowest flagged byte is exact), which costs about two instructions
    per byte instead of about fourteen; uses locals $c (i32) and $w (i64).
    """
    lines = []
    swar = _swar_bytes(first)
    lines.append(f"(block {found}")
    lines.append("  (loop $skip")
    if swar is not None:
        ones, highs = 0x0101010101010101, -0x7F7F7F7F7F7F7F80  # 0x8080808080808080 as signed
        terms = []
        for b in swar:
            x = "(local.get $w)" if b == 0 else f"(i64.xor (local.get $w) (i64.const {signed64(b * ones)}))"
            terms.append(f"(i64.and (i64.sub {x} (i64.const {ones})) (i64.xor {x} (i64.const -1)))")
        expr = terms[0]
        for t in terms[1:]:
            expr = f"(i64.or {expr} {t})"
        lines.append(f"    (if (i32.ge_u (i32.sub (local.get $len) (local.get {pos})) (i32.const 8)) (then")
        lines.append(f"      (local.set $w (i64.load (i32.add (local.get $p) (local.get {pos}))))")
        lines.append(f"      (local.set $w (i64.and {expr} (i64.const {highs})))")
        lines.append(f"      (if (i64.eqz (local.get $w)) (then (local.set {pos} (i32.add (local.get {pos}) (i32.const 8))) (br $skip)))")
        lines.append(f"      (local.set {pos} (i32.add (local.get {pos}) (i32.wrap_i64 (i64.shr_u (i64.ctz (local.get $w)) (i64.const 3)))))")
        lines.append(f"      (br {found})))")
    lines.append(f"    (br_if {at_end} (i32.ge_u (local.get {pos}) (local.get $len)))")
    lines.append(f"    (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get {pos}))))")
    lines.append(f"    (br_if {found} {range_test(first, '$c')})")
    lines.append(f"    (local.set {pos} (i32.add (local.get {pos}) (i32.const 1)))")
    lines.append("    (br $skip)))")
    return lines


def signed64(value: int) -> int:
    value &= (1 << 64) - 1
    return value - (1 << 64) if value >= 1 << 63 else value


class Layout:
    """Byte offsets inside the workspace that one search uses."""

    def __init__(self, auto: Automaton, captures: bool):
        self.targets = len(auto.targets)
        self.slots = auto.slot_count if captures else 0
        self.match_caps = 8
        self.marks = 8 + ((4 * self.slots + 7) & ~7)
        self.pcs_size = (4 * self.targets + 7) & ~7
        self.list_size = self.pcs_size + 4 * self.slots * self.targets
        self.list_a = self.marks + self.pcs_size
        self.list_b = self.list_a + self.list_size
        self.size = self.list_b + self.list_size


def _ctx_at(ctx_func: str, bits: int, pos: str) -> str:
    """Context bits at position `pos`: inline for \\A/\\z-style anchors, a call otherwise."""
    if bits & ~3:
        return f"(call {ctx_func} (local.get $p) (local.get $len) {pos})"
    return f"(i32.or (i32.eqz {pos}) (i32.shl (i32.eq {pos} (local.get $len)) (i32.const 1)))"


def first_bytes_in_any_context(a: Automaton) -> list[tuple[int, int]] | None:
    """Bytes that can start a match at some place, whatever the context there
    (`^` at the start, a word boundary): the union over the start's branches;
    None when the pattern can match the empty string, or start with any byte."""
    ranges: list[tuple[int, int]] = []
    pending: list[Decision] = [a.closures[a.start]]
    while pending:
        decision = pending.pop()
        if isinstance(decision, ContextBranch):
            pending += [decision.yes, decision.no]
            continue
        for target, _ in decision:
            if target == a.match_target:
                return None
            ranges += [(lo, hi) for lo, hi, _ in a.insts[a.targets[target]][1]]
    return _merged(ranges)


def first_bytes(a: Automaton) -> list[tuple[int, int]] | None:
    """Bytes that can start a match, when that set does not depend on context
    (None too when the pattern matches the empty string)."""
    d = a.closures[a.start]
    if isinstance(d, ContextBranch):
        return None
    ranges = []
    for target, _ in d:
        if target == a.match_target:
            return None
        inst = a.insts[a.targets[target]]
        ranges += [(lo, hi) for lo, hi, _ in inst[1]]
    return _merged(ranges)


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]] | None:
    """The byte ranges sorted and joined; None when they are none or every byte."""
    if not ranges:
        return None
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if merged and lo <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    if merged == [(0, 255)]:
        return None
    return merged


class SearchGen:
    """The step loop shared by `matches` (no captures) and the search helper."""

    def __init__(self, auto: Automaton, w: WatWriter, captures: bool, ctx_func: str, skip_func: str):
        self.a = auto
        self.w = w
        self.captures = captures
        self.lay = Layout(auto, captures)
        self.ctx_func = ctx_func
        self.skip_func = skip_func

    def skips(self) -> bool:
        """Whether idle stretches are skipped (with `skip_func`): a known first-byte
        set and a pattern not anchored at the start (there, past 0 the search is over)."""
        return self.first_bytes() is not None and not self.anchored()

    def write_helpers(self) -> None:
        """The skip function (when idle stretches are skipped) and the context
        function (when the pattern looks at more than \\A/\\z)."""
        w = self.w
        first = self.first_bytes()
        if first is not None and not self.anchored():  # self.skips()
            # (func skip_func (p, len, pos) -> pos): the first candidate at or after pos, or len
            w.line(f"(func {self.skip_func} (param $p i32) (param $len i32) (param $pos i32) (result i32) (local $c i32) (local $w i64)")
            w.line("  (block $end")
            for line in skip_loop(first, "$pos", "$end", "$found"):
                w.line("  " + line)
            w.line("  (return (local.get $pos)))")
            w.line("  (local.get $len))")
        if self.a.ctx_bits & ~3:
            _write_ctx_func(w, self.ctx_func, self.a.ctx_bits)

    # -- closures -------------------------------------------------------------
    def add_entries(self, decision: Decision, lst: str, count: str, stamp: str, pos: str, ctx: str,
                    parent: str | None) -> None:
        w = self.w
        if isinstance(decision, ContextBranch):
            w.open(f"(if (i32.and (local.get {ctx}) (i32.const {decision.bit}))")
            w.open("(then")
            self.add_entries(decision.yes, lst, count, stamp, pos, ctx, parent)
            w.close()
            w.open("(else")
            self.add_entries(decision.no, lst, count, stamp, pos, ctx, parent)
            w.close()
            w.close()
            return
        if not self.captures and any(t == self.a.match_target for t, _ in decision):
            w.line("(return (i32.const 1))")  # any match will do
            return
        for target, saves in decision:
            self.add_thread(target, saves, lst, count, stamp, pos, parent)

    def add_thread(self, target: int, saves, lst, count, stamp, pos, parent):
        w = self.w
        if not self.captures and target == self.a.match_target:
            w.line("(return (i32.const 1))")
            return
        off = 4 * target
        w.open(f"(if (i32.ne (i32.load offset={off} (local.get $marks)) (local.get {stamp}))")
        w.open("(then")
        w.line(f"(i32.store offset={off} (local.get $marks) (local.get {stamp}))")
        w.line(f"(i32.store (i32.add (local.get {lst}) (i32.shl (local.get {count}) (i32.const 2))) (i32.const {target}))")
        if self.captures:
            lay = self.lay
            w.line(
                f"(local.set $dst (i32.add (i32.add (local.get {lst}) (i32.const {lay.pcs_size})) "
                f"(i32.mul (local.get {count}) (i32.const {4 * lay.slots}))))"
            )
            saved = set(saves)
            for pair in range(0, lay.slots, 2):
                a, b = pair in saved, pair + 1 in saved
                if not a and not b and parent is not None:
                    w.line(f"(i64.store offset={4 * pair} (local.get $dst) (i64.load offset={4 * pair} (local.get {parent})))")
                    continue
                for slot, is_saved in ((pair, a), (pair + 1, b)):
                    if is_saved:
                        value = f"(local.get {pos})"
                    elif parent is None:
                        value = "(i32.const -1)"
                    else:
                        value = f"(i32.load offset={4 * slot} (local.get {parent}))"
                    w.line(f"(i32.store offset={4 * slot} (local.get $dst) {value})")
        w.line(f"(local.set {count} (i32.add (local.get {count}) (i32.const 1)))")
        w.close()
        w.close()

    # -- static facts ---------------------------------------------------------
    def start_entries(self, ctx: int) -> Entries:
        return entries_at(self.a.closures[self.a.start], ctx)

    def matches_empty(self) -> bool:
        """Whether a match may be empty (the start closure reaches the match
        in some context): only then must a caller step over an empty match."""
        return any(target == self.a.match_target for ctx in range(32) for target, _ in self.start_entries(ctx))

    def anchored(self) -> bool:
        """True when no thread can start past position 0 (the pattern starts with \\A)."""
        return all(not self.start_entries(ctx) for ctx in range(32) if not ctx & 1)

    def first_bytes(self) -> list[tuple[int, int]] | None:
        return first_bytes(self.a)

    # -- the step loop --------------------------------------------------------
    def search_body(self) -> None:
        """Expects locals $p $len $pos $ws set; leaves $matched (captures) or returns."""
        w, lay = self.w, self.lay
        w.line(f"(local.set $marks (i32.add (local.get $ws) (i32.const {lay.marks})))")
        w.line(f"(local.set $cl (i32.add (local.get $ws) (i32.const {lay.list_a})))")
        w.line(f"(local.set $nl (i32.add (local.get $ws) (i32.const {lay.list_b})))")
        w.line("(local.set $stamp (i32.add (i32.load (local.get $ws)) (i32.const 1)))")
        w.line("(local.set $ccount (i32.const 0))")
        self.set_ctx("$ctx", "(local.get $pos)")
        w.open("(block $done")
        w.open("(loop $step")
        w.line("(local.set $nstamp (i32.add (local.get $stamp) (i32.const 1)))")
        if self.skips():
            self.skip_idle()
        w.line(
            "(local.set $c (if (result i32) (i32.lt_u (local.get $pos) (local.get $len)) "
            "(then (i32.load8_u (i32.add (local.get $p) (local.get $pos)))) (else (i32.const 256))))"
        )
        self.start_threads()
        self.step_threads()
        w.line("(local.set $tmp (local.get $cl))")
        w.line("(local.set $cl (local.get $nl))")
        w.line("(local.set $nl (local.get $tmp))")
        w.line("(local.set $ccount (local.get $ncount))")
        w.line("(local.set $stamp (local.get $nstamp))")
        w.line("(br_if $done (i32.ge_u (local.get $pos) (local.get $len)))")
        w.line("(local.set $pos (local.get $npos))")
        if self.a.ctx_bits:
            w.line("(local.set $ctx (local.get $nctx))")
        w.line("(br $step)")
        w.close()
        w.close()
        w.line("(i32.store (local.get $ws) (i32.add (local.get $stamp) (i32.const 1)))")

    def set_ctx(self, local: str, pos: str) -> None:
        if self.a.ctx_bits:
            self.w.line(f"(local.set {local} {_ctx_at(self.ctx_func, self.a.ctx_bits, pos)})")

    def skip_idle(self) -> None:
        """With no live thread (and no match yet), jump to the next byte that can start one."""
        w = self.w
        cond = "(i32.eqz (local.get $ccount))"
        if self.captures:
            cond = f"(i32.and {cond} (i32.eqz (local.get $matched)))"
        w.open(f"(if {cond}")
        w.open("(then")
        w.line(f"(local.set $pos (call {self.skip_func} (local.get $p) (local.get $len) (local.get $pos)))")
        w.line("(br_if $done (i32.ge_u (local.get $pos) (local.get $len)))")
        self.set_ctx("$ctx", "(local.get $pos)")
        w.close()
        w.close()

    def start_threads(self) -> None:
        """Add the start threads at $pos, then stop when nothing is left to do."""
        w = self.w
        start = self.a.closures[self.a.start]
        first = self.first_bytes()
        # A new thread whose first byte cannot match would die at once: when
        # that set is known (first_bytes), add the start threads only for a
        # byte in it (each costs a closure and a dispatch per byte otherwise).
        guard = []
        if self.captures:
            guard.append("(i32.eqz (local.get $matched))")
            stop = "(local.get $matched)"
        else:
            stop = "(i32.const 0)"
        if first is not None:
            guard.append(range_test(first, "$c"))
        if guard:
            cond = guard[0] if len(guard) == 1 else f"(i32.and {guard[0]} {guard[1]})"
            w.open(f"(if {cond}")
            w.open("(then")
            self.add_entries(start, "$cl", "$ccount", "$stamp", "$pos", "$ctx", None)
            w.close()
            w.close()
        else:
            self.add_entries(start, "$cl", "$ccount", "$stamp", "$pos", "$ctx", None)
        stop = f"(i32.or {stop} (i32.ge_u (local.get $pos) (local.get $len)))"
        if self.anchored():
            stop = f"(i32.or {stop} (i32.ne (local.get $pos) (i32.const 0)))"
        w.line(f"(br_if $done (i32.and (i32.eqz (local.get $ccount)) {stop}))")

    def step_threads(self) -> None:
        """Run every live thread on byte $c, building the next list."""
        w, lay = self.w, self.lay
        w.line("(local.set $npos (i32.add (local.get $pos) (i32.const 1)))")
        if self.a.ctx_bits:
            w.line(
                "(local.set $nctx (if (result i32) (i32.lt_u (local.get $pos) (local.get $len)) "
                f"(then {_ctx_at(self.ctx_func, self.a.ctx_bits, '(local.get $npos)')}) (else (i32.const 0))))"
            )
        w.line("(local.set $ncount (i32.const 0))")
        w.line("(local.set $i (i32.const 0))")
        w.open("(block $cut")
        w.open("(loop $threads")
        w.line("(br_if $cut (i32.ge_u (local.get $i) (local.get $ccount)))")
        w.line("(local.set $t (i32.load (i32.add (local.get $cl) (i32.shl (local.get $i) (i32.const 2)))))")
        if self.captures:
            w.line(
                f"(local.set $tc (i32.add (i32.add (local.get $cl) (i32.const {lay.pcs_size})) "
                f"(i32.mul (local.get $i) (i32.const {4 * lay.slots}))))"
            )
        w.line("(local.set $i (i32.add (local.get $i) (i32.const 1)))")
        self.dispatch()
        w.line("(br $threads)")
        w.close()
        w.close()

    def dispatch(self) -> None:
        a, w = self.a, self.w
        n = len(a.targets)
        w.open("(block $next")
        for k in reversed(range(n)):
            w.open(f"(block $t{k}")
        w.line("(br_table " + " ".join(f"$t{k}" for k in range(n)) + " (local.get $t))")
        for k in range(n):
            w.close()
            self.target_code(k)
            if k != n - 1:
                w.line("(br $next)")
        w.close()

    def target_code(self, k: int) -> None:
        a, w, lay = self.a, self.w, self.lay
        inst = a.insts[a.targets[k]]
        if inst[0] == "match":
            if self.captures:
                w.line("(local.set $matched (i32.const 1))")
                for pair in range(0, lay.slots, 2):
                    w.line(
                        f"(i64.store offset={lay.match_caps + 4 * pair} (local.get $ws) "
                        f"(i64.load offset={4 * pair} (local.get $tc)))"
                    )
                w.line("(br $cut)")
            return
        arms: dict[int, list[tuple[int, int]]] = {}
        for lo, hi, nxt in inst[1]:
            arms.setdefault(nxt, []).append((lo, hi))
        items = list(arms.items())
        for index, (nxt, ranges) in enumerate(items):
            w.open(f"(if {range_test(ranges, '$c')}")
            w.open("(then")
            self.add_entries(a.closures[nxt], "$nl", "$ncount", "$nstamp", "$npos", "$nctx", "$tc" if self.captures else None)
            if index != len(items) - 1:
                w.line("(br $next)")
            w.close()
            w.close()


_SEARCH_LOCALS = (
    "(local $marks i32) (local $cl i32) (local $nl i32) (local $ccount i32) (local $ncount i32) "
    "(local $stamp i32) (local $nstamp i32) (local $c i32) (local $ctx i32) (local $nctx i32) "
    "(local $npos i32) (local $i i32) (local $t i32) (local $tc i32) (local $dst i32) (local $tmp i32) (local $w i64)"
)


def _write_ctx_func(w: WatWriter, name: str, bits: int) -> None:
    """Context bits at position $q: BOT=1 EOT=2 BOL=4 EOL=8 WB=16."""

    def is_word(expr: str) -> str:
        return (
            f"(i32.or (i32.or (i32.le_u (i32.sub {expr} (i32.const 48)) (i32.const 9)) "
            f"(i32.le_u (i32.sub (i32.or {expr} (i32.const 32)) (i32.const 97)) (i32.const 25))) "
            f"(i32.eq {expr} (i32.const 95)))"
        )

    prev = "(local.get $prev)"
    nxt = "(local.get $next)"
    parts = [
        "(local.set $prev (if (result i32) (local.get $q) (then (i32.load8_u (i32.sub (i32.add (local.get $p) (local.get $q)) (i32.const 1)))) (else (i32.const -1))))",
        "(local.set $next (if (result i32) (i32.lt_u (local.get $q) (local.get $len)) (then (i32.load8_u (i32.add (local.get $p) (local.get $q)))) (else (i32.const -1))))",
    ]
    expr = "(i32.const 0)"
    if bits & 1:
        expr = f"(i32.or {expr} (i32.eqz (local.get $q)))"
    if bits & 2:
        expr = f"(i32.or {expr} (i32.shl (i32.eq (local.get $q) (local.get $len)) (i32.const 1)))"
    if bits & 4:
        expr = f"(i32.or {expr} (i32.shl (i32.or (i32.eqz (local.get $q)) (i32.eq {prev} (i32.const 10))) (i32.const 2)))"
    if bits & 8:
        expr = f"(i32.or {expr} (i32.shl (i32.or (i32.eq (local.get $q) (local.get $len)) (i32.eq {nxt} (i32.const 10))) (i32.const 3)))"
    if bits & 16:
        expr = f"(i32.or {expr} (i32.shl (i32.ne {is_word(prev)} {is_word(nxt)}) (i32.const 4)))"
    w.line(f"(func {name} (param $p i32) (param $len i32) (param $q i32) (result i32) (local $prev i32) (local $next i32)")
    for part in parts:
        w.line("  " + part)
    w.line(f"  {expr})")


def zero_workspace(w: WatWriter, lay: Layout) -> None:
    """Clear the stamp and the marks: the thread lists and match slots are written before read."""
    w.line(f"(memory.fill (local.get $ws) (i32.const 0) (i32.const {lay.list_a}))")


def write_matches(w: WatWriter, auto: Automaton, name: str, dfa: Dfa | None) -> None:
    """`(func $name (param $s i64) (result i32))`: 1 if the pattern matches
    anywhere.  Runs `dfa` when the pattern has one (see dfa.py), else the
    Pike VM without captures."""
    with w.flat_after(MAX_INDENT):
        if dfa is not None:
            for line in dfa_lines(dfa, name, range_test, skip_loop):
                w.line(line)
            return
        gen = SearchGen(auto, w, False, f"${name}__ctx", f"${name}__skip")
        w.open(f"(func ${name} (param $s i64) (result i32)")
        w.line("(local $p i32) (local $len i32) (local $pos i32) (local $ws i32)")
        w.line(_SEARCH_LOCALS)
        w.line("(local.set $p (i32.wrap_i64 (i64.shr_u (local.get $s) (i64.const 32))))")
        w.line("(local.set $len (i32.wrap_i64 (local.get $s)))")
        w.line(f"(local.set $ws (call $alloc (i32.const {gen.lay.size})))")
        w.line("(if (i32.eqz (local.get $ws)) (then (return (i32.const 0))))")
        zero_workspace(w, gen.lay)
        w.line("(local.set $pos (i32.const 0))")
        gen.search_body()
        w.line("(i32.const 0)")
        w.close()
        gen.write_helpers()


def write_search(w: WatWriter, auto: Automaton, name: str) -> None:
    """`$name (p, len, pos, ws) -> matched`, capture slots left at ws+8."""
    gen = SearchGen(auto, w, True, f"${name}__ctx", f"${name}__skip")
    w.open(f"(func ${name} (param $p i32) (param $len i32) (param $pos i32) (param $ws i32) (result i32)")
    w.line("(local $matched i32)")
    w.line(_SEARCH_LOCALS)
    gen.search_body()
    w.line("(local.get $matched)")
    w.close()
    gen.write_helpers()


def write_runelen_func(w: WatWriter, name: str) -> None:
    """Bytes RE2's GlobalReplace steps over after an empty match (chartorune, fullrune)."""
    w.lines(f"""(func {name} (param $p i32) (param $n i32) (result i32) (local $c i32) (local $c1 i32) (local $c2 i32) (local $c3 i32) (local $l i32)
  (if (i32.le_s (local.get $n) (i32.const 0)) (then (return (i32.const 1))))
  (local.set $c (i32.load8_u (local.get $p)))
  (if (i32.lt_u (local.get $c) (i32.const 0x80)) (then (return (i32.const 1))))
  (if (i32.lt_s (local.get $n)
        (select (i32.const 2) (select (i32.const 3) (i32.const 4) (i32.lt_u (local.get $c) (i32.const 0xF0)))
          (i32.lt_u (local.get $c) (i32.const 0xE0))))
    (then (return (i32.const 1))))
  (local.set $c1 (i32.xor (i32.load8_u offset=1 (local.get $p)) (i32.const 0x80)))
  (if (i32.and (local.get $c1) (i32.const 0xC0)) (then (return (i32.const 1))))
  (if (i32.lt_u (local.get $c) (i32.const 0xE0)) (then
    (if (i32.lt_u (local.get $c) (i32.const 0xC0)) (then (return (i32.const 1))))
    (local.set $l (i32.and (i32.or (i32.shl (local.get $c) (i32.const 6)) (local.get $c1)) (i32.const 0x7FF)))
    (return (select (i32.const 1) (i32.const 2) (i32.le_u (local.get $l) (i32.const 0x7F))))))
  (local.set $c2 (i32.xor (i32.load8_u offset=2 (local.get $p)) (i32.const 0x80)))
  (if (i32.and (local.get $c2) (i32.const 0xC0)) (then (return (i32.const 1))))
  (local.set $l (i32.or (i32.shl (i32.or (i32.shl (local.get $c) (i32.const 6)) (local.get $c1)) (i32.const 6)) (local.get $c2)))
  (if (i32.lt_u (local.get $c) (i32.const 0xF0)) (then
    (return (select (i32.const 1) (i32.const 3) (i32.le_u (i32.and (local.get $l) (i32.const 0xFFFF)) (i32.const 0x7FF))))))
  (local.set $c3 (i32.xor (i32.load8_u offset=3 (local.get $p)) (i32.const 0x80)))
  (if (i32.and (local.get $c3) (i32.const 0xC0)) (then (return (i32.const 1))))
  (if (i32.ge_u (local.get $c) (i32.const 0xF8)) (then (return (i32.const 1))))
  (local.set $l (i32.and (i32.or (i32.shl (local.get $l) (i32.const 6)) (local.get $c3)) (i32.const 0x1FFFFF)))
  (if (i32.or (i32.le_u (local.get $l) (i32.const 0xFFFF)) (i32.gt_u (local.get $l) (i32.const 0x10FFFF)))
    (then (return (i32.const 1))))
  (i32.const 4))""")
