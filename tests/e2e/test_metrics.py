"""Metrics in a real Envoy 1.40: what proxy_define_metric and friends do
(docs/envoy-behaviour.md, fact 14, from a hand-written probe), and a
compiled filter's counters in /stats/prometheus equal, exactly, the number
of requests that took each path, with two workers and a concurrent client."""

from __future__ import annotations

import random
import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from pwc.compiler.driver import compile_source
from pwc.runtime.envoy import Listener, http_request
from pwc.runtime.teststeps import EnvoyStats, read_envoy_stats
from test_envoy_facts import RET_PTR, Probe, messages

pytestmark = pytest.mark.e2e

HITS, REPLIES, LATENCY = "pwc.probe-f.hits", "pwc.probe-f.responded.line_12", "pwc.probe-f.latency"


def metrics_probe() -> bytes:
    """Defines two counters and a histogram in on_configure (logging the ids), and
    per request: hits +1, replies +2, latency 7 * n, then the edge cases."""
    p = Probe()
    s = p.s
    define = "".join(f"""
    (call $log_digit {s(f"f14 define {kind} status ")}
      (call $proxy_define_metric (i32.const {kind}) {s(name)} (i32.const {RET_PTR})))
    (global.set ${var} (i32.load (i32.const {RET_PTR})))
    (call $log_digit {s(f"f14 id of {var} ")} (global.get ${var}))""" for var, kind, name in
                     [("c", 0, HITS), ("r", 0, REPLIES), ("h", 2, LATENCY)])
    return p.module(f"""
  (global $c (mut i32) (i32.const -1))
  (global $r (mut i32) (i32.const -1))
  (global $h (mut i32) (i32.const -1))
  (global $n (mut i64) (i64.const 0))
  (func (export "proxy_on_configure") (param $root i32) (param $size i32) (result i32)
    {define}
    (i32.const 1))
  (func (export "proxy_on_request_headers") (param $ctx i32) (param i32 i32) (result i32)
    (global.set $n (i64.add (global.get $n) (i64.const 1)))
    (call $log_digit {s("f14 increment by 1: ")} (call $proxy_increment_metric (global.get $c) (i64.const 1)))
    (call $log_digit {s("f14 increment by 2: ")} (call $proxy_increment_metric (global.get $r) (i64.const 2)))
    (call $log_digit {s("f14 record 7n: ")}
      (call $proxy_record_metric (global.get $h) (i64.mul (global.get $n) (i64.const 7))))
    (call $log_digit {s("f14 increment by 0: ")} (call $proxy_increment_metric (global.get $c) (i64.const 0)))
    (call $log_digit {s("f14 increment by -1: ")} (call $proxy_increment_metric (global.get $c) (i64.const -1)))
    (call $log_digit {s("f14 increment id -1: ")} (call $proxy_increment_metric (i32.const -1) (i64.const 1)))
    (call $log_digit {s("f14 record -5: ")} (call $proxy_record_metric (global.get $h) (i64.const -5)))
    (call $log_digit {s("f14 record 100 on a counter: ")}
      (call $proxy_record_metric (global.get $c) (i64.const 100)))
    (i32.const 0))
""")


def _prometheus(envoy, prefix: str = "pwc_") -> dict[str, float]:
    """`name{labels}` -> value, for the lines of /stats/prometheus that start with `prefix`
    (a histogram's `_bucket` lines left out)."""
    found = {}
    for line in envoy.admin_get("/stats/prometheus").splitlines():
        if line.startswith(prefix) and "_bucket{" not in line:
            name, value = line.rsplit(" ", 1)
            found[name] = float(value)
    return found


def _without_tags(bootstrap: dict) -> None:
    bootstrap.pop("stats_config", None)


def _flush_on_admin(bootstrap: dict) -> None:
    bootstrap["stats_flush_on_admin"] = True


@pytest.fixture(scope="module")
def probe() -> bytes:
    return metrics_probe()


