"""The module and `pwc schema` accept and reject exactly the same configurations.

One shared corpus (tests/conformance/config/corpus.yaml) is checked three ways:
1. the compiled module, through the local runtime (on_configure; a refused
   document raises ConfigurationRejected and logs the expected line), and for
   accepted documents the values the filter then sees equal Python's reading;
2. the JSON Schema printed by `pwc schema` (the real command line), validated with
   the `jsonschema` package after a strict parse: duplicate keys refused, numbers
   with a fraction or exponent kept as Decimal (so never "integer"), NaN/Infinity
   refused, and lone surrogates refused (a string that is not Unicode text);
3. the verdict written in the corpus.
A handful of documents (marked e2e) also go through a real Envoy.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
import yaml

from pwc.compiler.driver import compile_source
from pwc.runtime.host import ENVOY_ADDED_REQUEST_HEADERS, ConfigurationRejected, Host

CORPUS_FILE = Path(__file__).resolve().parents[1] / "conformance" / "config" / "corpus.yaml"
CORPUS = yaml.safe_load(CORPUS_FILE.read_text(encoding="utf-8"))
DOCUMENTS = CORPUS["documents"]
DEFAULTS = {"count": 0, "enabled": False, "wait": "1s", "tags": ["a"], "labels": {"k": "v"}, "ratio": 0.5}
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def _id(index: int, entry: dict) -> str:
    return f"{index:02d}-{'good' if entry['ok'] else 'bad'}-{entry['doc'][:40]!r}"


CASES = [pytest.param(entry, id=_id(i, entry)) for i, entry in enumerate(DOCUMENTS)]


@pytest.fixture(scope="module")
def wasm() -> bytes:
    result = compile_source(CORPUS["filter"], "corpus.pwf")
    assert result.ok, result.render()
    return result.wasm


@pytest.fixture(scope="module")
def schema(tmp_path_factory) -> dict:
    source = tmp_path_factory.mktemp("schema") / "corpus.pwf"
    source.write_text(CORPUS["filter"], encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "pwc.cli", "schema", str(source)],
                         capture_output=True, text=True, check=True)
    document = json.loads(out.stdout)
    jsonschema.Draft202012Validator.check_schema(document)
    return document


# ---------------------------------------------------------------------------
# The reference reading


class Refused(ValueError):
    pass


def _no_duplicates(pairs):
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        raise Refused(f"duplicate key in {keys}")
    return dict(pairs)


def _no_constants(name):
    raise Refused(f"{name} is not JSON")


def _unicode_only(value) -> None:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as error:
            raise Refused("lone surrogate") from error
    elif isinstance(value, list):
        for item in value:
            _unicode_only(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _unicode_only(key)
            _unicode_only(item)


def strict_parse(text: str):
    """Python's reading of a configuration, as strict as compiler/schema.py's docstring asks."""
    if not text.strip():
        return {}  # no configuration: all defaults
    value = json.loads(text, parse_float=Decimal, parse_constant=_no_constants, object_pairs_hook=_no_duplicates)
    _unicode_only(value)
    return value


def schema_accepts(schema: dict, text: str) -> bool:
    try:
        document = strict_parse(text)
    except (Refused, json.JSONDecodeError):
        return False
    return jsonschema.Draft202012Validator(schema).is_valid(document)


def module_verdict(wasm: bytes, text: str):
    """(accepted, headers the filter wrote | the log lines of the refusal)."""
    try:
        host = Host(wasm, plugin_config=text, root_id="corpus")
    except ConfigurationRejected as rejected:
        return False, [record.message for record in rejected.logs]
    result = host.request()
    assert result.trap is None and result.upstream_request is not None
    return True, {k: v for k, v in result.upstream_request.headers if k.startswith("x-")
                  and k not in ENVOY_ADDED_REQUEST_HEADERS}


def expected_headers(text: str, *, latin1: bool = False) -> dict:
    """What the filter writes for an accepted document. The local runtime decodes header
    bytes as UTF-8; the Envoy harness's upstream decodes them as Latin-1 (`latin1`)."""
    value = {**DEFAULTS, **strict_parse(text)}

    def wire(text: str) -> str:
        text = _header_safe(text)
        return text.encode("utf-8").decode("latin-1") if latin1 else text

    wait_ms = _duration_ms(value["wait"])
    return {
        "x-name": wire(value["name"]),
        "x-count": str(value["count"]),
        "x-enabled": str(value["enabled"]).lower(),
        "x-tags": str(len(value["tags"])),
        "x-tag-b": str("b" in value["tags"]).lower(),
        "x-labels": str(len(value["labels"])),
        "x-k": wire(value["labels"].get("k", "")),
        "x-wait-250ms": str(wait_ms == 250).lower(),
        "x-wait-90s": str(wait_ms == 90_000).lower(),
        "x-ratio": repr(_as_double(text, value["ratio"]) * 2.0),
        "x-extra": wire(canonical_json(value.get("extra"))),
        "x-extra-given": str("extra" in value).lower(),
    }


