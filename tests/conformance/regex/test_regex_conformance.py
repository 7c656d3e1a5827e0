"""Differential test: every corpus pattern, compiled by pwc, agrees with RE2.

For each pattern: `matches` must equal RE2's unanchored search, and every
rewrite must equal RE2::GlobalReplace, on fixed inputs and on hypothesis
inputs built from the pattern's own characters plus random bytes (so both
matches and non-matches occur).  REGEX_EXAMPLES raises the per-pattern
hypothesis budget (default 25).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HERE = Path(__file__).resolve().parent

from re2_oracle import Oracle, to_re2_rewrite
from regex_harness import RegexModule

from pwc.compiler.regex import compile_regex, parse_template

EXAMPLES = int(os.environ.get("REGEX_EXAMPLES", "25"))


def load_corpus() -> list[tuple[str, list[str]]]:
    cases = []
    for line in (HERE / "patterns.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        pattern, *templates = line.split("\t")
        cases.append((pattern, templates))
    return cases


CORPUS = load_corpus()


def default_templates(group_count: int) -> list[str]:
    return ["<$0>"] + (["[$1]"] if group_count else [])


@pytest.fixture(scope="module")
def compiled():
    """One module with every corpus pattern: m<i> (matches), r<i>_<j> (replace),
    f<i> (find), x<i> (regex.extract) and a<i> (findAll)."""
    text = []
    exports = []
    entries = []
    for i, (pattern, templates) in enumerate(CORPUS):
        rx = compile_regex(pattern)
        templates = templates or default_templates(rx.group_count)
        text.append(rx.emit_matches(f"m{i}"))
        text.append(rx.emit_text(rx.write_find, f"f{i}") + rx.emit_text(rx.write_extract, f"x{i}"))
        text.append(rx.emit_text(rx.write_find_all, f"a{i}"))
        exports += [f"m{i}", f"f{i}", f"x{i}", f"a{i}"]
        for j, template in enumerate(templates):
            text.append(rx.emit_replace(f"r{i}_{j}", parse_template(template, rx.group_count)))
            exports.append(f"r{i}_{j}")
        entries.append((pattern, templates, Oracle(pattern)))
    return RegexModule("".join(text), exports), entries


def pieces_of(pattern: str) -> list[bytes]:
    """Characters and literal runs of the pattern, as inputs are built from them."""
    out = {ch.encode("utf-8", "surrogatepass") for ch in pattern}
    run = ""
    for ch in pattern + "\0":
        if ch.isalnum() or ch in "/-_ .é日本":
            run += ch
        else:
            if len(run) > 1:
                out.add(run.encode())
            run = ""
    out |= {b"\n", b" ", b"/", b"a", b"b", b"0", b"9", b"\xff", b"\xc3\xa9", b"\xe2\x84\xaa", b"\xc5\xbf", b"\xc3", b"K", b"_"}
    return sorted(out)


def check(module: RegexModule, index: int, pattern: str, templates: list[str], oracle: Oracle, data: bytes) -> None:
    expected = oracle.search(data)
    got = module.matches(f"m{index}", data)
    assert got == int(expected), f"matches({pattern!r}, {data!r}) = {got}, RE2 says {expected}"
    assert module.replace(f"f{index}", data) == oracle.find(data), f"find({pattern!r}, {data!r})"
    group = 1 if oracle.groups else 0
    assert module.replace(f"x{index}", data) == oracle.find(data, group), f"extract({pattern!r}, {data!r})"
    assert module.strings(f"a{index}", data) == oracle.find_all(data), f"findAll({pattern!r}, {data!r})"
    for j, template in enumerate(templates):
        want = oracle.global_replace(data, to_re2_rewrite(template))
        have = module.replace(f"r{index}_{j}", data)
        assert have == want, f"replace({pattern!r}, {template!r}, {data!r}) = {have!r}, RE2 gives {want!r}"


FIXED = [b"", b"a", b"aa", b"ab", b"abc", b"b", b"\n", b"a\nb", b"/service/foo/v1/api", b"banana/123", b"\xff", b"\xc3\xa9"]


def test_corpus_is_large_enough():
    assert len(CORPUS) >= 200


@pytest.mark.parametrize("index", range(len(CORPUS)), ids=[p for p, _ in CORPUS])
def test_agrees_with_re2(compiled, index):
    module, entries = compiled
    pattern, templates, oracle = entries[index]
    for data in FIXED + [p for p in pieces_of(pattern)] + [b"".join(pieces_of(pattern))]:
        check(module, index, pattern, templates, oracle, data)

    @settings(
        max_examples=EXAMPLES,
        derandomize="REGEX_EXAMPLES" not in os.environ,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.lists(st.one_of(st.sampled_from(pieces_of(pattern)), st.binary(max_size=2)), max_size=14))
    def run(parts):
        check(module, index, pattern, templates, oracle, b"".join(parts))

    run()


def test_issue_examples(compiled):
    module, entries = compiled
    index = {p: i for i, (p, _, _) in enumerate(entries)}
    assert module.replace(f"r{index['^/service/([^/]+)(/.*)$']}_0", b"/service/foo/v1/api") == b"/v1/api/instance/foo"
    assert module.replace(f"r{index['one']}_0", b"/xxx/one/yyy/one/zzz") == b"/xxx/two/yyy/two/zzz"
    assert module.replace(f"r{index['a*']}_0", b"baaac") == b"-b-c-"
    assert module.replace(f"r{index['banana/([0-9]*)']}_0", b"/banana/42") == b"/status/42"


@pytest.mark.parametrize("index", range(len(CORPUS)), ids=[p for p, _ in CORPUS])
def test_long_inputs_agree_with_re2(compiled, index):
    """Inputs long enough for the word-at-a-time skip and for many matches
    (the replace records outgrow the workspace and are reallocated)."""
    module, entries = compiled
    pattern, templates, oracle = entries[index]
    pieces = pieces_of(pattern)
    joined = b"".join(pieces)
    for data in (joined * 7, b"x" * 37 + joined, (b"\x00" * 9 + joined) * 3, b"".join(p * 5 for p in pieces) * 2):
        check(module, index, pattern, templates, oracle, data)

    @settings(
        max_examples=max(EXAMPLES // 3, 5),
        derandomize="REGEX_EXAMPLES" not in os.environ,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.lists(st.one_of(st.sampled_from(pieces), st.binary(min_size=1, max_size=9)), min_size=10, max_size=60))
    def run(parts):
        check(module, index, pattern, templates, oracle, b"".join(parts))

    run()
