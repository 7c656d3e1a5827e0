"""`pwc test --envoy`: the cases of one `.test.yaml` file, run in a real Envoy.

    outcomes = run_file(wasm, cases, root_id="auth-gate", trace=False)

One Envoy per group of cases that need the same bootstrap: the same plugin
configuration, the same set of call clusters (a cluster a case does not list
must be unknown to Envoy), and the same clusters pointing at a closed port
(`{fail: refused}`).  Usually that is one or two Envoys per file.

Behind Envoy, on 127.0.0.1, recording servers (http1.Upstream, given a
case's answers) play the upstream and every listed call cluster.  Cases run
one at a time, so each server answers as the running case says (`set_case`):
a response, `{fail: timeout}` (hold the connection and never answer),
`{fail: reset}` (read the request, close without answering).  Every server
closes the connection after each exchange, so each request or call gets a
fresh connection and the answers follow the order of the calls.

What the filter did is read back from three places: the recording servers
(what the upstream and the services received), the client's response, and
Envoy's log at `wasm:trace,router:debug`: the filter's own log lines (`wasm
log <plugin> <root_id> <vm_id>: <msg>`), the ABI calls Envoy made and
answered (for `--trace` and to see `proxy_send_local_response`), traps, and
the router's header dump of every http call (the only trace of a call to a
refused cluster).  The verdicts then come from `testrunner.compare`, the
same code as the local mode.

What a case sets about its environment (testcases.CaseEnvironment): the
route name goes into the route; a source or destination address reaches
Envoy in a PROXY protocol header on a listener with the proxy_protocol
listener filter, so the filter sees them as Envoy's own connection
addresses and no extra request header.  What Envoy here cannot reproduce
(a fixed clock, TLS, an https scheme) is not run: the case is reported as
skipped, with why.
"""

from __future__ import annotations

import re
import socket
import time
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import wasmtime

from pwc.abi import LogLevel
from pwc.conventions import TRACE_PREFIX
from pwc.envoy_config import proxy_protocol

from .envoy import Envoy, EnvoyStartError, Listener
from .host import RequestResult
from .http1 import ClosedPort, Upstream, chunked_request, encode_request, proxy_header, raw_request
from .model import (Answer, CallFailure, HttpCall, LocalReply, LogRecord, Request, Response, TraceEvent, TrapInfo,
                    body_pieces)
from .headers import to_text
from .properties import Environment
from .host import Host, StartError
from .testcases import (AdvanceStep, AnswerSpec, Case, CaseEnvironment, CaseFile, FailSpec, RequestStep, TickStep,
                        answer_of, config_text, environment_of)
from .teststeps import EnvoyStats, StepSeen, filter_name_of, read_envoy_stats, read_stored

LISTENER = "pwc"
PROBE = "pwc-probe"  # the listener of probe.wat, which reads the filter's shared data for `stored:`
# The process id of every Envoy this module started (tests check they are gone).
STARTED_PIDS: list[int] = []
# Envoy's timeout for the upstream when a case says `upstream: {fail: timeout}`.
UPSTREAM_TIMEOUT_S = 1.0
ROUTE_TIMEOUT_S = 15.0
CALL_ARRIVAL_S = 2.0  # how long a call Envoy sent may take to reach its recording server
CLIENT_TIMEOUT_S = 20.0  # longer than any answer Envoy can take: beyond it the request hung
SETTLE_S = 2.0  # how long to wait for the stream's last callbacks to appear in the log
# The longest a case's `advance` and `tick` steps may make it wait, in all: the runner
# sleeps for them; a case that asks for more is skipped.
MAX_WAIT_S = 5.0

_LEVELS = {"trace": LogLevel.TRACE, "debug": LogLevel.DEBUG, "info": LogLevel.INFO, "warning": LogLevel.WARN,
           "error": LogLevel.ERROR, "critical": LogLevel.CRITICAL}
