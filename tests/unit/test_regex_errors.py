"""Rejected patterns and templates: RE2's message, located in the text."""

from __future__ import annotations

import pytest
import re2

from pwc.compiler.regex import RegexError, compile_regex, parse_template

# (pattern, message start, start, end, hint fragment or None)
PATTERN_ERRORS = [
    (r"(a)\1", "invalid escape sequence: \\1", 3, 5, "backreferences"),
    (r"\8", "invalid escape sequence: \\8", 0, 2, "backreferences"),
    (r"x(?=y)", "invalid perl operator: (?=", 1, 4, "lookaround"),
    (r"x(?!y)", "invalid perl operator: (?!", 1, 4, "lookaround"),
    (r"(?<=y)x", "invalid perl operator: (?<=", 0, 4, "lookaround"),
    (r"(?<!y)x", "invalid perl operator: (?<!", 0, 4, "lookaround"),
    (r"a*+", "bad repetition operator: *+", 1, 3, "possessive"),
    (r"a++", "bad repetition operator: ++", 1, 3, "possessive"),
    (r"a**", "bad repetition operator: **", 1, 3, None),
    (r"a{2}{3}", "bad repetition operator: {2}{3}", 1, 7, None),
    (r"ab\Z", "invalid escape sequence: \\Z", 2, 4, "\\z"),
    (r"a{1001}", "invalid repetition size: {1001}", 1, 7, "1000"),
    (r"a{3,2}", "invalid repetition size: {3,2}", 1, 6, None),
    (r"((a{100}){10}){2}", "invalid repetition size: {2}", 14, 17, "nested"),
    (r"*a", "no argument for repetition operator: *", 0, 1, None),
    (r"a|+", "no argument for repetition operator: +", 2, 3, None),
    (r"{2}", "no argument for repetition operator: {2}", 0, 3, None),
    (r"[z-a]", "invalid character class range: z-a", 1, 4, None),
    (r"[[:foo:]]", "invalid character class range: [:foo:]", 1, 8, "alpha"),
    (r"[a", "missing ]: [a", 0, 2, None),
    (r"x(a", "missing ): x(a", 1, 3, None),
    (r"a)", "unexpected ): a)", 1, 2, None),
    ("ab\\", "trailing \\", 2, 3, None),
    (r"\xZ1", "invalid escape sequence: \\xZ1", 0, 4, None),
    (r"\x{110000}", "invalid escape sequence: \\x{110000}", 0, 10, None),
    (r"\e", "invalid escape sequence: \\e", 0, 2, None),
    (r"\E", "invalid escape sequence: \\E", 0, 2, None),
    (r"[\b]", "invalid escape sequence: \\b", 1, 3, None),
    (r"[a-\d]", "invalid escape sequence: \\d", 3, 5, None),
    (r"(?x)a", "invalid perl operator: (?x", 0, 3, None),
    (r"(?i-)a", "invalid perl operator: (?i-)", 0, 5, None),
    (r"(?#c)a", "invalid perl operator: (?#", 0, 3, "comments"),
    (r"(?P=n)", "invalid perl operator: (?P", 0, 3, "backreferences"),
    (r"(?P<>a)", "invalid named capture group: (?P<>", 0, 5, None),
    (r"(?P<a-b>x)", "invalid named capture group: (?P<a-b>", 0, 8, None),
    (r"x\pL", "Unicode class \\pL is not supported yet", 1, 4, None),
    (r"\p{Greek}+", "Unicode class \\p{Greek} is not supported yet", 0, 9, None),
    (r"[\PN]", "Unicode class \\PN is not supported yet", 1, 4, None),
]


@pytest.mark.parametrize("pattern,message,start,end,hint", PATTERN_ERRORS)
def test_pattern_error(pattern, message, start, end, hint):
    with pytest.raises(RegexError) as info:
        compile_regex(pattern)
    err = info.value
    assert err.message.startswith(message)
    assert (err.start, err.end) == (start, end)
    if hint is not None:
        assert hint in (err.hint or "")


@pytest.mark.parametrize("pattern", [p for p, *_ in PATTERN_ERRORS if "\\p" not in p and "\\P" not in p])
def test_re2_rejects_them_too(pattern):
    with pytest.raises(re2.error):
        re2.compile(pattern)


def test_pattern_too_large_is_located():
    for pattern in [".{1000}", "[a-z]{1000}[0-9]{1000}[a-f]{1000}[x-z]{1000}[ab]{1000}[cd]{1000}", "(.?){1000}"]:
        with pytest.raises(RegexError) as info:
            compile_regex(pattern)
        assert info.value.message.startswith("pattern too large")
        assert "(limit " in info.value.message
        assert (info.value.start, info.value.end) == (0, len(pattern))


def test_big_but_reasonable_patterns_compile():
    assert compile_regex("a{1000}").group_count == 0
    assert compile_regex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").group_count == 0


TEMPLATE_ERRORS = [
    ("$2", 1, "the template refers to group 2, but the regex has only 1 capture group", 0, 2),
    ("x\\3", 2, "the template refers to group 3", 1, 3),
    ("a$", 1, "invalid rewrite template: `$`", 1, 2),
    ("${1}", 1, "invalid rewrite template: `$`", 0, 2),
    ("$x", 1, "invalid rewrite template: `$`", 0, 2),
    ("\\q", 1, "invalid rewrite template: `\\`", 0, 2),
    ("ab\\", 1, "invalid rewrite template: `\\`", 2, 3),
]


@pytest.mark.parametrize("template,groups,message,start,end", TEMPLATE_ERRORS)
def test_template_error(template, groups, message, start, end):
    with pytest.raises(RegexError) as info:
        parse_template(template, groups)
    assert info.value.message.startswith(message)
    assert (info.value.start, info.value.end) == (start, end)


def test_template_pieces():
    tpl = parse_template("a$1\\2$$\\\\$0é$10", 2)
    assert tpl.pieces == (b"a", 1, 2, b"$\\", 0, "é".encode(), 1, b"0")
    assert parse_template("", 0).pieces == ()
