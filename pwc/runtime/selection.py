"""`pwc test -k EXPRESSION`: which cases run, by their id `FILE::CASE NAME`.

    matches = selector("auth and not timeout")
    matches("examples/auth-gate.test.yaml::the auth service says yes")   # True

An expression is words joined by `and`, `or`, `not` and parentheses, as
pytest's `-k` takes them; a word matches when it is a substring of the id,
letters compared without case.  A lone word is the plain substring match.
Words are anything but blanks and parentheses, so `gate.test.yaml::deny`
is one word.  A malformed expression raises SelectionError, saying where.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Matcher = Callable[[str], bool]

_TOKEN = re.compile(r"\s*(\(|\)|[^\s()]+)")
_KEYWORDS = {"and", "or", "not"}


class SelectionError(ValueError):
    """A `-k` expression that does not parse."""


def case_id(file: object, case_name: str) -> str:
    """What `-k` matches against: the case file's path as given, `::`, the case's name."""
    return f"{file}::{case_name}"


def _tokens(expression: str) -> list[str]:
    tokens, position = [], 0
    while position < len(expression):
        found = _TOKEN.match(expression, position)
        if found is None:  # only blanks remain
            break
        tokens.append(found.group(1))
        position = found.end()
    return tokens


class _Parser:
    """expression := term ('or' term)*;  term := factor ('and' factor)*;
    factor := 'not' factor | '(' expression ')' | WORD"""

    def __init__(self, expression: str) -> None:
        self.expression = expression
        self.tokens = _tokens(expression)
        self.at = 0

    def fail(self, what: str) -> SelectionError:
        got = f"`{self.tokens[self.at]}`" if self.at < len(self.tokens) else "the end"
        return SelectionError(f"-k {self.expression!r}: expected {what}, found {got}")

    def peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> str:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def whole(self) -> Matcher:
        if not self.tokens:
            raise SelectionError("-k takes an expression: a word to look for in `FILE::CASE NAME`")
        matcher = self.expression_()
        if self.peek() is not None:
            raise self.fail("`and`, `or` or the end")
        return matcher

    def expression_(self) -> Matcher:
        matcher = self.term()
        while self.peek() == "or":
            self.take()
            matcher = _either(matcher, self.term())
        return matcher

    def term(self) -> Matcher:
        matcher = self.factor()
        while self.peek() == "and":
            self.take()
            matcher = _both(matcher, self.factor())
        return matcher

    def factor(self) -> Matcher:
        token = self.peek()
        if token == "not":
            self.take()
            inner = self.factor()
            return lambda text: not inner(text)
        if token == "(":
            self.take()
            inner = self.expression_()
            if self.peek() != ")":
                raise self.fail("`)`")
            self.take()
            return inner
        if token is None or token == ")" or token in _KEYWORDS:
            raise self.fail("a word")
        word = self.take().lower()
        return lambda text: word in text.lower()


def _either(left: Matcher, right: Matcher) -> Matcher:
    return lambda text: left(text) or right(text)


def _both(left: Matcher, right: Matcher) -> Matcher:
    return lambda text: left(text) and right(text)


def selector(expression: str) -> Matcher:
    """The predicate a `-k` expression stands for; SelectionError if it does not parse."""
    return _Parser(expression).whole()
