"""Run-time properties of the generated code: linear cost, memory failure, size.

`python tests/unit/test_regex_runtime.py` prints instructions per byte and
module size for typical patterns (the figures quoted in the regex package
docstring and in the issue's closing note).
"""

from __future__ import annotations


import pytest

from regex_harness import SCRATCH_BASE, RegexModule, build

from pwc.compiler.regex import compile_regex, parse_template


def fuel_per_byte(module: RegexModule, func: str, data: bytes) -> float:
    if func == "m":
        module.matches("m", data)
    else:
        module.replace("r", data)
    return module.last_fuel / len(data)


@pytest.fixture(scope="module")
def pathological():
    return build(r"^(a+)+$", "<$1>", fuel=True)


@pytest.mark.parametrize("func", ["m", "r"])
def test_pathological_pattern_is_linear(pathological, func):
    small = b"a" * 1024 + b"b"
    large = b"a" * 50 * 1024 + b"b"
    per_byte_small = fuel_per_byte(pathological, func, small)
    per_byte_large = fuel_per_byte(pathological, func, large)
    assert pathological.matches("m", large) == 0
    assert per_byte_large <= 2 * per_byte_small, (per_byte_small, per_byte_large)


def test_pathological_pattern_still_matches(pathological):
    assert pathological.matches("m", b"a" * 5000) == 1
    assert pathological.replace("r", b"aaaa") == b"<aaaa>"
    assert pathological.replace("r", b"aaab") == b"aaab"


