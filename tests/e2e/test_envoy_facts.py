"""Facts about Envoy 1.40 (V8) that the compiler relies on, re-verified on every run.

Each test loads a hand-written probe module that logs what it sees; the test
reads those log lines (and what the client and upstream saw) back.  The
findings are summarised, test by test, in docs/envoy-behaviour.md.
"""

from __future__ import annotations

import re
import struct
import time

import pytest

from pwc.abi import HOST_FUNCTIONS, import_line
from pwc.compiler.assemble import assemble
from pwc.compiler.driver import compile_source
from pwc.runtime.envoy import Listener, http_request
from pwc.runtime.headers import REQUEST_INLINE, HeaderMap
from pwc.runtime.host import ENVOY_ADDED_REQUEST_HEADERS, SANITIZED_REQUEST_HEADERS, envoy_request_headers

pytestmark = pytest.mark.e2e

RET_PTR, RET_LEN = 16, 20  # out-parameter slots for host calls
DATA_BASE = 1024
DENIED, TEAPOT = "denied\n", "teapot\n"  # local reply bodies


def pairs(items: list[tuple[str, str]]) -> bytes:
    """proxy-wasm pairs serialization: count, (key_len, value_len)*, then key\\0 value\\0 each."""
    sizes = b"".join(struct.pack("<II", len(k), len(v)) for k, v in items)
    text = b"".join(k.encode() + b"\0" + v.encode() + b"\0" for k, v in items)
    return struct.pack("<I", len(items)) + sizes + text


class Probe:
    """Builds a probe module: `s(text)` places a constant and gives `(i32.const ptr) (i32.const len)`."""

    def __init__(self) -> None:
        self.data = bytearray()

    def place(self, value: str | bytes) -> tuple[int, int]:
        """Places a constant; its address and length."""
        raw = value.encode() if isinstance(value, str) else value
        at = DATA_BASE + len(self.data)
        self.data += raw + b"\0"
        while len(self.data) % 4:
            self.data += b"\0"
        return at, len(raw)

    def s(self, value: str | bytes) -> str:
        at, length = self.place(value)
        return f"(i32.const {at}) (i32.const {length})"

    def module(self, body: str) -> bytes:
        imports = "\n  ".join(import_line(name) for name in HOST_FUNCTIONS)
        data = "".join(f"\\{byte:02x}" for byte in self.data)
        heap = (DATA_BASE + len(self.data) + 4096) & ~7
        return assemble(f"""
(module
  {imports}
  (memory (export "memory") 2)
  (data (i32.const {DATA_BASE}) "{data}")
  (global $heap (mut i32) (i32.const {heap}))
  (global $root (mut i32) (i32.const -1))
  (global $vp (mut i32) (i32.const 0))
  (global $vl (mut i32) (i32.const 0))
  (func (export "proxy_abi_version_0_2_1"))
  ;; Bump allocator that grows memory; probes live for a handful of requests.
  (func $malloc (export "malloc") (param $size i32) (result i32)
    (local $at i32)
    (local.set $at (global.get $heap))
    (global.set $heap (i32.and (i32.add (i32.add (global.get $heap) (local.get $size)) (i32.const 7))
                               (i32.const -8)))
    (if (i32.gt_u (global.get $heap) (i32.mul (memory.size) (i32.const 65536)))
      (then (drop (memory.grow (i32.add (i32.shr_u (local.get $size) (i32.const 16)) (i32.const 1))))))
    (local.get $at))
  (func $info (param $p i32) (param $l i32)
    (drop (call $proxy_log (i32.const 2) (local.get $p) (local.get $l))))
  ;; Logs prefix + text at info.
  (func $log2 (param $p1 i32) (param $l1 i32) (param $p2 i32) (param $l2 i32)
    (local $buf i32)
    (local.set $buf (call $malloc (i32.add (local.get $l1) (local.get $l2))))
    (memory.copy (local.get $buf) (local.get $p1) (local.get $l1))
    (memory.copy (i32.add (local.get $buf) (local.get $l1)) (local.get $p2) (local.get $l2))
    (call $info (local.get $buf) (i32.add (local.get $l1) (local.get $l2))))
  ;; Logs prefix + one decimal digit (values 0..9; other values print as other characters).
  (func $log_digit (param $p i32) (param $l i32) (param $n i32)
    (i32.store8 (i32.const 8) (i32.add (i32.const 48) (local.get $n)))
    (call $log2 (local.get $p) (local.get $l) (i32.const 8) (i32.const 1)))
  ;; Header lookup: returns the status; the value is left in $vp/$vl (empty when absent).
  (func $get (param $map i32) (param $kp i32) (param $kl i32) (result i32)
    (local $st i32)
    (i32.store (i32.const {RET_PTR}) (i32.const 0))
    (i32.store (i32.const {RET_LEN}) (i32.const 0))
    (local.set $st (call $proxy_get_header_map_value (local.get $map) (local.get $kp) (local.get $kl)
                         (i32.const {RET_PTR}) (i32.const {RET_LEN})))
    (global.set $vp (i32.load (i32.const {RET_PTR})))
    (global.set $vl (i32.load (i32.const {RET_LEN})))
    (local.get $st))
  (func (export "proxy_on_context_create") (param i32 i32))
  (func (export "proxy_on_vm_start") (param i32 i32) (result i32) (i32.const 1))
  {body}
)
""")


