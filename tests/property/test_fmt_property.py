"""`pwc fmt` over generated programs with comments and blank lines put in at
random lines: fmt(fmt(x)) == fmt(x), every comment of x is in fmt(x) in the
same order, the syntax tree is the same and so is the module (fmt_harness
says how lines that moved are accounted for).

The programs are test_fuzz_check's well-formed ones, which compile, and the
examples and tests/data/fmt's corpus, whose statements run over several lines
(comments put inside those are the hard case).  PWC_FUZZ_EXAMPLES=5000 runs
a larger budget.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fmt_harness import assert_fmt_keeps
from property.test_fuzz_check import well_formed_program

ROOT = Path(__file__).resolve().parents[2]
REAL_PROGRAMS = sorted([*ROOT.glob("examples/*.pwf"), *ROOT.glob("tests/data/fmt/*.pwf")])
COMMENT_CHARS = st.characters(min_codepoint=0x20, max_codepoint=0x2FF, exclude_characters="\x7f")


def with_comments(draw, text: str) -> str:
    """`text` with comments alone on new lines, blank lines and trailing comments drawn in."""
    out: list[str] = []
    for number, line in enumerate(text.split("\n")):
        for _ in range(draw(st.integers(0, 2))):
            if draw(st.sampled_from(["comment", "blank"])) == "blank":
                out.append("")
            else:
                indent = " " * draw(st.integers(0, 6))
                out.append(f"{indent}# {number}.{len(out)} {draw(st.text(COMMENT_CHARS, max_size=12))}")
        if line.strip() and draw(st.booleans()):
            gap = " " * draw(st.integers(0, 4))
            line += f"{gap}# trailing {number} {draw(st.text(COMMENT_CHARS, max_size=8))}"
        out.append(line)
    return "\n".join(out)


@st.composite
def commented_program(draw) -> str:
    return with_comments(draw, draw(well_formed_program()))


@st.composite
def commented_real_program(draw) -> str:
    return with_comments(draw, draw(st.sampled_from(REAL_PROGRAMS)).read_text(encoding="utf-8"))


@settings(max_examples=int(os.environ.get("PWC_FUZZ_EXAMPLES", "60")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(commented_program())
def test_fmt_keeps_comments_meaning_and_module_of_generated_programs(text: str) -> None:
    assert_fmt_keeps(text, "generated.pwf")


@settings(max_examples=int(os.environ.get("PWC_FUZZ_EXAMPLES", "40")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(commented_real_program())
def test_fmt_keeps_comments_put_anywhere_in_real_programs(text: str) -> None:
    assert_fmt_keeps(text, "real.pwf")
