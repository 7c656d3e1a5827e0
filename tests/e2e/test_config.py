"""Typed deploy-time configuration in a real Envoy (issue 7).

What these prove, each against Envoy 1.40 itself:
- a good configuration takes effect, and defaults apply (empty config, absent keys);
- every kind of bad configuration is refused: the module logs one line naming the
  key (or the byte, for syntax errors) and Envoy does not come up with it;
- duration, list and map values work in expressions, as a `call` cluster and as a
  `call` timeout (an unknown cluster named by configuration fails the call, no hang);
- configuration is kept per root context: two plugins of one module in one VM
  (same vm_id, same code) each keep their own values;
- header safety: CR/LF from configuration or from an http-call answer cannot inject
  a response header.
"""

from __future__ import annotations

import json
import socket
import time

import pytest

from pwc.compiler.driver import compile_source
from pwc.runtime.envoy import Envoy, EnvoyStartError, Listener, Upstream, http_request
from pwc.runtime.envoy import Response as Reply

pytestmark = pytest.mark.e2e

FILTER = r'''
filter "cfgtest"

config {
  greeting: string
  limit: int = -5
  strict: bool = false
  timeout: duration = 500ms
  methods: list<string> = ["GET", "HEAD"]
  extra: map<string, string> = {"x-a": "1"}
}

on request {
  set request.headers["x-greeting"] = config.greeting
  set request.headers["x-limit"] = string(config.limit)
  set request.headers["x-limit-big"] = string(config.limit > 100)
  set request.headers["x-strict"] = string(config.strict)
  set request.headers["x-timeout-250"] = string(config.timeout == 250ms)
  set request.headers["x-timeout-short"] = string(config.timeout < 1s)
  set request.headers["x-method-ok"] = string(request.method in config.methods)
  set request.headers["x-methods"] = string(size(config.methods))
  set request.headers["x-extra-a"] = config.extra["x-a"]
  set request.headers["x-extra-has-b"] = string("x-b" in config.extra)
  set request.headers["x-extra-size"] = string(size(config.extra))
  if config.strict && !(request.method in config.methods) {
    respond 405 "method not allowed by configuration"
  }
}

on response {
  set response.headers["x-greeting"] = config.greeting
}
'''

# No required key: an empty or absent configuration means all defaults.
ALL_DEFAULTS = r'''
filter "defaults"
config {
  who: string = "nobody"
  n: int = 7
  enabled: bool = true
  wait: duration = 2s
  tags: list<string> = ["t1"]
  labels: map<string, string> = {"k": "v"}
}
on request {
  set request.headers["x-who"] = config.who
  set request.headers["x-n"] = string(config.n)
  set request.headers["x-on"] = string(config.enabled)
  set request.headers["x-wait-2s"] = string(config.wait == 2s)
  set request.headers["x-t1"] = string("t1" in config.tags)
  set request.headers["x-k"] = config.labels["k"]
}
'''

NO_CONFIG = r'''
filter "noconfig"
on request {
  set request.headers["x-noconfig"] = "ran"
}
'''

# The call's cluster and timeout both come from configuration.
CALLER = r'''
filter "caller"
config {
  cluster: string = "auth"
  timeout: duration = 2s
  path: string = "/check"
}
on request {
  let answer = call config.cluster {
    path: config.path
    timeout: config.timeout
  }
  set request.headers["x-failed"] = string(answer.failed)
  set request.headers["x-status"] = string(answer.status)
  set request.headers["x-answer"] = answer.headers["x-answer"]
}
on response {
  set response.headers["x-from-call"] = answer.body
  set response.headers["x-call-header"] = answer.headers["x-answer"]
}
'''

# Writes configuration into a response header (header-safety test).
ECHO = r'''
filter "echo"
config {
  value: string
  extra: map<string, string> = {}
}
on response {
  set response.headers["x-config-value"] = config.value
  set response.headers["x-config-extra"] = config.extra["v"]
}
'''


def _compile(text: str, name: str) -> bytes:
    result = compile_source(text, name)
    assert result.ok, result.render()
    return result.wasm


@pytest.fixture(scope="module")
def cfg_wasm() -> bytes:
    return _compile(FILTER, "cfgtest.pwf")