def messages(log: str, tag: str) -> list[str]:
    """The module's log messages that start with `tag`, in order, without Envoy's line prefix."""
    return [line[line.index(tag):] for line in log.splitlines() if tag in line]


# --- 1 and 3: a local reply from the request phase -------------------------------------------

def lifecycle(p: Probe, tag: str) -> str:
    """on_log (reads both header maps), on_done and on_delete, logged for stream contexts only."""
    s = p.s
    return f"""
  (func (export "proxy_on_log") (param $ctx i32)
    (if (i32.ne (local.get $ctx) (global.get $root)) (then
      (call $log_digit {s(tag + " on_log: request :path read status ")} (call $get (i32.const 0) {s(":path")}))
      (call $log_digit {s(tag + " on_log: response :status read status ")}
                       (call $get (i32.const 2) {s(":status")})))))
  (func (export "proxy_on_done") (param $ctx i32) (result i32)
    (if (i32.ne (local.get $ctx) (global.get $root)) (then (call $info {s(tag + " on_done")})))
    (i32.const 1))
  (func (export "proxy_on_delete") (param $ctx i32)
    (if (i32.ne (local.get $ctx) (global.get $root)) (then (call $info {s(tag + " on_delete")}))))
"""


def configure_return_action(p: Probe) -> str:
    """on_configure that remembers its root id and sets $ret to Pause(1) when the config
    starts with "p", else Continue(0)."""
    return f"""
  (global $ret (mut i32) (i32.const 0))
  (func (export "proxy_on_configure") (param $root i32) (param $size i32) (result i32)
    (global.set $root (local.get $root))
    (drop (call $proxy_get_buffer_bytes (i32.const 7) (i32.const 0) (i32.const 1)
                                        (i32.const {RET_PTR}) (i32.const {RET_LEN})))
    (global.set $ret (i32.and (i32.gt_u (local.get $size) (i32.const 0))
                              (i32.eq (i32.load8_u (i32.load (i32.const {RET_PTR}))) (i32.const 112))))
    (i32.const 1))
"""


