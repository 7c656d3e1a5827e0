"""pwc's compiled regexes against Envoy's own RE2, in a real Envoy.

For a part of the regex corpus (tests/conformance/regex/patterns.txt), one
Envoy runs two listeners per pattern: `pwc<i>` with a filter doing
`rewrite request.url_path PAT to TPL`, and `native<i>` with no filter and the
route's `regex_rewrite: {pattern: {regex: PAT}, substitution: TPL}`.  The same
paths (fixed ones, and hypothesis ones built from the pattern's own
characters; REGEX_ENVOY_EXAMPLES of those per pattern, default 4) go through
both; the upstream must see identical request lines, except where Envoy's
result does not start with `/`: pwc refuses to send that request (400).

Both listeners match every path (`prefix: ""`): the wasm filter rewrites
before routing and Envoy re-matches the route afterwards, the native rewrite
happens after routing, so a result that does not start with `/` must not
turn into a 404 on one side only.

Also here: the talk's banana filter (examples/banana.pwf) in Envoy, a
pathological pattern through Envoy with its linear-cost check, and the
located error of a pattern over the automaton limit from `pwc check`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pwc.compiler.driver import compile_source
from pwc.compiler.regex import compile_regex
from pwc.runtime.envoy import Envoy, Listener, http_request
from pwc.runtime.host import Host
from pwc.runtime.model import Response

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "conformance" / "regex" / "patterns.txt"
EXAMPLES = ROOT / "examples"

# (pattern, template in pwc syntax).  Every pattern is a line of the corpus;
# templates are chosen so that results stay plausible request targets.
CASES: list[tuple[str, str]] = [
    # the issue's examples
    (r"banana/([0-9]*)", r"status/$1"),
    (r"^/service/([^/]+)(/.*)$", r"\2/instance/\1"),
    (r"one", r"two"),
    # empty matches
    (r"a*", r"-"),
    (r"b*", r"_"),
    (r"[^/]*", r"($0)"),
    (r"(a*)(b*)", r"($2:$1)"),
    (r"x*", r"-"),
    (r"\b", r"!"),
    (r"\B", r"~"),
    # lazy quantifiers
    (r"a+?", r"($0)"),
    (r"(a+?)(a*)", r"$2:$1"),
    (r"(.*?)(\d+)", r"$2:$1"),
    (r"^(.*?)(/.*)?$", r"/($1)($2)"),
    (r"a{2,3}?", r"X"),
    (r"(?U)(a+)(a+)", r"$2:$1"),
    # alternation priority
    (r"a|ab", r"($0)"),
    (r"ab|a", r"($0)"),
    (r"(foo|foobar)", r"($1)"),
    (r"(foobar|foo)", r"($1)"),
    (r"(a|ab)(c|bcd)(d*)", r"$3:$2:$1"),
    (r"cat|dog|bird", r"pet"),
    (r"x(a|b|)y", r"($1)"),
    # anchors and boundaries
    (r"^", r"/p"),
    (r"$", r"/end"),
    (r"\bfoo\b", r"bar"),
    (r"(^|/)a", r"$1A"),
    (r"a(/|$)", r"A$1"),
    (r"(?m)^abc", r"X"),
    # case-insensitive
    (r"(?i)abc", r"X"),
    (r"(?i)[a-c]+", r"_"),
    (r"(?i)^/Admin", r"/admin"),
    # captures and repetition
    (r"(a*)+", r"($1)"),
    (r"(x)?(y)?", r"($1:$2)"),
    (r"(\d+)-(\d+)", r"$2-$1"),
    (r"(.*)/(.*)", r"$2/$1"),
    (r"(ab){1,3}", r"($1)"),
    (r"\Qa.b\E", r"ab"),
    # typical path rewrites
    (r"^/api/v(\d+)/(.*)$", r"/v$1/$2"),
    (r"^/([^/]+)/([^/]+)", r"/$2/$1"),
    (r"//+", r"/"),
    (r"\.(jpg|png|gif)$", r".webp"),
    (r"%[0-9a-fA-F]{2}", r"_"),
    (r"^(/v[12])?/users/(\d+)", r"/people/$2"),
    (r"^/(en|fr|de)(/|$)", r"/$2"),
    (r"[[:digit:]]", r"N"),
]

FIXED_PATHS = [
    "/",
    "/service/foo/v1/api",
    "/xxx/one/yyy/one/zzz",
    "/banana/42?q=banana/9&one=1",
    "/api/v2/users/17/photo.png?token=abc",
    "/Admin/abc/ABC/aab/foobar/catdog/xaby",
    "/en/aaa//bbb/%2F/12-34/foo.bar",
    "/v1/users/7/abcd/aaa",
]

# Request-target characters Envoy's codec accepts and forwards unchanged.
URL_SAFE = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/%")
COMMON_PIECES = ["/", "a", "b", "x", "y", "0", "7", "-", ".", "ab", "foo", "one", "%2F", "aA", "//"]
GENERATED_PER_PATTERN = int(os.environ.get("REGEX_ENVOY_EXAMPLES", "4"))


def test_cases_come_from_the_corpus():
    corpus = {line.split("\t")[0] for line in CORPUS.read_text(encoding="utf-8").splitlines()
              if line and not line.startswith("#")}
    assert [pattern for pattern, _ in CASES if pattern not in corpus] == []
    assert len(CASES) >= 30


def envoy_substitution(template: str) -> str:
    """pwc template -> RE2 rewrite string, which Envoy's `substitution` is ($n -> \\n, $$ -> $)."""
    out, i = [], 0
    while i < len(template):
        ch = template[i]
        if ch == "$":
            nxt = template[i + 1]
            out.append("$" if nxt == "$" else "\\" + nxt)
            i += 2
        elif ch == "\\":
            out.append(template[i:i + 2])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def rewrite_filter(target: str, pattern: str, template: str, name: str = "rx") -> str:
    assert '"' not in pattern + template
    return (f'filter "{name}"\n\non request {{\n'
            f'  rewrite {target} r"{pattern}" to r"{template}"\n}}\n')


