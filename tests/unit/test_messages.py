"""Messages live in compiler/messages.py (and messages_*.py: messages_state.py,
whose builders it re-exports, and messages_metrics.py), one named builder each.

The checks read the compiler's source with `ast`, so a message written at a
call site, or a builder nobody calls any more, fails here rather than in review.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pwc.compiler import messages
from pwc.compiler.diagnostics import Diagnostics, Message, render
from pwc.compiler.driver import compile_source
from pwc.compiler.source import Source, Span

COMPILER = Path(messages.__file__).parent
SOURCES = {path: ast.parse(path.read_text(encoding="utf-8"), str(path)) for path in sorted(COMPILER.rglob("*.py"))}
MESSAGES = COMPILER / "messages.py"
# Files that hold builders: messages.py and messages_*.py (imported as `messages`, or by their own name).
MESSAGE_FILES = {MESSAGES, *COMPILER.glob("messages_*.py")}
# Receivers of `.error(...)`/`.warning(...)` that are a Diagnostics list.
DIAGNOSTICS_NAMES = {"diag", "diagnostics"}


def _builders() -> set[str]:
    return {node.name for path in MESSAGE_FILES for node in SOURCES[path].body
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")}


def _called_names(tree: ast.AST) -> set[str]:
    """`f` for every call `messages.f(...)` or `f(...)` in `tree`."""
    called = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name) \
                    and node.func.value.id.startswith("messages"):
                called.add(node.func.attr)
            elif isinstance(node.func, ast.Name):
                called.add(node.func.id)
    return called


def _diagnostics_calls() -> list[tuple[Path, ast.Call]]:
    """Every `X.error(...)` and `X.warning(...)` where X is a Diagnostics (`diagnostics`, `self.diag`, ...)."""
    calls = []
    for path, tree in SOURCES.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in ("error", "warning"):
                receiver = node.func.value
                name = receiver.attr if isinstance(receiver, ast.Attribute) else getattr(receiver, "id", None)
                if name in DIAGNOSTICS_NAMES:
                    calls.append((path, node))
    return calls


def _written_text(node: ast.AST) -> bool:
    """Whether an argument is, or builds, text right there (a string literal,
    an f-string, `"a" + x`, a tuple holding one) rather than calling a builder."""
    if isinstance(node, ast.Call):
        return False
    if isinstance(node, ast.JoinedStr) or isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    return any(_written_text(child) for child in ast.iter_child_nodes(node))


def test_every_builder_is_called_by_the_compiler():
    called = set().union(*(_called_names(tree) for path, tree in SOURCES.items() if path not in MESSAGE_FILES))
    assert sorted(_builders() - called) == [], "builders nobody calls: remove them"


def test_diagnostics_are_given_a_builders_message():
    calls = _diagnostics_calls()
    assert len(calls) > 50  # the scan finds the compiler's reports (it would pass vacuously otherwise)
    offenders = []
    for path, call in calls:
        arguments = call.args + [keyword.value for keyword in call.keywords]
        if not call.args or not isinstance(call.args[0], ast.Call) or any(map(_written_text, arguments)):
            offenders.append(f"{path.relative_to(COMPILER)}:{call.lineno}: {ast.unparse(call)[:100]}")
    assert offenders == [], "write the message as a builder in messages.py"


def test_type_mismatches_name_their_subject_from_messages():
    """`_expect(got, expected, WHAT, node)`: WHAT ("the condition") is worded in messages.py too."""
    calls = [(path, node) for path, tree in SOURCES.items() for node in ast.walk(tree)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "_expect"]
    assert len(calls) > 20
    offenders = [f"{path.relative_to(COMPILER)}:{call.lineno}" for path, call in calls if any(map(_written_text, call.args))]
    assert offenders == []


def test_messages_and_diagnostics_are_made_in_one_place_each():
    made = []
    for path, tree in SOURCES.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            if name == "Message" and path not in MESSAGE_FILES or name == "Diagnostic" and path.name != "diagnostics.py":
                made.append(f"{path.relative_to(COMPILER)}:{node.lineno}: {name}")
    assert made == []


def test_a_plain_string_is_refused():
    with pytest.raises(TypeError):
        Diagnostics().error("unknown name `x`", Span(start=0, end=1))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Diagnostics().warning("careful", Span(start=0, end=1))  # type: ignore[arg-type]


def test_a_note_has_no_hint():
    with pytest.raises(ValueError):
        Diagnostics().error(messages.redeclared("x"), Span(start=0, end=1),
                            notes=[(messages.redeclared("x"), Span(start=0, end=1))])


def test_a_builder_carries_its_hint():
    assert messages.unknown_name("usr", "user") == Message("unknown name `usr`", "did you mean `user`?")
    assert messages.unknown_name("zzz", None) == Message("unknown name `zzz`", None)
    assert messages.unknown_phase("requst", "request").hint == "did you mean `on request`?"


def test_a_redeclared_name_points_at_its_first_declaration():
    result = compile_source('filter "f"\non request {\n  let user = "a"\n  let user = "b"\n}\n', "f.pwf")
    assert result.render().splitlines() == [
        "f.pwf:4:7: error: `user` is already declared in this scope",
        '    let user = "b"',
        "        ^^^^",
        "  hint: choose another name",
        "  note: f.pwf:3:7: `user` is first declared here",
        '      let user = "a"',
        "          ^^^^",
    ]


def test_an_unclosed_brace_points_at_where_it_opened():
    result = compile_source('filter "f"\non request {\n  if true {\n    continue\n}\n', "f.pwf")
    assert result.render().splitlines()[:3] == [
        "f.pwf:3:11: error: this `{` is never closed: the file ends inside its block",
        "    if true {",
        "            ^",
    ]


def test_carets_align_under_wide_characters():
    text = 'filter "f"\non request {\n  set request.headers["名前"] = 名前\n}\n'
    source = Source("f.pwf", text)
    at = text.rindex("名前")
    diagnostics = Diagnostics()
    diagnostics.error(messages.unknown_name("名前", None), Span(start=at, end=at + 2))
    caret_line = render(diagnostics.items[0], source).splitlines()[2]
    # Each of the four wide characters before the name takes two columns, and so does each under the carets.
    assert caret_line == "  " + " " * (len("  set request.headers[\"\"] = ") + 4) + "^^^^"


def test_a_rewrite_target_is_quoted_whatever_its_name():
    result = compile_source('filter "f"\non request {\n  let this_path = "a"\n  rewrite this_path "a" to "b"\n}\n', "f.pwf")
    assert result.render().splitlines()[0] == "f.pwf:4:11: error: cannot rewrite `this_path`"


def test_a_header_map_method_hint_needs_the_maps_name():
    named = compile_source('filter "f"\non request {\n  log info request.headers.get("x-a")\n}\n', "f.pwf")
    assert 'hint: read a header by indexing: `request.headers["x-a"]`' in named.render()
    unnamed = compile_source('filter "f"\non request {\n  log info (true ? request.headers : request.headers)'
                             '.get("x-a")\n}\n', "f.pwf")
    assert "None" not in unnamed.render()
