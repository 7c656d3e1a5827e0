"""Pass 2a: the declarations: record types (`type NAME { ... }`) and the
configuration's fields, resolved to types.Type with their defaults.

Runs before the rules are checked, so every rule sees every type whatever
the order of the declarations.  Defaults become plain Python values of the
field's type (str, int, bool, float, list, dict; a record default is a dict
of its fields; a `dyn` default is its canonical JSON text, a JsonText), which
the emitter lays out in data segments.
"""

from __future__ import annotations

import ipaddress
import json
import math
from typing import Any

from . import checker_metrics, layout, messages, syntax, types
from .checked import Checked, ConfigEntry
from .diagnostics import Diagnostics, closest

# Type names a declaration may spell besides records, lists and maps
# (a configuration reads no timestamps yet: stdlib/cfg.wat has no reader for them).
INT64_MAX = 2**63 - 1
_NAMED = {**{name: t for name, t in types.NAMED.items() if t is not types.TIMESTAMP},
          "double": types.DOUBLE, "dyn": types.DYN}
# Record types nest at most this deep (the configuration reader's JSON depth is 32).
MAX_RECORD_FIELDS = 63  # slot 0 keeps one bit per field


def declare(module: syntax.Module, checked: Checked, diag: Diagnostics) -> None:
    """Resolve the module's record types and configuration fields into `checked`,
    and check its `body_limit` and its metrics."""
    _Declarations(checked, diag).run(module)
    _body_limit(module, diag)
    checker_metrics.declare(module, checked, diag)


def _body_limit(module: syntax.Module, diag: Diagnostics) -> None:
    """At most one, 1 byte to layout.BODY_LIMIT (a body phase works in the
    callback's scratch memory), in a filter that has a body phase."""
    for extra in module.body_limits[1:]:
        diag.error(messages.body_limit_twice(), extra.span)
    for limit in module.body_limits[:1]:
        if not 1 <= limit.bytes <= layout.BODY_LIMIT:
            diag.error(messages.body_limit_range(limit.bytes, layout.BODY_LIMIT), limit.span)
        elif not any(handler.phase.endswith(" body") for handler in module.handlers):
            diag.warning(messages.body_limit_unused(), limit.span)