def test_metrics_are_defined_per_vm_and_named_wasmcustom_in_stats(envoy_factory, probe):
    envoy = envoy_factory([("metrics", probe, "")], customize=_without_tags)
    for _ in range(3):
        http_request(envoy.listener_port("metrics"), "GET", "/", [])
    log = envoy.wait_for_log("f14 record 100 on a counter")
    defined = messages(log, "f14 id of ")
    # --concurrency 1: three VMs (two on the main thread, one worker) each get ids 4 and 8
    # for the counters (type 0 in the low two bits) and 6 for the histogram (type 2).
    assert defined == ["f14 id of c 4", "f14 id of r 8", "f14 id of h 6"] * 3
    assert set(messages(log, "f14 define ")) == {"f14 define 0 status 0", "f14 define 2 status 0"}
    statuses = dict(line.rsplit(": ", 1) for line in messages(log, "f14 ")[-8:])
    assert statuses == {"f14 increment by 1": "0", "f14 increment by 2": "0", "f14 record 7n": "0",
                        "f14 increment by 0": "2", "f14 increment by -1": "2", "f14 increment id -1": "2",
                        "f14 record -5": "0", "f14 record 100 on a counter": "0"}
    stats = envoy.stats()
    # A record on a counter adds: 3 requests x (1 + 100).
    assert (stats[f"wasmcustom.{HITS}"], stats[f"wasmcustom.{REPLIES}"]) == (303, 6)
    # Histograms reach the admin endpoint only when Envoy flushes its stats (every 5 s by default).
    assert stats[f"wasmcustom.{LATENCY}"] == "No recorded values"
    # Prometheus: the `wasmcustom.` namespace is dropped, with no `envoy_` prefix; `.` and `-` become `_`.
    assert _prometheus(envoy) == {"pwc_probe_f_hits{}": 303, "pwc_probe_f_responded_line_12{}": 6,
                                  "pwc_probe_f_latency_sum{}": 0, "pwc_probe_f_latency_count{}": 0}


def test_pwcs_tags_take_the_filter_and_the_line_out_of_the_names(envoy_factory, probe):
    envoy = envoy_factory([("metrics", probe, "")], customize=_flush_on_admin)  # pwc's bootstrap: STATS_TAGS
    for _ in range(3):
        http_request(envoy.listener_port("metrics"), "GET", "/", [])
    envoy.wait_for_log("f14 record 100 on a counter")
    envoy.admin_get("/stats")
    found = _prometheus(envoy)
    assert found['pwc_hits{pwc_filter="probe-f"}'] == 303
    assert found['pwc_responded{pwc_filter="probe-f",pwc_line="12"}'] == 6
    assert found['pwc_latency_count{pwc_filter="probe-f"}'] == 6
    assert envoy.stats()[f"wasmcustom.{HITS}"] == 303  # /stats keeps the whole name


def test_histograms_appear_at_the_admin_read_after_the_records_and_keep_negatives(envoy_factory, probe):
    envoy = envoy_factory([("metrics", probe, "")], customize=_flush_on_admin)
    http_request(envoy.listener_port("metrics"), "GET", "/", [])
    envoy.wait_for_log("f14 record 100 on a counter")
    query = "/stats?format=json&filter=%5Ewasmcustom%5C.&histogram_buckets=detailed"
    # stats_flush_on_admin: a read asks the workers to merge their histograms and answers
    # with the merge before it, so the records show from the next read on.
    first = EnvoyStats.parse(envoy.admin_get(query))
    assert first.buckets == {LATENCY: Counter()} and first.counters[HITS] == 101
    second = EnvoyStats.parse(envoy.admin_get(query))
    assert second.buckets[LATENCY] == Counter({(-5, 0.1): 1, (7, 0.1): 1})  # -5 stays negative
    for _ in range(2):
        http_request(envoy.listener_port("metrics"), "GET", "/", [])
    envoy.wait_for_log("f14 record 100 on a counter", timeout=5)
    later = read_envoy_stats(envoy.admin_get)
    # Buckets keep two significant digits: 14 and 21 fall in [14, 15) and [21, 22).
    assert later.buckets[LATENCY] == Counter({(-5, 0.1): 3, (7, 0.1): 1, (14, 1): 1, (21, 1): 1})
    # Prometheus's _sum is Envoy's estimate from the buckets, not the sum of the samples (27).
    found = _prometheus(envoy)
    assert found['pwc_latency_count{pwc_filter="probe-f"}'] == 6
    assert 27 < found['pwc_latency_sum{pwc_filter="probe-f"}'] < 28


