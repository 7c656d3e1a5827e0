"""The checks of `store` declarations, `every` blocks, `store NAME = ...`
and `stored.NAME`, apart from checker.py.

An `every` block runs in the plugin's root context: there is no request or
response to read or answer, so it is checked as a phase of its own
("every", attributes.SIDE's "root") that no attribute is readable in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import messages, syntax, types
from .checked import StoredRef, StoreEntry
from .diagnostics import closest

if TYPE_CHECKING:
    from .checker import _Checker, _Scope

# What a store may hold, by its spelling: values with a JSON form that every
# worker reads back the same (stdlib/shared.wat keeps them as JSON text).
STORE_TYPES = {"string": types.STRING, "int": types.INT, "bool": types.BOOL, "duration": types.DURATION,
               "list<string>": types.LIST, "map<string,string>": types.MAP}
LITERALS = (syntax.StringLit, syntax.IntLit, syntax.BoolLit, syntax.DurationLit, syntax.ListLit, syntax.MapLit)
# Shorter periods would spend the workers' time on timers.
MIN_PERIOD_MS = 10


def declare(checker: _Checker, module: syntax.Module, scope: _Scope) -> None:
    for decl in module.stores:
        spelled = syntax.type_spelling(decl.type)
        store_type = STORE_TYPES.get(spelled)
        if store_type is None:
            checker.diag.error(messages.store_type(spelled), decl.type.span)
            store_type = types.ERROR
        if decl.name in checker.checked.stores:
            checker.diag.error(messages.duplicate_store(decl.name), decl.name_span)
            continue
        checker.checked.stores[decl.name] = StoreEntry(decl.name, store_type, decl.default, len(checker.checked.stores))
        got = checker.expr(decl.default, scope)
        if store_type is not types.ERROR:
            checker._expect(got, store_type, messages.DEFAULT, decl.default)
        if not _literal(decl.default):
            checker.diag.error(messages.store_default_literal(), decl.default.span)


def every(checker: _Checker, block: syntax.Every, scope: _Scope) -> None:
    if block.milliseconds < MIN_PERIOD_MS:
        checker.diag.error(messages.every_period(MIN_PERIOD_MS), block.span)
    checker.block(block.body, scope)


def stored(checker: _Checker, node: syntax.Member) -> types.Type:
    entry = checker.checked.stores.get(node.name)
    if entry is None:
        checker.diag.error(messages.unknown_store(node.name, closest(node.name, list(checker.checked.stores))),
                           node.span)
        return types.ERROR
    checker.checked.resolved[id(node)] = StoredRef(entry)
    return entry.type


def store(checker: _Checker, stmt: syntax.StoreStmt, scope: _Scope) -> None:
    if scope.phase != "every":
        checker.diag.error(messages.store_outside_every(), stmt.span)
    got = checker.expr(stmt.value, scope)
    entry = checker.checked.stores.get(stmt.name)
    if entry is None:
        checker.diag.error(messages.unknown_store(stmt.name, closest(stmt.name, list(checker.checked.stores))),
                           stmt.name_span)
        return
    checker._expect(got, entry.type, messages.value_of(stmt.name), stmt.value)
    checker.checked.resolved[id(stmt)] = StoredRef(entry)


def _literal(node: syntax.Expr) -> bool:
    if isinstance(node, syntax.ListLit):
        return all(isinstance(item, syntax.StringLit) for item in node.items)
    if isinstance(node, syntax.MapLit):
        return all(isinstance(e.key, syntax.StringLit) and isinstance(e.value, syntax.StringLit) for e in node.entries)
    return isinstance(node, LITERALS)
