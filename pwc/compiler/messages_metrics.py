"""The messages about metrics (`counter`, `histogram`, `count`, `observe`):
messages.py's conventions, in a file of their own (tests/unit/test_messages.py
treats every `messages*.py` as one place)."""

from __future__ import annotations

from . import types
from .diagnostics import Message
from .metrics import ERRORS, MAX_NAME, RESPONDED


def bad_metric_name(name: str) -> Message:
    return Message(f"`{name}` is not a metric name",
                   f"a metric name is a lowercase letter, then lowercase letters, digits or `_`, at most {MAX_NAME} "
                   f"in all, as in `denied_requests`")


def reserved_metric_name(name: str) -> Message:
    return Message(f"metric name `{name}` is taken by pwc's own counters",
                   f"pwc counts every `respond` and every run-time error as `{RESPONDED}.line_N` and "
                   f"`{ERRORS}.line_N`; choose a name that does not start with `{RESPONDED}` or `{ERRORS}`")


def duplicate_metric(name: str) -> Message:
    return Message(f"metric `{name}` is already declared", "choose another name, or drop this line")


def unknown_metric(name: str, kind: str, suggestion: str | None) -> Message:
    hint = f"did you mean `{suggestion}`?" if suggestion else f"declare it at the top level: `{kind} {name}`"
    return Message(f"unknown {kind} `{name}`", hint)


def counted_histogram(name: str) -> Message:
    return Message(f"`{name}` is a histogram: `count` adds one to a counter",
                   f"record a value in it with `observe {name} VALUE`, or declare a `counter`")


def observed_counter(name: str) -> Message:
    return Message(f"`{name}` is a counter: `observe` records a value in a histogram",
                   f"add one to it with `count {name}`, or declare a `histogram`")


def observed_value(got: types.Type) -> Message:
    hint = "convert it with `int(...)`" if got in (types.STRING, types.DOUBLE, types.DYN) else None
    return Message(f"the observed value must be an int or a duration, not {types.describe(got)}", hint)


def metric_declared_here(name: str) -> Message:
    """The note on a metric used as the wrong kind, at its declaration."""
    return Message(f"`{name}` is declared here")
