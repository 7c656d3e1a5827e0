"""How a phase split at `call`s behaves, in the local runtime: what runs
after the answer, which values survive the pause, several calls, calls
inside branches, and a call Envoy refuses at once."""

from __future__ import annotations

from pwc.compiler.driver import compile_source
from pwc.runtime.host import Host
from pwc.runtime.model import CallFailure, Response

FILTER = r'''
filter "cont"
on request {
  let before = "kept-" + request.headers["x-in"]
  let n = size(before)
  if request.headers["x-mode"] == "branch" {
    let inner = "inner"
    let first = call "svc" { path: "/first" }
    set request.headers["x-first"] = string(first.status) + inner + before
    if first.status == 200 {
      let second = call "svc" { path: "/second", headers: {"x-from-first": first.headers["x-tag"]} }
      set request.headers["x-second"] = string(second.status) + second.body
    }
    set request.headers["x-after-inner-if"] = "yes"
  } else if request.headers["x-mode"] == "refused" {
    let gone = call "nowhere" { timeout: 50ms }
    set request.headers["x-gone"] = string(gone.failed) + string(gone.status)
  }
  set request.headers["x-after-outer-if"] = before + "/" + string(n)
}
on response {
  set response.headers["x-before"] = before
}
'''


def host(**answers) -> Host:
    result = compile_source(FILTER, "cont.pwf")
    assert result.ok, result.render()
    return Host(result.wasm, root_id="cont", clusters=answers)


def header(result, name):
    return dict(result.upstream_request.headers).get(name)


def test_statements_after_a_call_inside_nested_ifs_all_run_with_their_values():
    answers = [Response(200, [("x-tag", "t1")], b""), Response(201, [], b"second-body")]
    result = host(svc=answers).request("GET", "/", [("x-mode", "branch"), ("x-in", "v")])
    assert not result.hung and result.local_reply is None
    assert header(result, "x-first") == "200innerkept-v"
    assert header(result, "x-second") == "201second-body"
    assert header(result, "x-after-inner-if") == "yes"
    assert header(result, "x-after-outer-if") == "kept-v/6"
    assert [call.path for call in result.calls] == ["/first", "/second"]
    assert dict(result.calls[1].headers)["x-from-first"] == "t1"
    assert dict(result.response.headers)["x-before"] == "kept-v"


def test_the_second_call_is_skipped_when_its_branch_is_not_taken():
    result = host(svc=Response(500, [], b"")).request("GET", "/", [("x-mode", "branch"), ("x-in", "v")])
    assert header(result, "x-first") == "500innerkept-v"
    assert header(result, "x-second") is None
    assert header(result, "x-after-inner-if") == "yes"
    assert len(result.calls) == 1


def test_a_call_envoy_refuses_continues_at_once_as_failed():
    result = host().request("GET", "/", [("x-mode", "refused"), ("x-in", "r")])
    assert not result.hung
    assert header(result, "x-gone") == "true0"
    assert header(result, "x-after-outer-if") == "kept-r/6"
    assert dict(result.response.headers)["x-before"] == "kept-r"


def test_a_timeout_is_a_failed_call_and_paths_without_calls_never_pause():
    failed = host(svc=CallFailure("timeout")).request("GET", "/", [("x-mode", "branch")])
    assert header(failed, "x-first") == "0innerkept-"
    plain = host().request("GET", "/", [("x-mode", "none"), ("x-in", "p")])
    assert plain.calls == [] and header(plain, "x-after-outer-if") == "kept-p/6"
