"""`limit` and `once` in a real Envoy with two workers, driven by concurrent
clients: the state is shared data, so both workers must count together.

Each client thread keeps its own connection; Envoy spreads connections over
its workers, and every test checks from Envoy's per-worker listener stats
that both workers served requests, so the sharing is really exercised.
"""

from __future__ import annotations

import re
from datetime import datetime
import socket
import threading
import time
from collections.abc import Callable

import pytest

from pwc.compiler.driver import compile_source
from pwc.runtime.envoy import Response, read_response

pytestmark = pytest.mark.e2e

THREADS = 8
# What passes carries Envoy's clock to the upstream, so windows are counted in it.
LIMITED = """filter "limited"
on request {
  limit request.headers["x-key"] to 10 per 1s
  set request.headers["x-now"] = string(now)
}
"""
NONCES = """filter "nonces"
on request {
  if !once(request.headers["x-nonce"], 5m) {
    respond 409 "replayed"
  }
}
"""
SLOTS = 8192


def fnv1a_slot(key: str) -> int:
    h = 0xCBF29CE484222325
    for byte in key.encode():
        h = ((h ^ byte) * 0x100000001B3) % 2**64
    return (h & (2**63 - 1)) % SLOTS


def _get(sock: socket.socket, headers: dict[str, str]) -> Response:
    lines = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    sock.sendall(f"GET / HTTP/1.1\r\nhost: example.com\r\n{lines}\r\n".encode())
    return read_response(sock)


def _start(source: str, name: str, envoy_factory):
    result = compile_source(source, f"{name}.pwf")
    assert result.ok, result.render()
    return envoy_factory([(name, result.wasm, "")], concurrency=2)


def _in_threads(port: int, work: Callable[[int, socket.socket], None], threads: int = THREADS) -> None:
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
                work(index, sock)
        except BaseException as error:  # reported by the main thread
            errors.append(error)

    started = [threading.Thread(target=run, args=(index,)) for index in range(threads)]
    for thread in started:
        thread.start()
    for thread in started:
        thread.join()
    assert not errors, errors[0]


def _both_workers_served(envoy) -> None:
    served = {int(m.group(1)): int(m.group(2)) for m in
              re.finditer(r"^listener\.(?!admin)\S+\.worker_(\d+)\.downstream_cx_total: (\d+)$",
                          envoy.admin_get("/stats"), re.MULTILINE)}
    assert len(served) == 2 and all(count > 0 for count in served.values()), served


def test_limit_lets_ten_a_second_per_key_through_across_both_workers(envoy_factory, upstream):
    envoy = _start(LIMITED, "limited", envoy_factory)
    refused: list[Response] = []
    lock = threading.Lock()
    began = time.monotonic()

    def work(index: int, sock: socket.socket) -> None:
        key = "a" if index % 2 else "b"
        while time.monotonic() - began < 10:
            reply = _get(sock, {"x-key": key})
            if reply.status != 200:
                with lock:
                    refused.append(reply)

    _in_threads(envoy.listener_port("limited"), work)
    _both_workers_served(envoy)
    assert refused and all(r.status == 429 for r in refused)
    assert {(h.lower(), v) for h, v in refused[0].headers if h.lower().startswith("x-ratelimit")} == {
        ("x-ratelimit-limit", "10"), ("x-ratelimit-remaining", "0")}
    assert {dict((h.lower(), v) for h, v in r.headers)["retry-after"] for r in refused} == {"1"}
    for key in ("a", "b"):
        times = sorted(datetime.fromisoformat(r.header("x-now")).timestamp() for r in upstream.requests
                       if r.header("x-key") == key)
        first = times[0]  # the key's windows start at its first request, in Envoy's clock
        per_window = [sum(1 for t in times if first + s <= t < first + s + 1) for s in range(9)]
        assert per_window == [10] * 9, (key, per_window)
        assert len(times) <= 10 * 11, (key, len(times))


def test_once_accepts_each_nonce_once_across_both_workers(envoy_factory, upstream):
    envoy = _start(NONCES, "nonces", envoy_factory)
    nonces = [f"nonce-{n:05d}" for n in range(10_000)]
    slots: dict[int, int] = {}
    for nonce in nonces:
        slots[fnv1a_slot(nonce)] = slots.get(fnv1a_slot(nonce), 0) + 1
    assert max(slots.values()) <= 8  # no slot overflows: every first use must be accepted
    outcomes: dict[tuple[int, str], int] = {}
    lock = threading.Lock()
    first_pass_done = threading.Barrier(THREADS)

    def work(index: int, sock: socket.socket) -> None:
        # every nonce twice: the first pass sends it from one thread, the second, once
        # every first use is answered, from another (on another connection)
        for round_ in (0, 1):
            if round_ == 1:
                first_pass_done.wait()
            for nonce in nonces[index::THREADS] if round_ == 0 else nonces[(index + 1) % THREADS::THREADS]:
                status = _get(sock, {"x-nonce": nonce}).status
                with lock:
                    outcomes[(round_, nonce)] = status
                    if len(upstream.requests) > 2000:
                        upstream.clear()

    _in_threads(envoy.listener_port("nonces"), work)
    _both_workers_served(envoy)
    firsts = [outcomes[(0, n)] for n in nonces]
    replays = [outcomes[(1, n)] for n in nonces]
    assert replays.count(200) == 0  # no false accept
    assert firsts.count(200) == len(nonces)


def test_once_lets_exactly_one_of_two_racing_copies_through(envoy_factory, upstream):
    envoy = _start(NONCES, "nonces", envoy_factory)
    port = envoy.listener_port("nonces")
    accepted: dict[str, int] = {}
    lock = threading.Lock()
    barrier = threading.Barrier(2)

    def work(index: int, sock: socket.socket) -> None:
        for n in range(500):
            nonce = f"race-{n}"
            barrier.wait()
            if _get(sock, {"x-nonce": nonce}).status == 200:
                with lock:
                    accepted[nonce] = accepted.get(nonce, 0) + 1

    _in_threads(port, work, threads=2)
    assert sorted(set(accepted.values())) == [1] and len(accepted) == 500
