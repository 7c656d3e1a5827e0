"""Facts about Envoy 1.40's own features that native lowering relies on, or
that keep a rule in the module (docs/envoy-behaviour.md, "Envoy's native
features"; docs/native.md).  Native configuration only: no module here but
the one pwc's `limit` is compared with."""

from __future__ import annotations

import time

import pytest

from pwc.compiler.driver import compile_source
from pwc.compiler.plan import header_mutation_filter
from pwc.envoy_config import proxy_protocol
from pwc.runtime.envoy import Listener, Response, http_request
from pwc.runtime.http1 import encode_request, proxy_header, raw_request

pytestmark = pytest.mark.e2e

LOCAL_RATELIMIT = "type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit"
ALWAYS = {"default_value": {"numerator": 100, "denominator": "HUNDRED"}}


def _set(name: str, value: str) -> dict:
    return {"append": {"header": {"key": name, "value": value}, "append_action": "OVERWRITE_IF_EXISTS_OR_ADD",
                       "keep_empty_value": True}}


def _seen(upstream, name: str) -> list[str]:
    return [value for header, value in upstream.requests[-1].headers if header == name]


def test_cel_joins_a_repeated_header_where_req_gives_its_first_copy(envoy_factory, upstream):
    mutations = [_set("x-req", "%REQ(y)%"), _set("x-cel", "%CEL(request.headers['y'])%"),
                 _set("x-lit", "100%% %CEL(request.headers['y'])%!")]
    envoy = envoy_factory([Listener("m", http_filters_after=[header_mutation_filter(mutations, [])])])
    port = envoy.listener_port("m")
    expected = {  # the client's copies of y -> (x-req, x-cel)
        (("y", "a"), ("y", "b")): ("a", "a,b"),
        (("y", ""), ("y", "x")): ("", ",x"),
        (): ("", ""),  # missing: "" for both, kept by keep_empty_value
        (("Y", "%REQ(x-req)%"),): ("%REQ(x-req)%", "%REQ(x-req)%"),  # substituted text is not expanded again
        (("y", "t\tz"),): ("t\tz", "t\tz"),
    }
    for copies, (first, joined) in expected.items():
        assert http_request(port, "GET", "/", list(copies)).status == 200
        assert (_seen(upstream, "x-req"), _seen(upstream, "x-cel")) == ([first], [joined]), copies
        assert _seen(upstream, "x-lit") == [f"100% {joined}!"]
    assert http_request(port, "GET", "/", [("y", "a\x01b")]).status == 400  # no control byte but tab reaches a filter


def test_mutations_apply_in_order_and_addresses_format_as_cel_reads_them(envoy_factory, upstream):
    request = [_set("x-a", "1"), _set("x-b", "%CEL(request.headers['x-a'])%"),
               _set("x-addr", "%DOWNSTREAM_REMOTE_ADDRESS%|%CEL(source.address)%"),
               _set("x-ip", "%DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%|%DOWNSTREAM_LOCAL_ADDRESS_WITHOUT_PORT%"),
               _set("x-local", "%DOWNSTREAM_LOCAL_ADDRESS%|%CEL(destination.address)%")]
    response = [_set("x-s", "new"), _set("x-s2", "%CEL(response.headers['x-s'])%|%CEL(request.headers['x-b'])%")]
    upstream.responder = lambda _: Response(200, [("x-s", "s1"), ("x-s", "s2")], b"ok")
    envoy = envoy_factory([Listener("m", listener_filters=[proxy_protocol()],
                                    http_filters_after=[header_mutation_filter(request, response)])])
    for source, destination, ip in [(("2001:db8::7", 443), ("2001:db8::1", 8080), "2001:db8::7|2001:db8::1"),
                                    (("10.1.2.3", 5555), ("10.0.0.1", 80), "10.1.2.3|10.0.0.1")]:
        reply = raw_request(envoy.listener_port("m"), proxy_header(source, destination) + encode_request("GET", "/", []))
        host = f"[{source[0]}]" if ":" in source[0] else source[0]
        local = f"[{destination[0]}]" if ":" in destination[0] else destination[0]
        assert _seen(upstream, "x-b") == ["1"]
        assert _seen(upstream, "x-addr") == [f"{host}:{source[1]}|{host}:{source[1]}"]
        assert _seen(upstream, "x-ip") == [ip]
        assert _seen(upstream, "x-local") == [f"{local}:{destination[1]}|{local}:{destination[1]}"]
        assert [v for n, v in reply.headers if n == "x-s2"] == ["new|1"]


