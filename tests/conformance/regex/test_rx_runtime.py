"""Differential test of rx.wat (patterns compiled inside the module) against RE2.

Every corpus pattern is compiled by `$rx_compile`, then `matches`, `find`,
`extract`, `findAll` and `replace` must equal RE2's (google-re2, with
GlobalReplace as re2_oracle.py reimplements it) on fixed inputs and on
hypothesis inputs built from the pattern's own pieces.  Acceptance must
equal the literal compiler's: whatever `compile_regex` refuses, rx.wat
refuses, at the same place; random patterns check that too, and random
bytes check that compiling never traps.  RX_EXAMPLES raises the
hypothesis budget per pattern (default 8).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from re2_oracle import Oracle, to_re2_rewrite
from rx_harness import RxError, RxModule
from test_regex_conformance import CORPUS, FIXED, default_templates, pieces_of

from pwc.compiler.regex import RegexError, compile_regex
from pwc.compiler.regex.rx_tables import RX_ERROR, RX_ERRORS

EXAMPLES = int(os.environ.get("RX_EXAMPLES", "8"))
RANDOM_PATTERNS = int(os.environ.get("RX_RANDOM_PATTERNS", "300"))


def budget(examples: int):
    return settings(max_examples=examples, derandomize="RX_EXAMPLES" not in os.environ, deadline=None,
                    database=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def rx():
    return RxModule()


@pytest.fixture(scope="module")
def corpus(rx):
    """(pattern, templates, oracle, program) for every corpus pattern."""
    entries = []
    for pattern, templates in CORPUS:
        prog = rx.compile(pattern)
        assert not isinstance(prog, RxError), f"rx.wat refuses {pattern!r}: {prog}"
        oracle = Oracle(pattern)
        entries.append((pattern, templates or default_templates(oracle.groups), oracle, prog))
    return entries


def check(rx: RxModule, prog: int, pattern: str, templates: list[str], oracle: Oracle, data: bytes) -> None:
    assert rx.matches(prog, data) == int(oracle.search(data)), f"matches({pattern!r}, {data!r})"
    assert rx.find(prog, data) == oracle.find(data), f"find({pattern!r}, {data!r})"
    group = 1 if oracle.groups else 0
    assert rx.extract(prog, data) == oracle.find(data, group), f"extract({pattern!r}, {data!r})"
    assert rx.find_all(prog, data) == oracle.find_all(data), f"findAll({pattern!r}, {data!r})"
    for template in templates:
        want = oracle.global_replace(data, to_re2_rewrite(template))
        assert rx.replace(prog, data, template) == want, f"replace({pattern!r}, {template!r}, {data!r})"
    assert rx.rt_error == 0


@pytest.mark.parametrize("index", range(len(CORPUS)), ids=[p for p, _ in CORPUS])
def test_agrees_with_re2(rx, corpus, index):
    pattern, templates, oracle, prog = corpus[index]
    assert rx.groups(prog) == oracle.groups
    pieces = pieces_of(pattern)
    for data in FIXED + pieces + [b"".join(pieces), b"".join(pieces) * 5]:
        check(rx, prog, pattern, templates, oracle, data)

    @budget(EXAMPLES)
    @given(st.lists(st.one_of(st.sampled_from(pieces), st.binary(max_size=3)), max_size=20))
    def run(parts):
        check(rx, prog, pattern, templates, oracle, b"".join(parts))

    run()


def test_issue_examples(rx):
    prog = rx.compile(r"^/service/([^/]+)(/.*)$")
    assert rx.replace(prog, b"/service/foo/v1/api", r"\2/instance/\1") == b"/v1/api/instance/foo"
    prog = rx.compile("a*")
    assert rx.replace(prog, b"baaac", "-") == b"-b-c-"
    prog = rx.compile("banana/([0-9]*)")
    assert rx.replace(prog, b"/banana/42", "status/$1") == b"/status/42"
    assert rx.extract(prog, b"/banana/42") == b"42"


# -- acceptance: what the literal compiler refuses, rx.wat refuses ----------

def python_verdict(pattern: str) -> tuple[str, int] | None:
    """None when compile_regex accepts `pattern`, else (message, byte offset)."""
    try:
        compile_regex(pattern)
    except RegexError as error:
        return error.message, len(pattern[: error.start].encode("utf-8"))
    return None


def same_verdict(rx: RxModule, pattern: str) -> None:
    want = python_verdict(pattern)
    got = rx.compile(pattern)
    if want is None:
        assert not isinstance(got, RxError), f"rx.wat refuses {pattern!r} ({got}); compile_regex accepts it"
        rx.free(got)
        return
    message, at = want
    assert isinstance(got, RxError), f"rx.wat accepts {pattern!r}; compile_regex says {message}"
    codes = _CODES_FOR[_kind(message)]
    assert got.at == at and got.code in codes, \
        f"{pattern!r}: rx.wat says {got.text!r} at {got.at}, compile_regex {message!r} at {at}"


def _kind(message: str) -> str:
    if message.startswith("Unicode class"):
        return "Unicode class"
    return message.split(":")[0].split(" (")[0]


_CODES_FOR = {
    "missing )": {RX_ERROR["MISSING_PAREN"]},
    "unexpected )": {RX_ERROR["UNEXPECTED_PAREN"]},
    "missing ]": {RX_ERROR["MISSING_BRACKET"]},
    "trailing \\": {RX_ERROR["TRAILING_BACKSLASH"]},
    "invalid escape sequence": {RX_ERROR["BAD_ESCAPE"], RX_ERROR["BACKREFERENCE"]},
    "invalid character class range": {RX_ERROR["BAD_CHAR_RANGE"]},
    "no argument for repetition operator": {RX_ERROR["REPEAT_ARGUMENT"]},
    "invalid repetition size": {RX_ERROR["REPEAT_SIZE"]},
    "bad repetition operator": {RX_ERROR["REPEAT_OP"]},
    "invalid perl operator": {RX_ERROR["BAD_PERL_OP"], RX_ERROR["LOOKAROUND"]},
    "invalid named capture group": {RX_ERROR["BAD_NAMED_CAPTURE"]},
    "expression nests too deeply": {RX_ERROR["NESTING"]},
    "pattern too large": {RX_ERROR["TOO_LARGE"]},
    "pattern too costly": {RX_ERROR["TOO_COSTLY"]},
    "invalid UTF-8": {RX_ERROR["BAD_UTF8"]},
    "Unicode class": {RX_ERROR["UNICODE_CLASS"]},
}

REFUSED = [
    "(", "(a", "a)", ")", "(a|b", "[a", "[^", "[]", "[a-", "\\", "a\\", "[\\", "\\1", "\\7", "(a)\\1", "\\8", "\\Z",
    "\\x", "\\x4", "\\xg0", "\\x{", "\\x{}", "\\x{110000}", "\\x{12", "\\pL", "\\p{Greek}", "\\PL", "[\\pL]", "[z-a]",
    "[a-\\d]", "[[:foo:]]", "[[:^:]]", "*", "+a", "?", "{2}", "a**", "a*+", "a++", "a{2}{3}", "a{2}*", "a{1001}",
    "a{2,1}", "a{1000,1001}", "(a{100}){11}", "((a{10}){10}){11}", "(?", "(?i", "(?x)", "(?i-)", "(?-)", "(?--i)",
    "(?P=n)", "(?P>n)", "(?Px)", "(?=a)", "(?!a)", "(?<=a)", "(?<!a)", "(?#c)", "(?P<>a)", "(?P<a-b>x)", "(?P<n",
    "(?<n>a", "(?:a", "[[:alpha:]", "\\18", "[\\0-\\7]", "[a]]]]\\", "\\Q\\E*", "(" * 251 + ")" * 251, "[\\b]", "[\\Q]", "[\\C]",
    "\\C{1001}", "((((((((((a{2}){2}){2}){2}){2}){2}){2}){2}){2}){2})", "[\\x{10ffff}-\\x{10fffe}]",
    "[\\x00-\\x{10ffff}]{1667}", "(?:a?){200}", "(?:a?b?){100}", "(a?){150}\\b", "\\pN{2}", "x{1001,}", "x{99999999999}", "é{1001}", "[é-a]",
]

ACCEPTED = [
    "(?)", "(?i)", "(?i-s)", "(?i:)", "a{,2}", "a{x}", "{", "}", "a{1,}?", "(?P<n>a)(?P<n>b)", "(?<n>a)",
    "\\x{D800}", "[\\x{D800}-\\x{DFFF}]", "\\Q", "\\Qa\\", "\\Q\\\\E", "[]]", "[^]]", "[-]", "[a-]",
    "[[:alpha:]-z]", "[[]", "[[:]", "x{2}{,3}", "a{1000}", "((a{10}){10}){10}", "(" * 250 + ")" * 250,
    "\\0", "\\08", "\\777", "[\\0-\\06]", "\\x{10FFFF}", "(?U)a*?", "(?i)\\x{212A}", "[^\\x00-\\x{10FFFF}]",
    "\\C*", "(?s:.)", "(?m)^$", "x*\\b", "$^", "[\\d\\D]", "\\w{1000}", "[a-z]{1000}", "(?:a?){100}", "(?:(?:a|b|c|d|e|f|g|h)?){60}", "\\b(a?){80}",
]


@pytest.mark.parametrize("pattern", REFUSED)
def test_refused_as_the_literal_compiler_refuses(rx, pattern):
    assert python_verdict(pattern) is not None, f"compile_regex accepts {pattern!r}: not a refusal case"
    same_verdict(rx, pattern)


@pytest.mark.parametrize("pattern", ACCEPTED)
def test_accepted_as_the_literal_compiler_accepts(rx, pattern):
    assert python_verdict(pattern) is None, f"compile_regex refuses {pattern!r}: not an acceptance case"
    same_verdict(rx, pattern)


def test_refusal_texts(rx):
    assert rx.compile("(ab").text == "missing )"
    assert rx.compile("a\\1").text == "invalid escape sequence: backreferences are not supported"
    error = rx.compile("abc(?=x)")
    assert (error.text, error.at) == ("invalid perl operator: lookaround is not supported", 3)
    assert rx.compile(b"ab\xffc") == RxError(RX_ERROR["BAD_UTF8"], 2, "invalid UTF-8")
    assert {RX_ERRORS[rx.compile(p).code][0] for p in ("x{1001}", "((a{10}){10}){11}")} == {"REPEAT_SIZE"}


# Random patterns over the characters that make RE2 syntax.
_ATOMS = ["a", "b", "é", "K", ".", "^", "$", "\\b", "\\B", "\\d", "\\W", "\\s", "\\A", "\\z", "\\C", "\\Q", "\\E",
          "\\x41", "\\x{e9}", "\\1", "\\0", "\\p", "\\", "[", "]", "[^", "-", "[:alpha:]", "[:^digit:]", "(", ")",
          "(?:", "(?i)", "(?m)", "(?s)", "(?U)", "(?i-s:", "(?P<n>", "(?<x>", "(?=", "(?P=", "|", "*", "+", "?",
          "*?", "+?", "??", "{", "}", "{2}", "{1,3}", "{0,}", "{,2}", "{3,1}", "{1001}", ",", ":", "\n", "k", "s"]


@given(st.lists(st.sampled_from(_ATOMS), min_size=1, max_size=12))
@settings(max_examples=RANDOM_PATTERNS, derandomize="RX_EXAMPLES" not in os.environ, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_random_patterns_same_verdict(rx, parts):
    same_verdict(rx, "".join(parts))


@given(st.lists(st.sampled_from(_ATOMS), min_size=1, max_size=10), st.lists(st.sampled_from(
    [b"a", b"b", b"ab", b"\n", b" ", b"\xc3\xa9", b"K", b"\xe2\x84\xaa", b"k", b"s", b"\xc5\xbf", b"0", b"\xff", b"-"]),
    max_size=8))
@settings(max_examples=RANDOM_PATTERNS, derandomize="RX_EXAMPLES" not in os.environ, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_random_patterns_match_as_re2(rx, parts, subject_parts):
    """Random patterns that both compilers accept match as RE2 matches."""
    pattern = "".join(parts)
    if python_verdict(pattern) is not None:
        return
    try:
        oracle = Oracle(pattern)
    except Exception:  # RE2 refuses something the literal compiler accepts (e.g. (?P<n>a)(?P<n>b))
        return
    prog = rx.compile(pattern)
    assert not isinstance(prog, RxError), (pattern, prog)
    templates = default_templates(oracle.groups)
    check(rx, prog, pattern, templates, oracle, b"".join(subject_parts))
    rx.free(prog)


@given(st.binary(max_size=40))
@settings(max_examples=RANDOM_PATTERNS, derandomize="RX_EXAMPLES" not in os.environ, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_random_bytes_never_trap(rx, pattern):
    got = rx.compile(pattern)
    if isinstance(got, RxError):
        assert 0 < got.code < len(RX_ERRORS) and 0 <= got.at <= len(pattern), got
        assert rx.rt_error == 0 or got.name == "OUT_OF_MEMORY"
    else:
        assert rx.matches(got, pattern) in (0, 1)
        rx.free(got)
    try:
        text = pattern.decode("utf-8")
    except UnicodeDecodeError:
        assert isinstance(got, RxError) and got.name == "BAD_UTF8"
        return
    want = python_verdict(text)
    assert isinstance(got, RxError) == (want is not None), (pattern, got, want)
