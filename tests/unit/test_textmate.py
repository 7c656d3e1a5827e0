"""editors/textmate/pwf.tmLanguage.json, the grammar editors color .pwf
files with, seen through a TextMate tokenizer (tests/unit/textmate.py):
on every example its scopes agree with the compiler's own lexer, every
attribute and function of the compiler's tables is colored as one, and
hand-written lines land each token class where it belongs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pwc.compiler import attributes, functions
from pwc.compiler.parser import _lark
from textmate import Grammar

ROOT = Path(__file__).resolve().parents[2]
GRAMMAR_PATH = ROOT / "editors" / "textmate" / "pwf.tmLanguage.json"
EXAMPLES = sorted((ROOT / "examples").glob("*.pwf"))
GRAMMAR = Grammar(GRAMMAR_PATH)

# The compiler's token types -> the scope an editor must give them.
KEYWORD_TOKENS = {"FILTER", "CONFIG", "ON", "SET", "ADD", "REMOVE", "REWRITE", "TO", "RESPOND", "CONTINUE", "IF",
                  "ELSE", "LET", "VAR", "CALL", "LOG", "FOR", "IN", "TYPE", "STORE", "EVERY", "COUNTER", "HISTOGRAM",
                  "COUNT", "OBSERVE", "LIMIT", "PER", "BODY_LIMIT"}
EXPECTED_SCOPE = {**{kind: "keyword." for kind in KEYWORD_TOKENS},
                  "STRING": "string.", "RAW_STRING": "string.", "INT": "constant.numeric.",
                  "DOUBLE": "constant.numeric.", "DURATION": "constant.numeric.", "COMMENT": "comment.",
                  "TRUE": "constant.language.", "FALSE": "constant.language.",
                  "PLUS": "keyword.operator.", "MINUS": "keyword.operator.", "STAR": "keyword.operator.",
                  "SLASH": "keyword.operator.", "PERCENT": "keyword.operator.", "BANG": "keyword.operator.",
                  "EQUAL": "keyword.operator."}
OPERATOR_TEXT = {"||", "&&", "==", "!=", "<=", ">="}  # lark names these __ANON_n


def scopes_of(text: str) -> list[tuple[str, ...]]:
    """The scopes of each character of `text`, newlines included (they get none)."""
    flat: list[tuple[str, ...]] = []
    for line in GRAMMAR.tokenize(text):
        flat.extend(line)
        flat.append(())
    return flat[:len(text)]


def has(scopes: tuple[str, ...], prefix: str) -> bool:
    return any(scope.startswith(prefix) for scope in scopes)


def expected_scopes(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, token text, scope prefix) for each token the lexer says must have one."""
    lark = _lark()
    tokens = list(lark.lex(text))  # with the postlexer: `store`, `limit`, ... are keywords where they are
    expected = [(t.start_pos, t.end_pos, t.value, EXPECTED_SCOPE[t.type]) for t in tokens if t.type in EXPECTED_SCOPE]
    expected += [(t.start_pos, t.end_pos, t.value, "keyword.operator.") for t in tokens if t.value in OPERATOR_TEXT]
    expected += [(t.start_pos, t.end_pos, t.value, "comment.")
                 for t in lark.lex(text, dont_ignore=True) if t.type == "COMMENT"]
    expected += _phases(tokens) + _named(tokens)
    return expected


def _phases(tokens) -> list[tuple[int, int, str, str]]:
    """The phase of `on PHASE`."""
    found = []
    for on, first, second in zip(tokens, tokens[1:], [*tokens[2:], None]):
        if on.type == "ON":
            end = second if second is not None and second.type == "NAME" and first.value + " " + second.value \
                in attributes.PHASES else first
            found.append((first.start_pos, end.end_pos, first.value, "entity.name.section.phase."))
    return found


ATTRIBUTE_NAMES = {*attributes.HEADER_ATTRIBUTES, *attributes.BODY_ATTRIBUTES, *attributes.PROPERTY_ATTRIBUTES,
                   *attributes.HEADER_MAPS}


