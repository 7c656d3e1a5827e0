"""Pass 1: source text -> syntax.Module.

The lark tree never leaves this module: it is transformed at once into the
node classes of syntax.py, each with its span.  Syntax errors become
diagnostics; after one, the offending line is blanked and parsing resumes, so
one run reports the errors of independent lines together.
"""

from __future__ import annotations

import hashlib
import os
import re
from functools import cache
from pathlib import Path
from importlib import resources
from typing import Iterator

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken, VisitError

from . import messages, syntax
from .diagnostics import Diagnostics, Message
from .source import Source, Span

MAX_SYNTAX_ERRORS = 20

# A `{` after one of these starts a block (or a call's field list); after
# anything else it starts a map literal.
_VALUE_TOKEN_TYPES = {"NAME", "STRING", "RAW_STRING", "INT", "DOUBLE", "DURATION"}
# Names that open a top-level declaration at the start of a line, and are names anywhere else.
_DIRECTIVES = {"type": "TYPE", "body_limit": "BODY_LIMIT", "store": "STORE", "every": "EVERY",
               "counter": "COUNTER", "histogram": "HISTOGRAM", "count": "COUNT", "observe": "OBSERVE"}
# Names that open a statement at its start, and are names anywhere else; and
# the name each of them turns into a keyword later in its statement.
_STATEMENT_WORDS: dict[str, tuple[str, str | None, str | None]] = {
    "limit": ("LIMIT", "per", "PER"), "store": ("STORE", None, None), "count": ("COUNT", None, None),
    "observe": ("OBSERVE", None, None)}
