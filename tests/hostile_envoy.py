"""One filter in a real Envoy for the hostile-input tests: started from its
source, and on the way out its log must show no trap and no error the
filter logged; requests are timed, with what the upstream received."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from pwc.compiler.driver import compile_source
from pwc.runtime.envoy import Envoy, Listener, http_request


@contextmanager
def filter_in_envoy(name: str, source: str, upstream_port: int, config: str = "") -> Iterator[Envoy]:
    """Envoy with one listener `name` running filter `name` compiled from `source`."""
    result = compile_source(source, f"{name}.pwf")
    assert result.ok, result.render()
    with Envoy([Listener(name, wasm=result.wasm, filter_name=name, config=config)],
               upstream_port=upstream_port) as running:
        yield running
        log = running.log_text()
        assert "Uncaught" not in log and "RuntimeError" not in log and f"wasm log {name}: error" not in log


def timed_request(envoy: Envoy, name: str, upstream, headers, path: str = "/", timeout: float = 30):
    """(response, seconds, the request the upstream saw or None)."""
    upstream.clear()
    started = time.perf_counter()
    response = http_request(envoy.listener_port(name), "GET", path, headers, timeout=timeout)
    return response, time.perf_counter() - started, (upstream.requests[-1] if upstream.requests else None)
