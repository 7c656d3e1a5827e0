"""Every message the compiler prints, one named builder each.

A builder returns a `Message`: the text and, where there is something to do,
the hint.  `Diagnostics.error` and `.warning` take nothing else, so a message
cannot be written at a call site; a call site passes what varies (a name, the
suggestion `closest` found, the types involved).  A note (a secondary
location) is a `Message` without a hint; the subject of a type mismatch is a
`What` named here.  tests/unit/test_messages.py holds the compiler to this.

Messages are lowercase, put code in backticks and say what to do where there
is something to do.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, NewType

from lark import Token

from . import types
from .diagnostics import Message
from .types import Type, describe

if TYPE_CHECKING:
    from .regex import RegexError

# ----------------------------------------------------------------- parser

# What a parser terminal is called in a message.
_TOKEN_NAMES = {
    "NAME": "a name", "STRING": "a string", "RAW_STRING": "a string", "INT": "a number",
    "DURATION": "a duration", "_NL": "a new line", "$END": "the end of the file",
    "LBRACE": "`{`", "RBRACE": "`}`", "LPAR": "`(`", "RPAR": "`)`", "LSQB": "`[`", "RSQB": "`]`",
    "COMMA": "`,`", "COLON": "`:`", "EQUAL": "`=`", "DOT": "`.`", "QMARK": "`?`",
    # lark's names for one-character operators
    "MORETHAN": "`>`", "LESSTHAN": "`<`", "PLUS": "`+`", "MINUS": "`-`", "STAR": "`*`", "SLASH": "`/`",
    "PERCENT": "`%`", "BANG": "`!`",
}


def unexpected_token(token: Token, expected: Collection[str]) -> Message:
    return Message(_unexpected(token), _expected_hint(expected))


def statement_outside_handler(token: Token) -> Message:
    return Message(_unexpected(token),
                   f"`{token.value}` is a statement: it belongs inside `on request {{ ... }}` or `on response {{ ... }}`")


def assignment_in_condition(token: Token) -> Message:
    return Message(_unexpected(token), "compare with `==`; `=` only appears in `set`, `add` and `let`")


def operator_starts_line(token: Token) -> Message:
    return Message(_unexpected(token),
                   f"to continue an expression on the next line, end the line before with `{token.value}`")


def duration_without_unit(token: Token) -> Message:
    return Message(_unexpected(token),
                   "durations are written with the units ms, s, m and h, as in `500ms`, `2s`, `1m30s`")


def duration_fraction(token: Token) -> Message:
    return Message(_unexpected(token), "durations count whole units: write `1500ms` or `1s500ms` for 1.5s")


def body_limit_unit(token: Token) -> Message:
    return Message(_unexpected(token), "`body_limit` takes a number of bytes, as in `body_limit 65536`")


def unexpected_character(char: str) -> Message:
    return Message(_unexpected_character(char))


def raw_string_ended_early(char: str) -> Message:
    """A character after a raw string that ended at a quote its author meant to escape."""
    return Message(_unexpected_character(char),
                   "a raw string ends at its first quote, even after a backslash: "
                   "write it in the other quotes, r'k=\"[^\"]+\"' holds `\"`")


def unterminated_string() -> Message:
    return Message("unterminated string", "close the string on the same line")


def unexpected_end(expected: Collection[str]) -> Message:
    hint = ("a `}` is missing: every `{` needs its `}`" if "RBRACE" in expected or "SET" in expected
            else _expected_hint(expected))
    return Message("unexpected end of file", hint)


def unclosed_brace() -> Message:
    return Message("this `{` is never closed: the file ends inside its block", "add its `}` where the block ends")


def call_without_cluster() -> Message:
    return Message("`call` needs the cluster it calls before its `{`",
                   'name it: `call "auth" { path: "/x" }`, or configure it: `call config.auth_cluster { ... }`')


def nested_too_deeply(limit: int) -> Message:
    return Message(_nested_too_deeply(limit), "name a part with `let`, or split the `if` into several")


def bad_escape(escape: str, quoted: str) -> Message:
    return Message(f"unknown escape `{escape}` in string",
                   f"write a raw string, r{quoted}, to keep backslashes as they are, or `\\\\` for one backslash")


def _unexpected(token: Token) -> str:
    return f"unexpected {_describe(token)}"


def _describe(token: Token) -> str:
    if token.type == "_NL":
        return "end of line"
    if token.type in ("STRING", "RAW_STRING"):
        return f"string {token.value}"
    if token.type in ("INT", "DURATION"):
        return f"number `{token.value}`"
    if token.type == "NAME":
        return f"name `{token.value}`"
    return f"`{token.value}`"


def _unexpected_character(char: str) -> str:
    return f"unexpected character `{char}`" if char.isprintable() else f"unexpected character {char!r}"


def _expected_hint(expected: Collection[str]) -> str | None:
    if {"NAME", "STRING", "INT"} <= set(expected):
        return "an expression was expected here"
    if "SET" in expected and "RESPOND" in expected:
        return ("a statement was expected here (`set`, `add`, `remove`, `rewrite`, `respond`, `continue`, `if`, "
                "`let`, `var`, `for`, `log`)")
    names = sorted({_TOKEN_NAMES.get(name, _keyword(name)) for name in expected})
    if not names:
        return None
    if len(names) > 6:
        return "a statement or an expression was expected here"
    return "expected " + ", ".join(names[:-1]) + (" or " if len(names) > 1 else "") + names[-1]


def _keyword(terminal: str) -> str:
    if terminal.startswith("__ANON") or not terminal.isupper():
        return "an operator"
    return f"`{terminal.lower()}`"


def _nested_too_deeply(limit: int) -> str:
    return f"this is nested too deeply: at most {limit} levels of blocks and operators"


# ------------------------------------------------------- checker: top level


def bad_filter_name(name: str) -> Message:
    return Message(f"{name!r} cannot name a filter: it names files, Envoy's root_id and Kubernetes resources",
                   "use letters, digits, `-`, `_` and `.`, starting with a letter or digit, at most 63")


def unknown_config_type(spelled: str, suggestion: str | None) -> Message:
    return Message(f"unknown configuration type `{spelled}`",
                   _did_you_mean(suggestion) if suggestion else
                   "types: string, int, double, bool, duration, ip, cidr, regex, dyn, list<T>, map<string, T>, "
                   "and the records declared with `type`")


def duplicate_field(owner: str, name: str) -> Message:
    where = "configuration field" if owner == "config" else f"field of `{owner}`"
    return Message(f"{where} `{name}` is declared twice")


def duplicate_type(name: str) -> Message:
    return Message(f"type `{name}` is already a type", "give the record another name")


def too_many_fields(name: str, limit: int) -> Message:
    return Message(f"type `{name}` has more than {limit} fields", "split it into records that hold each other")


def recursive_type(name: str) -> Message:
    return Message(f"type `{name}` holds itself", "configuration is a tree: a record cannot contain its own type")


def map_key_type() -> Message:
    return Message("map keys are strings", "write map<string, T>")


def type_arguments(name: str) -> Message:
    spelled = "list<T>" if name == "list" else "map<string, T>"
    return Message(f"`{name}` takes its item type: {spelled}")


def optional_with_default(name: str) -> Message:
    return Message(f"optional field `{name}` cannot have a default",
                   "an optional field is absent when not given (has() says); drop `?` to give a default")


def not_kept(name: str, t: Type, where: str) -> Message:
    return Message(f"`{name}` ({describe(t)}) cannot be kept {where}",
                   "a list or map of lists or maps is not kept: compute it where it is used")


def not_a_var(name: str, op: str) -> Message:
    if op != "set":
        return Message(f"`{op}` adds a header; `{name}` is changed with `set {name} = ...`")
    return Message(f"`{name}` is a `let`: its value does not change", f"declare it with `var {name} = ...` to change it")


def bind_arguments() -> Message:
    return Message("`cel.bind` names a value inside an expression: cel.bind(x, VALUE, EXPRESSION)")


def has_argument() -> Message:
    return Message("`has` tests a field: has(record.field) or has(config.field)")


def regex_default() -> Message:
    return Message("a `regex` from configuration has no default",
                   "make the field optional (`regex?`), or use a literal pattern in the rules")


def unknown_record_field(record: str, name: str, suggestion: str | None) -> Message:
    return Message(f"type `{record}` has no field `{name}`", _did_you_mean(suggestion) if suggestion else None)


def record_default_missing(record: str, missing: list[str]) -> Message:
    names = ", ".join(f"`{name}`" for name in missing)
    return Message(f"this `{record}` default lacks its required field{'s' if len(missing) > 1 else ''} {names}")


def bad_network_default(kind: str, text: str) -> Message:
    example = '"10.0.0.0/8"' if kind == "cidr" else '"10.0.0.1"'
    return Message(f"{text!r} is not {'a' if kind == 'cidr' else 'an'} {kind}", f"for example {example}")


def config_default_not_literal() -> Message:
    return Message("a configuration default must be a literal value")


def dyn_default_not_json() -> Message:
    return Message("a `dyn` default must be a JSON value",
                   "write null, a string, a number, a bool, or a list or map of them")


def dyn_default_key_twice(key: str) -> Message:
    return Message(f"key {key!r} is given twice in a JSON default", "a JSON object holds each key once")


def duplicate_phase(phase: str) -> Message:
    return Message(f"`on {phase}` is declared twice", "merge the two blocks into one")


def unknown_phase(phase: str, suggestion: str | None) -> Message:
    return Message(f"unknown phase `{phase}`",
                   _did_you_mean(f"on {suggestion}") if suggestion else
                   "write `on request`, `on request body`, `on response` or `on response body`")


# ------------------------------------------------------ checker: statements


def unreachable_after(kind: str) -> Message:
    return Message(f"this statement never runs: the phase has already ended at the `{kind}` before it",
                   "remove it, or move it before the phase ends")


def written_in_wrong_phase(path: str, phase: str, verb: str = "writing") -> Message:
    """`path` (an attribute or a header map) written where its side is not at hand."""
    if phase == "every":
        hint = _EVERY_BLOCK
    elif path.endswith(_OF_BODIES):
        hint = _BODY_PHASE_ONLY.format(side=path.split(".")[0])
    else:
        hint = (_GONE_UPSTREAM if path.startswith("request.")
                else "the response has not arrived yet: write it in `on response`")
    return Message(_wrong_phase(f"{verb} `{path}`", phase), hint)


def rewritten_in_wrong_phase(path: str, phase: str) -> Message:
    return written_in_wrong_phase(path, phase, "rewriting")


_EVERY_BLOCK = "an `every` block runs on a timer, outside any request: it may `call`, `store` and `log`"


def read_in_wrong_phase(path: str, phase: str) -> Message:
    hint = (_EVERY_BLOCK if phase == "every" else _BODY_PHASE_ONLY.format(side=path.split(".")[0])
            if path.endswith(_OF_BODIES) else "the response has not arrived yet: read it in `on response`")
    return Message(_wrong_phase(f"`{path}`", phase), hint)


def not_writable(path: str | None) -> Message:
    """`set` of something that is neither a header nor a writable attribute."""
    return Message(_cannot_write(_quoted(path)), _WRITE_TARGETS)


def not_writable_index(path: str | None) -> Message:
    """`set X[...]` where `X` is not a header map."""
    return Message(_cannot_write(f"`{path}[...]`" if path else _THIS), _WRITE_TARGETS)


def added_to_attribute(path: str) -> Message:
    return Message(_cannot_write(_quoted(path)), "`add` appends a header: `add request.headers[\"x-a\"] = \"1\"`")


def not_removable(path: str | None) -> Message:
    return Message(_cannot_write(_quoted(path)), "`remove` takes a header: `remove request.headers[\"x-internal\"]`")


def not_rewritable(path: str | None) -> Message:
    return Message(f"cannot rewrite {_quoted(path)}",
                   "rewrite `request.path`, `request.url_path`, `request.host`, `request.headers[NAME]` "
                   "or `response.headers[NAME]`")


def status_range(status: int) -> Message:
    return Message(f"status {status} is out of range: HTTP statuses run from 100 to 599")


def body_without_content(status: int) -> Message:
    return Message(f"a {status} response has no body: HTTP does not send one with 1xx, 204 or 304",
                   f"leave the body out: `respond {status}` (or `headers {{...}}` only)")


def header_map_in_let() -> Message:
    return Message("a whole header map cannot be kept in a `let`", 'read one header: `let h = request.headers["x-name"]`')


def redeclared(name: str) -> Message:
    return Message(_redeclared(name), "choose another name")


def first_declared(name: str) -> Message:
    """The note on a redeclared name, at its first declaration."""
    return Message(f"`{name}` is first declared here")


def builtin_redeclared(name: str) -> Message:
    return Message(_redeclared(name), f"`{name}` is a built-in name")


def unknown_log_level(level: str, suggestion: str | None, levels: Iterable[str]) -> Message:
    return Message(f"unknown log level `{level}`",
                   _did_you_mean(suggestion) if suggestion else "levels: " + ", ".join(levels))


def log_message_type(got: Type) -> Message:
    """A log message that is an int or a bool: `string(...)` converts it."""
    return Message(_type_mismatch(LOG_MESSAGE, describe(types.STRING), describe(got)),
                   "convert it with `string(...)`")


def _wrong_phase(what: str, phase: str) -> str:
    return f"{what} is not available in " + ("an `every` block" if phase == "every" else f"`on {phase}`")


def _cannot_write(what: str) -> str:
    return f"cannot write to {what}"


def _quoted(path: str | None) -> str:
    return f"`{path}`" if path else _THIS


def _redeclared(name: str) -> str:
    return f"`{name}` is already declared in this scope"


_THIS = "this expression"
_GONE_UPSTREAM = "the request has already gone upstream when the response arrives"
_BODY_PHASE_ONLY = "a body is at hand once all of it is in: use it in `on {side} body`"
_OF_BODIES = (".body", ".json", ".form")  # attributes read from a body (attributes.BODY_ATTRIBUTES, JSON_ATTRIBUTES)
_WRITE_TARGETS = ("write to `request.headers[NAME]`, `response.headers[NAME]`, `request.path`, "
                  "`request.url_path`, `request.method`, `request.host`, `request.body` or `response.body`")


# -------------------------------------------------------- checker: patterns


def regex_error(error: RegexError) -> Message:
    """A pattern or template the regex compiler refused, in RE2's words."""
    return Message(error.message, error.hint)


