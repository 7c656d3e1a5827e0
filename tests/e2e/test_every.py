"""`every` and `store` in a real Envoy with two workers: a block fetches a
deny list from a local service once per period per Envoy (whichever VM
holds the lease), stores it, and request rules on both workers see the new
list within two periods; a failing or slow service leaves the old list."""

from __future__ import annotations

import contextlib
import re
import socket
import threading
import time

import pytest

from pwc.compiler.driver import compile_source
from pwc.runtime.envoy import Response, Upstream, read_response

pytestmark = pytest.mark.e2e

DENY = """filter "deny"

store denied: list<string> = ["nobody"]
store version: string = "none"

every 1s {
  let answer = call "lists" { path: "/denylist", timeout: 500ms }
  if answer.status == 200 {
    store denied = answer.body.split("\\n").filter(x, x != "")
    store version = answer.headers["etag"]
  }
}

on request {
  if request.headers["x-user"] in stored.denied {
    respond 403 "denied"
  }
  set request.headers["x-list-version"] = stored.version
}
"""


class Lists:
    """The service the block calls: the list it answers can change, fail or stall."""

    def __init__(self) -> None:
        self.body, self.etag, self.mode = b"bob\n", "v1", "ok"
        self.calls: list[float] = []
        self.lock = threading.Lock()

    def answer(self, request) -> Response:
        with self.lock:
            self.calls.append(time.monotonic())
        if self.mode == "fail":
            return Response(503, [("content-type", "text/plain")], b"down")
        if self.mode == "slow":
            time.sleep(1.5)  # past the call's 500ms timeout
        return Response(200, [("content-type", "text/plain"), ("etag", self.etag)], self.body)


def _statuses(port: int, user: str, connections: int = 6) -> list[tuple[int, str]]:
    """One request per connection, the connections open together: Envoy's
    exact balance hands each to the worker with the fewest, so both serve."""
    seen = []
    with contextlib.ExitStack() as stack:
        socks = [stack.enter_context(socket.create_connection(("127.0.0.1", port), timeout=10))
                 for _ in range(connections)]
        for sock in socks:
            sock.sendall(f"GET / HTTP/1.1\r\nhost: x\r\nx-user: {user}\r\nconnection: close\r\n\r\n".encode())
            reply = read_response(sock)
            seen.append((reply.status, reply.body.decode(errors="replace")))
    return seen


def _wait_for(condition, timeout: float) -> float:
    began = time.monotonic()
    while time.monotonic() - began < timeout:
        if condition():
            return time.monotonic() - began
        time.sleep(0.05)
    raise AssertionError(f"not within {timeout} s")


@pytest.fixture
def running(envoy_factory, upstream):
    lists = Lists()
    with Upstream() as service:
        service.responder = lists.answer
        result = compile_source(DENY, "deny.pwf")
        assert result.ok, result.render()
        envoy = envoy_factory([("deny", result.wasm, "")], concurrency=2, clusters={"lists": service.port})
        yield envoy, lists, upstream


def test_request_rules_see_a_new_list_within_two_periods_on_both_workers(running):
    envoy, lists, upstream = running
    port = envoy.listener_port("deny")
    _wait_for(lambda: all(status == 403 for status, _ in _statuses(port, "bob")), 2.5)
    upstream.clear()
    assert all(status == 200 for status, _ in _statuses(port, "mallory"))
    assert {r.header("x-list-version") for r in upstream.requests} == {"v1"}
    lists.body, lists.etag = b"mallory\neve\n", "v2"
    changed = time.monotonic()
    _wait_for(lambda: all(status == 403 for status, _ in _statuses(port, "mallory")), 2.5)
    assert time.monotonic() - changed <= 2.5
    assert all(status == 200 for status, _ in _statuses(port, "bob"))
    served = {int(m.group(1)): int(m.group(2)) for m in re.finditer(
        r"^listener\.(?!admin)\S+\.worker_(\d+)\.downstream_cx_total: (\d+)$", envoy.admin_get("/stats"), re.MULTILINE)}
    assert len(served) == 2 and all(count > 0 for count in served.values()), served


def test_the_block_runs_once_a_period_per_envoy_not_per_worker(running):
    envoy, lists, _ = running
    _wait_for(lambda: len(lists.calls) >= 2, 3)
    first = len(lists.calls)
    time.sleep(5)
    runs = len(lists.calls) - first
    assert 4 <= runs <= 6, runs  # 3 VMs get the timer (the main thread's too); one runs the block


@pytest.mark.parametrize("mode", ["fail", "slow"])
def test_a_failing_or_slow_service_leaves_the_old_list_in_place(running, mode):
    envoy, lists, upstream = running
    port = envoy.listener_port("deny")
    _wait_for(lambda: all(status == 403 for status, _ in _statuses(port, "bob")), 2.5)
    lists.mode = mode
    calls = len(lists.calls)
    _wait_for(lambda: len(lists.calls) >= calls + 2, 5)  # two more runs, each failed
    upstream.clear()
    assert all(status == 403 for status, _ in _statuses(port, "bob"))
    assert all(status == 200 for status, _ in _statuses(port, "eve"))
    assert {r.header("x-list-version") for r in upstream.requests} == {"v1"}
    assert "Uncaught" not in envoy.log_text()
