"""The package's Python API is explicit: `dir(pwc)` and `__all__` list it,
each name resolves, and an unknown name is an AttributeError."""

from __future__ import annotations

import pytest

import pwc

API = {"compile_source", "compile_json", "compile_module", "compile_file", "Result", "CompileError", "Diagnostic"}


def test_dir_and_all_show_the_api():
    assert API <= set(dir(pwc))
    assert set(pwc.__all__) == API | {"__version__"}


def test_every_name_resolves_and_compiles():
    for name in API:
        assert getattr(pwc, name) is not None
    result = pwc.compile_source('filter "api"\non request {\n  continue\n}\n', filename="api.pwf")
    assert isinstance(result, pwc.Result) and result.ok and result.wasm.startswith(b"\0asm")
    with pytest.raises(pwc.CompileError):
        pwc.compile_file(__file__)  # a Python file is no filter


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'compile'"):
        pwc.compile  # noqa: B018
