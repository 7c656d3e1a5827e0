"""The one error type of the regex compiler: a message located in the pattern."""

from __future__ import annotations


class RegexError(Exception):
    """A pattern (or template) the compiler refuses.

    `start`/`end` are offsets (str indices) into the text that was compiled:
    the pattern for `compile_regex`, the template for `parse_template`.
    Messages follow RE2's own wording (`invalid escape sequence: \\1`) so that
    a user who searches for them finds RE2's documentation; `hint` says what
    to write instead when there is something better to say.
    """

    def __init__(self, message: str, start: int, end: int, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.start = start
        self.end = end
        self.hint = hint

    def __repr__(self) -> str:
        return f"RegexError({self.message!r}, {self.start}, {self.end}, hint={self.hint!r})"