def auth_service(request):
    if request.path == "/slow":
        return Reply(200, [("x-answer", "late")], b"slow", delay=1.0)
    if request.path == "/evil":
        # A real HTTP server cannot put a raw CR/LF inside a header value, so the
        # control bytes travel in the body, which the filter copies into a header.
        return Reply(200, [("x-answer", "evil")], b"ok\r\nx-evil: 1\r\n\x00\x7fend")
    return Reply(200, [("x-answer", f"hello {request.path}")], b"fine")


@pytest.fixture(scope="module")
def auth():
    with Upstream(auth_service) as server:
        yield server


def _seen(upstream, name: str) -> str | None:
    return upstream.requests[-1].header(name)


def _xheaders(request) -> dict[str, str]:
    return {k: v for k, v in request.headers if k.startswith("x-") and k not in ("x-request-id", "x-forwarded-proto",
                                                                                   "x-envoy-expected-rq-timeout-ms")}


# ---------------------------------------------------------------------------
# Good configurations and defaults


def test_good_configuration_takes_effect(envoy_factory, upstream, cfg_wasm):
    config = ('{"greeting": "hi \\u00e9", "limit": 1000, "strict": true, "timeout": "250ms",'
              ' "methods": ["POST", "PUT"], "extra": {"x-a": "2", "x-b": "3"}}')
    envoy = envoy_factory([Listener("cfg", wasm=cfg_wasm, filter_name="cfgtest", config=config)])
    response = http_request(envoy.listener_port("cfg"), "POST", "/x")
    assert response.status == 200
    assert response.header("x-greeting") == "hi \u00e9".encode().decode("latin-1")  # UTF-8 bytes on the wire
    assert _xheaders(upstream.requests[-1]) == {
        "x-greeting": "hi \u00e9".encode().decode("latin-1"),
        "x-limit": "1000", "x-limit-big": "true", "x-strict": "true",
        "x-timeout-250": "true", "x-timeout-short": "true",
        "x-method-ok": "true", "x-methods": "2",
        "x-extra-a": "2", "x-extra-has-b": "true", "x-extra-size": "2",
    }
    # strict + a method outside config.methods: the configured list decides.
    response = http_request(envoy.listener_port("cfg"), "GET", "/x")
    assert (response.status, response.body) == (405, b"method not allowed by configuration")


def test_absent_keys_take_their_defaults(envoy_factory, upstream, cfg_wasm):
    envoy = envoy_factory([Listener("cfg", wasm=cfg_wasm, filter_name="cfgtest", config='{"greeting": "only"}')])
    assert http_request(envoy.listener_port("cfg"), "GET", "/").status == 200
    assert _xheaders(upstream.requests[-1]) == {
        "x-greeting": "only", "x-limit": "-5", "x-limit-big": "false", "x-strict": "false",
        "x-timeout-250": "false", "x-timeout-short": "true",  # default 500ms
        "x-method-ok": "true", "x-methods": "2",  # GET in ["GET", "HEAD"]
        "x-extra-a": "1", "x-extra-has-b": "false", "x-extra-size": "1",
    }


@pytest.mark.parametrize("config", ["", "{}", " \n\t{ } \n"], ids=["absent", "empty-object", "whitespace"])
def test_empty_configuration_means_all_defaults(envoy_factory, upstream, config):
    wasm = _compile(ALL_DEFAULTS, "defaults.pwf")
    envoy = envoy_factory([Listener("d", wasm=wasm, filter_name="defaults", config=config)])
    assert http_request(envoy.listener_port("d"), "GET", "/").status == 200
    assert _xheaders(upstream.requests[-1]) == {
        "x-who": "nobody", "x-n": "7", "x-on": "true", "x-wait-2s": "true", "x-t1": "true", "x-k": "v"}


def test_filter_without_config_block_runs_with_empty_configuration(envoy_factory, upstream):
    envoy = envoy_factory([Listener("n", wasm=_compile(NO_CONFIG, "noconfig.pwf"), filter_name="noconfig")])
    assert http_request(envoy.listener_port("n"), "GET", "/").status == 200
    assert _seen(upstream, "x-noconfig") == "ran"


# ---------------------------------------------------------------------------
# Bad configurations: refused, key named, Envoy does not come up

