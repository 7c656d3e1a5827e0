"""`let x = call ...` in a real Envoy with a real auth service on 127.0.0.1:
every way the call can end, many streams at once, and clients that leave."""

from __future__ import annotations

import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from pwc.compiler.driver import compile_file, compile_source
from pwc.runtime.envoy import Envoy, Listener, Response, Upstream, encode_request, http_request, send_and_hang_up

pytestmark = pytest.mark.e2e

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "auth-gate.pwf"

# A filter that reveals everything about the call's result.
PROBE = r'''
filter "probe"
on request {
  let who = request.headers["x-who"]
  let answer = call "auth" {
    path: "/probe/" + who
    headers: {"x-from-request": request.headers["x-token"]}
    timeout: 400ms
  }
  set request.headers["x-status"] = string(answer.status)
  set request.headers["x-failed"] = string(answer.failed)
  set request.headers["x-answer-header"] = answer.headers["x-answer"]
  set request.headers["x-body-size"] = string(size(answer.body))
  set request.headers["x-who-after"] = who
  if who == "second" {
    let again = call "auth" { path: "/probe/again", timeout: 400ms }
    set request.headers["x-second-status"] = string(again.status)
  }
}
on response {
  set response.headers["x-call-status"] = string(answer.status)
  set response.headers["x-call-header"] = answer.headers["x-answer"]
}
'''

UNREACHABLE = r'''
filter "unreachable"
on request {
  let refused = call "refused" { timeout: 400ms }
  let unknown = call "no-such-cluster" { timeout: 400ms }
  let garbled = call "garbage" { timeout: 400ms }
  set request.headers["x-refused"] = string(refused.failed) + "/" + string(refused.status)
  set request.headers["x-unknown"] = string(unknown.failed) + "/" + string(unknown.status)
  set request.headers["x-garbled"] = string(garbled.failed) + "/" + string(garbled.status)
}
'''


def auth_service(request):
    """Answers by path: /check (the example's), /probe/NAME (the probe's)."""
    if request.path == "/check":
        token = request.header("authorization") or ""
        if token.startswith("Bearer user-"):
            time.sleep(0.05)  # keep concurrent streams waiting at the same time
            return Response(200, [("x-user", token.removeprefix("Bearer "))], b"yes")
        if token == "Bearer slow":
            return Response(200, [("x-user", "too-late")], b"", delay=1.0)
        return Response(401, [], b"no")
    name = request.path.rsplit("/", 1)[-1]
    if name == "slow":
        return Response(200, [("x-answer", "late")], b"", delay=1.0)
    if name == "s503":
        return Response(503, [("x-answer", "service says 503")], b"down")
    if name == "s504":
        return Response(504, [("x-answer", "service says 504")], b"gateway")
    if name == "big":
        return Response(200, [("x-answer", "big")], b"x" * 200_000)
    return Response(200, [("x-answer", f"hello {name}"), ("x-echo", request.header("x-from-request") or "")], b"ok")


def unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def auth():
    with Upstream(auth_service) as server:
        yield server


