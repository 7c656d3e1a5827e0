"""What a `pwc test` case sets besides the request: the connection (source,
destination, TLS), the clock (`now`) and the route, in the file as defaults
and per case; how the loader reads them, and what a filter then sees."""

from __future__ import annotations

import io
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from pwc.runtime.properties import DEFAULT_DESTINATION, DEFAULT_SOURCE
from pwc.runtime.testcases import CaseFileError, TlsSpec, environment_of, parse

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def ns(when: datetime, extra_ns: int = 0) -> int:
    """Nanoseconds since 1970, computed with datetime (the oracle for the loader's parser)."""
    return (when - EPOCH) // timedelta(microseconds=1) * 1000 + extra_ns


def environments(text: str):
    cases = parse(textwrap.dedent(text))
    return [environment_of(case, cases) for case in cases.cases]


# ---- the loader: good files ------------------------------------------------------------


def test_nothing_set_is_the_local_runtimes_defaults():
    (env,) = environments("filter: f.pwf\ncases: [{name: a}]\n")
    assert (env.source, env.destination, env.addresses_set) == (DEFAULT_SOURCE, DEFAULT_DESTINATION, False)
    assert (env.tls, env.now_ns, env.route_name) == (None, None, "")


def test_the_file_sets_defaults_and_a_case_overrides_field_by_field():
    file_default, own, unset = environments("""\
        filter: f.pwf
        connection: {source: "10.1.2.3:51000", tls: {sni: api.example.com}}
        now: 2026-03-01T12:00:00Z
        route: {name: orders}
        cases:
          - name: the file's
          - name: its own destination and route, the file's source and TLS
            connection: {destination: "[2001:DB8::1]:8443"}
            route: {name: admin}
            now: "2026-03-01T13:00:00.000000250+01:00"
          - name: null turns the file's TLS and clock off
            connection: {tls: null, source: 192.168.0.9}
            now: null
        """)
    assert file_default.source == ("10.1.2.3", 51000) and file_default.destination == DEFAULT_DESTINATION
    assert file_default.tls == TlsSpec(sni="api.example.com", mtls=False)
    assert file_default.now_ns == ns(datetime(2026, 3, 1, 12, tzinfo=timezone.utc))
    assert file_default.route_name == "orders" and file_default.addresses_set
    # IPv6 in canonical form; the offset applied; nanoseconds kept.
    assert own.source == ("10.1.2.3", 51000) and own.destination == ("2001:db8::1", 8443)
    assert own.tls == file_default.tls and own.route_name == "admin"
    assert own.now_ns == ns(datetime(2026, 3, 1, 12, tzinfo=timezone.utc), 250)
    # An IP alone takes the default port.
    assert unset.source == ("192.168.0.9", DEFAULT_SOURCE[1])
    assert unset.tls is None and unset.now_ns is None and unset.route_name == "orders"


def test_tls_and_times_in_every_rfc_3339_form():
    tls, mtls = environments("""\
        filter: f.pwf
        cases:
          - {name: tls, connection: {tls: {}}, now: "1970-01-01t00:00:00.5z"}
          - {name: mtls, connection: {tls: {sni: a.b, mtls: true}}, now: "2262-04-11T23:47:16.854775807Z"}
        """)
    assert tls.tls == TlsSpec() and tls.now_ns == 500_000_000
    assert mtls.tls == TlsSpec(sni="a.b", mtls=True) and mtls.now_ns == 2**63 - 1


def test_a_header_value_that_looks_like_a_date_stays_text():
    cases = parse("filter: f\ncases:\n  - name: a\n    request: {headers: {x-expires: 2001-01-01T00:00:00Z}}\n")
    assert cases.cases[0].request.headers == [("x-expires", "2001-01-01T00:00:00Z")]


# ---- the loader: bad files, each error at its line ---------------------------------------

ADDRESS_SHAPE = "write IP:PORT, e.g. 10.1.2.3:51000 or [2001:db8::1]:443, or an IP alone"
TIME_SHAPE = "e.g. 2026-03-01T12:00:00Z or 2026-03-01T13:00:00.5+01:00"


@pytest.mark.parametrize("setting, message", [
    ("connection: {source: 10.1.2.300}",
     f"cases[0].connection.source: value error, `10.1.2.300` is not an IP; {ADDRESS_SHAPE}"),
    ("connection: {destination: \"gateway:443\"}",
     f"cases[0].connection.destination: value error, `gateway:443` is not an address: `gateway` is not an IP; "
     f"{ADDRESS_SHAPE}"),
    ("connection: {source: \"10.1.2.3:70000\"}",
     "cases[0].connection.source: value error, `10.1.2.3:70000` is not an address: the port is 1 to 65535"),
    ("connection: {source: \"[::1]\"}",
     f"cases[0].connection.source: value error, `[::1]` is not an address: {ADDRESS_SHAPE}"),
    ("connection: {source: 42}", f"cases[0].connection.source: value error, an address is text: {ADDRESS_SHAPE}"),
    ("connection: {tls: {snii: a.b}}", "cases[0].connection.tls: unknown field `snii` (did you mean `sni`?)"),
    ("connection: {src: 10.0.0.1}", "cases[0].connection: unknown field `src` (did you mean `source`?)"),
    ("route: {name: r, metadata: {a: b}}", "cases[0].route: unknown field `metadata`; known fields: name"),
    ("now: 2026-02-30T00:00:00Z",
     "cases[0].now: value error, `2026-02-30T00:00:00Z` is not a valid time: day is out of range for month"),
    ("now: 2026-03-01T00:00:00+01:75",
     "cases[0].now: value error, `2026-03-01T00:00:00+01:75` is not a valid time: the offset's minutes must be "
     "in 0..59"),
    ("now: 2026-03-01T00:00:00",
     f"cases[0].now: value error, `2026-03-01T00:00:00` is not an RFC 3339 time with its offset, {TIME_SHAPE}"),
    ("now: 2026-03-01",
     f"cases[0].now: value error, `2026-03-01` is not an RFC 3339 time with its offset, {TIME_SHAPE}"),
    ("now: 1969-12-31T23:59:59Z",
     "cases[0].now: value error, `1969-12-31T23:59:59Z` is outside the clock's range, "
     "1970-01-01T00:00:00Z to 2262-04-11T23:47:16Z"),
    ("now: 1700000000", f"cases[0].now: value error, a time is RFC 3339 text, {TIME_SHAPE}"),
])
def test_bad_settings_name_the_file_line_and_field(setting, message):
    text = f"filter: f.pwf\ncases:\n  - name: a\n    request: {{path: /}}\n    {setting}\n"  # on line 5
    with pytest.raises(CaseFileError) as error:
        parse(text, Path("env.test.yaml"))
    assert str(error.value) == f"env.test.yaml:5: {message}"


