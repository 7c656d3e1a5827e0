"""Lowering's part for metrics: `count` and `observe`, and the list of
metrics the module defines.

Each update is one host call where it happens (stdlib/metrics.wat) with the
id this VM got for the metric; none of them can fail, so none is followed
by a check.  pwc's own counters are the emitter's: every ir.Respond counts
its line as it sends the reply (a `respond`, or the 429 of a `limit`), and
`$pwc_fail` counts the line of a run-time error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import ir, metrics, syntax
from .checked import Checked
from .metrics import Metric
from .source import Source

if TYPE_CHECKING:
    from .lower import _Lowering


def stmt_count(lowering: _Lowering, stmt: syntax.CountStmt, out: list) -> None:
    metric = _declared(lowering.checked, stmt.name)
    out.append(ir.Effect(ir.StdCall("metric_increment", [ir.MetricId(metric.name)], ""), span=stmt.span))


def stmt_observe(lowering: _Lowering, stmt: syntax.ObserveStmt, out: list) -> None:
    """An int, or a duration's milliseconds (durations are held as milliseconds)."""
    value = lowering.evaluated(lowering.expr(stmt.value), out, stmt)
    metric = _declared(lowering.checked, stmt.name)
    out.append(ir.Effect(ir.StdCall("metric_record", [ir.MetricId(metric.name), value], ""), span=stmt.span))


def program_metrics(checked: Checked, source: Source, functions: list[ir.Function]) -> list[Metric]:
    """Declared metrics in declaration order, then a counter per line with a
    `respond`, then one per line with code that may fail (what `$pwc_fail`
    is told: the lines of every check, and of every call, which fails when
    the module runs out of memory), each group by line."""
    name = checked.module.filter_name
    declared = [_declared(checked, metric) for metric in checked.metrics]
    nodes = list(ir.walk(functions))
    replies = sorted({source.line_of(node.span) for node in nodes if isinstance(node, ir.Respond)})
    failing = sorted({source.line_of(node.span) for node in nodes if isinstance(node, (ir.Check, ir.HttpCall))})
    return declared + [metrics.responded(name, line) for line in replies] + [metrics.errors(name, line)
                                                                              for line in failing]


def _declared(checked: Checked, name: str) -> Metric:
    return metrics.declared(checked.module.filter_name, name, checked.metrics[name].type)