def request_phase_local_reply_module() -> bytes:
    p = Probe()
    s = p.s
    return p.module(f"""
  (global $resp_ran (mut i32) (i32.const 0))
  {configure_return_action(p)}
  (func (export "proxy_on_request_headers") (param $ctx i32) (param i32 i32) (result i32)
    (global.set $resp_ran (i32.const 0))
    (call $info {s("f1 request_headers: enter")})
    (call $log_digit {s("f1 request_headers: send_local_response returned ")}
      (call $proxy_send_local_response (i32.const 403) {s("pwc_denied")} {s(DENIED)}
                                       {s(pairs([("x-local", "yes")]))} (i32.const -1)))
    (if (global.get $resp_ran)
      (then (call $info {s("f1 request_headers: on_response_headers already ran")}))
      (else (call $info {s("f1 request_headers: on_response_headers not run yet")})))
    (call $log_digit {s("f1 request_headers: returning ")} (global.get $ret))
    (global.get $ret))
  (func (export "proxy_on_response_headers") (param $ctx i32) (param i32 i32) (result i32)
    (global.set $resp_ran (i32.const 1))
    (call $info {s("f1 response_headers: enter")})
    (drop (call $get (i32.const 2) {s(":status")}))
    (call $log2 {s("f1 response_headers: :status=")} (global.get $vp) (global.get $vl))
    (call $log_digit {s("f1 response_headers: request :path read status ")} (call $get (i32.const 0) {s(":path")}))
    (call $log2 {s("f1 response_headers: request :path=")} (global.get $vp) (global.get $vl))
    (call $log_digit {s("f1 response_headers: add header returned ")}
      (call $proxy_add_header_map_value (i32.const 2) {s("x-from-response-phase")} {s("yes")}))
    (i32.const 0))
  (func (export "proxy_on_response_body") (param $ctx i32) (param i32 i32) (result i32)
    (call $info {s("f1 response_body")})
    (i32.const 0))
  {lifecycle(p, "f1")}
""")


@pytest.fixture(scope="module")
def request_phase_probe() -> bytes:
    return request_phase_local_reply_module()


@pytest.mark.parametrize("returned", ["pause", "continue"])
def test_local_reply_from_request_phase_runs_response_headers_after_the_callback(
        envoy_factory, upstream, request_phase_probe, returned):
    envoy = envoy_factory([("slr-req", request_phase_probe, returned)])
    reply = http_request(envoy.listener_port("slr-req"), "GET", "/probe", [])
    log = envoy.wait_for_log("f1 on_delete")
    # on_response_headers is deferred: it runs after on_request_headers returned, not from
    # inside proxy_send_local_response; the request headers are still readable there.
    assert messages(log, "f1 ") == [
        "f1 request_headers: enter",
        "f1 request_headers: send_local_response returned 0",
        "f1 request_headers: on_response_headers not run yet",
        f"f1 request_headers: returning {int(returned == 'pause')}",
        "f1 response_headers: enter",
        "f1 response_headers: :status=403",
        "f1 response_headers: request :path read status 0",
        "f1 response_headers: request :path=/probe",
        "f1 response_headers: add header returned 0",
        "f1 response_body",
        "f1 on_log: request :path read status 0",
        "f1 on_log: response :status read status 0",
        "f1 on_done",
        "f1 on_delete",
    ]
    # The header added by on_response_headers reaches the client, next to the reply's own;
    # Pause or Continue after the call makes no difference.
    assert reply.status == 403
    assert reply.body == b"denied\n"
    assert reply.header("x-local") == "yes"
    assert reply.header("x-from-response-phase") == "yes"
    assert upstream.requests == []


# --- 2: a local reply from the response phase ------------------------------------------------

