"""How a pwc module lays out its linear memory and reports run-time errors.

These are pwc's own conventions (not the ABI's), shared by the emitter, the
WAT stdlib and the tests.  The stdlib refers to the layout only through the
globals the emitter defines (`$heap_base`, `$scratch_top`, `$scratch_end`,
`$pheap_top`), and to the error codes by the numbers below.

    0 .. LOW_RESERVED        out-parameter slots for host calls (stdlib's)
    DATA_START ..            string literals (data segments)
    heap_base ..             scratch arena: bump-allocated, released when
                             each proxy_on_* callback returns
    heap_base+SCRATCH_SIZE.. persistent heap: per-stream state and
                             configuration, size-class free lists, grows
                             with memory.grow up to MAX_MEMORY_PAGES
"""

from enum import IntEnum

PAGE_SIZE = 65536
LOW_RESERVED = 1024
DATA_START = LOW_RESERVED
SCRATCH_SIZE = 4 * 1024 * 1024
# The most a configuration may take once read (stdlib/cfg.wat): 64 MiB.
MAX_CONFIG_BYTES = 64 * 1024 * 1024
# 64 MiB: enough for thousands of concurrent streams' saved state, far
# below Envoy's 1 GiB per VM, and a hard bound the module declares.
MAX_MEMORY_PAGES = 1024


# The longest call timeout: the ABI passes a u32 of milliseconds, but Envoy
# reads it as a signed int and refuses values above INT32_MAX.
MAX_CALL_TIMEOUT_MS = 2**31 - 1


# How many read-change-writes of a shared-data slot `limit` and `once` try
# when other workers keep writing it first (stdlib/shared.wat).
STATE_TRIES = 8


class RuntimeErrorCode(IntEnum):
    """Values of the stdlib's `$rt_error` global; 0 means no error."""

    NONE = 0
    NOT_AN_INTEGER = 1
    OVERFLOW = 2
    DIVISION_BY_ZERO = 3
    OUT_OF_MEMORY = 4
    BAD_STATUS = 5
    BAD_TIMEOUT = 6
    BAD_PATH = 7
    BAD_METHOD = 8
    BAD_AUTHORITY = 9
    BAD_HEADER_NAME = 10
    BAD_CONVERSION = 11


RUNTIME_ERROR_MESSAGES = {
    RuntimeErrorCode.NOT_AN_INTEGER: "int(): the string is not an integer",
    RuntimeErrorCode.OVERFLOW: "integer overflow",
    RuntimeErrorCode.DIVISION_BY_ZERO: "division by zero",
    RuntimeErrorCode.OUT_OF_MEMORY: "out of memory",
    RuntimeErrorCode.BAD_STATUS: "respond: the status is not between 100 and 599",
    RuntimeErrorCode.BAD_TIMEOUT: "call: the timeout is not between 1ms and 2^31-1ms",
    RuntimeErrorCode.BAD_PATH: "refused: the path does not start with '/'",
    RuntimeErrorCode.BAD_METHOD: "refused: the method is not an HTTP token",
    RuntimeErrorCode.BAD_AUTHORITY: "refused: the host is not host[:port] (at most 512 bytes)",
    RuntimeErrorCode.BAD_HEADER_NAME: "refused: the header name is not a token, or names a framing header",
    RuntimeErrorCode.BAD_CONVERSION: "string(), int(), double() or bool(): the value does not convert",
}

# Errors about a value the filter was given rather than about the filter:
# a path, method, host or header name that cannot be written safely.  The
# filter answers them with 400, not 500: the request carried (or led to) a
# value no rule can use, and writing it would have sent a malformed request.
REFUSED_VALUE_ERRORS = frozenset({RuntimeErrorCode.BAD_PATH, RuntimeErrorCode.BAD_METHOD,
                                  RuntimeErrorCode.BAD_AUTHORITY, RuntimeErrorCode.BAD_HEADER_NAME})


def heap_base(data_end: int) -> int:
    """The first scratch byte: the end of the data segments, 16-aligned."""
    return (max(data_end, DATA_START) + 15) & ~15


def initial_pages(data_end: int) -> int:
    """Pages the module starts with: data and the whole scratch arena."""
    end = heap_base(data_end) + SCRATCH_SIZE
    return (end + PAGE_SIZE - 1) // PAGE_SIZE + 1


# The stdlib's fixed slots in bytes 0 .. LOW_RESERVED (never written by the
# emitter or the host except through the calls named here).  The WAT stdlib
# mirrors each as an immutable global of the same value (`$SLOT_*`); a unit
# test checks that they agree.  Bytes 0..15 stay unused so that a stray null
# pointer never lands on live data.
SLOT_RET_PTR = 16  # i32 out-param: ret_ptr of get_header_map_pairs, get_buffer_bytes, ...
SLOT_RET_LEN = 20  # i32 out-param: ret_len of the same calls
SLOT_RET_AUX = 24  # i32 out-param: http_call's call id, define_metric's id, ...
SLOT_RET_U64 = 32  # 8 bytes out-param: get_metric's value
SLOT_DETAILS = 48  # 4 bytes: "pwc", the details string of local replies; then 4 bytes: an empty pairs buffer
SLOT_HDR_CACHE = 64  # header-pairs cache, one entry per map type
HDR_CACHE_ENTRY = 16  # [state:i32, ptr:i32, len:i32, pad:i32]
HDR_CACHE_MAP_TYPES = 8  # map types 0..7 are cached (abi.MapType)
SLOT_FREE_LISTS = 256  # palloc free-list heads, one i32 per size class
PALLOC_MIN_CLASS = 4  # smallest block: 16 bytes (8 header + 8 payload)
PALLOC_MAX_CLASS = 30  # largest block: 1 GiB
LOW_USED_END = SLOT_FREE_LISTS + 4 * (PALLOC_MAX_CLASS + 1)
assert LOW_USED_END <= LOW_RESERVED
assert SLOT_HDR_CACHE + HDR_CACHE_ENTRY * HDR_CACHE_MAP_TYPES <= SLOT_FREE_LISTS

# The largest body a body phase buffers, unless the filter says (docs/language.md):
# Envoy's own default buffer limit (per_connection_buffer_limit_bytes).
BODY_LIMIT = 1 << 20
# The most of an http call's answer body that `x.body` keeps.
MAX_CALL_BODY = 65536
# Pending http calls are found by token in the stream table, under keys with
# this bit set, so they never collide with context ids.
CALL_TOKEN_KEY_BIT = 0x40000000
# The stream table's key of an `every` block's record: the root context's id,
# this bit, and the block's number from bit 20 (compiler/emit_root.py).
EVERY_RECORD_KEY_BIT = 0x20000000