_BLOCK_AFTER_VALUES = {")", "]", "}", "true", "false", "else", "config"}
# Brackets whose lines are statements or declarations ("decl": `config {`, `type NAME {`).
_STATEMENT_BLOCKS = ("block", "decl")
# A newline after one of these continues the line (`?` not after a declared type: `note: string?`).
_CONTINUES_LINE = {",", "=", "==", "!=", "<", "<=", ">", ">=", "&&", "||", "+", "-", "*", "/", "%", "?", ":", "!", "in"}


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class _NewlinePostLexer:
    """Makes newlines mean "end of statement" only where a statement can end."""

    always_accept = ("_NL",)

    # The lexer is lark's basic one, not the contextual one: this postlexer
    # holds a newline back until it sees the next token, and a contextual
    # lexer would lex that token in the wrong parser state.

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        brackets: list[str] = []  # "paren", "map" or "block"
        previous: Token | None = None
        before: Token | None = None  # the token before `previous`
        pending_newline: Token | None = None
        closed_type: Token | None = None  # the `>` that closed the latest type's arguments
        later_word: tuple[str, str, int] | None = None  # (name, keyword, depth) of a statement word
        for token in stream:
            line_start = previous is None or pending_newline is not None
            token = self._as_name(token, previous, at_line_start=line_start)
            if token.type == "NAME" and token.value in _DIRECTIVES and line_start and not brackets:
                # `type Rule {` declares a record; `body_limit 65536` sets the body phases' limit
                token = Token.new_borrow_pos(_DIRECTIVES[token.value], token.value, token)
            statement_start = token.type != "_NL" and bool(brackets) and brackets[-1] == "block" and (
                pending_newline is not None or previous is not None and previous.value == "{")
            if statement_start:
                later_word = None
                if token.type == "NAME" and token.value in _STATEMENT_WORDS:  # `limit KEY to N per D`
                    keyword, later_name, later_keyword = _STATEMENT_WORDS[token.value]
                    token = Token.new_borrow_pos(keyword, token.value, token)
                    later_word = (later_name, later_keyword, len(brackets)) if later_name and later_keyword else None
            elif token.type == "NAME" and later_word is not None and token.value == later_word[0] \
                    and len(brackets) == later_word[2] and previous is not None \
                    and (previous.type in _VALUE_TOKEN_TYPES or previous.value in (")", "]", "}")):  # after an operand
                token = Token.new_borrow_pos(later_word[1], token.value, token)
                later_word = None
            if token.type == "_NL":
                inside_expression = brackets and brackets[-1] not in _STATEMENT_BLOCKS
                at_line_start = previous is None or previous.value == "{" and brackets and brackets[-1] in _STATEMENT_BLOCKS
                optional_mark = previous is not None and previous.value == "?" and brackets and brackets[-1] == "decl"
                continues = (previous is not None and previous.type not in _VALUE_TOKEN_TYPES
                             and previous.value in _CONTINUES_LINE and previous is not closed_type
                             and not optional_mark)
                if not (inside_expression or at_line_start or continues):
                    pending_newline = pending_newline or token
                continue
            if pending_newline is not None:
                if token.value not in ("}", "else") or token.type in _VALUE_TOKEN_TYPES:
                    yield pending_newline
                pending_newline = None
            if token.value == ">" and brackets and brackets[-1] == "type":
                closed_type = token  # `map<string, string>` ends a value: a newline after it ends the line
            self._track_brackets(token, previous, before, brackets)
            yield token
            previous, before = token, previous
        if pending_newline is not None:
            yield pending_newline

    @staticmethod
    def _as_name(token: Token, previous: Token | None, at_line_start: bool) -> Token:
        """A keyword after a `.` and `config` inside an expression are names:
        `parts.filter(p, ...)` is the macro, `request.headers {` ends a value
        (so the `{` opens a block), and `config.x` reaches the checker, which
        knows what it means."""
        after_dot = previous is not None and previous.value == "." and token.type != "NAME" \
            and _WORD.fullmatch(token.value) is not None
        if after_dot or token.type == "CONFIG" and not at_line_start:
            return Token.new_borrow_pos("NAME", token.value, token)
        return token

    @staticmethod
    def _track_brackets(token: Token, previous: Token | None, before: Token | None, brackets: list[str]) -> None:
        if token.type in _VALUE_TOKEN_TYPES:
            return
        if token.value in ("(", "["):
            brackets.append("paren")
        elif token.value == "<" and previous is not None and previous.value in ("list", "map") \
                and before is not None and (before.value == ":" and (not brackets or brackets[-1] in _STATEMENT_BLOCKS)
                                            or before.value in ("<", ",") and brackets and brackets[-1] == "type"):
            brackets.append("type")  # a type's arguments: `field: list<string>`
        elif token.value == ">" and brackets and brackets[-1] == "type":
            brackets.pop()
        elif token.value == "{":
            ends_value = previous is not None and (
                previous.type in _VALUE_TOKEN_TYPES or previous.value in _BLOCK_AFTER_VALUES
                # `x.headers {` ends a value; `respond ... headers {` starts a map
                or previous.type == "HEADERS" and before is not None and before.value == "."
            )
            declares = previous is not None and (previous.value == "config" or before is not None and before.type == "TYPE")
            brackets.append("decl" if declares else "block" if ends_value else "map")
        elif token.value in (")", "]", "}") and brackets:
            brackets.pop()


@cache
def _lark() -> Lark:
    grammar = resources.files(__package__).joinpath("pwf.lark").read_text(encoding="utf-8")
    return Lark(
        grammar,
        start="module",
        parser="lalr",
        lexer="basic",
        postlex=_NewlinePostLexer(),
        propagate_positions=True,
        cache=_tables_cache(grammar),  # the parse tables: saves ~0.2 s per run
        maybe_placeholders=True,
    )


