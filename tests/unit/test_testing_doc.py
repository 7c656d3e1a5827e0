"""docs/testing.md cannot rot: every `yaml` block in it is a whole case file,
run here through `pwc test` with the page's `pwf` filters (each written as
NAME.pwf for its `filter "NAME"` line) beside examples/*.pwf; every case must
pass, and together the blocks use every field of the case format."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from pwc.cli import main
from pwc.runtime import testcases

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "testing.md"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def blocks(language: str) -> list[str]:
    return [text for lang, text in BLOCK.findall(DOC.read_text(encoding="utf-8")) if lang == language]


def filter_name(source: str) -> str:
    found = re.search(r'^filter "([^"]+)"', source, re.MULTILINE)
    assert found is not None, f"a pwf block without its `filter` line:\n{source}"
    return found.group(1)


@pytest.fixture(scope="module")
def doc_folder(tmp_path_factory) -> Path:
    """The page's case files and filters, with the examples' filters."""
    folder = tmp_path_factory.mktemp("testing-doc")
    for example in (ROOT / "examples").glob("*.pwf"):
        shutil.copy(example, folder / example.name)
    for source in blocks("pwf"):
        (folder / f"{filter_name(source)}.pwf").write_text(source)
    for index, text in enumerate(blocks("yaml"), start=1):
        (folder / f"doc-{index:02}.test.yaml").write_text(text)
    return folder


def test_the_page_has_its_examples():
    assert len(blocks("yaml")) >= 10 and len(blocks("pwf")) == 4


def test_every_yaml_block_is_a_whole_case_file():
    for text in blocks("yaml"):
        data = yaml.safe_load(text)
        assert isinstance(data, dict) and "filter" in data and data.get("cases"), text


def test_every_case_on_the_page_passes(doc_folder, capsys):
    code = main(["test", "-v", str(doc_folder)])
    lines = capsys.readouterr().out.splitlines()
    cases = sum(len(yaml.safe_load(text)["cases"]) for text in blocks("yaml"))
    assert code == 0, "\n".join(lines)
    assert sum(line.startswith("PASS ") for line in lines) == cases
    assert lines[-1] == f"{cases} passed, 0 failed"


def test_a_page_whose_example_is_wrong_fails(doc_folder, tmp_path, capsys):
    """The check above can fail: the same run with one expectation changed does."""
    for path in doc_folder.iterdir():
        shutil.copy(path, tmp_path / path.name)
    first = tmp_path / "doc-02.test.yaml"
    first.write_text(first.read_text().replace("x-greeting: bonjour", "x-greeting: hello"))
    assert main(["test", str(first)]) == 1
    assert "upstream header x-greeting: expected 'hello', got 'bonjour'" in capsys.readouterr().out


def _keys(node, found: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            found.add(str(key))
            _keys(value, found)
    elif isinstance(node, list):
        for item in node:
            _keys(item, found)
    return found


def test_the_examples_use_every_field_of_the_case_format():
    from pydantic import BaseModel

    used: set[str] = set()
    for text in blocks("yaml"):
        _keys(yaml.safe_load(text), used)
    models = [value for value in vars(testcases).values()
              if isinstance(value, type) and issubclass(value, BaseModel) and value.__module__ == testcases.__name__]
    fields = {f"{model.__name__}.{name}" for model in models for name in model.model_fields}
    unused = sorted(field for field in fields if field.split(".")[1] not in used)
    assert unused == [], "fields no example on docs/testing.md shows"
