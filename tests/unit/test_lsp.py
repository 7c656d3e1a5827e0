"""`pwc lsp`, tested as an editor uses it: each test starts the server as a
subprocess and speaks the Language Server Protocol to it over stdio
(tests/unit/lsp_client.py), then shuts it down and sees it exit 0."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lsp_client import PWC, LspClient
from pwc.compiler import attributes, functions

FILTER = """\
filter "gate"

type Rule {
  prefix: string
  status: int = 403
}

config {
  rules: list<Rule> = []
  greeting: string = "hello"
}

counter denied
store fetched: string = "never"

every 30s {
  store fetched = "now"
}

on request {
  let path = request.path
  let encoded = base64.encode(path)
  let allowed = config.rules.exists(r, path.startsWith(r.prefix))
  if request.headers["x-user"] == "" || "x-team" in request.headers {
    count denied
    respond 403 config.greeting
  }
  set request.headers["x-encoded"] = encoded + stored.fetched
}
"""

# A line with characters outside the BMP before its error: UTF-16 counts 😀 as two units.
BROKEN = FILTER.replace('  set request.headers["x-encoded"] = encoded + stored.fetched',
                        '  set request.headers["x-e"] = "😀é😀" + request.pth')


@pytest.fixture
def client(tmp_path):
    lsp = LspClient()
    lsp.initialize(tmp_path)
    yield lsp
    lsp.close()


def open_document(client: LspClient, path: Path, text: str) -> list[dict]:
    """didOpen `text` as `path` (written there too); its published diagnostics."""
    path.write_text(text, encoding="utf-8")
    client.notify("textDocument/didOpen", {"textDocument": {"uri": path.as_uri(), "languageId": "pwf", "version": 1,
                                                            "text": text}})
    return client.wait_for("textDocument/publishDiagnostics", uri=path.as_uri())["diagnostics"]


def change_document(client: LspClient, path: Path, text: str, version: int = 2) -> list[dict]:
    client.notify("textDocument/didChange", {"textDocument": {"uri": path.as_uri(), "version": version},
                                             "contentChanges": [{"text": text}]})
    return client.wait_for("textDocument/publishDiagnostics", uri=path.as_uri())["diagnostics"]


def at(path: Path, line: int, character: int) -> dict:
    return {"textDocument": {"uri": path.as_uri()}, "position": {"line": line, "character": character}}


def position_of(text: str, needle: str, offset_in_needle: int = 0) -> tuple[int, int]:
    """The 0-based line and character (ASCII lines: code points are UTF-16 units) of `needle` in `text`."""
    index = text.index(needle) + offset_in_needle
    before = text[:index]
    return before.count("\n"), index - (before.rfind("\n") + 1)


def pwc_check(path: Path) -> list[tuple[int, int, str]]:
    """`pwc check`'s diagnostics: (line, column in code points, message and its hint)."""
    run = subprocess.run([str(PWC), "check", str(path)], capture_output=True, text=True, timeout=60)
    found: list[tuple[int, int, str]] = []
    for line in run.stderr.splitlines():
        if head := re.match(r"[^:]+:(\d+):(\d+): error: (.*)", line):
            found.append((int(head.group(1)), int(head.group(2)), head.group(3)))
        elif line.startswith("  hint: "):
            at_line, column, message = found[-1]
            found[-1] = (at_line, column, f"{message}\nhint: {line.removeprefix('  hint: ')}")
    return found


def test_diagnostics_are_pwc_checks_with_utf16_columns_and_go_when_fixed(client, tmp_path):
    path = tmp_path / "gate.pwf"
    diagnostics = open_document(client, path, BROKEN)
    [(line, column, message)] = pwc_check(path)
    [diagnostic] = diagnostics
    assert diagnostic["message"] == message == "unknown attribute `request.pth`\nhint: did you mean `request.path`?"
    assert diagnostic["severity"] == 1 and diagnostic["source"] == "pwc"
    text_line = BROKEN.splitlines()[line - 1]
    assert text_line[column - 1:].startswith("request.pth")
    # `  set request.headers["x-e"] = "😀é😀" + ` is 39 code points, 41 UTF-16 units (😀 takes two)
    assert column - 1 == 39
    assert diagnostic["range"] == {"start": {"line": line - 1, "character": 41},
                                   "end": {"line": line - 1, "character": 52}}
    assert change_document(client, path, FILTER) == []
    assert client.shutdown() == 0


def test_a_syntax_error_is_located_as_pwc_check_locates_it(client, tmp_path):
    path = tmp_path / "syntax.pwf"
    text = 'filter "x"\non request {\n  set request.headers["a"] = = "b"\n}\n'
    [diagnostic] = open_document(client, path, text)
    [(line, column, message)] = pwc_check(path)
    assert diagnostic["message"] == message
    assert diagnostic["range"]["start"] == {"line": line - 1, "character": column - 1}
    assert client.shutdown() == 0