def response_phase_local_reply_module() -> bytes:
    p = Probe()
    s = p.s
    return p.module(f"""
  (global $depth (mut i32) (i32.const 0))
  {configure_return_action(p)}
  (func (export "proxy_on_request_headers") (param $ctx i32) (param i32 i32) (result i32)
    (call $info {s("f2 request_headers")})
    (i32.const 0))
  (func (export "proxy_on_response_headers") (param $ctx i32) (param i32 i32) (result i32)
    (global.set $depth (i32.add (global.get $depth) (i32.const 1)))
    (call $log_digit {s("f2 response_headers: enter, depth ")} (global.get $depth))
    (drop (call $get (i32.const 2) {s(":status")}))
    (call $log2 {s("f2 response_headers: :status=")} (global.get $vp) (global.get $vl))
    (if (i32.eq (i32.load8_u (global.get $vp)) (i32.const 50))  ;; '2': the upstream's 200
      (then
        (call $log_digit {s("f2 response_headers: send_local_response returned ")}
          (call $proxy_send_local_response (i32.const 418) {s("pwc_teapot")} {s(TEAPOT)}
                                           {s(pairs([("x-local", "yes")]))} (i32.const -1)))
        (call $log_digit {s("f2 response_headers: add header after it returned ")}
          (call $proxy_add_header_map_value (i32.const 2) {s("x-after-local-reply")} {s("yes")}))))
    (call $log_digit {s("f2 response_headers: leave, returning ")} (global.get $ret))
    (global.set $depth (i32.sub (global.get $depth) (i32.const 1)))
    (global.get $ret))
  (func (export "proxy_on_response_body") (param $ctx i32) (param $size i32) (param $eos i32) (result i32)
    (call $log_digit {s("f2 response_body: end_of_stream ")} (local.get $eos))
    (i32.const 0))
  {lifecycle(p, "f2")}
""")


@pytest.mark.parametrize("returned", ["pause", "continue"])
def test_local_reply_from_response_phase(envoy_factory, upstream, returned):
    envoy = envoy_factory([("slr-resp", response_phase_local_reply_module(), returned)])
    reply = http_request(envoy.listener_port("slr-resp"), "GET", "/probe", [])
    log = envoy.wait_for_log("f2 on_delete")
    # Not re-entered: the local reply replaces the response without running on_response_headers
    # (or on_response_body) again; the upstream's body is dropped. Pause/Continue: same result.
    assert messages(log, "f2 ") == [
        "f2 request_headers",
        "f2 response_headers: enter, depth 1",
        "f2 response_headers: :status=200",
        "f2 response_headers: send_local_response returned 0",
        "f2 response_headers: add header after it returned 0",
        f"f2 response_headers: leave, returning {int(returned == 'pause')}",
        "f2 on_log: request :path read status 0",
        "f2 on_log: response :status read status 0",
        "f2 on_done",
        "f2 on_delete",
    ]
    assert (reply.status, reply.body, reply.header("x-local")) == (418, TEAPOT.encode(), "yes")
    # Headers added to map 2 after the call went to the discarded upstream response.
    assert reply.header("x-after-local-reply") is None
    assert len(upstream.wait_for(1)) == 1


# --- 4: header map behaviours -----------------------------------------------------------------

def header_map_module() -> bytes:
    p = Probe()
    s = p.s
    return p.module(f"""
  {configure_return_action(p)}
  (func (export "proxy_on_request_headers") (param $ctx i32) (param $num i32) (param i32) (result i32)
    (local $base i32) (local $count i32) (local $size i32) (local $text i32) (local $kl i32) (local $vl i32)
    (call $log_digit {s("f4 replace absent returned ")}
      (call $proxy_replace_header_map_value (i32.const 0) {s("x-absent-replaced")} {s("new")}))
    (call $log_digit {s("f4 get_header_map_pairs returned ")}
      (call $proxy_get_header_map_pairs (i32.const 0) (i32.const {RET_PTR}) (i32.const {RET_LEN})))
    (local.set $base (i32.load (i32.const {RET_PTR})))
    (local.set $count (i32.load (local.get $base)))
    ;; num_headers was counted before the replace added a header.
    (if (i32.eq (local.get $count) (i32.add (local.get $num) (i32.const 1)))
      (then (call $info {s("f4 count of pairs is num_headers + 1")}))
      (else (call $info {s("f4 count of pairs is not num_headers + 1")})))
    (local.set $size (i32.add (local.get $base) (i32.const 4)))
    (local.set $text (i32.add (local.get $size) (i32.mul (local.get $count) (i32.const 8))))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $count)))
        (local.set $kl (i32.load (local.get $size)))
        (local.set $vl (i32.load offset=4 (local.get $size)))
        ;; "key\\0value\\0": log "f4 pair key" then "=value" joined through a copy.
        (i32.store8 (i32.add (local.get $text) (local.get $kl)) (i32.const 61))  ;; '=' over the NUL
        (call $log2 {s("f4 pair ")} (local.get $text) (i32.add (i32.add (local.get $kl) (i32.const 1))
                                                               (local.get $vl)))
        (local.set $text (i32.add (local.get $text) (i32.add (i32.add (local.get $kl) (local.get $vl))
                                                             (i32.const 2))))
        (local.set $size (i32.add (local.get $size) (i32.const 8)))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $next)))
    (i32.const 0))
  (func (export "proxy_on_response_headers") (param $ctx i32) (param i32 i32) (result i32)
    (call $log_digit {s("f4 response_headers: request :path read status ")}
      (call $get (i32.const 0) {s(":path")}))
    (i32.const 0))
""")


