"""Every statement and expression form of the core language, in a real Envoy.

One Envoy serves all the filters below, each on its own listener, in front
of the recording upstream.  Filters reveal what they computed by writing it
into request headers (the upstream records them) or response headers (the
client sees them), so each assertion checks real traffic.
"""

from __future__ import annotations

import pytest

from pwc.compiler.driver import compile_source
from pwc.runtime.envoy import Envoy, Listener, http_request

pytestmark = pytest.mark.e2e

FILTERS = {
    "writes": r'''
filter "writes"
on request {
  set request.headers["x-set"] = "one"
  set request.headers["X-Mixed-Case"] = "lowered name"
  add request.headers["x-added"] = "a"
  add request.headers["x-added"] = "b"
  remove request.headers["x-drop"]
  set request.headers["x-replaced"] = "new"
  if "x-new-url-path" in request.headers {
    set request.url_path = request.headers["x-new-url-path"]
  }
  if "x-new-path" in request.headers {
    set request.path = request.headers["x-new-path"]
  }
  if "x-new-method" in request.headers {
    set request.method = request.headers["x-new-method"]
  }
  if "x-new-host" in request.headers {
    set request.host = request.headers["x-new-host"]
  }
}
on response {
  set response.headers["x-resp-set"] = "yes"
  add response.headers["x-resp-added"] = "1"
  add response.headers["x-resp-added"] = "2"
  remove response.headers["x-upstream-secret"]
}
''',
    "reads": r'''
filter "reads"
on request {
  set request.headers["x-r-path"] = request.path
  set request.headers["x-r-url-path"] = request.url_path
  set request.headers["x-r-query"] = request.query
  set request.headers["x-r-method"] = request.method
  set request.headers["x-r-host"] = request.host
  set request.headers["x-r-scheme"] = request.scheme
  set request.headers["x-r-multi"] = request.headers["x-multi"]
  set request.headers["x-r-cookie"] = request.headers["set-cookie"]
  set request.headers["x-r-absent"] = "[" + request.headers["x-absent"] + "]"
  set request.headers["x-r-has-multi"] = string("x-multi" in request.headers)
  set request.headers["x-r-has-absent"] = string("x-absent" in request.headers)
  set request.headers["x-r-case"] = request.headers["X-MiXeD"]
  set request.headers["x-written"] = "w1"
  set request.headers["x-r-after-write"] = request.headers["x-written"] + "+read"
  remove request.headers["x-multi"]
  set request.headers["x-r-after-remove"] = "[" + request.headers["x-multi"] + "]"
  let kept = "kept:" + request.headers["x-keep"]
  set request.path = "/rewritten" + request.path
}
on response {
  set response.headers["x-code"] = string(response.code)
  set response.headers["x-content-type"] = response.headers["content-type"]
  set response.headers["x-req-path"] = request.path
  set response.headers["x-req-url-path"] = request.url_path
  set response.headers["x-req-query"] = request.query
  set response.headers["x-req-method"] = request.method
  set response.headers["x-req-header"] = request.headers["x-keep"]
  set response.headers["x-req-has"] = string("x-keep" in request.headers)
  set response.headers["x-let"] = kept
  set response.headers["x-resp-read-after-write"] = response.headers["x-code"] + "!"
}
''',
    "exprs": r'''
filter "exprs"
on request {
  let n = int(request.headers["x-n"])
  let s = request.headers["x-s"]
  set request.headers["x-e-arith"] = string(n + 2) + "," + string(n - 10) + "," + string(n * 3) + "," + string(n / 2) + "," + string(n % 4) + "," + string(-n)
  set request.headers["x-e-precedence"] = string(1 + 2 * 3 - 8 / 4 % 3)
  set request.headers["x-e-compare"] = string(n < 10) + string(n <= 7) + string(n > 7) + string(n >= 8) + string(n == 7) + string(n != 7)
  set request.headers["x-e-strcmp"] = string("abc" < "abd") + string(s == "Hello") + string(s != "Hello") + string("b" > "abc")
  set request.headers["x-e-bool"] = string(true && !false) + string(false || false) + string(!(n > 1))
  set request.headers["x-e-funcs"] = s.lowerAscii() + "|" + s.upperAscii() + "|" + ("  pad  ").trim() + "|" + string(size(s)) + "|" + string(s.size())
  set request.headers["x-e-unicode-size"] = string(size("h\u00e9llo")) + "," + string(size(["a", "b", s])) + "," + string(size({"k": "v"}))
  set request.headers["x-e-tests"] = string(s.startsWith("He")) + string(s.endsWith("lo")) + string(s.contains("ell")) + string(s.contains("xyz"))
  set request.headers["x-e-in"] = string(s in ["Hello", "World"]) + string("z" in ["Hello"]) + string("k" in {"k": s}) + string("v" in {"k": "v"})
  set request.headers["x-e-map-index"] = {"greeting": s, "other": "x"}["greeting"] + {"a": "b"}["missing"]
  set request.headers["x-e-cond"] = n > 5 ? "big" : "small"
  set request.headers["x-e-conv"] = string(int("-42") + 1) + "," + string(int(n)) + "," + string("str") + "," + string(false)
  set request.headers["x-e-literals"] = string(0x1F) + "," + string(-9223372036854775808) + "," + r"raw\d" + "," + "tab\tq\"uote\\" + "," + "\x41\u00e9"
  set request.headers["x-e-duration"] = string(1m30s == 90s) + string(500ms < 1s) + string(1h > 59m)
}
''',
    "control": r'''
filter "control"
on request {
  let mode = request.headers["x-mode"]
  if mode == "deny" {
    respond 403 "denied by pwc" headers {"x-reason": "mode=" + mode, "www-authenticate": "Bearer"}
  } else if mode == "teapot" {
    respond 418
  } else if mode == "continue" {
    set request.headers["x-before-continue"] = "1"
    continue
  } else {
    set request.headers["x-else"] = "taken"
  }
  set request.headers["x-after-if"] = "reached"
  if mode == "short-circuit" {
    # The right sides would fail if evaluated: int("x") is a run-time error.
    if false && int("x") == 1 {
      respond 500 "and did not short-circuit"
    }
    if true || int("x") == 1 {
      set request.headers["x-or"] = "short"
    }
    set request.headers["x-cond"] = true ? "then" : string(int("x"))
  }
  if mode == "bad-int" {
    set request.headers["x-never"] = string(int(request.headers["x-value"]))
  }
  if mode == "overflow" {
    set request.headers["x-never"] = string(9223372036854775807 + int(request.headers["x-value"]))
  }
  if mode == "divide" {
    set request.headers["x-never"] = string(10 / int(request.headers["x-value"]))
  }
  if mode == "modulo" {
    set request.headers["x-never"] = string(10 % int(request.headers["x-value"]))
  }
  if mode == "status" {
    respond int(request.headers["x-value"]) "dynamic status"
  }
  let nested = mode == "nested"
  if nested {
    let inner = "inner-" + mode
    if inner.endsWith("nested") {
      set request.headers["x-nested"] = inner
    }
  }
}
on response {
  set response.headers["x-response-phase"] = "ran:" + mode
}
''',
}