def test_a_note_of_pwc_check_is_related_information(client, tmp_path):
    path = tmp_path / "twice.pwf"
    text = 'filter "x"\non request {\n  let a = 1\n  let a = 2\n}\n'
    [diagnostic] = open_document(client, path, text)
    [(line, column, message)] = pwc_check(path)
    assert diagnostic["message"] == message and diagnostic["range"]["start"] == {"line": 3, "character": 6}
    [note] = diagnostic["relatedInformation"]
    assert note["location"] == {"uri": path.as_uri(), "range": {"start": {"line": 2, "character": 6},
                                                                "end": {"line": 2, "character": 7}}}
    assert "first" in note["message"]
    assert client.shutdown() == 0


def test_hover_shows_an_attribute_a_function_a_let_and_a_config_key(client, tmp_path):
    path = tmp_path / "gate.pwf"
    assert open_document(client, path, FILTER) == []
    attribute = client.request("textDocument/hover", at(path, *position_of(FILTER, "request.path", 9)))["contents"]
    assert attribute["kind"] == "markdown"
    assert "request.path: string" in attribute["value"]
    assert attributes.MEANINGS["request.path"] in attribute["value"] and "`:path` pseudo-header" in attribute["value"]
    function = client.request("textDocument/hover", at(path, *position_of(FILTER, "encode(path)", 2)))["contents"]
    assert "base64.encode(string) -> string" in function["value"]
    assert functions.FUNCTIONS["base64.encode"].doc in function["value"]
    let = client.request("textDocument/hover", at(path, *position_of(FILTER, "encoded + ", 3)))["contents"]
    assert "let encoded: string" in let["value"]
    config = client.request("textDocument/hover", at(path, *position_of(FILTER, "config.greeting", 9)))["contents"]
    assert "config.greeting: string" in config["value"] and '`"hello"`' in config["value"]
    field = client.request("textDocument/hover", at(path, *position_of(FILTER, "r.prefix", 3)))["contents"]
    assert "prefix: string" in field["value"] and "a field of `Rule`" in field["value"]
    method = client.request("textDocument/hover", at(path, *position_of(FILTER, "startsWith", 1)))["contents"]
    assert "string.startsWith(string) -> bool" in method["value"]
    assert client.request("textDocument/hover", at(path, *position_of(FILTER, "\non request", 0))) is None
    assert client.shutdown() == 0


def labels(client: LspClient, path: Path, line: int, character: int) -> set[str]:
    result = client.request("textDocument/completion", at(path, line, character))
    return {item["label"] for item in result["items"]}


def test_completion_after_request_dot_offers_its_attributes(client, tmp_path):
    path = tmp_path / "gate.pwf"
    open_document(client, path, FILTER)
    typing = FILTER.replace("  let path = request.path\n", "  let path = request.\n")
    assert change_document(client, path, typing) != []  # it does not parse while typed
    offered = labels(client, path, *position_of(typing, "request.\n", len("request.")))
    expected = {name.split(".")[1] for name in [*attributes.HEADER_ATTRIBUTES, *attributes.BODY_ATTRIBUTES,
                                                *attributes.PROPERTY_ATTRIBUTES, *attributes.HEADER_MAPS]
                if name.startswith("request.")}
    assert offered == expected and {"path", "headers", "method", "query_params"} <= offered
    assert labels(client, path, *position_of(typing, "base64.encode", len("base64."))) == {"encode", "decode", "valid"}
    assert client.shutdown() == 0


def test_completion_in_a_fresh_statement_offers_statement_keywords(client, tmp_path):
    path = tmp_path / "gate.pwf"
    typing = FILTER.replace("  let path = request.path\n", "  let path = request.path\n  \n")
    open_document(client, path, typing)
    line, _ = position_of(typing, "  \n  let encoded")
    offered = labels(client, path, line, 2)
    assert {"set", "add", "remove", "respond", "let", "var", "if", "for", "limit", "log", "count"} <= offered
    assert {"filter", "on", "type", "every"}.isdisjoint(offered)
    assert {"path", "encoded", "request", "sha256"} <= offered  # and the names an expression may start with
    top = labels(client, path, position_of(typing, "\non request")[0], 0)
    assert {"on", "config", "type", "counter", "store", "every"} <= top and "set" not in top
    phases = labels(client, path, position_of(typing, "\non request")[0] + 1, len("on "))
    assert phases == set(attributes.PHASES)
    assert client.shutdown() == 0