class _Declarations:
    def __init__(self, checked: Checked, diag: Diagnostics):
        self.checked = checked
        self.diag = diag
        self.records: dict[str, types.RecordType] = {}

    def run(self, module: syntax.Module) -> None:
        declared: list[tuple[syntax.TypeDecl, types.RecordType]] = []
        for decl in module.types:
            if decl.name in self.records or decl.name in _NAMED or decl.name in ("list", "map"):
                self.diag.error(messages.duplicate_type(decl.name), decl.name_span)
                continue
            self.records[decl.name] = types.record(decl.name)
            declared.append((decl, self.records[decl.name]))
        for decl, record in declared:
            record.fields.extend(field for _, field in self.fields(decl.fields, f"type {decl.name}"))
            if len(record.fields) > MAX_RECORD_FIELDS:
                self.diag.error(messages.too_many_fields(decl.name, MAX_RECORD_FIELDS), decl.name_span)
        for decl, record in declared:
            if self.contains(record, record, set()):
                self.diag.error(messages.recursive_type(decl.name), decl.name_span)
                record.fields.clear()
        for node, field in self.fields(module.config, "config"):
            self.checked.config.append(ConfigEntry(field.name, field.type, node.default, node.span, field))

    def fields(self, nodes: list[syntax.ConfigField], owner: str) -> list[tuple[syntax.ConfigField, types.Field]]:
        """The fields declared, each with its node (a name declared twice: the first)."""
        fields: list[tuple[syntax.ConfigField, types.Field]] = []
        seen: set[str] = set()
        for node in nodes:
            if node.name in seen:
                self.diag.error(messages.duplicate_field(owner, node.name), node.span)
                continue
            seen.add(node.name)
            field_type = self.resolve(node.type)
            fields.append((node, types.Field(node.name, field_type, node.optional, self.default(node, field_type))))
        return fields

    def resolve(self, node: syntax.TypeRef) -> types.Type:
        """The type a declaration spells: `int`, `Rule`, `list<T>`, `map<string, T>`."""
        if node.name == "list" and len(node.args) == 1:
            return types.list_of(self.resolve(node.args[0]))
        if node.name == "map" and len(node.args) == 2:
            if node.args[0].name != "string" or node.args[0].args:
                self.diag.error(messages.map_key_type(), node.args[0].span)
            return types.map_of(self.resolve(node.args[1]))
        if node.name in ("list", "map"):
            self.diag.error(messages.type_arguments(node.name), node.span)
            return types.ERROR
        known = _NAMED.get(node.name) or self.records.get(node.name)
        if known is None or node.args:
            spelled = syntax.type_spelling(node)
            names = [*_NAMED, *self.records, "list<T>", "map<string, T>"]
            self.diag.error(messages.unknown_config_type(spelled, closest(spelled, names)), node.span)
            return types.ERROR
        return known

    def contains(self, outer: types.Type, target: types.RecordType, seen: set[int]) -> bool:
        """Whether a value of `outer` holds a `target` (a record may not hold itself)."""
        for item in _parts(outer):
            if item is target:
                return True
            if id(item) not in seen:
                seen.add(id(item))
                if self.contains(item, target, seen):
                    return True
        return False

    # ------------------------------------------------------------ defaults

    def default(self, node: syntax.ConfigField, field_type: types.Type) -> Any:
        if node.default is None or field_type is types.ERROR:
            return None
        if node.optional:
            self.diag.error(messages.optional_with_default(node.name), node.default.span)
            return None
        return self.literal(node.default, field_type)

    def literal(self, node: syntax.Expr, expected: types.Type) -> Any:
        """The Python value of literal `node` as a value of `expected` (None after an error)."""
        if expected.kind == "list":
            if not isinstance(node, syntax.ListLit):
                return self.mismatch(node, expected)
            assert expected.item is not None, "a list type has an item type"
            return [self.literal(item, expected.item) for item in node.items]
        if expected.kind == "map":
            if not isinstance(node, syntax.MapLit):
                return self.mismatch(node, expected)
            assert expected.item is not None, "a map type has a value type"
            return {self.key(entry.key): self.literal(entry.value, expected.item) for entry in node.entries}
        if isinstance(expected, types.RecordType):
            return self.record_literal(node, expected)
        if expected is types.REGEX:
            self.diag.error(messages.regex_default(), node.span)
            return None
        if expected is types.DYN:
            json_value = self.json_literal(node)
            return None if json_value is _NOT_JSON else JsonText(_canonical(json_value))
        value = self.scalar(node)
        if value is None:
            return None
        natural, python = value
        if natural is types.STRING and expected in types.TEXT_VALUES:
            return self.network_literal(node, python, expected)
        if natural is types.INT and expected is types.DOUBLE:
            return float(python)
        if natural is not expected:
            return self.mismatch(node, expected, natural)
        return python

    def record_literal(self, node: syntax.Expr, record: types.RecordType) -> Any:
        """`{"status": 401}` as a record default: named fields, the others take theirs."""
        if not isinstance(node, syntax.MapLit):
            return self.mismatch(node, record)
        given: dict[str, Any] = {}
        for entry in node.entries:
            name = self.key(entry.key)
            if name is None:
                continue
            field = record.field_named(name)
            if field is None:
                suggestion = closest(name, [f.name for f in record.fields])
                self.diag.error(messages.unknown_record_field(record.name, name, suggestion), entry.key.span)
                continue
            given[name] = self.literal(entry.value, field.type)
        missing = [f.name for f in record.fields if f.name not in given and not f.optional and f.default is None]
        if missing:
            self.diag.error(messages.record_default_missing(record.name, missing), node.span)
        return given

    def key(self, node: syntax.Expr) -> str | None:
        if isinstance(node, syntax.StringLit):
            return node.value
        self.diag.error(messages.config_default_not_literal(), node.span)
        return None

    def scalar(self, node: syntax.Expr) -> tuple[types.Type, Any] | None:
        if isinstance(node, syntax.StringLit):
            return types.STRING, node.value
        if isinstance(node, syntax.BoolLit):
            return types.BOOL, node.value
        if isinstance(node, syntax.DurationLit):
            return types.DURATION, node.milliseconds
        if isinstance(node, syntax.IntLit):
            if node.value > INT64_MAX:  # a default the module would wrap
                self.diag.error(messages.int_literal_range(), node.span)
                return None
            return types.INT, node.value
        if isinstance(node, syntax.DoubleLit):
            return (types.DOUBLE, node.value) if self.finite(node) else None
        if isinstance(node, syntax.Unary) and node.op == "-" and isinstance(node.operand, syntax.IntLit) \
                and node.operand.value == INT64_MAX + 1:
            return types.INT, -node.operand.value  # INT64_MIN written as a literal
        if isinstance(node, syntax.Unary) and node.op == "-" and isinstance(node.operand, (syntax.IntLit, syntax.DoubleLit)):
            operand = self.scalar(node.operand)
            return None if operand is None else (operand[0], -operand[1])
        self.diag.error(messages.config_default_not_literal(), node.span)
        return None

    def finite(self, node: syntax.DoubleLit) -> bool:
        if not math.isfinite(node.value):
            self.diag.error(messages.double_literal_range(), node.span)
        return math.isfinite(node.value)

    def json_literal(self, node: syntax.Expr) -> Any:
        """A `dyn` default as the Python value json.loads would give (None for
        `null`), or _NOT_JSON after an error: null, strings, numbers, bools,
        and lists and maps of them, whatever their mix."""
        if isinstance(node, syntax.Name) and node.name == "null":
            return None
        if isinstance(node, syntax.ListLit):
            items = [self.json_literal(item) for item in node.items]
            return _NOT_JSON if any(item is _NOT_JSON for item in items) else items
        if isinstance(node, syntax.MapLit):
            members: dict[str, Any] = {}
            for entry in node.entries:
                key, value = self.key(entry.key), self.json_literal(entry.value)
                if key in members:
                    self.diag.error(messages.dyn_default_key_twice(key), entry.key.span)
                if key is None or key in members or value is _NOT_JSON:
                    return _NOT_JSON
                members[key] = value
            return members
        if not isinstance(node, (syntax.StringLit, syntax.BoolLit, syntax.IntLit, syntax.DoubleLit, syntax.Unary)):
            self.diag.error(messages.dyn_default_not_json(), node.span)
            return _NOT_JSON
        value = self.scalar(node)
        return _NOT_JSON if value is None else value[1]

    def network_literal(self, node: syntax.Expr, text: str, expected: types.Type) -> str | None:
        """An `ip` or `cidr` default, kept as its canonical text (as the module keeps configured ones)."""
        canonical = canonical_network(text, with_prefix=expected is types.CIDR)
        if canonical is None:
            self.diag.error(messages.bad_network_default(expected.name, text), node.span)
        return canonical

    def mismatch(self, node: syntax.Expr, expected: types.Type, got: types.Type | None = None) -> None:
        if got is None:
            got = {syntax.ListLit: types.LIST, syntax.MapLit: types.MAP}.get(type(node))
        if got is None:
            self.diag.error(messages.config_default_not_literal(), node.span)
        else:
            self.diag.error(messages.type_mismatch(messages.DEFAULT, expected, got), node.span)
        return None


