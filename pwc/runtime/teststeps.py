"""Running cases of several requests: what both modes report about a step,
the metric values they read, and how they compare (the format of `steps`
and `metrics` is testcases.py's).

    - name: two denials are counted
      steps:
        - request: {path: /admin}
          expect: {reply: {status: 403}}
        - advance: 1500ms                 # the clock moves on (in Envoy: a real wait)
        - request: {path: /admin}
        - tick: 2                          # two proxy_on_tick (in Envoy: two tick periods)
        - expect: {metrics: {pwc.gate.denied: 2}}
      expect:
        metrics: {pwc.gate.responded.line_7: 2}   # after the last step

A step is a request (`request`, `calls`, `upstream`, `expect`, as a case
has them), `advance`, `tick`, or an `expect` of its own (metrics at that
point).  A case without `steps` is one request step: every case runs the
same way.  Metric names are the module's own (what follows `wasmcustom.`
in Envoy's /stats); a counter expects its value, a histogram
`{count: N, sum: S}`.  The values are what the case added: locally each
case starts from a fresh VM; in Envoy, which serves a group of cases, the
difference between before the case and now.

`stored: {NAME: VALUE}` in an `expect` reads what `store NAME = ...` last
wrote, from shared data, as JSON gives it (null: nothing stored yet, the
default applies): locally from the host's shared data, in Envoy through a
probe module sharing the filter's vm_id (envoy_runner.py).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..conventions import store_key
from ..module_sections import read_metadata
from .testcases import AdvanceStep, HistogramExpect, MetricExpect, RequestStep, TickStep, answer_of

if TYPE_CHECKING:
    from .host import Host, RequestResult
    from .model import Response, CallFailure

# ---- what a run saw ------------------------------------------------------------------


@dataclass(frozen=True)
class HistogramSummary:
    """A histogram's samples: their count, and bounds of their sum (equal
    locally; in Envoy its buckets' bounds, since Envoy keeps no exact sum)."""

    count: int
    sum_low: float
    sum_high: float


@dataclass
class MetricValues:
    counters: dict[str, int] = field(default_factory=dict)  # counters and gauges
    histograms: dict[str, HistogramSummary] = field(default_factory=dict)


@dataclass
class StepSeen:
    """What one step did: a request step's result; the metrics after it when the step expects some."""

    result: RequestResult | None = None
    metrics: MetricValues | None = None
    stored: dict[str, object] | None = None  # the stored values the step expects, by name


def local_metrics(hosts: list[Host]) -> MetricValues:
    """The metrics of every VM, summed as Envoy sums them into one stat."""
    counters: Counter = Counter()
    samples: dict[str, list[int]] = {}
    for host in hosts:
        histograms = host.histograms
        counters.update({name: value for name, value in host.metrics.items() if name not in histograms})
        for name, values in histograms.items():
            samples.setdefault(name, []).extend(values)
    return MetricValues({name: counters[name] for name in sorted(counters)},
                        {name: HistogramSummary(len(values), sum(values), sum(values))
                         for name, values in samples.items()})


class StepClock:
    """The case's clock: fixed (`now`) or the real one, plus what `advance` and `tick` added."""

    def __init__(self, fixed_ns: int | None) -> None:
        self.fixed_ns = fixed_ns
        self.offset_ns = 0

    def __call__(self) -> int:
        return (time.time_ns() if self.fixed_ns is None else self.fixed_ns) + self.offset_ns

    def advance(self, milliseconds: int) -> None:
        self.offset_ns += milliseconds * 1_000_000


def step_answers(step: RequestStep) -> dict[str, Response | CallFailure | list[Response | CallFailure]]:
    """How the clusters answer this step's calls, as the local host takes it."""
    return {cluster: [answer_of(a) for a in answers] if isinstance(answers, list) else answer_of(answers)
            for cluster, answers in step.calls.items()}


