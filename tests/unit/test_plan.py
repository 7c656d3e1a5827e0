"""`pwc plan`: where each rule runs.  Every example's plan is a golden file
(tests/golden/plans); the placement rules are checked one by one here, and
in a real Envoy by tests/e2e/test_native_equivalence.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pwc.compiler.driver import front_end
from pwc.compiler.plan import FEATURE, HOST_REWRITE, MODULE, plan, planned, render
from pwc.compiler.source import Source

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.pwf"))
GOLDEN = ROOT / "tests" / "golden" / "plans"


def _plan(text: str):
    result = front_end(Source("t.pwf", text))
    assert result.ok and result.checked is not None, result.render()
    return plan(result.checked, result.source)


def _where(text: str) -> list[tuple[int, str, str]]:
    return [(p.line, p.where, p.reason) for p in _plan(text).placements]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_plan_of_every_example_matches_its_golden(path: Path, golden):
    result = front_end(Source(path.name, path.read_text(encoding="utf-8")))
    assert result.checked is not None
    golden(GOLDEN / f"{path.stem}.plan", render(plan(result.checked, result.source), f"examples/{path.name}"))


def test_literal_header_rules_move_and_the_filter_needs_no_module():
    placed = _where('filter "h"\non request {\n  set request.headers["x-a"] = "1"\n  remove request.headers["x-b"]\n}\n'
                    'on response {\n  add response.headers["x-c"] = "2"\n}\n')
    assert [w for _, w, _ in placed] == [FEATURE["request"], FEATURE["request"], FEATURE["response"]]
    result = front_end(Source("t.pwf", 'filter "h"\non request {\n  set request.headers["x-a"] = "50%"\n}\n'))
    assert result.checked is not None
    done = planned(result.checked, result.source, "t.pwf")
    assert done.wasm is None and done.filters_before == []
    mutation = done.filters_after[0]["typed_config"]["mutations"]["request_mutations"][0]
    assert mutation == {"append": {"header": {"key": "x-a", "value": "50%%"},
                                   "append_action": "OVERWRITE_IF_EXISTS_OR_ADD", "keep_empty_value": True}}


@pytest.mark.parametrize("rules, reason", [
    ('if request.path == "/x" {\n    continue\n  }\n  set request.headers["x-a"] = "1"',
     "the `continue` on line 4 may end the phase before this rule"),
    ('set request.headers["x-a"] = "1"\n  log info request.headers["x-a"]',
     'the rule on line 5 reads or writes `request.headers["x-a"]` after it'),
    ('set request.headers["x-a"] = "1"\n  set request.headers["x-b"] = request.query',
     "the rule on line 5 writes a request header after it"),
    ('set request.headers["x-a"] = "1"\n  for name, value in request.headers {\n    log info name\n  }',
     "the rule on line 5 reads every request header after it"),
    ('set request.headers["x-envoy-retry-on"] = "5xx"', "Envoy itself sets, strips or frames the message with `x-envoy-retry-on`"),
    ('set request.headers["x-a"] = request.query', "the value's `request.query` is computed by the module"),
])
def test_a_rule_stays_when_its_move_could_be_observed(rules, reason):
    placed = _where(f'filter "h"\n\non request {{\n  {rules}\n}}\n')
    setting = [p for p in placed if p[0] == (7 if rules.startswith("if") else 4)]
    assert setting and setting[0][1] == MODULE and reason in setting[0][2], placed


def test_a_response_rule_moves_only_with_its_whole_phase():
    placed = _where('filter "h"\non response {\n  set response.headers["x-a"] = "1"\n'
                    '  if response.code == 500 {\n    respond 502 "bad"\n  }\n}\n')
    assert placed[0][1] == MODULE and "only a wholly native `on response` moves" in placed[0][2]


def test_a_later_phase_reading_the_header_keeps_the_rule():
    placed = _where('filter "h"\non request {\n  set request.headers["x-a"] = "1"\n}\n'
                    'on response {\n  set response.headers["x-echo"] = request.headers["x-a"]\n}\n')
    assert placed[0][1] == MODULE and "line 6" in placed[0][2]


def test_plan_json_on_the_command_line(tmp_path):
    source = tmp_path / "h.pwf"
    source.write_text('filter "h"\non request {\n  set request.headers["x-a"] = "1"\n}\non response {\n  log info "x"\n}\n')
    done = subprocess.run([sys.executable, "-m", "pwc.cli", "plan", "--json", str(source)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["filter"] == "h" and [r["where"] for r in data["rules"]] == [FEATURE["request"], MODULE]
    assert data["rules"][0]["envoy"]["append"]["header"] == {"key": "x-a", "value": "1"}
    bad = tmp_path / "bad.pwf"
    bad.write_text('filter "h"\non request {\n  set request.headers["x-a"] = \n}\n')
    done = subprocess.run([sys.executable, "-m", "pwc.cli", "plan", str(bad)], capture_output=True, text=True)
    assert done.returncode == 1 and "bad.pwf:4" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("doc", ["README.md", "docs/native.md"])
def test_the_plans_the_docs_show_are_what_pwc_plan_prints(doc):
    text = (ROOT / doc).read_text(encoding="utf-8")
    shown = 0
    for block in text.split("    $ pwc plan ")[1:]:
        lines = block.split("\n")
        name = lines[0].strip()
        printed = []
        for line in lines[1:]:
            if not line.startswith("    "):
                break
            printed.append(line[4:])
        result = front_end(Source(Path(name).name, (ROOT / name).read_text(encoding="utf-8")))
        assert result.checked is not None
        assert "\n".join(printed) + "\n" == render(plan(result.checked, result.source), name), name
        shown += 1
    assert shown >= 2


def test_a_response_body_phase_keeps_the_response_rules():
    placed = _where('filter "h"\non response {\n  set response.headers["x-a"] = "1"\n}\n'
                    'on response body {\n  set response.body = response.body + "!"\n}\n')
    assert placed[0][1] == MODULE and "`on response body` may replace the response" in placed[0][2]


def test_a_keyless_limit_stays_and_says_how_local_ratelimit_differs():
    """tests/e2e/test_native_facts.py shows the difference in Envoy."""
    placed = _where('filter "h"\non request {\n  limit to 10 per 1s\n}\n')
    assert placed[0][1] == MODULE
    assert "gives a token back every PERIOD/COUNT" in placed[0][2] and "`local_rate_limited`" in placed[0][2]


def test_later_rules_that_move_too_do_not_keep_a_rule():
    """Envoy applies one filter's mutations in rule order: only later rules that stay observe a move."""
    placed = _where('filter "h"\non request {\n  set request.headers["x-a"] = "1"\n'
                    '  set request.headers["x-b"] = request.headers["x-a"]\n  remove request.headers["x-a"]\n}\n'
                    'on response {\n  log info "x"\n}\n')
    assert [w for _, w, _ in placed] == [FEATURE["request"]] * 3 + [MODULE]
    placed = _where('filter "h"\non request {\n  set request.headers["x-a"] = "1"\n'
                    '  set request.headers["x-b"] = request.headers["x-a"].lowerAscii()\n'
                    '  set request.headers["x-c"] = "3"\n}\n')
    assert [w for _, w, _ in placed] == [MODULE, MODULE, MODULE]
    assert "the rule on line 4 writes a request header after it" in placed[0][2]
    assert "the module runs `on request` anyway (line 3 stays in it)" in placed[2][2]  # cost, not order


