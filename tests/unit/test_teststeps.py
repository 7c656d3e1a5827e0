"""Cases of several requests (`steps`: requests, `advance`, `tick`, a lone
`expect`) and metric expectations: the format's located errors, the local
runner's verdicts, and how Envoy's stats are read (from canned admin output;
the real Envoy runs them in tests/conformance/language/language/metrics.test.yaml)."""

from __future__ import annotations

import io
import json
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from pwc.cli import compiler_toolchain
from pwc.compiler.assemble import assemble
from pwc.runtime.envoy_runner import MAX_WAIT_S, unreproducible
from pwc.runtime.testcases import CaseFileError, HistogramExpect, environment_of, parse
from pwc.runtime.teststeps import EnvoyStats, HistogramSummary, MetricValues, metric_differences
from pwc.runtime.testrunner import run

CLOCK = """\
filter "clock"

counter seen

on request {
  count seen
  set request.headers["x-now"] = string(now)
}
"""

# A module that asks for a tick every 250 ms and counts each tick, with the time it saw.
TICKER = """\
(module
  (import "env" "proxy_set_tick_period_milliseconds" (func $tick_period (param i32) (result i32)))
  (import "env" "proxy_define_metric" (func $define (param i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_increment_metric" (func $increment (param i32 i64) (result i32)))
  (import "env" "proxy_record_metric" (func $record (param i32 i64) (result i32)))
  (import "env" "proxy_get_current_time_nanoseconds" (func $now (param i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "ticksclock")
  (global $ticks (mut i32) (i32.const 0))
  (global $clock (mut i32) (i32.const 0))
  (func (export "proxy_abi_version_0_2_1"))
  (func (export "malloc") (param i32) (result i32) (i32.const 1024))
  (func (export "proxy_on_context_create") (param i32 i32))
  (func (export "proxy_on_vm_start") (param i32 i32) (result i32) (i32.const 1))
  (func (export "proxy_on_configure") (param i32 i32) (result i32)
    (drop (call $define (i32.const 0) (i32.const 64) (i32.const 5) (i32.const 8)))
    (global.set $ticks (i32.load (i32.const 8)))
    (drop (call $define (i32.const 2) (i32.const 69) (i32.const 5) (i32.const 8)))
    (global.set $clock (i32.load (i32.const 8)))
    (drop (call $tick_period (i32.const 250)))
    (i32.const 1))
  (func (export "proxy_on_tick") (param i32)
    (drop (call $increment (global.get $ticks) (i64.const 1)))
    (drop (call $now (i32.const 16)))
    (drop (call $record (global.get $clock) (i64.div_u (i64.load (i32.const 16)) (i64.const 1000000))))))
"""


def _run(folder: Path, cases: str, files: dict[str, str]) -> tuple[int, list[str]]:
    for name, text in files.items():
        (folder / name).write_text(text)
    path = folder / "t.test.yaml"
    path.write_text(textwrap.dedent(cases))
    out = io.StringIO()
    toolchain = replace(compiler_toolchain(), assemble=lambda text: assemble(text))
    code = run([path], toolchain, out=out)
    return code, out.getvalue().splitlines()


def test_steps_share_one_vm_and_advance_moves_the_clock(tmp_path):
    code, out = _run(tmp_path, """\
        filter: clock.pwf
        now: 2026-03-01T12:00:00Z
        cases:
          - name: three requests, time passing between them
            steps:
              - request: {path: /a}
                expect: {upstream: {headers: {x-now: "2026-03-01T12:00:00Z"}}, metrics: {pwc.clock.seen: 1}}
              - advance: 1m30s
              - request: {path: /b}
                expect: {upstream: {headers: {x-now: "2026-03-01T12:01:30Z"}}}
              - advance: 250ms
              - expect: {metrics: {pwc.clock.seen: 2}}
              - {}
            expect:
              metrics: {pwc.clock.seen: 3}
        """, {"clock.pwf": CLOCK})
    assert (code, out) == (0, ["1 passed, 0 failed"])


def test_a_failing_step_is_named_by_its_index(tmp_path):
    code, out = _run(tmp_path, """\
        filter: clock.pwf
        now: 2026-03-01T12:00:00Z
        cases:
          - name: wrong
            steps:
              - request: {path: /a}
              - advance: 1s
              - request: {path: /b}
                expect: {upstream: {headers: {x-now: "2026-03-01T12:00:00Z"}}}
            expect:
              metrics: {pwc.clock.seen: 1}
        """, {"clock.pwf": CLOCK})
    assert code == 1
    assert out[0] == ("FAIL " + str(tmp_path / "t.test.yaml") + ":4: wrong: steps[2]: upstream header x-now: expected "
                      "'2026-03-01T12:00:00Z', got '2026-03-01T12:00:01Z'; after the steps: metric pwc.clock.seen: "
                      "expected 1, got 2")