# ---- a compiled filter, two workers, a concurrent client --------------------------------

FILTER = """\
filter "metrics-e2e"

counter requests
counter denied
histogram items

on request {
  count requests
  if request.path.startsWith("/admin") {
    count denied
    respond 403 "denied"
  }
  if request.path == "/teapot" {
    respond 418 "teapot"
  }
  if "x-items" in request.headers {
    observe items int(request.headers["x-items"])
  }
}
"""
DENIED_LINE, TEAPOT_LINE, ITEMS_LINE = 11, 14, 17
PATHS = {  # what each kind of request is: (path, headers), the status it gets
    "ok": (("/ok", []), 200),
    "admin": (("/admin/users", []), 403),
    "teapot": (("/teapot", []), 418),
    "items": (("/ok", [("x-items", "12")]), 200),
    "bad items": (("/ok", [("x-items", "many")]), 500),
}


def test_counters_in_prometheus_equal_the_requests_that_took_each_path(envoy_factory):
    result = compile_source(FILTER, "metrics-e2e.pwf")
    assert result.ok and result.wasm is not None, result.render()
    lines = FILTER.splitlines()
    assert "respond 403" in lines[DENIED_LINE - 1] and "respond 418" in lines[TEAPOT_LINE - 1]
    assert "observe items" in lines[ITEMS_LINE - 1]
    envoy = envoy_factory([Listener("m", wasm=result.wasm, filter_name="metrics-e2e")], concurrency=2,
                          customize=_flush_on_admin)
    port = envoy.listener_port("m")
    kinds = random.Random(16).choices(list(PATHS), k=300)

    def send(kind: str) -> tuple[str, int]:
        (path, headers), _ = PATHS[kind]
        return kind, http_request(port, "GET", path, headers, timeout=10).status

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(send, kinds))
    assert all(status == PATHS[kind][1] for kind, status in answers)
    sent = Counter(kinds)
    envoy.admin_get("/stats")  # merge the histograms for the next read
    found = _prometheus(envoy)
    tag = 'pwc_filter="metrics-e2e"'
    assert found[f"pwc_requests{{{tag}}}"] == len(kinds)
    assert found[f"pwc_denied{{{tag}}}"] == sent["admin"]
    assert found[f'pwc_responded{{{tag},pwc_line="{DENIED_LINE}"}}'] == sent["admin"]
    assert found[f'pwc_responded{{{tag},pwc_line="{TEAPOT_LINE}"}}'] == sent["teapot"]
    assert found[f'pwc_errors{{{tag},pwc_line="{ITEMS_LINE}"}}'] == sent["bad items"]
    assert found[f"pwc_items_count{{{tag}}}"] == sent["items"]
    # every other line's error counter stayed at 0
    errors = {name: value for name, value in found.items() if name.startswith("pwc_errors{")}
    assert sum(errors.values()) == sent["bad items"] and len(errors) > 1
    # both workers took connections: each VM defines the metrics, and adds to the same stats
    workers = {name: value for name, value in envoy.stats().items()
               if re.fullmatch(r"listener\.127\.0\.0\.1_\d+\.worker_\d+\.downstream_cx_total", name)}
    assert len(workers) == 2 and all(value > 0 for value in workers.values()), workers