def patterns_too_large(total: int, limit: int) -> Message:
    return Message(f"the filter's patterns together compile to {total} instructions (limit {limit})",
                   "share one pattern between rules, or make the patterns smaller")


def costly_pattern(per_byte: int) -> Message:
    return Message(f"this pattern may cost up to {per_byte:,} wasm instructions per byte it reads "
                   f"({per_byte * 61_440 / 1e9:.1f} billion for a 60 KiB header)",
                   "every live alternative costs per byte: bound repetitions (`{1,100}`) and wide "
                   "classes less, or anchor the pattern")


def pattern_not_literal(function: str) -> Message:
    return Message(f"the pattern of `{function}` must be a string literal or a `regex` from configuration",
                   "patterns are compiled with the filter, or when it is configured: declare `NAME: regex` in config")


def template_not_literal(function: str) -> Message:
    return Message(f"the template of `{function}` must be a string literal",
                   "templates are checked against the pattern's groups when the filter is built")


# ----------------------------------------------------------- checker: calls


def call_waits_in_done() -> Message:
    return Message("nothing waits for an answer in `on done`: the stream is over",
                   "send it without `let`: `call CLUSTER { ... }`")


def body_limit_twice() -> Message:
    return Message("`body_limit` is given twice", "keep one")


def body_limit_range(value: int, most: int) -> Message:
    return Message(f"`body_limit {value}` is out of range", f"give 1 to {most} bytes (the default is {most})")


