"""Formatting a document: the text `pwc fmt` prints, or none at all.

`pwc fmt` is growing a formatter that keeps comments (pwc/compiler/
formatter.py, `format_source`, on the branch that makes fmt keep them).
Until it is there, the printer alone drops comments, so a document with
comments gets no edits: formatting must never delete what the user wrote.
Once formatter.py is in, it is used here as `pwc fmt` uses it, and this
lookup can become a plain import."""

from __future__ import annotations

import importlib
from types import ModuleType

from pwc.compiler.driver import Result
from pwc.compiler.printer import format_module

from .analysis import comments


def canonical_text(result: Result) -> str | None:
    """The formatted text of a document that checks; None when it has
    errors, or when the text would hold fewer comments than the document."""
    if not result.ok or result.module is None:
        return None
    formatter = _comment_keeping_formatter()
    text = formatter.format_source(result.source).text if formatter is not None else format_module(result.module)
    if text is None or len(comments(text)) < len(comments(result.source.text)):
        return None
    return text


def _comment_keeping_formatter() -> ModuleType | None:
    try:
        return importlib.import_module("pwc.compiler.formatter")
    except ModuleNotFoundError:
        return None
