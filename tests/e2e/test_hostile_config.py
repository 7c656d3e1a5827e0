"""Big and hostile configurations in a real Envoy: 10,000 records, networks
and patterns read at configure time, then used on every request; a
configured pattern that backtracking engines take exponential time on.
Nothing traps, no request gets a 500, and the time a request takes grows
with what it is matched against, not faster."""

from __future__ import annotations

import json

import pytest
from hostile_envoy import filter_in_envoy, timed_request

from pwc.compiler.driver import compile_source
from pwc.runtime.envoy import Envoy, EnvoyStartError, Listener

pytestmark = pytest.mark.e2e

ITEMS = 10_000

FILTER = '''filter "bigconfig"
type Consumer {
  name: string
  credential: string
  paths: list<string> = []
}
config {
  consumers: list<Consumer> = []
  allow: list<cidr> = []
  blocked: list<regex> = []
  limits: map<string, int> = {}
}
on request {
  let key = request.headers["x-key"]
  let found = config.consumers.filter(c, c.credential == key)
  if size(found) == 0 {
    respond 401 "unknown key"
  }
  set request.headers["x-consumer"] = found[0].name
  set request.headers["x-limit"] = string(config.limits[found[0].name])
  let peer = request.headers["x-peer"]
  set request.headers["x-allowed"] = string(config.allow.exists(n, n.containsIP(ip(peer))))
  if config.blocked.exists(p, request.path.matches(p)) {
    respond 403 "blocked"
  }
}
'''

# 10,000 of each (the whole under the 1 MiB the module reads); the last consumer's key, the last network and the last pattern are the interesting ones.
CONFIG = json.dumps({
    "consumers": [{"name": f"c{k}", "credential": f"key-{k:05}"} for k in range(ITEMS)],
    "allow": [f"10.{k // 256 % 256}.{k % 256}.0/24" for k in range(ITEMS - 1)] + ["192.168.7.7"],
    "blocked": [f"^/b/{k}/" for k in range(ITEMS - 1)] + ["(a*)*b"],
    "limits": {f"c{k}": k for k in range(ITEMS)},
}, separators=(",", ":"))
assert len(CONFIG) < 1 << 20  # the module reads at most 1 MiB


@pytest.fixture(scope="module")
def envoy(session_upstream, envoy_path):
    with filter_in_envoy("bigconfig", FILTER, session_upstream.port, CONFIG) as running:
        yield running


def _send(envoy, upstream, headers, path="/"):
    return timed_request(envoy, "bigconfig", upstream, headers, path, timeout=60)


def test_the_last_of_ten_thousand_records_is_found(envoy, upstream):
    response, _, seen = _send(envoy, upstream, [("x-key", f"key-{ITEMS - 1:05}"), ("x-peer", "192.168.7.7")])
    assert response.status == 200, response.body[:200]
    assert seen.header("x-consumer") == f"c{ITEMS - 1}"
    assert seen.header("x-limit") == str(ITEMS - 1)
    assert seen.header("x-allowed") == "true"  # an address alone in a cidr list: that one host


def test_an_unknown_key_and_a_peer_outside_every_network(envoy, upstream):
    response, _, _ = _send(envoy, upstream, [("x-key", "nope")])
    assert (response.status, response.body) == (401, b"unknown key")
    response, _, seen = _send(envoy, upstream, [("x-key", "key-00001"), ("x-peer", "not an address")])
    assert response.status == 200 and seen.header("x-allowed") == "false"


def test_a_configured_pattern_blocks(envoy, upstream):
    response, _, _ = _send(envoy, upstream, [("x-key", "key-00001")], path=f"/b/{ITEMS - 2}/x")
    assert (response.status, response.body) == (403, b"blocked")


def test_an_exponential_pattern_runs_in_linear_time(envoy, upstream):
    """`(a*)*b` on a path of a's: a backtracking engine takes 2^n steps; the
    module's takes a few per byte, so 4x the path takes about 4x the time."""
    def best_of_three(size: int) -> float:
        return min(_send(envoy, upstream, [("x-key", "key-00001")], path="/" + "a" * size)[1] for _ in range(3))

    small, large = best_of_three(4 << 10), best_of_three(16 << 10)
    assert _send(envoy, upstream, [("x-key", "key-00001")], path="/" + "a" * (16 << 10))[0].status == 200
    # Each request also scans 10,000 records and networks, a fixed cost; quadratic would be 16x the pattern's part.
    assert large < 8 * max(small, 0.002), (small, large)


def test_a_bad_pattern_among_ten_thousand_refuses_the_configuration(envoy_path, session_upstream):
    config = json.loads(CONFIG)
    config["blocked"][ITEMS // 2] = "(unclosed"
    result = compile_source(FILTER, "bigconfig.pwf")
    envoy = Envoy([Listener("bigconfig", wasm=result.wasm, filter_name="bigconfig", config=json.dumps(config))],
                  upstream_port=session_upstream.port, startup_timeout=20)
    with pytest.raises(EnvoyStartError) as refused:
        envoy.start()
    errors = [line for line in refused.value.log.splitlines() if "bad configuration" in line]
    assert len(errors) == 1, refused.value.log
    assert f"bigconfig: bad configuration: blocked[{ITEMS // 2}]: bad pattern: missing ) at offset 0" in errors[0]