def test_tick_fires_on_tick_and_moves_the_clock_by_the_period(tmp_path):
    code, out = _run(tmp_path, """\
        filter: ticker.wat
        now: 2026-03-01T12:00:00Z
        cases:
          - name: ticks
            steps:
              - tick: 3
              - expect: {metrics: {ticks: 3, clock: {count: 3}}}
              - tick: 1
            expect:
              metrics: {ticks: 4, clock: {count: 4, sum: 7089465602500}}
        """, {"ticker.wat": TICKER})
    # 2026-03-01T12:00:00Z is 1772366400000 ms; the ticks saw it plus 250, 500, 750 and 1000 ms
    assert (code, out) == (0, ["1 passed, 0 failed"])


def test_tick_does_nothing_to_a_module_without_a_tick_period(tmp_path):
    code, out = _run(tmp_path, """\
        filter: clock.pwf
        now: 2026-03-01T12:00:00Z
        cases:
          - name: no ticks, and the clock stays
            steps:
              - tick: 5
              - request: {path: /a}
                expect: {upstream: {headers: {x-now: "2026-03-01T12:00:00Z"}}}
        """, {"clock.pwf": CLOCK})
    assert (code, out) == (0, ["1 passed, 0 failed"])


def test_histograms_expect_count_and_sum_and_counters_their_value():
    values = MetricValues({"c": 2}, {"h": HistogramSummary(3, 19, 19)})
    assert metric_differences({"c": 2, "h": HistogramExpect(count=3, sum=19)}, values) == []
    cases = parse(textwrap.dedent("""\
        filter: x.wat
        cases:
          - name: a
            expect: {metrics: {c: {count: 1}, h: 3, x: 0, h2: {count: 1}}}
        """))
    expected = cases.cases[0].expect.metrics
    values.histograms["h2"] = HistogramSummary(2, 10, 10.5)
    assert metric_differences(expected, values, in_envoy=True) == [
        "metric c is a counter: expect its value, 2",
        "metric h is a histogram: expect {count: 3, sum: ...}",
        "metric x is not defined by the filter (it defines: c, h, h2)",
        "metric h2 count: expected 1, got 2",
    ]


ENVOY_BEFORE = {"stats": [
    {"name": "wasmcustom.pwc.f.hits", "value": 5},
    {"histograms": {"supported_percentiles": [0, 50], "details": [
        {"name": "wasmcustom.pwc.f.size", "totals": [{"lower_bound": 7, "width": 0.1, "count": 1}], "intervals": []}]}},
]}
ENVOY_AFTER = {"stats": [
    {"name": "wasmcustom.pwc.f.hits", "value": 8},
    {"histograms": {"supported_percentiles": [0, 50], "details": [
        {"name": "wasmcustom.pwc.f.size", "totals": [{"lower_bound": 0, "width": 0, "count": 1},
                                                     {"lower_bound": 7, "width": 0.1, "count": 2},
                                                     {"lower_bound": 1200, "width": 100, "count": 1}],
         "intervals": []}]}},
]}


def test_envoy_stats_give_what_the_case_added_and_bounds_of_a_histograms_sum():
    before, after = EnvoyStats.parse(json.dumps(ENVOY_BEFORE)), EnvoyStats.parse(json.dumps(ENVOY_AFTER))
    added = after.since(before)
    assert added.counters == {"pwc.f.hits": 3}
    assert added.histograms == {"pwc.f.size": HistogramSummary(3, 1207, 1307.1)}
    assert metric_differences({"pwc.f.size": HistogramExpect(count=3, sum=1250)}, added, in_envoy=True) == []
    assert metric_differences({"pwc.f.size": HistogramExpect(sum=1400)}, added, in_envoy=True) == [
        "metric pwc.f.size sum: expected 1400, Envoy's buckets hold between 1207 and 1307.1"]


@pytest.mark.parametrize("text, message", [
    ("    steps:\n      - advance: 15\n", "cases[0].steps[0].advance: value error, `15` is not a duration"),
    ("    steps:\n      - advance: 1s\n        request: {}\n",
     "cases[0].steps[0]: unknown field `request`; known fields: advance"),
    ("    steps:\n      - tick: 0\n", "cases[0].steps[0].tick: input should be greater than 0"),
    ("    steps:\n      - expect: {reply: {status: 200}}\n",
     "cases[0].steps[0]: value error, a step without a request expects metrics and stored values only: `reply` belongs in a "
     "request step's `expect`"),
    ("    steps:\n      - request: {pathh: /}\n", "cases[0].steps[0].request: unknown field `pathh` (did you mean `path`?)"),
    ("    request: {path: /}\n    steps: [{}]\n", "cases[0]: value error, a case with `steps` sends its requests in the steps"),
    ("    steps: [{}]\n    expect: {reply: {status: 200}}\n",
     "cases[0]: value error, a case with `steps` expects metrics and stored values only: `reply` belongs in a request step's `expect`"),
    ("    steps: [{calls: {auth: {status: 200}}}, {}]\n",
     "cases[0]: value error, steps[1] does not say how `auth` answers (another step does)"),
    ("    steps: []\n", "cases[0].steps: list should have at least 1 item"),
    ("    expect: {metrics: {a: {count: 1, summ: 2}}}\n",
     "cases[0].expect.metrics.a: unknown field `summ` (did you mean `sum`?)"),
])
def test_bad_steps_get_located_messages(text, message):
    with pytest.raises(CaseFileError) as error:
        parse("filter: x.wat\ncases:\n  - name: a\n" + text)
    assert message in str(error.value)
    assert str(error.value).startswith("<cases>:")