def test_header_maps_replace_adds_and_pairs_keep_repeats_in_order(envoy_factory, upstream):
    envoy = envoy_factory([("headers", header_map_module(), "")])
    sent = [("X-Rep", "a"), ("x-mid", "m"), ("x-rep", "b"), ("X-REP", "c")]
    reply = http_request(envoy.listener_port("headers"), "GET", "/h?q=1", sent)
    assert reply.status == 200
    log = envoy.wait_for_log("f4 response_headers")
    found = messages(log, "f4 ")
    assert found[:3] == ["f4 replace absent returned 0", "f4 get_header_map_pairs returned 0",
                         "f4 count of pairs is num_headers + 1"]
    pairs_seen = [line.removeprefix("f4 pair ") for line in found if line.startswith("f4 pair ")]
    # Pseudo-headers first; then the client's headers in order, lowercase, one pair per line;
    # the header added by replace (it was absent) is already in the map.
    assert pairs_seen[:4] == [":authority=localhost", ":path=/h?q=1", ":method=GET", ":scheme=http"]
    names = [pair.partition("=")[0] for pair in pairs_seen]
    assert names[4:] == ["x-rep", "x-mid", "x-rep", "x-rep", *ENVOY_ADDED_REQUEST_HEADERS, "x-absent-replaced"]
    assert pairs_seen[4:8] == ["x-rep=a", "x-mid=m", "x-rep=b", "x-rep=c"]
    assert pairs_seen[-1] == "x-absent-replaced=new"
    # Outside the request phase, on an ordinary upstream response, map 0 is gone (BadArgument).
    assert "f4 response_headers: request :path read status 2" in found
    (seen,) = upstream.wait_for(1)
    assert seen.header_values("x-absent-replaced") == ["new"]
    assert seen.header_values("x-rep") == ["a", "b", "c"]


# --- 5: log levels and the log line format ----------------------------------------------------

LEVEL_NAMES = ["trace", "debug", "info", "warn", "error", "critical"]  # proxy_log levels 0..5


def log_levels_module() -> bytes:
    p = Probe()
    s = p.s
    logs = "\n    ".join(f"(drop (call $proxy_log (i32.const {level}) {s(f'f5 level {level} {name}')}))"
                         for level, name in enumerate(LEVEL_NAMES))
    return p.module(f"""
  (func (export "proxy_on_configure") (param $root i32) (param i32) (result i32)
    (global.set $root (local.get $root))
    {logs}
    (call $log_digit {s("f5 level 9 returned ")} (call $proxy_log (i32.const 9) {s("f5 level 9")}))
    (i32.const 1))
  (func (export "proxy_on_request_headers") (param $ctx i32) (param i32 i32) (result i32)
    (call $info {s("f5 stream")})
    (i32.const 0))
""")