def _tables_cache(grammar: str) -> str | bool:
    """The file lark keeps the parse tables in between runs: in the user's
    cache folder ($XDG_CACHE_HOME or ~/.cache, then pwc/), one file per
    grammar so that two versions of pwc never take turns rewriting it.  Not
    lark's default, the shared temp folder, where another user could leave a
    file for lark to unpickle.  False (the tables are built each run) when
    there is no folder to write to; lark checks a file against the grammar
    before using it, and rebuilds one it cannot read."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "pwc"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return False
    if not os.access(folder, os.W_OK):
        return False
    digest = hashlib.sha256(grammar.encode()).hexdigest()[:16]
    return str(folder / f"pwf-parser-{digest}.lark-cache")


def parse(source: Source, diagnostics: Diagnostics) -> syntax.Module | None:
    """Parse a whole file; returns None when it has syntax errors."""
    text = source.text
    failed = False
    for _ in range(MAX_SYNTAX_ERRORS):
        try:
            tree = _lark().parse(text)
        except UnexpectedInput as error:
            if failed and _only_filter_expected(error):
                return None  # the blanked line was a broken `filter`: its error is already reported
            failed = True
            span = _report_syntax_error(error, source, diagnostics)
            blanked = _blank_line(text, span.start)
            if blanked is None:
                return None
            text = blanked
            continue
        if failed:
            return None
        deep = syntax.too_deep(tree)
        if deep is not None:
            start = getattr(deep.meta, "start_pos", 0)
            diagnostics.error(messages.nested_too_deeply(syntax.MAX_NESTING), Span(start=start, end=start + 1))
            return None
        # Literal errors (a bad escape) leave the tree whole: later passes still run.
        builder = _Builder(source, diagnostics)
        try:
            return builder.transform(tree)
        except VisitError as error:  # a bug in the builder, not in the user's file
            raise error.orig_exc from None
    return None


def tokens_with_comments(text: str) -> list[tuple[str, str, int, int]]:
    """(type, text, start, end) of every token of a text that parses,
    comments included (the grammar ignores them): what `pwc fmt` puts back."""
    return [(token.type, token.value, token.start_pos or 0, token.end_pos or 0)
            for token in _lark().lex(text, dont_ignore=True) if token.type not in ("WS", "_NL")]


def _only_filter_expected(error: UnexpectedInput) -> bool:
    return set(getattr(error, "expected", None) or ()) == {"FILTER"}


def _blank_line(text: str, offset: int) -> str | None:
    """The text with the statement at `offset` blanked (its line, and lines
    before it that it continues), or None when resuming after it would only
    produce follow-on errors (the statement opens or closes a block)."""
    start = text.rfind("\n", 0, offset) + 1
    while start > 0:
        previous_start = text.rfind("\n", 0, start - 1) + 1
        previous = text[previous_start : start - 1].split("#")[0].rstrip()
        if not previous or previous[-1] not in ",=+-*/%&|!<>?:([":
            break
        start = previous_start
    end = text.find("\n", offset)
    end = len(text) if end < 0 else end
    statement = text[start:end]
    if not statement.strip() or "{" in statement or "}" in statement:
        return None
    return text[:start] + "".join(c if c == "\n" else " " for c in statement) + text[end:]


def _report_syntax_error(error: UnexpectedInput, source: Source, diagnostics: Diagnostics) -> Span:
    if isinstance(error, UnexpectedCharacters):
        offset = error.pos_in_stream or 0  # always set for characters
        char = source.text[offset] if offset < len(source.text) else ""
        span = Span(start=offset, end=offset + 1)
        line_before = source.text[source.text.rfind("\n", 0, offset) + 1 : offset]
        if char in "\"'":
            diagnostics.error(messages.unterminated_string(), span)
        elif _RAW_STRING_ENDED_EARLY.search(line_before):
            diagnostics.error(messages.raw_string_ended_early(char), span)
        else:
            diagnostics.error(messages.unexpected_character(char), span)
        return span
    if isinstance(error, UnexpectedEOF):
        return _report_end(source, diagnostics, error.expected)
    assert isinstance(error, UnexpectedToken), "lark raises characters, tokens or end of input"
    if error.token.type == "$END":
        return _report_end(source, diagnostics, error.expected)
    token = error.token
    cluster_missing = _call_without_cluster(source.text, token.start_pos or 0)
    if cluster_missing is not None:
        diagnostics.error(messages.call_without_cluster(), cluster_missing)
        return cluster_missing
    start = token.start_pos or 0
    span = Span(start=start, end=token.end_pos if token.end_pos is not None else start + 1)
    diagnostics.error(_unexpected_token(token, source, error.expected), span)
    return span


# A raw string ends at its first quote, even after a backslash: `r"k=\"` is
# the whole string, and what follows is read as code.
_RAW_STRING_ENDED_EARLY = re.compile(r"""[rR]"[^"\n]*\\"|[rR]'[^'\n]*\\'""")
_CALL_THEN_BRACE = re.compile(r"\bcall\s*\{")
_STATEMENT_KEYWORDS = {"SET", "ADD", "REMOVE", "REWRITE", "RESPOND", "CONTINUE", "IF", "LET", "VAR", "LOG", "COUNT",
                       "OBSERVE"}