def compiled(text: str, name: str = "t.pwf") -> bytes:
    result = compile_source(text, name)
    assert result.ok and result.wasm is not None, result.render()
    return result.wasm


def match_everything(bootstrap: dict) -> None:
    """Every route matches any :path (see the module docstring); RE2 programs as large as the corpus's."""
    for listener in bootstrap["static_resources"]["listeners"]:
        manager = listener["filter_chains"][0]["filters"][0]["typed_config"]
        for host in manager["route_config"]["virtual_hosts"]:
            for route in host["routes"]:
                route["match"] = {"prefix": ""}
    bootstrap["layered_runtime"] = {"layers": [{"name": "static", "static_layer": {
        "re2.max_program_size.error_level": 100000, "re2.max_program_size.warn_level": 100000}}]}


@pytest.fixture(scope="module")
def envoy(session_upstream, envoy_path):
    listeners = []
    for i, (pattern, template) in enumerate(CASES):
        wasm = compiled(rewrite_filter("request.url_path", pattern, template, f"rx{i}"), f"rx{i}.pwf")
        listeners.append(Listener(f"pwc{i}", wasm=wasm, filter_name=f"rx{i}"))
        listeners.append(Listener(f"native{i}", route_action={"regex_rewrite": {
            "pattern": {"regex": pattern}, "substitution": envoy_substitution(template)}}))
    listeners.append(Listener("banana", wasm=banana_module(), filter_name="banana"))
    with Envoy(listeners, upstream_port=session_upstream.port, customize=match_everything,
               startup_timeout=60.0) as running:
        yield running
        assert "Uncaught" not in running.log_text()


def banana_module() -> bytes:
    return compiled((EXAMPLES / "banana.pwf").read_text(encoding="utf-8"), "banana.pwf")


def seen_by_upstream(envoy, upstream, listener: str, path: str) -> tuple[int, str | None]:
    """(status, path the upstream received or None)."""
    upstream.clear()
    response = http_request(envoy.listener_port(listener), "GET", path, [])
    return response.status, (upstream.requests[-1].path if upstream.requests else None)