def test_a_bad_default_in_the_file_is_located_too():
    with pytest.raises(CaseFileError) as error:
        parse("filter: f.pwf\nnow: yesterday\ncases: [{name: a}]\n", Path("env.test.yaml"))
    assert str(error.value) == ("env.test.yaml:2: now: value error, `yesterday` is not an RFC 3339 time "
                                f"with its offset, {TIME_SHAPE}")


# ---- the local runner: what the filter reads ------------------------------------------------

READER = """\
filter "reader"

on request {
  set request.headers["x-source"] = source.address + " " + source.ip + " " + string(source.port)
  set request.headers["x-destination"] = destination.address
  set request.headers["x-tls"] = "[" + connection.requested_server_name + "] " + string(connection.mtls)
  set request.headers["x-now"] = string(now)
  set request.headers["x-began"] = string(request.time)
  set request.headers["x-route"] = "[" + route_name + "]"
  if now - request.time > 0ms {
    set request.headers["x-later"] = "yes"
  }
}

on response {
  set response.headers["x-began"] = string(request.time)
}
"""

CASES = """\
filter: reader.pwf
connection: {source: "10.1.2.3:51000"}
now: 2026-03-01T12:00:00.25Z
route: {name: orders}
cases:
  - name: the file's connection, clock and route
    expect:
      upstream:
        headers:
          x-source: 10.1.2.3:51000 10.1.2.3 51000
          x-destination: 127.0.0.1:10000
          x-tls: "[] false"
          x-now: 2026-03-01T12:00:00.25Z
          x-began: 2026-03-01T12:00:00.25Z
          x-route: "[orders]"
        absent: [x-later]
      response: {headers: {x-began: 2026-03-01T12:00:00.25Z}}
  - name: a case's own, over the file's
    connection:
      source: "2001:db8::7"
      destination: "[2001:db8::1]:8443"
      tls: {sni: api.example.com, mtls: true}
    now: "2026-03-01T13:00:00+01:00"
    route: {name: admin}
    expect:
      upstream:
        headers:
          x-source: "[2001:db8::7]:40000 2001:db8::7 40000"
          x-destination: "[2001:db8::1]:8443"
          x-tls: "[api.example.com] true"
          x-now: 2026-03-01T12:00:00Z
          x-began: 2026-03-01T12:00:00Z
          x-route: "[admin]"
  - name: a wrong expectation of the fixed clock fails
    expect: {upstream: {headers: {x-now: 2026-03-01T12:00:00Z}}}
"""


def run_cases(folder: Path, cases: str, filter_text: str = READER) -> tuple[int, list[str]]:
    from pwc.cli import compiler_toolchain
    from pwc.runtime.testrunner import run

    (folder / "reader.pwf").write_text(filter_text)
    path = folder / "reader.test.yaml"
    path.write_text(cases)
    out = io.StringIO()
    code = run([path], compiler_toolchain(), out=out)
    return code, out.getvalue().splitlines()


def test_the_filter_reads_the_case_connection_clock_and_route(tmp_path):
    code, lines = run_cases(tmp_path, CASES)
    assert lines[-1] == "2 passed, 1 failed", lines
    assert lines[0] == (f"FAIL {tmp_path / 'reader.test.yaml'}:34: a wrong expectation of the fixed clock fails: "
                        "upstream header x-now: expected '2026-03-01T12:00:00Z', got '2026-03-01T12:00:00.25Z'")
    assert code == 1


def test_without_now_the_clock_is_real_and_request_time_is_when_the_stream_began(tmp_path):
    from pwc.cli import compiler_toolchain
    from pwc.runtime.host import Host
    from pwc.runtime.testrunner import module_bytes

    (tmp_path / "reader.pwf").write_text(READER)
    wasm = module_bytes(tmp_path / "reader.pwf", compiler_toolchain())
    before = datetime.now(timezone.utc).replace(microsecond=0)
    result = Host(wasm, root_id="reader").request("GET", "/")
    after = datetime.now(timezone.utc)
    seen = dict(result.upstream_request.headers)
    began, now = (datetime.fromisoformat(seen[name].replace("Z", "+00:00")) for name in ("x-began", "x-now"))
    assert before <= began <= now <= after
    assert seen["x-source"] == "127.0.0.1:40000 127.0.0.1 40000" and seen["x-route"] == "[]"