def body_limit_unused() -> Message:
    return Message("`body_limit` has no effect without `on request body` or `on response body`")


def cluster_not_literal() -> Message:
    return Message("the cluster of a `call` must be a string literal or a configuration value",
                   "a cluster chosen by the request could reach any service Envoy knows: "
                   "name it (`call \"auth\" {...}`) or configure it (`config { auth: string }`)")


def unknown_call_field(name: str, suggestion: str | None, fields: Iterable[str]) -> Message:
    return Message(f"unknown `call` field `{name}`",
                   _did_you_mean(suggestion) if suggestion else "fields: " + ", ".join(fields))


def duplicate_call_field(name: str) -> Message:
    return Message(f"`{name}` is given twice")


def zero_timeout() -> Message:
    return Message("a call timeout of 0 would wait forever", "give the service a deadline, e.g. `500ms`")


def timeout_too_long() -> Message:
    return Message("a call timeout must be at most 2^31 - 1 milliseconds (about 24 days), the most Envoy accepts")


def unknown_call_result_field(call: str, field: str, suggestion: str | None) -> Message:
    return Message(f"a call result has no `{field}`",
                   _did_you_mean(f"{call}.{suggestion}") if suggestion else
                   "a call result has `status`, `failed`, `headers` and `body`")


def call_not_a_value() -> Message:
    return Message("a call result is not a value by itself",
                   "read `x.status`, `x.failed`, `x.headers[NAME]` or `x.body`")


