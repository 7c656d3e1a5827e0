"""`pwc test --junit FILE`: the run as JUnit XML, the report CI systems read.

    <testsuites name="pwc test" tests="3" failures="1" errors="0" time="0.041">
      <testsuite name="examples/gate.test.yaml" tests="3" failures="1" errors="0" skipped="0" time="0.041">
        <testcase classname="examples.gate" name="denied" time="0.012">
          <failure message="reply status: expected 403, got 200">examples/gate.test.yaml:9: ...</failure>

One `testsuite` per case file with a case run, one `testcase` per case run; a case that
failed holds a `failure` (its message is what differed), one skipped in
Envoy a `skipped`, and a file that could not run at all (a bad case file, a
filter that does not compile, Envoy missing) one `testcase` holding an
`error`.  Only the elements and attributes of Jenkins' junit-10.xsd are
written (the schema GitLab, GitHub's report actions and Jenkins read), and
no timestamp or host name, so two runs differ only in their times.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path

SUFFIX = ".test.yaml"


@dataclass(frozen=True)
class CaseReport:
    name: str
    seconds: float
    location: str  # FILE:LINE, for the failure's text
    failure: str | None = None  # what differed
    skipped: str | None = None  # why it was not run


@dataclass
class FileReport:
    path: Path
    cases: list[CaseReport] = field(default_factory=list)
    error: str | None = None  # the file could not run


# Characters XML 1.0 cannot carry at all, not even escaped (a case name or a body may hold them).
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_text(text: str) -> str:
    return _NOT_IN_XML.sub(lambda found: f"\\u{{{ord(found.group()):x}}}", text)


def class_name(path: Path) -> str:
    """`examples/gate.test.yaml` -> `examples.gate`: reports group cases by the dotted classname."""
    text = path.as_posix()
    text = text[: -len(SUFFIX)] if text.endswith(SUFFIX) else text.rsplit(".", 1)[0]
    return ".".join(part for part in text.split("/") if part not in ("", "."))


def _seconds(value: float) -> str:
    return f"{value:.3f}"


def _suite(report: FileReport) -> ElementTree.Element:
    suite = ElementTree.Element("testsuite")
    classname = _xml_text(class_name(report.path))
    failures = sum(case.failure is not None for case in report.cases)
    skipped = sum(case.skipped is not None for case in report.cases)
    total = sum(case.seconds for case in report.cases)
    tests = len(report.cases) + (report.error is not None)
    suite.attrib.update(name=_xml_text(report.path.as_posix()), tests=str(tests), failures=str(failures),
                        errors=str(int(report.error is not None)), skipped=str(skipped), time=_seconds(total))
    for case in report.cases:
        element = ElementTree.SubElement(suite, "testcase", classname=classname, name=_xml_text(case.name),
                                         time=_seconds(case.seconds))
        if case.failure is not None:
            failure = ElementTree.SubElement(element, "failure", message=_xml_text(case.failure), type="failure")
            failure.text = _xml_text(f"{case.location}: {case.name}: {case.failure}")
        elif case.skipped is not None:
            ElementTree.SubElement(element, "skipped", message=_xml_text(case.skipped))
    if report.error is not None:
        element = ElementTree.SubElement(suite, "testcase", classname=classname, name="(the file)", time="0.000")
        error = ElementTree.SubElement(element, "error", message=_xml_text((report.error.splitlines() or [""])[0]),
                                       type="error")
        error.text = _xml_text(report.error)
    return suite


def junit_xml(reports: list[FileReport]) -> bytes:
    """The XML document for these files' results, UTF-8 with its declaration."""
    root = ElementTree.Element("testsuites", name="pwc test")
    suites = [_suite(report) for report in reports if report.cases or report.error is not None]  # -k left some empty
    for name in ("tests", "failures", "errors"):
        root.set(name, str(sum(int(suite.get(name, "0")) for suite in suites)))
    root.set("time", _seconds(sum(float(suite.get("time", "0")) for suite in suites)))
    root.extend(suites)
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
