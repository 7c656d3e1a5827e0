"""What the node under the cursor is (hover) and where it is declared
(go to definition), read from the checker's side tables and the
compiler's tables of attributes and functions."""

from __future__ import annotations

from pwc.compiler import attributes, functions, syntax, types
from pwc.compiler.checked import (AttributeRef, Binding, Checked, ConfigEntry, ConfigRef, FieldRef, HeaderMapRef,
                                  LetRef, PropertyRef, StoredRef)
from pwc.compiler.source import Source, Span

from .analysis import nodes_at, walk

ATTRIBUTES = {**attributes.HEADER_ATTRIBUTES, **attributes.BODY_ATTRIBUTES, **attributes.PROPERTY_ATTRIBUTES}


def hover(checked: Checked, source: Source, offset: int) -> str | None:
    """Markdown about the innermost node at `offset` that has something to say."""
    for node in reversed(nodes_at(checked.module, offset)):
        text = _declaration(checked, source, node, offset) or _expression(checked, source, node)
        if text is not None:
            return text
    return None


def _declaration(checked: Checked, source: Source, node: syntax.Node, offset: int) -> str | None:
    if isinstance(node, (syntax.LetStmt, syntax.VarStmt)) and _on(node.name_span, offset):
        binding = checked.bindings.get(id(node))
        return binding_text(checked, binding) if binding is not None else None
    if isinstance(node, (syntax.CountStmt, syntax.ObserveStmt)) and node.name in checked.metrics:
        return _code(f"{checked.metrics[node.name].type} {node.name}")
    if isinstance(node, syntax.ConfigField) and any(node is field for field in checked.module.config):
        entry = next((e for e in checked.config if e.name == node.name), None)
        return config_text(entry, source) if entry is not None else None
    if isinstance(node, syntax.Call):
        return call_text(checked, node)
    return None


def _expression(checked: Checked, source: Source, node: syntax.Node) -> str | None:
    resolved = checked.resolved.get(id(node))
    if isinstance(resolved, AttributeRef):
        return attribute_text(resolved.path)
    if isinstance(resolved, (PropertyRef, HeaderMapRef)):
        name = syntax.dotted_name(node)
        return attribute_text(name) if name is not None else None
    if isinstance(resolved, LetRef):
        return binding_text(checked, resolved.binding)
    if isinstance(resolved, FieldRef):
        field = resolved.record.fields[resolved.index]
        return _code(f"{field.name}: {field.type}") + f"\n\na field of `{resolved.record.name}`"
    if isinstance(node, syntax.Name) and id(node) in checked.functions:  # `now`
        value = checked.functions[id(node)].function
        return _code(f"{node.name}: {value.result}") + f"\n\n{value.doc}"
    if isinstance(resolved, ConfigRef):
        return config_text(resolved.entry, source)
    if isinstance(resolved, StoredRef):
        return _code(f"stored.{resolved.entry.name}: {resolved.entry.type}") + "\n\nshared by the Envoy's workers"
    return None


def attribute_text(name: str) -> str | None:
    meaning = attributes.MEANINGS.get(name)
    if name in attributes.HEADER_MAPS:
        return f"{_code(f'{name}: header map')}\n\n{meaning}\n\nreadable in {_phases(attributes.HEADER_MAPS[name])}"
    attribute = ATTRIBUTES.get(name)
    if attribute is None:
        return None
    facts = [f"readable in {_phases(attribute.readable_in)}"]
    if attribute.written_in:
        facts.append(f"set in {_phases(attribute.written_in)}")
    if attribute.pseudo_header:
        facts.append(f"the `{attribute.pseudo_header}` pseudo-header")
    if attribute.property_path:
        facts.append(f"Envoy's attribute `{'.'.join(attribute.property_path)}`")
    return f"{_code(f'{name}: {attribute.type}')}\n\n{meaning}\n\n" + "; ".join(facts)


