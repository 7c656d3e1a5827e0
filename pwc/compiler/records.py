"""`record`: a dataclass whose methods are shared, not generated.

Python's `@dataclass` writes each class's `__init__`, `__repr__` and
`__eq__` as source text and compiles it when the module is imported.  The
syntax tree and the IR have some eighty node classes, and compiling their
methods was a third of what `pwc compile` spent importing the compiler
(issue 17 asks for the whole command in 0.15 s).  A `record` is the same
dataclass to everything that asks (`dataclasses.fields`, `replace`,
`is_dataclass`, pydantic), with one `__init__`, `__repr__` and `__eq__` for
every class, which read the class's field table instead.  Only what the
node classes use is offered: defaults, default factories, `kw_only`, `eq`
and `frozen` (a frozen record refuses assignment and hashes by its
compared fields, as a frozen dataclass does).
"""

from __future__ import annotations

import dataclasses
from typing import Any, Callable, TypeVar, dataclass_transform

T = TypeVar("T")

_MISSING = dataclasses.MISSING


class _Layout:
    """A record class's fields as its shared methods read them."""

    def __init__(self, cls: type) -> None:
        fields = [f for f in dataclasses.fields(cls) if f.init]
        self.cls_name = cls.__name__
        self.names = tuple(f.name for f in fields)
        self.positional = tuple(f.name for f in fields if not f.kw_only)
        self.defaults = {f.name: f.default for f in fields if f.default is not _MISSING}
        self.factories: dict[str, Callable[[], Any]] = {
            f.name: f.default_factory for f in fields if f.default_factory is not _MISSING}
        self.shown = tuple(f.name for f in dataclasses.fields(cls) if f.repr)
        self.compared = tuple(f.name for f in dataclasses.fields(cls) if f.compare)
        self.hashed = tuple(f.name for f in dataclasses.fields(cls) if (f.compare if f.hash is None else f.hash))


def _layout_of(value: Any) -> _Layout:
    return type(value).__record_layout__


def _init(self, *args: Any, **kwargs: Any) -> None:
    layout = _layout_of(self)
    if len(args) > len(layout.positional):
        raise TypeError(f"{layout.cls_name}() takes {len(layout.positional)} positional arguments, {len(args)} given")
    values = dict(zip(layout.positional, args))
    for name, value in kwargs.items():
        if name not in layout.names:
            raise TypeError(f"{layout.cls_name}() got an unexpected keyword argument '{name}'")
        if name in values:
            raise TypeError(f"{layout.cls_name}() got multiple values for argument '{name}'")
        values[name] = value
    attributes = self.__dict__
    for name in layout.names:
        if name in values:
            attributes[name] = values[name]
        elif name in layout.defaults:
            attributes[name] = layout.defaults[name]
        elif name in layout.factories:
            attributes[name] = layout.factories[name]()
        else:
            raise TypeError(f"{layout.cls_name}() missing required argument: '{name}'")


def _repr(self) -> str:
    layout = _layout_of(self)
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in layout.shown)
    return f"{type(self).__qualname__}({shown})"


def _eq(self, other: object) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented
    names = _layout_of(self).compared
    return all(getattr(self, name) == getattr(other, name) for name in names)


def _hash(self) -> int:
    names = _layout_of(self).hashed
    return hash(tuple(getattr(self, name) for name in names))


def _refuse_assignment(self, name: str, value: Any = None) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


@dataclass_transform(field_specifiers=(dataclasses.field,))  # type checkers: a record is a dataclass
def record(cls: type[T] | None = None, /, *, eq: bool = True, kw_only: bool = False, frozen: bool = False) -> Any:
    """`@dataclass` with these options, and shared methods."""

    def make(cls: type[T]) -> type[T]:
        if hasattr(cls, "__post_init__"):
            raise TypeError(f"{cls.__name__}: a record has no __post_init__; use @dataclass")
        cls.__doc__ = cls.__doc__ or cls.__name__  # else @dataclass reads the signature to write one
        # Not frozen to @dataclass, which would generate its own __setattr__: the record refuses assignment itself.
        made = dataclasses.dataclass(cls, init=False, repr=False, eq=False, kw_only=kw_only)
        methods: dict[str, Any] = {"__record_layout__": _Layout(made), "__init__": _init, "__repr__": _repr}
        if eq:
            methods |= {"__eq__": _eq, "__hash__": _hash if frozen else None}  # as @dataclass's
        if frozen:
            methods |= {"__setattr__": _refuse_assignment, "__delattr__": _refuse_assignment}
        for name, method in methods.items():
            setattr(made, name, method)
        return made

    return make if cls is None else make(cls)
