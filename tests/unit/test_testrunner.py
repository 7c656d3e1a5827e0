"""`pwc test` local mode: the YAML case format and the runner's verdicts and output."""

from __future__ import annotations

import io
import shutil
import textwrap
from pathlib import Path

import pytest

from dataclasses import replace

from pwc.cli import compiler_toolchain
from pwc.runtime.testcases import AnswerSpec, CaseFileError, FailSpec, parse
from pwc.runtime.testrunner import run

# .wat filters (and the filter name of a .pwf), as the runner ran them before the command line
# passed it the compiler.
WAT_ONLY = replace(compiler_toolchain(), compile=None, compile_trace=None)

MODULES = Path(__file__).resolve().parent.parent / "modules"

PASSING = """\
filter: gate.wat
cases:
  - name: allowed
    request: {path: /x, headers: {authorization: Bearer good}}
    calls:
      auth: {status: 200, headers: {x-user: alice}}
    expect:
      upstream: {method: GET, path: /x, headers: {x-user: alice, x-filter: gate}, absent: [x-internal]}
      response: {status: 200, headers: {x-served-by: wat}}
      calls: [{cluster: auth, method: GET, path: /check, headers: {authorization: Bearer good}}]
      logs: [allowed alice]
  - name: missing credentials
    expect:
      reply: {status: 401, body: missing credentials, headers: {www-authenticate: Bearer}}
      response: {status: 401, headers: {www-authenticate: Bearer, x-served-by: wat}}
      calls: []
  - name: auth times out, then a second case answers in order
    request: {headers: [[authorization, a], [x-dup, "1"], [x-dup, "2"]]}
    calls: {auth: [{fail: timeout}]}
    expect:
      reply: {status: 403, body: forbidden}
  - name: configuration refused
    config: reject
    expect: {config_rejected: true}
"""


def write_cases(folder: Path, text: str, name: str = "gate.test.yaml") -> Path:
    shutil.copy(MODULES / "gate.wat", folder / "gate.wat")
    path = folder / name
    path.write_text(textwrap.dedent(text))
    return path


def run_text(paths, toolchain=WAT_ONLY, **kwargs) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = run([str(p) for p in paths], toolchain, out=out, **kwargs)
    return code, out.getvalue().splitlines()


def test_passing_file(tmp_path):
    write_cases(tmp_path, PASSING)
    code, lines = run_text([tmp_path])
    assert (code, lines) == (0, ["4 passed, 0 failed"])


def test_failing_case_is_named_with_a_plain_difference(tmp_path):
    text = PASSING.replace("x-user: alice, x-filter", "x-user: bob, x-filter").replace(
        "reply: {status: 403, body: forbidden}", "upstream: {path: /}")
    path = write_cases(tmp_path, text)
    code, lines = run_text([path])
    assert code == 1
    assert lines[-1] == "2 passed, 2 failed"
    assert lines[0] == f"FAIL {path}:3: allowed: upstream header x-user: expected 'bob', got 'alice'"
    assert lines[1].startswith(f"FAIL {path}:17: auth times out")
    assert "expected the request to reach the upstream, but the filter replied 403 'forbidden'" in lines[1]


def test_status_log_and_call_differences(tmp_path):
    text = """\
    filter: gate.wat
    cases:
      - name: wrong everything
        request: {headers: {authorization: a}}
        calls: {auth: {status: 200, headers: {x-user: alice}}}
        expect:
          response: {status: 201, body: hi, absent: [x-served-by]}
          calls: [{cluster: auth, path: /verify}, {cluster: auth}]
          logs: [allowed bob]
    """
    code, lines = run_text([write_cases(tmp_path, text)])
    assert code == 1
    failure = lines[0]
    for words in ("response status: expected 201, got 200", "response body: expected 'hi', got empty",
                  "response header x-served-by should be absent, but is 'wat'",
                  "calls: expected 2 calls, the filter made 1 (auth GET /check)",
                  "logs: no line contains 'allowed bob' (got 'allowed alice')"):
        assert words in failure


def test_hung_request_is_a_failure(tmp_path):
    text = """\
    filter: gate.wat
    config: "no-effective"
    cases:
      - name: never resumed
        request: {headers: {authorization: a}}
        calls: {auth: {status: 200}}
    """
    code, lines = run_text([write_cases(tmp_path, text)])
    assert code == 1 and "the request hung" in lines[0]


def test_bad_file_gets_a_located_message_and_exit_2(tmp_path):
    path = write_cases(tmp_path, PASSING.replace("path: /x, headers: {x-user", "pathh: /x, headers: {x-user"))
    code, lines = run_text([tmp_path])
    assert code == 2
    assert lines[0] == f"{path}:8: cases[0].expect.upstream: unknown field `pathh` (did you mean `path`?)"
    assert lines[-1] == "0 passed, 0 failed"


def test_no_cases_and_filters_that_do_not_compile_exit_2(tmp_path):
    code, lines = run_text([tmp_path])
    assert code == 2 and lines[0].startswith("no test cases found")

    (tmp_path / "f.pwf").write_text("filter x\n")
    (tmp_path / "f.test.yaml").write_text("filter: f.pwf\ncases: [{name: a}]\n")

    def compile_filter(path: Path) -> bytes:
        raise RuntimeError(f"{path.name}:1:8: error: expected a string after `filter`")

    code, lines = run_text([tmp_path], replace(WAT_ONLY, compile=compile_filter))
    assert code == 2 and lines[0] == "f.pwf:1:8: error: expected a string after `filter`"


