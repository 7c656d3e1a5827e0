"""The checks of state kept across requests, apart from checker.py:
`limit KEY to COUNT per PERIOD` and `once(KEY, WINDOW)` (stdlib/shared.wat)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import messages, syntax, types
from .attributes import SIDE

if TYPE_CHECKING:
    from .checker import _Checker, _Scope


def limit(checker: _Checker, stmt: syntax.LimitStmt, scope: _Scope) -> None:
    if SIDE[scope.phase] != "request":
        checker.diag.error(messages.limit_phase(scope.phase), stmt.span)
    if stmt.key is not None:
        checker._expect(checker.expr(stmt.key, scope), types.STRING, messages.LIMIT_KEY, stmt.key)
    checker._expect(checker.expr(stmt.count, scope), types.INT, messages.LIMIT_COUNT, stmt.count)
    checker._expect(checker.expr(stmt.period, scope), types.DURATION, messages.LIMIT_PERIOD, stmt.period)
    if isinstance(stmt.count, syntax.IntLit) and stmt.count.value < 1:
        checker.diag.error(messages.limit_literal("count", "1"), stmt.count.span)
    if isinstance(stmt.period, syntax.DurationLit) and stmt.period.milliseconds < 1:
        checker.diag.error(messages.limit_literal("period", "1ms"), stmt.period.span)
    if stmt.reply is not None:
        checker.stmt_respond(stmt.reply, scope)
