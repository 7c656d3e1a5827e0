"""The messages of `pwc fmt` refusing to rewrite a file: builders as in
messages.py.  Both say the formatter caught itself about to do harm; the
file is left as it is."""

from __future__ import annotations

from .diagnostics import Message


def fmt_would_change_meaning() -> Message:
    return Message("`pwc fmt` would change what this filter means, so it leaves the file as it is",
                   "this is a bug in pwc: please report it with the file")


def fmt_would_lose_comment() -> Message:
    return Message("`pwc fmt` cannot keep this comment where it is, so it leaves the file as it is",
                   "this is a bug in pwc: please report it with the file")