def _report_end(source: Source, diagnostics: Diagnostics, expected) -> Span:
    """The file ended inside something: point at the `{` never closed, if any."""
    brace = _unclosed_brace(source.text)
    if brace is not None and ("RBRACE" in expected or "SET" in expected):
        span = Span(start=brace, end=brace + 1)
        diagnostics.error(messages.unclosed_brace(), span)
        return span
    end = len(source.text)
    span = Span(start=max(0, end - 1), end=end)
    diagnostics.error(messages.unexpected_end(expected), span)
    return span


def _unclosed_brace(text: str) -> int | None:
    """The offset of the `{` that no `}` closes (strings and comments
    skipped), or None.  Braces pair up from the inside, so the `}` meant for
    an outer block closes the inner one that lacks its own: the first `{`
    closed by a `}` indented differently from its line is the likely culprit;
    without one, the innermost `{` left open."""
    opened: list[int] = []
    misfit: int | None = None
    i = 0
    while i < len(text):
        char = text[i]
        if char == "#":
            i = text.find("\n", i)
            if i < 0:
                break
        elif char in "\"'":
            raw = i > 0 and text[i - 1] in "rR"
            i += 1
            while i < len(text) and text[i] not in (char, "\n"):
                i += 1 if raw or text[i] != "\\" else 2
        elif char == "{":
            opened.append(i)
        elif char == "}" and opened:
            brace = opened.pop()
            if misfit is None and _indent_at(text, brace) != _indent_at(text, i):
                misfit = brace
        i += 1
    if not opened:
        return None
    return misfit if misfit is not None else opened[-1]


def _indent_at(text: str, offset: int) -> int:
    """The indentation of the line holding `offset`."""
    start = text.rfind("\n", 0, offset) + 1
    line = text[start:offset]
    return len(line) - len(line.lstrip(" \t"))


def _call_without_cluster(text: str, error_at: int) -> Span | None:
    """The span of a `call` written without its cluster (`call { ... }`): the
    last `call` before where the parser stopped, when a `{` follows it."""
    call_at = text.rfind("call", 0, error_at + 1)
    if call_at < 0 or not _CALL_THEN_BRACE.match(text, call_at):
        return None
    return Span(start=call_at, end=call_at + 4)


def _unexpected_token(token: Token, source: Source, expected) -> Message:
    """An unexpected token, hinting at the common slip it shows, else at what the parser expected."""
    line_start = source.text.rfind("\n", 0, token.start_pos) + 1
    before = source.text[line_start : token.start_pos]
    outside_handler = "ON" in expected or set(expected) <= {"NAME", "HEADERS", "RBRACE", "_NL"}  # top level, config
    if token.type in _STATEMENT_KEYWORDS and outside_handler:
        return messages.statement_outside_handler(token)
    if token.value == "=" and before.lstrip().startswith(("if ", "else if ")):
        return messages.assignment_in_condition(token)
    if token.value in _CONTINUES_LINE and not before.strip():
        return messages.operator_starts_line(token)
    previous_char = source.text[token.start_pos - 1] if token.start_pos else ""
    if token.type == "NAME" and previous_char.isdigit():
        if before.lstrip().startswith("body_limit"):
            return messages.body_limit_unit(token)
        return messages.duration_without_unit(token)
    if token.type == "DURATION" and previous_char == ".":
        return messages.duration_fraction(token)
    return messages.unexpected_token(token, expected)


def _span(meta) -> Span:
    if getattr(meta, "empty", True):
        return Span()
    return Span(start=meta.start_pos, end=meta.end_pos, line=meta.line)


def _token_span(token: Token) -> Span:
    # lark types a token's positions Optional; the lexer always sets them
    return Span(start=token.start_pos or 0, end=token.end_pos or 0, line=token.line or 0)


