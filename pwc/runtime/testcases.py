"""The `.test.yaml` format of `pwc test`: pydantic models and a located loader.
docs/testing.md describes every field.

    filter: api-gate.pwf                 # relative to this file (.pwf, .wat or .wasm)
    config: {auth_cluster: auth}         # plugin configuration, optional
    cases:
      - name: rewrites banana paths
        request: {method: GET, path: /banana/42, headers: {authorization: Bearer good}}
        calls: {auth: {status: 200, headers: {x-user: alice}}}
        expect:
          upstream: {path: /status/42, headers: {x-user: alice}, absent: [x-internal-token]}

What the filter reads besides the request, a case (or the file, for every
case) may set: `connection` (source and destination address, TLS), `now`
(the clock, fixed) and `route` (its name); `environment_of` resolves them.

Header expectations: `headers` is a subset match (each pair is among the
message's headers), `absent` names headers that must not be there, and
`exactly` lists every header of the names it mentions, in order:
`exactly: [[x-added, a], [x-added, b]]` fails on a third `x-added` or on
`b` before `a`.  `upstream: {reached: false}` says the request must not
reach the upstream at all.

A bad file gets `CaseFileError` whose message names the file, the YAML line
and the field, e.g. `t.test.yaml:7: cases[0].expect.upstream: unknown field
`pathh` (did you mean `path`?)`.
"""

from __future__ import annotations

import difflib
import ipaddress
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Annotated, Any, Literal, Union

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PositiveInt,
    PrivateAttr,
    Tag,
    ValidationError,
    model_validator,
)

from .model import CallFailure, Response
from .properties import DEFAULT_DESTINATION, DEFAULT_SOURCE


class CaseFileError(Exception):
    """A test-case file that cannot be used; the message is located and readable."""


def _headers(value: Any) -> Any:
    """Headers as a mapping or as [name, value] pairs -> a list of (str, str) pairs."""
    if value is None:
        return []
    if isinstance(value, Mapping):
        return [(str(k), _scalar(v)) for k, v in value.items()]
    if isinstance(value, list):
        pairs = []
        for item in value:
            if not isinstance(item, (list, tuple)) or len(item) != 2:
                raise ValueError("a header list holds [name, value] pairs")
            pairs.append((str(item[0]), _scalar(item[1])))
        return pairs
    raise ValueError("headers are a map of name: value, or a list of [name, value] pairs")


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    raise ValueError(f"a header value must be text, not {type(value).__name__}")


def _text(value: Any) -> Any:
    return _scalar(value) if isinstance(value, (int, float, bool)) else value


Headers = Annotated[list[tuple[str, str]], BeforeValidator(_headers)]
Text = Annotated[str, BeforeValidator(_text)]


def _address(value: Any) -> tuple[str, int | None]:
    """`10.1.2.3:51000`, `[2001:db8::1]:443`, or an IP alone -> (canonical IP, port or None)."""
    shape = "write IP:PORT, e.g. 10.1.2.3:51000 or [2001:db8::1]:443, or an IP alone"
    if not isinstance(value, str):
        raise ValueError(f"an address is text: {shape}")
    text, port_text = value.strip(), None
    if text.startswith("["):
        host, bracket, rest = text[1:].partition("]")
        if not bracket or not rest.startswith(":"):
            raise ValueError(f"`{value}` is not an address: {shape}")
        text, port_text = host, rest[1:]
    elif text.count(":") == 1:
        text, port_text = text.split(":")
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        what = "an IP" if text == value.strip() else f"an address: `{text}` is not an IP"
        raise ValueError(f"`{value}` is not {what}; {shape}") from None
    if port_text is None:
        return str(ip), None
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ValueError(f"`{value}` is not an address: the port is 1 to 65535")
    return str(ip), int(port_text)


EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_RFC3339 = re.compile(r"(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d\d):(\d\d))")
# The clock a proxy-wasm module reads is nanoseconds since 1970, and pwc reads
# request.time as a signed 64-bit count of them.
CLOCK_RANGE = "1970-01-01T00:00:00Z to 2262-04-11T23:47:16Z"


