"""The checker's part for metrics: `counter NAME` / `histogram NAME` at the
top level, `count NAME` and `observe NAME VALUE` in any phase.

Declarations are read before the rules (a rule may count a metric declared
below it); every declaration goes into `Checked.metrics`, a misspelled one
too, so a statement that names it gets no second error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import messages_metrics as messages
from . import syntax, types
from .checked import Checked
from .diagnostics import Diagnostics, closest
from .metrics import MAX_NAME, NAME, reserved

if TYPE_CHECKING:
    from .checker import _Checker, _Scope


def declare(module: syntax.Module, checked: Checked, diag: Diagnostics) -> None:
    for decl in module.metrics:
        first = checked.metrics.get(decl.name)
        if first is not None:
            diag.error(messages.duplicate_metric(decl.name), decl.name_span,
                       notes=[(messages.metric_declared_here(decl.name), first.name_span)])
            continue
        checked.metrics[decl.name] = decl
        if not NAME.match(decl.name) or len(decl.name) > MAX_NAME:
            diag.error(messages.bad_metric_name(decl.name), decl.name_span)
        elif reserved(decl.name):
            diag.error(messages.reserved_metric_name(decl.name), decl.name_span)


def stmt_count(checker: _Checker, stmt: syntax.CountStmt, scope: _Scope) -> None:
    _metric(checker, stmt, "counter")


def stmt_observe(checker: _Checker, stmt: syntax.ObserveStmt, scope: _Scope) -> None:
    value_type = checker.expr(stmt.value, scope)
    if value_type not in (types.INT, types.DURATION, types.ERROR):
        checker.diag.error(messages.observed_value(value_type), stmt.value.span)
    _metric(checker, stmt, "histogram")


def _metric(checker: _Checker, stmt: syntax.CountStmt | syntax.ObserveStmt, kind: str) -> None:
    """The declaration the statement names, which must be of `kind`."""
    metrics = checker.checked.metrics
    decl = metrics.get(stmt.name)
    if decl is None:
        suggestion = closest(stmt.name, [name for name, d in metrics.items() if d.type == kind])
        checker.diag.error(messages.unknown_metric(stmt.name, kind, suggestion), stmt.name_span)
    elif decl.type != kind:
        declared_here = [(messages.metric_declared_here(stmt.name), decl.name_span)]
        if kind == "counter":
            checker.diag.error(messages.counted_histogram(stmt.name), stmt.name_span, notes=declared_here)
        else:
            checker.diag.error(messages.observed_counter(stmt.name), stmt.name_span, notes=declared_here)