def _as_double(text: str, default: float) -> float:
    """The double a JSON number reads as, from its text (`-0` is -0.0, which an int cannot say)."""
    given = json.loads(text, parse_int=Decimal, parse_float=Decimal).get("ratio") if text.strip() else None
    return default if given is None else float(given)


def canonical_json(value) -> str:
    """A JSON value as the language keeps it (json.encode): compact, keys in
    the document's order, integers as written, other numbers as Python's repr."""
    if isinstance(value, Decimal):
        return repr(float(value))
    if isinstance(value, list):
        return "[" + ",".join(map(canonical_json, value)) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + canonical_json(v) for k, v in value.items()) + "}"
    return json.dumps(value, ensure_ascii=False)


def _duration_ms(text: str) -> int:
    import re

    units = {"ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000}
    return sum(int(n) * units[u] for n, u in re.findall(r"([0-9]+)(ms|s|m|h)", text))


def _header_safe(text: str) -> str:
    # Header values written at run time lose bytes < 0x20 except HTAB, and 0x7f (DESIGN.md).
    return "".join(ch for ch in text if not (ord(ch) < 0x20 and ch != "\t") and ord(ch) != 0x7f)


# ---------------------------------------------------------------------------
# The corpus itself


def test_corpus_is_big_and_covers_every_kind():
    assert len(DOCUMENTS) >= 40
    good = [d for d in DOCUMENTS if d["ok"]]
    bad = [d for d in DOCUMENTS if not d["ok"]]
    assert len(good) >= 15 and len(bad) >= 30
    text = " ".join(d["doc"] for d in DOCUMENTS)
    for needle in ("\\ud83d\\ude00", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
                   '"labels": {', '"tags": [', '"wait"', '"enabled"', "1e3", "1.0", "NaN"):
        assert needle in text, needle
    assert {d.get("error", "").split(" ")[0] for d in bad} >= {"missing", "unknown", "count:", "tags[0]:",
                                                               "labels[\"k\"]:", "duplicate", "malformed", "not"}
    assert sum(1 for d in DOCUMENTS if d.get("e2e")) >= 5


def test_strict_parse_refuses_what_json_loads_lets_through():
    with pytest.raises(Refused):
        strict_parse('{"a": 1, "a": 2}')
    with pytest.raises(Refused):
        strict_parse('{"a": NaN}')
    with pytest.raises(Refused):
        strict_parse('{"a": "\\ud83d"}')
    assert strict_parse('{"a": 1.0}') == {"a": Decimal("1.0")}


# ---------------------------------------------------------------------------
# Three ways


@pytest.mark.parametrize("entry", CASES)
def test_module_agrees_with_the_corpus(wasm, entry):
    accepted, detail = module_verdict(wasm, entry["doc"])
    assert accepted == entry["ok"], detail
    if accepted:
        assert detail == expected_headers(entry["doc"])
    else:
        errors = [line for line in detail if "bad configuration" in line]
        assert len(errors) == 1, detail
        assert f"corpus: bad configuration: {entry['error']}" in errors[0]


@pytest.mark.parametrize("entry", [c for c in CASES if not c.values[0].get("schema_gap")])
def test_schema_agrees_with_the_corpus(schema, entry):
    assert schema_accepts(schema, entry["doc"]) == entry["ok"]


@pytest.mark.parametrize("entry", [c for c in CASES if c.values[0].get("schema_gap")])
def test_schema_gaps_are_documented(schema, entry):
    # A JSON Schema pattern cannot bound a sum of durations, nor a number to
    # the double range: the module refuses these, the schema accepts them,
    # and compiler/schema.py says so.
    from pwc.compiler import schema as schema_module

    assert entry["ok"] is False and schema_accepts(schema, entry["doc"]) is True
    gap = "a number beyond the double range" if "double" in entry["error"] else "a duration past 2^63-1 milliseconds"
    assert gap in schema_module.__doc__


def test_schema_states_types_required_and_defaults(schema):
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    assert schema["required"] == ["name"]
    props = schema["properties"]
    assert props["count"]["type"] == "integer"
    assert (props["count"]["minimum"], props["count"]["maximum"]) == (INT64_MIN, INT64_MAX)
    assert props["enabled"] == {"type": "boolean", "default": False}
    assert props["wait"]["default"] == "1s"
    assert props["tags"]["default"] == ["a"] and props["labels"]["default"] == {"k": "v"}
    assert props["ratio"] == {"type": "number", "default": 0.5, "description": props["ratio"]["description"]}
    assert set(props["extra"]) == {"description"}  # any JSON value


# ---------------------------------------------------------------------------
# The e2e part, in a real Envoy


E2E_CASES = [c for c in CASES if c.values[0].get("e2e")]


@pytest.fixture(scope="module")
def envoy_upstream():
    from pwc.runtime.envoy import EnvoyNotFound, Upstream, envoy_binary

    try:
        envoy_binary()
    except EnvoyNotFound as error:
        pytest.skip(str(error))
    with Upstream() as upstream:
        yield upstream


@pytest.mark.e2e
@pytest.mark.parametrize("entry", E2E_CASES)
def test_corpus_in_envoy(wasm, envoy_upstream, entry):
    from pwc.runtime.envoy import Envoy, EnvoyStartError, Listener, http_request

    envoy = Envoy([Listener("corpus", wasm=wasm, filter_name="corpus", config=entry["doc"])],
                  upstream_port=envoy_upstream.port, startup_timeout=10)
    if not entry["ok"]:
        with pytest.raises(EnvoyStartError) as failure:
            envoy.start()
        errors = [line for line in failure.value.log.splitlines() if "bad configuration" in line]
        assert len(errors) == 1 and f"corpus: bad configuration: {entry['error']}" in errors[0], failure.value.log
        return
    with envoy:
        envoy_upstream.clear()
        assert http_request(envoy.listener_port("corpus"), "GET", "/").status == 200
        seen = envoy_upstream.requests[-1]
    got = {k: v for k, v in seen.headers if k.startswith("x-") and k not in (
        *ENVOY_ADDED_REQUEST_HEADERS, "x-envoy-expected-rq-timeout-ms")}
    assert got == expected_headers(entry["doc"], latin1=True)


# ---------------------------------------------------------------------------
# Records, lists and maps of any type, networks, patterns: the schema and the
# module judge alike (where a schema can judge at all: see schema.py).

RECORDS = Path(__file__).resolve().parents[1] / "conformance" / "language" / "config" / "patterns-configured.pwf"
RECORD_DOCUMENTS = [
    ('{}', True),
    ('{"blocked": ["^/a", "b+"], "rules": [{"pattern": "x", "status": 401}], "rename": "^/v1/(.*)"}', True),
    ('{"rules": [{"pattern": "x"}, {"pattern": "y", "status": 1}]}', True),
    ('{"rules": [{"status": 401}]}', False),                      # a required field missing
    ('{"rules": [{"pattern": "x", "statsu": 401}]}', False),      # an unknown field
    ('{"rules": [{"pattern": "x", "status": "401"}]}', False),    # a wrong type, nested
    ('{"rules": {"pattern": "x"}}', False),                       # an object for a list
    ('{"blocked": [1]}', False),
    ('{"rename": null}', False),
]


@pytest.mark.parametrize("text,ok", RECORD_DOCUMENTS)
def test_schema_and_module_agree_on_records(text, ok):
    source = RECORDS.read_text(encoding="utf-8")
    result = compile_source(source, RECORDS.name)
    assert result.ok and result.wasm is not None, result.render()
    schema = json.loads(subprocess.run([sys.executable, "-m", "pwc.cli", "schema", str(RECORDS)],
                                       capture_output=True, text=True, check=True).stdout)
    assert schema_accepts(schema, text) == ok
    assert module_verdict(result.wasm, text)[0] == ok
