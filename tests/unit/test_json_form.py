"""The JSON form of the syntax tree, `pwc fmt`, and the module metadata."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pwc.compiler import syntax, syntax_json
from pwc.compiler.driver import compile_json, compile_source
from pwc.compiler.metadata import read_metadata
from pwc.compiler.printer import format_module, string_literal

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.pwf"))


def pwc(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pwc.cli", *args], capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_round_trips_through_json_to_an_identical_module(path: Path, tmp_path: Path):
    tree = tmp_path / f"{path.stem}.json"
    parsed = pwc("parse", "--json", str(path))
    assert parsed.returncode == 0, parsed.stderr
    tree.write_text(parsed.stdout)
    from_text, from_json = tmp_path / "text.wasm", tmp_path / "json.wasm"
    assert pwc("compile", str(path), "-o", str(from_text)).returncode == 0
    compiled = pwc("compile", "--from-json", str(tree), "-o", str(from_json))
    assert compiled.returncode == 0, compiled.stderr
    assert from_text.read_bytes() == from_json.read_bytes()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_fmt_output_parses_back_to_the_same_tree_and_is_a_fixed_point(path: Path):
    original = compile_source(path.read_text(), path.name)
    formatted = format_module(original.module)
    again = compile_source(formatted, path.name)
    assert again.ok, again.render()
    assert syntax.canonical_json(again.module) == syntax.canonical_json(original.module)
    assert format_module(again.module) == formatted
    assert read_metadata(again.wasm)["syntax_sha256"] == read_metadata(original.wasm)["syntax_sha256"]


def test_a_tree_without_positions_compiles_from_its_canonical_text():
    tree = json.loads(syntax_json.dump(compile_source(EXAMPLES[0].read_text(), EXAMPLES[0].name).module))

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items()
                    if not k.endswith("span") and k not in ("config_spans", "source_name")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    generated = strip(tree)  # what a program that generates filters writes
    result = compile_json(json.dumps(generated), "generated.json")
    assert result.ok, result.render()
    expected = compile_source(format_module(result.module), "generated.pwf")
    assert result.wasm == expected.wasm


def test_a_generated_tree_with_a_mistake_gets_a_diagnostic_not_a_traceback():
    bad = {"kind": "module", "filter_name": "g", "handlers": [
        {"kind": "handler", "phase": "request", "body": [{"kind": "log", "level": "info", "message": {"kind": "int", "value": 3}}]}]}
    result = compile_json(json.dumps(bad), "g.json")
    assert not result.ok
    assert "a log message must be a string, not an int" in result.render()
    malformed = compile_json('{"kind": "module", "handlers": [{"kind": "nope"}]}', "m.json")
    assert not malformed.ok
    assert "filter_name" in malformed.render() and "handlers.0" in malformed.render()


def test_metadata_names_the_filter_and_its_capabilities():
    auth_gate = next(p for p in EXAMPLES if p.stem == "auth-gate")
    meta = read_metadata(compile_source(auth_gate.read_text(), auth_gate.name).wasm)
    assert meta["filter"] == "auth-gate"
    assert meta["capabilities"]["clusters_called"] == ["auth"]
    assert "request_headers" in meta["capabilities"]["header_maps_written"]
    assert meta["config_schema"]["type"] == "object"


def test_python_api():
    import pwc as api

    result = api.compile_source('filter "p"\n\non request {\n  continue\n}\n', filename="/some/where/p.pwf")
    assert result.ok and result.wasm[:4] == b"\0asm" and result.diagnostics == []
    broken = api.compile_source('filter "p"\non request {\n  log info x\n}\n', filename="p.pwf")
    assert not broken.ok and broken.wasm is None
    assert broken.diagnostics[0].message == "unknown name `x`"


def test_an_internal_error_is_a_located_diagnostic(monkeypatch):
    from pwc.compiler import lower

    def broken(self, stmt, out):
        raise RuntimeError("simulated bug")

    monkeypatch.setitem(lower._Lowering.STATEMENTS, syntax.LogStmt, broken)
    result = compile_source('filter "x"\non request {\n  set request.headers["a"] = "b"\n  log info "x"\n}\n', "x.pwf")
    assert not result.ok and result.wasm is None
    rendered = result.render()
    assert rendered.startswith("x.pwf:4:3: error: internal compiler error: RuntimeError: simulated bug")
    assert "Traceback" not in rendered


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n"), max_size=12)
       .filter(lambda v: not ('"' in v and "'" in v)), st.booleans())
def test_fmt_keeps_every_string_and_whether_it_was_raw(value, raw):
    """A raw string never holds its own quote or a newline; within that, what
    fmt prints parses back to the same value and the same raw flag, so the
    syntax hash (`pwc verify --source`) stays the same."""
    quote = "'" if '"' in value else '"'
    text = f'filter "f"\non request {{\n  log info {"r" + quote + value + quote if raw else string_literal(value)}\n}}\n'
    original = compile_source(text, "s.pwf").module
    assert original is not None
    again = compile_source(format_module(original), "s.pwf").module
    assert syntax.canonical_json(again) == syntax.canonical_json(original)
    assert again.handlers[0].body[0].message.raw == raw