def _not_supported_yet(what: str, instead: str) -> str:
    return f"{what} is not supported yet ({instead})"


# ----------------------------------------------------- checker: names, members


def unknown_name(name: str, suggestion: str | None) -> Message:
    return Message(_unknown_name(name), _did_you_mean(suggestion) if suggestion else None)


def builtin_not_a_value(name: str) -> Message:
    """`request` or `response` by itself."""
    return Message(_unknown_name(name),
                   f"`{name}` is read through its attributes, as in `{name}.headers[\"x-id\"]`")


def config_not_a_value() -> Message:
    return Message("`config` is not a value by itself", "read a field, as in `config.timeout`")


def unknown_attribute(path: str, suggestion: str | None = None) -> Message:
    hint = _NOT_YET_ATTRIBUTES.get(path) or (_did_you_mean(suggestion) if suggestion else None)
    return Message(f"unknown attribute `{path}`", hint)


def metadata_needs_key() -> Message:
    return Message('read node metadata by key, as in `node.metadata["ISTIO_VERSION"]`')


def unknown_config_field(name: str, suggestion: str | None) -> Message:
    return Message(f"unknown configuration field `{name}`",
                   _did_you_mean(f"config.{suggestion}") if suggestion else
                   "declare it in a `config { NAME: TYPE = DEFAULT }` block")