def filter_name_of(wasm: bytes) -> str:
    """The name a pwc module's stores are keyed by (its `pwc` section's)."""
    return (read_metadata(wasm) or {}).get("filter", "")


def read_stored(filter_name: str, names: list[str], get: Callable[[bytes], bytes | None]) -> dict[str, object]:
    """The values of stores `names` of filter `filter_name`, by `get(key)` from
    shared data: JSON text decoded, None where nothing was stored."""
    values: dict[str, object] = {}
    for name in names:
        text = get(store_key(filter_name, name))
        if text is None:
            values[name] = None
            continue
        try:
            values[name] = json.loads(text)
        except ValueError:
            values[name] = text.decode("utf-8", "replace")  # not JSON: shown as it is, it differs
    return values


def stored_differences(expected: Mapping[str, object] | None, values: Mapping[str, object] | None) -> list[str]:
    """Each expected stored value against what shared data holds, in plain words."""
    diffs = []
    for name, want in (expected or {}).items():
        got = (values or {}).get(name)
        if got != want or type(got) is not type(want):
            shown = "nothing stored yet" if got is None else json.dumps(got)
            diffs.append(f"stored.{name}: expected {json.dumps(want)}, got {shown}")
    return diffs


def run_local(hosts: list[Host], wasm: bytes, steps: list, clock: StepClock) -> list[StepSeen]:
    """Every step in order, on the case's VMs (workers sharing shared data and the
    clock); the hosts were made with the first request step's clusters."""
    seen = []
    turn = 0  # the worker of the next request that names none
    shared = hosts[0].vm.state.shared_data
    expects_stored = any(not isinstance(step, (AdvanceStep, TickStep)) and step.expect.stored for step in steps)
    filter_name = filter_name_of(wasm) if expects_stored else ""

    def state_after(step) -> StepSeen:
        stored = step.expect.stored and read_stored(filter_name, list(step.expect.stored),
                                                    lambda key: (shared.get(key) or (None,))[0])
        return StepSeen(metrics=local_metrics(hosts) if step.expect.metrics else None, stored=stored or None)

    for step in steps:
        if isinstance(step, RequestStep):
            host = hosts[step.worker if step.worker is not None else turn % len(hosts)]
            turn += 1
            result = _local_request(host, step)
            one = state_after(step)
            one.result = result
            seen.append(one)
        elif isinstance(step, AdvanceStep):
            clock.advance(step.advance)
            seen.append(StepSeen())
        elif isinstance(step, TickStep):
            for _ in range(step.tick):
                _tick_all(hosts, clock)
            seen.append(StepSeen())
        else:
            seen.append(state_after(step))
    return seen


def _local_request(host: Host, step: RequestStep) -> RequestResult:
    host.answer_calls(step_answers(step))
    request = step.request
    return host.request(request.method, request.path, request.headers, request.body.encode("utf-8"),
                        authority=request.authority, scheme=request.scheme, chunks=request.chunks,
                        upstream=answer_of(step.upstream) if step.upstream is not None else None)


def _tick_all(hosts: list[Host], clock: StepClock) -> None:
    """One tick period: the clock moves on, then every VM's timer fires (a module that
    set no tick period gets none), its `every` blocks' calls answered as the case says."""
    period = hosts[0].tick_period_ms
    if not period:
        return
    clock.advance(period)
    for host in hosts:
        host.tick()
        host.deliver_calls()


# ---- Envoy's stats ------------------------------------------------------------------------

# Envoy's /stats for the module's metrics, with each histogram's buckets (docs/envoy-behaviour.md, fact 14).
ENVOY_STATS_QUERY = "/stats?format=json&filter=%5Ewasmcustom%5C.&histogram_buckets=detailed"
ENVOY_PREFIX = "wasmcustom."