BAD = [
    # (id, configuration, the line the module must log after "cfgtest: bad configuration: ")
    ("unknown-key", '{"greeting": "a", "greetin": "x"}', 'unknown key "greetin"'),
    ("string-got-int", '{"greeting": 1}', 'key "greeting" must be a string'),
    ("string-got-null", '{"greeting": null}', 'key "greeting" must be a string'),
    ("int-got-string", '{"greeting": "a", "limit": "3"}', 'key "limit"'),
    ("int-with-fraction", '{"greeting": "a", "limit": 1.5}', 'key "limit": not a valid value: expected an integer'),
    ("int-one-point-zero", '{"greeting": "a", "limit": 1.0}', 'key "limit": not a valid value: expected an integer'),
    ("int-with-exponent", '{"greeting": "a", "limit": 1e3}', 'key "limit": not a valid value: expected an integer'),
    ("int-overflow", '{"greeting": "a", "limit": 9223372036854775808}', 'key "limit"'),
    ("bool-got-string", '{"greeting": "a", "strict": "true"}', 'key "strict"'),
    ("bool-got-int", '{"greeting": "a", "strict": 1}', 'key "strict"'),
    ("duration-got-number", '{"greeting": "a", "timeout": 250}', 'key "timeout"'),
    ("duration-bad-unit", '{"greeting": "a", "timeout": "5min"}', 'key "timeout": not a valid value: expected a duration'),
    ("duration-fraction", '{"greeting": "a", "timeout": "1.5s"}', 'key "timeout": not a valid value: expected a duration'),
    ("duration-negative", '{"greeting": "a", "timeout": "-1s"}', 'key "timeout": not a valid value: expected a duration'),
    ("list-got-string", '{"greeting": "a", "methods": "GET"}', 'key "methods"'),
    ("list-of-ints", '{"greeting": "a", "methods": [1]}', 'key "methods"'),
    ("map-got-list", '{"greeting": "a", "extra": []}', 'key "extra"'),
    ("map-of-ints", '{"greeting": "a", "extra": {"k": 1}}', 'key "extra"'),
    ("missing-required", '{"limit": 3}', 'missing required key "greeting"'),
    ("missing-required-empty", '{}', 'missing required key "greeting"'),
    ("missing-required-absent", '', 'missing required key "greeting"'),
    ("duplicate-key", '{"greeting": "a", "greeting": "b"}', 'duplicate key "greeting"'),
    ("malformed-unterminated", '{"greeting": "a",', 'malformed JSON at byte 17'),
    ("malformed-trailing-comma", '{"greeting": "a",}', 'malformed JSON at byte 17'),
    ("malformed-single-quotes", "{'greeting': 'a'}", 'malformed JSON at byte 1'),
    ("malformed-trailing-garbage", '{"greeting": "a"} x', 'malformed JSON at byte 18'),
    ("malformed-nan", '{"greeting": "a", "limit": NaN}', 'malformed JSON at byte 27'),
    ("top-level-array", '["greeting"]', 'not a JSON object, at byte 0'),
    ("top-level-string", '"greeting"', 'not a JSON object, at byte 0'),
    ("top-level-null", 'null', 'not a JSON object, at byte 0'),
]


@pytest.mark.parametrize("config,expected", [pytest.param(c, e, id=i) for i, c, e in BAD])
def test_bad_configuration_is_refused_naming_the_key(envoy_path, session_upstream, cfg_wasm, config, expected):
    envoy = Envoy([Listener("cfg", wasm=cfg_wasm, filter_name="cfgtest", config=config)],
                  upstream_port=session_upstream.port, startup_timeout=10)
    with pytest.raises(EnvoyStartError) as failure:
        envoy.start()
    assert not envoy.running
    lines = [line for line in failure.value.log.splitlines() if "bad configuration" in line]
    assert len(lines) == 1, failure.value.log  # one line, not a cascade
    assert f"cfgtest: bad configuration: {expected}" in lines[0]
    assert "Failed to configure base Wasm plugin" in failure.value.log or "Unable to create Wasm" in failure.value.log \
        or "failed" in failure.value.log.lower()


