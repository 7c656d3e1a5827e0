"""`record` against the stdlib's `@dataclass`, its reference: the same class
declared both ways must construct, print, compare, hash, copy and refuse
alike, for every option the compiler's node classes use."""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass, field

import pytest

from pwc.compiler import checked, ir, syntax
from pwc.compiler.records import record
from pwc.compiler.regex import simplify
from pwc.compiler.regex import syntax as regex_syntax

OPTIONS = [dict(zip(("eq", "kw_only", "frozen"), flags)) for flags in itertools.product((True, False), repeat=3)]


def _declare(decorator, options):
    """A base with a default and a subclass adding a required field, a factory and a hidden one."""

    @decorator(**options)
    class Base:
        span: tuple = (0, 0)

    @decorator(**options)
    class Child(Base):
        name: str = "n"
        items: list = field(default_factory=list)
        secret: int = field(default=7, repr=False, compare=False)
        value: int = field(default=0, kw_only=True)

    return Child


def _outcome(make):
    try:
        made = make()
    except TypeError as error:
        return ("TypeError", "missing" in str(error), "unexpected" in str(error), "multiple" in str(error))
    return made


CALLS = [
    ((), {}), (((1, 2),), {}), (((1, 2), "x"), {"value": 3}), ((), {"name": "y", "items": [1]}),
    ((), {"bogus": 1}), (((1, 2),), {"span": (3, 4)}), (((1, 2), "x", [1], 9, 4), {}), ((), {"secret": 8}),
]


@pytest.mark.parametrize("options", OPTIONS, ids=str)
def test_a_record_behaves_as_the_dataclass_it_stands_for(options):
    reference, ours = _declare(dataclass, options), _declare(record, options)
    assert [(f.name, f.kw_only, f.repr, f.compare) for f in dataclasses.fields(reference)] == \
        [(f.name, f.kw_only, f.repr, f.compare) for f in dataclasses.fields(ours)]
    for args, kwargs in CALLS:
        expected, got = _outcome(lambda: reference(*args, **kwargs)), _outcome(lambda: ours(*args, **kwargs))
        if isinstance(expected, tuple):
            assert got == expected, (args, kwargs)
            continue
        assert not isinstance(got, tuple), (args, kwargs, got)
        assert repr(got).replace("_declare.<locals>.", "") == repr(expected).replace("_declare.<locals>.", "")
        twin_expected, twin_got = dataclasses.replace(expected, secret=1), dataclasses.replace(got, secret=1)
        assert (expected == twin_expected) == (got == twin_got)
        assert (expected == dataclasses.replace(expected, name="z")) == (got == dataclasses.replace(got, name="z"))
        assert (type(expected).__hash__ is None) == (type(got).__hash__ is None)
        assert dataclasses.asdict(got) == dataclasses.asdict(expected)


@pytest.mark.parametrize("options", [o for o in OPTIONS if o["frozen"]], ids=str)
def test_a_frozen_record_refuses_changes_and_hashes_by_value(options):
    ours = _declare(record, options)
    made = ours(span=(1, 2), name="x", items=(3,))
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.name = "y"
    with pytest.raises(dataclasses.FrozenInstanceError):
        del made.name
    if options["eq"]:
        assert hash(made) == hash(ours(span=(1, 2), name="x", items=(3,), secret=99))
        assert made == ours(span=(1, 2), name="x", items=(3,), secret=99)


def test_the_compilers_node_classes_are_records():
    """What the start-up time rests on: the many node classes do not generate methods."""
    modules = (syntax, ir, checked, regex_syntax, simplify)
    classes = [value for module in modules for value in vars(module).values()
               if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == module.__name__]
    records = [cls for cls in classes if "__record_layout__" in vars(cls)]
    assert len(records) >= 100 and len(records) >= len(classes) - 5, (len(records), len(classes))