def test_local_ratelimit_refills_continuously_and_answers_otherwise_than_limit(envoy_factory, upstream):
    """Why a keyless `limit` stays in the module: with the same COUNT and PERIOD, Envoy's
    token bucket gives a token back every PERIOD/COUNT, where `limit` waits for its window to
    end; and its 429 is not pwc's."""
    module = compile_source('filter "rl"\non request {\n  limit to 2 per 4s\n}\n', "rl.pwf")
    assert module.ok and module.wasm is not None, module.render()
    bucket = {"@type": LOCAL_RATELIMIT, "stat_prefix": "rl", "filter_enabled": ALWAYS, "filter_enforced": ALWAYS,
              "token_bucket": {"max_tokens": 2, "tokens_per_fill": 2, "fill_interval": "4s"},
              "enable_x_ratelimit_headers": "DRAFT_VERSION_03"}
    envoy = envoy_factory([Listener("pwc", wasm=module.wasm), Listener(
        "native", http_filters_after=[{"name": "envoy.filters.http.local_ratelimit", "typed_config": bucket}])])
    began = time.monotonic()
    statuses: dict[str, list[int]] = {"pwc": [], "native": []}
    replies = {}
    for at in (0.0, 0.0, 0.0, 2.5):  # three at once, then one a little past PERIOD/COUNT
        time.sleep(max(0.0, began + at - time.monotonic()))
        for form in statuses:
            reply = http_request(envoy.listener_port(form), "GET", "/")
            statuses[form].append(reply.status)
            replies.setdefault((form, reply.status), reply)
    assert time.monotonic() - began < 3.9, "too slow to stay in one window"
    assert statuses == {"pwc": [200, 200, 429, 429], "native": [200, 200, 429, 200]}
    refused = {form: replies[form, 429] for form in statuses}
    assert refused["pwc"].body == b"too many requests\n" and refused["native"].body == b"local_rate_limited"
    assert "retry-after" in dict(refused["pwc"].headers) and "retry-after" not in dict(refused["native"].headers)
    assert dict(refused["native"].headers)["content-type"] == "text/plain"
    assert "x-ratelimit-reset" in dict(replies["native", 200].headers)  # on passing responses too
    assert "x-ratelimit-limit" not in dict(replies["pwc", 200].headers)


REWRITE = {"regex_rewrite": {"pattern": {"regex": "banana"}, "substitution": "status"}}


def test_only_an_upstream_filter_takes_away_what_a_route_rewrite_adds(envoy_factory, upstream):
    """Why a planned rewrite costs an upstream filter more than the hand-written route
    (docs/native.md, "What it costs"): the router adds x-envoy-original-path whenever the
    route rewrites, matched or not, after its own x-envoy-expected-rq-timeout-ms (so a
    module writing it itself would send another order), and after the route's own header
    removals (so they cannot take it away); an upstream filter can."""
    remove = header_mutation_filter([{"remove": "x-envoy-original-path"}], [])
    envoy = envoy_factory([
        Listener("route", route_action=REWRITE, http_filters_after=[header_mutation_filter([_set("x-a", "1")], [])]),
        Listener("removal", route_action=REWRITE, route_options={"request_headers_to_remove": ["x-envoy-original-path"]}),
        Listener("upstream", route_action=REWRITE, router_upstream_filters=[remove])])
    for path, rewritten in (("/banana/1?q=banana", "/status/1?q=banana"), ("/apple/1", "/apple/1")):
        http_request(envoy.listener_port("route"), "GET", path, [("x-envoy-original-path", "/forged")])
        seen = upstream.requests[-1]
        assert seen.path == rewritten
        assert [name for name, _ in seen.headers][-3:] == ["x-a", "x-envoy-expected-rq-timeout-ms",
                                                           "x-envoy-original-path"]
        assert _seen(upstream, "x-envoy-original-path") == [path]  # the client's own was stripped
        http_request(envoy.listener_port("removal"), "GET", path)
        assert _seen(upstream, "x-envoy-original-path") == [path]
        http_request(envoy.listener_port("upstream"), "GET", path)
        assert upstream.requests[-1].path == rewritten and _seen(upstream, "x-envoy-original-path") == []