def headers_not_a_value(attribute: str) -> Message:
    return Message(f"`{attribute}` is a header map: index it with a name, as in `{attribute}[\"x-id\"]`, "
                   "or test a name with `in`")


def not_indexable(got: Type) -> Message:
    return Message(f"cannot index {describe(got)}")


def request_headers_ranged_in_response(macro: str) -> Message:
    return Message(_not_supported_yet(f"`request.headers.{macro}(...)` in `on response`",
                                      "request headers are kept for `on response` by name: "
                                      "compute it in `on request` with a `let`"))


def for_over(got: Type) -> Message:
    return Message(f"`for` ranges over a list, a map or a header map, not {describe(got)}")


def for_value_over_list(json: bool = False) -> Message:
    if json:
        return Message("a JSON value is ranged over with one name: `for x in VALUE` (a list's items, an object's keys)",
                       "read an object's values by key: `VALUE[x]`")
    return Message("a list has items only: `for x in list`",
                   "`for KEY, VALUE in ...` ranges over a map or a header map")


def call_in_for() -> Message:
    return Message("`call` inside `for` is not allowed",
                   "a filter makes a bounded number of calls: make the call before or after the loop")


def request_headers_iterated_in_response() -> Message:
    return Message(_not_supported_yet("`for ... in request.headers` in `on response`",
                                      "request headers are kept for `on response` by name: "
                                      "compute it in `on request` with a `let`"))


def macro_arguments(macro: str) -> Message:
    shape = ("a variable and a value, or a variable, a condition and a value" if macro == "map"
             else "a variable and a condition")
    example = 'list.map(x, x + "!")' if macro == "map" else f'list.{macro}(x, x == "a")'
    return Message(f"`{macro}` takes {shape}", f"as in `{example}`")


def macro_receiver(macro: str, got: Type) -> Message:
    return Message(f"`{macro}` ranges over a list, a map or a header map, not {describe(got)}")


def macro_body_of(macro: str) -> What:
    return What(f"the condition of `{macro}`")


def macro_value_of(macro: str) -> What:
    return What(f"the value of `{macro}`")


def computed_request_header_in_response() -> Message:
    return Message(_not_supported_yet("a computed request header name in `on response`", "use a literal name"))


def _unknown_name(name: str) -> str:
    return f"unknown name `{name}`"


