"""`pwc fmt` on real files: the corpus of tests/data/fmt (comments in every
place the grammar allows, blank lines, declarations out of the usual order,
statements over several lines) against its golden output, and every example
and test program through the promises of fmt_harness (idempotent, comments
kept in order, same syntax tree, same module)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fmt_harness import assert_fmt_keeps, comment_texts, formatted, relabeled, tree
from pwc.compiler import parser
from pwc.compiler.comments import SourceMap
from pwc.compiler.diagnostics import Diagnostics, render_all
from pwc.compiler.driver import compile_module, compile_source
from pwc.compiler.formatter import check_output, format_source
from pwc.compiler.printer import format_module
from pwc.compiler.source import Source

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "fmt"
PROGRAMS = sorted([*ROOT.glob("examples/*.pwf"), *ROOT.glob("bench/*.pwf"),
                   *(path for path in ROOT.glob("tests/**/*.pwf") if path.parent.name not in ("errors", "fmt"))])


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.pwf")), ids=lambda p: p.stem)
def test_the_corpus_formats_to_its_golden_text(path: Path, golden):
    out = assert_fmt_keeps(path.read_text(encoding="utf-8"), path.name)
    golden(path.with_suffix(".expected"), out)


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_program_keeps_its_meaning_and_comments(path: Path):
    assert_fmt_keeps(path.read_text(encoding="utf-8"), path.name)


def test_the_module_check_sees_moved_lines():
    """The check of assert_fmt_keeps is not vacuous: where fmt moved lines,
    the module differs until the original tree's lines are renumbered."""
    text = (CORPUS / "blanks.pwf").read_text(encoding="utf-8")  # runs of blank lines become one
    out = formatted(text)
    after = compile_source(out, "fmt.pwf").wasm
    assert compile_source(text, "fmt.pwf").wasm != after
    assert compile_module(relabeled(tree(text), tree(out)), "fmt.pwf").wasm == after


def test_every_comment_is_kept_in_its_place():
    text = (CORPUS / "comments.pwf").read_text(encoding="utf-8")
    out = formatted(text)
    assert comment_texts(out) == comment_texts(text) and len(comment_texts(text)) == 25
    assert '  bb: int = 3      # trailing bb\n' in out  # trailing comments of consecutive lines line up
    assert "  # last in handler\n}  # handler end\n# end of file\n" in out


def test_a_tree_without_a_source_prints_as_before():
    """compile_module compiles a tree without positions from this text, so its lines must not move."""
    module = tree('filter "x"\non request {\n  count hits\n}\ncounter hits\ncounter misses\nconfig {\n  a: int = 1\n}\n')
    text = format_module(module)
    assert text == ('filter "x"\n\non request {\n  count hits\n}\n\ncounter hits\ncounter misses\n\n'
                    'config {\n  a: int = 1\n}\n')


@pytest.mark.parametrize("text, where", [
    ('filter "x"\non request {\n  set = 1\n}\n', "bad.pwf:3:7: error: unexpected `=`"),
    ('filter "x"\non request {\n  log info "a\\qb"  # kept\n}\n', "bad.pwf:3:14: error:"),
], ids=["syntax", "bad escape"])
def test_a_file_that_does_not_parse_is_refused_with_its_location(text: str, where: str):
    """A bad escape leaves a tree without it; printing that would change the string."""
    result = format_source(Source("bad.pwf", text))
    assert result.text is None
    assert result.render().startswith(where)


def test_raw_strings_keep_their_form_and_the_syntax_hash():
    text = 'filter "raw"\non request {\n  set request.headers["a"] = r\'a"b\'\n  log info R"\\d+"\n}\n'
    out = assert_fmt_keeps(text)
    assert "r'a\"b'" in out and 'r"\\d+"' in out


def test_output_that_loses_a_comment_or_changes_the_tree_is_refused_with_a_location():
    """The safety net under the printer: fmt never writes text that lost
    something, it names where instead (the refusals of a formatter bug)."""
    text = 'filter "x"\non request {\n  log info "a"  # kept\n}\n'
    source = Source("x.pwf", text)
    source_map = SourceMap(source, parser.tokens_with_comments(text))
    for output, expected in [
        (text.replace("  # kept", ""), "x.pwf:3:17: error: `pwc fmt` cannot keep this comment where it is"),
        (text.replace('"a"', '"b"'), "x.pwf:1:8: error: `pwc fmt` would change what this filter means"),
    ]:
        diagnostics = Diagnostics()
        check_output(tree(text), source_map, Source("x.pwf", output), diagnostics)
        assert render_all(diagnostics.items, source).startswith(expected)
