"""Body phases without Envoy: what the configurations pwc writes say about
them, and the local runtime's limits (Envoy's behaviour: tests/e2e/test_bodies.py)."""

from __future__ import annotations

import yaml

from pwc import cli
from pwc.compiler.driver import compile_source
from pwc.compiler.layout import BODY_LIMIT
from pwc.envoy_config import HELD_BUFFER_LIMIT
from pwc.runtime.host import Host
from pwc.runtime.model import Response

BODY_FILTER = 'filter "b"\non request body {\n  set request.headers["x-n"] = string(size(request.body))\n}\n'
HEADERS_FILTER = 'filter "h"\non request {\n  set request.headers["x-n"] = "1"\n}\n'


def _manifest(tmp_path, capsys, text: str, *args: str) -> tuple[int, str, str]:
    source = tmp_path / "f.pwf"
    source.write_text(text)
    status = cli.main(["manifest", str(source), *args])
    out, err = capsys.readouterr()
    return status, out, err


def _wasm_plugin_configs(document: dict) -> list[dict]:
    found = []
    def walk(node):
        if isinstance(node, dict):
            if node.get("name") == "envoy.filters.http.wasm":
                found.append(node["typed_config"]["config"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(document)
    return found


def test_envoy_targets_hold_headers_only_for_a_filter_with_a_body_phase(tmp_path, capsys):
    for text, held in ((BODY_FILTER, True), (HEADERS_FILTER, False)):
        status, out, _ = _manifest(tmp_path, capsys, text, "--for", "envoy", "--upstream", "127.0.0.1:9", "--wasm-only")
        assert status == 0
        document = yaml.safe_load(out)
        (plugin,) = _wasm_plugin_configs(document)
        assert plugin.get("allow_on_headers_stop_iteration", False) is held
        (listener,) = document["static_resources"]["listeners"]
        assert listener.get("per_connection_buffer_limit_bytes") == (HELD_BUFFER_LIMIT if held else None)
        status, out, _ = _manifest(tmp_path, capsys, text, "--for", "envoyfilter", "--wasm-only")
        assert status == 0
        (plugin,) = _wasm_plugin_configs(yaml.safe_load(out))
        assert plugin.get("allow_on_headers_stop_iteration", False) is held
    assert HELD_BUFFER_LIMIT > BODY_LIMIT


def test_istio_resources_refuse_a_filter_with_a_body_phase(tmp_path, capsys):
    for target in ("istio", "trafficextension"):
        status, out, err = _manifest(tmp_path, capsys, BODY_FILTER, "--for", target)
        assert (status, out) == (1, "")
        assert "allow_on_headers_stop_iteration" in err and "--for envoyfilter" in err
        status, out, _ = _manifest(tmp_path, capsys, HEADERS_FILTER, "--for", target, "--wasm-only")
        assert status == 0 and out


def test_the_local_runtime_answers_past_the_limit_and_passes_what_fits():
    result = compile_source(BODY_FILTER + 'on response body {\n  set response.headers["x-m"] = "1"\n}\n', "b.pwf")
    assert result.ok, result.render()
    for size, status in ((BODY_LIMIT, 200), (BODY_LIMIT + 1, 413)):
        host = Host(result.wasm, upstream=lambda request: Response(200, [], b"ok"))
        reply = host.request("POST", "/", {"content-length": str(size)}, b"a" * size).response
        assert reply.status == status
    for size, status in ((BODY_LIMIT, 200), (BODY_LIMIT + 1, 502)):
        host = Host(result.wasm, upstream=lambda request: Response(200, [], b"b" * size))
        reply = host.request("GET", "/").response
        assert reply.status == status
        assert len(reply.body) == (size if status == 200 else len(b"response body too large\n"))


def test_a_module_without_a_body_phase_is_not_held():
    result = compile_source(HEADERS_FILTER, "h.pwf")
    host = Host(result.wasm)
    assert not host.holds_headers
    reply = host.request("POST", "/", {"content-length": "3"}, b"abc")
    assert reply.upstream_request.body == b"abc" and reply.upstream_request.header("x-n") == "1"


def test_a_body_limit_without_a_body_phase_is_a_warning_and_a_module_keeps_its_limit():
    result = compile_source('filter "f"\n\nbody_limit 100\n\non request {\n  continue\n}\n', "f.pwf")
    assert result.ok
    assert [d.message for d in result.diagnostics] == [
        "`body_limit` has no effect without `on request body` or `on response body`"]
    assert result.diagnostics[0].span.line == 3
