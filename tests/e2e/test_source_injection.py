"""Source text never becomes module code.

The generated WAT repeats each statement's source line in a `;;` comment,
and some readers end a line at characters other than LF (CR, VT, FF,
U+001C-U+001E, U+0085, U+2028, U+2029).  Every such character, in every
place a source file can hold text (comments, string literals, filter and
header names, regexes, configuration defaults), either gives a located
diagnostic or compiles into a module that does what the source says: here
that is a 403 for every request, checked in a real Envoy.  The module text
itself is printable ASCII and LF only, whatever the source held.
"""

from __future__ import annotations

import pytest

from pwc.compiler.driver import compile_source
from pwc.runtime.envoy import Envoy, Listener, http_request

pytestmark = pytest.mark.e2e

BREAKS = ["\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029", "\x00", "\x7f", "\ufeff"]
PAYLOAD = "(return (i32.const 0))"

# Each program answers 403 to every request, whatever text {c} stands for;
# the payload after {c} would let the request through if it became code.
PLACES = {
    "comment": 'filter "f"\non request {{\n  respond 403 "denied" # {c}' + PAYLOAD + "\n}}\n",
    "comment-own-line": 'filter "f"\n# {c}' + PAYLOAD + '\non request {{\n  respond 403 "denied"\n}}\n',
    "body": 'filter "f"\non request {{\n  respond 403 "denied{c}' + PAYLOAD + '"\n}}\n',
    "raw-body": "filter \"f\"\non request {{\n  respond 403 r\"denied{c}" + PAYLOAD + "\"\n}}\n",
    "log": 'filter "f"\non request {{\n  log info "x{c}' + PAYLOAD + '"\n  respond 403 "denied"\n}}\n',
    "header-value": 'filter "f"\non request {{\n  respond 403 "denied" headers {{"x-a": "v{c}' + PAYLOAD + '"}}\n}}\n',
    "regex": 'filter "f"\non request {{\n  if !request.path.matches("^/x{c}' + PAYLOAD.replace("(", "\\\\(").replace(
        ")", "\\\\)") + '") {{ respond 403 "denied" }}\n}}\n',
    "config-default": 'filter "f"\nconfig {{ msg: string = "denied{c}' + PAYLOAD + '" }}\non request {{\n'
                      '  respond 403 config.msg\n}}\n',
    "filter-name": 'filter "f{c}' + PAYLOAD + '"\non request {{\n  respond 403 "denied"\n}}\n',
    "header-name": 'filter "f"\non request {{\n  set request.headers["x-a{c}b"] = "1"\n  respond 403 "denied"\n}}\n',
    "let-name": 'filter "f"\non request {{\n  let a{c}b = "1"\n  respond 403 "denied"\n}}\n',
}


def variants():
    for place, template in PLACES.items():
        for char in BREAKS:
            yield f"{place}-U{ord(char):04X}", template.format(c=char)


COMPILED: dict[str, bytes] = {}
MODULE_TEXT: dict[str, str] = {}
REFUSED: dict[str, str] = {}
for _name, _text in variants():
    _result = compile_source(_text, "inj.pwf")
    if _result.ok:
        COMPILED[_name], MODULE_TEXT[_name] = _result.wasm, _result.wat
    else:
        REFUSED[_name] = _result.render()


def test_module_text_is_printable_ascii_lines():
    unsafe = [name for name, text in MODULE_TEXT.items() if not all(ch == "\n" or " " <= ch <= "~" for ch in text)]
    assert unsafe == []


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_sources_get_a_located_diagnostic(name):
    rendered = REFUSED[name]
    assert "internal compiler error" not in rendered
    assert rendered.startswith("inj.pwf:"), rendered


def test_names_never_compile_with_such_characters():
    for name in COMPILED:
        assert not name.startswith(("filter-name", "header-name", "let-name")), name


def test_comments_with_line_breaks_compile():
    assert {f"comment-U{ord(c):04X}" for c in BREAKS} <= set(COMPILED)


@pytest.fixture(scope="module")
def envoy(envoy_path, session_upstream):
    listeners = [Listener(f"v{i}", wasm=wasm, filter_name="f" if not name.startswith("filter-name") else None)
                 for i, (name, wasm) in enumerate(sorted(COMPILED.items()))]
    with Envoy(listeners, upstream_port=session_upstream.port, startup_timeout=90.0) as running:
        yield running


def test_every_compiled_variant_denies_in_envoy(envoy, upstream):
    upstream.clear()
    answers = {}
    for i, name in enumerate(sorted(COMPILED)):
        reply = http_request(envoy.listener_port(f"v{i}"), "GET", "/secret", [])
        answers[name] = reply.status
        if name.startswith(("body-", "raw-body-", "config-default-")):  # the body is the literal, byte for byte
            char = chr(int(name.rsplit("-U", 1)[1], 16))
            assert reply.body == ("denied" + char + PAYLOAD).encode(), name
    assert {name: status for name, status in answers.items() if status != 403} == {}
    assert upstream.requests == []
