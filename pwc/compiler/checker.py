"""Pass 2: syntax.Module -> Checked: names resolved, types and phases checked.

The tree is not changed: what the checker learns goes into side tables keyed
by `id(node)`.  Every error is reported (with a poison type to stop cascades)
and checking goes on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar

from ..abi import LogLevel
from . import attributes, functions, messages, syntax, types
from .checked import (AttributeRef, Binding, CallFieldRef, CallHeadersRef, Checked, ConfigRef, FieldRef,
                      ConstantRef, FunctionRef, HeaderMapRef, LetRef, LoopRef, MacroRef, PropertyRef)
from .declarations import declare
from .diagnostics import Diagnostics, closest, locate_failure
from . import checker_calls, checker_every, checker_json, checker_metrics, checker_numbers, checker_state, literals
from .patterns import Patterns
from .checker_calls import check_http_call
from .records import record

PHASES, SIDE = attributes.PHASES, attributes.SIDE
LOG_LEVELS = tuple(level.name.lower() for level in LogLevel)  # `log LEVEL`: the ABI's levels by name
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1

# What rules may name, read and write: compiler/attributes.py.
ATTRIBUTES = attributes.HEADER_ATTRIBUTES | attributes.BODY_ATTRIBUTES
PROPERTIES = attributes.PROPERTY_ATTRIBUTES
HEADER_MAPS, PROPERTY_ROOTS = attributes.HEADER_MAPS, attributes.PROPERTY_ROOTS
REWRITABLE, WRITABLE = attributes.REWRITABLE, attributes.WRITABLE

CALL_RESULT_FIELDS = {"status": types.INT, "failed": types.BOOL, "body": types.STRING}
# What rules may call: functions.py.
METHODS, MACROS, CONVERSIONS = functions.METHODS, functions.MACROS, functions.CONVERSIONS
# Names that stand for a constant (when no `let` takes them): JSON's null, and
# CEL's type names (`type(x) == string`): name -> (type, value).
CONSTANTS = {"null": (types.DYN, 0), **{name: (types.TYPE, code) for name, code in types.TYPE_CODES.items()}}

_FILTER_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,62}\Z")
@record
class _Scope:
    phase: str
    names: dict[str, Binding]
    parent: "_Scope | None" = None

    def lookup(self, name: str) -> Binding | None:
        scope: _Scope | None = self
        while scope is not None:
            if name in scope.names:
                return scope.names[name]
            scope = scope.parent
        return None

    def visible_names(self) -> set[str]:
        names: set[str] = set()
        scope: _Scope | None = self
        while scope is not None:
            names |= scope.names.keys()
            scope = scope.parent
        return names


def check(module: syntax.Module, diagnostics: Diagnostics) -> Checked:
    checker = _Checker(Checked(module), diagnostics)
    checker.module(module)
    return checker.checked


class _Checker:
    STATEMENTS: ClassVar[dict[type, Callable]]  # node class -> method, filled below the class
    EXPRESSIONS: ClassVar[dict[type, Callable]]

    def __init__(self, checked: Checked, diagnostics: Diagnostics):
        self.checked = checked
        self.diag = diagnostics
        self.loops = 0  # how many `for` bodies the statement being checked is in
        self.phases: set[str] = set()  # the phases the filter declares
        self.patterns = Patterns(checked, diagnostics)

    # ------------------------------------------------------------ top level

    def module(self, module: syntax.Module) -> None:
        if not _FILTER_NAME.match(module.filter_name):
            self.diag.error(messages.bad_filter_name(module.filter_name), module.filter_span)
        declare(module, self.checked, self.diag)
        checker_every.declare(self, module, _Scope("every", {}))
        self.phases = {handler.phase for handler in module.handlers}
        seen: set[str] = set()
        # In the order a stream runs them: a phase sees the top-level names
        # of the phases before it (`on request` lets in `on request body`,
        # `on response` and `on response body`).
        ordered = sorted(module.handlers, key=lambda h: PHASES.index(h.phase) if h.phase in PHASES else 0)
        earlier: dict[str, Binding] = {}
        for handler in ordered:
            if not self._phase_ok(handler, seen):
                continue
            seen.add(handler.phase)
            scope = _Scope(handler.phase, {}, _Scope(handler.phase, dict(earlier)) if earlier else None)
            self.block(handler.body, scope)
            earlier.update(scope.names)
        for block in module.every:
            checker_every.every(self, block, _Scope("every", {}))

    def _phase_ok(self, handler: syntax.Handler, seen: set[str]) -> bool:
        if handler.phase in seen:
            self.diag.error(messages.duplicate_phase(handler.phase), handler.phase_span)
            return False
        if handler.phase not in PHASES:
            self.diag.error(messages.unknown_phase(handler.phase, closest(handler.phase, PHASES)), handler.phase_span)
            return False
        return True

    # ----------------------------------------------------------- statements

    def block(self, body: list, scope: _Scope) -> None:
        for previous, stmt in zip([None, *body], body):
            if isinstance(previous, (syntax.RespondStmt, syntax.ContinueStmt)):
                self.diag.warning(messages.unreachable_after(previous.kind), stmt.span)
            try:
                self.STATEMENTS[type(stmt)](self, stmt, scope)
            except Exception as error:
                locate_failure(error, stmt.span)
                raise

    def stmt_set(self, stmt: syntax.SetStmt, scope: _Scope) -> None:
        value_type = self.expr(stmt.value, scope)
        target = stmt.target
        if checker_json.write(self, stmt, scope, value_type):
            return
        if isinstance(target, syntax.Name) and (binding := scope.lookup(target.name)) is not None:
            self.set_var(stmt, binding, value_type, scope)
            return
        if isinstance(target, syntax.Index):
            side = self._header_target(target, scope)
            if side:
                self._expect(value_type, types.STRING, messages.HEADER_VALUE, stmt.value)
                literals.value_ok(self.diag, stmt.value)
            return
        path = syntax.dotted_name(target)
        if stmt.op == "set" and path in WRITABLE:
            if scope.phase not in WRITABLE[path]:
                self.diag.error(messages.written_in_wrong_phase(path, scope.phase), target.span)
            self._expect(value_type, types.STRING, messages.value_of(path), stmt.value)
            if path not in attributes.BODY_ATTRIBUTES:  # a body may hold any bytes
                literals.target_ok(self.diag, path, stmt.value)
            self.checked.resolved[id(target)] = AttributeRef(path)  # what lowering writes
            return
        if path in WRITABLE:
            self.diag.error(messages.added_to_attribute(path), target.span)
        else:
            self.diag.error(messages.not_writable(path), target.span)

    def set_var(self, stmt: syntax.SetStmt, binding: Binding, value_type: types.Type, scope: _Scope) -> None:
        """`set NAME = EXPR` of a `var` (a `let` keeps its value)."""
        if not binding.mutable or stmt.op != "set":
            self.diag.error(messages.not_a_var(binding.name, stmt.op), stmt.target.span,
                            notes=[(messages.first_declared(binding.name), binding.span)])
            return
        if binding.phase != scope.phase:
            binding.read_later = True
        self._expect(value_type, binding.type, messages.value_of(binding.name), stmt.value)
        self.checked.resolved[id(stmt.target)] = LetRef(binding)

    def stmt_remove(self, stmt: syntax.RemoveStmt, scope: _Scope) -> None:
        if checker_json.write(self, stmt, scope, None):
            return
        if isinstance(stmt.target, syntax.Index):
            self._header_target(stmt.target, scope)
            return
        self.diag.error(messages.not_removable(syntax.dotted_name(stmt.target)), stmt.target.span)

    def stmt_rewrite(self, stmt: syntax.RewriteStmt, scope: _Scope) -> None:
        target = stmt.target
        if isinstance(target, syntax.Index):
            self._header_target(target, scope)
        else:
            path = syntax.dotted_name(target)
            if path in REWRITABLE:
                if scope.phase not in WRITABLE[path]:
                    self.diag.error(messages.rewritten_in_wrong_phase(path, scope.phase), target.span)
                self.checked.resolved[id(target)] = AttributeRef(path)  # what lowering rewrites
            else:
                self.diag.error(messages.not_rewritable(path), target.span)
        if not isinstance(stmt.pattern, syntax.StringLit):
            self._expect(self.expr(stmt.pattern, scope), types.REGEX, messages.PATTERN, stmt.pattern)
            self.patterns.template(stmt.template, None)
            return
        regex = self.patterns.compile(stmt.pattern, "replace", stmt.template.value)
        if regex is not None:
            self.patterns.template(stmt.template, regex)

    def stmt_respond(self, stmt: syntax.RespondStmt, scope: _Scope) -> None:
        if scope.phase in ("every", "done"):
            self.diag.error(messages.respond_outside_stream(scope.phase), stmt.span)
        status_type = self.expr(stmt.status, scope)
        self._expect(status_type, types.INT, messages.STATUS, stmt.status)
        if isinstance(stmt.status, syntax.IntLit) and not 100 <= stmt.status.value <= 599:
            self.diag.error(messages.status_range(stmt.status.value), stmt.status.span)
        if stmt.body is not None:
            self._expect(self.expr(stmt.body, scope), types.STRING, messages.BODY, stmt.body)
            empty = isinstance(stmt.body, syntax.StringLit) and not stmt.body.value
            if isinstance(stmt.status, syntax.IntLit) and literals.has_no_body(stmt.status.value) and not empty:
                self.diag.error(messages.body_without_content(stmt.status.value), stmt.body.span)
        if stmt.headers is not None:
            self._expect(self.expr(stmt.headers, scope), types.MAP, messages.HEADERS, stmt.headers)
            if isinstance(stmt.headers, syntax.MapLit):
                for entry in stmt.headers.entries:
                    literals.name_ok(self.diag, entry.key)
                    literals.value_ok(self.diag, entry.value)

    def stmt_continue(self, stmt: syntax.ContinueStmt, scope: _Scope) -> None:
        pass

    def stmt_if(self, stmt: syntax.IfStmt, scope: _Scope) -> None:
        for branch in stmt.branches:
            self._expect(self.expr(branch.condition, scope), types.BOOL, messages.CONDITION, branch.condition)
            self.block(branch.body, _Scope(scope.phase, {}, scope))
        if stmt.otherwise is not None:
            self.block(stmt.otherwise, _Scope(scope.phase, {}, scope))

    def stmt_let(self, stmt: syntax.LetStmt, scope: _Scope) -> None:
        if isinstance(stmt.value, syntax.CallExpr):
            value_type = self.http_call(stmt.value, scope)
        else:
            value_type = self.expr(stmt.value, scope)
            if value_type is types.HEADERS:
                self.diag.error(messages.header_map_in_let(), stmt.value.span)
                value_type = types.ERROR
        self.declare(stmt, stmt.name, stmt.name_span, value_type, scope, mutable=False)

    def stmt_var(self, stmt: syntax.VarStmt, scope: _Scope) -> None:
        value_type = self.expr(stmt.value, scope)
        if value_type is types.HEADERS:
            self.diag.error(messages.header_map_in_let(), stmt.value.span)
            value_type = types.ERROR
        self.declare(stmt, stmt.name, stmt.name_span, value_type, scope, mutable=True)

    def declare(self, stmt: syntax.LetStmt | syntax.VarStmt, name: str, span, value_type: types.Type, scope: _Scope,
                mutable: bool) -> None:
        """A new `let` or `var` name in `scope`."""
        if (first := scope.lookup(name)) is not None:
            self.diag.error(messages.redeclared(name), span, notes=[(messages.first_declared(name), first.span)])
        if name in ("request", "response", "config"):
            self.diag.error(messages.builtin_redeclared(name), span)
        top_level = scope.parent is None or scope.parent.phase != scope.phase
        binding = Binding(name, value_type, span, scope.phase, top_level, mutable=mutable)
        scope.names[name] = binding
        self.checked.bindings[id(stmt)] = binding

    def http_call(self, call: syntax.CallExpr, scope: _Scope) -> types.Type:
        return check_http_call(self, call, scope)

    def ranged(self, target: syntax.Expr, scope: _Scope) -> tuple[str, str, types.Type]:
        """What `for` or a macro ranges over: "list", "map" (its keys) or
        "headers" (its names, with the map's side), and the target's type;
        "" when it cannot be ranged over."""
        collection = self.expr(target, scope)
        if collection is types.HEADERS:
            return "headers", self.checked.ref(target, HeaderMapRef).side, collection
        if collection.is_collection:
            return collection.kind, "", collection
        if collection is types.DYN:  # a JSON list's items or object's keys, known at run time
            return "json", "", collection
        return "", "", collection

    def stmt_for(self, stmt: syntax.ForStmt, scope: _Scope) -> None:
        """The body runs once per item; its names live for one iteration."""
        over, side, collection = self.ranged(stmt.iterable, scope)
        if over == "headers" and side == "request" and SIDE[scope.phase] == "response":
            self.diag.error(messages.request_headers_iterated_in_response(), stmt.iterable.span)
        elif not over and collection is not types.ERROR:
            self.diag.error(messages.for_over(collection), stmt.iterable.span)
        if over in ("list", "json") and stmt.value_name:
            self.diag.error(messages.for_value_over_list(json=over == "json"), stmt.value_span)
        item_type = _item_type(over, collection)
        names = {stmt.name: Binding(stmt.name, item_type, stmt.name_span, scope.phase, top_level=False)}
        if stmt.value_name:
            value_type = collection.item if over == "map" and collection.item is not None else types.STRING
            names[stmt.value_name] = Binding(stmt.value_name, value_type, stmt.value_span, scope.phase, False)
        if over:
            self.checked.loops[id(stmt)] = LoopRef(names[stmt.name], names.get(stmt.value_name), over, side)
        self.loops += 1
        try:
            self.block(stmt.body, _Scope(scope.phase, names, scope))
        finally:
            self.loops -= 1

    def stmt_log(self, stmt: syntax.LogStmt, scope: _Scope) -> None:
        if stmt.level not in LOG_LEVELS:
            self.diag.error(messages.unknown_log_level(stmt.level, closest(stmt.level, LOG_LEVELS), LOG_LEVELS),
                            stmt.level_span)
        message_type = self.expr(stmt.message, scope)
        if message_type in (types.INT, types.BOOL):
            self.diag.error(messages.log_message_type(message_type), stmt.message.span)
        else:
            self._expect(message_type, types.STRING, messages.LOG_MESSAGE, stmt.message)

    # ---------------------------------------------------------- expressions

    def expr(self, node, scope: _Scope) -> types.Type:
        result = self.EXPRESSIONS[type(node)](self, node, scope)
        self.checked.types[id(node)] = result
        return result

    def expr_string(self, node, scope):
        return types.STRING

    def expr_int(self, node: syntax.IntLit, scope):
        if not INT64_MIN <= node.value <= INT64_MAX and not node.value == 2**63:
            self.diag.error(messages.int_literal_range(), node.span)
        return types.INT

    def expr_double(self, node: syntax.DoubleLit, scope):
        return checker_numbers.literal(self, node)

    def expr_bool(self, node, scope):
        return types.BOOL

    def expr_duration(self, node, scope):
        return types.DURATION

    def expr_list(self, node: syntax.ListLit, scope):
        """A list of any one value type: its first item's (`[]` is a list<string>)."""
        item_type = types.STRING
        for index, item in enumerate(node.items):
            got = self.expr(item, scope)
            if index == 0 and _is_value(got):
                item_type = got
            else:
                self._expect(got, item_type, messages.LIST_ITEM, item)
        return types.list_of(item_type)

    def expr_map(self, node: syntax.MapLit, scope):
        value_type = types.STRING
        for index, entry in enumerate(node.entries):
            self._expect(self.expr(entry.key, scope), types.STRING, messages.MAP_KEY, entry.key)
            got = self.expr(entry.value, scope)
            if index == 0 and _is_value(got):
                value_type = got
            else:
                self._expect(got, value_type, messages.MAP_VALUE, entry.value)
        return types.map_of(value_type)

    def expr_name(self, node: syntax.Name, scope: _Scope):
        binding = scope.lookup(node.name)
        if binding is not None:
            if binding.phase != scope.phase:
                binding.read_later = True
                if binding.type is not types.CALL and types.slot_kind(binding.type) is None:
                    self.diag.error(messages.not_kept(binding.name, binding.type, f"for `on {scope.phase}`"), node.span)
            self.checked.resolved[id(node)] = LetRef(binding)
            return binding.type
        if node.name in ("request", "response"):
            self.diag.error(messages.builtin_not_a_value(node.name), node.span)
            return types.ERROR
        if node.name == "config":
            self.diag.error(messages.config_not_a_value(), node.span)
            return types.ERROR
        if node.name in functions.VALUES:
            value = functions.VALUES[node.name]
            self.checked.functions[id(node)] = FunctionRef(value, method=False)
            return value.result
        if node.name in CONSTANTS:  # `null`, the type names
            constant_type, code = CONSTANTS[node.name]
            self.checked.resolved[id(node)] = ConstantRef(code)
            return constant_type
        if node.name in PROPERTIES:
            path, property_type = PROPERTIES[node.name].property_path, PROPERTIES[node.name].type
            self.checked.resolved[id(node)] = PropertyRef(_present(path), property_type)
            return property_type
        suggestion = closest(node.name, scope.visible_names() | {"request", "response", "config"} | set(PROPERTIES))
        self.diag.error(messages.unknown_name(node.name, suggestion), node.span)
        return types.ERROR

    def expr_member(self, node: syntax.Member, scope: _Scope) -> types.Type:
        path = syntax.dotted_name(node)
        target = node.target
        if isinstance(target, syntax.Name) and (call := scope.lookup(target.name)) and call.type is types.CALL:
            return self.call_result_member(node, call, scope)
        if checker_json.in_json(syntax.dotted_name(target)):  # a key of request.json, response.json
            return self.member_of_value(node, path, scope)
        root = path.split(".")[0] if path else None
        if root in ("request", "response") and path is not None:  # built-in names: a let cannot take them
            if path in PROPERTIES:
                return self.property_member(node, path)
            return self.attribute_member(node, path, root, scope)
        if path is None or root is None or scope.lookup(root) is not None:
            return self.member_of_value(node, path, scope)
        if root == "config" and isinstance(node.target, syntax.Name):
            return self.config_member(node)
        if root == "stored" and isinstance(node.target, syntax.Name):
            return checker_every.stored(self, node)
        if path in PROPERTIES:
            return self.property_member(node, path)
        if root in PROPERTY_ROOTS:
            return self.unknown_property(node, path)
        return self.member_of_value(node, path, scope)

    def property_member(self, node: syntax.Member, path: str) -> types.Type:
        attribute = PROPERTIES[path]
        self.checked.resolved[id(node)] = PropertyRef(_present(attribute.property_path), attribute.type,
                                                      attribute.derived_by)
        return attribute.type

    def member_of_value(self, node: syntax.Member, path: str | None, scope: _Scope) -> types.Type:
        """`x.y` where `x` is a value (a let, or an expression): a record's field."""
        target = self.expr(node.target, scope)
        if isinstance(target, types.RecordType):
            return self.record_field(node, target)
        if target is types.DYN:
            return types.DYN  # a key of a JSON value
        if target is not types.ERROR:
            self.diag.error(messages.unknown_attribute(path or node.name), node.span)
        return types.ERROR

    def record_field(self, node: syntax.Member, record: types.RecordType) -> types.Type:
        field = record.field_named(node.name)
        if field is None:
            suggestion = closest(node.name, [f.name for f in record.fields])
            self.diag.error(messages.unknown_record_field(record.name, node.name, suggestion), node.span)
            return types.ERROR
        self.checked.resolved[id(node)] = FieldRef(record, record.fields.index(field))
        return field.type

    def unknown_property(self, node: syntax.Member, path: str) -> types.Type:
        if path == "node.metadata":
            self.diag.error(messages.metadata_needs_key(), node.span)
            return types.ERROR
        suggestion = closest(path, list(PROPERTIES) + list(ATTRIBUTES) + ["node.metadata"])
        self.diag.error(messages.unknown_attribute(path, suggestion), node.span)
        return types.ERROR

    def attribute_member(self, node: syntax.Member, path: str, root: str, scope: _Scope) -> types.Type:
        """`request.X` and `response.X`: an attribute or a header map, readable in this phase."""
        if path in ATTRIBUTES or path in HEADER_MAPS:
            readable_in = ATTRIBUTES[path].readable_in if path in ATTRIBUTES else HEADER_MAPS[path]
            if scope.phase not in readable_in:
                self.diag.error(messages.read_in_wrong_phase(path, scope.phase), node.span)
                return types.ERROR
            if path in ATTRIBUTES:
                self.checked.resolved[id(node)] = AttributeRef(path)
                return ATTRIBUTES[path].type
            self.checked.resolved[id(node)] = HeaderMapRef(root)
            return types.HEADERS
        known = list(ATTRIBUTES) + list(HEADER_MAPS) + [p for p in PROPERTIES if p.startswith(root)]
        self.diag.error(messages.unknown_attribute(path, closest(path, known)), node.span)
        return types.ERROR

    def config_member(self, node: syntax.Member) -> types.Type:
        for entry in self.checked.config:
            if entry.name == node.name:
                self.checked.resolved[id(node)] = ConfigRef(entry)
                return entry.type
        suggestion = closest(node.name, [entry.name for entry in self.checked.config])
        self.diag.error(messages.unknown_config_field(node.name, suggestion), node.span)
        return types.ERROR

    def call_result_member(self, node: syntax.Member, binding: Binding, scope: _Scope) -> types.Type:
        self.expr(node.target, scope)
        if node.name == "headers":
            self.checked.resolved[id(node)] = CallHeadersRef(binding)
            return types.HEADERS
        if node.name in CALL_RESULT_FIELDS:
            self.checked.resolved[id(node)] = CallFieldRef(binding, node.name)
            return CALL_RESULT_FIELDS[node.name]
        suggestion = closest(node.name, [*CALL_RESULT_FIELDS, "headers"])
        self.diag.error(messages.unknown_call_result_field(binding.name, node.name, suggestion), node.span)
        return types.ERROR

    def expr_index(self, node: syntax.Index, scope: _Scope):
        if syntax.dotted_name(node.target) == "node.metadata" and scope.lookup("node") is None:
            if not isinstance(node.index, syntax.StringLit):
                self.diag.error(messages.metadata_needs_key(), node.index.span)
                return types.ERROR
            self.checked.types[id(node.index)] = types.STRING
            self.checked.resolved[id(node)] = PropertyRef(("xds", "node", "metadata", node.index.value), types.STRING)
            return types.STRING
        target_type = self.expr(node.target, scope)
        index_type = self.expr(node.index, scope)
        if target_type is types.DYN:
            return checker_json.index(self, node, index_type)
        if target_type is types.HEADERS:
            self._expect(index_type, types.STRING, messages.HEADER_NAME, node.index)
            self.header_read_name(node.target, node.index, scope)
            return types.STRING
        if target_type.kind == "map" and target_type.item is not None:
            self._expect(index_type, types.STRING, messages.MAP_KEY, node.index)
            return target_type.item
        if target_type.kind == "list" and target_type.item is not None:
            self._expect(index_type, types.INT, messages.LIST_INDEX, node.index)
            return target_type.item
        if target_type is not types.ERROR:
            self.diag.error(messages.not_indexable(target_type), node.span)
        return types.ERROR

    def expr_call(self, node: syntax.Call, scope: _Scope):
        if node.name == "has" and node.target is None:
            return self.has(node, scope)
        if node.name == "bind" and isinstance(node.target, syntax.Name) and node.target.name == "cel" \
                and scope.lookup("cel") is None:
            return self.bind(node, scope)
        if node.name in MACROS and node.target is not None:
            if node.args and isinstance(node.args[0], syntax.Name) and len(node.args) in MACROS[node.name][1]:
                return self.macro(node, node.target, node.args[0], scope)
            self.diag.error(messages.macro_arguments(node.name), node.span)
            return MACROS[node.name][0]
        arg_types = [self.expr(arg, scope) for arg in node.args]
        target = node.target
        namespace = target.name if isinstance(target, syntax.Name) else ""
        if namespace in functions.NAMESPACES and scope.lookup(namespace) is None:
            return self.table_function(node, f"{namespace}.{node.name}", arg_types)
        if node.target is None:
            return self._function(node, arg_types)
        receiver = self.expr(node.target, scope)
        if node.name == "size":
            return self._size(node, receiver, [node.target, *node.args], [receiver, *arg_types])
        if node.name not in METHODS:
            suggestion = closest(node.name, list(METHODS) + ["size"])
            header_map = syntax.dotted_name(node.target) if receiver is types.HEADERS else None  # None: no spelling to show
            self.diag.error(messages.unknown_method(node.name, suggestion, header_map, syntax.first_string(node.args)),
                            node.span)
            return types.ERROR
        method = METHODS[node.name]
        assert method.receiver is not None, "a method has a receiver type"
        self._expect(receiver, method.receiver, messages.receiver_of(node.name), node.target)
        self.checked.functions[id(node)] = FunctionRef(method, method=True)
        return self.arguments(node, node.name, method, arg_types)

    def arguments(self, node: syntax.Call, name: str, function: functions.Function,
                  arg_types: list[types.Type]) -> types.Type:
        """Check a call's arguments against the function's parameters; its result type."""
        if not function.accepts(len(arg_types)):
            self.diag.error(messages.wrong_arity(name, function.arity(), len(arg_types)), node.span)
            return function.result
        params = function.params + tuple(param for param, _ in function.optional)
        configured = function.regex_kind and arg_types[function.pattern_arg] is types.REGEX
        for index, (arg, arg_type, param) in enumerate(zip(node.args, arg_types, params)):
            if not (configured and index == function.pattern_arg):  # a pattern: a literal or a `regex` value
                self._expect(arg_type, param, messages.argument_of(name), arg)
        if function.regex_kind:
            self.patterns.arguments(node, name, function, bool(configured))
        return function.result

    def bind(self, node: syntax.Call, scope: _Scope) -> types.Type:
        """`cel.bind(x, INIT, EXPR)`: EXPR with x naming INIT's value (cel-go)."""
        if len(node.args) != 3 or not isinstance(node.args[0], syntax.Name):
            self.diag.error(messages.bind_arguments(), node.span)
            return types.ERROR
        variable, init, body = node.args
        assert isinstance(variable, syntax.Name), "checked above"
        binding = Binding(variable.name, self.expr(init, scope), variable.span, scope.phase, top_level=False)
        if binding.type is types.HEADERS:
            self.diag.error(messages.header_map_in_let(), init.span)
        self.checked.bindings[id(node)] = binding
        return self.expr(body, _Scope(scope.phase, {variable.name: binding}, parent=scope))

    def has(self, node: syntax.Call, scope: _Scope) -> types.Type:
        """`has(x.field)`: whether an optional field of a record (or of `config`) was given."""
        argument = node.args[0] if len(node.args) == 1 else None
        if not isinstance(argument, syntax.Member):
            self.diag.error(messages.has_argument(), node.span)
            return types.BOOL
        self.expr(argument, scope)
        if self.checked.types.get(id(argument.target)) is types.DYN:
            return types.BOOL  # whether a JSON object has the key
        ref = self.checked.resolved.get(id(argument))
        if isinstance(ref, (ConfigRef, FieldRef)):
            self.checked.resolved[id(node)] = ref
        elif self.checked.types.get(id(argument)) is not types.ERROR:
            self.diag.error(messages.has_argument(), argument.span)
        return types.BOOL

    def _function(self, node: syntax.Call, arg_types: list[types.Type]) -> types.Type:
        if node.name == "size":
            return self._size(node, None, node.args, arg_types)
        if node.name in functions.FUNCTIONS:
            return self.table_function(node, node.name, arg_types)
        if node.name == "type":
            return checker_numbers.type_of(self, node, arg_types)
        if node.name not in CONVERSIONS:
            suggestion = closest(node.name, list(CONVERSIONS) + ["size"] + list(functions.FUNCTIONS))
            self.diag.error(messages.unknown_function(node.name, suggestion), node.span)
            return types.ERROR
        accepted = CONVERSIONS[node.name]
        result = functions.CONVERSION_RESULTS[node.name]
        if len(arg_types) != 1:
            self.diag.error(messages.wrong_arity(node.name, 1, len(arg_types)), node.span)
            return result
        if arg_types[0] not in accepted and arg_types[0] is not types.ERROR:
            self.diag.error(messages.conversion_argument(node.name, accepted, arg_types[0]), node.args[0].span)
        return result

    def macro(self, node: syntax.Call, target: syntax.Expr, variable: syntax.Name, scope: _Scope) -> types.Type:
        """`L.exists(x, P)` and the other CEL macros: x ranges over a list's
        items, a map's keys or a header map's names, for one iteration each."""
        kind = node.name
        over, side, collection = self.ranged(target, scope)
        if over == "headers" and side == "request" and SIDE[scope.phase] == "response":
            self.diag.error(messages.request_headers_ranged_in_response(kind), target.span)
        elif not over and collection is not types.ERROR:
            self.diag.error(messages.macro_receiver(kind, collection), target.span)
        item_type = _item_type(over, collection)
        binding = Binding(variable.name, item_type, variable.span, scope.phase, top_level=False)
        inner = _Scope(scope.phase, {variable.name: binding}, parent=scope)
        body = node.args[1:]
        if kind != "map" or len(body) == 2:
            self._expect(self.expr(body[0], inner), types.BOOL, messages.macro_body_of(kind), body[0])
        result = MACROS[kind][0]
        if kind == "map":
            value_type = self.expr(body[-1], inner)
            if not _is_value(value_type) and value_type is not types.ERROR:
                self._expect(value_type, types.STRING, messages.macro_value_of(kind), body[-1])
            result = types.list_of(value_type if _is_value(value_type) else types.STRING)
        elif kind == "filter":
            result = types.list_of(item_type)
        if over:
            self.checked.macros[id(node)] = MacroRef(kind, binding, over, side)
        return result

    def table_function(self, node: syntax.Call, name: str, arg_types: list[types.Type]) -> types.Type:
        """A function of functions.FUNCTIONS, called by its (namespaced) name."""
        if name not in functions.FUNCTIONS:
            self.diag.error(messages.unknown_function(name, closest(name, list(functions.FUNCTIONS))), node.span)
            return types.ERROR
        function = functions.FUNCTIONS[name]
        self.checked.functions[id(node)] = FunctionRef(function, method=False)
        return self.arguments(node, name, function, arg_types)

    def _size(self, node, receiver, args, arg_types) -> types.Type:
        if len(args) != 1:
            self.diag.error(messages.wrong_arity("size", 1, len(args)), node.span)
        elif not (arg_types[0] in (types.STRING, types.DYN) or arg_types[0].is_collection) and arg_types[0] is not types.ERROR:
            self.diag.error(messages.size_argument(arg_types[0]), args[0].span)
        return types.INT

    def expr_unary(self, node: syntax.Unary, scope: _Scope):
        if node.op == "-" and isinstance(node.operand, syntax.IntLit) and node.operand.value == 2**63:
            self.checked.types[id(node.operand)] = types.INT
            return types.INT  # INT64_MIN written as a literal
        operand = self.expr(node.operand, scope)
        if isinstance(node.operand, syntax.IntLit) and node.operand.value == 2**63:
            self.diag.error(messages.int_literal_range(), node.operand.span)
        expected = types.BOOL if node.op == "!" else types.DOUBLE if operand is types.DOUBLE else types.INT
        self._expect(operand, expected, messages.operand_of(node.op), node.operand)
        return expected

    def expr_binary(self, node: syntax.Binary, scope: _Scope):
        left = self.expr(node.left, scope)
        right = self.expr(node.right, scope)
        if types.ERROR in (left, right):
            return types.BOOL if node.op in ("||", "&&", "==", "!=", "<", "<=", ">", ">=", "in") else types.ERROR
        op = node.op
        if types.DYN in (left, right) and op in ("==", "!=", "<", "<=", ">", ">="):
            return checker_json.compare(self, node, left, right)
        numeric = checker_numbers.binary(self, node, left, right)
        if numeric is not None:
            return numeric
        if op == "in" and right is types.DYN:  # a key of a JSON object
            self._expect(left, types.STRING, messages.LEFT_OF_IN, node.left)
            return types.BOOL
        if op in ("&&", "||"):
            self._expect(left, types.BOOL, messages.operands_of(op), node.left)
            self._expect(right, types.BOOL, messages.operands_of(op), node.right)
            return types.BOOL
        if op in ("==", "!="):
            if left != right or left not in (types.STRING, types.INT, types.BOOL, types.DURATION, types.TIMESTAMP,
                                             *types.TEXT_VALUES):
                self.diag.error(messages.compare_types(op, left, right), node.span)
            return types.BOOL
        if op in ("<", "<=", ">", ">="):
            if left != right or left not in (types.STRING, types.INT, types.DURATION, types.TIMESTAMP):
                self.diag.error(messages.compare_types(op, left, right), node.span)
            return types.BOOL
        if op == "in":
            if right is not types.HEADERS and not right.is_collection:
                self.diag.error(messages.in_right_side(right), node.right.span)
            wanted = right.item if right.kind == "list" and right.item in types.EQUATABLE else types.STRING
            if right.kind == "list" and right.item not in types.EQUATABLE:
                self.diag.error(messages.in_right_side(right), node.right.span)
            self._expect(left, wanted, messages.LEFT_OF_IN, node.left)
            if right is types.HEADERS:
                self.header_read_name(node.right, node.left, scope)
            return types.BOOL
        if op == "+" and left == right and (left in (types.STRING, types.INT, types.DURATION) or left.is_collection):
            return left  # lists concatenate, maps merge (the right side wins)
        if (op, left, right) in functions.TIMESTAMP_ARITHMETIC:
            return functions.TIMESTAMP_ARITHMETIC[(op, left, right)]
        if op in ("-", "*", "/", "%") and left == right == types.INT:
            return types.INT
        self.diag.error(messages.operator_types(op, left, right), node.span)
        return types.ERROR

    def header_read_name(self, headers: syntax.Expr, name: syntax.Expr, scope: _Scope) -> None:
        """The name of a header read: a literal must be a header name; in `on
        response`, a request header is one the request phase kept for it, so
        its name must be known when the module is built."""
        literals.name_ok(self.diag, name, read=True)
        ref = self.checked.resolved.get(id(headers))
        if isinstance(ref, HeaderMapRef) and ref.side == "request" and SIDE[scope.phase] == "response" \
                and not isinstance(name, syntax.StringLit):
            self.diag.error(messages.computed_request_header_in_response(), name.span)

    def expr_conditional(self, node: syntax.Conditional, scope: _Scope):
        self._expect(self.expr(node.condition, scope), types.BOOL, messages.CONDITION, node.condition)
        then, otherwise = self.expr(node.then, scope), self.expr(node.otherwise, scope)
        if types.ERROR in (then, otherwise):
            return types.ERROR
        if then != otherwise:
            self.diag.error(messages.branch_types(then, otherwise), node.span)
            return types.ERROR
        return then

    # -------------------------------------------------------------- helpers

    def _expect(self, got: types.Type, expected: types.Type, what: messages.What, node) -> None:
        if got is types.HEADERS:
            self.diag.error(messages.headers_not_a_value(syntax.dotted_name(node) or "request.headers"), node.span)
        elif got is types.CALL and expected is not types.CALL:
            self.diag.error(messages.call_not_a_value(), node.span)
        elif got != expected and got is not types.ERROR:
            self.diag.error(messages.type_mismatch(what, expected, got), node.span)

    def _header_target(self, target: syntax.Index, scope: _Scope) -> str | None:
        """Check `X.headers[NAME]` as a write target; returns the side or None."""
        path = syntax.dotted_name(target.target)
        if path not in HEADER_MAPS:
            if self.expr(target, scope) is types.ERROR:
                return None
            self.diag.error(messages.not_writable_index(path), target.span)
            return None
        side = path.split(".")[0]
        if scope.phase == "done":
            self.diag.error(messages.written_in_done(path), target.span)
        elif SIDE[scope.phase] != side:
            self.diag.error(messages.written_in_wrong_phase(path, scope.phase), target.span)
        self._expect(self.expr(target.index, scope), types.STRING, messages.HEADER_NAME, target.index)
        literals.name_ok(self.diag, target.index)
        self.checked.resolved[id(target)] = HeaderMapRef(side)  # what lowering writes
        return side

# Dispatch by node class, built once: every edge is a reference a type checker
# and "find usages" see (tests/unit/test_dispatch.py checks they cover the tree).
_Checker.STATEMENTS = {
    syntax.SetStmt: _Checker.stmt_set,
    syntax.RemoveStmt: _Checker.stmt_remove,
    syntax.RewriteStmt: _Checker.stmt_rewrite,
    syntax.RespondStmt: _Checker.stmt_respond,
    syntax.LimitStmt: checker_state.limit,
    syntax.StoreStmt: checker_every.store,
    syntax.CallStmt: checker_calls.call_statement,
    syntax.ContinueStmt: _Checker.stmt_continue,
    syntax.IfStmt: _Checker.stmt_if,
    syntax.LetStmt: _Checker.stmt_let,
    syntax.VarStmt: _Checker.stmt_var,
    syntax.LogStmt: _Checker.stmt_log,
    syntax.ForStmt: _Checker.stmt_for,
    syntax.CountStmt: checker_metrics.stmt_count, syntax.ObserveStmt: checker_metrics.stmt_observe,
}
_Checker.EXPRESSIONS = {
    syntax.StringLit: _Checker.expr_string,
    syntax.IntLit: _Checker.expr_int,
    syntax.DoubleLit: _Checker.expr_double,
    syntax.BoolLit: _Checker.expr_bool,
    syntax.DurationLit: _Checker.expr_duration,
    syntax.ListLit: _Checker.expr_list,
    syntax.MapLit: _Checker.expr_map,
    syntax.Name: _Checker.expr_name,
    syntax.Member: _Checker.expr_member,
    syntax.Index: _Checker.expr_index,
    syntax.Call: _Checker.expr_call,
    syntax.Unary: _Checker.expr_unary,
    syntax.Binary: _Checker.expr_binary,
    syntax.Conditional: _Checker.expr_conditional,
}


def _item_type(over: str, collection: types.Type) -> types.Type:
    """The type of what `for` and the macros bind: a list's items, a map's keys, header names."""
    if over == "list" and collection.item is not None:
        return collection.item
    return types.DYN if over == "json" else types.STRING


def _is_value(t: types.Type) -> bool:
    """Whether `t` is a type values have (lists may hold it)."""
    return t.wasm != "" and t is not types.REGEX


def _present(path: tuple[str, ...] | None) -> tuple[str, ...]:
    """A property attribute's path (every entry of PROPERTY_ATTRIBUTES has one)."""
    if path is None:
        raise ValueError("a property attribute without a property path")
    return path