# Attributes that later versions of the language add, and what to do today.
_NOT_YET_ATTRIBUTES = {
    "request.body": "bodies are not readable yet: rules see headers, the path and the request line",
    "response.body": "bodies are not readable yet: rules see headers and the status",
}


# ------------------------------------------------- checker: functions, types


def unknown_function(name: str, suggestion: str | None) -> Message:
    return Message(_unknown_function(name), _did_you_mean(suggestion) if suggestion else None)


def unknown_method(name: str, suggestion: str | None, header_map: str | None, header: str) -> Message:
    """`x.name(...)` with no such method.  `header_map` is the path of `x`
    (`request.headers`) when it is a header map named by its path: the methods
    other languages give maps have a spelling here, shown on that path."""
    if header_map is not None and name in _HEADER_MAP_METHODS:
        return Message(_unknown_function(name), _HEADER_MAP_METHODS[name].format(map=header_map, name=header))
    return unknown_function(name, suggestion)


def wrong_arity(name: str, expected: int | str, got: int) -> Message:
    """`expected` is a count, or a range spelled `1 or 2`."""
    plural = "argument" if expected in (1, "1") else "arguments"
    return Message(f"`{name}` takes {expected} {plural}, not {got}")


def type_mismatch(what: What, expected: Type, got: Type) -> Message:
    return Message(_type_mismatch(what, describe(expected), describe(got)))


def conversion_argument(name: str, accepted: tuple[Type, ...], got: Type) -> Message:
    described = [describe(t) for t in accepted]
    names = ", ".join(described[:-1]) + " or " + described[-1] if len(described) > 1 else described[0]
    return Message(_type_mismatch(argument_of(name), names, describe(got)))


def size_argument(got: Type) -> Message:
    return Message(_type_mismatch(argument_of("size"), "a string, a list or a map", describe(got)))


def in_right_side(got: Type) -> Message:
    return Message(_type_mismatch("the right side of `in`", "a list, a map or a header map", describe(got)))


def operator_types(op: str, left: Type, right: Type) -> Message:
    return Message(_operator_types(op, left, right))


def branch_types(then: Type, otherwise: Type) -> Message:
    return Message(_operator_types("? :", then, otherwise), "both branches must have the same type")


def compare_types(op: str, left: Type, right: Type) -> Message:
    names_a_type = "type" in (left.name, right.name) and "string" in (left.name, right.name)
    return Message(f"cannot compare {describe(left)} with {describe(right)} using `{op}`",
                   "type names are written bare, as in `type(x) == string`" if names_a_type else None)


def json_index(got: Type) -> Message:
    return Message(_type_mismatch("a key or index of a JSON value", "a string or an int", describe(got)))


def json_value(got: Type) -> Message:
    return Message(_type_mismatch("a value written into JSON", "a string, an int, a bool or a dyn", describe(got)),
                   "convert it first, e.g. with `string(...)`")


def json_remove_index() -> Message:
    return Message("`remove` takes a key of a JSON object, not an index of a list",
                   "write the key as a string: `remove response.json[\"password\"]`")


def json_whole_write(path: str) -> Message:
    return Message(f"`{path}` is written through its keys, not as a whole",
                   f"write a key (`set {path}[\"k\"] = v`), or the body: `set {path.replace('json', 'body')} = json.encode(v)`")


# What a type mismatch is about: "WHAT must be a string, not an int".  A
# distinct type, so that the checker names it from here and cannot spell it.
What = NewType("What", str)

DEFAULT = What("the default")
STATUS = What("the status")
BODY = What("the body")
HEADERS = What("the headers")
CONDITION = What("the condition")
CLUSTER = What("the cluster")
LOG_MESSAGE = What("a log message")
LIST_ITEM = What("a list item")
LIST_INDEX = What("a list index")
PATTERN = What("the pattern")
MAP_KEY = What("a map key")
MAP_VALUE = What("a map value")
HEADER_NAME = What("a header name")
HEADER_VALUE = What("a header value")
LEFT_OF_IN = What("the left side of `in`")
LIMIT_KEY, LIMIT_COUNT, LIMIT_PERIOD = What("a limit's key"), What("a limit's count"), What("a limit's period")


def value_of(name: str) -> What:
    """The value written to an attribute or given to a `call` field, by its name."""
    return What(f"`{name}`")