@pytest.fixture(scope="module")
def envoy(session_upstream, envoy_path):
    listeners = []
    for name, text in FILTERS.items():
        result = compile_source(text, f"{name}.pwf")
        assert result.ok, result.render()
        listeners.append(Listener(name, wasm=result.wasm, filter_name=name))
    with Envoy(listeners, upstream_port=session_upstream.port) as running:
        yield running
        log = running.log_text()
        assert "Uncaught" not in log and "RuntimeError" not in log, "a module trapped"


def send(envoy, upstream, listener, path="/", headers=(), method="GET"):
    upstream.clear()
    response = http_request(envoy.listener_port(listener), method, path, list(headers))
    seen = upstream.requests[-1] if upstream.requests else None
    return response, seen


# ------------------------------------------------------------------ writes


def test_set_add_remove_request_headers(envoy, upstream):
    response, seen = send(envoy, upstream, "writes", headers=[("x-drop", "secret"), ("x-replaced", "old"),
                                                                ("x-replaced", "older")])
    assert response.status == 200
    assert seen.header("x-set") == "one"
    assert seen.header("x-mixed-case") == "lowered name"
    assert seen.header_values("x-added") == ["a", "b"]
    assert seen.header("x-drop") is None
    assert seen.header_values("x-replaced") == ["new"]


def test_set_response_headers_seen_by_client(envoy, upstream):
    upstream.responder = lambda request: (200, [("x-upstream-secret", "s"), ("content-type", "text/plain")], b"ok")
    response, _ = send(envoy, upstream, "writes")
    assert response.header("x-resp-set") == "yes"
    assert response.header_values("x-resp-added") == ["1", "2"]
    assert response.header("x-upstream-secret") is None


def test_set_url_path_keeps_the_query(envoy, upstream):
    _, seen = send(envoy, upstream, "writes", "/old/path?a=1&b=2", [("x-new-url-path", "/new")])
    assert seen.path == "/new?a=1&b=2"


