"""pwc/compiler/attributes.py and functions.py are the tables of what rules
can name and call: the checker and lowering read them, and docs/language.md
must describe every entry (a new attribute or function without docs fails here)."""

from __future__ import annotations

from pathlib import Path

from pwc.compiler import attributes as A

DOCS = (Path(__file__).resolve().parents[2] / "docs" / "language.md").read_text(encoding="utf-8")


def test_every_attribute_is_documented():
    names = [*A.HEADER_ATTRIBUTES, *A.PROPERTY_ATTRIBUTES, *A.HEADER_MAPS]
    assert [name for name in names if f"`{name}" not in DOCS] == []


def test_each_attribute_is_fetched_one_way():
    for attribute in [*A.HEADER_ATTRIBUTES.values(), *A.PROPERTY_ATTRIBUTES.values()]:
        # a pseudo-header, a property (maybe then derived), or derived from a header
        ways = [attribute.pseudo_header, attribute.property_path,
                attribute.derived_by if attribute.property_path is None else None]
        assert sum(way is not None for way in ways) == 1, attribute.name
        assert not attribute.rewritable or attribute.written_in, attribute.name


def test_every_function_is_documented():
    from pwc.compiler import functions

    names = [*functions.FUNCTIONS, *functions.METHODS]
    assert [name for name in names if f"`{name}(" not in DOCS and f".{name}(" not in DOCS] == []


def test_every_value_name_is_documented():
    from pwc.compiler import functions

    assert [name for name in functions.VALUES if f"`{name}`" not in DOCS] == []
