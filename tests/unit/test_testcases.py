"""The case format's exact header expectations (`exactly`) and `upstream: {reached: false}`."""

from __future__ import annotations

import io
import shutil
import textwrap
from pathlib import Path

import pytest

from pwc.runtime.testcases import CaseFileError, exact_header_differences, parse
from pwc.cli import compiler_toolchain
from pwc.runtime.testrunner import run

MODULES = Path(__file__).resolve().parent.parent / "modules"


def test_exactly_is_every_header_of_the_names_listed_in_order():
    actual = [(":path", "/"), ("x-added", "a"), ("X-Other", "o"), ("x-added", "b")]
    assert exact_header_differences("upstream", [("x-added", "a"), ("x-added", "b")], actual) == []
    assert exact_header_differences("upstream", [("X-ADDED", "a"), ("x-other", "o"), ("x-added", "b")], actual) == []
    assert exact_header_differences("upstream", None, actual) == []
    assert exact_header_differences("upstream", [("x-added", "a")], actual) == [
        "upstream headers x-added: expected exactly x-added: 'a', got x-added: 'a', x-added: 'b'"]
    assert exact_header_differences("response", [("x-added", "b"), ("x-added", "a")], actual) == [
        "response headers x-added: expected exactly x-added: 'b', x-added: 'a', got x-added: 'a', x-added: 'b'"]
    assert exact_header_differences("upstream", [("x-gone", "1")], actual) == [
        "upstream headers x-gone: expected exactly x-gone: '1', got none"]


def test_exactly_and_reached_parse():
    cases = parse(textwrap.dedent("""\
        filter: f.pwf
        cases:
          - name: a
            expect:
              upstream: {reached: false}
              reply: {status: 403, exactly: {x-reason: "no"}}
          - name: b
            expect:
              upstream: {exactly: [[x-a, "1"], [x-a, "2"]]}
        """))
    first, second = cases.cases
    assert first.expect.upstream.reached is False and first.expect.reply.exactly == [("x-reason", "no")]
    assert second.expect.upstream.reached is True and second.expect.upstream.exactly == [("x-a", "1"), ("x-a", "2")]


def test_an_upstream_not_reached_has_nothing_else_to_expect():
    with pytest.raises(CaseFileError, match=r"t.test.yaml:5: cases\[0\].expect.upstream: .*not reached"):
        parse("filter: f.pwf\ncases:\n  - name: a\n    expect:\n      upstream: {reached: false, path: /x}\n",
              Path("t.test.yaml"))


RUN = """\
filter: gate.wat
cases:
  - name: exact headers pass
    request: {path: /x, headers: {authorization: Bearer good}}
    calls: {auth: {status: 200, headers: {x-user: alice}}}
    expect:
      upstream: {exactly: [[x-filter, gate], [x-user, alice]]}
  - name: a reply never reaches the upstream
    expect:
      upstream: {reached: false}
      reply: {status: 401, exactly: {www-authenticate: Bearer}}
  - name: an extra value fails exactly
    request: {path: /x, headers: [[authorization, Bearer good], [x-dup, "1"], [x-dup, "2"]]}
    calls: {auth: {status: 200, headers: {x-user: alice}}}
    expect:
      upstream: {exactly: {x-dup: "1"}}
  - name: a request that went on fails reached false
    request: {path: /x, headers: {authorization: Bearer good}}
    calls: {auth: {status: 200, headers: {x-user: alice}}}
    expect:
      upstream: {reached: false}
"""


def test_the_runner_checks_exactly_and_reached(tmp_path):
    shutil.copy(MODULES / "gate.wat", tmp_path / "gate.wat")
    (tmp_path / "gate.test.yaml").write_text(RUN)
    out = io.StringIO()
    code = run([tmp_path], compiler_toolchain(), out=out)
    lines = out.getvalue().splitlines()
    assert code == 1 and lines[-1] == "2 passed, 2 failed", lines
    failures = [line for line in lines if line.startswith("FAIL")]
    assert len(failures) == 2, lines
    assert failures[0].endswith("an extra value fails exactly: upstream headers x-dup: expected exactly "
                                "x-dup: '1', got x-dup: '1', x-dup: '2'"), failures
    assert failures[1].endswith("a request that went on fails reached false: "
                                "expected the request not to reach the upstream, but it did: GET /x"), failures


# ---- docs/testing.md describes every field ------------------------------------------------

TESTING_DOC = Path(__file__).resolve().parents[2] / "docs" / "testing.md"


def _case_models() -> list[type]:
    from pydantic import BaseModel

    from pwc.runtime import testcases

    return [value for value in vars(testcases).values()
            if isinstance(value, type) and issubclass(value, BaseModel)
            and value.__module__ == testcases.__name__ and value.model_fields]


def _section(text: str, marker: str) -> str:
    """The text under the heading that carries `marker`, up to the next heading."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("#") and marker in line)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("#")), len(lines))
    return "\n".join(lines[start:end])


def test_docs_testing_md_describes_every_field_of_the_case_format():
    text = TESTING_DOC.read_text(encoding="utf-8")
    models = _case_models()
    assert {model.__name__ for model in models} >= {"CaseFile", "Case", "RequestSpec", "Expect", "ConnectionSpec"}
    unplaced = [model.__name__ for model in models if f"<!-- {model.__name__} -->" not in text]
    assert unplaced == [], "each model of the case format has a section in docs/testing.md"
    missing = [f"{model.__name__}.{name}" for model in models for name in model.model_fields
               if f"`{name}`" not in _section(text, f"<!-- {model.__name__} -->")]
    assert missing == [], "fields docs/testing.md does not describe in their model's section"


def test_the_readme_links_docs_testing_md():
    readme = (TESTING_DOC.parents[1] / "README.md").read_text(encoding="utf-8")
    assert "(docs/testing.md)" in readme
