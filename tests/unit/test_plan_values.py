"""Header values Envoy's formatter computes (pwc/compiler/plan_values.py):
the format string a moved rule gets, and why a value keeps its rule in the
module.  tests/e2e/test_native_equivalence.py runs them in a real Envoy."""

from __future__ import annotations

import pytest

from pwc.compiler.driver import front_end
from pwc.compiler.plan import FEATURE, MODULE, plan
from pwc.compiler.plan_values import MAX_READS
from pwc.compiler.source import Source


def _placements(text: str):
    result = front_end(Source("t.pwf", text))
    assert result.ok and result.checked is not None, result.render()
    return plan(result.checked, result.source).placements


def _request(value: str):
    return _placements(f'filter "v"\non request {{\n  set request.headers["x-v"] = {value}\n}}\n')[0]


@pytest.mark.parametrize("value, text", [
    ('request.headers["X-A"]', "%CEL(request.headers['x-a'])%"),
    ('"100% " + request.headers["x-a"] + "%REQ(x-b)%"', "100%% %CEL(request.headers['x-a'])%%%REQ(x-b)%%"),
    ('source.address', "%DOWNSTREAM_REMOTE_ADDRESS%"),
    ('source.ip + ":" + destination.ip', "%DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%:%DOWNSTREAM_LOCAL_ADDRESS_WITHOUT_PORT%"),
    ('destination.address', "%DOWNSTREAM_LOCAL_ADDRESS%"),
    ('request.headers["x!#$&*+^_`|~.y"]', "%CEL(request.headers['x!#$&*+^_`|~.y'])%"),
    ('request.method + " " + request.path', "%REQ(:method)% %REQ(:path)%"),
    ('request.url_path + "@" + request.host', "%CEL(request.url_path)%@%REQ(:authority)%"),
])
def test_a_formattable_value_moves_as_its_format_string(value, text):
    placed = _request(value)
    assert placed.where == FEATURE["request"], placed.reason
    assert placed.mutation == {"append": {"header": {"key": "x-v", "value": text},
                                          "append_action": "OVERWRITE_IF_EXISTS_OR_ADD", "keep_empty_value": True}}
    assert "a value Envoy's formatter computes the same" in placed.reason


@pytest.mark.parametrize("value, reason", [
    ('request.headers["x-a"].lowerAscii()', "the value's `request.headers[\"x-a\"].lowerAscii()` is computed by the module"),
    ('request.query', "the value's `request.query` is computed by the module"),
    ('request.headers[request.headers["x-name"]]', "a header whose name is computed per request"),
    ('request.headers["x%y"]', "a name Envoy's format string cannot quote"),
    ("request.headers[\"x'y\"]", "a name Envoy's format string cannot quote"),
    ('request.headers["x-forwarded-for"]', "which Envoy itself sets or strips"),
    (" + ".join(['request.headers["x-a"]'] * (MAX_READS + 1)), f"more than {MAX_READS}"),
])
def test_a_value_the_formatter_cannot_compute_the_same_stays(value, reason):
    placed = _request(value)
    assert placed.where == MODULE and reason in placed.reason, placed.reason


def test_a_value_stays_when_a_later_rule_of_the_module_writes_what_it_reads():
    placed = _placements('filter "v"\non request {\n  set request.headers["x-v"] = request.headers["x-a"]\n'
                         '  if request.method == "POST" {\n    remove request.headers["x-a"]\n  }\n}\n'
                         'on request body {\n  remove request.headers["x-b"]\n}\n')
    assert placed[0].where == MODULE
    assert placed[0].reason.startswith('the rule on line 4 writes `request.headers["x-a"]` after it')
    placed = _placements('filter "v"\non request {\n  set request.headers["x-v"] = request.headers["x-b"]\n}\n'
                         'on request body {\n  set request.headers[request.headers["x-n"]] = "1"\n}\n')
    assert placed[0].where == MODULE and "a request header named at run time" in placed[0].reason


def test_a_wholly_native_response_phase_moves_in_order():
    """Envoy applies the mutations in rule order, each reading what the earlier ones wrote."""
    placed = _placements('filter "v"\non response {\n  set response.headers["x-c"] = response.headers["x-s"]\n'
                         '  set response.headers["x-s"] = "new"\n'
                         '  add response.headers["x-d"] = response.headers["x-s"] + request.headers["x-a"]\n}\n')
    assert [p.where for p in placed] == [FEATURE["response"]] * 3
    assert [p.mutation["append"]["header"]["value"] for p in placed] == [  # type: ignore[index]
        "%CEL(response.headers['x-s'])%", "new", "%CEL(response.headers['x-s'])%%CEL(request.headers['x-a'])%"]


def test_on_response_reads_no_request_header_a_tracer_rewrites():
    placed = _placements('filter "v"\non response {\n  set response.headers["x-t"] = request.headers["traceparent"]\n}\n')
    assert placed[0].where == MODULE and "a tracer rewrites when the router sends the request" in placed[0].reason
    placed = _placements('filter "v"\non request {\n  set request.headers["x-t"] = request.headers["traceparent"]\n}\n')
    assert placed[0].where == FEATURE["request"]


def test_a_value_reading_the_path_stays_when_a_later_rule_writes_it():
    placed = _placements('filter "v"\non request {\n  set request.headers["x-v"] = request.url_path\n'
                         '  if request.method == "POST" {\n    rewrite request.path "a" to "b"\n  }\n}\n')
    assert placed[0].where == MODULE and placed[0].reason.startswith("the rule on line 4 writes `the request's :path`")
