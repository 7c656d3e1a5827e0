"""The metrics a filter defines: their names, and which ones pwc adds by itself.

A filter's metrics are Envoy stats that the module defines in every VM's
`proxy_on_configure` (proxy_define_metric); Envoy shows them as
`wasmcustom.NAME` in `/stats` and, with the `wasmcustom.` namespace dropped,
as `NAME` with `.` and `-` written `_` in `/stats/prometheus`
(docs/envoy-behaviour.md, fact 14).  Names (docs/language.md, Metrics):

    pwc.FILTER.NAME                 `counter NAME` / `histogram NAME`
    pwc.FILTER.responded.line_N     every reply a `respond` on line N sent
    pwc.FILTER.errors.line_N        every run-time error on line N

FILTER is the filter's name with each `.` written `_`, so the name splits
into its parts at dots: Envoy's tag extraction (STATS_TAGS in
pwc/envoy_config.py) can then take the filter and the line out of the name
as the `pwc_filter` and `pwc_line` tags.  The automatic counters cover only
lines that hold a `respond`, or code that may fail: their number is bounded
by the program's length, whatever the traffic.
"""

from __future__ import annotations

import re

from ..abi import MetricType
from .records import record

PREFIX = "pwc"
RESPONDED, ERRORS = "responded", "errors"
# A declared name: lowercase, so that the Prometheus name reads as written.
NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
MAX_NAME = 64
# Declared names may not be these or start with them and `_`: Prometheus writes
# `responded.line_3` as `responded_line_3`, which a declared name could repeat.
RESERVED = (RESPONDED, ERRORS)
KINDS = {"counter": MetricType.COUNTER, "histogram": MetricType.HISTOGRAM}


@record(frozen=True)
class Metric:
    """One metric the module defines: its full name, its type, what it
    counts ("declared", or pwc's own "respond" and "error" counters) and,
    for those, the .pwf line."""

    name: str
    kind: MetricType
    counts: str = "declared"
    line: int = 0


def filter_part(filter_name: str) -> str:
    """The filter's name as one part of a metric name (a `.` would split it)."""
    return filter_name.replace(".", "_")


def declared(filter_name: str, name: str, kind: str) -> Metric:
    return Metric(f"{PREFIX}.{filter_part(filter_name)}.{name}", KINDS[kind])


def responded(filter_name: str, line: int) -> Metric:
    return Metric(f"{PREFIX}.{filter_part(filter_name)}.{RESPONDED}.line_{line}", MetricType.COUNTER, "respond", line)


def errors(filter_name: str, line: int) -> Metric:
    return Metric(f"{PREFIX}.{filter_part(filter_name)}.{ERRORS}.line_{line}", MetricType.COUNTER, "error", line)


def reserved(name: str) -> bool:
    """Whether a declared name could read like one of pwc's own counters."""
    return any(name == word or name.startswith(word + "_") for word in RESERVED)