_ENTRY = re.compile(r"^\[\d{4}-\d\d-\d\d [^\]]*\]\[\d+\]\[(\w+)\]\[(\w+)\] \[[^\]]*\] ?(.*)$")
_VM_CALL = re.compile(r"^\[(host->vm|vm->host)\] (?:env\.)?(\w+)\((.*)\)$")
_VM_RETURN = re.compile(r"^\[(host<-vm|vm<-host)\] (?:env\.)?(\w+) return: (.*)$")
_CLUSTER_MATCH = re.compile(r'"StreamId":"(\d+)"\] cluster \'([^\']*)\' match for URL')
_DECODING = re.compile(r'"StreamId":"(\d+)"\] router decoding headers:')
_HEADER_DUMP = re.compile(r"^'(.*)', '(.*)'$")
_TRAP = re.compile(r"Function: (\w+) failed: (.*)")
_SKIPPED_CALLS = {"malloc", "proxy_on_memory_allocate", "free"}


# ---- the servers behind Envoy -----------------------------------------------------------


# The HTTP/1 client and server carry header text as latin-1 (one char per
# byte); a case's text is UTF-8 on the wire, as the local host takes it.
def _wire(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


def _from_wire(text: str) -> str:
    return to_text(text.encode("latin-1"))


def _answers(spec: AnswerSpec | FailSpec | list[AnswerSpec | FailSpec]) -> list[Answer]:
    answers = [answer_of(one) for one in (spec if isinstance(spec, list) else [spec])]
    return [Response(a.status, [(_wire(k), _wire(v)) for k, v in a.headers], a.body, chunks=a.chunks)
            if isinstance(a, Response) else a for a in answers]


def _refuses(spec: AnswerSpec | FailSpec | list[AnswerSpec | FailSpec]) -> bool:
    """Every answer is `refused`: the cluster can point at a closed port."""
    return all(isinstance(a, CallFailure) and a.kind == "refused" for a in _answers(spec))


# ---- reading Envoy's log --------------------------------------------------------------


@dataclass
class _Entry:
    level: str
    component: str
    text: str
    more: list[str] = field(default_factory=list)  # continuation lines


def _entries(text: str) -> list[_Entry]:
    entries: list[_Entry] = []
    for line in text.splitlines():
        match = _ENTRY.match(line)
        if match:
            entries.append(_Entry(match.group(1), match.group(2), match.group(3)))
        elif entries:
            entries[-1].more.append(line)
    return entries


def _ints(text: str) -> tuple[int | str, ...]:
    values: list[int | str] = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        try:
            values.append(int(part))
        except ValueError:
            values.append(part)
    return tuple(values)


@dataclass
class EnvoyObservation:
    """What Envoy's log says about one case."""

    logs: list[LogRecord] = field(default_factory=list)
    trace: list[TraceEvent | LogRecord] = field(default_factory=list)  # in order
    local_reply_sent: bool = False
    trap: TrapInfo | None = None
    calls: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)  # (cluster, headers)
    returned: set[str] = field(default_factory=set)  # callbacks that returned


def observe(text: str, plugin: str, root_id: str, vm_id: str) -> EnvoyObservation:
    seen = EnvoyObservation()
    prefixes = (f"wasm log {plugin} {root_id} {vm_id}: ", f"wasm log {root_id} {vm_id}: ")
    clusters: dict[str, str] = {}
    for entry in _entries(text):
        if entry.component == "wasm":
            body = entry.text
            for prefix in prefixes:
                if body.startswith(prefix):
                    message = "\n".join([body[len(prefix):], *entry.more])
                    record = LogRecord(_LEVELS.get(entry.level, LogLevel.INFO), message, 0)
                    seen.trace.append(record)
                    if not message.startswith(TRACE_PREFIX):
                        seen.logs.append(record)
                    break
            else:
                call = _VM_CALL.match(body)
                returned = _VM_RETURN.match(body)
                trap = _TRAP.search(body)
                if call and call.group(2) not in _SKIPPED_CALLS:
                    name = call.group(2)
                    if name == "proxy_send_local_response":
                        seen.local_reply_sent = True
                    if call.group(1) == "host->vm":
                        seen.trace.append(TraceEvent("callback", name, _ints(call.group(3)), None, 0))
                    elif name != "proxy_log":
                        seen.trace.append(TraceEvent("host", name, _ints(call.group(3)), None, 0))
                elif returned and returned.group(2) not in _SKIPPED_CALLS:
                    name, value = returned.group(2), returned.group(3)
                    result = int(value) if value.lstrip("-").isdigit() else None
                    if returned.group(1) == "host<-vm":
                        seen.returned.add(name)
                        if result is not None:
                            seen.trace.append(TraceEvent("return", name, (), result, 0))
                    elif name != "proxy_log":
                        # fill in the result of the matching host call
                        for index in range(len(seen.trace) - 1, -1, -1):
                            event = seen.trace[index]
                            if isinstance(event, TraceEvent) and event.direction == "host" and event.name == name:
                                seen.trace[index] = TraceEvent("host", name, event.args, result, 0)
                                break
                elif trap and seen.trap is None:
                    seen.trap = TrapInfo(trap.group(1), "trap", trap.group(2).strip())
        elif entry.component == "router":
            match = _CLUSTER_MATCH.search(entry.text)
            if match:
                clusters[match.group(1)] = match.group(2)
                continue
            match = _DECODING.search(entry.text)
            if match and clusters.get(match.group(1), "upstream") != "upstream":
                headers = []
                for line in entry.more:
                    pair = _HEADER_DUMP.match(line)
                    if pair:
                        headers.append((pair.group(1), pair.group(2)))
                seen.calls.append((clusters[match.group(1)], headers))
    return seen


