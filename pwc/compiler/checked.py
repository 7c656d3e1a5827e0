"""What the checker learned about a module: the input of lowering and of
the tools that read a checked module (schema, manifest, language server).

The checker (checker.py) writes these tables, keyed by `id(node)` of the
syntax tree, which it does not change; lowering only reads them.  `ref`
gives a node's resolved reference as the class the caller expects, so a
mismatch between the passes fails loudly at the node that caused it.
"""

from __future__ import annotations

from dataclasses import field
from typing import TypeVar

from . import syntax
from .types import Field, RecordType, Type
from .functions import Function
from .records import record
from .regex import CompiledRegex, Template
from .source import Span


@record(eq=False)
class Binding:
    """A `let` or `var` name (and the names `for` and the macros bind)."""

    name: str
    type: Type
    span: Span
    phase: str
    top_level: bool
    read_later: bool = False  # a later phase reads it: its value is kept in the stream's record
    mutable: bool = False  # a `var`: `set NAME = ...` changes it


@record(frozen=True)
class AttributeRef:
    path: str  # "request.path", "response.code", ...


@record(frozen=True)
class HeaderMapRef:
    side: str  # "request" or "response"


@record(frozen=True)
class LetRef:
    binding: Binding


@record(frozen=True)
class CallFieldRef:
    """`x.status`, `x.failed` or `x.body` of `let x = call ...`."""

    binding: Binding
    field: str


@record(frozen=True)
class CallHeadersRef:
    """`x.headers`: the answer's headers, indexed or tested with `in`."""

    binding: Binding


@record(eq=False)
class StoreEntry:
    """A `store NAME: TYPE = DEFAULT` declaration; `index` numbers it (its
    shared-data key and its VM's cached copy)."""

    name: str
    type: Type
    default: syntax.Expr
    index: int


@record(frozen=True)
class StoredRef:
    """`stored.NAME`, or the NAME of `store NAME = ...`."""

    entry: StoreEntry


@record(frozen=True)
class ConstantRef:
    """A name that stands for a constant: `null` (a dyn), a type name (`int`)."""

    value: int


@record(frozen=True)
class PropertyRef:
    """An Envoy attribute read with proxy_get_property."""

    path: tuple[str, ...]
    type: Type
    derived_by: str | None = None  # a stdlib function applied to the value read (`source.ip`)


@record(eq=False)
class ConfigEntry:
    """One field of the `config` block; `field` is it as a field of the
    configuration's record (its default as a value, whether it is optional)."""

    name: str
    type: Type
    default: syntax.Expr | None  # None when required or optional
    span: Span
    field: Field

    @property
    def required(self) -> bool:
        return self.default is None and not self.field.optional


@record(frozen=True)
class ConfigRef:
    entry: ConfigEntry


@record(frozen=True)
class FieldRef:
    """`x.f` on a record value: field `index` of `record` (the node's target is the record)."""

    record: RecordType
    index: int


Resolved = AttributeRef | HeaderMapRef | LetRef | CallFieldRef | CallHeadersRef | PropertyRef | ConstantRef | StoredRef | ConfigRef | FieldRef
R = TypeVar("R", AttributeRef, HeaderMapRef, LetRef, CallFieldRef, CallHeadersRef, PropertyRef, ConfigRef, FieldRef,
            StoredRef)


@record(frozen=True)
class MacroRef:
    """`L.exists(x, P)` and the other CEL macros: `variable` is x's binding;
    `over` says what the receiver is ("list", "map": its keys, "headers":
    its names, on `side`)."""

    kind: str
    variable: Binding
    over: str
    side: str = ""


@record(frozen=True)
class LoopRef:
    """`for NAME[, VALUE] in ...`: the bindings, and what is ranged over
    ("list", "map", "headers" on `side`)."""

    item: Binding
    value: Binding | None
    over: str
    side: str = ""


@record(frozen=True)
class FunctionRef:
    """A call of an entry of functions.py; `method`: the call's target is its first argument."""

    function: Function
    method: bool


@record
class Checked:
    module: syntax.Module
    types: dict[int, Type] = field(default_factory=dict)
    resolved: dict[int, Resolved] = field(default_factory=dict)
    bindings: dict[int, Binding] = field(default_factory=dict)  # id(LetStmt or VarStmt) -> Binding
    config: list[ConfigEntry] = field(default_factory=list)  # in declaration order
    regexes: dict[int, CompiledRegex] = field(default_factory=dict)  # id(pattern StringLit) -> regex
    templates: dict[int, Template] = field(default_factory=dict)  # id(template StringLit) -> Template
    functions: dict[int, FunctionRef] = field(default_factory=dict)  # id(Call) -> the table entry it calls
    macros: dict[int, MacroRef] = field(default_factory=dict)  # id(Call) -> the macro it is
    loops: dict[int, LoopRef] = field(default_factory=dict)  # id(ForStmt) -> what it ranges over
    # Configuration fields given as a call's timeout: the module refuses, at
    # configure time, a value no call could use (0, or over 2^31-1 ms).
    timeout_config: set[str] = field(default_factory=set)
    metrics: dict[str, syntax.MetricDecl] = field(default_factory=dict)  # `counter` / `histogram`, by name
    stores: dict[str, StoreEntry] = field(default_factory=dict)

    def type_of(self, expr) -> Type:
        return self.types[id(expr)]

    def ref(self, node, kind: type[R]) -> R:
        """The reference the checker resolved `node` to, which must be a `kind`."""
        resolved = self.resolved[id(node)]
        if not isinstance(resolved, kind):
            raise TypeError(f"{type(node).__name__} resolved to {type(resolved).__name__}, not {kind.__name__}")
        return resolved
