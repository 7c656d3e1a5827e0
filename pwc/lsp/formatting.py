"""Formatting a document: the text `pwc fmt` prints, or none at all.

pwc/compiler/formatter.py keeps every comment and checks its own output
(same syntax tree, same comments in order), so the editor gets exactly what
`pwc fmt` would write; a document it refuses (one that does not parse, or a
formatter bug) gets no edits rather than a lossy one."""

from __future__ import annotations

from pwc.compiler.driver import Result
from pwc.compiler.formatter import format_source


def canonical_text(result: Result) -> str | None:
    """The formatted text of a document that checks; None when it has errors."""
    if not result.ok or result.module is None:
        return None
    return format_source(result.source).text
