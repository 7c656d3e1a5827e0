"""The checks of `let x = call CLUSTER { ... }`, apart from checker.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import attributes, layout, literals, messages, syntax, types
from .checked import ConfigRef
from .diagnostics import closest

if TYPE_CHECKING:
    from .checker import _Checker, _Scope

# `call` fields: name -> type.  Defaults: GET, "/", the cluster name, no headers, no body, 1s.
CALL_FIELDS = {"method": types.STRING, "path": types.STRING, "authority": types.STRING, "headers": types.MAP,
               "body": types.STRING, "timeout": types.DURATION}
MAX_TIMEOUT_MS = layout.MAX_CALL_TIMEOUT_MS


def call_statement(checker: _Checker, stmt: syntax.CallStmt, scope: _Scope) -> None:
    """`call CLUSTER { ... }` as a statement: nothing waits for the answer."""
    check_http_call(checker, stmt.call, scope, waits=False)


def check_http_call(checker: _Checker, call: syntax.CallExpr, scope: _Scope, waits: bool = True) -> types.Type:
    """`let x = call CLUSTER { ... }` (`waits`: the rest waits for the
    answer), or `call CLUSTER { ... }` as a statement: where it may be,
    what it keeps, its fields."""
    if waits and scope.phase == "done":
        checker.diag.error(messages.call_waits_in_done(), call.span)
    if checker.loops:
        checker.diag.error(messages.call_in_for(), call.span)
    for name in sorted(scope.visible_names()) if waits else ():
        kept = scope.lookup(name)
        if kept is not None and kept.type not in (types.CALL, types.ERROR) and types.slot_kind(kept.type) is None:
            checker.diag.error(messages.not_kept(name, kept.type, "across a call"), call.span)
    checker._expect(checker.expr(call.cluster, scope), types.STRING, messages.CLUSTER, call.cluster)
    if not (isinstance(call.cluster, syntax.StringLit)
            or isinstance(checker.checked.resolved.get(id(call.cluster)), ConfigRef)):
        checker.diag.error(messages.cluster_not_literal(), call.cluster.span)
    seen: set[str] = set()
    for field in call.fields:
        if field.name not in CALL_FIELDS:
            checker.diag.error(messages.unknown_call_field(field.name, closest(field.name, CALL_FIELDS), CALL_FIELDS),
                            field.span)
            checker.expr(field.value, scope)
            continue
        if field.name in seen:
            checker.diag.error(messages.duplicate_call_field(field.name), field.span)
        seen.add(field.name)
        checker._expect(checker.expr(field.value, scope), CALL_FIELDS[field.name], messages.value_of(field.name), field.value)
        if field.name in attributes.CALL_FIELD_ATTRIBUTE:
            literals.target_ok(checker.diag, attributes.CALL_FIELD_ATTRIBUTE[field.name], field.value)
        if field.name == "timeout" and isinstance(ref := checker.checked.resolved.get(id(field.value)), ConfigRef):
            checker.checked.timeout_config.add(ref.entry.name)
        if field.name == "timeout" and isinstance(field.value, syntax.DurationLit):
            if field.value.milliseconds == 0:
                checker.diag.error(messages.zero_timeout(), field.value.span)
            elif field.value.milliseconds > MAX_TIMEOUT_MS:
                checker.diag.error(messages.timeout_too_long(), field.value.span)
        if field.name == "headers" and isinstance(field.value, syntax.MapLit):
            for entry in field.value.entries:
                literals.name_ok(checker.diag, entry.key)
                literals.value_ok(checker.diag, entry.value)
    return types.CALL