def test_filter_without_config_block_refuses_a_non_empty_configuration(envoy_path, session_upstream):
    envoy = Envoy([Listener("n", wasm=_compile(NO_CONFIG, "noconfig.pwf"), filter_name="noconfig",
                            config='{"anything": 1}')], upstream_port=session_upstream.port, startup_timeout=10)
    with pytest.raises(EnvoyStartError) as failure:
        envoy.start()
    lines = [line for line in failure.value.log.splitlines() if "bad configuration" in line]
    assert len(lines) == 1, failure.value.log
    assert "noconfig: bad configuration: this filter takes no configuration" in lines[0]


# ---------------------------------------------------------------------------
# Durations, lists and maps used by a call


@pytest.fixture(scope="module")
def caller_wasm() -> bytes:
    return _compile(CALLER, "caller.pwf")


def _caller(envoy_factory, caller_wasm, auth, config: str) -> Envoy:
    return envoy_factory([Listener("c", wasm=caller_wasm, filter_name="caller", config=config)],
                         clusters={"auth": auth.port, "other-auth": auth.port})


def test_config_string_is_the_call_cluster(envoy_factory, upstream, auth, caller_wasm):
    envoy = _caller(envoy_factory, caller_wasm, auth, '{"cluster": "other-auth", "path": "/via-config"}')
    auth.clear()
    response = http_request(envoy.listener_port("c"), "GET", "/")
    assert response.status == 200
    assert auth.requests[-1].path == "/via-config"
    assert _xheaders(upstream.requests[-1]) == {"x-failed": "false", "x-status": "200",
                                                "x-answer": "hello /via-config"}


def test_unknown_cluster_given_through_configuration_fails_the_call_without_hanging(
        envoy_factory, upstream, auth, caller_wasm):
    envoy = _caller(envoy_factory, caller_wasm, auth, '{"cluster": "no-such-cluster"}')
    began = time.monotonic()
    response = http_request(envoy.listener_port("c"), "GET", "/", timeout=5)
    assert time.monotonic() - began < 1.0
    assert response.status == 200
    assert _xheaders(upstream.requests[-1]) == {"x-failed": "true", "x-status": "0", "x-answer": ""}


def test_config_duration_is_the_call_timeout(envoy_factory, upstream, auth, caller_wasm):
    # 200ms from configuration against a service answering after 1s: the call fails at ~200ms.
    envoy = _caller(envoy_factory, caller_wasm, auth, '{"timeout": "200ms", "path": "/slow"}')
    began = time.monotonic()
    response = http_request(envoy.listener_port("c"), "GET", "/", timeout=5)
    elapsed = time.monotonic() - began
    assert response.status == 200
    assert 0.15 < elapsed < 0.9, elapsed
    assert _xheaders(upstream.requests[-1]) == {"x-failed": "true", "x-status": "0", "x-answer": ""}


def test_long_config_duration_lets_a_slow_call_finish(envoy_factory, upstream, auth, caller_wasm):
    envoy = _caller(envoy_factory, caller_wasm, auth, '{"timeout": "1m30s", "path": "/slow"}')
    response = http_request(envoy.listener_port("c"), "GET", "/", timeout=5)
    assert response.status == 200
    assert _xheaders(upstream.requests[-1]) == {"x-failed": "false", "x-status": "200", "x-answer": "late"}


# ---------------------------------------------------------------------------
# One VM, two plugins, two configurations


def _vms_active(envoy: Envoy) -> int:
    # Live VMs (base + per-thread clones). One plugin: 3 with concurrency 1; two plugins
    # sharing a VM: still 3; two plugins with different vm_ids: 6 (measured in Envoy 1.40).
    return int(envoy.stats()["wasm.envoy.wasm.runtime.v8.active"])