@dataclass
class EnvoyStats:
    """The module's metrics as Envoy's admin shows them: counters and gauges by
    value, histograms by bucket ((lower bound, width) -> samples)."""

    counters: dict[str, int] = field(default_factory=dict)
    buckets: dict[str, Counter] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str) -> EnvoyStats:
        stats = cls()
        for entry in json.loads(text).get("stats", []):
            if "histograms" in entry:
                for histogram in entry["histograms"].get("details", []):
                    stats.buckets[histogram["name"].removeprefix(ENVOY_PREFIX)] = Counter(
                        {(bucket["lower_bound"], bucket["width"]): bucket["count"]
                         for bucket in histogram.get("totals", [])})
            elif "name" in entry and isinstance(entry.get("value"), int):
                stats.counters[entry["name"].removeprefix(ENVOY_PREFIX)] = entry["value"]
        return stats

    def since(self, before: EnvoyStats) -> MetricValues:
        """What was added since `before`: a histogram's sum is known to lie within its buckets' bounds."""
        values = MetricValues({name: value - before.counters.get(name, 0) for name, value in self.counters.items()})
        for name, buckets in self.buckets.items():
            added = buckets - before.buckets.get(name, Counter())
            values.histograms[name] = HistogramSummary(sum(added.values()),
                                                       sum(count * low for (low, _), count in added.items()),
                                                       sum(count * (low + width) for (low, width), count in added.items()))
        return values


def read_envoy_stats(admin_get: Callable[[str], str], tries: int = 20) -> EnvoyStats:
    """The module's metrics now.  With `stats_flush_on_admin`, a read asks Envoy to merge the
    workers' histograms and answers with the merge before it: read until two reads agree."""
    previous = EnvoyStats.parse(admin_get(ENVOY_STATS_QUERY))
    for _ in range(tries):
        time.sleep(0.01)
        current = EnvoyStats.parse(admin_get(ENVOY_STATS_QUERY))
        if current == previous:
            return current
        previous = current
    return previous


def metric_differences(expected: Mapping[str, MetricExpect] | None, values: MetricValues | None,
                       in_envoy: bool = False) -> list[str]:
    """Each expected metric against its value, in plain words."""
    if not expected:
        return []
    values = values or MetricValues()
    defined = sorted(set(values.counters) | set(values.histograms))
    diffs = []
    for name, want in expected.items():
        if name in values.counters:
            got = values.counters[name]
            if isinstance(want, HistogramExpect):
                diffs.append(f"metric {name} is a counter: expect its value, {got}")
            elif got != want:
                diffs.append(f"metric {name}: expected {want}, got {got}")
        elif name in values.histograms:
            diffs += _histogram_differences(name, want, values.histograms[name], in_envoy)
        else:
            known = ", ".join(defined) or "none"
            diffs.append(f"metric {name} is not defined by the filter (it defines: {known})")
    return diffs


def _histogram_differences(name: str, want: MetricExpect, got: HistogramSummary, in_envoy: bool) -> list[str]:
    if not isinstance(want, HistogramExpect):
        return [f"metric {name} is a histogram: expect {{count: {got.count}, sum: ...}}"]
    diffs = []
    if want.count is not None and want.count != got.count:
        diffs.append(f"metric {name} count: expected {want.count}, got {got.count}")
    if want.sum is not None and not got.sum_low - 1e-6 <= want.sum <= got.sum_high + 1e-6:
        if in_envoy:
            diffs.append(f"metric {name} sum: expected {want.sum}, Envoy's buckets hold between "
                         f"{got.sum_low:g} and {got.sum_high:g}")
        else:
            diffs.append(f"metric {name} sum: expected {want.sum}, got {got.sum_low:g}")
    return diffs


__all__ = ["StepSeen", "MetricValues", "HistogramSummary", "StepClock", "local_metrics", "metric_differences",
           "filter_name_of", "read_stored", "stored_differences", "run_local", "step_answers", "EnvoyStats", "read_envoy_stats", "ENVOY_STATS_QUERY"]