def compare(envoy, upstream, index: int, path: str) -> tuple[tuple, tuple]:
    """(what pwc's listener gave, what it must give given Envoy's native rewrite).
    Envoy sends a rewritten path that does not start with `/` upstream as it is,
    a malformed request line; pwc refuses it with its 400 (tests/e2e/test_hostile_values.py)."""
    native = seen_by_upstream(envoy, upstream, f"native{index}", path)
    if native[1] is not None and not native[1].startswith("/"):
        native = (400, None)
    return seen_by_upstream(envoy, upstream, f"pwc{index}", path), native


def test_the_issues_examples(envoy, upstream):
    service = CASES.index((r"^/service/([^/]+)(/.*)$", r"\2/instance/\1"))
    one = CASES.index((r"one", r"two"))
    for index, path, wanted in [(service, "/service/foo/v1/api", "/v1/api/instance/foo"),
                                (service, "/service/foo/v1/api?k=/service/x/y", "/v1/api/instance/foo?k=/service/x/y"),
                                (one, "/xxx/one/yyy/one/zzz", "/xxx/two/yyy/two/zzz"),
                                (one, "/one?one=one", "/two?one=one")]:
        assert compare(envoy, upstream, index, path) == ((200, wanted), (200, wanted))


@pytest.mark.parametrize("index", range(len(CASES)), ids=[pattern for pattern, _ in CASES])
def test_fixed_paths_agree_with_envoy_regex_rewrite(envoy, upstream, index):
    disagreements = []
    for path in FIXED_PATHS:
        ours, native = compare(envoy, upstream, index, path)
        assert native[0] in (200, 400), (path, native)
        if ours != native:
            disagreements.append((path, ours, native))
    assert disagreements == []


def pieces_of(pattern: str) -> list[str]:
    """URL-safe characters and literal runs of the pattern, plus common path pieces."""
    pieces = {ch for ch in pattern if ch in URL_SAFE}
    run = ""
    for ch in pattern + " ":
        if ch.isalnum():
            run += ch
        else:
            if len(run) > 1:
                pieces.add(run)
            run = ""
    return sorted(pieces | set(COMMON_PIECES))