# proxy_log level -> the level Envoy prints; Envoy uses its `wasm` logger for module lines.
ENVOY_LEVEL_NAMES = ["trace", "debug", "info", "warning", "error", "critical"]
WASM_LOG_LINE = re.compile(
    r"^\[[^]]+\]\[\d+\]\[(?P<envoy_level>\w+)\]\[wasm\] \[source/extensions/common/wasm/context\.cc:\d+\] "
    r"wasm log (?P<context>[^:]+): (?P<message>.*)$")

LEVELS_LISTENER = dict(filter_name="probe-plugin", root_id="probe-root", vm_id="probe-vm")


@pytest.mark.parametrize("wasm_level", [None, "trace"])
def test_log_levels_and_line_format(envoy_factory, upstream, wasm_level):
    options = {"component_log_level": f"wasm:{wasm_level}"} if wasm_level else {}
    envoy = envoy_factory([Listener("levels", log_levels_module(), **LEVELS_LISTENER)], **options)
    http_request(envoy.listener_port("levels"), "GET", "/", [])
    log = envoy.wait_for_log("f5 stream")
    lines = [WASM_LOG_LINE.match(line) for line in log.splitlines() if "f5 " in line]
    assert all(lines), "every module line has Envoy's default format"
    seen = {(match["message"], match["envoy_level"], match["context"]) for match in lines}
    # Root context lines (on_configure) name the root_id and vm_id; stream lines name the plugin too.
    root, stream = "probe-root probe-vm", "probe-plugin probe-root probe-vm"
    shown = [2, 3, 4, 5] if wasm_level is None else [0, 1, 2, 3, 4, 5]
    expected = {(f"f5 level {level} {LEVEL_NAMES[level]}", ENVOY_LEVEL_NAMES[level], root) for level in shown}
    expected |= {("f5 level 9 returned 2", "info", root), ("f5 stream", "info", stream)}
    assert seen == expected
    # on_configure runs once per VM: two on the main thread, one per worker (--concurrency 1).
    assert sum(match["message"] == "f5 level 2 info" for match in lines) == 3


# --- 2b: a second local reply from on_response_headers of the first one -----------------------

def double_local_reply_module() -> bytes:
    p = Probe()
    s = p.s
    return p.module(f"""
  {configure_return_action(p)}
  (func (export "proxy_on_request_headers") (param $ctx i32) (param i32 i32) (result i32)
    (call $log_digit {s("f6 request_headers: send_local_response returned ")}
      (call $proxy_send_local_response (i32.const 403) {s("pwc_first")} {s(DENIED)}
                                       {s(pairs([("x-first", "1")]))} (i32.const -1)))
    (i32.const 1))
  (func (export "proxy_on_response_headers") (param $ctx i32) (param i32 i32) (result i32)
    (drop (call $get (i32.const 2) {s(":status")}))
    (call $log2 {s("f6 response_headers: :status=")} (global.get $vp) (global.get $vl))
    (if (i32.eq (i32.load8_u (global.get $vp)) (i32.const 52))  ;; '4': our own 403
      (then
        (call $log_digit {s("f6 response_headers: second send_local_response returned ")}
          (call $proxy_send_local_response (i32.const 500) {s("pwc_second")} {s(TEAPOT)}
                                           {s(pairs([("x-second", "1")]))} (i32.const -1)))))
    (call $log_digit {s("f6 response_headers: returning ")} (global.get $ret))
    (global.get $ret))
  {lifecycle(p, "f6")}
""")


@pytest.mark.parametrize("returned", ["pause", "continue"])
def test_second_local_reply_from_response_phase_of_a_local_reply(envoy_factory, upstream, returned):
    envoy = envoy_factory([("double", double_local_reply_module(), returned)])
    reply = http_request(envoy.listener_port("double"), "GET", "/", [])
    log = envoy.wait_for_log("f6 on_delete")
    # The second reply replaces the first (status, body and headers); no re-entry, no loop.
    assert messages(log, "f6 ") == [
        "f6 request_headers: send_local_response returned 0",
        "f6 response_headers: :status=403",
        "f6 response_headers: second send_local_response returned 0",
        f"f6 response_headers: returning {int(returned == 'pause')}",
        "f6 on_log: request :path read status 0",
        "f6 on_log: response :status read status 0",
        "f6 on_done",
        "f6 on_delete",
    ]
    assert (reply.status, reply.body, reply.header("x-second")) == (500, TEAPOT.encode(), "1")
    assert reply.header("x-first") is None
    assert upstream.requests == []