def instant_ns(value: Any) -> int:
    """An RFC 3339 time (`2026-03-01T12:00:00Z`, `...12:00:00.25+01:00`) -> nanoseconds since 1970."""
    example = "e.g. 2026-03-01T12:00:00Z or 2026-03-01T13:00:00.5+01:00"
    if not isinstance(value, str):
        raise ValueError(f"a time is RFC 3339 text, {example}")
    match = _RFC3339.fullmatch(value.strip())
    if match is None:
        raise ValueError(f"`{value}` is not an RFC 3339 time with its offset, {example}")
    year, month, day, hour, minute, second = (int(part) for part in match.group(1, 2, 3, 4, 5, 6))
    fraction, sign, offset_hours, offset_minutes = match.group(7, 8, 9, 10)
    try:
        if int(offset_minutes or 0) > 59:
            raise ValueError("the offset's minutes must be in 0..59")
        offset = timedelta(hours=int(offset_hours or 0), minutes=int(offset_minutes or 0))
        zone = timezone(-offset if sign == "-" else offset)
        began = datetime(year, month, day, hour, minute, second, tzinfo=zone)
    except ValueError as error:
        raise ValueError(f"`{value}` is not a valid time: {error}") from None
    nanoseconds = (began - EPOCH) // timedelta(seconds=1) * 10**9 + int((fraction or "").ljust(9, "0"))
    if not 0 <= nanoseconds < 2**63:
        raise ValueError(f"`{value}` is outside the clock's range, {CLOCK_RANGE}")
    return nanoseconds