@pytest.fixture(scope="module")
def garbage():
    """A service that answers every connection with bytes that are not HTTP
    (Envoy answers such a call itself, with its own 502)."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except (socket.timeout, OSError):
                continue
            with conn:
                try:
                    conn.recv(65536)
                    conn.sendall(b"NOT HTTP AT ALL\r\n\r\n")
                except OSError:
                    pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    server.close()


@pytest.fixture(scope="module")
def envoy(session_upstream, auth, garbage, envoy_path):
    listeners = [
        Listener("gate", wasm=compile_file(EXAMPLE), filter_name="auth-gate"),
        Listener("probe", wasm=_compile(PROBE, "probe.pwf"), filter_name="probe"),
        Listener("unreachable", wasm=_compile(UNREACHABLE, "unreachable.pwf"), filter_name="unreachable"),
    ]
    clusters = {"auth": auth.port, "refused": unused_port(), "garbage": garbage}
    with Envoy(listeners, upstream_port=session_upstream.port, clusters=clusters) as running:
        yield running
        assert "Uncaught" not in running.log_text(), "a module trapped"


def _compile(text: str, name: str) -> bytes:
    result = compile_source(text, name)
    assert result.ok, result.render()
    return result.wasm


def send(envoy, upstream, listener, path="/", headers=(), method="GET"):
    upstream.clear()
    response = http_request(envoy.listener_port(listener), method, path, list(headers))
    return response, (upstream.requests[-1] if upstream.requests else None)


def test_allow_carries_a_request_header_to_the_service_and_the_answer_upstream(envoy, upstream, auth):
    auth.clear()
    response, seen = send(envoy, upstream, "gate", "/orders?id=3", [("authorization", "Bearer user-ann"),
                                                                     ("x-user", "forged")])
    assert response.status == 200
    assert seen.header_values("x-user") == ["user-ann"]
    assert response.header("x-authenticated-user") == "user-ann"
    check = auth.requests[-1]
    assert (check.method, check.path) == ("POST", "/check")
    assert check.header("authorization") == "Bearer user-ann"
    assert check.header("x-original-path") == "/orders?id=3"


def test_deny(envoy, upstream):
    response, seen = send(envoy, upstream, "gate", "/orders", [("authorization", "Bearer nobody")])
    assert (response.status, response.body, seen) == (403, b"forbidden", None)
    assert response.header("x-auth-status") == "401"


def test_no_call_without_credentials_or_on_public_paths(envoy, upstream, auth):
    auth.clear()
    response, _ = send(envoy, upstream, "gate", "/orders")
    assert response.status == 401
    response, seen = send(envoy, upstream, "gate", "/public/index.html")
    assert response.status == 200 and seen is not None
    assert auth.requests == []


def test_service_slower_than_the_call_timeout_fails_the_call(envoy, upstream):
    started = time.monotonic()
    response, seen = send(envoy, upstream, "gate", "/orders", [("authorization", "Bearer slow")])
    elapsed = time.monotonic() - started
    assert (response.status, response.body, seen) == (503, b"authorization service unavailable", None)
    assert 0.25 < elapsed < 0.9, "the filter's own 300ms deadline, not the route timeout"
    envoy.wait_for_log("auth service unavailable for /orders")


def test_result_fields_status_headers_body_and_later_phases(envoy, upstream):
    response, seen = send(envoy, upstream, "probe", "/p", [("x-who", "ann"), ("x-token", "tok-1")])
    assert response.status == 200
    assert seen.header("x-status") == "200"
    assert seen.header("x-failed") == "false"
    assert seen.header("x-answer-header") == "hello ann"
    assert seen.header("x-body-size") == "2"
    assert seen.header("x-who-after") == "ann", "a let made before the call is readable after it"
    assert response.header("x-call-status") == "200"
    assert response.header("x-call-header") == "hello ann"


def test_two_calls_in_sequence_inside_an_if(envoy, upstream):
    _, seen = send(envoy, upstream, "probe", "/p", [("x-who", "second")])
    assert seen.header("x-status") == "200"
    assert seen.header("x-second-status") == "200"


@pytest.mark.parametrize("who, status", [("s503", "503"), ("s504", "504")])
def test_a_503_or_504_sent_by_the_service_is_its_answer_not_a_failure(envoy, upstream, who, status):
    response, seen = send(envoy, upstream, "probe", "/p", [("x-who", who)])
    assert seen.header("x-status") == status
    assert seen.header("x-failed") == "false"
    assert seen.header("x-answer-header") == f"service says {status}"


def test_timeout_is_a_failure_with_status_zero(envoy, upstream):
    _, seen = send(envoy, upstream, "probe", "/p", [("x-who", "slow")])
    assert (seen.header("x-status"), seen.header("x-failed")) == ("0", "true")
    assert seen.header("x-answer-header") == ""


def test_large_answer_body_is_kept_up_to_64_kib(envoy, upstream):
    _, seen = send(envoy, upstream, "probe", "/p", [("x-who", "big")])
    assert seen.header("x-status") == "200"
    assert seen.header("x-body-size") == "65536"


def test_connection_refused_and_unknown_cluster_fail_without_hanging(envoy, upstream):
    started = time.monotonic()
    response, seen = send(envoy, upstream, "unreachable", "/u")
    assert response.status == 200
    assert seen.header("x-refused") == "true/0"
    assert seen.header("x-unknown") == "true/0"
    assert seen.header("x-garbled") == "true/0"  # Envoy's own 502: no answer came from the service
    assert time.monotonic() - started < 2


def test_fifty_concurrent_streams_each_get_their_own_answer(envoy, upstream):
    def one(index: int):
        response = http_request(envoy.listener_port("gate"), "GET", f"/c/{index}",
                                [("authorization", f"Bearer user-{index}")], timeout=10)
        return index, response.status, response.header("x-authenticated-user")

    upstream.clear()
    with ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(one, range(50)))
    assert all(status == 200 and user == f"user-{index}" for index, status, user in results), results
    seen = {request.path: request.header("x-user") for request in upstream.requests}
    assert seen == {f"/c/{index}": f"user-{index}" for index in range(50)}


def test_client_hanging_up_mid_call_leaves_the_filter_serving(envoy, upstream, auth):
    port = envoy.listener_port("gate")
    for _ in range(5):
        send_and_hang_up(port, encode_request("GET", "/gone", [("authorization", "Bearer slow")]), linger=0.1)
    time.sleep(1.3)  # the slow answers arrive after their streams are gone
    response, seen = send(envoy, upstream, "gate", "/after", [("authorization", "Bearer user-zed")])
    assert response.status == 200 and seen.header("x-user") == "user-zed"
    log = envoy.log_text()
    assert "Uncaught" not in log and "failed:" not in log.split("wasm log")[-1]


def test_filter_keeps_serving_after_every_failure_mode(envoy, upstream):
    for who in ("slow", "s503", "big", "ann"):
        send(envoy, upstream, "probe", "/p", [("x-who", who)])
    response, seen = send(envoy, upstream, "probe", "/p", [("x-who", "last")])
    assert response.status == 200 and seen.header("x-answer-header") == "hello last"