@pytest.mark.parametrize("index", range(len(CASES)), ids=[pattern for pattern, _ in CASES])
def test_generated_paths_agree_with_envoy_regex_rewrite(envoy, upstream, index):
    pieces = st.sampled_from(pieces_of(CASES[index][0]))
    path = st.lists(pieces, min_size=1, max_size=10).map(lambda parts: "/" + "".join(parts))
    query = st.one_of(st.just(""), st.lists(pieces, max_size=4).map(lambda parts: "?" + "".join(parts)))

    @settings(max_examples=GENERATED_PER_PATTERN, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(path, query)
    def agree(path_part: str, query_part: str):
        ours, native = compare(envoy, upstream, index, path_part + query_part)
        assert native[0] in (200, 400)
        assert ours == native

    agree()


@pytest.mark.parametrize("path, wanted", [
    ("/banana/42", "/status/42"),
    ("/x/banana/7/banana/8?q=banana/9", "/x/status/7/status/8?q=status/9"),  # request.path: query included
    ("/banana/", "/status/"),
    ("/apple/1", "/apple/1"),
])
def test_banana_example_in_envoy(envoy, upstream, path, wanted):
    assert seen_by_upstream(envoy, upstream, "banana", path) == (200, wanted)


# ---------------------------------------------------------------------------
# The pathological pattern: linear, through Envoy and by instruction count

PATHOLOGICAL = r"^(a+)+$"
PATHOLOGICAL_FILTER = f'''filter "pathological"

on request {{
  if request.headers["x-big"].matches(r"{PATHOLOGICAL}") {{
    set request.headers["x-matched"] = "yes"
  }} else {{
    set request.headers["x-matched"] = "no"
  }}
  rewrite request.headers["x-big"] r"{PATHOLOGICAL}" to "<$1>"
}}
'''


@pytest.fixture(scope="module")
def pathological_wasm() -> bytes:
    return compiled(PATHOLOGICAL_FILTER, "pathological.pwf")


def test_pathological_pattern_through_envoy_is_prompt(envoy_factory, upstream, pathological_wasm):
    running = envoy_factory([Listener("patho", wasm=pathological_wasm, filter_name="pathological")])
    port = running.listener_port("patho")
    http_request(port, "GET", "/warm-up", [("x-big", "aaa")])
    for value, matched, forwarded in [
        ("a" * 20 * 1024 + "b", "no", "a" * 20 * 1024 + "b"),
        ("a" * 20 * 1024, "yes", "<" + "a" * 20 * 1024 + ">"),
    ]:
        upstream.clear()
        began = time.monotonic()
        response = http_request(port, "GET", "/", [("x-big", value)])
        elapsed = time.monotonic() - began
        print(f"pathological {PATHOLOGICAL} on {len(value)} bytes ({matched}): {elapsed * 1000:.1f} ms in Envoy")
        assert response.status == 200
        seen = upstream.requests[-1]
        assert (seen.header("x-matched"), seen.header("x-big")) == (matched, forwarded)
        assert elapsed < 0.5, elapsed


def instructions_per_byte(wasm: bytes, size: int) -> float:
    """Wasm instructions per byte of the header the request callback spends, the fixed cost taken out."""
    host = Host(wasm)
    baseline = host.request(headers=[("x-big", "b")]).fuel
    result = host.request(headers=[("x-big", "a" * size + "b")])
    assert result.upstream_request.headers and result.trap is None
    return (result.fuel - baseline) / size


def test_pathological_pattern_cost_is_linear(pathological_wasm):
    small = instructions_per_byte(pathological_wasm, 1024)
    large = instructions_per_byte(pathological_wasm, 50 * 1024)
    print(f"pathological {PATHOLOGICAL}: {small:.1f} instructions/byte at 1 KB, {large:.1f} at 50 KB")
    assert large <= 2 * small, (small, large)


# Patterns that keep many threads alive at once (counted repetitions, wide
# classes), and the subjects that keep them alive.
COSTLY = [(r"[ab]{1,100}x", "ab"), (r"\w{1,50}@\w{1,50}", "a1"), (r"(.*a){20}", "ab"), (r"(a|b)*c", "ab"),
          (r"^(a+)+$", "a"), (r".{0,200}x", "yz")]


@pytest.mark.parametrize("pattern, unit", COSTLY, ids=[p for p, _ in COSTLY])
def test_regex_cost_per_byte_stays_under_its_stated_bound(pattern, unit):
    """The bound `pwc inspect` reports (regex_max_cost_per_byte) holds at 1 KiB
    and at 64 KiB, for `rewrite` (Pike VM) and `matches` (DFA or VM), and the
    local runtime does not run out of fuel where Envoy would not."""
    bound = compile_regex(pattern).max_cost_per_byte
    source = (f'filter "costly"\non request {{\n  if request.headers["x-big"].matches(r"{pattern}") {{ continue }}\n'
              f'}}\non response {{\n  rewrite response.headers["x-big"] r"{pattern}" to "<$0>"\n}}\n')
    wasm = compiled(source, "costly.pwf")
    host = Host(wasm)
    for size in (1024, 64 * 1024):
        value = (unit * size)[:size]
        empty = host.request(headers=[("x-big", "")], upstream=Response(200, [("x-big", "")]))
        full = host.request(headers=[("x-big", value)], upstream=Response(200, [("x-big", value)]))
        assert full.trap is None
        per_byte = (full.fuel - empty.fuel) / size
        print(f"{pattern}: {per_byte:.0f} wasm instructions per byte (both rules) at {size} bytes, bound {bound} each")
        assert per_byte <= 2 * bound


def test_pattern_over_the_automaton_limit_is_a_located_error(tmp_path):
    pattern = r"(?:abcdef){900}"
    with pytest.raises(Exception):
        compile_regex(pattern)
    source = tmp_path / "too-large.pwf"
    source.write_text(rewrite_filter("request.path", pattern, "x"), encoding="utf-8")
    command = [sys.executable, "-m", "pwc.cli", "check", str(source)]
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 1
    first = (done.stderr or done.stdout).splitlines()[0]
    assert first.startswith("too-large.pwf:4:26: error: pattern too large"), first
