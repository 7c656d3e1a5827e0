"""What may be typed at the cursor, from the text before it on its line:
after `request.` the attributes under it, after `base64.` its functions,
after `config.` the configuration's fields, in `headers["` the header names
the filter already uses, at the start of a statement the keywords that
start one (read from the grammar), and in an expression every name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pwc.compiler import attributes, functions, parser, syntax, types
from pwc.compiler.checked import Checked
from pwc.compiler.driver import Result
from pwc.compiler.source import Source

from .analysis import brace_depth, cursor_in, walk
from .hover import ATTRIBUTES, attribute_text, config_text, declared_names, function_text


@dataclass(frozen=True)
class Item:
    label: str
    kind: str  # "keyword", "property", "function", "method", "field", "variable", "value", "module"
    detail: str = ""
    documentation: str = ""


_HEADER_NAME = re.compile(r"\b(request|response)\.headers\[\s*[\"']([^\"']*)$")
_AFTER_DOT = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*)\.([A-Za-z0-9_]*)$")
_STATEMENT_START = re.compile(r"^\s*([A-Za-z_]*)$")
_AFTER_ON = re.compile(r"^\s*on\s+([a-z ]*)$")
ATTRIBUTE_NAMES = (*ATTRIBUTES, *attributes.HEADER_MAPS)


def complete(text_before: str, parsed: Result | None) -> list[Item]:
    """The items for a cursor after `text_before`; `parsed` is the latest
    result with a syntax tree, for the names the filter declares."""
    line_before = text_before[text_before.rfind("\n") + 1:]
    checked, source = (parsed.checked, parsed.source) if parsed is not None else (None, None)
    where = cursor_in(text_before)
    if match := _HEADER_NAME.search(line_before):
        return _header_names(checked, match.group(1)) if checked and where == "string" else []
    if where != "code":
        return []
    if match := _AFTER_DOT.search(line_before):
        return _members(match.group(1), checked, source)
    if match := _AFTER_ON.match(line_before):
        return [Item(phase, "keyword", "phase") for phase in attributes.PHASES] if not brace_depth(text_before) else []
    if _STATEMENT_START.match(line_before):
        if brace_depth(text_before):
            return _keywords("_stmt", "statement") + _expression_names(checked)
        return _keywords("item", "declaration") + _keywords("module", "the first line")
    return _expression_names(checked)


def _keywords(rule: str, detail: str) -> list[Item]:
    return [Item(word, "keyword", detail) for word in parser.leading_words(rule)]


def _members(base: str, checked: Checked | None, source: Source | None) -> list[Item]:
    if base == "config":
        return [Item(e.name, "field", str(e.type), config_text(e, source)) for e in checked.config] \
            if checked and source else []
    if base == "stored":
        return [Item(s.name, "field", str(s.type)) for s in checked.stores.values()] if checked else []
    if base in functions.NAMESPACES:
        return [_function(name, name.split(".", 1)[1]) for name in functions.FUNCTIONS
                if name.startswith(base + ".")]
    under = _attributes_under(base)
    if under:
        return under
    record = _record_named(base, checked) if checked else None
    fields = [Item(f.name, "field", str(f.type)) for f in record.fields] if record is not None else []
    return fields + [Item(name, "method", f"{function.receiver}.{name}", function_text(name, function))
            for name, function in functions.METHODS.items()] + \
        [Item(name, "method", "macro") for name in functions.MACROS] + [Item("size", "method", "int")]


def _record_named(base: str, checked: Checked) -> types.RecordType | None:
    """The record type of `config.KEY` or of a name the filter binds (a
    `let`, a loop's or a macro's variable), when it is one."""
    if base.startswith("config."):
        found = [entry.type for entry in checked.config if entry.name == base.removeprefix("config.")]
    else:
        bindings = [*checked.bindings.values(), *(loop.item for loop in checked.loops.values()),
                    *(macro.variable for macro in checked.macros.values())]
        found = [binding.type for binding in bindings if binding.name == base]
    return next((t for t in found if isinstance(t, types.RecordType)), None)


def _attributes_under(base: str) -> list[Item]:
    """`request.` -> path, headers, ...: the next part of each attribute named under `base`."""
    items: dict[str, Item] = {}
    for name in ATTRIBUTE_NAMES:
        if name.startswith(base + "."):
            rest = name[len(base) + 1:]
            part = rest.split(".")[0]
            whole = f"{base}.{part}"
            if part not in items:
                items[part] = Item(part, "property", _type_of(whole), attribute_text(whole) or "")
    return sorted(items.values(), key=lambda item: item.label)


def _type_of(name: str) -> str:
    attribute = ATTRIBUTES.get(name)
    return str(attribute.type) if attribute else "header map" if name in attributes.HEADER_MAPS else ""


def _function(name: str, label: str) -> Item:
    function = functions.FUNCTIONS[name]
    return Item(label, "function", f"-> {function.result}", function_text(name, function))


def _expression_names(checked: Checked | None) -> list[Item]:
    roots = sorted({name.split(".")[0] for name in ATTRIBUTE_NAMES})
    items = [Item(root, "property" if root in ATTRIBUTES else "module") for root in roots]
    items += [_function(name, name) for name in functions.FUNCTIONS if "." not in name]
    items += [Item(namespace, "module") for namespace in sorted(functions.NAMESPACES)]
    items += [Item(name, "function", f"-> {result}") for name, result in functions.CONVERSION_RESULTS.items()]
    items += [Item(name, "value", str(value.result), value.doc) for name, value in functions.VALUES.items()]
    items += [Item(word, "value") for word in ("true", "false", "config", "stored")]
    if checked is not None:
        seen: set[str] = set()
        for binding in declared_names(checked):
            if binding.name not in seen:
                seen.add(binding.name)
                items.append(Item(binding.name, "variable", str(binding.type)))
    return items


def _header_names(checked: Checked, side: str) -> list[Item]:
    """The header names the filter indexes `SIDE.headers` with (as literals)."""
    names: set[str] = set()
    for node in walk(checked.module):
        if isinstance(node, syntax.Index):  # request.headers["x-a"]
            headers, name = node.target, node.index
        elif isinstance(node, syntax.Binary) and node.op == "in":  # "x-a" in request.headers
            headers, name = node.right, node.left
        else:
            continue
        if isinstance(name, syntax.StringLit) and syntax.dotted_name(headers) == f"{side}.headers":
            names.add(name.value)
    return [Item(name, "value", f"{side} header") for name in sorted(names)]