def test_set_path_replaces_the_query_too(envoy, upstream):
    _, seen = send(envoy, upstream, "writes", "/old?a=1", [("x-new-path", "/whole?z=9")])
    assert seen.path == "/whole?z=9"


def test_set_method_and_host(envoy, upstream):
    _, seen = send(envoy, upstream, "writes", "/m", [("x-new-method", "PUT"), ("x-new-host", "rewritten.example")])
    assert seen.method == "PUT"
    assert seen.header("host") == "rewritten.example"


# ------------------------------------------------------------------- reads


def test_request_attributes(envoy, upstream):
    _, seen = send(envoy, upstream, "reads", "/a/b?x=1&y=2", [("host", "svc.example")], method="POST")
    assert seen.header("x-r-path") == "/a/b?x=1&y=2"
    assert seen.header("x-r-url-path") == "/a/b"
    assert seen.header("x-r-query") == "x=1&y=2"
    assert seen.header("x-r-method") == "POST"
    assert seen.header("x-r-host") == "svc.example"
    assert seen.header("x-r-scheme") == "http"
    assert seen.path == "/rewritten/a/b?x=1&y=2"


def test_repeated_headers_read_joined_and_set_cookie_first(envoy, upstream):
    _, seen = send(envoy, upstream, "reads", headers=[("x-multi", "a"), ("x-multi", "b, c"), ("X-Multi", "d"),
                                                       ("set-cookie", "one=1"), ("set-cookie", "two=2")])
    assert seen.header("x-r-multi") == "a,b, c,d"
    assert seen.header("x-r-cookie") == "one=1"
    assert seen.header("x-r-has-multi") == "true"


def test_missing_header_reads_empty_and_names_are_case_insensitive(envoy, upstream):
    _, seen = send(envoy, upstream, "reads", headers=[("x-mixed", "found")])
    assert seen.header("x-r-absent") == "[]"
    assert seen.header("x-r-has-absent") == "false"
    assert seen.header("x-r-has-multi") == "false"
    assert seen.header("x-r-case") == "found"


def test_reads_see_earlier_writes(envoy, upstream):
    _, seen = send(envoy, upstream, "reads", headers=[("x-multi", "gone")])
    assert seen.header("x-r-after-write") == "w1+read"
    assert seen.header("x-r-after-remove") == "[]"
    assert seen.header("x-multi") is None


def test_response_phase_reads_request_values_as_the_request_phase_left_them(envoy, upstream):
    upstream.responder = lambda request: (201, [("content-type", "application/json")], b"{}")
    response, _ = send(envoy, upstream, "reads", "/p?q=v", [("x-keep", "kept-value")], method="PUT")
    assert response.status == 201
    assert response.header("x-code") == "201"
    assert response.header("x-content-type") == "application/json"
    assert response.header("x-req-path") == "/rewritten/p?q=v"
    assert response.header("x-req-url-path") == "/rewritten/p"
    assert response.header("x-req-query") == "q=v"
    assert response.header("x-req-method") == "PUT"
    assert response.header("x-req-header") == "kept-value"
    assert response.header("x-req-has") == "true"
    assert response.header("x-let") == "kept:kept-value"
    assert response.header("x-resp-read-after-write") == "201!"


def test_streams_keep_their_own_request_values(envoy, upstream):
    for index in range(20):
        response, _ = send(envoy, upstream, "reads", f"/s{index}", [("x-keep", f"v{index}")])
        assert response.header("x-req-header") == f"v{index}"
        assert response.header("x-req-path") == f"/rewritten/s{index}"


# ------------------------------------------------------------- expressions


def test_arithmetic_and_precedence(envoy, upstream):
    _, seen = send(envoy, upstream, "exprs", headers=[("x-n", "7"), ("x-s", "Hello")])
    assert seen.header("x-e-arith") == "9,-3,21,3,3,-7"
    assert seen.header("x-e-precedence") == "5"


def test_comparisons_and_booleans(envoy, upstream):
    _, seen = send(envoy, upstream, "exprs", headers=[("x-n", "7"), ("x-s", "Hello")])
    assert seen.header("x-e-compare") == "truetruefalsefalsetruefalse"
    assert seen.header("x-e-strcmp") == "truetruefalsetrue"
    assert seen.header("x-e-bool") == "truefalsefalse"