def _named(tokens) -> list[tuple[int, int, str, str]]:
    """Attributes (`request.path`, `route_name`) and calls of the functions table (`sha256(`, `hex.encode(`)."""
    found = []
    for index, token in enumerate(tokens):
        if token.type != "NAME" or index and tokens[index - 1].value == ".":
            continue  # a member, not the start of a name
        dotted = index + 2 < len(tokens) and tokens[index + 1].value == "." and tokens[index + 2].type == "NAME"
        last = tokens[index + 2] if dotted else token  # the name's last part
        name = f"{token.value}.{last.value}" if dotted else token.value
        called = index + (3 if dotted else 1) < len(tokens) and tokens[index + (3 if dotted else 1)].value == "("
        if name in ATTRIBUTE_NAMES:
            found.append((token.start_pos, last.end_pos, name, "support.variable.attribute."))
        elif token.value in ATTRIBUTE_NAMES:
            found.append((token.start_pos, token.end_pos, token.value, "support.variable.attribute."))
        elif called and name in functions.FUNCTIONS:
            found.append((last.start_pos, last.end_pos, name, "support.function."))
    return found


@pytest.mark.parametrize("example", EXAMPLES, ids=[path.name for path in EXAMPLES])
def test_every_token_of_an_example_is_scoped_as_the_compiler_reads_it(example):
    text = example.read_text(encoding="utf-8")
    scopes = scopes_of(text)
    expected = expected_scopes(text)
    assert len(expected) > 10
    wrong = [f"{text[:start].count(chr(10)) + 1}: {token!r} wants {prefix}*, has {scopes[start]}"
             for start, end, token, prefix in expected
             if not all(has(scopes[at], prefix) for at in range(start, end))]
    assert wrong == []


def test_every_attribute_and_function_of_the_tables_is_colored_as_one():
    lines = [f"let a = {name}" for name in [*attributes.HEADER_ATTRIBUTES, *attributes.BODY_ATTRIBUTES,
                                              *attributes.PROPERTY_ATTRIBUTES, *attributes.HEADER_MAPS]]
    lines += [f"let f = {name}(x)" for name in functions.FUNCTIONS]
    lines += [f"let m = x.{name}(y)" for name in [*functions.METHODS, *functions.MACROS]]
    lines += [f"let c = {name}(x)" for name in functions.CONVERSIONS]
    for line, scopes in zip(lines, GRAMMAR.tokenize("\n".join(lines))):
        name = line.split(" = ")[1].split("(")[0].removeprefix("x.")
        start = line.index(name, len("let a = "))
        want = "support.variable.attribute." if line.startswith("let a") else "support.function."
        last = name.split(".")[-1]
        checked = range(start, start + len(name)) if want.startswith("support.variable") else \
            range(line.rindex(last), line.rindex(last) + len(last))
        assert all(has(scopes[at], want) for at in checked), (line, scopes[start])


