"""What a value must be to reach a request line or a header name.

Envoy hands what a filter writes into `:path`, `:method` and `:authority`
to an HTTP/1 upstream verbatim, and a header write named `content-length`
or `transfer-encoding` changes how the message is framed.  These tables are
the one statement of the rules: the checker applies them to literals at
compile time, and stdlib/target.wat (whose bitmaps tests/unit compares with
these sets) applies them to computed values at run time.
"""

from __future__ import annotations

import string

_ALNUM = string.ascii_letters + string.digits

# RFC 9110 token: a method, a header name.
TOKEN_BYTES = frozenset((_ALNUM + "!#$%&'*+-.^_`|~").encode())
# What a request target keeps as it is (RFC 3986 pchar, '/', '?', and '%'
# of existing escapes); every other byte is written %XX.
PATH_BYTES = frozenset((_ALNUM + "-._~!$&'()*+,;=:@/?%").encode())
# host[:port]: reg-name, IP literal brackets, port colon, escapes.  No '@'
# (userinfo), '/', '?', '#', space or control byte.
AUTHORITY_BYTES = frozenset((_ALNUM + "-._~!$&'()*+,;=:[]%").encode())
MAX_AUTHORITY = 512

# Headers that frame the message or the connection: Envoy computes them, and
# a filter that wrote them could make one request read as two.
FRAMING_HEADERS = ("content-length", "transfer-encoding", "connection", "upgrade", "te", "host",
                   "keep-alive", "proxy-connection")


def is_token(text: str) -> bool:
    return bool(text) and all(b in TOKEN_BYTES for b in text.encode())


def is_framing_header(name: str) -> bool:
    return name.lower() in FRAMING_HEADERS


def request_target(text: str) -> str | None:
    """`text` as the `:path` the module writes (unsafe bytes as %XX), or
    None when it is refused (it does not start with '/')."""
    if not text.startswith("/"):
        return None
    return "".join(chr(b) if b in PATH_BYTES else f"%{b:02X}" for b in text.encode())


def is_authority(text: str) -> bool:
    data = text.encode()
    return 0 < len(data) <= MAX_AUTHORITY and all(b in AUTHORITY_BYTES for b in data)


def bitmap(byte_set: frozenset[int]) -> tuple[int, int]:
    """The (lo, hi) i64 bitmaps stdlib/target.wat uses for a set of ASCII bytes."""
    lo = sum(1 << b for b in byte_set if b < 64)
    hi = sum(1 << (b - 64) for b in byte_set if 64 <= b < 128)
    return lo, hi
