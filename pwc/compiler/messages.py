"""Every message the compiler prints, one named builder each.

Messages are lowercase, put code in backticks and say what to do where there
is something to do.
"""

from __future__ import annotations

from lark import Token

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


def unexpected_token(token: Token) -> str:
    return f"unexpected {_describe(token)}"


def unexpected_character(char: str) -> str:
    return f"unexpected character `{char}`" if char.isprintable() else f"unexpected character {char!r}"


def unexpected_end() -> str:
    return "unexpected end of file"


def unterminated_string() -> str:
    return "unterminated string"


def expected_hint(expected) -> str | None:
    if {"NAME", "STRING", "INT"} <= set(expected):
        return "an expression was expected here"
    if "SET" in expected and "RESPOND" in expected:
        return "a statement was expected here (`set`, `add`, `remove`, `rewrite`, `respond`, `continue`, `if`, `let`, `log`)"
    names = sorted({_TOKEN_NAMES.get(name, _keyword(name)) for name in expected})
    if not names:
        return None
    if len(names) > 6:
        return "a statement or an expression was expected here"
    return "expected " + ", ".join(names[:-1]) + (" or " if len(names) > 1 else "") + names[-1]


def end_hint(expected) -> str | None:
    if "RBRACE" in expected or "SET" in expected:
        return "a `}` is missing: every `{` needs its `}`"
    return expected_hint(expected)


def _keyword(terminal: str) -> str:
    if terminal.startswith("__ANON") or not terminal.isupper():
        return "an operator"
    return f"`{terminal.lower()}`"


def assignment_in_condition() -> str:
    return "compare with `==`; `=` only appears in `set`, `add` and `let`"


def operator_starts_line(op: str) -> str:
    return f"to continue an expression on the next line, end the line before with `{op}`"


def duration_units() -> str:
    return "durations are written with the units ms, s, m and h, as in `500ms`, `2s`, `1m30s`"


def no_fractions() -> str:
    return "numbers are 64-bit integers: there are no fractions"


def bad_escape(escape: str) -> str:
    return f"unknown escape `{escape}` in string"


def bad_escape_hint(quoted: str) -> str:
    return f"write a raw string, r{quoted}, to keep backslashes as they are, or `\\\\` for one backslash"


# ---------------------------------------------------------------- checker


def unknown_phase(phase: str, suggestion: str | None) -> str:
    return f"unknown phase `{phase}`"


def phase_not_supported(phase: str) -> str:
    return f"`on {phase}` is not supported yet"


def duplicate_phase(phase: str) -> str:
    return f"`on {phase}` is declared twice"


def unknown_name(name: str) -> str:
    return f"unknown name `{name}`"


def unknown_attribute(path: str) -> str:
    return f"unknown attribute `{path}`"


def did_you_mean(name: str) -> str:
    return f"did you mean `{name}`?"


def type_mismatch(what: str, expected: str, got: str) -> str:
    return f"{what} must be {expected}, not {got}"


def operator_types(op: str, left: str, right: str) -> str:
    return f"`{op}` cannot combine {left} and {right}"


def compare_types(op: str, left: str, right: str) -> str:
    return f"cannot compare {left} with {right} using `{op}`"


def unknown_function(name: str) -> str:
    return f"unknown function `{name}`"


def wrong_arity(name: str, expected: int, got: int) -> str:
    plural = "argument" if expected == 1 else "arguments"
    return f"`{name}` takes {expected} {plural}, not {got}"


def not_assignable(what: str) -> str:
    return f"cannot write to {what}"


def write_targets() -> str:
    return ("write to `request.headers[NAME]`, `response.headers[NAME]`, `request.path`, "
            "`request.url_path`, `request.method` or `request.host`")


def wrong_phase(what: str, phase: str) -> str:
    return f"{what} is not available in `on {phase}`"


def redeclared(name: str) -> str:
    return f"`{name}` is already declared in this scope"


def unknown_log_level(level: str) -> str:
    return f"unknown log level `{level}`"


def bad_header_name(name: str) -> str:
    return f"`{name}` is not a valid header name" if name else "a header name cannot be empty"


def control_bytes_in_literal() -> str:
    return "header values cannot contain control characters (CR, LF, NUL, ...)"


def pseudo_header_write(name: str, attribute: str) -> str:
    return f"write `{attribute}` instead of the pseudo-header `{name}`"


def framing_header_write(name: str) -> str:
    return f"`{name}` frames the message: Envoy sets it, and a filter that wrote it could make one request read as two"


def bad_filter_name(name: str) -> str:
    return f"{name!r} cannot name a filter: it names files, Envoy's root_id and Kubernetes resources"