def _binary(op: str):
    """A builder method for the binary operator `op`."""

    def build(self, meta, children):
        return syntax.Binary(op=op, left=children[0], right=children[1], span=_span(meta))

    return build


@v_args(meta=True)
class _Builder(Transformer):
    """lark tree -> syntax nodes.  Literal errors are reported, not raised."""

    def __init__(self, source: Source, diagnostics: Diagnostics):
        super().__init__()
        self.source = source
        self.diagnostics = diagnostics

    # top level
    def module(self, meta, children):
        filter_name, filter_span = children[0]
        module = syntax.Module(filter_name=filter_name, filter_span=filter_span, span=_span(meta),
                               source_name=self.source.name)
        for item in children[1:]:
            if item is None:
                continue
            if isinstance(item, syntax.Handler):
                module.handlers.append(item)
            elif isinstance(item, syntax.TypeDecl):
                module.types.append(item)
            elif isinstance(item, syntax.BodyLimit):
                module.body_limits.append(item)
            elif isinstance(item, syntax.StoreDecl):
                module.stores.append(item)
            elif isinstance(item, syntax.Every):
                module.every.append(item)
            elif isinstance(item, syntax.MetricDecl):
                module.metrics.append(item)
            else:
                fields, span = item
                module.config.extend(fields)
                module.config_spans.append(span)
        return module

    def filter_decl(self, meta, children):
        name = children[0]
        return name.value, name.span

    def config_block(self, meta, children):
        return list(children), _span(meta)

    def config_field(self, meta, children):
        name, type_ref, optional, default = children
        return syntax.ConfigField(name=name.value, type=type_ref, default=default,
                                                  optional=optional is not None, span=_span(meta))

    def type_decl(self, meta, children):
        _keyword, name, *fields = children
        return syntax.TypeDecl(name=name.value, name_span=_token_span(name), fields=fields,
                                               span=_span(meta))

    def body_limit_decl(self, meta, children):
        _keyword, size = children
        return syntax.BodyLimit(bytes=self.int_lit(meta, [size]).value, span=_span(meta))

    def metric_decl(self, meta, children):
        keyword, name = children
        return syntax.MetricDecl(type=keyword.value, name=name.value, name_span=_token_span(name),
                                                 span=_span(meta))

    def type_ref(self, meta, children):
        return syntax.TypeRef(name=children[0].value, args=list(children[1:]), span=_span(meta))

    def handler(self, meta, children):
        phase_tokens = [c for c in children if isinstance(c, Token)]
        body = children[-1]
        phase = " ".join(t.value for t in phase_tokens)
        phase_span = _token_span(phase_tokens[0]).cover(_token_span(phase_tokens[-1]))
        return syntax.Handler(phase=phase, phase_span=phase_span, body=body, span=_span(meta))

    def block(self, meta, children):
        return list(children)

    # statements
    def set_stmt(self, meta, children):
        return syntax.SetStmt(op="set", target=children[0], value=children[1], span=_span(meta))

    def add_stmt(self, meta, children):
        return syntax.SetStmt(op="add", target=children[0], value=children[1], span=_span(meta))

    def remove_stmt(self, meta, children):
        return syntax.RemoveStmt(target=children[0], span=_span(meta))

    def rewrite_stmt(self, meta, children):
        return syntax.RewriteStmt(target=children[0], pattern=children[1], template=children[2], span=_span(meta))

    def respond_stmt(self, meta, children):
        status, body, _headers_keyword, headers = children
        return syntax.RespondStmt(status=status, body=body, headers=headers, span=_span(meta))

    def store_decl(self, meta, children):
        _keyword, name, type_ref, default = children
        return syntax.StoreDecl(name=name.value, name_span=_token_span(name), type=type_ref,
                                                default=default, span=_span(meta))

    def every_block(self, meta, children):
        _keyword, period, body = children
        return syntax.Every(milliseconds=parse_duration(period.value), text=period.value, body=body,
                                            span=_span(meta))

    def store_stmt(self, meta, children):
        _keyword, name, value = children
        return syntax.StoreStmt(name=name.value, name_span=_token_span(name), value=value,
                                                span=_span(meta))

    def call_stmt(self, meta, children):
        return syntax.CallStmt(call=children[0], span=_span(meta))

    def limit_stmt(self, meta, children):
        _keyword, key, count, _per, period, reply = children
        return syntax.LimitStmt(key=key, count=count, period=period, reply=reply, span=_span(meta))

    def continue_stmt(self, meta, children):
        return syntax.ContinueStmt(span=_span(meta))

    def if_stmt(self, meta, children):
        condition, body, *rest = children
        branches = [syntax.Branch(condition=condition, body=body, span=_span(meta))]
        otherwise = None
        for part in rest:
            if isinstance(part, syntax.Branch):
                branches.append(part)
            else:
                otherwise = part
        return syntax.IfStmt(branches=branches, otherwise=otherwise, span=_span(meta))

    def else_if(self, meta, children):
        return syntax.Branch(condition=children[0], body=children[1], span=_span(meta))

    def else_block(self, meta, children):
        return children[0]

    def let_stmt(self, meta, children):
        name, value = children
        return syntax.LetStmt(name=name.value, name_span=_token_span(name), value=value, span=_span(meta))

    def var_stmt(self, meta, children):
        name, value = children
        return syntax.VarStmt(name=name.value, name_span=_token_span(name), value=value, span=_span(meta))

    def call_expr(self, meta, children):
        return syntax.CallExpr(cluster=children[0], fields=list(children[1:]), span=_span(meta))

    def call_field(self, meta, children):
        return syntax.CallField(name=children[0].value, value=children[1], span=_span(meta))

    def for_stmt(self, meta, children):
        *names, iterable, body = children
        value = names[1] if len(names) == 2 else None
        return syntax.ForStmt(
            name=names[0].value, name_span=_token_span(names[0]), value_name=value.value if value else "",
            value_span=_token_span(value) if value else syntax.NO_SPAN, iterable=iterable, body=body, span=_span(meta))

    def log_stmt(self, meta, children):
        level, message = children
        return syntax.LogStmt(level=level.value, level_span=_token_span(level), message=message, span=_span(meta))

    def count_stmt(self, meta, children):
        _keyword, name = children
        return syntax.CountStmt(name=name.value, name_span=_token_span(name), span=_span(meta))

    def observe_stmt(self, meta, children):
        _keyword, name, value = children
        return syntax.ObserveStmt(name=name.value, name_span=_token_span(name), value=value,
                                                  span=_span(meta))

    # expressions
    def conditional(self, meta, children):
        return syntax.Conditional(condition=children[0], then=children[1], otherwise=children[2], span=_span(meta))

    or_, and_ = _binary("||"), _binary("&&")
    eq, ne, lt, le, gt, ge, in_ = _binary("=="), _binary("!="), _binary("<"), _binary("<="), _binary(">"), _binary(">="), _binary("in")
    add, sub, mul, div, rem = _binary("+"), _binary("-"), _binary("*"), _binary("/"), _binary("%")

    def not_(self, meta, children):
        return syntax.Unary(op="!", operand=children[0], span=_span(meta))

    def neg(self, meta, children):
        return syntax.Unary(op="-", operand=children[0], span=_span(meta))

    def field(self, meta, children):
        return syntax.Member(target=children[0], name=children[1].value, span=_span(meta))

    def method(self, meta, children):
        target, name, args = children
        return syntax.Call(target=target, name=name.value, args=args or [], span=_span(meta))

    def index(self, meta, children):
        return syntax.Index(target=children[0], index=children[1], span=_span(meta))

    def function(self, meta, children):
        name, args = children
        return syntax.Call(name=name.value, args=args or [], span=_span(meta))

    def name(self, meta, children):
        return syntax.Name(name=children[0].value, span=_span(meta))

    def args(self, meta, children):
        return list(children)

    def map_entries(self, meta, children):
        return list(children)

    def map_entry(self, meta, children):
        return syntax.MapEntry(key=children[0], value=children[1], span=_span(meta))

    def list_lit(self, meta, children):
        return syntax.ListLit(items=children[0] or [], span=_span(meta))

    def map_lit(self, meta, children):
        return syntax.MapLit(entries=children[0] or [], span=_span(meta))

    def true_lit(self, meta, children):
        return syntax.BoolLit(value=True, span=_span(meta))

    def false_lit(self, meta, children):
        return syntax.BoolLit(value=False, span=_span(meta))

    def int_lit(self, meta, children):
        token = children[0]
        return syntax.IntLit(value=int(token.value, 0) if token.value[:2].lower() == "0x" else int(token.value), span=_token_span(token))

    def double_lit(self, meta, children):
        token = children[0]
        return syntax.DoubleLit(value=float(token.value), text=token.value, span=_token_span(token))

    def duration_lit(self, meta, children):
        token = children[0]
        return syntax.DurationLit(milliseconds=parse_duration(token.value), text=token.value, span=_token_span(token))

    def string(self, meta, children):
        token = children[0]
        span = _token_span(token)
        if token.type == "RAW_STRING":
            return syntax.StringLit(value=token.value[2:-1], raw=True, span=span)
        return syntax.StringLit(value=self._unescape(token.value, token.start_pos), span=span)

    def _unescape(self, quoted: str, start: int) -> str:
        body, out, i = quoted[1:-1], [], 0
        while i < len(body):
            char = body[i]
            if char != "\\":
                out.append(char)
                i += 1
                continue
            decoded, length = _decode_escape(body, i)
            if decoded is None:
                escape = body[i : i + max(2, length)]
                at = Span(start=start + 1 + i, end=start + 1 + i + len(escape))
                self.diagnostics.error(messages.bad_escape(escape, quoted), at)
                decoded = ""
            out.append(decoded)
            i += max(length, 2)
        return "".join(out)


