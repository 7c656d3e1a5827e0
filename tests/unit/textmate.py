"""A TextMate tokenizer for the subset of the format pwf.tmLanguage.json
uses, so the tests can see which scopes an editor gives each character.

It follows the rules of vscode-textmate: a line is scanned from left to
right; at each point the pattern whose match starts first wins (the
earlier pattern on a tie, and the enclosing rule's `end` before any of its
patterns); `match` rules scope their match and its `captures`, `begin`/`end`
rules push a scope until their end; `include` reaches `#repository` rules
and `$self`.  Patterns are Oniguruma regexes, written within what Python's
`re` reads the same way (the grammar's test checks they all compile)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

Rule = dict[str, Any]


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@dataclass
class _Frame:
    scopes: tuple[str, ...]
    rule: Rule | None  # the begin/end rule that pushed this frame (None: the grammar itself)


class Grammar:
    def __init__(self, path: Path):
        self.data = json.loads(path.read_text(encoding="utf-8"))
        self.repository: dict[str, Rule] = self.data["repository"]

    def regexes(self) -> list[str]:
        """Every regex of the grammar."""
        found: list[str] = []

        def visit(rule: Rule) -> None:
            found.extend(rule[key] for key in ("match", "begin", "end") if key in rule)
            for inner in rule.get("patterns", []):
                visit(inner)

        for rule in [*self.data["patterns"], *self.repository.values()]:
            visit(rule)
        return found

    def _patterns(self, rule: Rule | None) -> list[Rule]:
        """A rule's patterns with every `include` replaced by what it names."""
        listed = self.data["patterns"] if rule is None else rule.get("patterns", [])
        flat: list[Rule] = []
        for pattern in listed:
            flat.extend(self._expand(pattern))
        return flat

    def _expand(self, pattern: Rule) -> list[Rule]:
        if "include" not in pattern:
            return [pattern] if "match" in pattern or "begin" in pattern else self._patterns(pattern)
        name = pattern["include"]
        if name == "$self":
            return self._patterns(None)
        return self._expand(self.repository[name.removeprefix("#")])

    def tokenize(self, text: str) -> list[list[tuple[str, ...]]]:
        """For each line of `text`, the scopes of each of its characters."""
        stack = [_Frame((self.data["scopeName"],), None)]
        return [self._line(line, stack) for line in text.split("\n")]

    def _line(self, line: str, stack: list[_Frame]) -> list[tuple[str, ...]]:
        text = line + "\n"  # as vscode-textmate scans it: `$` matches before the newline
        scopes: list[tuple[str, ...]] = [()] * len(text)
        position = 0
        while position < len(text):
            frame = stack[-1]
            found = self._first_match(text, position, frame)
            if found is None:
                scopes[position:] = [frame.scopes] * (len(text) - position)
                break
            rule, match, is_end = found
            scopes[position:match.start()] = [frame.scopes] * (match.start() - position)
            position = self._apply(rule, match, is_end, stack, scopes, position)
        return scopes[: len(line)]

    def _first_match(self, text: str, position: int, frame: _Frame) -> tuple[Rule, re.Match[str], bool] | None:
        best: tuple[Rule, re.Match[str], bool] | None = None
        if frame.rule is not None:
            end = _compiled(frame.rule["end"]).search(text, position)
            if end is not None:
                best = (frame.rule, end, True)
        for rule in self._patterns(frame.rule):
            match = _compiled(rule.get("match") or rule["begin"]).search(text, position)
            if match is not None and (best is None or match.start() < best[1].start()):
                best = (rule, match, False)
        return best

    def _apply(self, rule: Rule, match: re.Match[str], is_end: bool, stack: list[_Frame],
               scopes: list[tuple[str, ...]], position: int) -> int:
        """Scope a match and push or pop a frame; the position after it."""
        frame = stack[-1]
        if is_end:
            _scope(match, frame.scopes, rule.get("endCaptures", {}), scopes)
            stack.pop()
        elif "match" in rule:
            _scope(match, frame.scopes + _name(rule), rule.get("captures", {}), scopes)
        else:
            inner = frame.scopes + _name(rule)
            _scope(match, inner, rule.get("beginCaptures", {}), scopes)
            stack.append(_Frame(inner, rule))
        if match.end() > position:
            return match.end()
        if "match" in rule:  # an empty match: step over one character, or it would match there forever
            scopes[position] = frame.scopes
            return position + 1
        return position  # an empty begin or end: the frame changed, so the scan goes on


def _name(rule: Rule) -> tuple[str, ...]:
    return (rule["name"],) if "name" in rule else ()


def _scope(match: re.Match[str], base: tuple[str, ...], captures: dict[str, Rule], scopes: list[tuple[str, ...]]) -> None:
    scopes[match.start():match.end()] = [base] * (match.end() - match.start())
    for group, capture in sorted(captures.items(), key=lambda item: int(item[0])):
        start, end = match.span(int(group))
        if start >= 0 and "name" in capture:
            for index in range(start, end):
                scopes[index] = scopes[index] + (capture["name"],)
