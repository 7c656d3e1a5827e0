"""Metrics through the passes: `count` and `observe` stay names outside a
statement's start, the canonical text keeps them, the module defines what
the IR lists (and survives a host that refuses), and the names follow
compiler/metrics.py (the Envoy side: tests/e2e/test_metrics.py)."""

from __future__ import annotations

from pwc.abi import Status
from pwc.compiler.driver import compile_source
from pwc.compiler.metadata import read_metadata
from pwc.compiler.printer import format_module
from pwc.runtime.abi_host import HostFunctions
from pwc.runtime.host import Host

GATE = """\
filter "edge.gate"

counter denied
histogram wait

on request {
  if request.path == "/admin" {
    count denied
    respond 403 "no"
  }
  observe wait 250ms
  let n = int(request.headers["x-n"])
}
"""


def _compiled(text: str):
    result = compile_source(text, "gate.pwf")
    assert result.ok and result.wasm is not None, result.render()
    return result


def test_count_and_observe_stay_names_where_no_statement_starts():
    result = _compiled("""\
filter "names"

config {
  count: int = 2
  observe: string = "x"
}

on request {
  let count = config.count + 1
  var observe = config.observe
  set observe = observe + string(count)
  set request.headers["x-count"] = observe
}
""")
    assert result.program is not None and result.program.metrics[0].name == "pwc.names.errors.line_9"
    host = Host(result.wasm, root_id="names")
    assert host.request().upstream_request.header("x-count") == "x3"


def test_the_canonical_text_keeps_the_metrics():
    result = _compiled(GATE)
    assert result.module is not None
    text = format_module(result.module)
    assert "counter denied\nhistogram wait\n" in text and "    count denied\n" in text
    assert "  observe wait 250ms\n" in text
    assert _compiled(text).program.metrics == result.program.metrics


def test_names_take_the_filter_with_its_dots_written_as_underscores():
    result = _compiled(GATE)
    metrics = {metric.name: metric.kind.name.lower() for metric in result.program.metrics}
    assert metrics == {
        "pwc.edge_gate.denied": "counter", "pwc.edge_gate.wait": "histogram",
        "pwc.edge_gate.responded.line_9": "counter",
        "pwc.edge_gate.errors.line_7": "counter",
        "pwc.edge_gate.errors.line_12": "counter",
    }
    assert read_metadata(result.wasm)["capabilities"]["metrics"] == metrics


def test_every_vm_counts_what_happened():
    host = Host(_compiled(GATE).wasm, root_id="edge.gate")
    assert host.request(path="/admin").response.status == 403
    assert host.request(path="/", headers={"x-n": "many"}).response.status == 500
    assert host.request(path="/", headers={"x-n": "4"}).response.status == 200
    assert host.metrics == {"pwc.edge_gate.denied": 1, "pwc.edge_gate.wait": 0,
                            "pwc.edge_gate.responded.line_9": 1, "pwc.edge_gate.errors.line_7": 0,
                            "pwc.edge_gate.errors.line_12": 1}
    assert host.histograms == {"pwc.edge_gate.wait": [250, 250]}


def test_a_metric_the_host_refuses_is_logged_and_counts_nothing(monkeypatch):
    monkeypatch.setattr(HostFunctions, "proxy_define_metric", lambda self, g, kind, nptr, nlen, out: Status.BAD_ARGUMENT)
    host = Host(_compiled(GATE).wasm, root_id="edge.gate")  # the configuration is not refused
    assert "edge.gate: could not define metric pwc.edge_gate.denied" in host.log_lines()
    assert host.request(path="/admin").response.status == 403
    assert host.metrics == {}


def test_a_filter_without_replies_or_failing_lines_defines_nothing():
    result = _compiled('filter "quiet"\n\non request {\n  continue\n}\n')
    assert result.program.metrics == [] and "proxy_define_metric" not in result.wat
