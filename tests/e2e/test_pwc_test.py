"""`pwc test` in both modes on every example: the verdict of each case must be the
same locally and in a real Envoy, and a wrong expectation must fail in both with
a readable difference."""

from __future__ import annotations

import io
import subprocess
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest

from pwc.cli import compiler_toolchain, main
from pwc.compiler.driver import compile_file
from pwc.runtime.envoy_runner import STARTED_PIDS
from pwc.runtime.testrunner import run

pytestmark = pytest.mark.e2e

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CASE_FILES = sorted(EXAMPLES.glob("*.test.yaml"))


def verdicts(paths, *, envoy: bool) -> tuple[int, dict[tuple[str, str], list[str]], str]:
    out, outcomes = io.StringIO(), []
    toolchain = replace(compiler_toolchain(), compile=compile_file, compile_trace=partial(compile_file, trace_lines=True))
    code = run([str(p) for p in paths], toolchain, envoy=envoy, out=out, outcomes=outcomes)
    return code, {(Path(path).name, o.name): o.differences for path, o in outcomes}, out.getvalue()


def _no_envoy_left() -> None:
    """Every Envoy the runner started has exited (others' tests may run Envoys meanwhile)."""
    running = set(subprocess.run(["pgrep", "envoy"], capture_output=True, text=True).stdout.split())
    left = [pid for pid in STARTED_PIDS if str(pid) in running]
    assert not left, f"Envoy still running: {left}"


def test_every_pwf_example_has_cases():
    filters = {p.stem for p in EXAMPLES.glob("*.pwf")}
    cased = {p.name.removesuffix(".test.yaml") for p in CASE_FILES}
    assert filters <= cased, f"examples without a .test.yaml: {sorted(filters - cased)}"


@pytest.mark.parametrize("case_file", CASE_FILES, ids=lambda p: p.name)
def test_local_and_envoy_agree_case_by_case(case_file, envoy_path):
    local_code, local, local_out = verdicts([case_file], envoy=False)
    envoy_code, in_envoy, envoy_out = verdicts([case_file], envoy=True)
    _no_envoy_left()
    assert local.keys() == in_envoy.keys() and local, (local_out, envoy_out)
    disagree = [f"{name}: local {'pass' if not local[key] else 'FAIL ' + '; '.join(local[key])} / "
                f"envoy {'pass' if not in_envoy[key] else 'FAIL ' + '; '.join(in_envoy[key])}"
                for key in local if bool(local[key]) != bool(in_envoy[key]) for name in [key[1]]]
    assert not disagree, "verdicts differ between the local runtime and Envoy:\n" + "\n".join(disagree)
    assert (local_code, envoy_code) == (0, 0), local_out + envoy_out


def test_command_line_runs_all_examples_in_envoy(envoy_path, capsys):
    assert main(["test", "--envoy", str(EXAMPLES)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1].endswith(" passed, 0 failed") and not out[-1].startswith("0 ")
    _no_envoy_left()


WRONG = """\
filter: {filter}
cases:
  - name: right
    request: {{path: /orders, headers: {{authorization: Bearer x}}}}
    calls: {{auth: {{status: 200, headers: {{x-user: bob}}}}}}
    expect: {{upstream: {{headers: {{x-user: bob}}}}}}
  - name: wrong user expected
    request: {{path: /orders, headers: {{authorization: Bearer x}}}}
    calls: {{auth: {{status: 200, headers: {{x-user: bob}}}}}}
    expect: {{upstream: {{headers: {{x-user: alice}}}}}}
  - name: wrong status expected for an outage
    request: {{path: /orders, headers: {{authorization: Bearer x}}}}
    calls: {{auth: {{fail: refused}}}}
    expect: {{reply: {{status: 403}}}}
"""


@pytest.mark.parametrize("envoy", [False, True], ids=["local", "envoy"])
def test_a_wrong_expectation_fails_with_a_readable_difference(tmp_path, envoy, envoy_path):
    path = tmp_path / "wrong.test.yaml"
    path.write_text(WRONG.format(filter=EXAMPLES / "auth-gate.pwf"))
    code, found, out = verdicts([path], envoy=envoy)
    assert code == 1
    assert found[("wrong.test.yaml", "right")] == []
    assert found[("wrong.test.yaml", "wrong user expected")] == [
        "upstream header x-user: expected 'alice', got 'bob'"]
    assert found[("wrong.test.yaml", "wrong status expected for an outage")] == [
        "reply status: expected 403, got 503"]
    lines = out.splitlines()
    assert f"FAIL {path}:7: wrong user expected: upstream header x-user: expected 'alice', got 'bob'" in lines
    assert lines[-1] == "1 passed, 2 failed"
    _no_envoy_left()
