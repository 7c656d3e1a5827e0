"""The core language's checks that only a real Envoy can make.

The statement and expression tables that were here are conformance cases now:
tests/conformance/language/language/*.test.yaml, run on the local runtime and,
as the parity mode, in Envoy (tests/conformance/language/test_language_conformance.py).
What stays: many streams through one VM, a run-time error followed by a good
request on the same Envoy, and the UTF-8 bytes of a string literal as Envoy
forwards them (the parity mode reads header bytes as latin-1: see
KNOWN_DIFFERENCES there).  The filters are the conformance folder's .pwf files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pwc.compiler.driver import compile_source
from pwc.runtime.envoy import Envoy, Listener, http_request

pytestmark = pytest.mark.e2e

FILTER_DIR = Path(__file__).resolve().parents[1] / "conformance" / "language" / "language"
FILTERS = {name: (FILTER_DIR / f"{name}.pwf").read_text(encoding="utf-8") for name in ("reads", "exprs", "control")}


@pytest.fixture(scope="module")
def envoy(session_upstream, envoy_path):
    listeners = []
    for name, text in FILTERS.items():
        result = compile_source(text, f"{name}.pwf")
        assert result.ok, result.render()
        listeners.append(Listener(name, wasm=result.wasm, filter_name=name))
    with Envoy(listeners, upstream_port=session_upstream.port) as running:
        yield running
        log = running.log_text()
        assert "Uncaught" not in log and "RuntimeError" not in log, "a module trapped"


def send(envoy, upstream, listener, path="/", headers=(), method="GET"):
    upstream.clear()
    response = http_request(envoy.listener_port(listener), method, path, list(headers))
    seen = upstream.requests[-1] if upstream.requests else None
    return response, seen


def test_streams_keep_their_own_request_values(envoy, upstream):
    for index in range(20):
        response, _ = send(envoy, upstream, "reads", f"/s{index}", [("x-keep", f"v{index}")])
        assert response.header("x-req-header") == f"v{index}"
        assert response.header("x-req-path") == f"/rewritten/s{index}"


def test_string_literals_reach_the_upstream_as_utf8(envoy, upstream):
    _, seen = send(envoy, upstream, "exprs", headers=[("x-n", "7"), ("x-s", "Hello")])
    expected = '31,-9223372036854775808,raw\\d,tab\tq"uote\\,A\u00e9'
    assert seen.header("x-e-literals") == expected.encode().decode("latin-1")


@pytest.mark.parametrize("mode, value", [
    ("bad-int", "abc"),
    ("bad-int", ""),
    ("bad-int", "99999999999999999999"),
    ("overflow", "1"),
    ("divide", "0"),
    ("modulo", "0"),
    ("status", "700"),
])
def test_runtime_errors_leave_the_filter_serving(envoy, upstream, mode, value):
    """Each error's answer and log line are conformance cases (control.test.yaml); here,
    the next request on the same Envoy is served normally."""
    response, seen = send(envoy, upstream, "control", headers=[("x-mode", mode), ("x-value", value)])
    assert seen is None
    assert response.status == 500
    good, seen = send(envoy, upstream, "control", headers=[("x-mode", "other")])
    assert good.status == 200 and seen.header("x-else") == "taken"
