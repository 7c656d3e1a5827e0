"""The language server's answers for text as it is while being typed:
every example cut at many points is analysed, completed and hovered
without an exception (a server that raised would answer editors with
errors instead of completions)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pwc.lsp.analysis import analyse
from pwc.lsp.complete import complete
from pwc.lsp.hover import definition, hover
from pwc.lsp.positions import Positions

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.pwf"))
CUTS = 12


@pytest.mark.parametrize("example", EXAMPLES, ids=[path.name for path in EXAMPLES])
def test_every_prefix_of_an_example_gets_answers(example):
    text = example.read_text(encoding="utf-8")
    whole = analyse(example.name, text)
    assert whole.result.ok and whole.parsed is whole.result
    for cut in range(len(text) // CUTS, len(text), len(text) // CUTS):
        typed = analyse(example.name, text[:cut], whole)
        assert typed.parsed is not None  # the whole text's tree stands in while it does not parse
        complete(text[:cut], typed.parsed)
        if typed.result.checked is not None:
            hover(typed.result.checked, typed.source, cut - 1)
            definition(typed.result.checked, cut - 1)
        positions = Positions(typed.source)
        assert positions.offset(*positions.position(cut)) == cut
    said = [hover(whole.result.checked, whole.source, offset) for offset in range(0, len(text), 7)]
    for offset in range(0, len(text), 7):
        definition(whole.result.checked, offset)
    assert any(said)  # a filter always has something to explain


@pytest.mark.parametrize("typed,where", [
    ('  let a = "ab', "string"), ('  let a = "a\\"', "string"), ('  let a = r"a\\"', "code"),
    ("  let a = 'x' + b", "code"), ("  # config.", "comment"), ('  let a = "#" + config.', "code"),
    ('  let a = "x\\\n', "code"), ("  let a = r'", "string"),
])
def test_the_cursor_knows_strings_and_comments(typed, where):
    from pwc.lsp.analysis import cursor_in

    assert cursor_in(typed) == where


def test_nothing_is_completed_in_a_comment_or_a_string():
    text = EXAMPLES[0].read_text(encoding="utf-8")
    parsed = analyse("x.pwf", text).parsed
    body = text + "\non request {\n  "
    assert complete(body + "# see config.", parsed) == []
    assert complete(body + 'log info "request.', parsed) == []
    assert {item.label for item in complete(body + "let a = config.", parsed)} == {"collector"}


def test_a_record_value_completes_its_fields_then_the_methods():
    text = 'filter "x"\ntype Rule {\n  prefix: string\n  status: int = 403\n}\nconfig {\n  rules: list<Rule> = []\n}\n' \
           'on request {\n  for rule in config.rules {\n    if request.path.startsWith(rule.prefix) {\n      respond 403\n    }\n  }\n}\n'
    parsed = analyse("x.pwf", text).parsed
    assert parsed is not None and parsed.ok
    typed = text.replace("rule.prefix", "rule.")
    labels = [item.label for item in complete(typed[:typed.index("rule.") + len("rule.")], parsed)]
    assert labels[:2] == ["prefix", "status"] and "startsWith" in labels