def bad_target_literal(attribute: str) -> str:
    return {"request.path": "this is not a request path: it must start with `/` and contain no spaces or control characters",
            "request.method": "this is not an HTTP method: a method is letters, digits and `!#$%&'*+-.^_`|~`",
            "request.host": "this is not a host: write host or host:port, without spaces, `@` or `/`"}[attribute]


def body_without_content(status: int) -> str:
    return f"a {status} response has no body: HTTP does not send one with 1xx, 204 or 304"


def cluster_not_literal() -> str:
    return "the cluster of a `call` must be a string literal or a configuration value"


def status_range(status: int) -> str:
    return f"status {status} is out of range: HTTP statuses run from 100 to 599"


def int_literal_range() -> str:
    return "integer literal out of the 64-bit range"


def not_supported_yet(what: str, issue: str) -> str:
    return f"{what} is not supported yet ({issue})"


def headers_not_a_value(attribute: str) -> str:
    return f"`{attribute}` is a header map: index it with a name, as in `{attribute}[\"x-id\"]`, or test a name with `in`"


def config_not_supported() -> str:
    return "`config` blocks are not supported yet"


def unreachable_after(kind: str) -> str:
    return f"this statement never runs: the phase has already ended at the `{kind}` before it"


def unknown_call_field(name: str) -> str:
    return f"unknown `call` field `{name}`"


def duplicate_call_field(name: str) -> str:
    return f"`{name}` is given twice"


def zero_timeout() -> str:
    return "a call timeout of 0 would wait forever"


def timeout_too_long() -> str:
    return "a call timeout must be at most 2^31 - 1 milliseconds (about 24 days), the most Envoy accepts"


def unknown_call_result_field(name: str, field: str) -> str:
    return f"a call result has no `{field}`"


def call_not_a_value() -> str:
    return "a call result is not a value by itself"


def unknown_config_type(spelled: str) -> str:
    return f"unknown configuration type `{spelled}`"


def duplicate_config_field(name: str) -> str:
    return f"configuration field `{name}` is declared twice"


def config_default_not_literal() -> str:
    return "a configuration default must be a literal value"


def config_not_a_value() -> str:
    return "`config` is not a value by itself"


def unknown_config_field(name: str) -> str:
    return f"unknown configuration field `{name}`"


def metadata_needs_key() -> str:
    return 'read node metadata by key, as in `node.metadata["ISTIO_VERSION"]`'


def not_rewritable(what: str) -> str:
    return f"cannot rewrite {what}" if what.startswith("this") else f"cannot rewrite `{what}`"


def rewrite_targets() -> str:
    return ("rewrite `request.path`, `request.url_path`, `request.host`, `request.headers[NAME]` "
            "or `response.headers[NAME]`")


def pattern_not_literal() -> str:
    return "the pattern of `matches` must be a string literal"


def internal_error(what: str) -> str:
    return f"internal compiler error: {what}"


def nested_too_deeply(limit: int) -> str:
    return f"this is nested too deeply: at most {limit} levels of blocks and operators"


def header_map_in_let() -> str:
    return "a whole header map cannot be kept in a `let`"


def patterns_too_large(total: int, limit: int) -> str:
    return f"the filter's patterns together compile to {total} instructions (limit {limit})"


# Methods authors reach for on a header map, and what the language says instead.
HEADER_MAP_METHODS = {
    "get": 'read a header by indexing: `{map}["{name}"]` (an absent header reads "")',
    "has": 'test presence with `in`: `"{name}" in {map}`',
    "contains": 'test presence with `in`: `"{name}" in {map}`',
    "containsKey": 'test presence with `in`: `"{name}" in {map}`',
}

# Attributes that later versions of the language add, and what to do today.
NOT_YET_ATTRIBUTES = {
    "request.body": "bodies are not readable yet: rules see headers, the path and the request line",
    "response.body": "bodies are not readable yet: rules see headers and the status",
}


def unclosed_brace() -> str:
    return "this `{` is never closed: the file ends inside its block"


def call_without_cluster() -> str:
    return "`call` needs the cluster it calls before its `{`"


def call_cluster_hint() -> str:
    return 'name it: `call "auth" { path: "/x" }`, or configure it: `call config.auth_cluster { ... }`'


def raw_string_quote() -> str:
    return ("a raw string ends at its first quote, even after a backslash: "
            "write it in the other quotes, r'k=\"[^\"]+\"' holds `\"`")


def statement_outside_handler(keyword: str) -> str:
    return f"`{keyword}` is a statement: it belongs inside `on request {{ ... }}` or `on response {{ ... }}`"


def costly_pattern(per_byte: int) -> str:
    return (f"this pattern may cost up to {per_byte:,} wasm instructions per byte it reads "
            f"({per_byte * 61_440 / 1e9:.1f} billion for a 60 KiB header)")


def first_declared(name: str) -> str:
    return f"`{name}` is first declared here"