_SIMPLE_ESCAPES = {"\\": "\\", '"': '"', "'": "'", "n": "\n", "t": "\t", "r": "\r", "`": "`", "?": "?"}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


def _decode_escape(body: str, i: int) -> tuple[str | None, int]:
    """Decode the escape at body[i] (a backslash): (text, length) or (None, length)."""
    kind = body[i + 1] if i + 1 < len(body) else ""
    if kind in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[kind], 2
    digits = _HEX_ESCAPES.get(kind)
    if digits:
        hex_text = body[i + 2 : i + 2 + digits]
        if len(hex_text) == digits and all(c in "0123456789abcdefABCDEF" for c in hex_text):
            code = int(hex_text, 16)
            if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
                return chr(code), 2 + digits
        return None, 2 + len(hex_text)
    return None, 2


_DURATION_UNITS = {"ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000}


def parse_duration(text: str) -> int:
    """Milliseconds of a duration literal such as `1m30s` (already lexed)."""
    total, number = 0, ""
    i = 0
    while i < len(text):
        if text[i].isdigit():
            number += text[i]
            i += 1
            continue
        unit = "ms" if text.startswith("ms", i) else text[i]
        total += int(number) * _DURATION_UNITS[unit]
        number = ""
        i += len(unit)
    return total


def leading_words(rule: str) -> tuple[str, ...]:
    """The keywords that can start `rule` of the grammar ("_stmt": a
    statement, "item": a top-level declaration), sorted: read from the
    grammar itself, so the language server completes what the parser takes."""
    lark = _lark()
    spelled = {terminal.name: terminal.pattern.value for terminal in lark.terminals if terminal.pattern.type == "str"}
    spelled |= {keyword: word for word, keyword in _DIRECTIVES.items()}
    spelled |= {keyword: word for word, (keyword, _, _) in _STATEMENT_WORDS.items()}
    expansions: dict[str, list[str]] = {}
    for grammar_rule in lark.rules:
        if grammar_rule.expansion:
            expansions.setdefault(grammar_rule.origin.name, []).append(grammar_rule.expansion[0].name)
    words: set[str] = set()
    pending, seen = [rule], set()
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        for first in expansions.get(name, ()):
            if first in expansions:
                pending.append(first)
            elif _WORD.fullmatch(spelled.get(first, "")):
                words.add(spelled[first])
    return tuple(sorted(words))