def receiver_of(method: str) -> What:
    return What(f"the receiver of `{method}`")


def argument_of(function: str) -> What:
    return What(f"the argument of `{function}`")


def operand_of(op: str) -> What:
    return What(f"the operand of `{op}`")


def operands_of(op: str) -> What:
    return What(f"the operands of `{op}`")


def int_literal_range() -> Message:
    return Message("integer literal out of the 64-bit range")


def double_literal_range() -> Message:
    return Message("double literal out of the double range (about 1.8e308)")


def double_operator_types(op: str, left: Type, right: Type) -> Message:
    mixed = {left.name, right.name} == {"int", "double"}
    return Message(_operator_types(op, left, right),
                   "convert the int with `double(...)` (or the double with `int(...)`)" if mixed and op != "%"
                   else "`%` takes ints only" if op == "%" else None)


def type_argument(got: Type) -> Message:
    return Message(f"`type()` takes a value CEL has a type for, not {describe(got)}",
                   "a string, int, double, bool, duration, timestamp, list, map, dyn or type")


def _unknown_function(name: str) -> str:
    return f"unknown function `{name}`"


def _type_mismatch(what: str, expected: str, got: str) -> str:
    return f"{what} must be {expected}, not {got}"


def _operator_types(op: str, left: Type, right: Type) -> str:
    return f"`{op}` cannot combine {describe(left)} and {describe(right)}"


# Methods authors reach for on a header map, and what the language says instead.
_HEADER_MAP_METHODS = {
    "get": 'read a header by indexing: `{map}["{name}"]` (an absent header reads "")',
    "has": 'test presence with `in`: `"{name}" in {map}`',
    "contains": 'test presence with `in`: `"{name}" in {map}`',
    "containsKey": 'test presence with `in`: `"{name}" in {map}`',
}


# ------------------------------------------------------ checker: literals


def pseudo_header_write(name: str, attribute: str) -> Message:
    return Message(f"write `{attribute}` instead of the pseudo-header `{name}`")


def bad_header_name(name: str) -> Message:
    return Message(f"`{name}` is not a valid header name" if name else "a header name cannot be empty",
                   "header names are letters, digits and `!#$%&'*+-.^_`|~`, without spaces")


def framing_header_write(name: str) -> Message:
    return Message(f"`{name}` frames the message: Envoy sets it, and a filter that wrote it could make one "
                   "request read as two", "Envoy computes it from the body and the connection; leave it out")


def bad_target_literal(attribute: str) -> Message:
    """A literal written into `attribute` that the run-time check would refuse."""
    text = {"request.path": "this is not a request path: it must start with `/` and contain no spaces or control characters",
            "request.method": "this is not an HTTP method: a method is letters, digits and `!#$%&'*+-.^_`|~`",
            "request.host": "this is not a host: write host or host:port, without spaces, `@` or `/`"}
    hint = "spaces and other bytes outside a URL are written `%XX`, e.g. `%20`" if "path" in attribute else None
    return Message(text[attribute.replace("url_path", "path")], hint)


def control_bytes_in_literal() -> Message:
    return Message("header values cannot contain control characters (CR, LF, NUL, ...)",
                   "a header value is one line: remove the `\\n`, `\\r` or other control escapes")


# ------------------------------------------------------------------ driver


def tree_nested_too_deeply(limit: int) -> Message:
    """A syntax tree given as JSON that nests deeper than the parser allows."""
    return Message(_nested_too_deeply(limit))


def invalid_tree(where: str, problem: str) -> Message:
    """A JSON document that is not a syntax tree: the path of the problem, and pydantic's words for it."""
    return Message(f"{where}: {problem}")


def internal_error(error: Exception, where: str) -> Message:
    return Message(f"internal compiler error: {type(error).__name__}: {error} (in {where}); "
                   "please report this with the source file")


# ------------------------------------------------------------------ helpers


def _did_you_mean(name: str) -> str:
    return f"did you mean `{name}`?"


# Builders kept in their own module, named here like every other.
from .messages_state import (  # noqa: E402  (after the builders they sit beside)
    duplicate_store, every_period, limit_literal, limit_phase, respond_outside_stream, store_default_literal,
    store_outside_every, store_type, unknown_store, written_in_done,
)