SNIPPETS = [  # (line, the text to look at, the scope it must have, the scopes it must not have)
    (r'let a = r"\d+#x"', r'r"\d+#x"', "string.quoted.double.raw.", "comment."),
    (r"let a = r'\w'", r"r'\w'", "string.quoted.single.raw.", "constant.character.escape"),
    (r'let a = "tab\tand\x41 and \u00e9"', r"\t", "constant.character.escape.", ""),
    (r'let a = "tab\tand\x41 and \u00e9"', r"\u00e9", "constant.character.escape.", ""),
    (r'let a = "\d"', r"\d", "invalid.illegal.escape.", ""),
    ('let a = "# not a comment"', "# not a comment", "string.quoted.double.", "comment."),
    ("let a = 'single' # a comment", "# a comment", "comment.line.number-sign.", "string."),
    ("let a = 9.99 + 2e3", "9.99", "constant.numeric.float.", ""),
    ("let a = 9.99 + 2e3", "2e3", "constant.numeric.float.", ""),
    ("let a = 0x1F + 42", "0x1F", "constant.numeric.hex.", ""),
    ("let a = 0x1F + 42", "42", "constant.numeric.integer.", ""),
    ("let a = 1m30s", "1m30s", "constant.numeric.duration.", ""),
    ("let a = 500ms", "500ms", "constant.numeric.duration.", ""),
    ("let a = x1s", "x1s", "", "constant.numeric."),
    ("on response body {", "response body", "entity.name.section.phase.", ""),
    ("every 30s {", "every", "keyword.other.", ""),
    ("  limit request.headers[\"x-key\"] to 10 per 1s", "per", "keyword.other.per.", ""),
    ("  limit request.headers[\"x-key\"] to 10 per 1s", "limit", "keyword.other.limit.", ""),
    ("  log info \"hi\"", "info", "constant.language.log-level.", ""),
    ("  let ok = parts.filter(p, p != \"\")", "filter", "support.function.method.", "keyword."),
    ("  let n = config.limit", "config", "variable.language.", "keyword."),
    ("  let n = config.limit", "limit", "variable.other.member.", "keyword."),
    ("  respond 403 \"no\" headers {\"a\": \"b\"}", "headers", "keyword.other.headers.", ""),
    ("  let h = response.headers[\"x\"]", "response.headers", "support.variable.attribute.", "keyword."),
    ("  if a >= 1 && !b || c != d {", ">=", "keyword.operator.", ""),
    ("  if a >= 1 && !b || c != d {", "||", "keyword.operator.", ""),
    ("  if a >= 1 && !b || c != d {", "if", "keyword.control.", ""),
    ("  set x = true", "true", "constant.language.", ""),
    ("  let t = now", "now", "support.variable.", ""),
    ("  let n = y.myField(1)", "myField", "entity.name.function.member.", ""),
]


@pytest.mark.parametrize("line,needle,scope,not_scope", SNIPPETS)
def test_hand_written_lines(line, needle, scope, not_scope):
    [scopes] = GRAMMAR.tokenize(line)
    start = line.index(needle)
    for at in range(start, start + len(needle)):
        assert not scope or has(scopes[at], scope), (needle, at, scopes[at])
        assert not not_scope or not has(scopes[at], not_scope), (needle, at, scopes[at])


def test_config_and_type_blocks_scope_fields_and_types():
    text = 'type Rule {\n  prefix: string\n  codes: list<int> = [403]\n  note: string?\n}\nconfig {\n  rules: list<Rule> = []\n  m: map<string, string> = {}\n  after: int = 1\n}\n'
    lines = text.split("\n")
    scopes = GRAMMAR.tokenize(text)

    def at(line: int, needle: str) -> tuple[str, ...]:
        return scopes[line][lines[line].index(needle)]

    assert has(at(0, "type"), "keyword.") and has(at(0, "Rule"), "entity.name.type.")
    assert has(at(1, "prefix"), "variable.other.property.") and has(at(1, "string"), "storage.type.")
    assert has(at(2, "list"), "storage.type.") and has(at(2, "403"), "constant.numeric.")
    assert has(at(3, "?"), "keyword.operator.optional.")
    assert has(at(6, "Rule"), "entity.name.type.")
    assert has(at(8, "after"), "variable.other.property.")  # the `{}` default closed inside the block
    assert not has(at(9, "}"), "meta.config.pwf") or has(at(9, "}"), "punctuation.section.block.end.")


def test_every_regex_is_one_python_reads():
    for regex in GRAMMAR.regexes():
        re.compile(regex)
    assert not [r for r in GRAMMAR.regexes() if "\\G" in r or "\\h" in r or "(?<" in r and not re.search(r"\(\?<[!=]", r)]


def test_the_vscode_extension_uses_this_grammar_and_pwc_lsp():
    folder = ROOT / "editors" / "vscode"
    manifest = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    [language] = manifest["contributes"]["languages"]
    [grammar] = manifest["contributes"]["grammars"]
    assert language["extensions"] == [".pwf"] and grammar["scopeName"] == GRAMMAR.data["scopeName"]
    assert (folder / grammar["path"]).resolve() == GRAMMAR_PATH.resolve()
    configuration = json.loads((folder / language["configuration"]).read_text(encoding="utf-8"))
    assert configuration["comments"]["lineComment"] == "#"
    assert ["{", "}"] in configuration["brackets"]
    assert "vscode-languageclient" in manifest["dependencies"]
    assert '"lsp"' in (folder / manifest["main"]).read_text(encoding="utf-8")