class JsonText(str):
    """A `dyn` default: the canonical JSON text of its value (stdlib/dyn.wat),
    `null` for null."""


_NOT_JSON = object()  # json_literal's answer after an error


def _canonical(value: Any) -> str:
    """The canonical text stdlib/dyn.wat keeps for a JSON value: Python's
    json.dumps with no blanks and no ASCII escaping (doubles as repr)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def canonical_network(text: str, with_prefix: bool) -> str | None:
    """Kubernetes CEL's ip(text) / cidr(text) as canonical text, as stdlib/net.wat
    makes it (host bits kept: `10.0.0.1/8`; an address alone is the network
    of that host, as configured cidrs are read); None when malformed (zones,
    IPv4-mapped IPv6, leading zeros and netmasks are refused there too)."""
    address, slash, prefix = text.partition("/")
    if (slash and not with_prefix) or "%" in address:
        return None
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return None
    if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped is not None:
        return None
    limit = 32 if parsed.version == 4 else 128
    if not with_prefix:
        return str(parsed)
    if not slash:  # an address alone, as a configured cidr: the network of that one host
        return f"{parsed}/{limit}"
    if not prefix.isascii() or not prefix.isdigit() or (len(prefix) > 1 and prefix[0] == "0") or int(prefix) > limit:
        return None
    return f"{parsed}/{int(prefix)}"


def _parts(t: types.Type) -> list[types.Type]:
    """The types a value of `t` directly holds."""
    if t.item is not None:
        return [t.item]
    if isinstance(t, types.RecordType):
        return [f.type for f in t.fields]
    return []