def test_in_envoy_a_case_waits_at_most_a_few_seconds_and_a_cluster_points_at_one_place():
    cases = parse(textwrap.dedent(f"""\
        filter: x.wat
        cases:
          - name: long
            steps: [{{advance: {int(MAX_WAIT_S)}s}}, {{tick: 3}}, {{}}]
          - name: mixed
            steps: [{{calls: {{auth: {{fail: refused}}}}}}, {{calls: {{auth: {{status: 200}}}}}}]
          - name: fine
            steps: [{{advance: 2s}}, {{tick: 3}}, {{}}]
        """))
    long, mixed, fine = cases.cases
    assert "the steps wait 5.3s in all" in unreproducible(long, environment_of(long, cases), tick_ms=100)
    assert "`auth` refuses connections in some steps" in unreproducible(mixed, environment_of(mixed, cases))
    assert unreproducible(fine, environment_of(fine, cases), tick_ms=100) is None


EVERY = """\
filter "ev"

counter runs

every 1s {
  count runs
}

on request {
  continue
}
"""


def test_tick_runs_an_every_block_once_a_period_with_a_count_in_it(tmp_path):
    # the module ticks every 250 ms (a quarter of the shortest period): 8 ticks are 2 s
    code, out = _run(tmp_path, """\
        filter: ev.pwf
        now: 2026-03-01T12:00:00Z
        cases:
          - name: every runs once a period
            steps:
              - tick: 8
              - expect: {metrics: {pwc.ev.runs: 2}}
              - tick: 4
            expect: {metrics: {pwc.ev.runs: 3}}
        """, {"ev.pwf": EVERY})
    assert (code, out) == (0, ["1 passed, 0 failed"])


STORES = """filter "stores"
store seen: list<string> = []
store last: string = "none"
store hits: int = 0
every 1s {
  let answer = call "feed" { path: "/feed" }
  store seen = answer.body.split(",")
  store last = answer.headers["x-last"]
  store hits = answer.status
}
"""


def test_stored_values_are_read_from_the_hosts_shared_data(tmp_path):
    code, lines = _run(tmp_path, """\
        filter: stores.pwf
        cases:
          - name: before and after a tick
            calls: {feed: {status: 200, headers: {x-last: b}, body: 'a,b'}}
            steps:
              - expect: {stored: {seen: null, last: null, hits: null}}
              - tick: 1
              - expect: {stored: {seen: [a, b], last: b, hits: 200}}
          - name: a wrong expectation says what is stored
            calls: {feed: {status: 200, headers: {x-last: b}, body: 'a,b'}}
            steps:
              - tick: 1
            expect: {stored: {seen: [a], hits: '200', last: null}}
        """, {"stores.pwf": STORES})
    assert code == 1 and lines[-1] == "1 passed, 1 failed", lines
    assert ('after the steps: stored.seen: expected ["a"], got ["a", "b"]' in lines[0]
            and 'stored.hits: expected "200", got 200' in lines[0]
            and 'stored.last: expected null, got "b"' in lines[0]), lines


COUNTING = """filter "counting"
counter hits
on request {
  count hits
  limit to 2 per 1h
}
"""


def test_workers_share_state_and_their_metrics_are_summed(tmp_path):
    code, lines = _run(tmp_path, """\
        filter: counting.pwf
        cases:
          - name: three workers, requests in turn, one bucket
            workers: 3
            steps:
              - request: {}
                expect: {upstream: {reached: true}, metrics: {pwc.counting.hits: 1}}
              - request: {}
                expect: {upstream: {reached: true}, metrics: {pwc.counting.hits: 2}}
              - request: {}
                expect: {reply: {status: 429}}
              - request: {}
                worker: 2
                expect: {reply: {status: 429}}
            expect: {metrics: {pwc.counting.hits: 4}}
        """, {"counting.pwf": COUNTING})
    assert code == 0 and lines == ["1 passed, 0 failed"], lines


def test_a_step_names_one_of_the_cases_workers(tmp_path):
    code, lines = _run(tmp_path, """\
        filter: counting.pwf
        cases:
          - name: no such worker
            workers: 2
            steps:
              - request: {}
                worker: 2
        """, {"counting.pwf": COUNTING})
    assert code != 0 and "steps[0]: `worker: 2` is not one of the case's 2 workers (0 to 1)" in lines[0], lines
