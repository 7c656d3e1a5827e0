"""Replies as routes (`direct_response`, docs/native.md): which `respond`
rules of `on request` the planner moves, the route each becomes, and the
exact reason each other one stays.  tests/e2e/test_native_equivalence.py
runs the moved ones in a real Envoy against the module."""

from __future__ import annotations

import pytest

from pwc.compiler.driver import front_end
from pwc.compiler.plan import MODULE, plan, planned
from pwc.compiler.plan_reply import DIRECT_RESPONSE
from pwc.compiler.source import Source
from pwc.envoy_config import Listener, listener


def _placements(text: str):
    result = front_end(Source("t.pwf", text))
    assert result.ok and result.checked is not None, result.render()
    return plan(result.checked, result.source).placements


def _reply(rules: str, tail: str = "") -> str:
    return f'filter "r"\n\non request {{\n  {rules}\n}}\n{tail}'


def _first(rules: str, tail: str = ""):
    return _placements(_reply(rules, tail))[0]


def _if(condition: str, reply: str = 'respond 403 "no"') -> str:
    return f"if {condition} {{\n    {reply}\n  }}"


# condition -> the route's match
MOVES = [
    ('request.method == "TRACE"', {"prefix": "", "headers": [{"name": ":method", "string_match": {"exact": "TRACE"}}]}),
    ('"PUT" != request.method',
     {"prefix": "", "headers": [{"name": ":method", "string_match": {"exact": "PUT"}, "invert_match": True}]}),
    ('request.method in ["GET", "HEAD"]',
     {"prefix": "", "headers": [{"name": ":method", "string_match": {"safe_regex": {"regex": "GET|HEAD"}}}]}),
    ('request.url_path == "/healthz"', {"path": "/healthz"}),
    ('request.url_path.startsWith("/p/")', {"prefix": "/p/"}),
    ('request.path.startsWith("/p")', {"prefix": "/p"}),
    ('request.url_path.matches("\\\\.php$")', {"safe_regex": {"regex": "\\C*(?:\\.php$)\\C*"}}),
    ('"X-Token" in request.headers', {"prefix": "", "headers": [{"name": "x-token", "present_match": True}]}),
    ('!("x-token" in request.headers)',
     {"prefix": "", "headers": [{"name": "x-token", "present_match": True, "invert_match": True}]}),
    ('!!("x-token" in request.headers)', {"prefix": "", "headers": [{"name": "x-token", "present_match": True}]}),
    ('request.url_path.startsWith("/a") && request.method == "GET" && "x-b" in request.headers',
     {"prefix": "/a", "headers": [{"name": ":method", "string_match": {"exact": "GET"}},
                                  {"name": "x-b", "present_match": True}]}),
]


@pytest.mark.parametrize("condition, match", MOVES, ids=[c for c, _ in MOVES])
def test_a_reply_under_a_condition_a_route_matches_moves(condition, match):
    placement = _first(_if(condition))
    assert placement.where == DIRECT_RESPONSE, placement.reason
    assert placement.mutation == {"name": "r line 4", "match": match,
                                  "direct_response": {"status": 403, "body": {"inline_string": "no"}}}


def test_the_route_sends_the_reply_s_literal_headers_in_order():
    placement = _first(_if('request.method == "GET"', 'respond 200 "" headers {"X-A": "50%", "x-b": "", "x-a": "2"}'))
    assert placement.mutation["direct_response"] == {"status": 200}
    assert placement.mutation["response_headers_to_add"] == [
        {"header": {"key": name, "value": value}, "append_action": "APPEND_IF_EXISTS_OR_ADD", "keep_empty_value": True}
        for name, value in [("x-a", "50%%"), ("x-b", ""), ("x-a", "2")]]


def test_a_bare_reply_is_a_route_for_every_request():
    placement = _first('respond 503 "closed"\n  set request.headers["x-a"] = "1"')
    assert placement.where == DIRECT_RESPONSE
    assert placement.mutation["match"] == {"prefix": ""}