# ---- one Envoy for a group of cases -------------------------------------------------------


@dataclass
class EnvoyCaseResult:
    steps: list[StepSeen] | None  # one per step the case runs (Case.run_steps); None when it did not run
    trace: list[TraceEvent | LogRecord]
    rejected: str | None = None  # Envoy refused the configuration: why
    skipped: str | None = None  # not run: why Envoy here cannot give the filter what the case sets
    start_error: str | None = None  # the filter did not start for another reason
    logs: list[LogRecord] = field(default_factory=list)  # for a refused configuration
    seconds: float = 0.0  # the case's own steps, Envoy's start not included


def unreproducible(case: Case, env: CaseEnvironment, tick_ms: int = 0) -> str | None:
    """Why the Envoy this runner starts cannot give the filter what the case sets; None if it can."""
    reasons = []
    steps = case.run_steps()
    requests = [step for step in steps if isinstance(step, RequestStep)]
    for scheme in sorted({step.request.scheme for step in requests} - {"http"}):
        reasons.append(f"`request.scheme: {scheme}`: the listener here is plain HTTP, so Envoy's `:scheme` is http")
    if env.now_ns is not None:
        reasons.append("`now`: Envoy's clock cannot be fixed")
    if env.tls is not None:
        reasons.append("`connection.tls`: the listener here is plain TCP, so there is no SNI or mTLS")
    if env.addresses_set and (":" in env.source[0]) != (":" in env.destination[0]):
        reasons.append(f"`connection`: source {env.source[0]} and destination {env.destination[0]} are of "
                       f"different IP families, which one PROXY protocol header cannot carry")
    mixed = [name for name, refused in _refused(case.answering_steps()).items() if refused is None]
    if mixed:
        reasons.append(f"`{mixed[0]}` refuses connections in some steps and not in others: in Envoy a cluster "
                       f"points at one place for the whole case")
    wait_s = _waits(steps, tick_ms)
    if wait_s > MAX_WAIT_S:
        reasons.append(f"`advance` and `tick`: the steps wait {wait_s:g}s in all, and in Envoy the runner "
                       f"waits at most {MAX_WAIT_S:g}s per case")
    return "; ".join(reasons) or None


def _waits(steps: list, tick_ms: int) -> float:
    """How long the case's steps make the runner sleep, in seconds."""
    return sum(step.advance / 1000 if isinstance(step, AdvanceStep) else step.tick * tick_ms / 1000
               for step in steps if isinstance(step, (AdvanceStep, TickStep)))


def _refused(requests: list[RequestStep]) -> dict[str, bool | None]:
    """Each cluster (`upstream` for the upstream): whether it refuses connections
    in every step (True), in none (False) or in some (None)."""
    answers: dict[str, set[bool]] = {}
    for step in requests:
        for name, spec in [*step.calls.items(), ("upstream", step.upstream)]:
            answers.setdefault(name, set()).add(spec is not None and _refuses(spec))
    return {name: kinds.pop() if len(kinds) == 1 else None for name, kinds in answers.items()}


