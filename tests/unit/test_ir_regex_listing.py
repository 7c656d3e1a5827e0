"""`pwc ir` prints generated regex functions completely: the DFA it lists for
a `matches`, read back from the text and run here, answers as RE2 does."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import re2

from pwc.compiler.regex import compile_regex
from pwc.compiler.regex.listing import dfa_listing

ROOT = Path(__file__).resolve().parents[2]

_BYTE = r"'(.)'|0x([0-9a-f]{2})"
_MOVE = re.compile(rf"(?:{_BYTE})(?:-(?:{_BYTE}))? -> (\d+)")


def _value(char: str | None, hexa: str | None) -> int:
    return ord(char) if char else int(hexa, 16)


def _read_listing(lines: list[str]) -> list[tuple[dict[int, int], bool, bool]]:
    """state -> (byte -> next state, accepts in the middle, accepts at the end)."""
    states = []
    for line in lines:
        moves_text = line.split(": ", 1)[1].split("; accepts at ")[0]
        moves: dict[int, int] = {}
        for m in _MOVE.finditer(moves_text):
            lo = _value(m.group(1), m.group(2))
            hi = _value(m.group(3), m.group(4)) if (m.group(3) or m.group(4)) else lo
            for value in range(lo, hi + 1):
                moves[value] = int(m.group(5))
        accepts = line.split("; accepts at ")[1] if "; accepts at " in line else ""
        states.append((moves, "mid" in accepts, "end" in accepts))
    return states


def _run(states, subject: bytes) -> bool:
    state = 0
    for value in subject:
        moves, mid, _ = states[state]
        if mid:
            return True
        if value not in moves:
            return False
        state = moves[value]
    return states[state][2]


PATTERNS = ["^/api/v[0-9]+/", "banana", "a+b$", "^$", "(ab|cd)*e", "[^/]+\\.js$", "x?y{2,3}z"]
SUBJECTS = [b"", b"/api/v1/x", b"/api/v/x", b"xbanana", b"aab", b"aabc", b"abcde", b"e", b"a/b.js", b"b.js/",
            b"yyz", b"xyyyz", b"xyz", b"yyyyz", b"\xff/api/v9/"]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_the_listed_dfa_answers_as_re2(pattern):
    regex = compile_regex(pattern)
    assert regex.dfa is not None
    states = _read_listing(dfa_listing(regex.dfa))
    oracle = re2.compile(pattern.encode())
    for subject in SUBJECTS:
        assert _run(states, subject) == bool(oracle.search(subject)), (pattern, subject)


def test_pwc_ir_prints_every_generated_function(tmp_path):
    source = tmp_path / "m.pwf"
    source.write_text('filter "m"\non request {\n  if request.path.matches("^/v[0-9]/") { respond 403 }\n'
                      '  rewrite request.path "/old/(.*)" to "/new/$1"\n}\n')
    out = subprocess.run([sys.executable, "-m", "pwc.cli", "ir", str(source)],
                         capture_output=True, text=True, check=True).stdout
    assert 'regex $re0_match: matches "^/v[0-9]/" (0 groups)' in out
    assert "runs as a DFA, 5 states:" in out
    assert 'regex $re1_replace: replace "/old/(.*)" by "/new/$1" (1 group)' in out
    assert "(start)" in out and "generated" not in out
