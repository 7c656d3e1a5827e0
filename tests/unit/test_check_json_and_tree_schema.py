"""`pwc check --format json` (diagnostics as data, for CI) and `pwc schema
--syntax-tree` (the JSON Schema of `pwc parse --json`'s tree)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from pwc.cli import main

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.pwf"))
KEYS = {"file", "line", "column", "end_line", "end_column", "severity", "message", "hint", "notes"}


def pwc(capsys, *args) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def check_json(capsys, *files) -> tuple[int, dict]:
    code, out, err = pwc(capsys, "check", "--format", "json", *files)
    assert err == ""
    document = json.loads(out)
    assert all(set(d) == KEYS for d in document["diagnostics"])
    return code, document


# ---- pwc check --format json ------------------------------------------------------------


def test_a_clean_file_has_no_diagnostics(capsys):
    code, document = check_json(capsys, EXAMPLES[0])
    assert (code, document) == (0, {"diagnostics": [], "files": [{"file": str(EXAMPLES[0]), "ok": True}]})


def test_every_diagnostic_of_several_files_with_spans_hints_and_the_paths_given(tmp_path, capsys):
    wrong = tmp_path / "wrong.pwf"
    wrong.write_text('filter "x"\non request {\n  set request.headers["a"] = reqest.path\n  respond 99 "x"\n}\n')
    unparsable = tmp_path / "unparsable.pwf"
    unparsable.write_text('filter "y"\non request {\n  set = 1\n}\n')
    code, document = check_json(capsys, wrong, EXAMPLES[0], unparsable)
    assert code == 1
    assert document["files"] == [{"file": str(wrong), "ok": False}, {"file": str(EXAMPLES[0]), "ok": True},
                                 {"file": str(unparsable), "ok": False}]
    first, second, third = document["diagnostics"]
    assert first == {"file": str(wrong), "line": 3, "column": 30, "end_line": 3, "end_column": 36,
                     "severity": "error", "message": "unknown name `reqest`", "hint": "did you mean `request`?",
                     "notes": []}
    assert (second["line"], second["column"], second["end_column"]) == (4, 11, 13)
    assert second["message"].startswith("status 99 is out of range") and second["file"] == str(wrong)
    assert (third["file"], third["line"], third["severity"]) == (str(unparsable), 3, "error")


def test_notes_carry_their_own_positions(tmp_path, capsys):
    twice = tmp_path / "twice.pwf"
    twice.write_text('filter "t"\ncounter hits\ncounter hits\non request {\n  count hits\n}\n')
    code, document = check_json(capsys, twice)
    assert code == 1
    [diagnostic] = document["diagnostics"]
    assert diagnostic["line"] == 3
    assert [(note["file"], note["line"], note["column"]) for note in diagnostic["notes"]] == [(str(twice), 2, 9)]


def test_unreadable_files_are_diagnostics_with_null_positions(tmp_path, capsys):
    latin1 = tmp_path / "latin1.pwf"
    latin1.write_bytes(b'filter "\xe9"\n')
    code, document = check_json(capsys, tmp_path / "missing.pwf", latin1)
    assert code == 1
    missing, undecodable = document["diagnostics"]
    assert missing == {"file": str(tmp_path / "missing.pwf"), "line": None, "column": None, "end_line": None,
                       "end_column": None, "severity": "error", "message": "no such file", "hint": None, "notes": []}
    assert undecodable["message"].startswith("cannot read it (") and undecodable["line"] is None


def test_columns_count_characters(tmp_path, capsys):
    wide = tmp_path / "wide.pwf"
    wide.write_text('filter "w"\non request {\n  set request.headers["x"] = "日本" + nope\n}\n')
    code, document = check_json(capsys, wide)
    [diagnostic] = document["diagnostics"]
    # columns count characters: 日本 are two, not four terminal columns or six bytes
    assert (diagnostic["line"], diagnostic["column"], diagnostic["end_column"]) == (3, 37, 41)
    assert diagnostic["message"] == "unknown name `nope`"


def test_text_format_of_several_files_is_unchanged_per_file(tmp_path, capsys):
    wrong = tmp_path / "wrong.pwf"
    wrong.write_text('filter "x"\non request {\n  set request.headers["a"] = reqest.path\n}\n')
    code, out, err = pwc(capsys, "check", EXAMPLES[0], wrong, tmp_path / "missing.pwf")
    assert code == 1 and out == f"{EXAMPLES[0]}: ok\n"
    assert err.startswith("wrong.pwf:3:30: error: unknown name `reqest`\n")
    assert err.endswith(f"pwc: error: {tmp_path / 'missing.pwf'}: no such file\n")


# ---- pwc schema --syntax-tree -----------------------------------------------------------




def syntax_tree_validator(capsys) -> jsonschema.Draft202012Validator:
    code, out, err = pwc(capsys, "schema", "--syntax-tree")
    assert (code, err) == (0, "")
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    return jsonschema.Draft202012Validator(schema)


def test_every_examples_parse_json_validates_against_the_syntax_tree_schema(capsys):
    validator = syntax_tree_validator(capsys)
    for example in EXAMPLES:
        code, out, _ = pwc(capsys, "parse", "--json", example)
        assert code == 0
        errors = [error.message for error in validator.iter_errors(json.loads(out))]
        assert errors == [], example.name


def _handlers_first_statement(tree: dict) -> dict:
    return tree["handlers"][0]["body"][0]


@pytest.mark.parametrize("breakage", ["unknown kind", "missing field", "extra field", "wrong type", "huge line"])
def test_a_broken_tree_does_not_validate_and_does_not_compile(capsys, tmp_path, breakage):
    validator = syntax_tree_validator(capsys)
    code, out, _ = pwc(capsys, "parse", "--json", EXAMPLES[0])
    tree = json.loads(out)
    statement = _handlers_first_statement(tree)
    if breakage == "unknown kind":
        statement["kind"] = "sett"
    elif breakage == "missing field":
        tree.pop("filter_name")
    elif breakage == "extra field":
        statement["colour"] = "red"
    elif breakage == "huge line":
        statement["span"]["line"] = 2**63  # the module's code holds a line as an i32
    else:
        tree["handlers"] = "on request"
    assert not validator.is_valid(tree)
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(tree))
    code, _, err = pwc(capsys, "compile", "--from-json", broken, "-o", tmp_path / "out.wasm")
    assert code == 1 and "error:" in err  # the schema and the reader agree


def test_schema_takes_a_file_or_syntax_tree_not_both_nor_neither(capsys):
    for args in (["schema"], ["schema", "--syntax-tree", EXAMPLES[0]]):
        code, out, err = pwc(capsys, *args)
        assert (code, out) == (2, "")
        assert err == "pwc: error: schema takes FILE.pwf (its configuration's schema) or --syntax-tree, one of them\n"