def _group_key(case: Case, cases: CaseFile) -> tuple:
    config = case.config if case.config is not None else cases.config
    requests = case.answering_steps()
    refused = _refused(requests)
    clusters = tuple(sorted((name, bool(refused[name])) for name in requests[0].calls))
    timeout = any(isinstance(step.upstream, FailSpec) and step.upstream.fail == "timeout" for step in requests)
    env = environment_of(case, cases)
    return (config_text(config), clusters, bool(refused.get("upstream")), timeout, env.addresses_set, env.route_name,
            case.workers)


def _request_headers(step: RequestStep) -> list[tuple[str, str]]:
    request = step.request
    headers = [(_wire(name), _wire(value)) for name, value in request.headers]
    if not any(name.lower() == "host" for name, _ in headers):
        headers.insert(0, ("host", _wire(request.authority)))
    return headers


def _upstream_request(recorded: Request) -> Request:
    """The request as the local host reports it: Envoy's header map, pseudo-headers first."""
    authority = recorded.header("host") or ""
    pairs = [(":authority", authority), (":path", recorded.path), (":method", recorded.method),
             (":scheme", "http")]
    pairs += [(k.lower(), _from_wire(v)) for k, v in recorded.headers if k.lower() != "host"]
    return Request(recorded.method, recorded.path, pairs, recorded.body, authority=authority, scheme="http")


def _calls(seen: EnvoyObservation, servers: dict[str, Upstream]) -> list[HttpCall]:
    calls = []
    taken: dict[str, int] = {}
    for index, (cluster, headers) in enumerate(seen.calls, start=1):
        server = servers.get(cluster)
        body = b""
        position = taken.get(cluster, 0)
        if server is not None:
            try:  # a call Envoy sent as the stream ended (`on done`'s) may still be on its way
                body = server.wait_for(position + 1, timeout=CALL_ARRIVAL_S)[position].body
            except TimeoutError:
                pass
        taken[cluster] = position + 1
        timeout = next((v for k, v in headers if k == "x-envoy-expected-rq-timeout-ms"), "0")
        calls.append(HttpCall(index, cluster, headers, body, [], int(timeout) if timeout.isdigit() else 0, 0))
    return calls


def _run_group(wasm: bytes, group: list[tuple[int, Case]], cases: CaseFile, root_id: str,
               results: dict[int, EnvoyCaseResult], binary: str | None) -> None:
    first = group[0][1]
    config = first.config if first.config is not None else cases.config
    env = environment_of(first, cases)
    _, refusing, upstream_refused, upstream_times_out, _, _, workers = _group_key(first, cases)
    closed: list[ClosedPort] = []
    servers: dict[str, Upstream] = {}
    clusters: dict[str, int] = {}
    envoy: Envoy | None = None
    plugin = root_id or LISTENER
    try:
        upstream = servers["upstream"] = Upstream(answers=Response()).start()
        if upstream_refused:
            closed.append(ClosedPort())
            upstream_port = closed[-1].port
        else:
            upstream_port = upstream.port
        for name, refused in refusing:
            if refused:
                closed.append(ClosedPort())
                clusters[name] = closed[-1].port
            else:
                servers[name] = Upstream(answers=Response()).start()
                clusters[name] = servers[name].port
        listener = Listener(LISTENER, wasm=wasm, config=config_text(config) or "", filter_name=plugin,
                            root_id=root_id, vm_id=LISTENER,
                            route_timeout=UPSTREAM_TIMEOUT_S if upstream_times_out else ROUTE_TIMEOUT_S,
                            route_options={"name": env.route_name} if env.route_name else {},
                            listener_filters=[proxy_protocol()] if env.addresses_set else [])
        listeners = [listener]
        if any(_expects_stored(case) for _, case in group):
            listeners.append(Listener(PROBE, wasm=_probe_module(), filter_name=PROBE, root_id=PROBE, vm_id=LISTENER))
        envoy = Envoy(listeners, upstream_port=upstream_port, clusters=clusters, concurrency=workers,
                      component_log_level="wasm:trace,router:debug", customize=_customize, binary=binary)
        try:
            envoy.start()
            assert envoy.pid is not None, "a started Envoy has a process"
            STARTED_PIDS.append(envoy.pid)
        except EnvoyStartError as error:
            log = error.log or envoy.log_text()
            seen = observe(envoy.log_text() or log, plugin, root_id, LISTENER)
            rejected = "Failed to configure base Wasm plugin" in str(error)
            reason = _start_failure(str(error))
            for index, _ in group:
                results[index] = EnvoyCaseResult(None, seen.trace, rejected=reason if rejected else None,
                                                 start_error=None if rejected else reason, logs=seen.logs)
            return
        port = envoy.listener_port(LISTENER)
        last = _last_stream_callback(wasm)
        for index, case in group:
            run = _CaseRun(envoy, port, environment_of(case, cases), servers, plugin, root_id, last, wasm)
            results[index] = run.steps(case, _tick_period_ms(wasm, case, cases, root_id))
    finally:
        if envoy is not None:
            envoy.stop()
        for server in servers.values():
            server.close()
        for port_ in closed:
            port_.close()


