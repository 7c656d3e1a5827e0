"""Shared test options: `pytest --update-golden` rewrites golden files instead
of comparing with them; review the rewrite in the diff before committing."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite golden files from the current output instead of comparing")


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """`golden(path, actual)`: assert that the file holds `actual`, or rewrite it."""
    update = request.config.getoption("--update-golden")
    return lambda path, actual: compare_golden(Path(path), actual, update)


def compare_golden(path: Path, actual: str, update: bool) -> None:
    if update:
        path.write_text(actual, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"{path.name} is missing: run `pytest --update-golden` and review the new file")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            f"{path.name} (golden)", f"{path.name} (now)"))
        pytest.fail(f"output differs from {path.name}; if the change is intended, "
                    f"run `pytest --update-golden` and review the diff\n{diff}", pytrace=False)
