"""The literal patterns of a filter, checked: each compiled once (errors
point into the literal), all of them together held to one budget of
instructions, since each becomes code in the module."""

from __future__ import annotations

from . import functions, messages, syntax
from .checked import Checked
from .diagnostics import Diagnostics
from .regex import COSTLY_PER_BYTE, CompiledRegex, RegexError, compile_regex, parse_template

# The instructions all the distinct patterns of a filter compile to, together
# (one pattern may use them all: nfa.MAX_INSTRUCTIONS is the same number).
MAX_PATTERN_INSTRUCTIONS = 5000
MAX_TEMPLATE_GROUP = 9  # templates name groups $0..$9


class Patterns:
    def __init__(self, checked: Checked, diagnostics: Diagnostics):
        self.checked = checked
        self.diag = diagnostics
        self.pattern_sizes: dict[tuple[str, str, str | None], int] = {}  # (kind, pattern, template) -> instructions
        self.compiled_patterns: dict[str, CompiledRegex] = {}

    def template(self, literal: syntax.StringLit, regex: CompiledRegex | None) -> None:
        """A template for `regex`, or for a pattern from configuration (None),
        whose groups are known only when the module is configured: there, a
        group the pattern lacks inserts "", like one that did not take part."""
        groups = regex.group_count if regex is not None else MAX_TEMPLATE_GROUP
        try:
            self.checked.templates[id(literal)] = parse_template(literal.value, groups)
        except RegexError as error:
            self.diag.error(messages.regex_error(error), syntax.inner_span(literal, error.start, error.end))

    def compile(self, literal: syntax.StringLit, kind: str, template: str | None = None) -> CompiledRegex | None:
        """Compile a pattern at compile time; its errors point into the literal.
        Lowering generates one function per distinct (kind, pattern, template),
        so that is what the size limit counts."""
        if self.diag.has_error_within(literal.span):
            return None  # a bad escape was reported: the value is not what the author wrote
        try:
            if literal.value not in self.compiled_patterns:  # a pattern used twice is compiled once
                self.compiled_patterns[literal.value] = compile_regex(literal.value)
            compiled = self.compiled_patterns[literal.value]
        except RegexError as error:
            self.diag.error(messages.regex_error(error), syntax.inner_span(literal, error.start, error.end))
            return None
        self.pattern_sizes.setdefault((kind, compiled.pattern, template), len(compiled.automaton.insts))
        total = sum(self.pattern_sizes.values())
        if total > MAX_PATTERN_INSTRUCTIONS:
            # Each pattern becomes code in the module: bound the module and the compile, not just each pattern.
            self.diag.error(messages.patterns_too_large(total, MAX_PATTERN_INSTRUCTIONS), literal.span)
            del self.pattern_sizes[(kind, compiled.pattern, template)]
            return None
        if compiled.max_cost_per_byte > COSTLY_PER_BYTE:
            self.diag.warning(messages.costly_pattern(compiled.max_cost_per_byte), literal.span)
        self.checked.regexes[id(literal)] = compiled
        return compiled

    def arguments(self, node: syntax.Call, name: str, function: functions.Function, configured: bool) -> None:
        """A function of a pattern: a literal pattern is compiled now; a
        `configured` one (a `regex` value) when the module is configured.
        The template is a literal either way."""
        pattern = node.args[function.pattern_arg]
        template = node.args[function.template_arg] if function.template_arg is not None else None
        if not configured and not isinstance(pattern, syntax.StringLit):
            self.diag.error(messages.pattern_not_literal(name), pattern.span)
            return
        if template is not None and not isinstance(template, syntax.StringLit):
            self.diag.error(messages.template_not_literal(name), template.span)
            return
        if configured:
            if template is not None:
                self.template(template, None)
            return
        assert isinstance(pattern, syntax.StringLit), "refused above"
        regex = self.compile(pattern, function.regex_kind, template.value if template is not None else None)
        if regex is not None and template is not None:
            self.template(template, regex)
