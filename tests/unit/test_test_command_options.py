"""`pwc test -v`, `-k`, `--junit` and `--envoy-binary` (their Envoy run is in
tests/e2e/test_envoy_binary.py): what each prints, selects, writes or refuses."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from pwc.cli import main
from pwc.runtime.junit import CaseReport, FileReport, class_name, junit_xml
from pwc.runtime.selection import SelectionError, selector

MODULES = Path(__file__).resolve().parent.parent / "modules"

CASES = """\
filter: gate.wat
cases:
  - name: allowed
    request: {headers: {authorization: Bearer good}}
    calls: {auth: {status: 200, headers: {x-user: alice}}}
    expect: {upstream: {headers: {x-user: alice}}}
  - name: missing credentials
    expect: {reply: {status: 401}}
  - name: wrong on purpose
    expect: {reply: {status: 418, body: "a \\x01 control"}}
"""


@pytest.fixture
def cases(tmp_path) -> Path:
    shutil.copy(MODULES / "gate.wat", tmp_path / "gate.wat")
    path = tmp_path / "gate.test.yaml"
    path.write_text(CASES)
    return path


def pwc_test(capsys, *args) -> tuple[int, list[str]]:
    code = main(["test", *map(str, args)])
    captured = capsys.readouterr()
    return code, (captured.out + captured.err).splitlines()


# ---- -v ----------------------------------------------------------------------------------


def test_verbose_prints_every_case_with_its_file_line_verdict_and_time(cases, capsys):
    code, lines = pwc_test(capsys, "-v", cases)
    assert code == 1
    timed = r" \[\d+\.\d{3}s\]"
    assert re.fullmatch(rf"PASS {re.escape(str(cases))}:3: allowed{timed}", lines[0])
    assert re.fullmatch(rf"PASS {re.escape(str(cases))}:7: missing credentials{timed}", lines[1])
    assert re.fullmatch(rf"FAIL {re.escape(str(cases))}:9: wrong on purpose{timed}: reply status: expected 418, "
                        r"got 401; .*", lines[2])
    assert lines[3] == "2 passed, 1 failed"


def test_without_verbose_only_failures_are_printed(cases, capsys):
    code, lines = pwc_test(capsys, cases)
    assert code == 1 and len(lines) == 2 and lines[0].startswith(f"FAIL {cases}:9: wrong on purpose: reply status")


# ---- -k ----------------------------------------------------------------------------------


def test_k_selects_by_substring_of_file_and_case_name(cases, capsys):
    code, lines = pwc_test(capsys, "-v", "-k", "ALLOWED", cases)  # letters compared without case
    assert code == 0 and [line.split(" [")[0] for line in lines] == [f"PASS {cases}:3: allowed",
                                                                      "1 passed, 0 failed, 2 deselected"]
    code, lines = pwc_test(capsys, "-k", "gate.test.yaml::missing", cases)
    assert (code, lines) == (0, ["1 passed, 0 failed, 2 deselected"])


def test_k_takes_and_or_not_and_parentheses(cases, capsys):
    code, lines = pwc_test(capsys, "-k", "gate and not (wrong or allowed)", cases)
    assert (code, lines) == (0, ["1 passed, 0 failed, 2 deselected"])
    code, lines = pwc_test(capsys, "-k", "allowed or purpose", cases)
    assert (code, lines[-1]) == (1, "1 passed, 1 failed, 1 deselected")


def test_k_that_selects_nothing_is_an_error_not_a_green_run(cases, capsys):
    code, lines = pwc_test(capsys, "-k", "nothing-like-this", cases)
    assert code == 2
    assert lines == ["-k: no case matches (it deselected all 3)", "0 passed, 0 failed, 3 deselected"]


@pytest.mark.parametrize("expression, message", [
    ("a and", "-k 'a and': expected a word, found the end"),
    ("(a or b", "-k '(a or b': expected `)`, found the end"),
    ("a b", "-k 'a b': expected `and`, `or` or the end, found `b`"),
    ("not", "-k 'not': expected a word, found the end"),
    ("   ", "-k takes an expression: a word to look for in `FILE::CASE NAME`"),
])
def test_a_malformed_k_expression_is_a_usage_error(cases, capsys, expression, message):
    code, lines = pwc_test(capsys, "-k", expression, cases)
    assert (code, lines) == (2, [f"pwc: error: {message}"])


def test_selector_precedence_is_not_over_and_over_or():
    matches = selector("a or b and not c")  # a or (b and (not c))
    assert matches("a c") and matches("b") and not matches("b c") and not matches("x")
    with pytest.raises(SelectionError):
        selector(")")


# ---- --junit -----------------------------------------------------------------------------

# Jenkins' junit-10.xsd (what GitLab, GitHub's report actions and Jenkins read): the
# attributes each element may have, those it must have, and the children it may hold.
ALLOWED = {
    "testsuites": ({"name", "time", "tests", "failures", "errors"}, set(), {"testsuite"}),
    "testsuite": ({"name", "tests", "failures", "errors", "group", "time", "skipped", "timestamp", "hostname",
                   "id", "package", "file", "log", "url"}, {"name", "tests", "failures", "errors"},
                  {"testsuite", "properties", "testcase", "system-out", "system-err"}),
    "testcase": ({"name", "time", "classname", "group"}, {"name"},
                 {"skipped", "error", "failure", "system-out", "system-err"}),
    "failure": ({"type", "message"}, set(), set()),
    "error": ({"type", "message"}, set(), set()),
    "skipped": ({"type", "message"}, set(), set()),
}
TIME = re.compile(r"[0-9]+\.[0-9]*")


def assert_valid_junit(element: ElementTree.Element) -> None:
    allowed, required, children = ALLOWED[element.tag]
    assert set(element.attrib) <= allowed, (element.tag, element.attrib)
    assert required <= set(element.attrib), (element.tag, element.attrib)
    if "time" in element.attrib:
        assert TIME.fullmatch(element.attrib["time"])
    for child in element:
        assert child.tag in children, (element.tag, child.tag)
        assert_valid_junit(child)


def test_junit_has_a_suite_per_file_a_testcase_per_case_and_failures_with_their_message(cases, tmp_path, capsys):
    (tmp_path / "broken.pwf").write_text('filter "broken"\non request {\n  set x = \n}\n')
    (tmp_path / "broken.test.yaml").write_text("filter: broken.pwf\ncases: [{name: never runs}]\n")
    report = tmp_path / "out" / "report.xml"
    report.parent.mkdir()
    code, lines = pwc_test(capsys, "--junit", report, tmp_path)
    assert code == 2 and lines[-1] == "2 passed, 1 failed"
    root = ElementTree.parse(report).getroot()
    assert_valid_junit(root)
    assert root.tag == "testsuites" and (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "1", "1")
    broken, gate = root.findall("testsuite")
    assert broken.get("name") == f"{tmp_path.as_posix()}/broken.test.yaml"
    assert (broken.get("tests"), broken.get("errors")) == ("1", "1")
    error = broken.find("testcase/error")
    assert error is not None and error.get("message", "").startswith("broken.pwf:4:1: error: unexpected `}`")
    assert [(c.get("name"), c.find("failure") is not None) for c in gate.findall("testcase")] == [
        ("allowed", False), ("missing credentials", False), ("wrong on purpose", True)]
    assert (gate.get("tests"), gate.get("failures"), gate.get("errors"), gate.get("skipped")) == ("3", "1", "0", "0")
    assert {c.get("classname") for c in gate.findall("testcase")} == {class_name(tmp_path / "gate.test.yaml")}
    failure = gate.find("testcase/failure")
    assert failure is not None
    message = failure.get("message", "")
    assert message.startswith("reply status: expected 418, got 401; reply body: expected 'a \\x01 control'")
    assert failure.text == f"{cases}:9: wrong on purpose: {message}"


def test_junit_skipped_cases_and_names_xml_cannot_carry(tmp_path):
    reports = [FileReport(Path("a/b.test.yaml"), [
        CaseReport("clock\x07", 0.25, "a/b.test.yaml:3", skipped="`now`: Envoy's clock cannot be fixed"),
        CaseReport("ok", 0.5, "a/b.test.yaml:9")])]
    root = ElementTree.fromstring(junit_xml(reports))
    assert_valid_junit(root)
    suite = root.find("testsuite")
    assert suite is not None and (suite.get("skipped"), suite.get("time"), suite.get("tests")) == ("1", "0.750", "2")
    first = suite.find("testcase")
    assert first is not None and first.get("name") == "clock\\u{7}" and first.get("classname") == "a.b"
    assert first.find("skipped") is not None


def test_junit_to_a_folder_that_does_not_exist_is_an_environment_error(cases, tmp_path, capsys):
    code, lines = pwc_test(capsys, "--junit", tmp_path / "no" / "such" / "r.xml", "-k", "allowed", cases)
    assert code == 2 and lines[0].startswith(f"--junit {tmp_path}/no/such/r.xml: cannot write it (")


# ---- --envoy-binary ----------------------------------------------------------------------


def test_an_envoy_binary_that_does_not_exist_is_a_clear_usage_error(cases, tmp_path, capsys, monkeypatch):
    missing = tmp_path / "no-envoy"
    code, lines = pwc_test(capsys, "--envoy-binary", missing, cases)
    assert (code, lines) == (2, [f"pwc: error: --envoy-binary: {missing}: no such file"])
    monkeypatch.setenv("PWC_ENVOY", str(cases))  # a file, but not one that runs
    code, lines = pwc_test(capsys, "--envoy", cases)
    assert (code, lines) == (2, [f"pwc: error: PWC_ENVOY: {cases}: not an executable file"])


def test_pwc_envoy_is_not_read_by_local_runs(cases, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PWC_ENVOY", str(tmp_path / "no-envoy"))
    code, lines = pwc_test(capsys, "-k", "allowed", cases)
    assert (code, lines) == (0, ["1 passed, 0 failed, 2 deselected"])