# --- 11: request.time, the time the request began ---------------------------------------------

def request_time_module() -> bytes:
    """Logs the status, length and bytes (hex) of proxy_get_property(["request", "time"]) in
    on_request_headers and on_response_headers, and the host clock's 8 bytes next to it."""
    p = Probe()
    s = p.s
    digits, _ = p.place("0123456789abcdef")
    path = s(b"request\0time")

    def report(tag: str) -> str:
        return f"""
    (call $log_digit {s(f"f11 {tag}: request.time status ")}
      (call $proxy_get_property {path} (i32.const {RET_PTR}) (i32.const {RET_LEN})))
    (call $log_digit {s(f"f11 {tag}: request.time length ")} (i32.load (i32.const {RET_LEN})))
    (call $log_hex {s(f"f11 {tag}: request.time bytes ")} (i32.load (i32.const {RET_PTR}))
                   (i32.load (i32.const {RET_LEN})))
    (drop (call $proxy_get_current_time_nanoseconds (i32.const 32)))
    (call $log_hex {s(f"f11 {tag}: clock bytes ")} (i32.const 32) (i32.const 8))"""

    return p.module(f"""
  {configure_return_action(p)}
  ;; Logs prefix + the $n bytes at $at as lowercase hex, in memory order.
  (func $log_hex (param $p i32) (param $l i32) (param $at i32) (param $n i32)
    (local $buf i32) (local $i i32) (local $b i32)
    (local.set $buf (call $malloc (i32.add (i32.mul (local.get $n) (i32.const 2)) (i32.const 1))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $b (i32.load8_u (i32.add (local.get $at) (local.get $i))))
        (i32.store8 (i32.add (local.get $buf) (i32.shl (local.get $i) (i32.const 1)))
          (i32.load8_u (i32.add (i32.const {digits}) (i32.shr_u (local.get $b) (i32.const 4)))))
        (i32.store8 (i32.add (i32.add (local.get $buf) (i32.shl (local.get $i) (i32.const 1))) (i32.const 1))
          (i32.load8_u (i32.add (i32.const {digits}) (i32.and (local.get $b) (i32.const 15)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (call $log2 (local.get $p) (local.get $l) (local.get $buf) (i32.mul (local.get $n) (i32.const 2))))
  (func (export "proxy_on_request_headers") (param $ctx i32) (param i32 i32) (result i32)
    {report("request_headers")}
    (i32.const 0))
  (func (export "proxy_on_response_headers") (param $ctx i32) (param i32 i32) (result i32)
    {report("response_headers")}
    (i32.const 0))
""")


def _hex_int64(text: str) -> int:
    return struct.unpack("<q", bytes.fromhex(text))[0]


def test_request_time_is_int64_nanoseconds_of_the_request_start(envoy_factory, upstream):
    envoy = envoy_factory([("rtime", request_time_module(), "")])
    before = time.time_ns()
    reply = http_request(envoy.listener_port("rtime"), "GET", "/", [])
    after = time.time_ns()
    assert reply.status == 200
    log = envoy.wait_for_log("f11 response_headers: clock bytes")
    found = dict(line.removeprefix("f11 ").rsplit(" ", 1) for line in messages(log, "f11 "))
    # Ok, 8 bytes: an int64, little-endian, of nanoseconds since the epoch (like the clock's).
    assert found["request_headers: request.time status"] == "0"
    assert found["request_headers: request.time length"] == "8"
    began = _hex_int64(found["request_headers: request.time bytes"])
    assert before <= began <= after
    assert began <= _hex_int64(found["request_headers: clock bytes"])
    # The same instant in the response phase: when the request began, not when it is read.
    assert found["response_headers: request.time status"] == "0"
    assert _hex_int64(found["response_headers: request.time bytes"]) == began