@pytest.mark.parametrize("pattern", [r"(x+x+)+y", r"(a|aa)+$", r"(.*)(.*)(.*)(.*)z", r"(?i)(\w+\s*)+$"])
def test_classic_blowups_are_linear(pattern):
    module = build(pattern, "[$1]", fuel=True)
    unit = {"(x+x+)+y": b"x", "(a|aa)+$": b"a"}.get(pattern, b"ab ")
    small = unit * (1024 // len(unit)) + b"!"
    large = unit * (40 * 1024 // len(unit)) + b"!"
    for func in ("m", "r"):
        assert fuel_per_byte(module, func, large) <= 2 * fuel_per_byte(module, func, small)


def test_out_of_memory_leaves_rt_error_and_never_traps():
    # \b keeps `matches` on the Pike VM, which needs scratch memory
    module = build(r"\b(\d+)-(\d+)", "$2-$1")
    tiny = SCRATCH_BASE + 16  # not even the workspace fits
    assert module.matches("m", b"12-34", scratch_end=tiny) == 0
    assert module.rt_error == 4
    assert module.replace("r", b"12-34", scratch_end=tiny) == b"12-34"
    assert module.rt_error == 4
    # the workspace fits but the output does not: input comes back unchanged
    rx = compile_regex(r"(\d+)-(\d+)")
    text = rx.emit_replace("r", parse_template("$2-$1" * 50, rx.group_count))
    module = RegexModule(text, ["r"])
    for end in range(SCRATCH_BASE + 64, SCRATCH_BASE + 4096, 97):
        result = module.replace("r", b"12-34 " * 20, scratch_end=end)
        assert result == b"12-34 " * 20 or module.rt_error == 0
    assert module.replace("r", b"1-2") == b"2-1" * 50
    assert module.rt_error == 0


def test_dfa_matches_needs_no_memory():
    module = build(r"(\d+)-(\d+)", "$2-$1")
    assert module.matches("m", b"12-34", scratch_end=SCRATCH_BASE) == 1
    assert module.rt_error == 0


def test_empty_output_and_unchanged_input():
    module = build(r"[a-z]+", "")
    assert module.replace("r", b"abc") == b""
    assert module.replace("r", b"1a2") == b"12"
    assert module.replace("r", b"123") == b"123"


def test_replace_searches_once_and_allocates_only_on_a_match():
    module = build(r"banana/([0-9]*)", "status/$1", fuel=True)
    # no byte that can start a match: no workspace, no output
    assert module.replace("r", b"/fruit/apple/42", scratch_end=SCRATCH_BASE) == b"/fruit/apple/42"
    assert module.rt_error == 0
    # many matches: the records outgrow the workspace and are reallocated
    assert module.replace("r", b"/banana/1" * 40) == b"/status/1" * 40
    # one search: the request of the talk stays well under the old two-pass cost (5219)
    assert module.replace("r", b"/banana/418") == b"/status/418"
    assert module.last_fuel < 3000, module.last_fuel


def test_two_patterns_share_a_module():
    a = compile_regex(r"^(\w+)\s")
    b = compile_regex(r"\b(\w)")
    text = a.emit_matches("x") + a.emit_replace("y", parse_template("$1", 1))
    text += b.emit_matches("z") + b.emit_replace("w", parse_template("<$1>", 1))
    module = RegexModule(text, ["x", "y", "z", "w"])
    assert module.matches("x", b"hello world") == 1
    assert module.replace("y", b"hello world") == b"helloworld"
    assert module.replace("w", b"ab cd") == b"<a>b <c>d"
    assert a.stdlib_functions == ("alloc",)


# (pattern, template, a subject that matches; `matches` is measured on a
# subject that does not match, where the whole input must be scanned)
TYPICAL = [
    ("banana/([0-9]*)", "status/$1", b"/api/v1/fruit/banana/123/details?x=1&y=2"),
    (r"^/service/([^/]+)(/.*)$", r"\2/instance/\1", b"/service/foo/v1/api/items/12345/details"),
    (r"(?i)bearer\s+\S+", "Bearer ***", b"Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc"),
    ("one", "two", b"/xxx/one/yyy/one/zzz/and/some/more/path/segments"),
    (r"^/api/v(\d+)/(.*)$", "/v$1/$2", b"/api/v2/users/12345/orders?limit=10"),
    (r"[?&]token=[^&]*", "", b"/login?user=alice&token=abcdef123456&next=/home"),
]
MISSES = {
    "banana/([0-9]*)": b"/api/v1/fruit/bananas/123/details?x=1&y=2",
    r"^/service/([^/]+)(/.*)$": b"/service/foo/v1/api/items/12345/details",
    r"(?i)bearer\s+\S+": b"Basic eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc",
    "one": b"/xxx/on/yyy/onE/zzz/and/some/more/path/segments",
    r"^/api/v(\d+)/(.*)$": b"/api/v2/users/12345/orders?limit=10",
    r"[?&]token=[^&]*": b"/login?user=alice&tokens=abcdef123456&next=/home",
}


def measure() -> list[tuple[str, float, float, int]]:
    rows = []
    for pattern, template, sample in TYPICAL:
        module = build(pattern, template, fuel=True)
        miss = MISSES[pattern] * 40
        if pattern.endswith("$"):
            miss = miss[:-1] + b"\n"  # the anchored patterns scan to the end and fail there
        assert module.matches("m", miss) == 0
        m = fuel_per_byte(module, "m", miss)
        r = fuel_per_byte(module, "r", sample * 40)
        bare = RegexModule("", [])
        rows.append((pattern, m, r, module.size - bare.size))
    return rows


def test_typical_patterns_cost_and_size():
    for pattern, m, r, size in measure():
        assert m < 200 and r < 400, (pattern, m, r)
        assert size < 40_000, (pattern, size)


if __name__ == "__main__":
    for pattern in (r"^(a+)+$",):
        module = build(pattern, "<$1>", fuel=True)
        for n in (1024, 50 * 1024):
            data = b"a" * n + b"b"
            print(f"{pattern} {n // 1024} KB: matches {fuel_per_byte(module, 'm', data):.1f} "
                  f"replace {fuel_per_byte(module, 'r', data):.1f} instr/byte")
    print(f"{'pattern':40} {'matches':>8} {'replace':>8} {'bytes':>7}")
    for pattern, m, r, size in measure():
        print(f"{pattern:40} {m:8.1f} {r:8.1f} {size:7d}")
