"""The emitter's part for metrics: where each metric's id lives, the
function on_configure calls to define them all, and the count of a
run-time error in `$pwc_fail`.

Every VM defines the metrics itself (Envoy runs one per worker, and more on
the main thread; each gets its own ids for the same stats) and keeps each id
in a global, `$pwc_metric_K` for metric K of `Program.metrics`.  A global
starts at -1, an id no metric has (Envoy keeps a metric's type in the low
two bits of its ids, and 3 is no type), so a metric Envoy refused to define
counts nothing.  `$pwc_fail` is told the line of a run-time error and calls
`$pwc_count_error`, which picks that line's counter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..abi import LogLevel
from . import ir
from .data import Data

if TYPE_CHECKING:
    from .wat import WatWriter

NO_METRIC = -1


class MetricTables:
    def __init__(self, program: ir.Program, data: Data):
        self.program = program
        self.data = data
        self.globals = {metric.name: f"$pwc_metric_{index}" for index, metric in enumerate(program.metrics)}
        self.errors = [metric for metric in program.metrics if metric.counts == "error"]
        self.replies = {metric.line: metric.name for metric in program.metrics if metric.counts == "respond"}

    def read(self, name: str) -> str:
        """WAT for the id of the metric named `name`."""
        return f"(global.get {self.globals[name]})"

    def emit_reply_count(self, w: WatWriter, line: int) -> None:
        """Before a local reply of line `line` is sent: count it (pwc.FILTER.responded.line_N)."""
        w.line(f"(call $metric_increment {self.read(self.replies[line])})")

    def emit_error_count(self, w: WatWriter) -> None:
        """In `$pwc_fail`: count the run-time error at `$line`."""
        if self.errors:
            w.line("(call $pwc_count_error (local.get $line))  ;; pwc.FILTER.errors.line_N")

    def emit_definitions(self, w: WatWriter) -> set[str]:
        """The globals, `$pwc_define_metrics` (which on_configure calls first)
        and `$pwc_count_error`; returns the stdlib functions they need."""
        if not self.program.metrics:
            return set()
        for metric in self.program.metrics:
            w.line(f"(global {self.globals[metric.name]} (mut i32) (i32.const {NO_METRIC}))  ;; {metric.name}")
        # The warning is written after its prefix in a buffer of the data
        # segment: no scratch (and no $str_concat) for a message seldom sent.
        warning = f"{self.program.filter_name}: could not define metric ".encode()
        buffer = self.data.reserve(len(warning) + max(len(metric.name) for metric in self.program.metrics))
        self.data.put(buffer, warning)
        with w.indent("(func $pwc_define_metric (param $kind i32) (param $name i64) (result i32)", ")"):
            w.line("(local $id i32)")
            w.line("(local.set $id (call $metric_define (local.get $kind) (local.get $name)))")
            w.comment("a metric Envoy refuses is not counted; the filter works on without it")
            with w.indent(f"(if (i32.eq (local.get $id) (i32.const {NO_METRIC})) (then", "))"):
                w.line(f"(memory.copy (i32.const {buffer + len(warning)}) (call $str_ptr (local.get $name))"
                       " (call $str_len (local.get $name)))")
                w.line(f"(call $log (i32.const {LogLevel.WARN}) (call $str_pack (i32.const {buffer})"
                       f" (i32.add (i32.const {len(warning)}) (call $str_len (local.get $name)))))")
            w.line("(local.get $id)")
        with w.indent("(func $pwc_define_metrics", ")"):
            for metric in self.program.metrics:
                w.line(f"(global.set {self.globals[metric.name]} (call $pwc_define_metric (i32.const {int(metric.kind)})"
                       f" (i64.const {self.data.string(metric.name.encode())})))")
        if self.errors:
            with w.indent("(func $pwc_count_error (param $line i32)", ")"):
                for metric in self.errors:
                    w.line(f"(if (i32.eq (local.get $line) (i32.const {metric.line}))"
                           f" (then (call $metric_increment {self.read(metric.name)})))")
        return {"metric_define", "metric_increment", "log", "str_ptr", "str_len", "str_pack"}