def _expects_stored(case: Case) -> bool:
    return any(not isinstance(step, (AdvanceStep, TickStep)) and step.expect.stored for step in case.run_steps())


@cache
def _probe_module() -> bytes:
    return bytes(wasmtime.wat2wasm(resources.files(__package__).joinpath("probe.wat").read_text(encoding="utf-8")))


def _customize(bootstrap: dict) -> None:
    """The node the local runtime reports (`node.id`), so both modes read the same; and
    histograms merged when the admin endpoint is asked for stats (`metrics:` expectations)."""
    defaults = Environment()
    bootstrap["node"] = {"id": defaults.node_id, "cluster": defaults.node_cluster}
    bootstrap["stats_flush_on_admin"] = True


def _tick_period_ms(wasm: bytes, case: Case, cases: CaseFile, root_id: str) -> int:
    """The tick period the module sets with this case's configuration (0: none), as
    the local runtime sees it: how long a `tick` step waits in Envoy."""
    if not any(isinstance(step, TickStep) for step in case.run_steps()):
        return 0
    config = case.config if case.config is not None else cases.config
    try:
        return Host(wasm, plugin_config=config_text(config), root_id=root_id).tick_period_ms
    except StartError:
        return 0


def _start_failure(text: str) -> str:
    for line in text.splitlines():
        if "Failed to" in line or "wasm log" in line:
            return line.split("] ", 2)[-1].strip()
    return text.splitlines()[0] if text else "Envoy did not start"


def _log_size(envoy: Envoy) -> int:
    path = envoy._log_file
    return path.stat().st_size if path is not None and path.exists() else 0


def _log_since(envoy: Envoy, offset: int) -> str:
    path = envoy._log_file
    if path is None or not path.exists():
        return ""
    with open(path, "rb") as stream:
        stream.seek(offset)
        return stream.read().decode("utf-8", "replace")


def _last_stream_callback(wasm: bytes) -> str | None:
    """The last callback Envoy makes for a stream, among those the module exports: after
    its return line the case's log is complete.  None: the client's response is enough,
    since every earlier callback logged before Envoy sent it."""
    import wasmtime

    exports = {export.name for export in wasmtime.Module(wasmtime.Engine(), wasm).exports}
    for name in ("proxy_on_delete", "proxy_on_done", "proxy_on_log"):
        if name in exports:
            return name
    return None


