"""Native lowering keeps meaning: every generated filter (tests/native_corpus.py)
and every example runs in a real Envoy twice, as one module (`--wasm-only`) and
planned (header_mutation filters around what is left of the module, or none),
against the same requests; the upstream must see the same request and the
client get the same response, byte for byte (but for what Envoy makes new on
each request: x-request-id, date, the upstream's service time)."""

from __future__ import annotations

from pathlib import Path

import pytest

from native_corpus import (ADDRESSES, REPLY_FILTERS, REPLY_REQUESTS, REQUESTS, VALUE_CASES, filters,
                           upstream_answer)
from pwc.compiler.driver import compile_source, front_end
from pwc.compiler.plan import MODULE, planned
from pwc.compiler.plan_reply import DIRECT_RESPONSE
from pwc.compiler.source import Source
from pwc.envoy_config import proxy_protocol
from pwc.runtime.envoy import Envoy, Listener, Response, Upstream
from pwc.runtime.http1 import encode_request, proxy_header, raw_request

pytestmark = pytest.mark.e2e

CORPUS_SIZE = 500
PER_ENVOY = 25  # filters per Envoy: two listeners each
VARYING = {"x-request-id", "date", "x-envoy-upstream-service-time"}
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _listeners(index: int, text: str) -> list[Listener]:
    result = front_end(Source(f"f{index}.pwf", text))
    assert result.ok, result.render()
    whole = compile_source(text, f"f{index}.pwf")
    assert whole.ok, whole.render()
    assert result.checked is not None
    plan = planned(result.checked, result.source, f"f{index}.pwf")
    # The connection's addresses come from a PROXY protocol header: the same for both forms.
    return [Listener(f"w{index}", wasm=whole.wasm, filter_name=f"w{index}", listener_filters=[proxy_protocol()]),
            Listener(f"p{index}", wasm=plan.wasm, filter_name=f"p{index}", listener_filters=[proxy_protocol()],
                     http_filters_before=plan.filters_before, http_filters_after=plan.filters_after,
                     route_action=plan.route_action, routes_before=plan.routes_before,
                     router_upstream_filters=plan.upstream_filters)]


def _seen(request) -> tuple:
    return (request.method, request.path, [(n, v) for n, v in request.headers if n.lower() not in VARYING],
            request.body)


def _got(reply) -> tuple:
    return reply.status, [(n, v) for n, v in reply.headers if n.lower() not in VARYING], reply.body


def _run_batch(texts: dict[int, str], requests=REQUESTS, replies: list | None = None) -> tuple[list[str], int]:
    """Every request through both forms of every filter; the differences found, and how many requests ran
    (and in `replies`, every response that did not come from the upstream)."""
    listeners = [spec for index, text in texts.items() for spec in _listeners(index, text)]
    differences, sent = [], 0
    with Upstream(lambda request: Response(*upstream_answer(request.path))) as upstream, \
            Envoy(listeners, upstream_port=upstream.port) as envoy:
        for index in texts:
            for number, (method, path, headers, body) in enumerate(requests):
                address = proxy_header(*ADDRESSES[number % len(ADDRESSES)])
                sent_bytes = address + encode_request(method, path, headers, body)
                outcomes = []
                for form in ("w", "p"):
                    before = len(upstream.requests)
                    reply = raw_request(envoy.listener_port(f"{form}{index}"), sent_bytes, method=method)
                    reached = upstream.requests[before:]
                    outcomes.append((_got(reply), [_seen(r) for r in reached]))
                    if not reached and replies is not None:
                        replies.append(reply)
                sent += 2
                if outcomes[0] != outcomes[1]:
                    differences.append(f"filter {index}, {method} {path}:\n  module:  {outcomes[0]}\n"
                                       f"  planned: {outcomes[1]}\n{texts[index]}")
    return differences, sent


@pytest.mark.parametrize("batch", range(CORPUS_SIZE // PER_ENVOY))
def test_generated_filters_behave_the_same_planned(batch):
    corpus = filters(CORPUS_SIZE)
    texts = {index: corpus[index] for index in range(batch * PER_ENVOY, (batch + 1) * PER_ENVOY)}
    differences, sent = _run_batch(texts)
    assert sent == 2 * len(texts) * len(REQUESTS)
    assert not differences, differences[0]


def test_the_corpus_exercises_both_forms():
    """Most filters move some rules, some move all, some none, and enough move a reply to a route:
    the corpus tests each case."""
    moved_all = moved_some = moved_none = with_routes = 0
    for index, text in enumerate(filters(CORPUS_SIZE)):
        result = front_end(Source(f"f{index}.pwf", text))
        assert result.checked is not None
        where = [p.where for p in planned(result.checked, result.source, "f.pwf").plan.placements]
        with_routes += DIRECT_RESPONSE in where
        if all(w != MODULE for w in where):
            moved_all += 1
        elif any(w != MODULE for w in where):
            moved_some += 1
        else:
            moved_none += 1
    assert min(moved_all, moved_some, moved_none, with_routes) >= 40, (moved_all, moved_some, moved_none, with_routes)


def test_replies_moved_to_routes_behave_the_same_planned():
    """Envoy's direct response is the module's reply to the client, to the module's later phases (`on response`,
    `on response body`, `on done`), for HEAD and for requests with bodies; neither has the upstream's service time."""
    for text in REPLY_FILTERS:
        result = front_end(Source("r.pwf", text))
        assert result.checked is not None
        assert DIRECT_RESPONSE in [p.where for p in planned(result.checked, result.source, "r.pwf").plan.placements]
    replies: list = []
    differences, _ = _run_batch(dict(enumerate(REPLY_FILTERS)), REPLY_REQUESTS, replies)
    assert not differences, differences[0]
    assert len(replies) >= 20 and all(r.header("x-envoy-upstream-service-time") is None for r in replies)


def test_every_example_behaves_the_same_planned():
    texts = {i: path.read_text(encoding="utf-8") for i, path in enumerate(sorted(EXAMPLES.glob("*.pwf")))
             if "config {" not in path.read_text(encoding="utf-8")}
    differences, _ = _run_batch(texts)
    assert not differences, differences[0]


def test_value_forms_move_as_planned_and_behave_the_same():
    """Values Envoy's formatter computes: the rules that must move do, those that must stay do,
    and both forms agree on the requests that tell them apart."""
    for text, expected in VALUE_CASES:
        result = front_end(Source("v.pwf", text))
        assert result.checked is not None, result.render()
        moved = {p.line: p.where != MODULE for p in planned(result.checked, result.source, "v.pwf").plan.placements}
        assert {line: moved[line] for line in expected} == expected, text
    differences, _ = _run_batch(dict(enumerate(text for text, _ in VALUE_CASES)))
    assert not differences, differences[0]
