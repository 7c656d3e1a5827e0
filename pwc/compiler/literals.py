"""What a literal written into a request must be, checked at compile time:
header names that are tokens naming neither a pseudo-header nor a framing
header, values without control bytes, pseudo-header values the run-time
checks (stdlib/target.wat) would let through."""

from __future__ import annotations

from . import messages, syntax, targets
from .attributes import ATTRIBUTE_OF_PSEUDO_HEADER as PSEUDO_HEADER_ATTRIBUTE
from .diagnostics import Diagnostics

# What a literal written into a pseudo-header (or a call's field) must be:
# the same rules stdlib/target.wat applies to computed values.
TARGET_LITERAL_OK = {"request.path": lambda text: targets.request_target(text) == text,
                     "request.url_path": lambda text: targets.request_target(text) == text,
                     "request.method": targets.is_token, "request.host": targets.is_authority}


def has_no_body(status: int) -> bool:
    """Whether HTTP forbids a body with `status` (1xx, 204, 304)."""
    return 100 <= status < 200 or status in (204, 304)


def has_control_bytes(text: str) -> bool:
    """Whether `text` holds a byte below 0x20 but tab, or DEL (never written into a header)."""
    return any((ord(c) < 0x20 and c != "\t") or ord(c) == 0x7F for c in text)


def name_ok(diag: Diagnostics, node, read: bool = False) -> None:
    """A literal header name is a token; a written one names neither a
    pseudo-header nor a framing header (reading them is fine)."""
    if not isinstance(node, syntax.StringLit):
        return
    name = node.value
    if name.startswith(":") and name.lower() in PSEUDO_HEADER_ATTRIBUTE:
        if not read:
            diag.error(messages.pseudo_header_write(name, PSEUDO_HEADER_ATTRIBUTE[name.lower()]), node.span)
        return
    if not targets.is_token(name):
        diag.error(messages.bad_header_name(name), node.span)
    elif targets.is_framing_header(name) and not read:
        diag.error(messages.framing_header_write(name.lower()), node.span)


def target_ok(diag: Diagnostics, attribute: str, node) -> None:
    """A literal written into a pseudo-header must be what the run-time check would let through."""
    value_ok(diag, node)
    if isinstance(node, syntax.StringLit) and not has_control_bytes(node.value):
        if not TARGET_LITERAL_OK[attribute](node.value):
            diag.error(messages.bad_target_literal(attribute), node.span)


def value_ok(diag: Diagnostics, node) -> None:
    """A literal written into a header has no control bytes."""
    if isinstance(node, syntax.StringLit) and has_control_bytes(node.value):
        diag.error(messages.control_bytes_in_literal(), node.span)