def call_text(checked: Checked, call: syntax.Call) -> str | None:
    reference = checked.functions.get(id(call))
    if reference is not None:
        return function_text(_function_name(call, reference.method), reference.function)
    if call.target is None and call.name in functions.CONVERSIONS:
        accepted = ", ".join(str(t) for t in functions.CONVERSIONS[call.name])
        return _code(f"{call.name}(x) -> {functions.CONVERSION_RESULTS[call.name]}") + f"\n\nx: one of {accepted}"
    macro = checked.macros.get(id(call))
    if macro is not None:
        return _code(f"{call.name}(variable, expression) -> {checked.types.get(id(call), types.BOOL)}") + \
            f"\n\nCEL's `{call.name}` macro over a {macro.over}"
    if id(call) in checked.types:  # `size`, `has`, `type`: the checker's own
        return _code(f"{call.name}(...) -> {checked.types[id(call)]}")
    return None


def function_text(name: str, function: functions.Function) -> str:
    params = [str(p) for p in function.params] + [f"{t}?" for t, _ in function.optional]
    receiver = f"{function.receiver}." if function.receiver is not None else ""
    return _code(f"{receiver}{name}({', '.join(params)}) -> {function.result}") + f"\n\n{function.doc}"


def _function_name(call: syntax.Call, method: bool) -> str:
    if method or call.target is None:
        return call.name
    namespace = syntax.dotted_name(call.target)
    return f"{namespace}.{call.name}" if namespace else call.name


def binding_text(checked: Checked, binding: Binding) -> str:
    if not any(binding is declared for declared in checked.bindings.values()):
        return _code(f"{binding.name}: {binding.type}") + "\n\na macro's or a loop's variable"
    keyword = "var" if binding.mutable else "let"
    where = "an `every` block" if binding.phase == "every" else f"`on {binding.phase}`"
    return _code(f"{keyword} {binding.name}: {binding.type}") + f"\n\ndeclared in {where}"


def config_text(entry: ConfigEntry, source: Source) -> str:
    if entry.default is not None:
        default = f"default `{source.text[entry.default.span.start:entry.default.span.end]}`"
    else:
        default = "optional: absent unless configured" if entry.field.optional else "required"
    return _code(f"config.{entry.name}: {entry.type}") + f"\n\n{default}"


def definition(checked: Checked, offset: int) -> Span | None:
    """Where the name at `offset` is declared: a `let` or `var`, a
    configuration field, a record type, a store, a metric."""
    for node in reversed(nodes_at(checked.module, offset)):
        span = _declared_at(checked, node, offset)
        if span is not None:
            return span
    return None


def _declared_at(checked: Checked, node: syntax.Node, offset: int) -> Span | None:
    resolved = checked.resolved.get(id(node))
    module = checked.module
    if isinstance(resolved, LetRef):
        return resolved.binding.span
    if isinstance(resolved, ConfigRef):
        return Span(start=resolved.entry.span.start, end=resolved.entry.span.start + len(resolved.entry.name))
    if isinstance(resolved, StoredRef) or isinstance(node, syntax.StoreStmt):
        name = resolved.entry.name if isinstance(resolved, StoredRef) else getattr(node, "name", "")
        return next((s.name_span for s in module.stores if s.name == name), None)
    if isinstance(node, (syntax.CountStmt, syntax.ObserveStmt)):
        return next((m.name_span for m in module.metrics if m.name == node.name), None)
    if isinstance(node, syntax.TypeRef):
        return next((t.name_span for t in module.types if t.name == node.name), None)
    return None


def _on(span: Span, offset: int) -> bool:
    return span.start <= offset <= span.end


def _phases(phases: tuple[str, ...]) -> str:
    return ", ".join(f"`on {phase}`" for phase in phases)


def _code(text: str) -> str:
    return f"```pwf\n{text}\n```"


def declared_names(checked: Checked) -> list[Binding]:
    """Every `let` and `var` of the module, for completion."""
    return [checked.bindings[id(node)] for node in walk(checked.module) if id(node) in checked.bindings]