_DURATION = re.compile(r"(?:[0-9]+(?:ms|s|m|h))+")
_UNIT_MS = {"ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000}


def duration_ms(value: Any) -> int:
    """`1500ms`, `2s`, `1m30s` (as a .pwf writes durations) -> milliseconds."""
    if not isinstance(value, str) or not _DURATION.fullmatch(value.strip()):
        raise ValueError(f"`{value}` is not a duration: write it with its unit, e.g. 1500ms, 2s or 1m30s")
    return sum(int(number) * _UNIT_MS[unit] for number, unit in re.findall(r"([0-9]+)(ms|s|m|h)", value))


Address = Annotated[tuple[str, Union[int, None]], BeforeValidator(_address)]
Instant = Annotated[int, BeforeValidator(instant_ns)]
Duration = Annotated[int, BeforeValidator(duration_ms)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def framed_by_chunks(headers: list[tuple[str, str]], chunks: list[int]) -> list[tuple[str, str]]:
    """A body sent in chunks goes with transfer-encoding: chunked, unless the
    case frames it itself (content-length or transfer-encoding)."""
    framed = any(name.lower() in ("content-length", "transfer-encoding") for name, _ in headers)
    return [*headers, ("transfer-encoding", "chunked")] if chunks and not framed else list(headers)


class RequestSpec(_Strict):
    method: str = "GET"
    path: Text = "/"
    authority: str = "example.com"
    scheme: str = "http"
    headers: Headers = Field(default_factory=list)
    body: Text = ""
    chunks: list[PositiveInt] = Field(default_factory=list)  # the body's pieces, in bytes; the rest follows

    @model_validator(mode="after")
    def _chunks_frame_the_body(self) -> RequestSpec:
        """A body sent in chunks goes with transfer-encoding: chunked (not content-length)."""
        self.headers = framed_by_chunks(self.headers, self.chunks)
        return self


class AnswerSpec(_Strict):
    """A response from the upstream or from a called cluster."""

    status: int = 200
    headers: Headers = Field(default_factory=list)
    body: Text = ""
    chunks: list[PositiveInt] = Field(default_factory=list)  # as RequestSpec's


class FailSpec(_Strict):
    """No response: Envoy answers a call itself (504 on timeout, 503 otherwise)."""

    fail: Literal["timeout", "refused", "reset"]


def answer_of(spec: AnswerSpec | FailSpec) -> Response | CallFailure:
    """The answer a case gives, as the local host and the recording servers take it."""
    if isinstance(spec, FailSpec):
        return CallFailure(spec.fail)
    return Response(spec.status, framed_by_chunks(spec.headers, spec.chunks), spec.body.encode("utf-8"),
                    chunks=list(spec.chunks))


def _answer_kind(value: Any) -> str:
    return "fail" if isinstance(value, Mapping) and "fail" in value else "answer"


Answer = Annotated[
    Union[Annotated[FailSpec, Tag("fail")], Annotated[AnswerSpec, Tag("answer")]],
    Discriminator(_answer_kind),
]


def _one_or_list(value: Any) -> str:
    return "list" if isinstance(value, list) else "one"


Answers = Annotated[
    Union[Annotated[Answer, Tag("one")], Annotated[list[Answer], Tag("list")]],
    Discriminator(_one_or_list),
]


class MessageExpect(_Strict):
    """An expected reply or response; headers are a subset match, `exactly` an exact one."""

    status: int | None = None
    body: Text | None = None
    headers: Headers | None = None
    absent: list[str] = Field(default_factory=list)
    exactly: Headers | None = None


class UpstreamExpect(_Strict):
    reached: bool = True  # false: the request must never reach the upstream
    method: str | None = None
    path: Text | None = None
    authority: str | None = None
    body: Text | None = None
    headers: Headers | None = None
    absent: list[str] = Field(default_factory=list)
    exactly: Headers | None = None

    @model_validator(mode="after")
    def _nothing_to_see_if_not_reached(self) -> UpstreamExpect:
        if not self.reached and self.model_fields_set - {"reached"}:
            raise ValueError("an upstream that is not reached has nothing else to expect")
        return self


class CallExpect(_Strict):
    cluster: str | None = None
    method: str | None = None
    path: Text | None = None
    authority: str | None = None
    body: Text | None = None
    timeout_ms: int | None = None
    headers: Headers | None = None
    absent: list[str] = Field(default_factory=list)


class HistogramExpect(_Strict):
    """A histogram's samples: how many, and their sum."""

    count: int | None = None
    sum: int | None = None


# A counter's value, or a histogram's count and sum (teststeps.py compares them).
MetricExpect = Annotated[
    Union[Annotated[int, Tag("counter")], Annotated[HistogramExpect, Tag("histogram")]],
    Discriminator(lambda value: "histogram" if isinstance(value, (Mapping, HistogramExpect)) else "counter"),
]


class Expect(_Strict):
    upstream: UpstreamExpect | None = None
    reply: MessageExpect | None = None
    response: MessageExpect | None = None
    calls: list[CallExpect] | None = None
    logs: list[str] | None = None
    config_rejected: bool | None = None  # the filter refuses the configuration
    metrics: dict[str, MetricExpect] | None = None  # by the name the module defines; what the case added so far
    # `store NAME` values by NAME, as JSON gives them; null: nothing stored yet (teststeps.py)
    stored: dict[str, Any] | None = None


Config = Union[dict[str, Any], str, None]


class TlsSpec(_Strict):
    """The client connected over TLS."""

    sni: str = ""  # the server name it asked for: connection.requested_server_name
    mtls: bool = False  # it showed a certificate the listener verified: connection.mtls


class ConnectionSpec(_Strict):
    """The downstream connection; what is left out keeps the runtime's default."""

    source: Address | None = None  # the client: source.address, source.ip, source.port
    destination: Address | None = None  # where it connected to: destination.*
    tls: TlsSpec | None = None  # None: plain TCP


class RouteSpec(_Strict):
    """The route Envoy chose for the request."""

    name: str = ""  # route_name (Envoy's xds.route_name)


class RequestStep(_Strict):
    """One request of a case with `steps`; `calls` and `upstream` left out are the case's."""

    request: RequestSpec = Field(default_factory=RequestSpec)
    calls: dict[str, Answers] = Field(default_factory=dict)
    upstream: Answer | None = None
    expect: Expect = Field(default_factory=Expect)
    # which of the case's `workers` serves it, from 0; left out: the next in turn (locally; Envoy picks its own)
    worker: int | None = Field(default=None, ge=0)


class AdvanceStep(_Strict):
    advance: Duration  # locally the clock moves on; in Envoy the runner waits that long


class TickStep(_Strict):
    tick: PositiveInt  # proxy_on_tick this many times (in Envoy: wait as many tick periods)


class CheckStep(_Strict):
    """An `expect` of its own: the metrics and stored values at this point."""

    expect: Expect

    @model_validator(mode="after")
    def _metrics_only(self) -> CheckStep:
        _expects_metrics_only(self.expect, "a step without a request")
        return self


MAX_WORKERS = 8  # the most VMs a case runs side by side

# What an `expect` without a request of its own may hold: the state the filter keeps.
STATE_EXPECTATIONS = ("metrics", "stored")


def _expects_metrics_only(expect: Expect, where: str) -> None:
    others = sorted(name for name in expect.model_fields_set if name not in STATE_EXPECTATIONS)
    if others:
        raise ValueError(f"{where} expects metrics and stored values only: "
                         f"`{others[0]}` belongs in a request step's `expect`")


def _step_kind(value: Any) -> str:
    if isinstance(value, Mapping):
        for kind in ("advance", "tick"):
            if kind in value:
                return kind
        if set(value) == {"expect"}:
            return "check"
    return "request"


Step = Annotated[
    Union[Annotated[RequestStep, Tag("request")], Annotated[AdvanceStep, Tag("advance")],
          Annotated[TickStep, Tag("tick")], Annotated[CheckStep, Tag("check")]],
    Discriminator(_step_kind),
]


class Case(_Strict):
    name: str
    config: Config = None
    connection: ConnectionSpec | None = None  # each field given overrides the file's
    now: Instant | None = None  # the clock, fixed: `now` and `request.time`
    route: RouteSpec | None = None
    request: RequestSpec = Field(default_factory=RequestSpec)
    calls: dict[str, Answers] = Field(default_factory=dict)
    upstream: Answer = Field(default_factory=AnswerSpec)
    expect: Expect = Field(default_factory=Expect)
    steps: list[Step] | None = Field(default=None, min_length=1)  # several requests in order (teststeps.py)
    workers: int = Field(default=1, ge=1, le=MAX_WORKERS)  # VMs sharing shared data, as Envoy's worker threads

    @model_validator(mode="after")
    def _steps_hold_the_requests(self) -> Case:
        if self.steps is None:
            return self
        if "request" in self.model_fields_set:
            raise ValueError("a case with `steps` sends its requests in the steps: move `request` into one")
        _expects_metrics_only(self.expect, "a case with `steps`")
        requests = [step for step in self.steps if isinstance(step, RequestStep)]
        for index, step in enumerate(self.steps):
            if isinstance(step, RequestStep) and step.worker is not None and step.worker >= self.workers:
                raise ValueError(f"steps[{index}]: `worker: {step.worker}` is not one of the case's "
                                 f"{self.workers} worker{'s' if self.workers > 1 else ''} (0 to {self.workers - 1})")
        clusters = set(self.calls).union(*(step.calls for step in requests))
        for index, step in enumerate(self.steps):
            missing = sorted(clusters - set(self.calls) - set(step.calls)) if isinstance(step, RequestStep) else []
            if missing:
                raise ValueError(f"steps[{index}] does not say how `{missing[0]}` answers (another step does): "
                                 f"give it in this step's `calls`, or in the case's for every step")
        return self

    def answering_steps(self) -> list[RequestStep]:
        """The request steps, which say how the clusters answer; a case whose steps
        send no request (only ticks call) answers as its own `calls` say."""
        requests = [step for step in self.run_steps() if isinstance(step, RequestStep)]
        return requests or [RequestStep.model_construct(calls=self.calls, upstream=self.upstream)]

    def run_steps(self) -> list[RequestStep | AdvanceStep | TickStep | CheckStep]:
        """What the case does, in order: its steps, each request with the case's
        `calls` and `upstream` where it gives none, and the case's own metrics
        expected at the end; a case without steps is one request step."""
        if self.steps is None:
            return [RequestStep.model_construct(request=self.request, calls=self.calls, upstream=self.upstream,
                                                expect=self.expect)]
        done: list[RequestStep | AdvanceStep | TickStep | CheckStep] = []
        for step in self.steps:
            if isinstance(step, RequestStep):
                step = step.model_copy(update={"calls": {**self.calls, **step.calls},
                                               "upstream": step.upstream or self.upstream})
            done.append(step)
        if self.expect.metrics or self.expect.stored:
            done.append(CheckStep.model_construct(expect=self.expect))
        return done


class CaseFile(_Strict):
    filter: str
    config: Config = None
    root_id: str = ""
    connection: ConnectionSpec | None = None  # defaults for every case
    now: Instant | None = None
    route: RouteSpec | None = None
    cases: list[Case] = Field(min_length=1)

    # set by parse(); not part of the format
    _path: Path | None = PrivateAttr(default=None)
    _lines: dict[tuple, int] = PrivateAttr(default_factory=dict)

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def lines(self) -> dict[tuple, int]:
        return self._lines

    def filter_path(self) -> Path:
        base = self.path.parent if self.path else Path(".")
        return base / self.filter

    def case_line(self, index: int) -> int | None:
        return self.lines.get(("cases", index))


@dataclass(frozen=True)
class CaseEnvironment:
    """What one case's filter reads besides the request: the file's defaults with the
    case's own settings over them.  Addresses have their ports (the defaults' when left out)."""

    source: tuple[str, int] = DEFAULT_SOURCE
    destination: tuple[str, int] = DEFAULT_DESTINATION
    addresses_set: bool = False  # the case (or file) gave a source or a destination
    tls: TlsSpec | None = None
    now_ns: int | None = None  # None: the real clock
    route_name: str = ""


def _given(case_value: BaseModel | None, file_value: BaseModel | None, name: str) -> Any:
    """A field of the case's section if the case wrote it (even as null), else the file's."""
    if case_value is not None and name in case_value.model_fields_set:
        return getattr(case_value, name)
    return getattr(file_value, name) if file_value is not None else None


def _own(case: Case, cases: CaseFile, name: str) -> Any:
    return getattr(case if name in case.model_fields_set else cases, name)


def environment_of(case: Case, cases: CaseFile) -> CaseEnvironment:
    source = _given(case.connection, cases.connection, "source")
    destination = _given(case.connection, cases.connection, "destination")
    route = _own(case, cases, "route")
    return CaseEnvironment(
        source=(source[0], source[1] or DEFAULT_SOURCE[1]) if source else DEFAULT_SOURCE,
        destination=(destination[0], destination[1] or DEFAULT_DESTINATION[1]) if destination else DEFAULT_DESTINATION,
        addresses_set=source is not None or destination is not None,
        tls=_given(case.connection, cases.connection, "tls"),
        now_ns=_own(case, cases, "now"),
        route_name=route.name if route is not None else "",
    )


def exact_header_differences(what: str, expected: list[tuple[str, str]] | None,
                             actual: list[tuple[str, str]]) -> list[str]:
    """`exactly`: the actual headers of the names listed (names case-insensitive) must be
    the listed pairs, no more and in the same order; [] when they are."""
    if expected is None:
        return []
    names = {name.lower() for name, _ in expected}
    want = [(name.lower(), value) for name, value in expected]
    got = [(name.lower(), value) for name, value in actual if name.lower() in names]
    if got == want:
        return []
    return [f"{what} headers {', '.join(sorted(names))}: expected exactly {_show_pairs(want)}, "
            f"got {_show_pairs(got)}"]


def _show_pairs(pairs: list[tuple[str, str]]) -> str:
    return ", ".join(f"{name}: {value!r}" for name, value in pairs) if pairs else "none"


def config_text(config: Config) -> str | None:
    """The plugin configuration as Envoy passes a StringValue: JSON text."""
    if config is None:
        return None
    if isinstance(config, str):
        return config
    return json.dumps(config)


# ---- loading with line numbers ----------------------------------------------------


class _Loader(yaml.SafeLoader):
    """YAML without implicit timestamps: `now: 2026-03-01T12:00:00Z` and a header value
    that looks like a date stay the text written (the case format parses times itself,
    to the nanosecond; PyYAML would cut them to microseconds or drop a missing offset)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _node_lines(node: yaml.Node, path: tuple, lines: dict[tuple, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key)
            _node_lines(value, path + (name,), lines)
            lines[path + (name,)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _node_lines(item, path + (index,), lines)


def _where(loc: tuple, data: Any, lines: dict[tuple, int]) -> tuple[str, int | None, Any]:
    """Pydantic's error location -> a readable path, its line, and the data there.

    Union branches add model names to `loc`; only steps found in the data count.
    """
    path: tuple = ()
    node = data
    for step in loc:
        if isinstance(node, Mapping) and step in node:
            node = node[step]
            path += (step,)
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
            path += (step,)
    line = None
    for cut in range(len(path), -1, -1):
        if path[:cut] in lines:
            line = lines[path[:cut]]
            break
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text, line, node


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names valid where an unknown key was found (for "did you mean")."""
    current: Any = model
    tagged: dict[str, Any] = {}  # the models of a tagged union just entered (a step's kinds), by tag
    for step in loc[:-1]:
        if isinstance(step, int) or not (isinstance(current, type) and issubclass(current, BaseModel)):
            continue
        if step in tagged:  # pydantic names the member of the union it tried
            current, tagged = _model_in(tagged[step]), _tagged(tagged[step])
            continue
        field = current.model_fields.get(step)
        if field is not None:
            current, tagged = _model_in(field.annotation), _tagged(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _tagged(annotation: Any) -> dict[str, Any]:
    """The members of the first tagged union inside an annotation, by tag."""
    args = getattr(annotation, "__args__", ()) or ()
    found = {tag: arg for arg in args
             for tag in [next((m.tag for m in getattr(arg, "__metadata__", ()) if isinstance(m, Tag)), None)]
             if tag is not None}
    for arg in args:
        found = found or _tagged(arg)
    return found


def _describe(error: dict, fields: list[str]) -> str:
    kind, loc = error["type"], error["loc"]
    if kind == "extra_forbidden":
        name = loc[-1]
        close = difflib.get_close_matches(str(name), fields, n=1)
        hint = f" (did you mean `{close[0]}`?)" if close else (f"; known fields: {', '.join(fields)}" if fields else "")
        return f"unknown field `{name}`{hint}"
    if kind == "missing":
        return f"`{loc[-1]}` is required"
    message = error["msg"]
    return message[0].lower() + message[1:]


def parse(text: str, path: Path | None = None) -> CaseFile:
    """Validate YAML text as a case file; raises CaseFileError with file:line messages."""
    label = str(path) if path else "<cases>"
    try:
        data = yaml.load(text, Loader=_Loader)  # a SafeLoader
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise CaseFileError(f"{label}{line}: not valid YAML: {problem}") from None
    if not isinstance(data, Mapping):
        raise CaseFileError(f"{label}:1: a test-case file is a map with `filter` and `cases`")
    lines: dict[tuple, int] = {}
    if root is not None:
        _node_lines(root, (), lines)
    try:
        cases = CaseFile.model_validate(data)
    except ValidationError as errors:
        messages = []
        seen = set()
        for problem in errors.errors():
            where, at, _ = _where(problem["loc"], data, lines)
            if problem["type"] == "extra_forbidden":
                where = where.rsplit(".", 1)[0] if "." in where else ""
            described = _describe(dict(problem), _fields_at(CaseFile, problem["loc"]))
            text = f"{label}:{at or 1}: {where + ': ' if where else ''}{described}"
            if text not in seen:
                seen.add(text)
                messages.append(text)
        raise CaseFileError("\n".join(messages)) from None
    cases._path = path
    cases._lines = lines
    return cases


def load(path: str | Path) -> CaseFile:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise CaseFileError(f"{path}: cannot read: {error.strerror}") from None
    return parse(text, path)