# ---- what the connection manager does before the first filter (fact 12) ----------------

HEADER_LISTER = """\
filter "lister"
on request {
  var seen = ""
  for name, value in request.headers {
    set seen = seen + name + "=" + value + "\\n"
  }
  set seen = seen + "source=" + source.address
  respond 200 seen
}
"""

SPOOFS = [
    [],
    [("x-forwarded-for", "1.2.3.4")],
    [("X-Forwarded-For", "1.2.3.4, 5.6.7.8"), ("x-a", "1"), ("x-forwarded-for", "9.9.9.9")],
    [("x-forwarded-proto", "https"), ("x-a", "1"), ("X-Forwarded-Proto", "ftp")],
    [("x-request-id", "mine"), ("x-envoy-external-address", "6.6.6.6"), ("x-envoy-external-address", "7.7.7.7")],
    [(name, "1") for name in sorted(SANITIZED_REQUEST_HEADERS)] + [("x-envoy-other", "kept")],
    [("X-Envoy-Internal", "true"), ("x-a", "1"), ("X-FORWARDED-CLIENT-CERT", "By=spiffe://x")],
]


def _listed(body: bytes) -> tuple[list[tuple[str, str]], str]:
    lines = body.decode().split("\n")
    return [tuple(line.split("=", 1)) for line in lines[:-1]], lines[-1].removeprefix("source=")


def test_connection_manager_sanitizes_request_headers_as_the_local_host_does(envoy_factory):
    """The local runtime's model (envoy_request_headers) against Envoy, header by
    header, for clients that send what Envoy adds or forbids."""
    module = compile_source(HEADER_LISTER, "lister.pwf").wasm
    envoy = envoy_factory([("lister", module, "")])
    plain, _ = _listed(http_request(envoy.listener_port("lister"), "GET", "/", []).body)
    host_address = dict(plain)["x-forwarded-for"]  # what Envoy appends for a loopback client
    for sent in SPOOFS:
        seen, source = _listed(http_request(envoy.listener_port("lister"), "GET", "/", sent).body)
        assert source.startswith("127.0.0.1:")
        request_id = dict(seen)["x-request-id"]
        assert request_id != "mine" and len(request_id) == 36  # Envoy made its own
        modelled = HeaderMap(envoy_request_headers("GET", "/", "localhost", "http", sent, b"", request_id,
                                                   "127.0.0.1"), inline=REQUEST_INLINE).text_pairs()
        expected = [(name, value.replace("127.0.0.1", host_address) if name == "x-forwarded-for" else value)
                    for name, value in modelled if not name.startswith(":")]
        assert seen == expected, sent
        assert sorted(name for name, _ in seen if name in ENVOY_ADDED_REQUEST_HEADERS) == sorted(
            ENVOY_ADDED_REQUEST_HEADERS)
        assert not {name for name, _ in seen} & SANITIZED_REQUEST_HEADERS


def test_source_address_is_the_peer_whatever_x_forwarded_for_says(envoy_factory, upstream):
    module = compile_source(HEADER_LISTER, "lister.pwf").wasm
    envoy = envoy_factory([("lister", module, "")])
    for spoof in ("1.2.3.4", "10.0.0.1, 192.168.1.1", "::1", "garbage"):
        seen, source = _listed(http_request(envoy.listener_port("lister"), "GET", "/",
                                            [("x-forwarded-for", spoof)]).body)
        assert source.startswith("127.0.0.1:") and int(source.rpartition(":")[2]) > 0, (spoof, source)
        assert dict(seen)["x-forwarded-for"].startswith(spoof + ",")
        assert dict(seen)["x-envoy-external-address"] == "127.0.0.1"