def test_string_functions_and_size(envoy, upstream):
    _, seen = send(envoy, upstream, "exprs", headers=[("x-n", "7"), ("x-s", "Hello")])
    assert seen.header("x-e-funcs") == "hello|HELLO|pad|5|5"
    assert seen.header("x-e-unicode-size") == "5,3,1"
    assert seen.header("x-e-tests") == "truetruetruefalse"


def test_membership_maps_conditionals_conversions_literals(envoy, upstream):
    _, seen = send(envoy, upstream, "exprs", headers=[("x-n", "7"), ("x-s", "Hello")])
    assert seen.header("x-e-in") == "truefalsetruefalse"
    assert seen.header("x-e-map-index") == "Hello"
    assert seen.header("x-e-cond") == "big"
    assert seen.header("x-e-conv") == "-41,7,str,false"
    assert seen.header("x-e-literals") == '31,-9223372036854775808,raw\\d,tab\tq"uote\\,A\u00e9'.encode().decode("latin-1")
    assert seen.header("x-e-duration") == "truetruetrue"


def test_negative_numbers_from_headers(envoy, upstream):
    _, seen = send(envoy, upstream, "exprs", headers=[("x-n", "-9"), ("x-s", "")])
    assert seen.header("x-e-arith") == "-7,-19,-27,-4,-1,9"
    assert seen.header("x-e-cond") == "small"


# ----------------------------------------------------------------- control


def test_respond_with_body_and_headers_never_reaches_upstream(envoy, upstream):
    response, seen = send(envoy, upstream, "control", headers=[("x-mode", "deny")])
    assert seen is None
    assert response.status == 403
    assert response.body == b"denied by pwc"
    assert response.header("x-reason") == "mode=deny"
    assert response.header("www-authenticate") == "Bearer"


def test_respond_with_status_only(envoy, upstream):
    response, seen = send(envoy, upstream, "control", headers=[("x-mode", "teapot")])
    assert seen is None
    assert response.status == 418
    assert response.body == b""


def test_response_phase_runs_for_local_replies(envoy, upstream):
    response, _ = send(envoy, upstream, "control", headers=[("x-mode", "deny")])
    assert response.header("x-response-phase") == "ran:deny"


def test_continue_ends_the_phase(envoy, upstream):
    response, seen = send(envoy, upstream, "control", headers=[("x-mode", "continue")])
    assert response.status == 200
    assert seen.header("x-before-continue") == "1"
    assert seen.header("x-after-if") is None
    assert response.header("x-response-phase") == "ran:continue"


def test_else_branch_and_statements_after_if(envoy, upstream):
    _, seen = send(envoy, upstream, "control", headers=[("x-mode", "other")])
    assert seen.header("x-else") == "taken"
    assert seen.header("x-after-if") == "reached"


def test_and_or_and_conditional_short_circuit(envoy, upstream):
    response, seen = send(envoy, upstream, "control", headers=[("x-mode", "short-circuit")])
    assert response.status == 200
    assert seen.header("x-or") == "short"
    assert seen.header("x-cond") == "then"


def test_nested_blocks_and_block_scoped_let(envoy, upstream):
    _, seen = send(envoy, upstream, "control", headers=[("x-mode", "nested")])
    assert seen.header("x-nested") == "inner-nested"


@pytest.mark.parametrize("mode, value, message", [
    ("bad-int", "abc", "int(): the string is not an integer"),
    ("bad-int", "", "int(): the string is not an integer"),
    ("bad-int", "99999999999999999999", "integer overflow"),
    ("overflow", "1", "integer overflow"),
    ("divide", "0", "division by zero"),
    ("modulo", "0", "division by zero"),
    ("status", "700", "respond: the status is not between 100 and 599"),
])
def test_runtime_errors_answer_500_log_the_line_and_keep_serving(envoy, upstream, mode, value, message):
    response, seen = send(envoy, upstream, "control", headers=[("x-mode", mode), ("x-value", value)])
    assert seen is None
    assert response.status == 500
    assert response.header("x-response-phase") == f"ran:{mode}"
    # the statement inside `if mode == "..." {`, the line after it
    line = next(i for i, text in enumerate(FILTERS["control"].splitlines()) if f'mode == "{mode}"' in text) + 2
    envoy.wait_for_log(f"control: runtime error at control.pwf:{line}: {message}")
    good, seen = send(envoy, upstream, "control", headers=[("x-mode", "other")])
    assert good.status == 200 and seen.header("x-else") == "taken"


def test_dynamic_status_in_range(envoy, upstream):
    response, seen = send(envoy, upstream, "control", headers=[("x-mode", "status"), ("x-value", "202")])
    assert seen is None
    assert response.status == 202
    assert response.body == b"dynamic status"