def test_completion_offers_config_keys_and_the_header_names_in_use(client, tmp_path):
    path = tmp_path / "gate.pwf"
    open_document(client, path, FILTER)
    typing = FILTER.replace("  let path = request.path\n", '  let path = request.headers["\n  let c = config.\n')
    change_document(client, path, typing)
    headers = labels(client, path, *position_of(typing, 'headers["\n', len('headers["')))
    assert headers == {"x-user", "x-team", "x-encoded"}
    assert labels(client, path, *position_of(typing, "config.\n", len("config."))) == {"rules", "greeting"}
    assert client.shutdown() == 0


def test_definition_finds_lets_config_types_stores_and_counters(client, tmp_path):
    path = tmp_path / "gate.pwf"
    open_document(client, path, FILTER)

    def definition(needle: str, offset: int) -> dict:
        location = client.request("textDocument/definition", at(path, *position_of(FILTER, needle, offset)))
        assert location["uri"] == path.as_uri()
        return location["range"]

    def span(needle: str, offset: int, length: int) -> dict:
        line, character = position_of(FILTER, needle, offset)
        return {"start": {"line": line, "character": character},
                "end": {"line": line, "character": character + length}}

    assert definition("encoded + ", 2) == span("let encoded", 4, len("encoded"))
    assert definition("config.greeting", 10) == span("  greeting:", 2, len("greeting"))
    assert definition("list<Rule>", 6) == span("type Rule", 5, len("Rule"))
    assert definition("stored.fetched", 9) == span("store fetched:", 6, len("fetched"))
    assert definition("count denied", 8) == span("counter denied", 8, len("denied"))
    assert client.shutdown() == 0


def formatting(client: LspClient, path: Path) -> list[dict]:
    return client.request("textDocument/formatting", {"textDocument": {"uri": path.as_uri()},
                                                      "options": {"tabSize": 2, "insertSpaces": True}})


def test_formatting_gives_pwc_fmts_text(client, tmp_path):
    path = tmp_path / "messy.pwf"
    messy = 'filter  "x"\non request {\n    if request.path=="/a" { respond 404 }\n}'
    open_document(client, path, messy)
    fmt = subprocess.run([str(PWC), "fmt", str(path)], capture_output=True, text=True, timeout=60, check=True).stdout
    [edit] = formatting(client, path)
    assert edit["newText"] == fmt and fmt != messy
    assert edit["range"] == {"start": {"line": 0, "character": 0}, "end": {"line": 3, "character": 1}}
    change_document(client, path, fmt)
    assert formatting(client, path) == []  # already canonical
    assert client.shutdown() == 0


def test_formatting_never_loses_a_comment(client, tmp_path):
    path = tmp_path / "commented.pwf"
    commented = 'filter  "x"   # the gate\non request {\n    respond 404 # not here\n}\n'
    open_document(client, path, commented)
    [edit] = formatting(client, path)
    assert edit["newText"] == 'filter "x"  # the gate\n\non request {\n  respond 404  # not here\n}\n'
    assert client.shutdown() == 0


def test_shutdown_and_exit_end_the_server_with_status_0(tmp_path):
    lsp = LspClient()
    try:
        capabilities = lsp.initialize(tmp_path)["capabilities"]
        assert capabilities["hoverProvider"] and capabilities["definitionProvider"]
        assert capabilities["documentFormattingProvider"] and "." in capabilities["completionProvider"]["triggerCharacters"]
        assert lsp.shutdown() == 0
    finally:
        lsp.close()


def test_without_pygls_pwc_lsp_says_how_to_install_it(tmp_path):
    hidden = tmp_path / "pygls"  # shadows the installed pygls: importing it fails as when it is absent
    hidden.mkdir()
    (hidden / "__init__.py").write_text("raise ModuleNotFoundError(\"No module named 'pygls'\", name='pygls')\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    run = subprocess.run([str(PWC), "lsp"], capture_output=True, text=True, env=env, timeout=60, stdin=subprocess.DEVNULL)
    assert run.returncode == 2
    assert "pip install 'pwc[lsp]'" in run.stderr and "pygls" in run.stderr and "Traceback" not in run.stderr
    assert run.stdout == ""


def test_every_attribute_has_a_meaning_for_hover():
    names = [*attributes.HEADER_ATTRIBUTES, *attributes.BODY_ATTRIBUTES, *attributes.PROPERTY_ATTRIBUTES,
             *attributes.HEADER_MAPS]
    assert sorted(attributes.MEANINGS) == sorted(names)
    assert sys.executable  # the tests run the pwc next to it


def test_the_server_ends_when_its_editor_goes_away(tmp_path):
    """An editor that dies closes the server's stdin: the server must not linger."""
    lsp = LspClient()
    try:
        lsp.initialize(tmp_path)
        assert lsp.process.stdin is not None
        lsp.process.stdin.close()
        assert lsp.process.wait(timeout=30) is not None
    finally:
        lsp.close()