def test_pwf_filters_go_through_the_given_compile_function(tmp_path):
    write_cases(tmp_path, PASSING)
    (tmp_path / "gate.test.yaml").write_text(PASSING.replace("gate.wat", "gate.pwf"))
    compiled = []

    def compile_filter(path: Path) -> bytes:
        compiled.append(path.name)
        from pwc.compiler.assemble import assemble
        return assemble((tmp_path / "gate.wat").read_text())

    code, lines = run_text([tmp_path / "gate.test.yaml"], replace(WAT_ONLY, compile=compile_filter))
    assert (code, compiled, lines[-1]) == (0, ["gate.pwf"], "4 passed, 0 failed")


def test_trace_and_cost_options(tmp_path):
    path = write_cases(tmp_path, PASSING)
    code, lines = run_text([path], trace=True, cost=True, annotate=lambda event: ["note"] if
                           event.name == "proxy_http_call" else [])
    assert code == 0
    start = lines.index(f"trace {path}: allowed")
    assert lines[start + 1] == "  -> proxy_on_request_headers(2, 9, 1)"  # no on_context_create; 4 pseudo, 1 sent, 4 Envoy adds
    assert any(line.strip().startswith("host proxy_http_call(") for line in lines)
    assert "    note" in lines
    costs = [line for line in lines if line.startswith("cost ")]
    assert len(costs) == 4 and costs[0].startswith(f"cost {path}: allowed: ") and costs[0].endswith("(fuel)")
    assert int(costs[0].split(": ")[-1].split()[0]) > 0


def test_format_defaults_header_forms_and_answers():
    cases = parse(textwrap.dedent("""\
        filter: f.wat
        cases:
          - name: a
            request: {headers: [[x-a, 1], [x-a, 2]]}
            calls: {auth: [{status: 204}, {fail: refused}]}
            upstream: {status: 201, headers: {content-length: 0}}
    """))
    case = cases.cases[0]
    assert (case.request.method, case.request.authority, case.request.scheme) == ("GET", "example.com", "http")
    assert case.request.headers == [("x-a", "1"), ("x-a", "2")]
    assert case.calls["auth"] == [AnswerSpec(status=204), FailSpec(fail="refused")]
    assert case.upstream.headers == [("content-length", "0")]
    assert parse("filter: f.wat\ncases: [{name: b}]\n").cases[0].upstream == AnswerSpec(status=200)


@pytest.mark.parametrize("text, message", [
    ("filter: f\ncases:\n  - {name: a, calls: {auth: {fail: slow}}}\n",
     "<cases>:3: cases[0].calls.auth.fail: input should be 'timeout', 'refused' or 'reset'"),
    ("filter: f\ncases:\n  - name: a\n    request: {headers: {a: [1]}}\n",
     "<cases>:4: cases[0].request.headers: value error, a header value must be text, not list"),
    ("filter: f\ncases:\n  - name: a\n    expekt: {}\n",
     "<cases>:4: cases[0]: unknown field `expekt` (did you mean `expect`?)"),
    ("filter: f\ncases: [{name: a}\n", "<cases>:3: not valid YAML: expected ',' or ']', but got '<stream end>'"),
])
def test_bad_files_name_the_line_and_field(text, message):
    with pytest.raises(CaseFileError) as error:
        parse(text)
    assert str(error.value) == message


# ---- --trace golden file, --cost per case --------------------------------------------------

REPO = Path(__file__).resolve().parents[2]
GOLDEN_TRACE = REPO / "tests" / "golden" / "trace" / "auth-gate.trace"


def test_trace_of_an_example_matches_its_golden_file(monkeypatch, golden):
    """`pwc test --trace examples/auth-gate.test.yaml`: the .pwf lines each case ran, between
    the proxy-wasm calls.  Regenerate with `pytest --update-golden` and review the diff."""
    from functools import partial

    from pwc.compiler.driver import compile_file

    monkeypatch.chdir(REPO)
    code, lines = run_text(["examples/auth-gate.test.yaml"], replace(WAT_ONLY, compile=compile_file,
                           compile_trace=partial(compile_file, trace_lines=True)), trace=True)
    assert code == 0, lines
    text = "\n".join(lines) + "\n"
    assert "auth-gate.pwf:16: let auth = call \"auth\" {" in text and "log warn: auth service unavailable" in text
    golden(GOLDEN_TRACE, text)


def test_cost_is_printed_per_case_and_excludes_the_trace_logging(monkeypatch):
    from functools import partial

    from pwc.compiler.driver import compile_file

    monkeypatch.chdir(REPO)
    code, plain = run_text(["examples/canary.test.yaml"], replace(WAT_ONLY, compile=compile_file), cost=True)
    code2, traced = run_text(["examples/canary.test.yaml"], replace(WAT_ONLY, compile=compile_file,
                             compile_trace=partial(compile_file, trace_lines=True)), cost=True, trace=True)
    costs = [line for line in plain if line.startswith("cost ")]
    assert (code, code2) == (0, 0) and len(costs) == 8
    assert all(int(line.rsplit(": ", 1)[1].split()[0]) > 0 for line in costs)
    assert costs == [line for line in traced if line.startswith("cost ")]
