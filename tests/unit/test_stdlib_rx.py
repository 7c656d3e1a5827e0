"""pwc/stdlib/rx.wat linked alone: the contract its header states.

The differential tests against RE2 are in tests/conformance/regex/
test_rx_runtime.py; these check what the contract promises beyond results:
programs shaped as the literal compiler shapes them (same instruction
counts, so the same limits), case folding equal to charset.fold, linear
cost per byte, no trap and no growth when memory runs out or programs are
freed, and templates.  `PYTHONPATH=tests:tests/unit python
tests/unit/test_stdlib_rx.py` prints the fuel per byte quoted in rx.wat.
"""

from __future__ import annotations

import random
import struct
from pathlib import Path

import pytest

import rx_harness
from rx_harness import RxError, RxModule

from pwc.compiler.regex import charset, compile_regex
from pwc.compiler.regex.rx_tables import RX_ERROR, WAT_PATH, generated_file

CORPUS_FILE = Path(__file__).resolve().parents[1] / "conformance" / "regex" / "patterns.txt"
PATTERNS = [line.split("\t")[0] for line in CORPUS_FILE.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]

# The bound rx.wat's header states: wasm instructions per subject byte, per
# instruction of the program, plus per slot copied per consuming instruction.
PER_INSTRUCTION = 100
PER_SLOT_COPY = 12
PER_STEP = 300


@pytest.fixture(scope="module")
def rx():
    return RxModule()


@pytest.fixture(scope="module")
def metered():
    return RxModule(fuel=True)


def program_shape(rx: RxModule, prog: int) -> tuple[int, int, int]:
    """(instructions, consuming instructions, groups) read from a program's header."""
    header = bytes(rx.memory.read(rx.store, prog, prog + 24))
    ninst, _start, groups, _arms, _flags, ncons = struct.unpack("<6i", header)
    return ninst, ncons, groups


def test_generated_part_is_up_to_date():
    assert WAT_PATH.read_text(encoding="utf-8") == generated_file(), "run `python -m pwc.compiler.regex.rx_tables`"


@pytest.mark.parametrize("pattern", PATTERNS + [r"(?i)[^\W\d_]{3,5}", r"[\x{80}-\x{10FFFF}]+", r"(?i)ǅ"])
def test_programs_have_the_literal_compilers_shape(rx, pattern):
    """Same instruction and CONS counts as nfa.py: same limits, same cost bound."""
    auto = compile_regex(pattern).automaton
    prog = rx.compile(pattern)
    cons = sum(1 for inst in auto.insts if inst[0] == "cons")
    assert program_shape(rx, prog) == (len(auto.insts), cons, auto.group_count)
    rx.free(prog)


def _random_set(rng: random.Random) -> list[tuple[int, int]]:
    span = rng.choice([0x80, 0x600, 0x3000, 0x20000, 0x110000])
    points = sorted(rng.randrange(span) for _ in range(2 * rng.randint(1, 6)))
    return list(charset.normalize([(points[i], points[i + 1]) for i in range(0, len(points), 2)]))


def test_case_folding_equals_charset_fold(rx):
    """(?i)[set] matches exactly fold(set): checked on every code point that
    folds and on the ends of the ranges and their neighbours."""
    keys, _ = charset._fold_table()
    rng = random.Random(7)
    for _ in range(40):
        ranges = _random_set(rng)
        cls = "".join(f"\\x{{{lo:x}}}-\\x{{{hi:x}}}" for lo, hi in ranges)
        prog = rx.compile(f"(?i)[{cls}]")
        probe = set(keys) | {c for lo, hi in ranges for c in (lo - 1, lo, hi, hi + 1) if 0 <= c <= 0x10FFFF}
        probe -= set(range(0xD800, 0xE000))
        folded = charset.fold(tuple(ranges))
        want = sorted(c for c in probe if any(lo <= c <= hi for lo, hi in folded))
        subject = "".join(chr(c) for c in sorted(probe)).encode()
        assert rx.find_all(prog, subject) == [chr(c).encode() for c in want], ranges
        rx.free(prog)


