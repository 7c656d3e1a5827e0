"""What `pwc fmt` must keep, checked the same way by the corpus, round-trip,
property and command-line tests.

A module names the lines of its source (run-time errors say `file:LINE`,
each failing line has its `errors.line_N` counter), and formatting moves
lines: it joins a statement written over several lines and drops extra blank
lines.  So "fmt changed nothing a module does" is checked as: the module
compiled from the formatted text is byte for byte the module compiled from
the original tree with each node's line renumbered to where fmt printed it.
"""

from __future__ import annotations

import copy as copy_module
import dataclasses


from pwc.compiler import parser, syntax
from pwc.compiler.comments import SourceMap
from pwc.compiler.diagnostics import Diagnostics
from pwc.compiler.driver import compile_module, compile_source
from pwc.compiler.formatter import format_source
from pwc.compiler.metadata import read_metadata
from pwc.compiler.source import Source, Span


def formatted(text: str, name: str = "fmt.pwf") -> str:
    result = format_source(Source(name, text))
    assert result.text is not None, result.render()
    return result.text


def comment_texts(text: str) -> list[str]:
    return [c.text for c in SourceMap(Source("x.pwf", text), parser.tokens_with_comments(text)).comments]


def tree(text: str) -> syntax.Module:
    diagnostics = Diagnostics()
    module = parser.parse(Source("x.pwf", text), diagnostics)
    assert module is not None and not diagnostics.has_errors, diagnostics.items
    return module


def assert_fmt_keeps(text: str, name: str = "fmt.pwf", compiles: bool = True) -> str:
    """Format `text` and assert everything fmt promises; the formatted text."""
    out = formatted(text, name)
    assert formatted(out, name) == out, "fmt is not idempotent"
    assert comment_texts(out) == comment_texts(text)
    assert syntax.canonical_json(tree(out)) == syntax.canonical_json(tree(text))
    if compiles:
        assert_same_module(text, out, name)
    return out


def assert_same_module(text: str, out: str, name: str) -> None:
    before, after = compile_source(text, name), compile_source(out, name)
    assert before.ok and after.ok, before.render() + after.render()
    assert before.wasm is not None and after.wasm is not None
    assert read_metadata(after.wasm)["syntax_sha256"] == read_metadata(before.wasm)["syntax_sha256"]
    renumbered = compile_module(relabeled(tree(text), tree(out)), name)
    assert renumbered.wasm == after.wasm, "the formatted text compiles to another module"


def relabeled(original: syntax.Module, printed: syntax.Module) -> syntax.Module:
    """`original` with every span's line taken from the same node in `printed`."""
    copy = copy_module.deepcopy(original)
    _relabel(copy, printed)
    return copy


def _relabel(node, twin) -> None:
    for field in dataclasses.fields(node):
        mine, theirs = getattr(node, field.name), getattr(twin, field.name)
        if isinstance(mine, list):
            for index, (item, other) in enumerate(zip(mine, theirs, strict=True)):
                if isinstance(item, Span):
                    mine[index] = _moved(item, other)
                elif dataclasses.is_dataclass(item):
                    _relabel(item, other)
        elif isinstance(mine, Span):
            setattr(node, field.name, _moved(mine, theirs))
        elif dataclasses.is_dataclass(mine):
            _relabel(mine, theirs)


def _moved(span: Span, twin: Span) -> Span:
    return Span(start=span.start, end=span.end, line=twin.line)
