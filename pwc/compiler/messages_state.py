"""The messages about state across requests (`limit`, `once`) and the
root context's `store` and `every`: builders as in messages.py, which
re-exports them (one module was growing past what reads well)."""

from __future__ import annotations

from .diagnostics import Message


def limit_phase(phase: str) -> Message:
    return Message(f"`limit` counts requests: it belongs in `on request` or `on request body`, not `on {phase}`")


def limit_literal(what: str, least: str) -> Message:
    return Message(f"a limit's {what} must be at least {least}",
                   "a filter that refuses every request says so with `respond`" if what == "count" else None)


def store_type(spelled: str) -> Message:
    return Message(f"a store holds a string, int, bool, duration, list<string> or map<string, string>, not `{spelled}`")


def duplicate_store(name: str) -> Message:
    return Message(f"`store {name}` is declared twice")


def store_default_literal() -> Message:
    return Message("a store's default is a literal", "it is what workers read before the first `store`")


def every_period(least_ms: int) -> Message:
    return Message(f"an `every` period is at least {least_ms}ms")


def unknown_store(name: str, suggestion: str | None) -> Message:
    return Message(f"unknown store `{name}`", f"did you mean `{suggestion}`?" if suggestion
                   else f"declare it at the top level: `store {name}: string = \"\"`")


def respond_in_every() -> Message:
    return Message("an `every` block answers no request: `respond` belongs in a request or response phase")


def store_outside_every() -> Message:
    return Message("`store` belongs in an `every` block", "requests read the value with `stored.NAME`")