@pytest.mark.parametrize("pattern, unit, tail", [
    (r"(a*)*b", b"a", b""), (r"(a|aa)*c", b"a", b""), (r"(x+x+)+y", b"x", b""),
    (r"^(a+)+$", b"a", b"b"), (r"(.*)(.*)(.*)(.*)z", b"ab ", b""), (r"(?i)(\w+\s*)+$", b"ab ", b"!"),
])
def test_pathological_patterns_run_in_linear_time(metered, pattern, unit, tail):
    prog = metered.compile(pattern)
    ninst, ncons, _ = program_shape(metered, prog)
    small = unit * (1024 // len(unit)) + tail
    large = unit * (64 * 1024 // len(unit)) + tail
    for call in ("matches", "find", "replace"):
        costs = []
        for data in (small, large):
            if call == "replace":
                metered.replace(prog, data, "[$1]")
            else:
                getattr(metered, call)(prog, data)
            costs.append(metered.last_fuel / len(data))
        slots = 0 if call == "matches" else 4
        bound = PER_INSTRUCTION * ninst + PER_SLOT_COPY * slots * ncons + PER_STEP
        assert costs[1] <= bound, (call, costs, bound)
        assert costs[1] <= 1.25 * costs[0], (call, costs)  # flat per byte: linear
    metered.free(prog)


@pytest.mark.parametrize("pattern", [r"(a|b)*a(a|b){11}", r"(?:a|b)*b[ab]{9}a", r"^(?:[ab]{3})*a\z"])
def test_dfa_states_beyond_the_cache_agree_with_re2(rx, pattern):
    """Thousands of DFA states: the cache of one call empties itself and
    the answers stay RE2's (matches runs the DFA, find the Pike VM)."""
    import re2

    oracle = re2.compile(pattern)
    prog = rx.compile(pattern)
    rng = random.Random(3)
    for _ in range(30):
        data = bytes(rng.choice(b"ab") for _ in range(rng.randint(0, 3000)))
        want = oracle.search(data)
        assert rx.matches(prog, data) == (want is not None)
        assert rx.find(prog, data) == (want.group(0) if want else b"")


def test_dfa_needs_no_memory_beyond_its_room(rx):
    """Without room for the DFA's cache, matches runs the Pike VM."""
    prog = rx.compile(r"(a|b)*a(a|b){5}c")
    data = b"ab" * 3000 + b"aabbbbc"
    assert rx.matches(prog, data) == 1
    rx.room = 8192  # the Pike VM's workspace fits, the DFA's cache does not
    try:
        assert rx.matches(prog, data) == 1
        assert rx.matches(prog, b"ab" * 3000) == 0
        assert rx.rt_error == 0
    finally:
        rx.room = None


def test_many_groups_cost_what_the_bound_says(metered):
    prog = metered.compile("(a)" * 9 + "b")
    ninst, ncons, _ = program_shape(metered, prog)
    data = b"a" * 4096
    metered.replace(prog, data, "$9$8$7$6$5$4$3$2$1")
    assert metered.last_fuel / len(data) <= PER_INSTRUCTION * ninst + PER_SLOT_COPY * 20 * ncons + PER_STEP


def test_no_match_means_no_allocation_in_the_result(rx):
    prog = rx.compile(r"(\d+)-(\d+)")
    subject = b"no digits here"
    packed = rx.put(subject)
    assert rx.call("rx_replace", prog, packed, rx.put(b"$2-$1")) == packed  # the input itself
    assert rx.replace(prog, b"12-34 5-6", "$2-$1") == b"34-12 6-5"
    assert rx.replace(prog, b"1-2", "") == b""


def test_templates(rx):
    assert [rx.template_max_group(t) for t in ["", "x", "$0", "\\0", "$$", "\\\\", "$1$9", "a\\3b", "$", "\\",
                                               "$x", "\\n", "${1}", "$10"]] == \
        [0, 0, 0, 0, 0, 0, 9, 3, -1, -1, -1, -1, -1, 1]
    prog = rx.compile(r"(a)|(b)")
    assert rx.replace(prog, b"ab", "[$1|\\2|$$|\\\\|$0]") == b"[a||$|\\|a][|b|$|\\|b]"
    assert rx.replace(prog, b"ab", "<$7>") == b"<><>"  # no such group: "" (configure code refuses it)


def test_extract_takes_group_one_or_the_whole_match(rx):
    assert rx.extract(rx.compile(r"a(b*)c"), b"xabbc") == b"bb"
    assert rx.extract(rx.compile(r"a(x)?c"), b"ac") == b""
    assert rx.extract(rx.compile(r"ab+"), b"xabbc") == b"abb"
    assert rx.extract(rx.compile(r"ab+"), b"xc") == b""


def test_program_zero_is_harmless(rx):
    assert rx.matches(0, b"abc") == 0
    assert rx.find(0, b"abc") == b""
    assert rx.find_all(0, b"abc") == []
    assert rx.replace(0, b"abc", "x") == b"abc"
    assert rx.groups(0) == 0
    rx.free(0)


def test_out_of_scratch_memory_never_traps(rx):
    prog = rx.compile(r"\b(\w+)@(\w+)")
    data = b"ann@example bob@example " * 40
    want = rx.replace(prog, data, "$2:$1")
    for room in (0, 16, 200, 1000, 3000, 6000, 20000):
        rx.room = room
        try:
            assert rx.matches(prog, data) in (0, 1)
            result = rx.replace(prog, data, "$2:$1")
            assert result == want or (result == data and rx.rt_error == 4)
            found = rx.find_all(prog, data)
            assert len(found) in (0, 80)
            refused = rx.compile("(a|b)+c")
            assert isinstance(refused, int) or refused.name == "OUT_OF_MEMORY"
        finally:
            rx.room = None
    assert rx.replace(prog, data, "$2:$1") == want


def test_compiling_gives_back_its_scratch_and_freeing_its_heap(rx):
    prog = rx.compile(r"(?i)[a-z]+\d{2,4}")
    rx.free(prog)
    top = rx.global_value("pheap_top")
    for _ in range(50):
        prog = rx.compile(r"(?i)[a-z]+\d{2,4}")
        assert rx.global_value("scratch_top") == rx_harness.HEAP  # compile gave its scratch back
        rx.free(prog)
    assert rx.global_value("pheap_top") == top


def test_limits(rx):
    assert rx.compile("(?:)" * 4997).__class__ is int  # 4997 NOPs + 3 = 5000 instructions
    assert rx.compile("(?:)" * 4998) == RxError(RX_ERROR["TOO_LARGE"], 0, "pattern too large")
    assert rx.compile("a" * 1666).__class__ is int  # 150 * 1666 + 100 <= 250000
    assert rx.compile("a" * 1667).name == "TOO_COSTLY"
    assert rx.compile("(((a{10}){10}){10})").__class__ is int
    assert rx.compile("(" * 250 + ")" * 250).__class__ is int
    assert rx.compile("(" * 251 + ")" * 251) == RxError(RX_ERROR["NESTING"], 250, "expression nests too deeply")


def measure() -> None:
    """Print fuel per byte for typical and pathological patterns, next to the
    literal compiler's specialised code on the same subjects."""
    from regex_harness import build

    rx = RxModule(fuel=True)
    cases = [
        ("banana/([0-9]*)", b"/banana/42/" + b"x" * 1000), ("^/service/([^/]+)(/.*)$", b"/service/foo/" + b"v" * 1000),
        (r"(?i)bearer\s+(\S+)", b"x" * 1024), (r"(?i)bearer\s+(\S+)", b"Bearer abc.def " * 64),
        (r"([a-z]+)@([a-z]+)\.com", b"abcdefgh " * 128), (r"([a-z]+)@([a-z]+)\.com", b"ann@example.com, " * 60),
        (r"\d+", b"abc 123 def 4567 " * 60), (r"\b\w+\b", b"hello world " * 100), (r"[ab]{1,100}x", b"ab" * 512),
        (r"(a*)*b", b"a" * 65536), (r"(a|aa)*c", b"a" * 65536), (r"(x+x+)+y", b"x" * 65536),
        (r"(.*)(.*)(.*)(.*)z", b"ab " * 340),
    ]
    print(f"{'pattern':26} {'subject':18} {'insts':>5}  {'matches':>8} {'find':>7} {'replace':>8}   literal: {'matches':>7} {'replace':>8}")
    for pattern, data in cases:
        prog = rx.compile(pattern)
        figures = []
        for call in ("matches", "find"):
            getattr(rx, call)(prog, data)
            figures.append(rx.last_fuel / len(data))
        rx.replace(prog, data, "<$0>")
        figures.append(rx.last_fuel / len(data))
        literal = build(pattern, "<$0>", fuel=True)
        literal.matches("m", data)
        lit_m = literal.last_fuel / len(data)
        literal.replace("r", data)
        lit_r = literal.last_fuel / len(data)
        subject = f"{data[:10]!r}..{len(data)}"
        print(f"{pattern:26} {subject:18} {program_shape(rx, prog)[0]:5}  " + " ".join(f"{f:8.1f}" for f in figures)
              + f"   {lit_m:16.1f} {lit_r:8.1f}")


if __name__ == "__main__":
    measure()
