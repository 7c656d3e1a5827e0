"""`pwc fmt`: a .pwf file's canonical text, with its comments and blank lines.

`format_source` parses the file, prints the tree (printer.py) with the
comments put back (comments.py), and then checks its own output before
anyone sees it: the output must parse to the same syntax tree (the canonical
JSON that a module's `syntax_sha256` is the hash of, so `pwc verify` still
knows the filter) and hold the same comments in the same order.  When either
check fails the file is refused with a located error, never changed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from . import messages_fmt, parser, syntax
from .comments import SourceMap
from .diagnostics import Diagnostic, Diagnostics, render_all
from .printer import format_module
from .source import Source, Span

SUFFIX = ".pwf"


@dataclass
class Formatted:
    """A file's formatted text (None when it could not be formatted) and why not."""

    source: Source
    text: str | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.text is not None

    @property
    def changed(self) -> bool:
        return self.text is not None and self.text != self.source.text

    def render(self) -> str:
        return render_all(self.diagnostics, self.source)


def format_source(source: Source) -> Formatted:
    diagnostics = Diagnostics()
    module = _parse(source, diagnostics)
    if module is None:
        return Formatted(source, diagnostics=diagnostics.sorted())
    source_map = SourceMap(source, parser.tokens_with_comments(source.text), _call_ends(module))
    text = format_module(module, source_map)
    check_output(module, source_map, Source(source.name, text), diagnostics)
    if diagnostics.has_errors:
        return Formatted(source, diagnostics=diagnostics.sorted())
    return Formatted(source, text)


def _parse(source: Source, diagnostics: Diagnostics) -> syntax.Module | None:
    """The tree, or None after any error: a literal with a bad escape parses
    to a tree without the escape, and printing that would change the string."""
    module = parser.parse(source, diagnostics)
    return module if module is not None and not diagnostics.has_errors else None


def _call_ends(module: syntax.Module) -> set[int]:
    """The offsets of the `)` that end each call (`f(...)`, `x.f(...)`): their `(` does not group."""
    ends: set[int] = set()
    pending: list = [module]
    while pending:
        node = pending.pop()
        if isinstance(node, syntax.Call):
            ends.add(node.span.end - 1)
        pending.extend(syntax.children(node))
    return ends


def check_output(module: syntax.Module, source_map: SourceMap, output: Source, diagnostics: Diagnostics) -> None:
    """Report what the output would lose: the tree it parses to, or a comment."""
    again = _parse(output, Diagnostics())
    if again is None or syntax.canonical_json(again) != syntax.canonical_json(module):
        diagnostics.error(messages_fmt.fmt_would_change_meaning(), module.filter_span)
        return
    kept = [comment.text for comment in SourceMap(output, parser.tokens_with_comments(output.text)).comments]
    for index, comment in enumerate(source_map.comments):
        if index >= len(kept) or kept[index] != comment.text:
            span = Span(start=comment.start, end=comment.start + 1, line=comment.line)
            diagnostics.error(messages_fmt.fmt_would_lose_comment(), span)
            return


def pwf_files(paths: list[str]) -> list[Path]:
    """The files named, and every .pwf file under the folders named (each
    folder's sorted; hidden folders such as `.git` or `.venv` skipped)."""
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if not path.is_dir():
            found.append(path)
            continue
        found.extend(sorted(each for each in path.rglob(f"*{SUFFIX}")
                            if not any(part.startswith(".") for part in each.relative_to(path).parts)))
    return found


def unified_diff(formatted: Formatted) -> str:
    """What formatting would change in the file, as a unified diff ("" when nothing)."""
    if formatted.text is None or not formatted.changed:
        return ""
    name = formatted.source.name
    lines = difflib.unified_diff(formatted.source.text.splitlines(keepends=True), formatted.text.splitlines(keepends=True),
                                 fromfile=name, tofile=f"{name} (formatted)")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