# (rules, the phases after, the reason it stays)
STAYS = [
    (_if('request.headers["x-a"] == "1"'), "", "Envoy's header matcher tests each copy of a repeated header"),
    (_if('request.headers["x-a"].startsWith("1")'), "", "Envoy's header matcher tests each copy"),
    (_if('request.url_path.startsWith("/a") && request.url_path.matches("b")'), "", "tests the path twice"),
    (_if('request.path.startsWith("/a?b=")'), "", "the prefix must start with `/` and have no `?`"),
    (_if('request.url_path.startsWith("a")'), "", "the prefix must start with `/` and have no `?`"),
    (_if('request.url_path != "/a"'), "", "cannot invert a path matcher"),
    (_if('!request.url_path.startsWith("/a")'), "", "cannot invert a path matcher"),
    (_if('request.url_path == "/a?b"'), "", "never a path without query"),
    (_if('request.path == "/a"'), "", "does not match on"),
    (_if('request.host == "a"'), "", "does not match on"),
    (_if('request.method == "GET" || request.method == "HEAD"'), "", "route matchers say exactly"),
    (_if('request.method in ["GET", "H.AD"]'), "", "a literal list of method names"),
    (_if('request.method == "GET"', 'respond 302 "" headers {"location": "/x"}'), "",
     "adds a `location` header to 201 and 3xx"),
    (_if('request.method == "GET"', "respond 201"), "", "adds a `location` header to 201 and 3xx"),
    (_if('request.method == "GET"', 'respond 200 request.path'), "", "the reply's body is computed"),
    (_if('request.method == "GET"', 'respond 200 "' + "x" * 4097 + '"'), "", "over 4096 bytes"),
    (_if('request.method == "GET"', 'respond 200 "" headers {"x-a": request.path}'), "",
     "the reply's headers are computed"),
    (_if('request.method == "GET"', 'respond 200 "" headers {"server": "me"}'), "",
     "Envoy itself writes `server` on a reply"),
    (_if('request.method == "GET"'), 'on request body {\n  set request.headers["x"] = "1"\n}\n',
     "the filter has `on request body`"),
    (_if('request.method == "GET"') + "\n  log info \"x\"", "",
     "the rule on line 7 after it stays in the module and would run before Envoy's route answers"),
    (_if('request.method == "GET"') + '\n  set request.headers["x-n"] = string(size(request.path))', "",
     "the rule on line 7 after it stays in the module"),
    (_if('request.method == "GET"') + '\n  set request.headers["x-a"] = "1"',
     'on response {\n  set response.headers["x-echo"] = request.headers["x-a"]\n}\n',
     "the rule on line 7 after it writes a request header a later phase reads"),
    (_if('request.method == "GET"') + "\n  " + _if('request.headers["x-a"] == "1"', 'respond 401 ""'), "",
     "the reply on line 7 after it stays in the module, and would answer before Envoy's route"),
    (_if('"x-a" in request.headers') + '\n  remove request.headers["x-a"]', "",
     "the rule on line 7 writes what the condition reads"),
    (_if('request.url_path.startsWith("/a/")') + '\n  rewrite request.url_path "b" to "c"', "",
     "the rule on line 7 writes what the condition reads"),
    (_if('request.method == "GET"'), "counter seen\n", "the filter declares metrics"),
    (_if('request.url_path == "/a\\nb"'), "", "a literal of the condition has control bytes"),
]


@pytest.mark.parametrize("rules, tail, reason", STAYS, ids=[f"{i}" for i in range(len(STAYS))])
def test_a_reply_stays_in_the_module_with_the_exact_reason(rules, tail, reason):
    placement = _first(rules, tail)
    assert placement.where == MODULE and reason in placement.reason, placement.reason


def test_rules_before_the_reply_run_first_in_both_forms_unless_they_may_skip_it():
    placements = _placements(_reply('set request.headers["x-a"] = "1"\n  log info "x"\n  ' + _if('request.method == "GET"')))
    assert placements[2].where == DIRECT_RESPONSE
    placements = _placements(_reply(_if('"x-s" in request.headers', "continue") + "\n  " + _if('request.method == "GET"')))
    assert placements[1].where == MODULE and "the `continue` on line 4 may end the phase" in placements[1].reason


def test_literal_header_writes_and_moving_replies_may_follow_a_moved_reply():
    rules = (_if('request.method == "GET"') + '\n  set request.headers["x-a"] = "1"\n  add request.headers["x-b"] = "2"\n'
             '  remove request.headers["x-c"]\n  ' + _if('"x-z" in request.headers', 'respond 404 "b"') + "\n"
             '  rewrite request.url_path "z" to "y"')
    placements = _placements(_reply(rules))
    assert [p.where for p in placements][:1] + [placements[4].where] == [DIRECT_RESPONSE, DIRECT_RESPONSE]


def test_the_routes_go_before_the_main_route_in_rule_order():
    text = _reply(_if('request.method == "GET"') + "\n  " + _if('request.url_path == "/b"', 'respond 404 "b"'))
    result = front_end(Source("t.pwf", text))
    assert result.checked is not None
    done = planned(result.checked, result.source, "t.pwf")
    assert done.wasm is None and [r["name"] for r in done.routes_before] == ["r line 4", "r line 7"]
    built = listener(Listener("r", routes_before=done.routes_before), None)
    routes = built["filter_chains"][0]["filters"][0]["typed_config"]["route_config"]["virtual_hosts"][0]["routes"]
    assert [r.get("name") for r in routes] == ["r line 4", "r line 7", None]
    assert routes[-1]["match"] == {"prefix": "/"}


def test_many_replies_in_a_row_plan_at_once():
    """Each reply asks about every reply after it; the answers are kept, so 60 replies take one pass each."""
    replies = "\n  ".join(_if(f'request.url_path == "/p{n}"', f'respond 404 "{n}"') for n in range(60))
    placements = _placements(_reply(replies))
    assert [p.where for p in placements] == [DIRECT_RESPONSE] * 60