def test_two_plugins_sharing_one_vm_keep_their_own_configuration(envoy_factory, upstream, cfg_wasm, tmp_path):
    module = tmp_path / "cfgtest.wasm"
    module.write_bytes(cfg_wasm)  # one file: the same code for both plugins
    one = envoy_factory([Listener("alone", wasm=module, filter_name="cfgtest", vm_id="shared",
                                  config='{"greeting": "solo"}')])
    vms_for_one_plugin = _vms_active(one)
    one.stop()

    first = Listener("first", wasm=module, filter_name="cfgtest", vm_id="shared",
                     config='{"greeting": "one", "limit": 1, "methods": ["GET"], "extra": {"x-a": "A"}}')
    second = Listener("second", wasm=module, filter_name="cfgtest", vm_id="shared",
                      config='{"greeting": "two", "limit": 2000, "methods": ["PUT"], "extra": {"x-a": "B"}}')
    envoy = envoy_factory([first, second])
    # The bootstrap really gives both plugins the same vm_id and code ...
    plugins = [listener["filter_chains"][0]["filters"][0]["typed_config"]["http_filters"][0]["typed_config"]["config"]
               for listener in _bootstrap_listeners(envoy)]
    assert [p["vm_config"]["vm_id"] for p in plugins] == ["shared", "shared"]
    assert plugins[0]["vm_config"] == plugins[1]["vm_config"]
    # ... and Envoy built no more VMs than for one plugin: the two share them.
    assert _vms_active(envoy) == vms_for_one_plugin

    for _ in range(3):  # interleaved, so a last-configured-wins bug would show
        for name, expected in (("first", ("one", "1", "false", "true", "A")),
                               ("second", ("two", "2000", "true", "false", "B"))):
            response = http_request(envoy.listener_port(name), "GET", "/")
            assert response.status == 200
            assert response.header("x-greeting") == expected[0]
            seen = _xheaders(upstream.requests[-1])
            assert (seen["x-greeting"], seen["x-limit"], seen["x-limit-big"], seen["x-method-ok"],
                    seen["x-extra-a"]) == expected


def _bootstrap_listeners(envoy: Envoy) -> list[dict]:
    import json

    return json.loads((envoy.workdir / "envoy.json").read_text())["static_resources"]["listeners"]


# ---------------------------------------------------------------------------
# Header safety


def test_config_value_with_crlf_cannot_inject_a_response_header(envoy_factory, upstream):
    wasm = _compile(ECHO, "echo.pwf")
    config = '{"value": "a\\r\\nx-evil: 1", "extra": {"v": "b\\r\\nx-evil: 2\\u0000\\u007f"}}'
    envoy = envoy_factory([Listener("e", wasm=wasm, filter_name="echo", config=config)])
    response = _raw_response(envoy.listener_port("e"))
    headers = _header_lines(response)
    assert not any(name == b"x-evil" for name, _ in headers)
    assert (b"x-config-value", b"ax-evil: 1") in headers
    assert (b"x-config-extra", b"bx-evil: 2") in headers


def test_call_answer_with_crlf_cannot_inject_a_response_header(envoy_factory, upstream, auth, caller_wasm):
    envoy = _caller(envoy_factory, caller_wasm, auth, '{"path": "/evil"}')
    response = _raw_response(envoy.listener_port("c"))
    headers = _header_lines(response)
    assert not any(name == b"x-evil" for name, _ in headers)
    assert (b"x-from-call", b"okx-evil: 1end") in headers
    assert (b"x-call-header", b"evil") in headers


def _raw_response(port: int) -> bytes:
    """The exact bytes of one response: header lines are checked as sent, before any parsing."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n\r\n")
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return data


def _header_lines(response: bytes) -> list[tuple[bytes, bytes]]:
    head = response.split(b"\r\n\r\n", 1)[0]
    lines = head.split(b"\r\n")[1:]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    return [(name.strip().lower(), value.strip()) for name, _, value in (line.partition(b":") for line in lines)]


@pytest.mark.parametrize("timeout", ["0ms", "0s", "2147483648ms", "597h"])
def test_a_configured_call_timeout_no_call_could_use_is_refused_at_configure_time(envoy_path, session_upstream,
                                                                                  timeout):
    """A literal `timeout: 0s` is a compile error; from configuration it must not mean
    "wait forever", and Envoy reads the ABI's u32 timeout as a signed int, so 2^31 ms and
    more would fail every call.  Before, Envoy started and every request answered 500."""
    envoy = Envoy([Listener("caller", wasm=_compile(CALLER, "caller.pwf"), filter_name="caller",
                            config=json.dumps({"timeout": timeout}))],
                  upstream_port=session_upstream.port, startup_timeout=10)
    with pytest.raises(EnvoyStartError) as failure:
        envoy.start()
    lines = [line for line in failure.value.log.splitlines() if "bad configuration" in line]
    assert len(lines) == 1, failure.value.log
    assert 'caller: bad configuration: key "timeout": a call timeout must be between 1ms and 2147483647ms' in lines[0]