@dataclass
class _CaseRun:
    """One case's steps in a running Envoy."""

    envoy: Envoy
    port: int
    env: CaseEnvironment
    servers: dict[str, Upstream]
    plugin: str
    root_id: str
    last: str | None  # the stream's last callback (_last_stream_callback)
    wasm: bytes  # the filter's module

    def steps(self, case: Case, tick_ms: int) -> EnvoyCaseResult:
        """Every step in order; metrics are what the case added to Envoy's, which served other cases before."""
        began = time.monotonic()
        steps = case.run_steps()
        expects_metrics = any(not isinstance(step, (AdvanceStep, TickStep)) and step.expect.metrics for step in steps)
        baseline = read_envoy_stats(self.envoy.admin_get) if expects_metrics else EnvoyStats()
        seen, trace = [], []
        self.answer_as(case.answering_steps()[0])  # calls made before the first request (an `every` block's)
        for step in steps:
            one = StepSeen()
            if isinstance(step, RequestStep):
                one.result, events = self.request(step)
                trace += events
            elif isinstance(step, AdvanceStep):
                time.sleep(step.advance / 1000)
            elif isinstance(step, TickStep):
                time.sleep(step.tick * tick_ms / 1000)  # Envoy ticks every VM, the main thread's too
            if not isinstance(step, (AdvanceStep, TickStep)) and step.expect.metrics:
                one.metrics = read_envoy_stats(self.envoy.admin_get).since(baseline)
            if not isinstance(step, (AdvanceStep, TickStep)) and step.expect.stored:
                one.stored = read_stored(filter_name_of(self.wasm), list(step.expect.stored), self.shared_value)
            seen.append(one)
        return EnvoyCaseResult(seen, trace, seconds=time.monotonic() - began)

    def shared_value(self, key: bytes) -> bytes | None:
        """The filter's shared data under `key`, through the probe's listener."""
        reply = raw_request(self.envoy.listener_port(PROBE),
                            encode_request("GET", "/", [("x-pwc-key", key.decode("latin-1"))]), timeout=5)
        return reply.body if reply.status == 200 else None

    def answer_as(self, step: RequestStep) -> None:
        """The upstream and the call clusters answer as `step` says, from now on."""
        self.servers["upstream"].set_case(_answers(step.upstream or AnswerSpec()))
        for name, server in self.servers.items():
            if name != "upstream":
                server.set_case(_answers(step.calls[name]))

    def request(self, step: RequestStep) -> tuple[RequestResult, list[TraceEvent | LogRecord]]:
        env, request = self.env, step.request
        self.answer_as(step)
        offset = _log_size(self.envoy)
        result = RequestResult(0)
        preamble = proxy_header(env.source, env.destination) if env.addresses_set else b""
        try:
            body = request.body.encode("utf-8")
            if request.chunks:
                head = preamble + encode_request(request.method, request.path, _request_headers(step))
                answer = chunked_request(self.port, head, body_pieces(body, request.chunks), method=request.method,
                                         timeout=CLIENT_TIMEOUT_S)
            else:
                answer = raw_request(self.port, preamble + encode_request(request.method, request.path,
                                                                          _request_headers(step), body),
                                     method=request.method, timeout=CLIENT_TIMEOUT_S)
            result.response = Response(answer.status, [(k.lower(), _from_wire(v)) for k, v in answer.headers],
                                       answer.body)
        except socket.timeout:
            result.hung = True
        except (ConnectionError, OSError):
            result.reset = True
        seen = self.settle(offset)
        upstream = self.servers["upstream"].requests
        if upstream:
            result.upstream_request = _upstream_request(upstream[0])
        if seen.local_reply_sent and result.response is not None:
            response = result.response
            result.local_reply = LocalReply(response.status, response.body, list(response.headers))
        result.trap = seen.trap
        result.logs = seen.logs
        result.calls = _calls(seen, self.servers)
        return result, seen.trace

    def settle(self, offset: int) -> EnvoyObservation:
        """The log since `offset`, once the stream's last callback is in it."""
        deadline = time.monotonic() + SETTLE_S
        while True:
            seen = observe(_log_since(self.envoy, offset), self.plugin, self.root_id, LISTENER)
            if self.last is None or self.last in seen.returned or seen.trap is not None or time.monotonic() > deadline:
                return seen
            time.sleep(0.01)


def run_file(wasm: bytes, cases: CaseFile, root_id: str, binary: str | None = None) -> list[EnvoyCaseResult]:
    """Every case of the file, in file order, each run in Envoy or skipped (with why);
    `binary` is the Envoy to run (default: envoy.envoy_binary()'s choice)."""
    groups: dict[tuple, list[tuple[int, Case]]] = {}
    results: dict[int, EnvoyCaseResult] = {}
    for index, case in enumerate(cases.cases):
        reason = unreproducible(case, environment_of(case, cases), _tick_period_ms(wasm, case, cases, root_id))
        if reason is not None:
            results[index] = EnvoyCaseResult(None, [], skipped=reason)
        else:
            groups.setdefault(_group_key(case, cases), []).append((index, case))
    for group in groups.values():
        _run_group(wasm, group, cases, root_id, results, binary)
    return [results[index] for index in range(len(cases.cases))]


__all__ = ["run_file", "observe", "unreproducible", "EnvoyCaseResult", "EnvoyObservation"]