HOST = 'filter "h"\non request {\n  set request.host = "backend.internal"\n%s}\n'


@pytest.mark.parametrize("after, where, why", [
    ("", HOST_REWRITE, "sets the host to a literal"),
    ('  set request.headers["x-a"] = "1"\n', HOST_REWRITE, "sets the host"),  # a pseudo-header has no order
    ('  set request.headers["x-h"] = request.host\n', MODULE, "the rule on line 4 reads or writes the host after it"),
    ('  log info "x"\n', MODULE, "the module runs `on request` anyway (line 4 stays in it)"),
])
def test_a_literal_host_moves_to_the_route_unless_something_sees_it(after, where, why):
    placed = _where(HOST % after)
    assert placed[0][1] == where and why in placed[0][2], placed[0]


def test_a_computed_host_stays_and_the_route_rewrites_remove_what_the_router_adds():
    placed = _where('filter "h"\non request {\n  set request.host = request.headers["x-to"]\n}\n')
    assert placed[0][1] == MODULE and "literal only" in placed[0][2]
    text = HOST % '  rewrite request.url_path "^/v1/" to "/v2/"\n'
    result = front_end(Source("h.pwf", text))
    assert result.checked is not None
    made = planned(result.checked, result.source, "h.pwf")
    assert made.wasm is None and made.route_action == {
        "host_rewrite_literal": "backend.internal",
        "regex_rewrite": {"pattern": {"regex": "^/v1/"}, "substitution": "/v2/"}}
    (upstream,) = made.upstream_filters
    removed = [m["remove"] for m in upstream["typed_config"]["mutations"]["request_mutations"]]
    assert removed == ["x-envoy-original-host", "x-envoy-original-path"]
